"""The score follows the evidence: properties of the classifier and of the shipped model."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from botwatch.features import FEATURES
from botwatch.features._directions import FEATURE_DIRECTIONS, FEATURE_KINDS, KIND_MAX, WEAK_KINDS
from botwatch.models import BotClassifier, load_model
from botwatch.models.train import labelled_world

VOCABULARY = ["praise_share", "attack_share", "reply_to_critic_share"]


@pytest.fixture(scope="module")
def model():
    return load_model()["model"]


@pytest.fixture(scope="module")
def accounts():
    """Accounts of unseen worlds of both generators."""
    parts = [labelled_world(3), labelled_world(701, generator="agency")]
    X = pd.concat([p[0] for p in parts])
    truth = pd.concat([p[1] for p in parts])
    return X, truth


def test_every_feature_has_a_direction_and_a_kind():
    assert set(FEATURE_DIRECTIONS) == set(FEATURES) == set(FEATURE_KINDS)
    assert set(FEATURE_DIRECTIONS.values()) <= {-1, 0, 1}
    assert set(KIND_MAX) == set(FEATURE_KINDS.values())
    # Vocabulary is behaviour: evidence any person may show.
    assert all(FEATURE_KINDS[f] in WEAK_KINDS for f in VOCABULARY)


def test_the_default_model_uses_only_features_of_known_direction(model):
    used = set(model.feature_names_in_[model.used_])
    assert used == {f for f, d in FEATURE_DIRECTIONS.items() if d}


def test_raising_a_suspicious_feature_never_lowers_a_score(model, accounts):
    X, _ = accounts
    rng = np.random.default_rng(0)
    rows = X.iloc[rng.choice(len(X), 400, replace=False)]
    base = model.predict_proba(rows)[:, 1]
    for name, direction in FEATURE_DIRECTIONS.items():
        if not direction:
            continue
        values = rows[name].to_numpy()
        for step in (0.05, 0.3, 2.0):
            moved = rows.copy()
            moved[name] = np.where(np.isnan(values), np.nan, values + direction * step)
            after = model.predict_proba(moved)[:, 1]
            assert np.all(after >= base - 1e-12), (name, step)


@settings(deadline=None)
@given(
    st.lists(st.floats(-3, 3, allow_nan=False), min_size=4, max_size=4),
    st.integers(0, 3),
    st.floats(0.01, 5),
)
def test_monotone_for_any_account(row, feature, step):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(600, 4))
    y = (X[:, 0] - X[:, 1] + rng.normal(0, 1, 600) > 1).astype(int)
    clf = _fitted_small(X.tobytes(), y.tobytes())
    x = np.array([row])
    moved = x.copy()
    direction = [1, -1, 1, -1][feature]
    moved[0, feature] += direction * step
    assert clf.decision_function(moved)[0] >= clf.decision_function(x)[0] - 1e-12


_SMALL: dict[bytes, BotClassifier] = {}


def _fitted_small(xb: bytes, yb: bytes) -> BotClassifier:
    if xb not in _SMALL:
        X = np.frombuffer(xb).reshape(-1, 4)
        y = np.frombuffer(yb, dtype=np.int64)
        _SMALL[xb] = BotClassifier(max_iter=30, monotonic_cst=[1, -1, 1, -1]).fit(X, y)
    return _SMALL[xb]


def test_reasons_are_the_terms_of_the_score(model, accounts):
    X, _ = accounts
    base, terms = model.explain(X)
    assert np.allclose(base + terms.sum(axis=1), model.decision_function(X))
    unused = np.setdiff1d(np.arange(X.shape[1]), model.used_)
    fall = model._fallback_rows(X.to_numpy())
    assert np.all(terms[np.ix_(~fall, unused)] == 0)


def test_vocabulary_alone_never_reaches_the_threshold(model, accounts):
    X, _ = accounts
    _, terms = model.explain(X)
    kinds = np.array([FEATURE_KINDS[c] for c in X.columns])
    strong = ~np.isin(kinds, WEAK_KINDS)
    # Accounts with no strong evidence at all, given every behaviour signal at its most suspicious.
    quiet = X[(np.where(strong, terms, 0).clip(min=0).sum(axis=1) == 0)].copy()
    assert len(quiet) > 500
    for name in [*VOCABULARY, "self_repeat_share", "shared_phrase_share", "fast_share", "office_share"]:
        quiet[name] = np.where(quiet[name].isna(), np.nan, 1.0)
    quiet["n_comments_log"] = 3.0
    assert model.predict_proba(quiet)[:, 1].max() < 0.5


def test_the_highest_scores_need_several_kinds_of_evidence(model, accounts):
    X, _ = accounts
    p = model.predict_proba(X)[:, 1]
    _, terms = model.explain(X)
    kinds = np.array([FEATURE_KINDS[c] for c in X.columns])
    names = sorted(set(kinds))
    totals = np.stack([terms[:, kinds == k].sum(axis=1) for k in names], axis=1)
    high = p >= 0.99
    assert high.any()
    assert np.all((totals[high] > 0).sum(axis=1) >= 2)


def test_a_capped_kind_cannot_carry_a_score_alone():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(3000, 3))
    y = (2 * X[:, 0] + X[:, 1] + rng.normal(0, 0.5, 3000) > 2.5).astype(int)
    clf = BotClassifier(
        max_iter=60, monotonic_cst=[1, 1, 0], evidence_kinds=["a", "b", "b"], kind_max={"a": 0.3}
    ).fit(X, y)
    only_a = np.tile(clf.reference_, (50, 1))
    only_a[:, 0] = np.linspace(-3, 6, 50)
    assert clf.predict_proba(only_a)[:, 1].max() <= 0.3 + 1e-9
    uncapped = BotClassifier(max_iter=60, monotonic_cst=[1, 1, 0]).fit(X, y)
    assert uncapped.predict_proba(only_a)[:, 1].max() > 0.5


def test_a_raise_only_kind_never_lowers_a_score():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(3000, 3))
    y = (X[:, 0] + X[:, 1] + rng.normal(0, 0.5, 3000) > 2).astype(int)
    kinds = {"evidence_kinds": ["a", "b", "b"], "monotonic_cst": [1, 1, 1], "max_iter": 60}
    free = BotClassifier(**kinds).fit(X, y)
    floored = BotClassifier(**kinds, raise_only=["a"]).fit(X, y)
    # Below the typical account, kind "a" is worth nothing rather than a discount...
    low = np.tile(free.reference_, (40, 1))
    low[:, 0] = np.linspace(-4, free.reference_[0], 40)
    assert free.explain(low)[1][:, 0].min() < -0.5
    assert np.all(floored.explain(low)[1][:, 0] == 0)
    # ...so it cannot offset kind "b", whose terms are untouched; above it, nothing changes.
    both = low.copy()
    both[:, 1] = 3.0
    assert np.all(
        floored.decision_function(both)
        >= floored.decision_function(np.c_[np.full(40, free.reference_[0]), both[:, 1:]]) - 1e-12
    )
    high = np.tile(free.reference_, (40, 1))
    high[:, 0] = np.linspace(free.reference_[0], 4, 40)
    assert np.allclose(floored.decision_function(high), free.decision_function(high))
    # A name given as one string is one kind, not its letters.
    assert np.all(BotClassifier(**kinds, raise_only="a").fit(X, y).explain(low)[1][:, 0] == 0)


def test_behaviour_only_raises_a_score_in_the_shipped_model(model, accounts):
    X, _ = accounts
    _, terms = model.explain(X)
    weak = np.isin([FEATURE_KINDS[c] for c in X.columns], WEAK_KINDS)
    assert np.all(terms[:, weak] >= 0)
    assert (terms[:, weak] > 0).any() and (terms[:, ~weak] < 0).any()


def test_the_model_card_states_the_directions_the_code_uses():
    from pathlib import Path

    card = (Path(__file__).resolve().parents[2] / "MODEL_CARD.md").read_text(encoding="utf-8")
    said = {}
    for line in card.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`") and cells[0].strip("`") in FEATURES:
            word = cells[3].split()[0]
            said[cells[0].strip("`")] = ({"more": 1, "less": -1, "not": 0}[word], cells[2])
    assert said == {f: (FEATURE_DIRECTIONS[f], FEATURE_KINDS[f]) for f in FEATURES}


def _registration_terms(model, n_accounts):
    """Ordinary accounts registered evenly over two years and numbered one by one, one comment
    each: the largest registration term of any of them, and the highest score."""
    from botwatch.features import account_features
    from botwatch.schema import validate_accounts, validate_comments

    rng = np.random.default_rng(n_accounts)
    ids = np.arange(1, n_accounts + 1).astype(str)
    start = pd.Timestamp("2022-01-01", tz="UTC")
    created = start + pd.to_timedelta(np.sort(rng.uniform(0, 730, n_accounts)), unit="D")
    written = pd.Timestamp("2024-06-01T10:00:00Z") + pd.to_timedelta(
        rng.uniform(0, 86400, n_accounts), unit="s"
    )
    comments = validate_comments(
        pd.DataFrame(
            {
                "platform": "vk",
                "post_id": "p1",
                "account_id": ids,
                "comment_id": ids,
                "created_at": written,
                "text": "Когда отремонтируют дорогу?",
            }
        )
    ).table
    accounts = validate_accounts(
        pd.DataFrame({"platform": "vk", "account_id": ids, "created_at": created, "followers_count": 150})
    ).table
    X = account_features(comments, accounts)[list(model.feature_names_in_)]
    _, terms = model.explain(X)
    names = list(model.feature_names_in_)
    cols = [names.index(f) for f in ("created_same_days_log", "created_burst_ratio", "id_neighbors_log")]
    return terms[:, cols].max(), model.predict_proba(X)[:, 1].max()


def test_profile_evidence_does_not_grow_with_the_dump(model):
    """How many others registered the same days, or hold the ids next to one's own, depends on how
    many accounts a dump holds, not on any of them: a hundred times more ordinary accounts must
    not raise any registration term, and none of them is flagged at either size."""
    small_term, small_score = _registration_terms(model, 300)
    large_term, large_score = _registration_terms(model, 30_000)
    assert large_term <= small_term + 0.05
    assert small_term < 1.5 and large_term < 1.5
    assert small_score < 0.5 and large_score < 0.5
