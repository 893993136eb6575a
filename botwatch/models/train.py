"""Training and validation of the default model on simulated worlds.

Run ``python -m botwatch.models.train`` to rebuild ``botwatch/models/default.json`` exactly: the
worlds come from fixed seeds (10000 and up; seeds below 1000 are kept for tests and validation),
and a share of them is degraded the way real dumps are (no profiles, profiles without registration
dates, half the profiles, times to the minute or the day), so that the model learns to score with
what a dump actually holds.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from sklearn.metrics import average_precision_score, roc_auc_score

from botwatch._pipeline import analyze
from botwatch.datasets import STRATEGIES, TACTICS, agency_world, degrade, random_world_config, simulate
from botwatch.features import FEATURE_GROUPS, FEATURES
from botwatch.models._classifier import DEFAULT_PARAMS, BotClassifier, default_classifier
from botwatch.models._evaluation import expected_calibration_error
from botwatch.models._persist import DEFAULT_MODEL_PATH, save_model
from botwatch.schema import account_keys, validate_accounts, validate_comments

__all__ = [
    "AGENCY_TRAIN_SEEDS",
    "CANDIDATE_PARAMS",
    "DEFAULT_PARAMS",
    "GENERATORS",
    "TRAIN_SEEDS",
    "expected_calibration_error",
    "has_strategy",
    "labelled_world",
    "leave_one_generator_out",
    "leave_one_strategy_out",
    "per_strategy_average_precision",
    "profile_only_view",
    "select_params",
    "train_default_model",
]

logger = logging.getLogger(__name__)

TRAIN_SEEDS = range(10_000, 10_060)
"""Seeds of the worlds the default model is trained on."""


GENERATORS = ("simulate", "agency")
"""The two world generators: :func:`botwatch.datasets.simulate` and
:func:`botwatch.datasets.agency_world`, written apart from each other."""


def labelled_world(
    seed: int,
    *,
    degraded: bool = True,
    profiles: str | None = None,
    precision_s: int | None = None,
    generator: str = "simulate",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Features and truth of one random world of either generator.

    Parameters
    ----------
    seed : int
    degraded, profiles, precision_s
        How a world of :func:`botwatch.datasets.simulate` is degraded (see
        :func:`botwatch.datasets.degrade`); worlds of :func:`botwatch.datasets.agency_world` draw
        their own gaps (no profiles, times to the minute) and ignore these.
    generator : {"simulate", "agency"}, default "simulate"

    Returns
    -------
    X : pandas.DataFrame
        Features, one row per account.
    truth : pandas.DataFrame
        ``is_inauthentic``, ``role``, ``farm``, ``strategies`` (the farm's tactics, ``;``-joined),
        ``generator`` and ``world`` per account, aligned.
    """
    if generator == "agency":
        return _agency_labelled(seed)
    if generator != "simulate":
        raise ValueError(f"generator must be one of {GENERATORS}, got {generator!r}")
    rng = np.random.default_rng(seed)
    world = simulate(seed, random_world_config(rng))
    if degraded:
        comments, accounts = degrade(world, rng, profiles=profiles, precision_s=precision_s)
    else:
        comments, accounts = world.comments, world.accounts
    analysis = analyze(comments, accounts)
    truth = world.truth.set_index("account_id").reindex(analysis.features.index)
    truth["generator"] = "simulate"
    truth["world"] = seed
    return analysis.features, truth


