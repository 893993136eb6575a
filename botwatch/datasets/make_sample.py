"""Rebuild the sample dump shipped in ``botwatch/datasets/data``.

Run ``python -m botwatch.datasets.make_sample``.

The sample is a small simulated world (seed :data:`botwatch.datasets.SAMPLE_SEED`, never used in
training) written as a fact-checker's CSV export would be: canonical columns, UTC times.
"""

from __future__ import annotations

from pathlib import Path

from botwatch.datasets import SAMPLE_SEED, WorldConfig, simulate
from botwatch.io import write_csv

SAMPLE_CONFIG = WorldConfig(
    n_pages=2, days=21, n_genuine=1500, superfans_per_page=3, n_viral_posts=1, platform="instagram"
)


def main() -> int:
    out = Path(__file__).with_name("data")
    out.mkdir(exist_ok=True)
    world = simulate(SAMPLE_SEED, SAMPLE_CONFIG)
    write_csv(world.comments, out / "sample_comments.csv.gz", raw=True)
    write_csv(world.accounts, out / "sample_accounts.csv.gz", raw=True)
    write_csv(world.truth, out / "sample_truth.csv.gz", raw=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
