"""Reading speed of the tabular and JSON-lines readers (run by hand: python bench/bench_read.py [N]).

Writes N simulated comments as a canonical CSV, as canonical JSON lines, as Telethon-style,
youtube-comment-downloader-style and twarc2 (flattened and API page) JSON lines, then times
``read_comments`` and ``read_dump`` on each, validation included, and reports comments per second
(the median of three runs: timings on a shared two-core machine vary).
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


def _write_twarc2(c, folder: Path) -> tuple[Path, Path]:
    """The comments as tweets answering one tweet per post: twarc2 flattened lines (the author
    embedded in each) and twarc2 API pages (100 tweets a line, their authors in ``includes``)."""
    roots = {p: str(1900000000000000000 + i) for i, p in enumerate(c["post_id"].unique())}
    flat, page = folder / "tweets_flat.jsonl", folder / "tweets_pages.jsonl"
    with flat.open("w", encoding="utf-8") as fh, page.open("w", encoding="utf-8") as ph:
        batch: list[dict] = []
        users: dict[str, dict] = {}
        for k, row in enumerate(c.itertuples()):
            conv = roots[row.post_id]
            tweet = {
                "id": str(1800000000000000000 + k),
                "author_id": row.account_id,
                "text": row.text,
                "created_at": row.created_at.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "conversation_id": conv,
                "in_reply_to_user_id": "42",
                "lang": "ru",
                "public_metrics": {"retweet_count": 0, "reply_count": 0, "like_count": 0, "quote_count": 0},
                "referenced_tweets": [{"type": "replied_to", "id": conv, "author_id": "42"}],
            }
            user = {
                "id": row.account_id,
                "username": row.account_handle,
                "name": row.account_handle,
                "created_at": "2020-01-01T00:00:00.000Z",
                "public_metrics": {"followers_count": 10, "following_count": 5, "tweet_count": 100},
                "verified": False,
                "description": "",
            }
            fh.write(
                json.dumps({**tweet, "author": user, "__twarc": {"version": "2.14.0"}}, ensure_ascii=False)
                + "\n"
            )
            batch.append(tweet)
            users[row.account_id] = user
            if len(batch) == 100 or k == len(c) - 1:
                line = {
                    "data": batch,
                    "includes": {"users": list(users.values())},
                    "__twarc": {"version": "2.14.0"},
                }
                ph.write(json.dumps(line, ensure_ascii=False) + "\n")
                batch, users = [], {}
    return flat, page


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
        flat_path, page_path = _write_twarc2(c, Path(tmp))
        del world, c, canonical  # time the readers as a fresh run would, without the simulated world alive
        gc.collect()
        for name, fn in (
            ("tabular csv", lambda: read_comments(csv_path)),
            ("tabular jsonl", lambda: read_comments(canonical_jl)),
            ("telethon jsonl", lambda: read_dump(jl_path)),
            ("youtube-comment-downloader jsonl", lambda: read_dump(ycd_path)),
            ("twarc2 flattened jsonl", lambda: read_dump(flat_path)),
            ("twarc2 api pages jsonl", lambda: read_dump(page_path)),
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
