"""The HTML report: self-contained, escaped, with its key sections."""

from __future__ import annotations

import re

import pytest

import botwatch
from botwatch.report import render_report


@pytest.fixture(scope="module")
def html(tiny_world):
    comments = tiny_world.comments.copy()
    comments.loc[0, "text"] = '<script>alert("x")</script> спасибо'
    result = botwatch.score(comments, tiny_world.accounts)
    return render_report(result)


def test_key_sections_are_present(html):
    for section in ("headline", "clusters", "accounts", "coverage", "method"):
        assert f'id="{section}"' in html
    assert "<svg" in html


def test_nothing_is_loaded_from_the_network(html):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert "@import" not in html


def test_comment_text_is_escaped(tiny_world):
    comments = tiny_world.comments.copy()
    # Make one account's every comment carry markup so that it surfaces in the cluster texts.
    comments["text"] = comments["text"].where(comments.index % 2 == 1, "<b>bold</b> & co")
    page = render_report(botwatch.score(comments, tiny_world.accounts))
    assert "<b>bold</b>" not in page


def test_other_languages_are_refused_clearly(tiny_world):
    result = botwatch.score(tiny_world.comments)
    with pytest.raises(ValueError, match="not available yet"):
        render_report(result, lang="fr")
