"""The classifier: quality floor on unseen worlds, calibration, base rate and safe persistence."""

from __future__ import annotations

import json

import joblib
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score

from botwatch.datasets import STRATEGIES
from botwatch.errors import ModelError
from botwatch.features import FEATURE_GROUPS, FEATURES
from botwatch.models import BotClassifier, load_model, save_model
from botwatch.models.train import (
    DEFAULT_PARAMS,
    expected_calibration_error,
    has_strategy,
    labelled_world,
    leave_one_strategy_out,
    per_strategy_average_precision,
    profile_only_view,
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
    assert set(STRATEGIES) - {"scripted"} <= set(ap) <= set(STRATEGIES)
    # The additive, monotone model: 0.84 (influencer) to 1.00 here.
    assert min(ap.values()) >= 0.8, ap
    assert np.mean(list(ap.values())) >= 0.9, ap
    traps = truth["role"].isin(["superfan", "viral_commenter"]).to_numpy()
    assert (proba[traps] >= 0.5).mean() < 0.02


def test_default_model_scores_without_profiles(default_model):
    X, truth = labelled_world(7, profiles="none", precision_s=1)
    assert X["age_days_log"].isna().all()
    proba = default_model.predict_proba(X)[:, 1]
    ap = per_strategy_average_precision(truth, proba)
    assert np.mean(list(ap.values())) >= 0.9, ap


def test_profile_only_view_keeps_the_profile_and_nothing_else():
    X, truth = labelled_world(9, profiles="partial", precision_s=60)
    view, view_truth = profile_only_view(X, truth)
    has_profile = X["followers_log"].notna().to_numpy()
    assert 0 < has_profile.sum() < len(X) and len(view) == has_profile.sum()
    profile = FEATURE_GROUPS["profile"]
    pd.testing.assert_frame_equal(view[profile], X[has_profile][profile])
    assert view.drop(columns=profile).isna().all().all()
    pd.testing.assert_frame_equal(view_truth, truth[has_profile])


def test_default_model_ranks_accounts_known_only_by_their_profile(default_model):
    # Profiles alone (no comment, timing or graph feature): an account table without comments.
    # Farm accounts are young, batch-registered or thinly followed; the model must rank them
    # above real people from that alone, not follow branches no training account took.
    parts = [profile_only_view(*labelled_world(seed, degraded=False)) for seed in (20, 21)]
    X = pd.concat([p[0] for p in parts])
    y = pd.concat([p[1] for p in parts])["is_inauthentic"].to_numpy(dtype=bool)
    # 0.75 with the monotone profile model, which does not use the follow count or the handle's
    # letters (directions unknown); on real InstaFake profiles it ranks better than before (0.967).
    assert roc_auc_score(y, default_model.predict_proba(X)[:, 1]) >= 0.7
    # With only some profile fields (no registration date, no handle), still better than chance.
    partial = X.copy()
    partial[["age_days_log", "posts_per_day_log", "created_same_days_log", "created_burst_ratio"]] = np.nan
    partial[["handle_digits", "handle_vowel_share", "id_neighbors_log"]] = np.nan
    assert roc_auc_score(y, default_model.predict_proba(partial)[:, 1]) >= 0.65


def test_fallback_scores_only_rows_without_behaviour(small_worlds):
    (X, truth), (X_test, truth_test) = small_worlds
    y = truth["is_inauthentic"].to_numpy(dtype=bool)
    profile = FEATURE_GROUPS["profile"]
    plain = BotClassifier(max_iter=60).fit(X, y, groups=truth["world"])
    fb = BotClassifier(max_iter=60, fallback_features=profile).fit(X, y, groups=truth["world"])
    assert list(fb.feature_names_in_[fb.fallback_columns_]) == sorted(profile, key=list(X.columns).index)
    # Commenters are scored by the main model exactly as without a fallback.
    np.testing.assert_array_equal(fb.predict_proba(X_test), plain.predict_proba(X_test))
    # Rows known only by their profile go to the fallback, which ranks them; the main model's
    # branches for a missing behaviour were never trained on such rows.
    view, view_truth = profile_only_view(X_test, truth_test)
    y_view = view_truth["is_inauthentic"].to_numpy(dtype=bool)
    auc_fb = roc_auc_score(y_view, fb.predict_proba(view)[:, 1])
    auc_plain = roc_auc_score(y_view, plain.predict_proba(view)[:, 1])
    assert auc_fb >= 0.8 and auc_fb > auc_plain + 0.05, (auc_fb, auc_plain)
    own = view.to_numpy()[:, fb.fallback_columns_]
    np.testing.assert_allclose(fb.decision_function(view), fb.fallback_.decision_function(own))
    with pytest.raises(ValueError, match="not a column"):
        BotClassifier(max_iter=5, fallback_features=["no_such_feature"]).fit(X, y)


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


def test_a_missing_value_is_no_evidence():
    # Feature 1 is missing mostly for inauthentic accounts in training: still, a missing value
    # reads as the reference (a typical genuine account's value) and moves no score.
    rng = np.random.default_rng(3)
    X = rng.normal(size=(600, 2))
    y = (X[:, 0] + 0.5 * X[:, 1] > 0.8).astype(int)
    X[(y == 1) & (rng.random(600) < 0.7), 1] = np.nan
    clf = BotClassifier(max_iter=30, min_samples_leaf=10, monotonic_cst=[1, 1]).fit(X, y)
    probe = np.array([[1.0, np.nan], [-1.0, np.nan]])
    _, terms = clf.explain(probe)
    assert (terms[:, 1] == 0).all()
    as_reference = probe.copy()
    as_reference[:, 1] = clf.reference_[1]
    np.testing.assert_allclose(clf.decision_function(probe), clf.decision_function(as_reference))


class TestPersistence:
    def test_envelope_round_trip(self, tmp_path, caplog):
        rng = np.random.default_rng(2)
        X = rng.normal(size=(200, len(FEATURES)))
        y = (X[:, 0] > 0).astype(int)
        clf = BotClassifier(max_iter=10).fit(X, y)
        path = save_model(clf, tmp_path / "mine.joblib", feature_names=list(FEATURES), training_data="test")
        with pytest.raises(ModelError, match="refusing to load"):
            load_model(path)
        with caplog.at_level("WARNING"):
            env = load_model(path, trusted=True)
        assert f"loading {path} with pickle" in caplog.text
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

    def test_shipped_model_loads_without_trust(self, caplog):
        with caplog.at_level("WARNING"):
            env = load_model()
        assert "with pickle" not in caplog.text
        assert env["feature_names"] == list(FEATURES)
        assert "validation" in env["metrics"]


@pytest.fixture(scope="module")
def small_worlds():
    train = [labelled_world(seed) for seed in range(30, 38)]  # degraded as real dumps are
    test = [labelled_world(seed, degraded=False) for seed in (40, 41, 42, 43)]

    def stack(parts):
        return pd.concat([p[0] for p in parts]), pd.concat([p[1] for p in parts])

    return stack(train), stack(test)


def test_strategies_never_seen_in_training_are_still_found(small_worlds):
    # Leave one strategy out: every farm using it is removed from training, then its accounts
    # are ranked against every authentic account of unseen worlds (traps in every one).
    (X, truth), (X_test, truth_test) = small_worlds
    assert truth_test["role"].isin(["superfan"]).any() and truth_test["role"].isin(["viral_commenter"]).any()
    table = leave_one_strategy_out(X, truth, X_test, truth_test, params=DEFAULT_PARAMS)
    assert set(table.index) == set(STRATEGIES)
    assert (table["n_train_inauthentic"] > 0).all()
    ap = table["average_precision"]
    # Camouflaged farms, whose members also write ordinary comments (some with links, as genuine
    # people do), are the hardest to find unseen: 0.898 on the full validation worlds.
    assert ap.drop("camouflage").min() >= 0.90, ap.to_dict()
    assert ap["camouflage"] >= 0.85, ap.to_dict()


def test_leave_one_strategy_out_really_leaves_it_out(small_worlds):
    (X, truth), (X_test, truth_test) = small_worlds
    table = leave_one_strategy_out(X, truth, X_test, truth_test, strategies=["operator"])
    kept = ~has_strategy(truth, "operator")
    assert table.loc["operator", "n_train_inauthentic"] == truth["is_inauthentic"][kept].sum()
    assert table.loc["operator", "n_test"] == has_strategy(truth_test, "operator").sum()


def test_calibrated_scores_rank_as_the_trees_do():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(600, 4))
    y = (X[:, 0] + rng.normal(0, 1, 600) > 1).astype(int)
    clf = BotClassifier(max_iter=40).fit(X, y)
    raw = clf.decision_function(X)
    proba = clf.predict_proba(X)[:, 1]
    order = np.argsort(raw, kind="stable")
    assert np.all(np.diff(proba[order]) >= 0)
    assert len(np.unique(proba)) == len(np.unique(raw))  # no ties made by the calibration steps
    trees = BotClassifier(max_iter=40).fit_trees(X, y)
    assert np.array_equal(np.argsort(trees.decision_function(X), kind="stable"), order)


