"""The report in a real headless browser: loads offline, no console error, key elements present.

Skipped where Chromium is not installed (a user's fresh clone); ``.ci/run`` installs Debian's
``chromium`` and sets ``BOTWATCH_REQUIRE_BROWSER``, so that in CI a missing browser is an error,
not a skip. The screenshot lands in ``$BOTWATCH_SCREENSHOTS`` when that
is set (for a person to look at), else in the test's temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from botwatch.cli import main

from .browser import chromium_path, visit

if os.environ.get("BOTWATCH_REQUIRE_BROWSER") and chromium_path() is None:
    raise RuntimeError("BOTWATCH_REQUIRE_BROWSER is set but chromium is not installed")
pytest.importorskip("websocket")
pytestmark = pytest.mark.skipif(chromium_path() is None, reason="chromium is not installed")

KEY_ELEMENTS = {
    "title": "document.title",
    "h1": "document.querySelector('h1') && document.querySelector('h1').textContent",
    "sections": "Array.from(document.querySelectorAll('section[id]')).map(s => s.id)",
    "svg": "document.querySelectorAll('svg').length",
    "cluster_rows": "document.querySelectorAll('#clusters tbody tr').length",
    "account_rows": "document.querySelectorAll('#accounts tbody tr').length",
    "page_rows": "document.querySelectorAll('#pages tbody tr').length",
    "broken_links": (
        "Array.from(document.querySelectorAll('a[href^=\"#\"]'))"
        ".filter(a => !document.getElementById(a.getAttribute('href').slice(1))).length"
    ),
    "width": "document.documentElement.scrollWidth",
    "lang": "document.documentElement.lang",
    "cluster_sections": "document.querySelectorAll('.cluster').length",
    "cluster_pictures": "document.querySelectorAll('.cluster svg').length",
    "images": "Array.from(document.images).map(i => i.complete && i.naturalWidth > 0)",
}


def _screenshot_dir(tmp_path: Path) -> Path:
    where = os.environ.get("BOTWATCH_SCREENSHOTS")
    folder = Path(where) if where else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module", params=["en", "ru"])
def sample_report(request, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    assert main(["score", "--sample", "--out", str(out), "--quiet", "--lang", request.param]) == 0
    return out / "report.html", request.param


def test_report_loads_offline_without_errors(sample_report, tmp_path):
    page, lang = sample_report
    shot = _screenshot_dir(tmp_path) / f"report-{lang}.png"
    seen = visit(page, expressions=KEY_ELEMENTS, screenshot=shot)
    assert seen.console_errors == []
    assert seen.network_requests == []
    v = seen.values
    assert v["title"] and "botwatch" in v["h1"] and v["lang"] == lang
    assert {"headline", "clusters", "figures", "pages", "accounts", "coverage", "method"} <= set(
        v["sections"]
    )
    assert v["svg"] >= 1 and v["cluster_rows"] >= 1 and v["account_rows"] >= 50 and v["page_rows"] >= 2
    assert len(v["images"]) >= 4 and all(v["images"])  # the embedded figures decode
    # Each cluster's section has its timeline and its network picture.
    assert v["cluster_sections"] >= 1 and v["cluster_pictures"] == 2 * v["cluster_sections"]
    assert v["broken_links"] == 0  # every in-page link (account, cluster, section) has its target
    assert v["width"] <= 1300  # no table forces sideways scrolling at 1280 pixels
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_the_check_catches_network_requests_and_errors(tmp_path):
    # The same check on a page that breaks both rules must fail them, or it proves nothing.
    page = tmp_path / "bad.html"
    page.write_text(
        '<html><body><img src="http://127.0.0.1:9/pixel.png">'
        "<script>console.error('broken'); undefinedFunction();</script></body></html>"
    )
    seen = visit(page)
    assert any(u.startswith("http://127.0.0.1:9/") for u in seen.network_requests)
    assert len(seen.console_errors) >= 2
