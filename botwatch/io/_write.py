"""Writers of the result tables and the graph file.

Last stage of the data flow: what ``score`` computed goes to CSV files, a GEXF graph for Gephi and
the HTML report, all in one folder.
"""

from __future__ import annotations

import bz2
import gzip
import logging
import lzma
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from botwatch._progress import Steps
from botwatch.schema import account_keys

if TYPE_CHECKING:
    from botwatch._result import ScoreResult

__all__ = ["csv_chunks", "write_csv", "write_result"]


logger = logging.getLogger(__name__)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell starting with one of these as a formula (OWASP, CSV injection)."""


def write_csv(df: pd.DataFrame, path: str | os.PathLike[str], *, raw: bool = False) -> Path:
    """Write a table as UTF-8 CSV with ISO times (UTC offset included), safe to open in a spreadsheet.

    Every text cell that starts with a formula character (:data:`FORMULA_STARTS`) is written with a
    leading ``'``, so that ``=HYPERLINK(...)`` in a handle or a comment stays text in Excel or
    LibreOffice; numbers are written as numbers. Rows end in CRLF (RFC 4180), so every field holding
    a CR, an LF or a quote is quoted and no text can start a row of its own. ``raw=True`` writes
    the cells exactly as they are (for reading back by a program; a Parquet file is exact too).
    """
    path = Path(path)
    out = df.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = _isoformat(out[col])
    if path.suffix.lower() in (".zip", ".zst", ".tar"):  # archives as pandas makes them
        table = _defused_frame(out) if not raw else out
        table.to_csv(path, index=False, encoding="utf-8", lineterminator="\r\n")
        return path
    opener: Callable[[Path, str], BinaryIO] = _OPENERS.get(path.suffix.lower(), open)  # type: ignore[assignment]
    with opener(path, "wb") as f:
        for part in csv_chunks(out, defuse=not raw):
            f.write(part)
    return path


_OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
"""How :func:`write_csv` opens a path by its suffix: compressed as pandas would compress it."""


CSV_CHUNK_ROWS = 100_000
"""Rows :func:`csv_chunks` formats at once: memory stays bounded by the chunk, not the table."""


def csv_chunks(
    df: pd.DataFrame, chunk_rows: int = CSV_CHUNK_ROWS, *, defuse: bool = False
) -> Iterator[bytes]:
    """The bytes ``df.to_csv(index=False, lineterminator="\\r\\n")`` writes in UTF-8, in chunks of rows.

    The cells are formatted column by column as pandas formats them (numbers as NumPy prints
    them, booleans as ``True``/``False``, missing values empty) and quoted as the ``csv`` module
    quotes them (a cell holding a comma, a quote, a CR or an LF is quoted, its quotes doubled), in
    Arrow instead of one Python call per cell. A table this cannot format exactly (no columns,
    columns that are not one level of names, or a column of times or of another type pandas
    formats in its own way) is written by pandas itself.

    ``defuse=True`` writes every text cell (a column of objects, strings or categories) that
    starts with a formula character with a leading ``'``, as :func:`write_csv` does.
    """
    texts = [_is_text(dtype) for dtype in df.dtypes]
    if len(df.columns) == 0 or isinstance(df.columns, pd.MultiIndex) or not all(map(_formattable, df.dtypes)):
        yield (
            (_defused_frame(df) if defuse else df).to_csv(index=False, lineterminator="\r\n").encode("utf-8")
        )
        return
    single = len(df.columns) == 1
    yield _csv_lines([pa.array([str(c)], type=pa.large_string()) for c in df.columns], single=single)
    for start in range(0, len(df), chunk_rows):
        part = df.iloc[start : start + chunk_rows]
        cells = [_csv_cells(part.iloc[:, i]) for i in range(len(df.columns))]
        if defuse:
            cells = [_defused(c) if text else c for c, text in zip(cells, texts, strict=True)]
        yield _csv_lines(cells, single=single)


_NEEDS_QUOTES = '[",\r\n]'
_QUOTE, _NOTHING, _COMMA, _CRLF, _APOSTROPHE = (
    pa.scalar(s, type=pa.large_string()) for s in ('"', "", ",", "\r\n", "'")
)


def _formattable(dtype: object) -> bool:
    """Whether :func:`_csv_cells` writes a column of this type exactly as pandas does."""
    if isinstance(dtype, np.dtype):
        return dtype.kind in "fiubO"
    return isinstance(dtype, pd.StringDtype | pd.CategoricalDtype) or (
        isinstance(dtype, pd.api.extensions.ExtensionDtype)
        and getattr(dtype, "kind", "") in "iu"
        and dtype.name.startswith(("Int", "UInt"))
    )


def _csv_lines(columns: list[pa.Array], *, single: bool) -> bytes:
    """Rows of formatted cells, quoted where needed, joined by commas and ended by CRLF."""
    quoted = []
    for cells in columns:
        needs = pc.match_substring_regex(cells, _NEEDS_QUOTES)
        if single:  # the csv module quotes a row's only cell when it is empty
            needs = pc.or_(needs, pc.equal(pc.binary_length(cells), 0))
        if pc.any(needs).as_py():
            some = pc.replace_substring(cells.filter(needs), '"', '""')
            cells = pc.replace_with_mask(
                cells, needs, pc.binary_join_element_wise(_QUOTE, some, _QUOTE, _NOTHING)
            )
        quoted.append(cells)
    rows = pc.binary_join_element_wise(*quoted, _COMMA)
    lines = pc.binary_join_element_wise(rows, _NOTHING, _CRLF)
    if len(lines) == 0:
        return b""
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)[lines.offset : lines.offset + len(lines) + 1]
    start, stop = int(offsets[0]), int(offsets[-1])
    return lines.buffers()[2].slice(start, stop - start).to_pybytes()


def _csv_cells(values: pd.Series) -> pa.Array:
    """One column's cells as pandas writes them to CSV (before quoting), as an Arrow string array."""
    dtype = values.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "fiub":
        raw = values.to_numpy()
        if dtype.kind == "b":
            text = np.where(raw, "True", "False")
        else:
            text = raw.astype(str)
            if dtype.kind == "f":
                text[np.isnan(raw)] = ""
        return pa.array(text, type=pa.large_string())
    cells = values.astype(object).to_numpy()
    if pd.api.types.infer_dtype(cells, skipna=True) in ("string", "empty"):  # converted in Arrow
        return pa.array(cells, type=pa.large_string(), from_pandas=True).fill_null("")
    pairs = zip(cells.tolist(), pd.isna(cells).tolist(), strict=True)
    return pa.array(["" if gone else _cell_text(cell) for cell, gone in pairs], type=pa.large_string())


