"""Time ``botwatch score`` end to end on simulated dumps of 100k and 1M comments.

Run by hand: ``python bench/bench_score.py [N ...]``. For each size it simulates a world with
heavy-tailed post popularity (viral posts with thousands of commenters), writes it as a gzip CSV,
then runs the real command line in a fresh process and reports wall time, peak memory (the
child's maximum resident set size) and the time of each stage as the command logs it (reading is
the time before the first stage). Simulation time is reported apart and not counted.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from botwatch.datasets import WorldConfig, simulate
from botwatch.io import write_csv

_STAGE = re.compile(r"^botwatch: (.+) \(([0-9.]+) s\)$", re.M)
"""A stage line of the command's log: its message and its seconds."""


def _stage_name(message: str) -> str:
    """A stage's message without its counts: "features computed for 27,950 accounts" -> "features
    computed for"."""
    return re.split(r"[:\d]", message)[0].strip()


def bench(n_comments: int, workdir: Path) -> dict[str, object]:
    t0 = time.perf_counter()
    world = simulate(0, WorldConfig().scaled(n_comments))
    t_sim = time.perf_counter() - t0
    dump = workdir / f"comments_{n_comments}.csv.gz"
    write_csv(world.comments, dump)
    per_post = world.comments.groupby("post_id")["account_id"].nunique()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "botwatch",
            "score",
            str(dump),
            "--out",
            str(workdir / f"out_{n_comments}"),
            "--no-progress",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t0
    stages = {_stage_name(m[1]): float(m[2]) for m in _STAGE.finditer(run.stderr)}
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "comments": len(world.comments),
        "accounts": world.comments["account_id"].nunique(),
        "posts": len(per_post),
        "max_commenters_per_post": int(per_post.max()),
        "simulate_s": round(t_sim, 1),
        "score_wall_s": round(wall, 1),
        "score_peak_rss_mib": round(max(peak_kib, before) / 1024, 1),
        "stages_s": {name: round(t, 1) for name, t in stages.items()},
        "reading_and_start_s": round(wall - sum(stages.values()), 1),
    }


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            print(bench(n, Path(tmp)), flush=True)


if __name__ == "__main__":
    main()
