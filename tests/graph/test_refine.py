"""The steps that make the published clusters: settings, composition and each step alone."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

import botwatch
from botwatch._pipeline import _registered
from botwatch.datasets import simulate
from botwatch.graph import (
    SUSPECT_LAYERS,
    ClusterRefiner,
    ClusterState,
    DropOutsiders,
    JoinSuspects,
    KeepFlagged,
    SimilarTextClusters,
    SplitByRegistration,
    SplitClusters,
    drop_outsiders,
    similar_text_clusters,
    split_by_registration,
    split_clusters,
    suspect_clusters,
)
from botwatch.models import load_model


@pytest.fixture(scope="module")
def start():
    """A simulated world's graph clusters and the default model's flags, before refining."""
    world = simulate(1)
    analysis = botwatch.analyze(world.comments, world.accounts)
    proba = load_model()["model"].predict_proba(analysis.features)[:, 1]
    graph = analysis.graph
    flagged = np.zeros(len(graph.accounts), dtype=bool)
    flagged[graph.accounts.get_indexer(analysis.features.index)] = proba >= 0.5
    return ClusterState.start(
        graph, analysis.comments, analysis.labels, flagged, created=_registered(analysis), random_state=0
    )


class TestSettings:
    def test_every_step_setting_is_a_parameter(self):
        params = ClusterRefiner().get_params()
        for name, step in ClusterRefiner()._steps():
            for key, value in step.get_params().items():
                assert params[f"{name}__{key}"] == value
        assert params["split__min_share"] == 0.6 and params["keep_flagged__min_size"] == 3

    def test_set_params_reaches_a_step_and_clone_keeps_it(self):
        refiner = ClusterRefiner().set_params(drop_outsiders__tight=0.9, split__min_group=7)
        assert dict(refiner.steps)["drop_outsiders"].tight == 0.9
        copy = clone(refiner)
        assert copy.get_params()["split__min_group"] == 7
        copy.set_params(split__min_group=4)
        assert refiner.get_params()["split__min_group"] == 7  # the clone is independent

    def test_get_params_gives_the_steps_that_run(self):
        refiner = ClusterRefiner()
        refiner.get_params()["split"].set_params(min_share=0.99)
        assert refiner.get_params()["split__min_share"] == 0.99
        assert refiner.changed_settings() == {"split__min_share": 0.99}
        assert ClusterRefiner().set_params(similar_texts="passthrough").changed_settings() == {
            "similar_texts": "passthrough"
        }

    def test_a_refused_setting_changes_nothing(self):
        refiner = ClusterRefiner()
        with pytest.raises(ValueError):
            refiner.set_params(drop_outsiders__tight=0.9, split__nope=1)
        assert refiner.get_params()["drop_outsiders__tight"] == 0.7
        with pytest.raises(TypeError, match="pairs"):
            refiner.set_params(steps="passthrough")
        assert refiner.changed_settings() == {}

    def test_bad_settings_are_refused(self):
        with pytest.raises(ValueError, match="invalid parameter 'nope__x'"):
            ClusterRefiner().set_params(nope__x=1)
        with pytest.raises(ValueError, match="tight"):
            ClusterRefiner().set_params(drop_outsiders__tigth=1)
        with pytest.raises(TypeError, match="transform"):
            ClusterRefiner().set_params(split="skip")
        with pytest.raises(ValueError, match="unique"):
            ClusterRefiner(steps=[("a", KeepFlagged()), ("a", KeepFlagged())]).transform(None)
        with pytest.raises(ValueError, match="passthrough"):
            ClusterRefiner().set_params(split="passthrough", split__min_size=2)


def test_the_default_refiner_is_the_functions_in_order(start):
    """Composing the default steps is the documented sequence of functions, nothing else."""
    s = start
    labels, links1 = suspect_clusters(s.comments, s.graph, s.labels, s.flagged)
    graph = replace(s.graph, edges=pd.concat([s.graph.edges, links1], ignore_index=True))
    split = split_clusters(graph, labels)
    free = s.flagged & ~((labels >= 0) & (split < 0))
    labels, links2 = similar_text_clusters(s.comments, graph, split, free)
    graph = replace(graph, edges=pd.concat([graph.edges, links2], ignore_index=True))
    if s.created is not None:
        labels = split_by_registration(graph, labels, s.created)
    labels = drop_outsiders(graph, labels)
    labels = np.where(s.flagged, labels, -1)
    out = ClusterRefiner().transform(s)
    assert (out.labels >= 0).sum() > 0
    # Same partition of the flagged accounts (KeepFlagged only renumbers and drops small ones).
    kept = out.labels >= 0
    assert (labels[kept] >= 0).all()
    pairs = pd.crosstab(labels[kept], out.labels[kept])
    assert ((pairs > 0).sum(axis=1) == 1).all() and ((pairs > 0).sum(axis=0) == 1).all()
    assert len(out.links) <= len(links1) + len(links2)


def test_refining_never_changes_the_graph_it_reads(start):
    edges = start.graph.edges.copy()
    out = ClusterRefiner().transform(start)
    pd.testing.assert_frame_equal(start.graph.edges, edges)
    assert out.graph is start.graph
    assert len(out.linked_graph().edges) == len(edges) + len(out.links)


def test_join_suspects_adds_only_flagged_accounts_and_weak_links(start):
    out = JoinSuspects().transform(start)
    grown = (out.labels >= 0) & (start.labels < 0)
    assert grown.any() and start.flagged[grown].all()
    assert (start.labels[start.labels >= 0] == out.labels[start.labels >= 0]).all()
    assert out.links["layer"].isin(list(SUSPECT_LAYERS.values())).all()
    a, b = out.links["a"].to_numpy(), out.links["b"].to_numpy()
    assert (out.labels[a] == out.labels[b]).all()
    # Attaching and joining off: no more accounts than with them.
    off = JoinSuspects(join_ratio=np.inf, trace_join_ratio=np.inf, attach_ratio=np.inf).transform(start)
    assert ((off.labels >= 0) & (start.labels < 0)).sum() <= grown.sum()


def test_split_only_takes_accounts_out_and_they_stay_out(start):
    joined = JoinSuspects().transform(start)
    state = replace(joined, labels=joined.labels.copy())
    # Two clusters merged into one: the split finds them again.
    ids = np.unique(state.labels[state.labels >= 0])
    assert len(ids) >= 2
    merged = np.where(state.labels == ids[1], ids[0], state.labels)
    out = SplitClusters().transform(replace(state, labels=merged))
    assert ((out.labels >= 0) <= (merged >= 0)).all()
    taken = (merged >= 0) & (out.labels < 0)
    assert not out.free[taken].any()
    assert len(np.unique(out.labels[merged == ids[0]])) >= 2


def test_similar_texts_groups_only_free_accounts(start):
    state = SplitClusters().transform(JoinSuspects().transform(start))
    out = SimilarTextClusters(min_size=3, attach_ratio=0.05).transform(state)
    before = state.labels >= 0
    assert (out.labels[before] == state.labels[before]).all()
    new = (out.labels >= 0) & ~before
    assert state.free[new].all()


def test_split_by_registration_needs_dates(start):
    state = SplitClusters().transform(JoinSuspects().transform(start))
    assert np.array_equal(SplitByRegistration().transform(replace(state, created=None)).labels, state.labels)
    ids, sizes = np.unique(state.labels[state.labels >= 0], return_counts=True)
    big = ids[np.argmax(sizes)]
    members = np.flatnonzero(state.labels == big)
    assert len(members) >= 10
    created = np.full(len(state.labels), np.datetime64("NaT"), dtype="datetime64[ns]")
    half = len(members) // 2
    created[members[:half]] = np.datetime64("2020-01-01")
    created[members[half:]] = np.datetime64("2021-06-01")
    out = SplitByRegistration().transform(replace(state, created=created))
    assert len(np.unique(out.labels[members[:half]])) == 1
    assert out.labels[members[0]] != out.labels[members[-1]]


def test_drop_outsiders_and_keep_flagged(start):
    state = SplitClusters().transform(JoinSuspects().transform(start))
    assert np.array_equal(DropOutsiders(tight=1.5).transform(state).labels, state.labels)
    labels = np.full(len(state.labels), -1)
    labels[:5] = 4  # three flagged members of five
    labels[5:7] = 9  # one flagged member of two
    flagged = np.zeros(len(labels), dtype=bool)
    flagged[[0, 1, 2, 5]] = True
    out = KeepFlagged().transform(replace(state, labels=labels, flagged=flagged))
    assert out.labels[:7].tolist() == [0, 0, 0, -1, -1, -1, -1]
    assert (out.labels[7:] == -1).all()
    fewer = KeepFlagged(min_size=4).transform(replace(state, labels=labels, flagged=flagged))
    assert fewer.labels.max() == -1


def test_a_step_left_out_changes_clusters_not_scores():
    world = simulate(1)
    full = botwatch.score(world.comments, world.accounts)
    ablated = botwatch.score(
        world.comments, world.accounts, refiner=ClusterRefiner().set_params(join_suspects="passthrough")
    )
    pd.testing.assert_series_equal(full.accounts["bot_score"], ablated.accounts["bot_score"])
    assert full.accounts["cluster_id"].notna().sum() > ablated.accounts["cluster_id"].notna().sum()


def test_a_run_states_the_cluster_settings_it_changed():
    from botwatch.report import render_report

    world = simulate(1)
    res = botwatch.score(
        world.comments, world.accounts, refiner=ClusterRefiner().set_params(drop_outsiders__tight=0.8)
    )
    assert res.meta["cluster_settings"] == {"drop_outsiders__tight": 0.8}
    assert "drop_outsiders__tight=0.8" in render_report(res)
    plain = botwatch.score(world.comments, world.accounts)
    assert "cluster_settings" not in plain.meta
    assert "changed from the defaults" not in render_report(plain)


def test_reason_numbers_are_not_shared_between_rows():
    world = simulate(1)
    terms = botwatch.score(world.comments, world.accounts).reason_terms
    assert len({id(n) for n in terms["numbers"]}) == len(terms)


def test_the_graph_cluster_finder_can_be_set_and_is_recorded():
    from botwatch.graph import ClusterFinder

    world = simulate(1)
    plain = botwatch.score(world.comments, world.accounts)
    given = ClusterFinder()
    same = botwatch.score(world.comments, world.accounts, finder=given)
    pd.testing.assert_frame_equal(plain.accounts, same.accounts)
    assert "graph_cluster_settings" not in same.meta
    assert not hasattr(given, "labels_")  # cloned, not fitted in place
    analysis = botwatch.analyze(world.comments, world.accounts, finder=ClusterFinder(min_size=10_000))
    assert (analysis.labels < 0).all()  # graph clusters are features: none here
    big = botwatch.score(world.comments, world.accounts, finder=ClusterFinder(min_size=10_000))
    assert big.meta["graph_cluster_settings"] == {"min_size": 10_000}
