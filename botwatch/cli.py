"""The ``botwatch`` command: parse arguments, call the library, write files.

Errors on input are reported in one line naming the file, record and field (exit code 2); nothing
here does analysis of its own.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import importlib
import logging
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from botwatch._lang import LANGUAGES
from botwatch._progress import limit_heap_arenas, release_memory
from botwatch._version import __version__
from botwatch.errors import BotwatchError

__all__ = ["main"]

logger = logging.getLogger("botwatch")


def _inputs(patterns: list[str]) -> list[Path]:
    paths: list[Path] = []
    for pattern in patterns:
        matches = sorted(glob.glob(pattern)) if any(c in pattern for c in "*?[") else [pattern]
        if not matches:
            raise BotwatchError(f"{pattern}: no file matches")
        for m in matches:
            p = Path(m)
            paths.append(p)  # folders are read recursively by the reader
    return paths


def _add_reading(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="CANONICAL=SOURCE",
        help="column mapping for comment files, e.g. --map text=body (repeatable, or "
        "comma-separated: --map text=body,account_id=author)",
    )
    p.add_argument(
        "--accounts-map",
        action="append",
        default=[],
        metavar="CANONICAL=SOURCE",
        help="column mapping for account files (repeatable, or comma-separated)",
    )
    p.add_argument(
        "--format",
        default="auto",
        metavar="FORMAT",
        help="input format: auto (recognised from the content, the default), tabular (csv, tsv, "
        "jsonl, json or parquet with canonical or mapped columns), or a dump format listed by "
        "`botwatch formats`",
    )
    p.add_argument(
        "--encoding",
        default=None,
        help="text encoding of every input (default: per file, UTF-8, UTF-16 or UTF-32 with a "
        "byte-order mark, or cp1251, whichever fits most lines; lines with bytes that do not fit "
        "are repaired and listed in rejected.csv)",
    )
    p.add_argument(
        "--platform",
        default=None,
        help="platform for rows that do not name one (vk, telegram, instagram, ...)",
    )
    p.add_argument(
        "--tz",
        default="Asia/Almaty",
        help="zone of timestamps written without one, and of the pages' daily rhythm (default: Asia/Almaty)",
    )
    p.add_argument(
        "--max-unpacked",
        type=_size,
        default=None,
        metavar="BYTES",
        help="bytes one .gz file or zip may unpack to, such as 20G (default: 8G, and no more than 1000 "
        "times its size past 100M, against decompression bombs)",
    )


def _size(value: str) -> int:
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
    number, unit = value.strip().upper().removesuffix("B"), ""
    if number[-1:] in units:
        number, unit = number[:-1], number[-1]
    try:
        size = int(float(number) * units[unit])
    except (ValueError, OverflowError):
        raise argparse.ArgumentTypeError(f"expected bytes such as 500M or 20G, got {value!r}") from None
    if size <= 0:
        raise argparse.ArgumentTypeError("the size must be positive")
    return size


def _window(value: str) -> float | str:
    if value == "auto":
        return value
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds or 'auto', got {value!r}") from None
    if seconds <= 0:
        raise argparse.ArgumentTypeError("the window must be positive")
    return seconds


def _cluster_param(value: str) -> tuple[str, Any]:
    """``NAME=VALUE`` of a clustering step setting: a number, ``inf`` or ``passthrough``."""
    name, sep, raw = value.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {value!r}")
    raw = raw.strip()
    if raw == "passthrough":
        return name.strip(), raw
    try:
        number = float(raw)
        if number != number:
            raise ValueError
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{name}: expected a number, 'inf' or 'passthrough', got {raw!r}"
        ) from None
    return name.strip(), int(number) if raw.lstrip("+-").isdigit() else number


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="botwatch",
        description="Find bot farms and paid inauthentic accounts in comment sections.",
    )
    parser.add_argument("--version", action="version", version=f"botwatch {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    _add_score(sub)
    for name in ("train", "evaluate"):
        _add_labelled(sub, name)
    _add_convert(sub)
    sub.add_parser("formats", help="list the dump formats botwatch recognises")
    _add_simulate(sub)
    return parser


def _add_score(sub: Any) -> None:
    sc = sub.add_parser(
        "score",
        help="score every account of a comment dump",
        description="Score every account of one or more comment dumps and write "
        "accounts.csv, clusters.csv, edges.csv, posts.csv, pages.csv, rejected.csv, "
        "graph.gexf, graph.graphml and report.html.",
    )
    sc.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="comment files, folders or globs (.csv .tsv .jsonl .json .parquet, optionally .gz)",
    )
    sc.add_argument(
        "--sample",
        action="store_true",
        help="score the sample dump shipped with botwatch (simulated, with profiles)",
    )
    sc.add_argument(
        "--accounts",
        action="append",
        default=[],
        metavar="FILE",
        help="account (profile) file (repeatable)",
    )
    _add_reading(sc)
    sc.add_argument("--out", required=True, help="output folder (created if needed)")
    _add_scoring_options(sc)
    _add_engine_options(sc)
    _add_output_options(sc)


def _add_engine_options(sc: Any) -> None:
    """The settings of ``botwatch score`` that choose where the work runs (results do not change)."""
    sc.add_argument(
        "--engine",
        choices=["memory", "dask"],
        default="memory",
        help="where the per-chunk stages (text normalisation, MinHash signatures) run: memory, in "
        "this process (default), or dask, as tasks on a Dask cluster (needs "
        'pip install "botwatch[dask]"); results are the same',
    )
    sc.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="with --engine dask, the address of a running Dask scheduler (tcp://host:8786); "
        "without it, a local cluster is started for the run and closed after",
    )
    sc.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help=f"with --engine dask and no --scheduler, worker processes of the local cluster, one "
        f"thread each (default: {_LOCAL_WORKERS})",
    )


_LOCAL_WORKERS = 2
"""Worker processes of the local Dask cluster when ``--workers`` is not given: the cores of a
typical laptop or small server, as the stages it runs are bound to one core per worker."""


def _add_scoring_options(sc: Any) -> None:
    """The settings of ``botwatch score`` that change what is found."""
    from botwatch.graph import DEFAULT_LAYERS, LAYERS

    sc.add_argument(
        "--threshold",
        type=float,
        default=0.5,
        help="bot_score at or above which an account is a suspect (default: 0.5)",
    )
    sc.add_argument(
        "--base-rate",
        type=float,
        default=None,
        help="share of inauthentic accounts you expect; shifts the probabilities",
    )
    sc.add_argument(
        "--window",
        type=_window,
        default=300.0,
        help="co-comment window in seconds, or 'auto' to learn it from the dump (default: 300)",
    )
    sc.add_argument(
        "--layers",
        default=",".join(DEFAULT_LAYERS),
        help=f"graph layers, comma-separated, from {', '.join(LAYERS)} (default: {','.join(DEFAULT_LAYERS)})",
    )
    sc.add_argument("--model", default=None, help="model file (default: the shipped model)")
    sc.add_argument(
        "--trust-model",
        action="store_true",
        help="allow loading a .joblib model file that did not ship with botwatch (joblib files "
        "run code when loaded: only for files you made); .json models are data and need no trust",
    )
    sc.add_argument("--seed", type=int, default=0, help="seed of the community detection")
    sc.add_argument(
        "--cluster-param",
        action="append",
        type=_cluster_param,
        default=[],
        metavar="NAME=VALUE",
        help="a setting of the steps that make the published clusters, as in "
        "ClusterRefiner.set_params: drop_outsiders__tight=0.8, or similar_texts=passthrough to "
        "skip a step (repeatable; scores do not depend on it)",
    )
    sc.add_argument(
        "--jobs",
        type=int,
        default=-1,
        help="graph layers built at once (default -1: one per core; results do not depend on it)",
    )


def _add_output_options(sc: Any) -> None:
    """The settings of ``botwatch score`` that change how the findings are written."""
    sc.add_argument(
        "--period",
        choices=["auto", "day", "week", "month"],
        default="auto",
        help="period of pages.csv (default: auto, by the dump's time span)",
    )
    sc.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default="en",
        help="language of the report, the figures and the reasons in accounts.csv: "
        "en (English), ru (Russian), kk (Kazakh); default en",
    )
    sc.add_argument(
        "--pseudonymize",
        action="store_true",
        help="replace account ids and handles in every output with salted pseudonyms, for sharing",
    )
    sc.add_argument(
        "--salt",
        default=None,
        help="secret for --pseudonymize; the same salt gives the same pseudonyms (default: the "
        "BOTWATCH_SALT environment variable, else a random salt used once)",
    )
    sc.add_argument(
        "--pseudonym-key",
        default=None,
        metavar="FILE",
        help="with --pseudonymize, write the pseudonym-to-account key here (keep it private)",
    )
    sc.add_argument("--no-report", action="store_true", help="skip report.html")
    sc.add_argument(
        "--raw-csv",
        action="store_true",
        help="write the CSV files exactly as the data holds them, without the leading ' that keeps "
        "cells starting with = + - @ from running as formulas in a spreadsheet (for programs)",
    )
    sc.add_argument("--no-plots", action="store_true", help="skip the PNG figures (plots/)")
    sc.add_argument(
        "--overwrite",
        action="store_true",
        help="write into an --out folder that holds files botwatch did not write (they are left "
        "alone); botwatch's own earlier outputs there are always replaced",
    )
    sc.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    sc.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bars (they are shown only when the output is a terminal)",
    )


def _add_labelled(sub: Any, name: str) -> None:
    """The ``train`` or ``evaluate`` command: a dump and the accounts you labelled."""
    from botwatch.graph import DEFAULT_LAYERS

    tr = sub.add_parser(
        name,
        help="train a model on your own labelled accounts"
        if name == "train"
        else "measure a model against your own labelled accounts",
        description="Train a classifier on the accounts of a dump that you have labelled, with "
        "cross-validated figures; the model file is used with `botwatch score --model FILE`."
        if name == "train"
        else "Score a dump and compare the scores with your labels: ROC-AUC, average "
        "precision, precision, recall and F1 at the threshold, calibration error, and a "
        "reliability diagram (reliability.png).",
    )
    tr.add_argument("inputs", nargs="+", metavar="INPUT", help="comment files, folders or globs")
    tr.add_argument(
        "--labels",
        required=True,
        metavar="FILE",
        help="CSV with account_id and label (1/0, bot/human or true/false) per checked account",
    )
    tr.add_argument("--accounts", action="append", default=[], metavar="FILE", help="account file")
    _add_reading(tr)
    if name == "train":
        tr.add_argument(
            "-o",
            "--out",
            required=True,
            help="model file to write: .json (data only, shareable, loads without --trust-model) "
            "or .joblib (pickle)",
        )
        tr.add_argument("--cv", type=int, default=5, help="cross-validation folds (default: 5)")
        tr.add_argument("--seed", type=int, default=0, help="seed of the folds and the trees")
    else:
        tr.add_argument("--out", required=True, help="output folder (created if needed)")
        tr.add_argument("--model", default=None, help="model file (default: the shipped model)")
        tr.add_argument("--trust-model", action="store_true", help="allow a model file you made")
        tr.add_argument(
            "--base-rate", type=float, default=None, help="expected share of inauthentic accounts"
        )
        tr.add_argument("--jobs", type=int, default=1, help="graph layers built at once")
    tr.add_argument("--threshold", type=float, default=0.5, help="score that flags an account (default: 0.5)")
    tr.add_argument("--window", type=_window, default=300.0, help="co-comment window in seconds, or 'auto'")
    tr.add_argument("--layers", default=",".join(DEFAULT_LAYERS), help="graph layers, comma-separated")
    tr.add_argument("--quiet", "-q", action="store_true")


def _add_convert(sub: Any) -> None:
    cv = sub.add_parser(
        "convert",
        help="write any supported dump as the canonical comment table",
        description="Read dumps of any supported format and write the canonical comment table "
        "(CSV or Parquet), the account table if the source has profiles, and rejected.csv beside.",
    )
    cv.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, zips or globs")
    _add_reading(cv)
    cv.add_argument("-o", "--out", required=True, help="comments.csv or comments.parquet")
    cv.add_argument("--accounts-out", default=None, help="where to write the account table")
    cv.add_argument(
        "--raw-csv",
        action="store_true",
        help="write the CSV files exactly as the data holds them, without the leading ' that keeps "
        "cells starting with = + - @ from running as formulas in a spreadsheet (for programs)",
    )
    cv.add_argument("--quiet", "-q", action="store_true")


def _add_simulate(sub: Any) -> None:
    sim = sub.add_parser(
        "simulate",
        help="write a simulated world with farms and ground truth",
        description="Write comments.csv.gz, accounts.csv.gz and truth.csv.gz of a simulated world.",
    )
    sim.add_argument("--out", required=True, help="output folder")
    sim.add_argument("--seed", type=int, default=0)
    sim.add_argument(
        "--comments",
        type=int,
        default=None,
        help="approximate number of comments (default: a small world, about 11k)",
    )
    sim.add_argument("--no-profiles", action="store_true", help="do not write accounts.csv.gz")
    sim.add_argument("--quiet", "-q", action="store_true")


def _read(
    args: argparse.Namespace, *, sample: bool = False
) -> tuple[Any, pd.DataFrame | None, pd.DataFrame, str, list[str]]:
    """Read the comment and account inputs named on the command line.

    Returns the comment read (table, rejected rows, assumed zone), the account table or None,
    every rejected row, the format recognised and the inputs read.
    """
    from botwatch.datasets import sample_path
    from botwatch.io import combine, read_accounts

    inputs = _inputs(args.inputs)
    account_files = _inputs(args.accounts) if args.accounts else []
    if sample:
        inputs.append(sample_path("comments"))
        account_files.append(sample_path("accounts"))
    if not inputs:
        raise BotwatchError("no input: name comment files, or use --sample for the shipped dump")
    logger.info("reading %d input(s)", len(inputs))
    dump = _read_inputs(inputs, args)
    release_memory()  # what parsing the files took
    comments = dump.comments
    logger.info("recognised: %s", dump.source_format)
    rejected = [comments.rejected]
    account_parts = [dump.accounts] if dump.accounts is not None else []
    for p in account_files:
        account_parts.append(
            read_accounts(
                p,
                mapping=args.accounts_map,
                encoding=args.encoding,
                tz=args.tz,
                platform=args.platform,
                max_unpacked=args.max_unpacked,
            )
        )
    accounts = None
    if account_parts:
        acc = combine(account_parts, kind="accounts")
        accounts = acc.table
        rejected.append(acc.rejected)
    all_rejected = pd.concat(rejected, ignore_index=True)
    logger.info(
        "read %d comments (%d rows left out, see rejected.csv)",
        len(comments.table),
        int((all_rejected["action"] == "row left out").sum()) if len(all_rejected) else 0,
    )
    if len(comments.table) == 0:
        raise BotwatchError("no usable comment in the input; see the reasons in rejected.csv")
    return comments, accounts, all_rejected, dump.source_format, [str(p) for p in inputs]


def _layers(args: argparse.Namespace) -> tuple[str, ...]:
    return tuple(x.strip() for x in args.layers.split(",") if x.strip())


def _run_score(
    args: argparse.Namespace,
    comments: pd.DataFrame,
    accounts: pd.DataFrame | None,
    rejected: pd.DataFrame,
    salt: str | None = None,
    engine: Any = None,
) -> Any:
    """Score the comments with the model and settings named on the command line."""
    from botwatch._pipeline import score
    from botwatch.models import load_model

    model = load_model(args.model, trusted=args.trust_model) if args.model else None
    refiner = _refiner(args)
    logger.info("scoring accounts")
    return score(
        comments,
        accounts,
        model=model,
        threshold=args.threshold,
        base_rate=args.base_rate,
        window_s=args.window,
        layers=_layers(args),
        tz=args.tz,
        rejected=rejected,
        random_state=getattr(args, "seed", 0),
        n_jobs=args.jobs,
        period=getattr(args, "period", "auto"),
        lang=getattr(args, "lang", "en"),
        progress=_progress(args),
        salt=salt,
        refiner=refiner,
        engine=engine,
    )


def _engine(args: argparse.Namespace) -> Any:
    """The engine of ``--engine``, not started yet (None for memory); wrong combinations are told
    before any work."""
    scheduler, workers = getattr(args, "scheduler", None), getattr(args, "workers", None)
    if getattr(args, "engine", "memory") != "dask":
        if scheduler is not None or workers is not None:
            raise BotwatchError("--scheduler and --workers need --engine dask")
        return None
    if scheduler is not None and workers is not None:
        raise BotwatchError(
            "--workers sets the size of a local cluster; with --scheduler, the cluster has its own"
        )
    if workers is not None and workers < 1:
        raise BotwatchError(f"--workers must be at least 1, got {workers}")
    from botwatch._engine import DASK_INSTALL, DaskEngine

    try:
        importlib.import_module("distributed")  # which sets its loggers' levels from its settings
    except ImportError:
        raise BotwatchError(
            f"--engine dask needs dask.distributed, which is not installed: {DASK_INSTALL}"
        ) from None
    # dask.distributed logs every worker's start and stop at INFO; the run's own log is enough.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    return DaskEngine(scheduler=scheduler, n_workers=_LOCAL_WORKERS if workers is None else workers)


def _started(engine: Any) -> Any:
    """A context that starts ``engine`` and closes it after (nothing for None)."""
    if engine is None:
        return contextlib.nullcontext(None)
    try:
        return engine.start()
    except ImportError as err:
        raise BotwatchError(str(err)) from None
    except OSError as err:  # no scheduler at that address
        raise BotwatchError(f"--scheduler {engine.scheduler}: {err}") from None


def _refiner(args: argparse.Namespace) -> Any:
    """The cluster refiner of ``--cluster-param`` (None for the default)."""
    if not getattr(args, "cluster_param", None):
        return None
    from botwatch.graph import ClusterRefiner

    try:
        return ClusterRefiner().set_params(**dict(args.cluster_param))
    except (ValueError, TypeError) as err:
        raise BotwatchError(f"--cluster-param: {err}") from None


def _progress(args: argparse.Namespace) -> bool | None:
    """Progress bars in a terminal (tqdm's check), none with --quiet or --no-progress."""
    return False if getattr(args, "quiet", False) or getattr(args, "no_progress", False) else None


def _score(args: argparse.Namespace) -> int:
    from tqdm.contrib.logging import logging_redirect_tqdm

    # Log lines are printed above the bars rather than through them.
    with logging_redirect_tqdm():
        return _score_run(args)


def _score_run(args: argparse.Namespace) -> int:
    from botwatch.io import check_output_folder, write_result

    started = time.perf_counter()
    check_output_folder(args.out, args.overwrite)  # before any work, and before the key is written
    _refiner(args)  # a wrong setting is told before the dump is read
    engine = _engine(args)
    salt = _salt(args)
    comments, accounts, all_rejected, source_format, inputs = _read(args, sample=args.sample)
    with _started(engine) as running:
        result = _run_score(args, comments.table, accounts, all_rejected, salt, running)
    result.meta["assumed_tz"] = comments.assumed_tz
    result.meta["inputs"] = inputs
    result.meta["source_format"] = source_format
    if salt is not None and args.pseudonym_key:
        from botwatch.io import write_csv
        from botwatch.privacy import pseudonym_key

        key_path = Path(args.pseudonym_key)
        key_path.parent.mkdir(parents=True, exist_ok=True)
        write_csv(pseudonym_key(comments.table, accounts, salt), key_path)
        logger.info("pseudonym key written to %s (keep it private)", key_path)
    paths = write_result(
        result,
        args.out,
        report=not args.no_report,
        plots=not args.no_plots,
        progress=_progress(args),
        raw_csv=args.raw_csv,
        overwrite=args.overwrite,
    )
    acc_table = result.accounts
    n_sus = int(acc_table["is_suspect"].sum())
    if not args.quiet:
        print(
            f"Scored {len(acc_table):,} accounts from {len(comments.table):,} comments in "
            f"{time.perf_counter() - started:.1f} s: {n_sus:,} suspects "
            f"({100 * n_sus / max(len(acc_table), 1):.1f}%), {len(result.clusters)} clusters."
        )
        whole = result.pages[result.pages["period"] == "all"] if len(result.pages) else result.pages
        n_praise = int(whole["n_praise"].sum()) if len(whole) else 0
        if n_praise:
            share = whole["suspect_praise"].sum() / n_praise
            print(f"Suspects wrote {100 * share:.1f}% of the {n_praise:,} praise comments.")
        if comments.assumed_tz:
            print(f"Timestamps without a zone were read as {comments.assumed_tz} local time.")
        n_plots = sum(name.startswith("plot_") for name in paths)
        for name, path in paths.items():
            if not name.startswith("plot_"):
                print(f"  {name:9s} {path}")
        if n_plots:
            print(f"  {'plots':9s} {Path(args.out) / 'plots'} ({n_plots} PNG figures)")
    return 0


def _salt(args: argparse.Namespace) -> str | None:
    """The salt of a --pseudonymize run (None without it); the key's place is checked first."""
    import os

    from botwatch.privacy import new_salt

    if not args.pseudonymize:
        if args.salt or args.pseudonym_key:
            raise BotwatchError("--salt and --pseudonym-key only make sense with --pseudonymize")
        return None
    if args.pseudonym_key and Path(args.pseudonym_key).resolve().is_relative_to(Path(args.out).resolve()):
        raise BotwatchError(
            f"{args.pseudonym_key}: the pseudonym key would sit among the shared outputs; "
            "write it outside the output folder"
        )
    salt: str | None = args.salt or os.environ.get("BOTWATCH_SALT")
    if not salt:
        salt = new_salt()
        logger.warning(
            "no --salt given: pseudonyms are random for this run and will differ next time; "
            "pass --salt (or set BOTWATCH_SALT) to keep them stable"
        )
    return salt


def _labelled(args: argparse.Namespace, ids: pd.Series) -> tuple[pd.Series, list[str]]:
    """The labels of the accounts present in the dump (``ids``: each account key with its own
    id), and the labelled ids found nowhere."""
    from botwatch.models import read_labels

    labels = read_labels(args.labels)
    # Several platforms in one dump: accounts are keyed ``platform:id``. A label may name the key,
    # or the bare id when only one platform has that id.
    keys = pd.Index(ids.index.astype(str))
    bare = pd.Series(keys, index=ids.astype(str).to_numpy())
    unique = bare[~bare.index.duplicated(keep=False)]
    as_key = [k if k in keys else unique.get(k, k) for k in labels.index]
    labels = pd.Series(labels.to_numpy(), index=pd.Index(as_key, name="account_id"), name=labels.name)
    twice = labels.groupby(level=0).nunique()
    if (twice > 1).any():
        raise BotwatchError(
            f"{args.labels}: account {twice.index[twice > 1][0]!r} is labelled both inauthentic and "
            "authentic (once by its id, once by platform:id)"
        )
    labels = labels[~labels.index.duplicated()]
    found = labels.index.isin(keys)
    missing = labels.index[~found].tolist()
    if missing:
        logger.warning(
            "%d of %d labelled accounts have no comment in the input and are left out (first: %s)",
            len(missing),
            len(labels),
            ", ".join(missing[:5]),
        )
    labels = labels[found]
    if labels.nunique() < 2:
        raise BotwatchError(
            f"{args.labels}: the labelled accounts found in the input are all "
            f"{'inauthentic' if len(labels) and labels.iloc[0] else 'authentic'} ({len(labels)} "
            "accounts); both kinds are needed"
        )
    return labels, missing


def _train(args: argparse.Namespace) -> int:
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from botwatch._pipeline import analyze
    from botwatch.features import FEATURES
    from botwatch.models import default_classifier, evaluation_figures, save_model
    from botwatch.schema import key_account_ids

    comments, accounts, _, _, inputs = _read(args)
    analysis = analyze(comments.table, accounts, window_s=args.window, tz=args.tz, layers=_layers(args))
    ids = key_account_ids(analysis.comments).reindex(analysis.features.index.astype(str))
    labels, _ = _labelled(args, ids)
    X = analysis.features.loc[labels.index, list(FEATURES)]
    y = labels.to_numpy(dtype=int)
    n_minor = int(min(y.sum(), len(y) - y.sum()))
    figures: dict[str, Any] = {}
    if n_minor >= 2:
        folds = min(args.cv, n_minor)
        cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=args.seed)
        oof = cross_val_predict(
            default_classifier(random_state=args.seed), X, y, cv=cv, method="predict_proba"
        )
        figures = {"cross_validation": {"folds": folds, **evaluation_figures(y, oof[:, 1], args.threshold)}}
    else:
        logger.warning("fewer than two accounts of one kind: no cross-validated figures")
    model = default_classifier(random_state=args.seed).fit(X, y)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    save_model(
        model,
        out,
        feature_names=list(FEATURES),
        training_data=f"{len(y)} labelled accounts ({int(y.sum())} inauthentic) from " + ", ".join(inputs),
        metrics=figures,
    )
    if not args.quiet:
        print(f"Trained on {len(y):,} labelled accounts ({int(y.sum()):,} inauthentic): {out}")
        if figures:
            f = figures["cross_validation"]
            print(
                f"{f['folds']}-fold cross-validation: ROC-AUC {f['roc_auc']:.3f}, average precision "
                f"{f['average_precision']:.3f}, F1 at {args.threshold:g} {f['f1']:.3f}, "
                f"calibration error {f['ece']:.3f}"
            )
        trust = "" if str(out).endswith((".json", ".json.gz")) else " --trust-model"
        print(f"Use it with: botwatch score ... --model {out}{trust}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    import json

    from botwatch.io import write_csv
    from botwatch.models import evaluation_figures, plot_reliability, reliability_table
    from botwatch.schema import account_keys

    comments, accounts, all_rejected, _, inputs = _read(args)
    result = _run_score(args, comments.table, accounts, all_rejected)
    scored = result.accounts.set_index(account_keys(result.accounts).astype(str).to_numpy())
    labels, missing = _labelled(
        args, pd.Series(result.accounts["account_id"].astype(str).to_numpy(), index=scored.index)
    )
    proba = scored.loc[labels.index, "bot_score"].to_numpy(dtype=float)
    y = labels.to_numpy(dtype=bool)
    figures = evaluation_figures(y, proba, args.threshold)
    figures["model"] = str(args.model) if args.model else "default"
    figures["inputs"] = inputs
    figures["labels"] = str(args.labels)
    figures["labelled_without_comments"] = missing
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "evaluation.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    write_csv(reliability_table(y, proba), out / "reliability.csv")
    detail = scored.loc[labels.index, ["account_id", "bot_score", "is_suspect", "cluster_id", "reasons"]]
    detail.insert(1, "is_inauthentic", y)
    write_csv(detail.sort_values("bot_score", ascending=False), out / "labelled_scores.csv")
    plot_reliability(y, proba, out / "reliability.png")
    if not args.quiet:
        print(
            f"{figures['n_accounts']:,} labelled accounts ({figures['n_inauthentic']:,} inauthentic): "
            f"ROC-AUC {figures['roc_auc']:.3f}, average precision {figures['average_precision']:.3f}; "
            f"at {args.threshold:g}: precision {figures['precision']:.3f}, recall "
            f"{figures['recall']:.3f}, F1 {figures['f1']:.3f}; calibration error {figures['ece']:.3f}"
        )
        for name in ("evaluation.json", "reliability.png", "reliability.csv", "labelled_scores.csv"):
            print(f"  {out / name}")
    return 0


def _simulate(args: argparse.Namespace) -> int:
    from botwatch.datasets import WorldConfig, simulate
    from botwatch.io import write_csv

    cfg = WorldConfig()
    if args.comments:
        cfg = cfg.scaled(args.comments)
    world = simulate(args.seed, cfg)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(world.comments, out / "comments.csv.gz", raw=True)
    if not args.no_profiles:
        write_csv(world.accounts, out / "accounts.csv.gz", raw=True)
    write_csv(world.truth, out / "truth.csv.gz", raw=True)
    if not args.quiet:
        n_bad = int(np.sum(world.truth["is_inauthentic"]))
        print(
            f"Simulated {len(world.comments):,} comments by {len(world.truth):,} accounts "
            f"({n_bad} inauthentic) in {out}"
        )
    return 0


def _read_inputs(inputs: list[Path], args: argparse.Namespace) -> Any:
    """The dump of ``inputs``, read with the reading options of the command line."""
    from botwatch.io import read_dump

    return read_dump(
        inputs,
        fmt=args.format,
        tz=args.tz,
        platform=args.platform,
        mapping=args.map,
        encoding=args.encoding,
        max_unpacked=args.max_unpacked,
    )


def _convert(args: argparse.Namespace) -> int:
    from botwatch.io import write_csv

    dump = _read_inputs(_inputs(args.inputs), args)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _write_table(dump.comments.table, out, raw=args.raw_csv)
    rejected = [dump.comments.rejected]
    written = [out]
    if dump.accounts is not None:
        rejected.append(dump.accounts.rejected)
        acc_out = (
            Path(args.accounts_out)
            if args.accounts_out
            else out.with_name("accounts" + "".join(out.suffixes))
        )
        _write_table(dump.accounts.table, acc_out, raw=args.raw_csv)
        written.append(acc_out)
    rej_path = out.with_name("rejected.csv")
    write_csv(pd.concat(rejected, ignore_index=True), rej_path, raw=args.raw_csv)
    written.append(rej_path)
    if not args.quiet:
        n_left = int(sum((r["action"] == "row left out").sum() for r in rejected if len(r)))
        print(
            f"Read {len(dump.comments.table):,} comments ({dump.source_format}); {n_left} rows "
            f"left out, see {rej_path}."
        )
        if dump.comments.assumed_tz:
            print(f"Timestamps without a zone were read as {dump.comments.assumed_tz} local time.")
        for path in written:
            print(f"  {path}")
    return 0


def _write_table(table: pd.DataFrame, path: Path, *, raw: bool = False) -> None:
    from botwatch.io import write_csv

    if ".parquet" in path.suffixes:
        table.to_parquet(path, index=False)
    else:
        write_csv(table, path, raw=raw)


def _formats() -> int:
    from botwatch.io import FORMATS

    print("tabular      any       CSV, TSV, JSON Lines, JSON or Parquet with canonical or mapped columns")
    for f in FORMATS:
        print(f"{f.name:28s} {f.platform:9s} {f.doc}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 done, 2 bad input)."""
    limit_heap_arenas()
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING if getattr(args, "quiet", False) else logging.INFO,
        format="botwatch: %(message)s",
        stream=sys.stderr,
    )
    try:
        if args.command == "score":
            return _score(args)
        if args.command == "convert":
            return _convert(args)
        if args.command == "formats":
            return _formats()
        if args.command == "train":
            return _train(args)
        if args.command == "evaluate":
            return _evaluate(args)
        return _simulate(args)
    except BotwatchError as exc:
        print(f"botwatch: error: {exc}", file=sys.stderr)
        return 2
