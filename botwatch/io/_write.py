"""Writers of the result tables and the graph file.

Last stage of the data flow: what ``score`` computed goes to CSV files, a GEXF graph for Gephi and
the HTML report, all in one folder.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from botwatch._progress import Steps
from botwatch.graph import account_keys

if TYPE_CHECKING:
    from botwatch._pipeline import ScoreResult

__all__ = ["write_csv", "write_result"]


logger = logging.getLogger(__name__)


def write_csv(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a table as UTF-8 CSV with ISO times (UTC offset included)."""
    path = Path(path)
    out = df.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].map(lambda t: "" if pd.isna(t) else t.isoformat())
    out.to_csv(path, index=False, encoding="utf-8")
    return path


def write_result(
    result: ScoreResult,
    out_dir: str | os.PathLike[str],
    *,
    report: bool = True,
    lang: str | None = None,
    plots: bool = True,
    progress: bool | None = False,
) -> dict[str, Path]:
    """Write ``accounts.csv``, ``clusters.csv``, ``edges.csv``, ``rejected.csv``, ``posts.csv``,
    ``pages.csv``, ``graph.gexf``, ``graph.graphml``, ``report.html`` and the figures as PNG files
    in ``plots/`` (:mod:`botwatch.plots`, also shown in the report) to ``out_dir`` (created if
    needed).

    Graph nodes carry ``bot_score``, ``is_suspect``, ``cluster_id``, ``n_comments`` and ``handle``;
    edges carry their summed weight, their layers and each layer's observed count and q-value.
    ``lang`` (``"en"``, ``"ru"`` or ``"kk"``) is the language of the report and the figures; by
    default the one the result's reasons were written in. ``progress`` shows a progress bar
    (None: only in a terminal).

    Returns
    -------
    dict
        Output name to path.
    """
    steps = Steps(logger, _WRITE_STEPS, desc="writing", progress=progress)
    try:
        return _write(result, Path(out_dir), steps, report=report, lang=lang, plots=plots)
    finally:
        steps.close()


# Seconds each output took on the 883k-comment benchmark dump: the progress bar's weights.
_WRITE_STEPS = {"tables": 8.0, "graph": 8.0, "plots": 7.0, "report": 5.0}


def _write(
    result: ScoreResult, out: Path, steps: Steps, *, report: bool, lang: str | None, plots: bool
) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    steps.start("tables")
    paths = {
        "accounts": write_csv(result.accounts, out / "accounts.csv"),
        "clusters": write_csv(result.clusters, out / "clusters.csv"),
        "edges": write_csv(result.edges, out / "edges.csv"),
        "rejected": write_csv(result.rejected, out / "rejected.csv"),
        "posts": write_csv(result.posts, out / "posts.csv"),
        "pages": write_csv(result.pages, out / "pages.csv"),
    }
    steps.done("tables", "tables written")
    steps.start("graph files")
    node_data = result.accounts.set_index(account_keys(result.accounts).to_numpy())[
        ["bot_score", "is_suspect", "cluster_id", "n_comments", "handle"]
    ].copy()
    # Graph formats type each attribute once: an integer column cannot hold a blank, so accounts
    # in no cluster get -1 (as in ``ClusterFinder.labels_``).
    node_data["cluster_id"] = node_data["cluster_id"].fillna(-1).astype("int64")
    node_data["is_suspect"] = node_data["is_suspect"].astype(bool)
    graph = result.graph.to_networkx(node_data)
    nx.write_gexf(graph, out / "graph.gexf")
    paths["graph"] = out / "graph.gexf"
    # GraphML too: Gephi, Cytoscape, igraph and graph-tool all read it.
    nx.write_graphml(graph, out / "graph.graphml")
    paths["graphml"] = out / "graph.graphml"
    steps.done("graph", "graph files written")
    figures: dict[str, bytes] = {}
    if plots:
        from botwatch.plots import write_plots

        steps.start("figures")
        for name, path in write_plots(result, out / "plots", lang=lang).items():
            paths[f"plot_{name}"] = path
            figures[name] = path.read_bytes()
        steps.done("plots", "figures drawn")
    if report:
        from botwatch.report import render_report

        steps.start("report")
        html_path = out / "report.html"
        html_path.write_text(render_report(result, lang=lang, figures=figures), encoding="utf-8")
        paths["report"] = html_path
        steps.done("report", "report written")
    return paths
