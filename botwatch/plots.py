"""Figures of a scored dump, for notebooks, articles and the report.

Each ``plot_*`` function draws on a matplotlib ``Axes`` (a new figure when none is given) and
returns it, so that researchers can restyle or combine them; :func:`write_plots` saves them all as
PNG files. Nothing here computes new evidence: the figures show what :func:`botwatch.score`
returned.

* :func:`plot_scores`: how many accounts fall in each score band, and the threshold;
* :func:`plot_timeline`: comments per day by the largest clusters, other suspects and everyone else;
* :func:`plot_delays`: how long after the post suspects and others comment;
* :func:`plot_rhythm`: the hour-of-day profile of suspects and others, in local time;
* :func:`plot_network`: the accounts in clusters and their significant links.
"""

from __future__ import annotations

import contextvars
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from botwatch._lang import check_lang, tr
from botwatch.schema import account_keys
from botwatch.views import comment_flags

if TYPE_CHECKING:
    from botwatch._result import ScoreResult

__all__ = [
    "PLOTS",
    "plot_delays",
    "plot_network",
    "plot_rhythm",
    "plot_scores",
    "plot_timeline",
    "write_plots",
]

_FRAMES: contextvars.ContextVar[dict[int, pd.DataFrame] | None] = contextvars.ContextVar(
    "botwatch_plot_frames", default=None
)
"""While :func:`write_plots` draws, each result's per-comment frame, made once for all figures."""

_SUSPECT = "#b2182b"
_OTHER = "#4d4d4d"
_CLUSTER_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d")


def _pyplot() -> Any:
    import matplotlib

    if matplotlib.get_backend().lower() not in {"agg", "module://matplotlib_inline.backend_inline"}:
        # Files only, no window: also safe on machines without a screen.
        matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


def _axes(ax: Any, size: tuple[float, float] = (7, 3.2)) -> Any:
    if ax is not None:
        return ax
    _, ax = _pyplot().subplots(figsize=size)
    return ax


def _lang(result: ScoreResult, lang: str | None) -> str:
    """The figures' language: ``lang``, else the one the result was scored in."""
    return check_lang(lang or str(result.meta.get("lang", "en")))


def _per_comment(result: ScoreResult) -> pd.DataFrame:
    made = _FRAMES.get()
    if made is None:
        return _comment_flags(result)
    if id(result) not in made:
        made[id(result)] = _comment_flags(result)
    return made[id(result)]


def _comment_flags(result: ScoreResult) -> pd.DataFrame:
    comments = result.comments
    _, suspect, cluster = comment_flags(comments, result.accounts)
    return pd.DataFrame(
        {
            # The columns' own arrays: converting zoned times to numpy gives one Python object
            # per comment (a quarter of a minute on a million comments).
            "created_at": comments["created_at"].array,
            "post_created_at": comments["post_created_at"].array,
            "precision": comments["time_precision_s"].to_numpy(dtype=float),
            "suspect": suspect,
            "cluster": cluster,
        }
    )


def plot_scores(result: ScoreResult, ax: Any = None, *, lang: str | None = None) -> Any:
    """Accounts per score band (log scale), suspects in red, with the threshold."""
    lang = _lang(result, lang)
    ax = _axes(ax)
    scores = result.accounts["bot_score"].to_numpy(dtype=float)
    bins = np.linspace(0, 1, 21)
    counts, _ = np.histogram(scores, bins=bins)
    colours = [_SUSPECT if lo >= result.threshold else _OTHER for lo in bins[:-1]]
    ax.bar(bins[:-1], counts, width=0.05, align="edge", color=colours)
    ax.set_yscale("symlog", linthresh=1)
    ax.axvline(result.threshold, color="0.3", linestyle="--", linewidth=1)
    ax.set_xlabel(tr("plot_score_axis", lang))
    ax.set_ylabel(tr("plot_accounts_axis", lang))
    ax.set_title(tr("plot_scores_title", lang, n=len(scores), t=result.threshold))
    return ax