def test_a_feature_never_observed_is_ignored():
    # A dump without profiles: every profile feature is missing for every account.
    rng = np.random.default_rng(4)
    X = np.c_[rng.normal(size=300), np.full(300, np.nan)]
    y = (X[:, 0] > 0.3).astype(int)
    clf = BotClassifier(max_iter=20, max_features=0.5).fit(X, y)
    with_value = X.copy()
    with_value[:, 1] = 5.0
    assert np.allclose(clf.predict_proba(X), clf.predict_proba(with_value))


class TestDataOnly:
    def test_a_model_saved_as_data_predicts_and_explains_exactly(self, tmp_path, caplog):
        rng = np.random.default_rng(4)
        X = pd.DataFrame(rng.normal(size=(600, len(FEATURES))), columns=list(FEATURES))
        X.iloc[::4, 3] = np.nan
        y = (X.iloc[:, 0] + X.iloc[:, 1] > 0.5).astype(int)
        profile = FEATURE_GROUPS["profile"]
        kinds = {name: ("profile" if name in profile else "behaviour") for name in FEATURES}
        clf = BotClassifier(
            max_iter=30, evidence_kinds=kinds, kind_max={"behaviour": 0.3}, fallback_features=profile
        ).fit(X, y)
        path = save_model(clf, tmp_path / "mine.json", feature_names=list(FEATURES), training_data="test")
        text = path.read_text(encoding="utf-8")
        assert "pickle" not in text and json.loads(text)["encoding"] == "data"
        with caplog.at_level("WARNING"):
            loaded = load_model(path)["model"]  # data: no trust needed, no warning
        assert caplog.text == ""
        Z = X.copy()
        names = list(FEATURES)
        Z.iloc[:50, [names.index(f) for f in names if f not in profile]] = np.nan  # fallback rows
        np.testing.assert_array_equal(loaded.predict_proba(Z), clf.predict_proba(Z))
        for a, b in zip(loaded.explain(Z), clf.explain(Z), strict=True):
            np.testing.assert_array_equal(a, b)
        gz = save_model(clf, tmp_path / "mine.json.gz", feature_names=list(FEATURES), training_data="test")
        np.testing.assert_array_equal(load_model(gz)["model"].predict_proba(Z), clf.predict_proba(Z))

    def test_step_tables_give_what_the_trees_give(self):
        rng = np.random.default_rng(5)
        X = rng.normal(size=(500, 4))
        X[::5, 2] = np.nan
        y = (X[:, 0] - X[:, 1] > 0).astype(int)
        clf = BotClassifier(max_iter=40).fit(X, y)
        probe = np.vstack([X, rng.normal(size=(200, 4)) * 3, np.full((1, 4), np.nan)])
        tables = clf.steps_
        del clf.steps_  # the trees themselves, read feature by feature
        from_trees = clf.decision_function(probe)
        clf.steps_ = tables
        np.testing.assert_allclose(clf.decision_function(probe), from_trees, rtol=0, atol=1e-12)

    def test_only_a_bot_classifier_is_saved_as_data_and_junk_is_refused(self, tmp_path):
        from sklearn.linear_model import LogisticRegression

        with pytest.raises(ModelError, match="only a BotClassifier"):
            save_model(
                LogisticRegression(), tmp_path / "lr.json", feature_names=list(FEATURES), training_data="t"
            )
        junk = tmp_path / "junk.json"
        junk.write_text('{"format": "botwatch-model", "model": {"params": 1}}', encoding="utf-8")
        with pytest.raises(ModelError, match="not a readable model file"):
            load_model(junk)
        junk.write_text("[1, 2]", encoding="utf-8")
        with pytest.raises(ModelError, match="not a botwatch model file"):
            load_model(junk)
