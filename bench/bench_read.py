"""Reading speed of the tabular and JSON-lines readers (run by hand: python bench/bench_read.py [N]).

Writes N simulated comments as a canonical CSV, as canonical JSON lines, as Telethon-style and
as youtube-comment-downloader-style JSON lines, then times ``read_comments`` and ``read_dump`` on
each, validation included, and reports comments per second (the median of three runs: timings on
a shared two-core machine vary).
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from botwatch.datasets import WorldConfig, simulate, write_telethon
from botwatch.io import read_comments, read_dump, write_csv


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    world = simulate(0, WorldConfig().scaled(n))
    c = world.comments
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "comments.csv"
        write_csv(c, csv_path)
        canonical_jl = Path(tmp) / "comments.jsonl"
        canonical = c.assign(
            created_at=c["created_at"].map(lambda t: t.isoformat()),
            post_created_at=c["post_created_at"].map(lambda t: t.isoformat()),
        )
        canonical.to_json(canonical_jl, orient="records", lines=True, force_ascii=False)
        jl_path = write_telethon(c, Path(tmp) / "messages.jsonl")
        ycd_path = Path(tmp) / "VIDEO.jsonl"
        with ycd_path.open("w", encoding="utf-8") as fh:
            for k, row in enumerate(c.itertuples()):
                cid = f"Ugz{k:09d}" + (f".r{k}" if isinstance(row.parent_id, str) else "")
                record = {
                    "cid": cid,
                    "text": row.text,
                    "time": "3 days ago",
                    "author": f"@{row.account_handle}",
                    "channel": f"UC{row.account_id}",
                    "votes": str(row.like_count) if row.like_count == row.like_count else "",
                    "replies": "",
                    "photo": "https://yt3.ggpht.com/a.jpg",
                    "heart": False,
                    "reply": "." in cid,
                    "time_parsed": row.created_at.timestamp(),
                }
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        del world, c, canonical  # time the readers as a fresh run would, without the simulated world alive
        gc.collect()
        for name, fn in (
            ("tabular csv", lambda: read_comments(csv_path)),
            ("tabular jsonl", lambda: read_comments(canonical_jl)),
            ("telethon jsonl", lambda: read_dump(jl_path)),
            ("youtube-comment-downloader jsonl", lambda: read_dump(ycd_path)),
        ):
            runs = []
            for _ in range(3):
                gc.collect()
                t0 = time.perf_counter()
                got = fn()
                runs.append(time.perf_counter() - t0)
                rows = len(got.table) if hasattr(got, "table") else len(got.comments.table)
                del got
            dt = statistics.median(runs)
            print(
                {
                    "reader": name,
                    "comments": rows,
                    "seconds": round(dt, 1),
                    "comments_per_s": round(rows / dt),
                },
                flush=True,
            )


if __name__ == "__main__":
    main()
