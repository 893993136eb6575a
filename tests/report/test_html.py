"""The HTML report: self-contained, escaped, with its key sections."""

from __future__ import annotations

import re
from html import escape

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
    with pytest.raises(ValueError, match="not available"):
        render_report(result, lang="fr")


def test_each_cluster_has_its_own_section_with_checkable_figures(world):
    result = botwatch.score(world.comments, world.accounts)
    page = render_report(result, max_clusters=3)
    clusters = result.clusters.sort_values(["size", "cluster_id"], ascending=[False, True])
    assert len(clusters) > 3
    detailed = clusters["cluster_id"].astype(int).tolist()[:3]
    for cid in clusters["cluster_id"].astype(int):
        assert (f'id="cluster-detail-{cid}"' in page) == (cid in detailed)
    cid = detailed[0]
    section = page.split(f'id="cluster-detail-{cid}"')[1].split('<div class="cluster"')[0]
    # Members: every one is named, and links lead to rows of the account table.
    members = result.accounts[result.accounts["cluster_id"] == cid]
    for m in members.itertuples():
        assert escape(str(m.handle)) in section
    for target in re.findall(r'href="#(account-[^"]+)"', section):
        assert f'id="{target}"' in page
    # Typical texts: the top line's count is the cluster's most repeated normalised text.
    keys = set(botwatch.graph.account_keys(members).astype(str))
    mine = botwatch.graph.account_keys(result.comments).astype(str).isin(keys).to_numpy()
    norm = result.normalized[mine]
    top = int(norm[norm.str.len() > 0].value_counts().iloc[0])
    typical = section.split("<tbody>")[1]
    assert re.search(r'<td class="num">(\d+)</td>', typical).group(1) == str(top)
    # Timeline and network pictures: one bar per day of activity, one dot per member.
    svgs = re.findall(r"<svg.*?</svg>", section, flags=re.S)
    assert len(svgs) == 2
    days = result.comments.loc[mine, "created_at"].dt.tz_convert(result.meta["tz"]).dt.normalize().nunique()
    assert sum(1 for h in re.findall(r'height="([\d.]+)" fill="#a4161a"', svgs[0]) if float(h) > 0) == days
    assert svgs[1].count("<circle") == min(len(members), 80)
