"""The HTML report: one self-contained page a fact-checker can open offline and read.

It presents what ``score`` computed (no new analysis happens here): the headline figures, the
clusters (each with its members, typical texts, timeline, posts and network picture), the pages
and posts, the accounts with their reasons, the data coverage and the method with its limits. No
scripts, fonts or images come from the network; charts are inline SVG or embedded PNG. Every
sentence comes from :mod:`botwatch._lang`, in English, Russian or Kazakh.
"""

from __future__ import annotations

import base64
import html
import re
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from botwatch._lang import MESSAGES, check_lang, tr
from botwatch._version import __version__
from botwatch.schema import account_keys

if TYPE_CHECKING:
    from botwatch._result import ScoreResult

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
th,td{border:1px solid #dde2e8;padding:5px 7px;text-align:left;vertical-align:top;overflow-wrap:break-word}
td.txt{overflow-wrap:anywhere}
th{background:#eef1f4}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.high{color:#a4161a;font-weight:600}.mid{color:#b7791f}.low{color:#2f6f3e}
.note{background:#fff8e1;border-left:4px solid #f0b429;padding:8px 12px}
.small{font-size:.85em;color:#5b6670}
.cluster{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:4px 16px 12px;margin:16px 0}
.cluster h3{margin:10px 0 4px}.cluster h4{margin:14px 0 4px;font-size:1em}
.twocol{display:flex;flex-wrap:wrap;gap:16px}.twocol>div{flex:1 1 420px;min-width:0}
.members a,.members span{display:inline-block;margin:0 10px 2px 0}
td,li{unicode-bidi:isolate}
"""


_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Bidirectional controls: written raw, one can reorder the text around it."""


def _attr(value: object) -> str:
    """Escaped text for an attribute's value."""
    return "" if value is None or value is pd.NA else html.escape(str(value))


def _e(value: object) -> str:
    """Escaped text; text holding a bidirectional control is isolated in ``<bdi>`` so that it
    cannot reorder what the reader sees around it."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    text = str(value)
    if _BIDI.search(text):
        return f"<bdi>{html.escape(text)}</bdi>"
    return html.escape(text)


def _score_class(score: float) -> str:
    return "high" if score >= 0.8 else "mid" if score >= 0.5 else "low"


def _histogram_svg(scores: np.ndarray, threshold: float, lang: str) -> str:
    counts, edges = np.histogram(scores, bins=20, range=(0, 1))
    height, width, bar = 140, 600, 600 / 20
    top = max(int(counts.max()), 1)
    bars = []
    for i, c in enumerate(counts):
        h = 0 if c == 0 else max(2.0, (np.log1p(c) / np.log1p(top)) * (height - 20))
        x = i * bar
        colour = "#a4161a" if edges[i] >= threshold else "#6b7c8f"
        tip = tr("histogram_bar", lang, a=edges[i], b=edges[i + 1], n=int(c))
        bars.append(
            f'<rect x="{x + 1:.1f}" y="{height - h:.1f}" width="{bar - 2:.1f}" '
            f'height="{h:.1f}" fill="{colour}"><title>{_e(tip)}</title></rect>'
        )
    tx = threshold * width
    return (
        f'<svg role="img" aria-label="{_attr(tr("histogram_label", lang))}" viewBox="0 -5 {width} '
        f'{height + 25}" width="100%" style="max-width:{width}px">'
        + "".join(bars)
        + f'<line x1="{tx}" x2="{tx}" y1="0" y2="{height}" stroke="#1d232a" '
        f'stroke-dasharray="4 3"/><text x="{tx + 4}" y="12" font-size="11">'
        f"{_e(tr('threshold', lang, t=threshold))}</text>"
        f'<text x="0" y="{height + 16}" font-size="11">0</text>'
        f'<text x="{width - 8}" y="{height + 16}" font-size="11">1</text></svg>'
        f'<p class="small">{_e(tr("histogram_caption", lang))}</p>'
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


def _duration(seconds: float, lang: str) -> str:
    if seconds != seconds:
        return ""
    if seconds < 120:
        return tr("seconds", lang, v=seconds)
    if seconds < 7200:
        return tr("minutes", lang, v=seconds / 60)
    if seconds < 2 * 86400:
        return tr("hours", lang, v=seconds / 3600)
    return tr("days", lang, v=seconds / 86400)


def _layers(layers: str, lang: str) -> str:
    """``co_comment=21;near_duplicate=11`` as lines a reader understands, with the link counts."""
    out = []
    for part in filter(None, layers.split(";")):
        name, _, count = part.partition("=")
        key = f"layer_{name}"
        out.append(f"{_e(tr(key, lang) if key in MESSAGES else name)}: {_e(count)}")
    return "<br>".join(out)


def _table(headers: tuple[str, ...], rows: list[str], lang: str) -> str:
    """A table whose header cells are the messages ``headers`` (``col_*`` keys) in ``lang``."""
    head = "".join(f"<th>{_e(tr(h, lang))}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _figures_section(figures: dict[str, bytes], lang: str) -> str:
    shown = [(name, figures[name]) for name in ("timeline", "delays", "rhythm", "network") if name in figures]
    if not shown:
        return ""
    out = [
        f'<section id="figures"><h2>{_e(tr("figures", lang))}</h2>'
        f'<p class="small">{_e(tr("figures_note", lang))}</p>'
    ]
    for name, png in shown:
        data = base64.b64encode(png).decode("ascii")
        out.append(
            f'<figure id="figure-{name}"><img src="data:image/png;base64,{data}" alt="{_attr(name)}" '
            f'style="max-width:100%"><figcaption class="small">{_e(tr("figure_" + name, lang))}'
            "</figcaption></figure>"
        )
    out.append("</section>")
    return "".join(out)


def _pages_section(result: ScoreResult, lang: str, max_posts: int = 20) -> str:
    pages, posts = result.pages, result.posts
    if pages is None or len(pages) == 0:
        return ""
    period = str(result.meta.get("period", "day"))
    period_word = tr(f"period_{period}", lang) if f"period_{period}" in _PERIODS else period
    out = [
        f'<section id="pages"><h2>{_e(tr("pages", lang))}</h2>'
        f"<p>{_e(tr('pages_intro', lang, period=period_word))}</p>"
    ]
    rows = []
    for row in pages.itertuples():
        when = tr("whole_dump", lang) if row.period == "all" else row.period_start
        style = ' style="font-weight:600"' if row.period == "all" else ""
        rows.append(
            f"<tr{style}><td>{_e(row.page_id)}</td><td>{_e(when)}</td>"
            f'<td class="num">{row.n_posts}</td><td class="num">{row.n_comments}</td>'
            f'<td class="num">{_pct(row.suspect_share)}</td><td class="num">{row.n_praise}</td>'
            f'<td class="num">{_pct(row.suspect_praise_share)}</td>'
            f'<td class="num">{_pct(row.cluster_share)}</td><td class="small">{_e(row.clusters)}</td></tr>'
        )
    out.append(
        _table(
            (
                "col_page",
                "col_period",
                "col_posts",
                "col_comments",
                "col_by_suspects",
                "col_praise",
                "col_praise_by_suspects",
                "col_by_clusters",
                "col_clusters_present",
            ),
            rows,
            lang,
        )
    )
    top = posts[posts["suspect_comments"] > 0].head(max_posts)
    if len(top):
        rows = [
            f"<tr><td>{_e(row.page_id)}</td><td>{_e(row.post_id)}</td>"
            f'<td>{_e(str(row.post_created_at)[:16])}</td><td class="num">{row.n_comments}</td>'
            f'<td class="num">{row.suspect_comments} ({_pct(row.suspect_share)})</td>'
            f'<td class="num">{_pct(row.suspect_praise_share)}</td>'
            f'<td class="small">{_e(row.clusters)}</td></tr>'
            for row in top.itertuples()
        ]
        out.append(f"<h3>{_e(tr('top_posts', lang, n=len(top)))}</h3>")
        out.append(
            _table(
                (
                    "col_page",
                    "col_post",
                    "col_posted",
                    "col_comments",
                    "col_by_suspects",
                    "col_praise_by_suspects",
                    "col_clusters_present",
                ),
                rows,
                lang,
            )
        )
    out.append("</section>")
    return "".join(out)


_PERIODS = {"period_day", "period_week", "period_month"}


def _timeline_svg(times: pd.Series, tz: str, label: str) -> str:
    """Comments per day (per week beyond half a year) as an inline bar chart."""
    local = times.dt.tz_convert(tz).dt.tz_localize(None)
    days = local.dt.floor("D")
    span = (days.max() - days.min()).days + 1
    freq = "W-SUN" if span > 183 else "D"
    counts = days.dt.to_period(freq).value_counts().sort_index()
    full = pd.period_range(counts.index.min(), counts.index.max(), freq=freq)
    counts = counts.reindex(full, fill_value=0)
    width, height = 520, 110
    bar = width / max(len(counts), 1)
    top = max(int(counts.max()), 1)
    bars = []
    for i, (period, c) in enumerate(counts.items()):
        h = 0 if c == 0 else max(1.5, c / top * (height - 14))
        start = period.start_time.strftime("%Y-%m-%d")
        bars.append(
            f'<rect x="{i * bar:.1f}" y="{height - h:.1f}" width="{max(bar - 1, 0.6):.1f}" '
            f'height="{h:.1f}" fill="#a4161a"><title>{start}: {int(c)}</title></rect>'
        )
    first = counts.index[0].start_time.strftime("%Y-%m-%d")
    last = counts.index[-1].start_time.strftime("%Y-%m-%d")
    return (
        f'<svg role="img" aria-label="{_attr(label)}" viewBox="0 0 {width} {height + 16}" width="100%" '
        f'style="max-width:{width}px">'
        + "".join(bars)
        + f'<text x="0" y="{height + 13}" font-size="10">{first}</text>'
        f'<text x="{width}" y="{height + 13}" font-size="10" text-anchor="end">{last}</text>'
        f'<text x="2" y="10" font-size="10">max {top}</text></svg>'
    )


def _network_svg(
    members: list[str], edges: pd.DataFrame, suspect: dict[str, bool], names: dict[str, str], label: str
) -> str:
    """The members (keys, shown by ``names``) and their significant links, laid out by a seeded
    spring layout."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(members)
    for e in edges.itertuples():
        w = float(e.weight)
        if g.has_edge(e.source, e.target):
            g[e.source][e.target]["weight"] = max(g[e.source][e.target]["weight"], w)
        else:
            g.add_edge(e.source, e.target, weight=w)
    pos = nx.spring_layout(g, seed=0, weight=None) if len(g) > 1 else {members[0]: np.zeros(2)}
    xy = np.array([pos[m] for m in members])
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    size = 320
    scaled = {m: 14 + (np.asarray(pos[m]) - lo) / span * (size - 28) for m in members}
    top = max((d["weight"] for _, _, d in g.edges(data=True)), default=1.0) or 1.0
    lines = [
        f'<line x1="{scaled[a][0]:.1f}" y1="{scaled[a][1]:.1f}" x2="{scaled[b][0]:.1f}" '
        f'y2="{scaled[b][1]:.1f}" stroke="#6b7c8f" stroke-opacity=".55" '
        f'stroke-width="{0.6 + 2.4 * d["weight"] / top:.2f}"/>'
        for a, b, d in g.edges(data=True)
    ]
    dots = [
        f'<circle cx="{scaled[m][0]:.1f}" cy="{scaled[m][1]:.1f}" r="5" '
        f'fill="{"#a4161a" if suspect.get(m) else "#2f6f3e"}" stroke="#fff">'
        f"<title>{_e(names.get(m, m))}</title></circle>"
        for m in members
    ]
    return (
        f'<svg role="img" aria-label="{_attr(label)}" viewBox="0 0 {size} {size}" width="100%" '
        f'style="max-width:{size}px">' + "".join(lines) + "".join(dots) + "</svg>"
    )


def _cluster_sections(
    result: ScoreResult,
    lang: str,
    linked: set[str],
    *,
    max_clusters: int = 12,
    max_members: int = 60,
    max_texts: int = 5,
    max_posts: int = 8,
) -> str:
    """One block per cluster (the largest first): members, texts, timeline, posts and links."""
    clusters = result.clusters
    if len(clusters) == 0:
        return ""
    acc = result.accounts
    keys = account_keys(acc).astype(str).to_numpy()
    by_key = acc.set_index(keys)
    comments = result.comments
    # Each account key once: a Python string per comment would cost more than the sections.
    code, distinct = pd.factorize(account_keys(comments), use_na_sentinel=False)
    distinct = np.asarray(distinct, dtype=object).astype(str)
    cluster_of = by_key["cluster_id"].reindex(distinct).to_numpy(dtype="float64", na_value=np.nan)[code]
    post_total = comments.groupby(["page_id", "post_id"], dropna=False).size()
    edges = result.edges
    tz = str(result.meta.get("tz", "UTC"))
    order = clusters.sort_values(["size", "cluster_id"], ascending=[False, True], kind="stable")
    out = []
    for row in order.head(max_clusters).itertuples():
        cid = int(row.cluster_id)
        mine = np.flatnonzero(cluster_of == cid)
        grp = comments.iloc[mine]
        member_keys = sorted(keys[(acc["cluster_id"] == cid).fillna(False).to_numpy(dtype=bool)])
        members = by_key.loc[member_keys].sort_values(["bot_score", "account_id"], ascending=[False, True])
        parts = [
            f'<div class="cluster" id="cluster-detail-{cid}">'
            f"<h3>{_e(tr('cluster_heading', lang, c=cid))}</h3>",
            _cluster_summary(row, lang, tz),
        ]

        parts.append(_cluster_members(members, linked, lang, max_members))

        parts.append(
            _cluster_texts(result.normalized.iloc[mine], grp["text"], distinct[code[mine]], lang, max_texts)
        )

        left = f"<h4>{_e(tr('cluster_timeline', lang))}</h4>" + _timeline_svg(
            grp["created_at"], tz, tr("cluster_timeline_label", lang, c=cid)
        )
        inner = edges[edges["source"].isin(member_keys) & edges["target"].isin(member_keys)]
        shown_members = member_keys if len(member_keys) <= 80 else list(members.index[:80])
        inner = inner[inner["source"].isin(shown_members) & inner["target"].isin(shown_members)]
        right = (
            f"<h4>{_e(tr('cluster_network', lang))}</h4>"
            + _network_svg(
                shown_members,
                inner,
                by_key.loc[shown_members, "is_suspect"].to_dict(),
                by_key.loc[shown_members, "account_id"].astype(str).to_dict(),
                tr("cluster_network", lang),
            )
            + f'<p class="small">{_e(tr("cluster_network_caption", lang))}</p>'
        )
        parts.append(f'<div class="twocol"><div>{left}</div><div>{right}</div></div>')

        parts.append(_cluster_posts(grp, post_total, lang, max_posts))
        parts.append("</div>")
        out.append("".join(parts))
    if len(clusters) > max_clusters:
        out.append(f'<p class="small">{_e(tr("clusters_more", lang, n=max_clusters))}</p>')
    return "".join(out)


def _cluster_summary(row: Any, lang: str, tz: str) -> str:
    """The paragraph that sums a cluster up: size, activity, rhythm, density, linked clusters."""
    parts = [
        "<p>"
        + _e(
            tr(
                "cluster_summary",
                lang,
                n=int(row.size),
                s=int(row.n_suspects),
                k=int(row.n_comments),
                p=int(row.n_posts),
                a=str(row.first_activity)[:10],
                b=str(row.last_activity)[:10],
            )
        ),
    ]
    if row.median_gap_s == row.median_gap_s:
        parts.append(" " + _e(tr("cluster_gap", lang, g=_duration(float(row.median_gap_s), lang))))
    if isinstance(row.peak_hours, str) and row.peak_hours:
        profile = tr(
            "cluster_profile",
            lang,
            d=_duration(float(row.median_delay_s), lang),
            n=int(row.active_days),
            h=", ".join(row.peak_hours.split(";")),
            tz=tz,
            o=_pct(row.office_share),
            x=_pct(row.night_share),
        )
        parts.append(" " + _e(profile))
    parts.append(" " + _e(tr("cluster_density", lang, d=f"{float(row.density):.2f}")))
    linked_to = getattr(row, "linked_clusters", "")
    if isinstance(linked_to, str) and linked_to:
        items = [item.split(":") for item in linked_to.split(";")[:3]]
        listed = ", ".join(tr("cluster_linked_item", lang, c=c, k=int(k)) for c, k in items)
        parts.append(" " + _e(tr("cluster_linked", lang, l=listed)))
    parts.append("</p>")
    return "".join(parts)


def _cluster_members(members: pd.DataFrame, linked: set[str], lang: str, max_members: int) -> str:
    """The members by handle with their scores, linked to the account table where listed there."""
    names = []
    for key, m in zip(members.index[:max_members], members.head(max_members).itertuples(), strict=True):
        shown = _e(m.handle if isinstance(m.handle, str) and m.handle else m.account_id)
        score = f' <span class="{_score_class(m.bot_score)}">{m.bot_score:.2f}</span>'
        if key in linked:
            names.append(f'<a href="#account-{_attr(m.account_id)}">{shown}</a>{score}')
        else:
            names.append(f"<span>{shown}{score}</span>")
    more = len(members) - min(len(members), max_members)
    extra = f" <span class='small'>{_e(tr('members_more', lang, n=more))}</span>" if more > 0 else ""
    return f'<h4>{_e(tr("members", lang))}</h4><p class="members">{"".join(names)}{extra}</p>'


def _cluster_texts(norm: pd.Series, text: pd.Series, keys: np.ndarray, lang: str, max_texts: int) -> str:
    """The cluster's most repeated texts, with how often and by how many of its accounts."""
    texts = pd.DataFrame({"norm": norm.to_numpy(), "text": text.to_numpy(), "acc": keys})
    texts = texts[texts["norm"].str.len() > 0]
    if not len(texts):
        return ""
    stats = texts.groupby("norm", sort=False).agg(
        times=("text", "size"), accounts=("acc", "nunique"), text=("text", "first")
    )
    stats = stats.sort_values(["times", "accounts"], ascending=False, kind="stable").head(max_texts)
    rows = [
        f'<tr><td class="txt">{_e(t.text)}</td><td class="num">{t.times}</td>'
        f'<td class="num">{t.accounts}</td></tr>'
        for t in stats.itertuples()
    ]
    return f"<h4>{_e(tr('typical_texts', lang))}</h4>" + _table(
        ("col_text", "col_times", "col_accounts"), rows, lang
    )


def _cluster_posts(grp: pd.DataFrame, post_total: pd.Series, lang: str, max_posts: int) -> str:
    """The posts the cluster hit most: its comments there, its share of them, its delay."""
    hit = grp.assign(_delay=(grp["created_at"] - grp["post_created_at"]).dt.total_seconds()).groupby(
        ["page_id", "post_id"], dropna=False, sort=False
    )
    posts = pd.DataFrame(
        {"n": hit.size(), "delay": hit["_delay"].median(), "posted": hit["post_created_at"].first()}
    )
    posts["total"] = post_total.reindex(posts.index).to_numpy()
    posts = posts.sort_values("n", ascending=False, kind="stable").head(max_posts)
    rows = [
        f"<tr><td>{_e(page)}</td><td>{_e(post)}</td><td>{_e(str(p.posted)[:16])}</td>"
        f'<td class="num">{p.n}</td><td class="num">{_pct(p.n / p.total)}</td>'
        f'<td class="num">{_e(_duration(float(p.delay), lang))}</td></tr>'
        for (page, post), p in zip(posts.index, posts.itertuples(), strict=True)
    ]
    columns = ("col_page", "col_post", "col_posted", "col_its_comments", "col_post_share", "col_delay")
    return f"<h4>{_e(tr('cluster_posts', lang))}</h4>" + _table(columns, rows, lang)


def render_report(
    result: ScoreResult,
    *,
    title: str | None = None,
    lang: str | None = None,
    max_accounts: int = 200,
    max_clusters: int = 12,
    figures: dict[str, bytes] | None = None,
) -> str:
    """Render the report as one HTML string.

    Parameters
    ----------
    result : ScoreResult
        What :func:`botwatch.score` returned.
    title : str, optional
        Page title; a default names the dump's pages and time range.
    lang : {"en", "ru", "kk"}, optional
        Report language: English, Russian or Kazakh. By default the language the result's
        reasons were written in (``score(..., lang=)``), so that the page speaks one language.
    max_accounts : int, default 200
        Accounts listed in the account table (all suspects are listed if fewer).
    max_clusters : int, default 12
        Clusters given a detailed section (the largest); the cluster table lists all.
    figures : dict of str to bytes, optional
        PNG figures by name (from :func:`botwatch.plots.write_plots`), embedded in the page as
        data URIs so that it stays one offline file.
    """
    meta = result.meta
    lang = check_lang(lang or str(meta.get("lang", "en")))
    acc = result.accounts
    n_comments = int(meta.get("n_comments", acc["n_comments"].sum()))
    title = title or tr("title", lang)
    shown = acc.head(max(max_accounts, int(acc["is_suspect"].sum())))
    linked = set(account_keys(shown).astype(str))
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body><main>",
        _headline_section(result, lang, title, n_comments),
        _clusters_section(result, lang, linked, max_clusters),
        _figures_section(figures or {}, lang),
        _pages_section(result, lang),
        _accounts_section(shown, len(acc), lang),
        _coverage_section(result, lang, n_comments),
        _method_section(result, lang),
        "</main></body></html>",
    ]
    return "\n".join(parts)


def _headline_section(result: ScoreResult, lang: str, title: str, n_comments: int) -> str:
    """The title, the subtitle and the headline figures with the score histogram."""
    meta, acc = result.meta, result.accounts
    n_acc = len(acc)
    n_sus = int(acc["is_suspect"].sum())
    sus_comments = int(acc.loc[acc["is_suspect"], "n_comments"].sum())
    praise_share, n_praise = _praise_share(result)
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    subtitle = tr(
        "subtitle",
        lang,
        a=str(meta.get("first_comment_at", ""))[:10],
        b=str(meta.get("last_comment_at", ""))[:10],
        n=int(meta.get("n_pages", 0)),
        platforms=", ".join(meta.get("platforms", [])),
        when=generated,
        v=__version__,
    )
    parts = [f'<h1>{_e(title)}</h1><p class="sub">{_e(subtitle)}</p>']
    if tr("translation_note", lang):
        parts.append(f'<p class="small">{_e(tr("translation_note", lang))}</p>')
    parts.append(f'<section id="headline"><h2>{_e(tr("headline", lang))}</h2><div class="cards">')
    cards = [
        (f"{n_comments:,}", tr("card_comments", lang)),
        (f"{n_acc:,}", tr("card_accounts", lang)),
        (f"{n_sus:,}", tr("card_suspects", lang, p=f"{100 * n_sus / max(n_acc, 1):.1f}%")),
        (f"{len(result.clusters):,}", tr("card_clusters", lang)),
        (f"{100 * sus_comments / max(n_comments, 1):.1f}%", tr("card_suspect_comments", lang)),
    ]
    if not np.isnan(praise_share):
        cards.append((f"{100 * praise_share:.1f}%", tr("card_praise", lang, n=f"{n_praise:,}")))
    parts.extend(f'<div class="card"><b>{v}</b>{_e(label)}</div>' for v, label in cards)
    parts.append("</div>")
    parts.append(_histogram_svg(acc["bot_score"].to_numpy(dtype=float), result.threshold, lang))
    parts.append("</section>")
    return "\n".join(parts)


def _clusters_section(result: ScoreResult, lang: str, linked: set[str], max_clusters: int) -> str:
    """The cluster table, and a detailed section for each of the largest clusters."""
    parts = [f'<section id="clusters"><h2>{_e(tr("clusters", lang))}</h2>']
    if len(result.clusters):
        parts.append(f"<p>{_e(tr('clusters_intro', lang))}</p>")
        rows = []
        detailed = set(
            result.clusters.sort_values(["size", "cluster_id"], ascending=[False, True], kind="stable")
            .head(max_clusters)["cluster_id"]
            .astype(int)
        )
        for row in result.clusters.itertuples():
            cid = int(row.cluster_id)
            name = f'<a href="#cluster-detail-{cid}">{cid}</a>' if cid in detailed else str(cid)
            rows.append(
                f'<tr id="cluster-{cid}"><td>{name}</td>'
                f'<td class="num">{row.size}</td><td class="num">{row.n_suspects}</td>'
                f'<td class="num">{row.n_comments}</td><td class="num">{row.n_posts}</td>'
                f'<td class="txt">{"<br>".join(_e(p) for p in str(row.pages).split(";"))}</td><td>'
                + _e(tr("from_to", lang, a=str(row.first_activity)[:10], b=str(row.last_activity)[:10]))
                + f"</td><td>{_layers(str(row.layers), lang)}</td>"
                f'<td class="txt">{_e(row.typical_text)}</td>'
                f'<td class="num">{_pct(getattr(row, "shared_text_share", np.nan))}</td></tr>'
            )
        columns = (
            "col_cluster",
            "col_accounts",
            "col_suspects",
            "col_comments",
            "col_posts",
            "col_pages",
            "col_active",
            "col_links",
            "col_typical",
            "col_shared_texts",
        )
        parts.append(_table(columns, rows, lang))
        parts.append(_cluster_sections(result, lang, linked, max_clusters=max_clusters))
    else:
        parts.append(f"<p>{_e(tr('no_clusters', lang))}</p>")
    parts.append("</section>")
    return "\n".join(parts)


def _accounts_section(shown: pd.DataFrame, n_acc: int, lang: str) -> str:
    """The table of the highest-scored accounts, with their reasons and evidence."""
    parts = [f'<section id="accounts"><h2>{_e(tr("accounts", lang))}</h2>']
    parts.append(f"<p>{_e(tr('accounts_intro', lang, k=len(shown), n=n_acc))}</p>")
    rows = []
    for row in shown.itertuples():
        cluster = (
            ""
            if pd.isna(row.cluster_id)
            else f'<a href="#cluster-{int(row.cluster_id)}">{int(row.cluster_id)}</a>'
        )
        rows.append(
            f'<tr id="account-{_attr(row.account_id)}"><td>{_e(row.account_id)}</td>'
            f'<td>{_e(row.handle)}</td><td class="num {_score_class(row.bot_score)}">'
            f'{row.bot_score:.2f}</td><td>{cluster}</td><td class="num">{row.n_comments}</td>'
            f'<td class="txt">{_e(row.reasons)}</td>'
            f'<td class="small txt">{_e(getattr(row, "evidence", ""))}</td>'
            f'<td class="small">{_e(row.unavailable)}</td></tr>'
        )
    columns = (
        "col_account",
        "col_handle",
        "col_score",
        "col_cluster",
        "col_comments",
        "col_reasons",
        "col_examples",
        "col_unavailable",
    )
    parts.append(_table(columns, rows, lang))
    parts.append("</section>")
    return "\n".join(parts)


def _coverage_section(result: ScoreResult, lang: str, n_comments: int) -> str:
    """What the dump covers, the zone assumed, coarse times and the rows left out."""
    meta = result.meta
    parts = [f'<section id="coverage"><h2>{_e(tr("coverage", lang))}</h2><ul>']
    counts = tr(
        "coverage_counts",
        lang,
        k=n_comments,
        a=len(result.accounts),
        p=int(meta.get("n_posts", 0)),
        n=int(meta.get("n_pages", 0)),
    )
    parts.append(f"<li>{_e(counts)}</li>")
    tz_note = (
        tr("coverage_tz_assumed", lang, tz=meta["assumed_tz"])
        if meta.get("assumed_tz")
        else tr("coverage_tz_given", lang)
    )
    rhythm = tr("coverage_rhythm_tz", lang, tz=meta.get("tz", ""))
    parts.append(f"<li>{_e(tz_note)} {_e(rhythm)}</li>")
    coarse = meta.get("coarse_time_share", 0.0)
    if coarse:
        parts.append(f"<li>{_e(tr('coverage_coarse', lang, p=100 * coarse))}</li>")
    rej = result.rejected
    if len(rej):
        rows = [
            f'<tr><td>{_e(reason)}</td><td>{_e(action)}</td><td class="num">{k}</td></tr>'
            for (reason, action), k in rej.groupby(["reason", "action"]).size().items()
        ]
        parts.append(
            f"<li>{_e(tr('coverage_rejected', lang))}"
            + _table(("col_reason", "col_action", "col_rows"), rows, lang)
            + f"{_e(tr('coverage_rejected_file', lang))}</li>"
        )
    else:
        parts.append(f"<li>{_e(tr('coverage_none_rejected', lang))}</li>")
    parts.append("</ul></section>")
    return "\n".join(parts)


def _method_section(result: ScoreResult, lang: str) -> str:
    meta = result.meta
    method = tr("method_text", lang, t=result.threshold, w=float(meta.get("window_s", 300)))
    changed = meta.get("cluster_settings") or {}
    listed = ", ".join(f"{k}={v}" for k, v in changed.items())
    settings = f'<p class="small">{_e(tr("cluster_settings", lang, s=listed))}</p>' if changed else ""
    return (
        f'<section id="method"><h2>{_e(tr("method", lang))}</h2><p>{_e(method)}</p>'
        # The caution is catalogue text with one <b>; nothing from the data goes into it.
        f'<div class="note"><p>{tr("method_caution", lang)}</p></div>'
        f'<p class="small">{_e(tr("model", lang, m=meta.get("model", "")))}</p>{settings}</section>'
    )