def plot_timeline(
    result: ScoreResult, ax: Any = None, *, top: int = 5, tz: str | None = None, lang: str | None = None
) -> Any:
    """Comments per day: the ``top`` largest clusters, other suspects, and everyone else."""
    lang = _lang(result, lang)
    ax = _axes(ax, (8, 3.5))
    frame = _per_comment(result)
    zone = tz or result.meta.get("tz", "UTC")
    day = pd.to_datetime(frame["created_at"], utc=True).dt.tz_convert(zone).dt.floor("D").dt.tz_localize(None)
    largest = result.clusters.sort_values("n_comments", ascending=False)["cluster_id"].head(top).tolist()
    others, rest = tr("plot_other_suspects", lang), tr("plot_everyone_else", lang)
    names = {cid: tr("plot_cluster", lang, c=cid) for cid in largest}
    group = np.where(frame["suspect"], others, rest).astype(object)
    for cid in largest:
        group[frame["cluster"].to_numpy() == cid] = names[cid]
    counts = pd.crosstab(day, group)
    order = [names[c] for c in largest] + [others, rest]
    counts = counts.reindex(columns=[c for c in order if c in counts.columns], fill_value=0)
    colours = {names[c]: _CLUSTER_COLOURS[i % len(_CLUSTER_COLOURS)] for i, c in enumerate(largest)}
    colours.update({others: _SUSPECT, rest: "#bdbdbd"})
    bottom = np.zeros(len(counts))
    for name in counts.columns:
        values = counts[name].to_numpy()
        ax.bar(counts.index, values, bottom=bottom, width=0.9, color=colours[name], label=name)
        bottom += values
    ax.set_ylabel(tr("plot_per_day_axis", lang))
    ax.set_title(tr("plot_timeline_title", lang, tz=zone))
    ax.legend(fontsize=7, frameon=False, ncol=2)
    ax.figure.autofmt_xdate()
    return ax


def plot_delays(result: ScoreResult, ax: Any = None, *, lang: str | None = None) -> Any:
    """How long after the post comments come: suspects against everyone else (log scale)."""
    lang = _lang(result, lang)
    ax = _axes(ax)
    frame = _per_comment(result)
    delay = (
        pd.to_datetime(frame["created_at"], utc=True) - pd.to_datetime(frame["post_created_at"], utc=True)
    ).dt.total_seconds()
    usable = delay.notna().to_numpy() & (frame["precision"].to_numpy() <= 300)
    minutes = np.clip(delay.to_numpy(dtype=float) / 60, 0.1, None)
    bins = np.logspace(-1, 4.5, 34)
    for mask, label, colour in (
        (usable & frame["suspect"].to_numpy(), tr("plot_suspects", lang), _SUSPECT),
        (usable & ~frame["suspect"].to_numpy(), tr("plot_everyone_else", lang), _OTHER),
    ):
        if mask.any():
            ax.hist(
                minutes[mask],
                bins=bins,
                density=True,
                histtype="step",
                linewidth=1.8,
                color=colour,
                label=tr("plot_n_comments", lang, label=label, n=int(mask.sum())),
            )
    if not usable.any():
        ax.set_axis_off()
        ax.text(0.5, 0.5, tr("plot_no_delays", lang), ha="center", va="center", wrap=True)
        ax.set_title(tr("plot_delay_title", lang))
        return ax
    ax.set_xscale("log")
    ax.set_xlabel(tr("plot_delay_axis", lang))
    ax.set_ylabel(tr("plot_density_axis", lang))
    ax.set_title(tr("plot_delay_title", lang))
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8, frameon=False)
    return ax


