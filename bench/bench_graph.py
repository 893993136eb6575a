"""Speed and memory of the account graph, beside coordination-network-toolkit's co_reply.

Run by hand::

    python bench/bench_graph.py 1000000            # botwatch only
    pip install coordination-network-toolkit
    python bench/bench_graph.py 1000000 --cnt      # and the same rows through co_reply

The comments come from a simulated world scaled to N rows (post popularity is heavy-tailed: a few
viral posts draw hundreds of commenters within minutes, most posts draw a handful). Each measured
step runs in a fresh process that only loads the rows, so its peak resident memory is its own.
co_reply runs with a 600 s window on 2 processes, as its documentation suggests for this machine.
"""

from __future__ import annotations

import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd


def _peak_mib() -> float:
    # VmHWM is this process's own high-water mark; ru_maxrss can carry the parent's over exec.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_botwatch(path: str) -> dict[str, object]:
    from botwatch.graph import ClusterFinder, account_graph
    from botwatch.text import normalize_series

    comments = pd.read_parquet(path)
    base = _peak_mib()
    t0 = time.perf_counter()
    normalized = normalize_series(comments["text"])
    t1 = time.perf_counter()
    g = account_graph(comments, normalized=normalized, layers=("co_comment", "co_post"))
    t2 = time.perf_counter()
    g_text = account_graph(comments, normalized=normalized)
    t3 = time.perf_counter()
    labels = ClusterFinder().fit_predict(g_text.adjacency())
    t4 = time.perf_counter()
    return {
        "step": "botwatch",
        "comments": len(comments),
        "co_engagement_graph_s": round(t2 - t1, 1),
        "co_engagement_edges": len(g.edges),
        "normalize_text_s": round(t1 - t0, 1),
        "fused_graph_with_text_s": round(t3 - t2, 1),
        "fused_edges": len(g_text.edges),
        "clusters_s": round(t4 - t3, 1),
        "clusters": len(set(labels[labels >= 0])),
        "peak_mib": round(_peak_mib()),
        "peak_mib_before_graph": round(base),
    }


def worker_cnt(path: str, db: str) -> dict[str, object]:
    from coordination_network_toolkit.compute_networks import compute_co_reply_network
    from coordination_network_toolkit.preprocess import preprocess_csv_files

    t0 = time.perf_counter()
    preprocess_csv_files(db, [path])
    t1 = time.perf_counter()
    compute_co_reply_network(db, 600, min_edge_weight=1, n_threads=2)
    t2 = time.perf_counter()
    import sqlite3

    n_edges = sqlite3.connect(db).execute("select count(*) from co_reply_network").fetchone()[0]
    return {
        "step": "coordination-network-toolkit co_reply",
        "preprocess_s": round(t1 - t0, 1),
        "co_reply_s": round(t2 - t1, 1),
        "edges": int(n_edges),
        "peak_mib": round(_peak_mib()),
    }


def _run(args: list[str]) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    if sys.argv[1:2] == ["--worker-botwatch"]:
        print(json.dumps(worker_botwatch(sys.argv[2])))
        return
    if sys.argv[1:2] == ["--worker-cnt"]:
        print(json.dumps(worker_cnt(sys.argv[2], sys.argv[3])))
        return
    from botwatch.datasets import WorldConfig, simulate

    n = int(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else 1_000_000
    world = simulate(0, WorldConfig().scaled(n))
    comments = world.comments
    per_post = comments.groupby("post_id").size()
    print(
        {
            "comments": len(comments),
            "accounts": comments["account_id"].nunique(),
            "posts": len(per_post),
            "commenters_per_post_median": float(per_post.median()),
            "p99": float(np.percentile(per_post, 99)),
            "max": int(per_post.max()),
        },
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        parquet = Path(tmp) / "comments.parquet"
        comments.to_parquet(parquet, index=False)
        print(_run(["--worker-botwatch", str(parquet)]), flush=True)
        if "--cnt" in sys.argv:
            rows = Path(tmp) / "cnt.csv"
            epoch = comments["created_at"].to_numpy(dtype="datetime64[ns]").astype(np.int64) // 10**9
            with rows.open("w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(
                    [
                        "message_id",
                        "user_id",
                        "username",
                        "repost_id",
                        "reply_id",
                        "message",
                        "timestamp",
                        "urls",
                    ]
                )
                for cid, acc, post, text, ts in zip(
                    comments["comment_id"],
                    comments["account_id"],
                    comments["post_id"],
                    comments["text"],
                    epoch,
                    strict=True,
                ):
                    w.writerow([cid, acc, acc, "", post, text, int(ts), ""])
            print(_run(["--worker-cnt", str(rows), str(Path(tmp) / "cnt.db")]), flush=True)


if __name__ == "__main__":
    main()
