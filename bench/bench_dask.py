"""Time ``botwatch.score`` in memory and on a local Dask cluster of 1 and 2 workers, per stage.

Run by hand: ``python bench/bench_dask.py [N ...]`` (default 100,000 comments; needs
``pip install "botwatch[dask]"``). For each size it simulates a world as ``bench/bench_score.py``
does, then for each engine: the time to start the cluster, the whole score and each of its stages
as the pipeline logs them, and the two stages the engine runs timed alone (normalising the
distinct texts; the MinHash signatures of the distinct texts long enough for the text layer). The
tables of every Dask run are checked equal to the in-memory ones. Workers are processes with one
thread each; the driver is this process.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from typing import Any

import numpy as np
import pandas as pd

import botwatch
from botwatch.datasets import WorldConfig, simulate
from botwatch.graph._layers import minhash_signatures
from botwatch.text import normalize_series

_STAGE = re.compile(r"^(.+) \(([0-9.]+) s\)$")
"""A stage line of the pipeline's log: its message and its seconds."""

_TABLES = ("accounts", "clusters", "edges", "reason_terms", "features", "posts", "pages")
_MIN_WORDS = 5  # texts the near-duplicate layer signs: as its ``min_words``
_BANDS_X_ROWS = 30  # hashes per signature: the layer's bands times rows


class _Stages(logging.Handler):
    """Collects the pipeline's stage lines."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.seconds: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        found = _STAGE.match(record.getMessage())
        if found:
            # Without its counts: "features computed for 27,950 accounts" -> "features computed for".
            self.seconds[re.split(r"[:\d]", found[1])[0].strip()] = float(found[2])


def _timed(func: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = func(*args, **kwargs)
    return out, time.perf_counter() - t0


def _run(world: Any, engine: Any) -> tuple[dict[str, Any], Any]:
    texts = world.comments["text"]
    norm, t_norm = _timed(normalize_series, texts, engine=engine)
    distinct = pd.unique(norm[norm.str.count(" ") + 1 >= _MIN_WORDS].to_numpy(dtype=object))
    _, t_sig = _timed(minhash_signatures, list(np.sort(distinct)), n_hashes=_BANDS_X_ROWS, engine=engine)
    stages = _Stages()
    pipeline_log = logging.getLogger("botwatch._pipeline")
    pipeline_log.addHandler(stages)
    pipeline_log.setLevel(logging.INFO)
    try:
        result, t_score = _timed(botwatch.score, world.comments, world.accounts, engine=engine)
    finally:
        pipeline_log.removeHandler(stages)
    return {
        "normalise_alone_s": round(t_norm, 2),
        "minhash_alone_s": round(t_sig, 2),
        "score_s": round(t_score, 2),
        "score_stages_s": {k: round(v, 1) for k, v in stages.seconds.items()},
    }, result


def bench(n_comments: int) -> list[dict[str, Any]]:
    world = simulate(0, WorldConfig().scaled(n_comments))
    comments = world.comments
    size = {
        "comments": len(comments),
        "accounts": int(comments["account_id"].nunique()),
        "distinct_texts": int(comments["text"].nunique()),
    }
    rows = []
    memory, expected = _run(world, None)
    rows.append({"engine": "memory", **size, "start_s": 0.0, **memory})
    for n_workers in (1, 2):
        t0 = time.perf_counter()
        with botwatch.DaskEngine(n_workers=n_workers) as engine:
            start = time.perf_counter() - t0
            timing, got = _run(world, engine)
        for name in _TABLES:
            pd.testing.assert_frame_equal(getattr(got, name), getattr(expected, name), check_exact=True)
        rows.append({"engine": f"dask, {n_workers} worker(s)", **size, "start_s": round(start, 2), **timing})
    return rows


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100_000]
    for n in sizes:
        for row in bench(n):
            print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