def _defused(cells: pa.Array) -> pa.Array:
    """The cells with a ``'`` before each one a spreadsheet would run as a formula."""
    risky = pc.starts_with(cells, FORMULA_STARTS[0])
    for start in FORMULA_STARTS[1:]:
        risky = pc.or_(risky, pc.starts_with(cells, start))
    if not pc.any(risky).as_py():
        return cells
    prefixed = pc.binary_join_element_wise(_APOSTROPHE, cells.filter(risky), _NOTHING)
    return pc.replace_with_mask(cells, risky, prefixed)


def _cell_text(cell: object) -> str:
    """A cell as the csv module writes it: floats by repr, everything else by str."""
    return cell if isinstance(cell, str) else repr(cell) if isinstance(cell, float) else str(cell)


def _isoformat(times: pd.Series) -> pd.Series:
    """``Timestamp.isoformat()`` of each zoned time ("" for none), column-wise where a time has no
    fraction of a second: its local date and time, then its zone's offset as isoformat writes it."""
    out = np.full(len(times), "", dtype=object)
    known = times.notna().to_numpy()
    local = times.dt.tz_localize(None).to_numpy("datetime64[ns]")
    whole = known & (local.astype(np.int64) % 1_000_000_000 == 0)
    if whole.any():
        offset = (local - times.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy("datetime64[ns]"))[whole]
        _, first, code = np.unique(offset, return_index=True, return_inverse=True)
        rows = np.flatnonzero(whole)
        suffix = np.array([times.iloc[rows[i]].isoformat()[19:] for i in first], dtype=object)
        stamp = np.datetime_as_string(local[whole].astype("datetime64[s]"), unit="s").astype(object)
        out[whole] = stamp + suffix[code.ravel()]
    for i in np.flatnonzero(known & ~whole):
        out[i] = times.iloc[i].isoformat()
    return pd.Series(out, index=times.index, dtype=object)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 forbids in a document, even escaped."""


def _xml_text(value: object) -> object:
    if isinstance(value, str) and _NOT_XML.search(value):
        return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    return value


def _xml_safe(graph: nx.Graph) -> nx.Graph:
    """The graph with every character XML forbids in its ids and text attributes written as ``\\xNN``,
    so that GEXF and GraphML files stay well-formed whatever a handle holds."""
    if not any(
        _xml_text(v) is not v for n, data in graph.nodes(data=True) for v in (n, *data.values())
    ) and not any(_xml_text(v) is not v for *_, data in graph.edges(data=True) for v in data.values()):
        return graph
    safe = nx.relabel_nodes(graph, {n: _xml_text(n) for n in graph.nodes}, copy=True)
    for _, data in safe.nodes(data=True):
        data.update({k: _xml_text(v) for k, v in data.items()})
    for *_, data in safe.edges(data=True):
        data.update({k: _xml_text(v) for k, v in data.items()})
    return safe


def _is_text(dtype: object) -> bool:
    """Whether a column of this type holds texts (objects, strings or categories)."""
    return (isinstance(dtype, np.dtype) and dtype.kind == "O") or isinstance(
        dtype, pd.StringDtype | pd.CategoricalDtype
    )


def _defused_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The table with :func:`_defuse` applied to each text column."""
    texts = [_is_text(dtype) for dtype in df.dtypes]
    if not any(texts):
        return df
    columns = [df.iloc[:, i] for i in range(len(df.columns))]
    return pd.concat([_defuse(c) if t else c for c, t in zip(columns, texts, strict=True)], axis=1)


