"""The classifier: quality floor on unseen worlds, calibration, base rate and safe persistence."""

from __future__ import annotations

import joblib
import numpy as np
import pandas as pd
import pytest

from botwatch.datasets import STRATEGIES
from botwatch.errors import ModelError
from botwatch.features import FEATURES
from botwatch.models import BotClassifier, load_model, save_model
from botwatch.models.train import (
    expected_calibration_error,
    labelled_world,
    per_strategy_average_precision,
)


@pytest.fixture(scope="module")
def default_model():
    return load_model()["model"]


def test_default_model_finds_every_strategy_in_unseen_worlds(default_model):
    # Four small random worlds (seeds below 1000 are never used in training), traps in every one;
    # average precision per strategy, its accounts against every authentic account of the worlds.
    parts = [labelled_world(seed, degraded=False) for seed in (20, 21, 22, 23)]
    truth = pd.concat([t for _, t in parts])
    proba = np.concatenate([default_model.predict_proba(X)[:, 1] for X, _ in parts])
    ap = per_strategy_average_precision(truth, proba)
    assert set(ap) == set(STRATEGIES)
    assert min(ap.values()) >= 0.95, ap
    traps = truth["role"].isin(["superfan", "viral_commenter"]).to_numpy()
    assert (proba[traps] >= 0.5).mean() < 0.02


def test_default_model_scores_without_profiles(default_model):
    X, truth = labelled_world(7, profiles="none", precision_s=1)
    assert X["age_days_log"].isna().all()
    proba = default_model.predict_proba(X)[:, 1]
    ap = per_strategy_average_precision(truth, proba)
    assert np.mean(list(ap.values())) >= 0.9, ap


def test_probabilities_are_calibrated_on_unseen_worlds(default_model):
    parts = [labelled_world(s) for s in (11, 12)]
    y = np.concatenate([t["is_inauthentic"].to_numpy(dtype=bool) for _, t in parts])
    proba = np.concatenate([default_model.predict_proba(X)[:, 1] for X, _ in parts])
    assert expected_calibration_error(y, proba) <= 0.05


def test_base_rate_shifts_probabilities_monotonically():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(500, 3))
    y = (X[:, 0] + rng.normal(0, 1, 500) > 1.2).astype(int)
    clf = BotClassifier(max_iter=30).fit(X, y)
    base = clf.predict_proba(X)[:, 1]
    low = clf.set_params(base_rate=0.01).predict_proba(X)[:, 1]
    high = clf.set_params(base_rate=0.5).predict_proba(X)[:, 1]
    inner = (base > 0.01) & (base < 0.99)
    assert np.all(low[inner] < base[inner]) and np.all(high[inner] > base[inner])
    assert np.array_equal(np.argsort(low, kind="stable"), np.argsort(base, kind="stable"))
    with pytest.raises(ValueError, match="base_rate"):
        clf.set_params(base_rate=1.5).predict_proba(X)


def test_missing_values_are_scored():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(300, 2))
    y = (X[:, 0] > 0.5).astype(int)
    X[::3, 1] = np.nan
    clf = BotClassifier(max_iter=20).fit(X, y)
    assert np.isfinite(clf.predict_proba(np.full((2, 2), np.nan))).all()


class TestPersistence:
    def test_envelope_round_trip(self, tmp_path):
        rng = np.random.default_rng(2)
        X = rng.normal(size=(200, len(FEATURES)))
        y = (X[:, 0] > 0).astype(int)
        clf = BotClassifier(max_iter=10).fit(X, y)
        path = save_model(clf, tmp_path / "mine.joblib", feature_names=list(FEATURES), training_data="test")
        with pytest.raises(ModelError, match="refusing to load"):
            load_model(path)
        env = load_model(path, trusted=True)
        assert env["feature_names"] == list(FEATURES)
        assert {
            "botwatch_version",
            "sklearn_version",
            "numpy_version",
            "schema_hash",
            "training_data",
        } <= set(env)
        assert np.allclose(env["model"].predict_proba(X), clf.predict_proba(X))

    def test_other_feature_schema_is_refused(self, tmp_path):
        path = save_model(
            BotClassifier(), tmp_path / "old.joblib", feature_names=["x", "y"], training_data="test"
        )
        with pytest.raises(ModelError, match="another feature schema"):
            load_model(path, trusted=True)

    def test_not_a_model_file(self, tmp_path):
        path = tmp_path / "junk.joblib"
        joblib.dump({"hello": 1}, path)
        with pytest.raises(ModelError, match="not a botwatch model"):
            load_model(path, trusted=True)
        with pytest.raises(ModelError, match="not found"):
            load_model(tmp_path / "absent.joblib", trusted=True)

    def test_shipped_model_loads_without_trust(self):
        env = load_model()
        assert env["feature_names"] == list(FEATURES)
        assert "validation" in env["metrics"]