def _agency_labelled(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    world = agency_world(seed)
    # Its profiles may lack whole columns, as real exports do: read as a reader would give them.
    accounts = None if world.accounts is None else validate_accounts(world.accounts).table
    analysis = analyze(validate_comments(world.comments).table, accounts)
    keys = account_keys(world.comments)
    key_of = pd.Series(keys.to_numpy(), index=world.comments["account_id"].astype(str).to_numpy())
    key_of = key_of[~key_of.index.duplicated()]
    t = world.truth.assign(account_id=world.truth["account_id"].astype(str))
    t = t.set_index(key_of.reindex(t["account_id"]).to_numpy())
    truth = pd.DataFrame(
        {
            "is_inauthentic": t["is_inauthentic"].astype(bool),
            "role": t["role"],
            "farm": t["farm"],
            "strategies": t["tactic"],
        }
    ).reindex(analysis.features.index)
    truth["is_inauthentic"] = truth["is_inauthentic"].fillna(False).astype(bool)
    truth["generator"] = "agency"
    truth["world"] = seed
    return analysis.features, truth


def profile_only_view(X: pd.DataFrame, truth: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The accounts whose profile is known, with every feature but the profile's missing.

    What botwatch would see of them in an account table without comments; the default model
    scores such rows with its profile-only fallback (``BotClassifier(fallback_features=...)``).
    """
    profile = FEATURE_GROUPS["profile"]
    observed = [c for c in ("followers_log", "following_log", "age_days_log") if c in X.columns]
    has_profile = X[observed].notna().any(axis=1).to_numpy()
    view = X[has_profile].copy()
    view.loc[:, [c for c in X.columns if c not in profile]] = np.nan
    return view, truth[has_profile]


def has_strategy(truth: pd.DataFrame, strategy: str) -> np.ndarray:
    """Boolean mask of the accounts whose farm uses ``strategy``."""
    tags = truth["strategies"].fillna("").astype(str).str.split(";")
    return tags.apply(lambda t: strategy in t).to_numpy(dtype=bool)


def per_strategy_average_precision(truth: pd.DataFrame, scores: np.ndarray) -> dict[str, float]:
    """Average precision for each farm strategy: its accounts against every authentic account.

    Authentic accounts include the traps (viral-post commenters, superfans), so a strategy is
    only well found if it ranks above them too.
    """
    scores = np.asarray(scores)
    authentic = ~truth["is_inauthentic"].to_numpy(dtype=bool)
    out = {}
    for strategy in (*STRATEGIES, *(t for t in TACTICS if t not in STRATEGIES)):
        has = has_strategy(truth, strategy)
        if has.sum() == 0:
            continue
        sel = has | authentic
        out[strategy] = float(average_precision_score(has[sel], scores[sel]))
    return out


def leave_one_strategy_out(
    X: pd.DataFrame,
    truth: pd.DataFrame,
    X_test: pd.DataFrame,
    truth_test: pd.DataFrame,
    *,
    params: dict[str, Any] | None = None,
    strategies: Sequence[str] = STRATEGIES,
) -> pd.DataFrame:
    """Train without one farm strategy, test on it; once per strategy.

    For each strategy, every account of a farm using it is removed from the training rows
    (``X``, ``truth``); the model is fitted on the rest and scores the test worlds (``X_test``),
    where the strategy's accounts are ranked against every authentic account, traps included.
    This measures what matters when a new tactic appears: whether the model still finds it.
    Only the trees are fitted: the calibrated probabilities rank accounts exactly as they do.

    Parameters
    ----------
    X, truth : pandas.DataFrame
        Training features and truth (from :func:`labelled_world`), aligned.
    X_test, truth_test : pandas.DataFrame
        Features and truth of other worlds.
    params : dict, optional
        :class:`BotClassifier` parameters.
    strategies : sequence of str, default :data:`botwatch.datasets.STRATEGIES`

    Returns
    -------
    pandas.DataFrame
        One row per strategy: ``average_precision``, ``n_test`` (its accounts in the test
        worlds) and ``n_train_inauthentic`` (inauthentic training accounts left).
    """
    y = truth["is_inauthentic"].to_numpy(dtype=bool)
    y_test = truth_test["is_inauthentic"].to_numpy(dtype=bool)
    rows = []
    for strategy in strategies:
        test_has = has_strategy(truth_test, strategy)
        if not test_has.any():
            continue
        keep = ~has_strategy(truth, strategy)
        row: dict[str, Any] = {"strategy": strategy}
        scores = BotClassifier(**(params or {})).fit_trees(X[keep], y[keep]).decision_function(X_test)
        sel = test_has | ~y_test
        row["average_precision"] = float(average_precision_score(test_has[sel], scores[sel]))
        row["n_test"] = int(test_has.sum())
        row["n_train_inauthentic"] = int(y[keep].sum())
        rows.append(row)
    return pd.DataFrame(rows).set_index("strategy")


CANDIDATE_PARAMS: tuple[dict[str, Any], ...] = (
    {"max_features": 1.0, "min_samples_leaf": 40},
    {"max_features": 0.5, "min_samples_leaf": 100},
    {"max_features": 0.3, "min_samples_leaf": 100},
    {"max_features": 0.3, "min_samples_leaf": 200},
)
"""Settings the default training chooses among by leave-one-strategy-out validation."""


def select_params(
    X: pd.DataFrame,
    truth: pd.DataFrame,
    X_test: pd.DataFrame,
    truth_test: pd.DataFrame,
    candidates: Sequence[dict[str, Any]] = CANDIDATE_PARAMS,
) -> tuple[dict[str, Any], pd.DataFrame]:
    """Choose the classifier settings that best find strategies they were not trained on.

    Each candidate is scored by leave-one-strategy-out validation; the one whose worst strategy
    has the highest average precision wins (ties: the higher mean). In-distribution
    cross-validation would reward settings that memorise the strategies seen in training.

    Returns
    -------
    best : dict
        The chosen parameters.
    table : pandas.DataFrame
        Average precision per candidate (rows) and held-out strategy (columns), with ``min``
        and ``mean``.
    """
    rows = []
    for params in candidates:
        ap = leave_one_strategy_out(X, truth, X_test, truth_test, params=params)["average_precision"]
        logger.info("%s: worst %.3f, mean %.3f", params, ap.min(), ap.mean())
        rows.append({**ap.to_dict(), "min": ap.min(), "mean": ap.mean()})
    table = pd.DataFrame(rows, index=[repr(p) for p in candidates])
    best = int(np.lexsort((-table["mean"].to_numpy(), -table["min"].to_numpy()))[0])
    return dict(candidates[best]), table


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
    return _figures(model, X, truth)


def _figures(model: BotClassifier, X: pd.DataFrame, truth: pd.DataFrame) -> dict[str, object]:
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


AGENCY_TRAIN_SEEDS = range(20_000, 20_060)
"""Seeds of the :func:`botwatch.datasets.agency_world` worlds the default model is trained on."""

AGENCY_VALIDATION_SEEDS = range(700, 712)
"""Seeds of the held-out :func:`botwatch.datasets.agency_world` worlds."""


def leave_one_generator_out(
    parts: dict[str, tuple[pd.DataFrame, pd.DataFrame]],
    tests: dict[str, tuple[pd.DataFrame, pd.DataFrame]],
    *,
    params: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """Train on one generator's worlds, test on the other's; each way.

    Parameters
    ----------
    parts : dict
        Generator name -> training features and truth.
    tests : dict
        Generator name -> features and truth of held-out worlds.

    Returns
    -------
    pandas.DataFrame
        One row per (trained on, tested on, tactic): ``average_precision`` of the tactic's accounts
        against every authentic account of the test worlds, and ``n_test``; tactic ``all`` is
        every inauthentic account.
    """
    rows = []
    for train_name, (X, truth) in parts.items():
        y = truth["is_inauthentic"].to_numpy(dtype=int)
        model = BotClassifier(**(params or DEFAULT_PARAMS)).fit(X, y, groups=truth["world"].to_numpy())
        for test_name, (X_test, truth_test) in tests.items():
            if test_name == train_name:
                continue
            scores = model.decision_function(X_test)
            y_test = truth_test["is_inauthentic"].to_numpy(dtype=bool)
            per = per_strategy_average_precision(truth_test, scores)
            per["all"] = float(average_precision_score(y_test, scores))
            for tactic, ap in per.items():
                n = int(y_test.sum()) if tactic == "all" else int(has_strategy(truth_test, tactic).sum())
                rows.append(
                    {
                        "trained_on": train_name,
                        "tested_on": test_name,
                        "tactic": tactic,
                        "average_precision": ap,
                        "n_test": n,
                    }
                )
    return pd.DataFrame(rows)


SELECTION_SEEDS = range(600, 612)
"""Seeds of the worlds the settings are chosen on (never used for the reported validation)."""

VALIDATION_SEEDS = range(500, 512)
"""Seeds of the held-out worlds whose figures are stored with the model."""


def train_default_model(
    seeds: Iterable[int] = TRAIN_SEEDS,
    *,
    out: str | Path = DEFAULT_MODEL_PATH,
    validation_seeds: Iterable[int] = VALIDATION_SEEDS,
    selection_seeds: Iterable[int] | None = None,
    agency_seeds: Iterable[int] = AGENCY_TRAIN_SEEDS,
    agency_validation_seeds: Iterable[int] = AGENCY_VALIDATION_SEEDS,
    n_jobs: int = 2,
) -> tuple[BotClassifier, dict[str, object]]:
    """Train the default model on simulated worlds, validate it on others, and save it.

    1. Features of the training worlds (a share degraded as real dumps are).
    2. The classifier settings are chosen among :data:`CANDIDATE_PARAMS` by
       leave-one-strategy-out validation on the selection worlds (``selection_seeds``; None
       keeps the estimator's defaults).
    3. The model is fitted on every training account and validated on held-out worlds: overall
       figures with calibration, per-strategy average precision, and leave-one-strategy-out
       average precision with the chosen settings. Everything is stored in the model file.
    """
    seeds, agency_seeds = list(seeds), list(agency_seeds)
    X_sim, truth_sim = _collect(seeds, n_jobs)
    X_ag, truth_ag = _collect(agency_seeds, n_jobs, generator="agency")
    X, truth = pd.concat([X_sim, X_ag]), pd.concat([truth_sim, truth_ag])
    # Worlds of the two generators share seeds' numbers only by accident: groups name both.
    groups = (truth["generator"] + ":" + truth["world"].astype(str)).to_numpy()
    y = truth["is_inauthentic"].to_numpy(dtype=int)
    # Each generator weighs as much as the other in all, whatever the sizes of its worlds.
    weight = np.r_[np.full(len(X_sim), 0.5 / len(X_sim)), np.full(len(X_ag), 0.5 / len(X_ag))] * len(X)
    params: dict[str, Any] = dict(DEFAULT_PARAMS)
    selection = None
    if selection_seeds is not None:
        X_sel, truth_sel = _collect(selection_seeds, n_jobs)
        candidates = [{**DEFAULT_PARAMS, **c} for c in CANDIDATE_PARAMS]
        params, table = select_params(X_sim, truth_sim, X_sel, truth_sel, candidates)
        selection = table.round(4).to_dict(orient="index")
        logger.info("chosen settings: %s", params)
    # The design ``botwatch train`` fits on a newsroom's labels too, profile-only fallback included.
    model = default_classifier().set_params(**params)
    model.fit(X, y, groups=groups, sample_weight=weight)
    X_val, truth_val = _collect(validation_seeds, n_jobs)
    X_agv, truth_agv = _collect(agency_validation_seeds, n_jobs, generator="agency")
    loso = leave_one_strategy_out(X_sim, truth_sim, X_val, truth_val, params=params)
    logo = leave_one_generator_out(
        {"simulate": (X_sim, truth_sim), "agency": (X_ag, truth_ag)},
        {"simulate": (X_val, truth_val), "agency": (X_agv, truth_agv)},
        params=params,
    )
    metrics = {
        "validation": _figures(model, X_val, truth_val),
        "validation_agency": _figures(model, X_agv, truth_agv),
        "validation_profile_only": {
            k: v
            for k, v in _figures(model, *profile_only_view(X_val, truth_val)).items()
            if k in ("roc_auc", "average_precision", "n_accounts")
        },
        "leave_one_strategy_out": loso.round(4).to_dict(orient="index"),
        "leave_one_generator_out": logo.round(4).to_dict(orient="records"),
        "params": {k: v for k, v in params.items() if k not in DEFAULT_PARAMS},
        "selection": selection,
        "n_training_accounts": len(y),
        "n_training_worlds": len(seeds) + len(agency_seeds),
    }
    save_model(
        model,
        out,
        feature_names=list(FEATURES),
        training_data=(
            f"simulated worlds, seeds {seeds[0]}-{seeds[-1]}, and agency worlds, seeds "
            f"{agency_seeds[0]}-{agency_seeds[-1]}"
        ),
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
        range(TRAIN_SEEDS.start, TRAIN_SEEDS.start + args.worlds),
        agency_seeds=range(AGENCY_TRAIN_SEEDS.start, AGENCY_TRAIN_SEEDS.start + args.worlds),
        out=args.out,
        n_jobs=args.n_jobs,
    )
    logger.info("%s", metrics)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