def _defuse(values: pd.Series) -> pd.Series:
    """Prefix ``'`` to the text cells a spreadsheet would run as a formula."""
    text = values.astype("string")
    risky = text.str.startswith(FORMULA_STARTS).fillna(False).to_numpy(dtype=bool)
    if not risky.any():
        return values
    values = values.astype(object).copy()
    values[risky] = "'" + text[risky]
    return values


OUTPUT_FILES = (
    "accounts.csv",
    "clusters.csv",
    "edges.csv",
    "rejected.csv",
    "posts.csv",
    "pages.csv",
    "graph.gexf",
    "graph.graphml",
    "report.html",
)
"""The files :func:`write_result` writes in its folder, besides the figures in ``plots/``."""


MANIFEST = ".botwatch-outputs"
"""The file in an output folder that lists what botwatch wrote there, one path a line."""


def _own_outputs(out: Path) -> tuple[list[Path], list[Path]]:
    """What botwatch wrote in ``out`` by its manifest, and everything else there."""
    from botwatch.plots import PLOTS

    names = {out / n for n in OUTPUT_FILES} | {out / "plots" / f"{n}.png" for n in PLOTS}
    listed: set[Path] = set()
    if (out / MANIFEST).is_file():
        for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines():
            path = out / line.strip()
            # Only names botwatch writes, as plain files inside the folder: never a link's target.
            if path in names and path.is_file() and not path.is_symlink() and not path.parent.is_symlink():
                listed.add(path)
    plots = out / "plots"
    others = [p for p in out.iterdir() if p not in listed and p.name not in (MANIFEST, "plots")]
    if plots.is_symlink() or (plots.exists() and not plots.is_dir()):
        others.append(plots)
    elif plots.is_dir():
        others += [p for p in plots.iterdir() if p not in listed]
    return sorted(listed), sorted(others)


