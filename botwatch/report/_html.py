"""The HTML report: one self-contained page a fact-checker can open offline and read.

It presents what ``score`` computed (no new analysis happens here): the headline figures, the
clusters, the accounts with their reasons, the data coverage and the method with its limits. No
scripts, fonts or images come from the network; the score chart is inline SVG.
"""

from __future__ import annotations

import base64
import html
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from botwatch._version import __version__

if TYPE_CHECKING:
    from botwatch._pipeline import ScoreResult

__all__ = ["render_report"]

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1d232a;
background:#fafafa;line-height:1.45}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:1.6em;margin:0 0 4px}h2{margin-top:36px;border-bottom:2px solid #dde2e8;padding-bottom:4px}
.sub{color:#5b6670;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:12px 16px;min-width:150px}
.card b{display:block;font-size:1.6em}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9em}
th,td{border:1px solid #dde2e8;padding:5px 7px;text-align:left;vertical-align:top}
th{background:#eef1f4}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.high{color:#a4161a;font-weight:600}.mid{color:#b7791f}.low{color:#2f6f3e}
.note{background:#fff8e1;border-left:4px solid #f0b429;padding:8px 12px}
.small{font-size:.85em;color:#5b6670}
"""


def _e(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    return html.escape(str(value))


def _score_class(score: float) -> str:
    return "high" if score >= 0.8 else "mid" if score >= 0.5 else "low"


def _histogram_svg(scores: np.ndarray, threshold: float) -> str:
    counts, edges = np.histogram(scores, bins=20, range=(0, 1))
    height, width, bar = 140, 600, 600 / 20
    top = max(int(counts.max()), 1)
    bars = []
    for i, c in enumerate(counts):
        h = 0 if c == 0 else max(2.0, (np.log1p(c) / np.log1p(top)) * (height - 20))
        x = i * bar
        colour = "#a4161a" if edges[i] >= threshold else "#6b7c8f"
        bars.append(
            f'<rect x="{x + 1:.1f}" y="{height - h:.1f}" width="{bar - 2:.1f}" '
            f'height="{h:.1f}" fill="{colour}"><title>{edges[i]:.2f}-{edges[i + 1]:.2f}: '
            f"{int(c)} accounts</title></rect>"
        )
    tx = threshold * width
    return (
        f'<svg role="img" aria-label="Distribution of bot scores" viewBox="0 -5 {width} '
        f'{height + 25}" width="100%" style="max-width:{width}px">'
        + "".join(bars)
        + f'<line x1="{tx}" x2="{tx}" y1="0" y2="{height}" stroke="#1d232a" '
        f'stroke-dasharray="4 3"/><text x="{tx + 4}" y="12" font-size="11">threshold '
        f'{threshold:g}</text><text x="0" y="{height + 16}" font-size="11">0</text>'
        f'<text x="{width - 8}" y="{height + 16}" font-size="11">1</text></svg>'
        '<p class="small">Accounts per score band (log scale); red bands are at or above '
        "the threshold.</p>"
    )


def _praise_share(result: ScoreResult) -> tuple[float, int]:
    """Share of praise comments written by suspects, from the page view's whole-dump rows."""
    pages = result.pages
    if pages is None or len(pages) == 0:
        return float("nan"), 0
    whole = pages[pages["period"] == "all"]
    n_praise = int(whole["n_praise"].sum())
    return (float(whole["suspect_praise"].sum() / n_praise) if n_praise else float("nan")), n_praise


def _pct(value: object) -> str:
    return "" if value is None or pd.isna(value) else f"{100 * float(value):.1f}%"  # type: ignore[arg-type]


_FIGURE_CAPTIONS = {
    "timeline": "Comments per day by the largest clusters, other suspects and everyone else.",
    "delays": "How long after the post comments come: suspects against everyone else.",
    "rhythm": "Share of comments in each hour of the day, in the pages' local time.",
    "network": "Accounts in clusters and their significant links; a red rim marks a suspect.",
}


def _figures_section(figures: dict[str, bytes]) -> str:
    shown = [(name, figures[name]) for name in _FIGURE_CAPTIONS if name in figures]
    if not shown:
        return ""
    out = [
        '<section id="figures"><h2>Figures</h2>'
        '<p class="small">The same figures are in plots/ as PNG files.</p>'
    ]
    for name, png in shown:
        data = base64.b64encode(png).decode("ascii")
        out.append(
            f'<figure id="figure-{name}"><img src="data:image/png;base64,{data}" alt="{_e(name)}" '
            f'style="max-width:100%"><figcaption class="small">{_e(_FIGURE_CAPTIONS[name])}'
            "</figcaption></figure>"
        )
    out.append("</section>")
    return "".join(out)


def _pages_section(result: ScoreResult, max_posts: int = 20) -> str:
    pages, posts = result.pages, result.posts
    if pages is None or len(pages) == 0:
        return ""
    out = [
        '<section id="pages"><h2>Pages and posts</h2><p>How much of each comment section '
        "suspected accounts and clusters wrote: all comments, and comments with praise "
        f"vocabulary, for the whole dump and per {_e(result.meta.get('period', 'period'))} "
        "(pages.csv and posts.csv hold every row).</p><table><thead><tr><th>Page</th>"
        "<th>Period</th><th>Posts</th><th>Comments</th><th>By suspects</th><th>Praise</th>"
        "<th>Praise by suspects</th><th>By clusters</th><th>Clusters present</th></tr></thead><tbody>"
    ]
    for row in pages.itertuples():
        period = "whole dump" if row.period == "all" else row.period_start
        style = ' style="font-weight:600"' if row.period == "all" else ""
        out.append(
            f"<tr{style}><td>{_e(row.page_id)}</td><td>{_e(period)}</td>"
            f'<td class="num">{row.n_posts}</td><td class="num">{row.n_comments}</td>'
            f'<td class="num">{_pct(row.suspect_share)}</td><td class="num">{row.n_praise}</td>'
            f'<td class="num">{_pct(row.suspect_praise_share)}</td>'
            f'<td class="num">{_pct(row.cluster_share)}</td><td class="small">{_e(row.clusters)}</td></tr>'
        )
    out.append("</tbody></table>")
    top = posts[posts["suspect_comments"] > 0].head(max_posts)
    if len(top):
        out.append(
            f"<h3>Posts with the most comments by suspects (top {len(top)})</h3><table><thead><tr>"
            "<th>Page</th><th>Post</th><th>Posted</th><th>Comments</th><th>By suspects</th>"
            "<th>Praise by suspects</th><th>Clusters present</th></tr></thead><tbody>"
        )
        for row in top.itertuples():
            out.append(
                f"<tr><td>{_e(row.page_id)}</td><td>{_e(row.post_id)}</td>"
                f'<td>{_e(str(row.post_created_at)[:16])}</td><td class="num">{row.n_comments}</td>'
                f'<td class="num">{row.suspect_comments} ({_pct(row.suspect_share)})</td>'
                f'<td class="num">{_pct(row.suspect_praise_share)}</td>'
                f'<td class="small">{_e(row.clusters)}</td></tr>'
            )
        out.append("</tbody></table>")
    out.append("</section>")
    return "".join(out)


def render_report(
    result: ScoreResult,
    *,
    title: str | None = None,
    lang: str = "en",
    max_accounts: int = 200,
    figures: dict[str, bytes] | None = None,
) -> str:
    """Render the report as one HTML string.

    Parameters
    ----------
    result : ScoreResult
        What :func:`botwatch.score` returned.
    title : str, optional
        Page title; a default names the dump's pages and time range.
    lang : {"en"}
        Report language.
    max_accounts : int, default 200
        Accounts listed in the account table (all suspects are listed if fewer).
    figures : dict of str to bytes, optional
        PNG figures by name (from :func:`botwatch.plots.write_plots`), embedded in the page as
        data URIs so that it stays one offline file.
    """
    if lang != "en":
        raise ValueError(f"report language {lang!r} is not available yet; use 'en'")
    meta = result.meta
    acc = result.accounts
    n_acc = len(acc)
    n_sus = int(acc["is_suspect"].sum())
    sus_comments = int(acc.loc[acc["is_suspect"], "n_comments"].sum())
    n_comments = int(meta.get("n_comments", acc["n_comments"].sum()))
    praise_share, n_praise = _praise_share(result)
    title = title or "botwatch report"
    parts = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body><main>"
    ]
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    parts.append(
        f'<h1>{_e(title)}</h1><p class="sub">Comments from '
        f"{_e(meta.get('first_comment_at', '')[:10])} to "
        f"{_e(meta.get('last_comment_at', '')[:10])} on {meta.get('n_pages', 0)} page(s) "
        f"({_e(', '.join(meta.get('platforms', [])))}). Generated {generated} by botwatch "
        f"{__version__}.</p>"
    )
    parts.append('<section id="headline"><h2>Headline</h2><div class="cards">')
    cards = [
        (f"{n_comments:,}", "comments analysed"),
        (f"{n_acc:,}", "accounts"),
        (f"{n_sus:,}", f"suspected accounts ({100 * n_sus / max(n_acc, 1):.1f}%)"),
        (f"{len(result.clusters):,}", "clusters acting together"),
        (f"{100 * sus_comments / max(n_comments, 1):.1f}%", "of comments written by suspects"),
    ]
    if not np.isnan(praise_share):
        cards.append((f"{100 * praise_share:.1f}%", f"of {n_praise:,} praise comments written by suspects"))
    parts.extend(f'<div class="card"><b>{v}</b>{_e(label)}</div>' for v, label in cards)
    parts.append("</div>")
    parts.append(_histogram_svg(acc["bot_score"].to_numpy(dtype=float), result.threshold))
    parts.append("</section>")

    parts.append('<section id="clusters"><h2>Clusters</h2>')
    if len(result.clusters):
        parts.append(
            "<p>Groups of accounts linked by significant joint activity: commenting "
            "on the same posts within minutes, on the same selection of posts, or with "
            "near-identical texts, more often than chance predicts.</p><table><thead><tr>"
            "<th>Cluster</th><th>Accounts</th><th>Suspects</th><th>Comments</th>"
            "<th>Posts</th><th>Pages</th><th>Active</th><th>Links</th>"
            "<th>Typical text</th></tr></thead><tbody>"
        )
        for row in result.clusters.itertuples():
            parts.append(
                f'<tr id="cluster-{row.cluster_id}"><td>{row.cluster_id}</td>'
                f'<td class="num">{row.size}</td><td class="num">{row.n_suspects}</td>'
                f'<td class="num">{row.n_comments}</td><td class="num">{row.n_posts}</td>'
                f"<td>{_e(row.pages)}</td><td>{_e(str(row.first_activity)[:16])} to "
                f"{_e(str(row.last_activity)[:16])}</td><td>{_e(row.layers)}</td>"
                f"<td>{_e(row.typical_text)}</td></tr>"
            )
        parts.append("</tbody></table>")
    else:
        parts.append("<p>No group of accounts acted together beyond what chance explains.</p>")
    parts.append("</section>")

    parts.append(_figures_section(figures or {}))
    parts.append(_pages_section(result))

    parts.append('<section id="accounts"><h2>Accounts</h2>')
    shown = acc.head(max(max_accounts, n_sus))
    parts.append(
        f"<p>The {len(shown)} highest-scoring of {n_acc} accounts. The score is the "
        "model's probability that the account is inauthentic (0 to 1).</p><table><thead>"
        "<tr><th>Account</th><th>Handle</th><th>Score</th><th>Cluster</th>"
        "<th>Comments</th><th>Reasons</th><th>Examples</th><th>Not available</th></tr></thead><tbody>"
    )
    for row in shown.itertuples():
        cluster = (
            ""
            if pd.isna(row.cluster_id)
            else f'<a href="#cluster-{int(row.cluster_id)}">{int(row.cluster_id)}</a>'
        )
        parts.append(
            f'<tr id="account-{_e(row.account_id)}"><td>{_e(row.account_id)}</td>'
            f'<td>{_e(row.handle)}</td><td class="num {_score_class(row.bot_score)}">'
            f'{row.bot_score:.2f}</td><td>{cluster}</td><td class="num">{row.n_comments}</td>'
            f'<td>{_e(row.reasons)}</td><td class="small">{_e(getattr(row, "evidence", ""))}</td>'
            f'<td class="small">{_e(row.unavailable)}</td></tr>'
        )
    parts.append("</tbody></table></section>")

    parts.append('<section id="coverage"><h2>Data coverage</h2><ul>')
    parts.append(
        f"<li>{n_comments:,} comments by {n_acc:,} accounts on "
        f"{meta.get('n_posts', 0):,} posts of {meta.get('n_pages', 0)} page(s).</li>"
    )
    tz_note = (
        f"Timestamps written without a time zone were read as local time in {_e(meta['assumed_tz'])}."
        if meta.get("assumed_tz")
        else "Every timestamp carried its time zone."
    )
    parts.append(f"<li>{tz_note} Daily rhythm is measured in {_e(meta.get('tz', ''))}.</li>")
    coarse = meta.get("coarse_time_share", 0.0)
    if coarse:
        parts.append(
            f"<li>{100 * coarse:.1f}% of comments have times coarser than a minute; "
            "timing signals were not used for them.</li>"
        )
    rej = result.rejected
    if len(rej):
        parts.append(
            "<li>Input rows left out or changed, by reason:<table><thead><tr><th>Reason"
            "</th><th>What happened</th><th>Rows</th></tr></thead><tbody>"
        )
        for (reason, action), k in rej.groupby(["reason", "action"]).size().items():
            parts.append(f'<tr><td>{_e(reason)}</td><td>{_e(action)}</td><td class="num">{k}</td></tr>')
        parts.append("</tbody></table>The rows are listed one by one in rejected.csv.</li>")
    else:
        parts.append("<li>No input row was left out.</li>")
    parts.append("</ul></section>")

    parts.append(
        '<section id="method"><h2>Method and limits</h2>'
        f"<p>Each account gets features from its comments (timing after the post, daily rhythm, "
        "repeated and copied texts, praise and attacks on other commenters, replies), from its "
        "profile where the dump has one (age, followers, avatar, registration together with "
        "other commenters) and from the account graph (links that are significant against a "
        "null model of chance co-activity). A gradient-boosted classifier turns them into a "
        "calibrated probability. An account is a suspect at a score of "
        f"{result.threshold:g} or more. Co-comment window: {meta.get('window_s', 300):g} s.</p>"
        '<div class="note"><p><b>Read with care.</b> The model was trained on simulated comment '
        "sections, because no labelled set of real Kazakh agency pages exists; its figures on "
        "real data are reported in the project's model card. A high score is a reason to look "
        "closer, not proof: real people can write like bots (a fan who praises every post, "
        "people reacting at once to viral news). Check the reasons against the comments before "
        "naming any account, and prefer findings about clusters and shares of comments to "
        "verdicts on single people.</p></div>"
        f'<p class="small">Model: {_e(meta.get("model", ""))}.</p></section>'
    )
    parts.append("</main></body></html>")
    return "\n".join(parts)
