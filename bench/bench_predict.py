"""Speed of the classifier stage alone: scoring N accounts' features (run by hand).

    python bench/bench_predict.py [N]

Features come from simulated worlds, repeated with small noise up to N rows, so the timing is that
of the shipped model on realistic values (missing profile fields included), not of the graph.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd

from botwatch._pipeline import analyze
from botwatch.datasets import simulate
from botwatch.models import load_model


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    parts = []
    for seed in (21, 22, 23):
        world = simulate(seed)
        parts.append(analyze(world.comments, world.accounts).features)
        parts.append(analyze(world.comments, None).features)  # without profiles
    base = pd.concat(parts, ignore_index=True)
    rng = np.random.default_rng(0)
    rows = base.iloc[rng.integers(0, len(base), n)].reset_index(drop=True)
    noise = rng.normal(1.0, 0.01, rows.shape)
    features = rows * noise  # NaN stays NaN
    model = load_model()["model"]
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        scores = model.predict_proba(features)[:, 1]
        runs.append(time.perf_counter() - t0)
    print(
        {
            "accounts": n,
            "features": features.shape[1],
            "missing_share": round(float(features.isna().mean().mean()), 3),
            "seconds_median": round(float(np.median(runs)), 2),
            "accounts_per_s": round(n / float(np.median(runs))),
            "mean_score": round(float(scores.mean()), 4),
        }
    )


if __name__ == "__main__":
    main()