def check_output_folder(out: str | os.PathLike[str], overwrite: bool = False) -> None:
    """Refuse an output folder that holds files botwatch did not write, unless ``overwrite``.

    botwatch knows its own files by the manifest it leaves (:data:`MANIFEST`); those are replaced
    by the next run, so that a pseudonymised run into a folder that held a plain one leaves no
    real-name report or figure behind. Anything else is refused: a run never writes among files
    it did not make without being told to, and never deletes them.
    """
    from botwatch.errors import BotwatchError

    out = Path(out)
    if not out.exists():
        return
    if not out.is_dir():
        raise BotwatchError(f"{out}: the output must be a folder, and this is a file")
    _, others = _own_outputs(out)
    if others and not overwrite:
        shown = ", ".join(p.relative_to(out).as_posix() for p in others[:5])
        more = f" and {len(others) - 5} more" if len(others) > 5 else ""
        raise BotwatchError(
            f"{out} holds files botwatch did not write ({shown}{more}); choose a new or empty "
            "folder, or pass --overwrite (overwrite=True) to write beside them"
        )


def _clear_outputs(out: Path, overwrite: bool) -> None:
    """Check ``out`` (:func:`check_output_folder`) and remove botwatch's own earlier outputs."""
    check_output_folder(out, overwrite)
    if out.is_dir():
        for path in _own_outputs(out)[0]:
            path.unlink()


def write_result(
    result: ScoreResult,
    out_dir: str | os.PathLike[str],
    *,
    report: bool = True,
    lang: str | None = None,
    plots: bool = True,
    progress: bool | None = False,
    raw_csv: bool = False,
    overwrite: bool = False,
) -> dict[str, Path]:
    """Write ``accounts.csv``, ``clusters.csv``, ``edges.csv``, ``rejected.csv``, ``posts.csv``,
    ``pages.csv``, ``graph.gexf``, ``graph.graphml``, ``report.html`` and the figures as PNG files
    in ``plots/`` (:mod:`botwatch.plots`, also shown in the report) to ``out_dir`` (created if
    needed).

    Graph nodes carry ``bot_score``, ``is_suspect``, ``cluster_id``, ``n_comments`` and ``handle``;
    edges carry their summed weight, their layers and each layer's observed count and q-value.
    ``lang`` (``"en"``, ``"ru"`` or ``"kk"``) is the language of the report and the figures; by
    default the one the result's reasons were written in. ``progress`` shows a progress bar
    (None: only in a terminal). ``raw_csv`` writes the CSV cells exactly (see :func:`write_csv`).

    botwatch's own earlier outputs in ``out_dir`` (those its manifest, :data:`MANIFEST`, lists)
    are removed first, so that no output of an earlier run is left beside this one's. A folder
    that holds other files is refused with :class:`~botwatch.errors.BotwatchError` unless
    ``overwrite`` is true; those files are never deleted (a file of the same name as an output is
    written over).

    Returns
    -------
    dict
        Output name to path.
    """
    _clear_outputs(Path(out_dir), overwrite)
    steps = Steps(logger, _WRITE_STEPS, desc="writing", progress=progress)
    try:
        return _write(result, Path(out_dir), steps, report=report, lang=lang, plots=plots, raw_csv=raw_csv)
    finally:
        steps.close()


# Seconds each output took on the 883k-comment benchmark dump: the progress bar's weights.
_WRITE_STEPS = {"tables": 8.0, "graph": 8.0, "plots": 7.0, "report": 5.0}


def _write(
    result: ScoreResult,
    out: Path,
    steps: Steps,
    *,
    report: bool,
    lang: str | None,
    plots: bool,
    raw_csv: bool = False,
) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    steps.start("tables")
    paths = {
        "accounts": write_csv(result.accounts, out / "accounts.csv", raw=raw_csv),
        "clusters": write_csv(result.clusters, out / "clusters.csv", raw=raw_csv),
        "edges": write_csv(result.edges, out / "edges.csv", raw=raw_csv),
        "rejected": write_csv(result.rejected, out / "rejected.csv", raw=raw_csv),
        "posts": write_csv(result.posts, out / "posts.csv", raw=raw_csv),
        "pages": write_csv(result.pages, out / "pages.csv", raw=raw_csv),
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
    graph = _xml_safe(result.graph.to_networkx(node_data))
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
    written = sorted(p.relative_to(out).as_posix() for p in paths.values())
    (out / MANIFEST).write_text("".join(f"{w}\n" for w in written), encoding="utf-8")
    return paths
