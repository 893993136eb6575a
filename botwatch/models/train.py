"""Training and validation of the default model on simulated worlds.

Run ``python -m botwatch.models.train`` to rebuild ``botwatch/models/default.joblib`` exactly: the
worlds come from fixed seeds (10000 and up; seeds below 1000 are kept for tests and validation),
and a share of them is degraded the way real dumps are (no profiles, half the profiles, times to the
minute or the day), so that the model learns to score with what a dump actually holds.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from sklearn.metrics import average_precision_score, roc_auc_score

from botwatch._pipeline import analyze
from botwatch.datasets import STRATEGIES, degrade, random_world_config, simulate
from botwatch.features import FEATURES
from botwatch.models._classifier import BotClassifier
from botwatch.models._persist import DEFAULT_MODEL_PATH, save_model

__all__ = [
    "TRAIN_SEEDS",
    "expected_calibration_error",
    "labelled_world",
    "per_strategy_average_precision",
    "train_default_model",
]

logger = logging.getLogger(__name__)

TRAIN_SEEDS = range(10_000, 10_060)
"""Seeds of the worlds the default model is trained on."""


def labelled_world(
    seed: int, *, degraded: bool = True, profiles: str | None = None, precision_s: int | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Features and truth of one random simulated world.

    Returns
    -------
    X : pandas.DataFrame
        Features, one row per account.
    truth : pandas.DataFrame
        ``is_inauthentic``, ``role``, ``farm``, ``strategies`` and ``world`` per account, aligned.
    """
    rng = np.random.default_rng(seed)
    world = simulate(seed, random_world_config(rng))
    if degraded:
        comments, accounts = degrade(world, rng, profiles=profiles, precision_s=precision_s)
    else:
        comments, accounts = world.comments, world.accounts
    analysis = analyze(comments, accounts)
    truth = world.truth.set_index("account_id").reindex(analysis.features.index)
    truth["world"] = seed
    return analysis.features, truth


def per_strategy_average_precision(truth: pd.DataFrame, scores: np.ndarray) -> dict[str, float]:
    """Average precision for each farm strategy: its accounts against every authentic account.

    Authentic accounts include the traps (viral-post commenters, superfans), so a strategy is
    only well found if it ranks above them too.
    """
    scores = np.asarray(scores)
    authentic = ~truth["is_inauthentic"].to_numpy(dtype=bool)
    tags = truth["strategies"].fillna("").astype(str)
    out = {}
    for strategy in STRATEGIES:
        has = tags.str.split(";").apply(lambda t, s=strategy: s in t).to_numpy(dtype=bool)
        if has.sum() == 0:
            continue
        sel = has | authentic
        out[strategy] = float(average_precision_score(has[sel], scores[sel]))
    return out


def expected_calibration_error(y: np.ndarray, proba: np.ndarray, n_bins: int = 10) -> float:
    """Expected calibration error over equal-width probability bins."""
    y = np.asarray(y, dtype=float)
    proba = np.asarray(proba, dtype=float)
    bins = np.minimum((proba * n_bins).astype(int), n_bins - 1)
    ece = 0.0
    for b in range(n_bins):
        m = bins == b
        if m.any():
            ece += m.mean() * abs(y[m].mean() - proba[m].mean())
    return float(ece)


def _collect(seeds: Iterable[int], n_jobs: int, **kwargs: object) -> tuple[pd.DataFrame, pd.DataFrame]:
    parts = Parallel(n_jobs=n_jobs)(delayed(labelled_world)(s, **kwargs) for s in seeds)
    X = pd.concat([p[0] for p in parts])
    truth = pd.concat([p[1] for p in parts])
    return X, truth


def evaluate(
    model: BotClassifier, seeds: Iterable[int], n_jobs: int = 2, **kwargs: object
) -> dict[str, object]:
    """Validation figures of ``model`` on worlds it never saw."""
    X, truth = _collect(seeds, n_jobs, **kwargs)
    y = truth["is_inauthentic"].to_numpy(dtype=bool)
    proba = model.predict_proba(X)[:, 1]
    return {
        "roc_auc": float(roc_auc_score(y, proba)),
        "average_precision": float(average_precision_score(y, proba)),
        "ece": expected_calibration_error(y, proba),
        "per_strategy_ap": per_strategy_average_precision(truth, proba),
        "n_accounts": len(y),
        "n_inauthentic": int(y.sum()),
    }


def train_default_model(
    seeds: Iterable[int] = TRAIN_SEEDS,
    *,
    out: str | Path = DEFAULT_MODEL_PATH,
    validation_seeds: Iterable[int] = range(500, 512),
    n_jobs: int = 2,
) -> tuple[BotClassifier, dict[str, object]]:
    """Train the default model on simulated worlds, validate it on others, and save it."""
    seeds = list(seeds)
    X, truth = _collect(seeds, n_jobs)
    y = truth["is_inauthentic"].to_numpy(dtype=int)
    model = BotClassifier().fit(X, y, groups=truth["world"].to_numpy())
    metrics = {
        "validation": evaluate(model, validation_seeds, n_jobs=n_jobs),
        "n_training_accounts": len(y),
        "n_training_worlds": len(seeds),
    }
    save_model(
        model,
        out,
        feature_names=list(FEATURES),
        training_data=f"simulated worlds, seeds {seeds[0]}-{seeds[-1]}",
        metrics=metrics,
    )
    return model, metrics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train botwatch's default model.")
    parser.add_argument("--worlds", type=int, default=len(TRAIN_SEEDS))
    parser.add_argument("--out", default=str(DEFAULT_MODEL_PATH))
    parser.add_argument("--n-jobs", type=int, default=2)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    _, metrics = train_default_model(
        range(TRAIN_SEEDS.start, TRAIN_SEEDS.start + args.worlds), out=args.out, n_jobs=args.n_jobs
    )
    logger.info("%s", metrics)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