def plot_rhythm(
    result: ScoreResult, ax: Any = None, *, tz: str | None = None, lang: str | None = None
) -> Any:
    """Share of comments in each hour of the day, local time: suspects against everyone else."""
    lang = _lang(result, lang)
    ax = _axes(ax)
    frame = _per_comment(result)
    zone = tz or result.meta.get("tz", "UTC")
    hour = pd.to_datetime(frame["created_at"], utc=True).dt.tz_convert(zone).dt.hour.to_numpy()
    fine = frame["precision"].to_numpy() <= 3600
    for mask, label, colour in (
        (fine & frame["suspect"].to_numpy(), tr("plot_suspects", lang), _SUSPECT),
        (fine & ~frame["suspect"].to_numpy(), tr("plot_everyone_else", lang), _OTHER),
    ):
        if mask.any():
            share = np.bincount(hour[mask], minlength=24) / mask.sum()
            ax.plot(np.arange(24), share, marker="o", markersize=3, color=colour, label=label)
    ax.set_xticks(range(0, 24, 3))
    ax.set_xlabel(tr("plot_hour_axis", lang, tz=zone))
    ax.set_ylabel(tr("plot_share_axis", lang))
    ax.set_title(tr("plot_rhythm_title", lang))
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8, frameon=False)
    return ax


def plot_network(
    result: ScoreResult, ax: Any = None, *, max_nodes: int = 400, seed: int = 0, lang: str | None = None
) -> Any:
    """Accounts in clusters and their significant links, coloured by cluster, red rim if suspect."""
    import networkx as nx

    lang = _lang(result, lang)
    ax = _axes(ax, (6.5, 6.5))
    acc = result.accounts.set_index(account_keys(result.accounts).to_numpy())
    in_cluster = acc[acc["cluster_id"].notna()]
    if len(in_cluster) > max_nodes:  # keep the largest clusters whole
        sizes = in_cluster["cluster_id"].map(in_cluster["cluster_id"].value_counts())
        in_cluster = in_cluster.loc[sizes.sort_values(ascending=False, kind="stable").index[:max_nodes]]
    graph = result.graph.to_networkx().subgraph(in_cluster.index).copy()
    graph.add_nodes_from(in_cluster.index)
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, tr("no_clusters", lang), ha="center", va="center", wrap=True)
        return ax
    pos = nx.spring_layout(graph, seed=seed, k=1.5 / np.sqrt(graph.number_of_nodes()))
    clusters = sorted(in_cluster["cluster_id"].unique())
    colour_of = {c: _CLUSTER_COLOURS[i % len(_CLUSTER_COLOURS)] for i, c in enumerate(clusters)}
    nodes = list(graph.nodes)
    nx.draw_networkx_edges(graph, pos, ax=ax, alpha=0.25, width=0.6)
    nx.draw_networkx_nodes(
        graph,
        pos,
        nodelist=nodes,
        ax=ax,
        node_size=[20 + 60 * float(in_cluster.at[n, "bot_score"]) for n in nodes],
        node_color=[colour_of[in_cluster.at[n, "cluster_id"]] for n in nodes],
        edgecolors=[_SUSPECT if in_cluster.at[n, "is_suspect"] else "white" for n in nodes],
        linewidths=1.0,
    )
    for c in clusters:
        members = [n for n in nodes if in_cluster.at[n, "cluster_id"] == c]
        x, y = np.mean([pos[n] for n in members], axis=0)
        ax.text(x, y, str(int(c)), fontsize=9, fontweight="bold", ha="center", va="center")
    ax.set_title(tr("plot_network_title", lang, n=len(nodes), c=len(clusters)))
    return ax


PLOTS = {
    "scores": plot_scores,
    "timeline": plot_timeline,
    "delays": plot_delays,
    "rhythm": plot_rhythm,
    "network": plot_network,
}
"""The figures :func:`write_plots` saves, by file name (without ``.png``)."""


def write_plots(
    result: ScoreResult, folder: str | os.PathLike[str], *, dpi: int = 120, lang: str | None = None
) -> dict[str, Path]:
    """Save every figure in :data:`PLOTS` as ``<name>.png`` in ``folder`` (created if needed).

    ``lang`` (``"en"``, ``"ru"`` or ``"kk"``) is the language of titles and labels; by default
    the one the result was scored in.
    """
    plt = _pyplot()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    token = _FRAMES.set({})
    try:
        for name, draw in PLOTS.items():
            ax = draw(result, lang=lang)
            fig = ax.figure
            try:
                fig.tight_layout()
                path = folder / f"{name}.png"
                fig.savefig(path, dpi=dpi)
                paths[name] = path
            finally:
                plt.close(fig)
    finally:
        _FRAMES.reset(token)
    return paths
