"""The steps that make the published clusters: settings, composition and each step alone."""

from __future__ import annotations

from dataclasses import fields, replace

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import clone

import botwatch
from botwatch._pipeline import _registered
from botwatch.datasets import agency_world, simulate
from botwatch.graph import (
    ACTION_LAYERS,
    SUSPECT_LAYERS,
    TEXT_LAYERS,
    ClusterRefiner,
    ClusterState,
    DropOutsiders,
    JoinSuspects,
    KeepFlagged,
    LinkSet,
    RefineStep,
    SimilarTextClusters,
    SplitByRegistration,
    SplitClusters,
    account_keys,
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


def _same_matrix(x: sp.spmatrix, y: sp.spmatrix) -> bool:
    """The same sparse matrix, stored alike: same shape, row pointers, column order and values."""
    x, y = sp.csr_matrix(x), sp.csr_matrix(y)
    return (
        x.shape == y.shape
        and np.array_equal(x.indptr, y.indptr)
        and np.array_equal(x.indices, y.indices)
        and np.array_equal(x.data.astype(np.float64), y.data.astype(np.float64))
    )


def _same_link_sets(x: LinkSet, y: LinkSet) -> bool:
    matrices = [f.name for f in fields(LinkSet) if f.name not in ("weak_links", "strong_weak_links")]
    return all(_same_matrix(getattr(x, name), getattr(y, name)) for name in matrices)


def test_a_link_set_holds_the_pairs_of_each_kind_of_link(start):
    """Each adjacency is the 0/1 matrix of the edge and weak-link rows of its layers."""
    graph = start.graph
    edges, weak = graph.edges, graph.weak_links
    assert set(weak["layer"]) == {"co_comment", "near_duplicate", "similar_text"}
    n = len(graph.accounts)

    def pairs(*frames: pd.DataFrame) -> sp.csr_matrix:
        ab = pd.concat([f[["a", "b"]] for f in frames]).to_numpy(dtype=np.int64)
        a, b = ab[:, 0], ab[:, 1]
        m = sp.coo_matrix((np.ones(2 * len(a)), (np.r_[a, b], np.r_[b, a])), shape=(n, n)).tocsr()
        m.data[:] = 1.0
        return m

    def of(frame: pd.DataFrame, *layers: str) -> pd.DataFrame:
        return frame[frame["layer"].isin(layers)]

    action, text = of(edges, *ACTION_LAYERS), of(edges, *TEXT_LAYERS)
    expected = {
        "significant_action": pairs(action),
        "action": pairs(action, of(weak, "co_comment", "co_post")),
        "significant_text": pairs(text),
        "text": pairs(text, of(weak, "near_duplicate")),
        "any_text": pairs(text, of(weak, "near_duplicate", "similar_text")),
        "linked": pairs(edges, weak[weak["layer"] != "similar_text"]),
        "linked_similar": pairs(edges, weak),
        "weighted": graph.adjacency() != 0,
        "votes": (graph.adjacency() != 0).astype(np.float64) + pairs(text, of(weak, "near_duplicate")),
    }
    links = LinkSet.from_graph(graph)
    for name, matrix in expected.items():
        assert _same_matrix(getattr(links, name), matrix), name
    assert links.n == n and links.votes.max() == 2.0
    pd.testing.assert_frame_equal(links.strong_weak_links, weak[weak["layer"] != "similar_text"])
    assert _same_link_sets(start.link_set, links)
    # Without weak links, only the edges link.
    bare = LinkSet.from_graph(replace(graph, weak_links=None))
    assert _same_matrix(bare.linked_similar, pairs(edges)) and _same_matrix(bare.action, pairs(action))
    assert bare.weak_links is None and bare.strong_weak_links is None


def test_links_added_to_a_link_set_are_those_read_from_the_graph_with_them(start):
    """Links of every layer added in two goes, between any accounts (weak links or not), give
    the link set read from the graph whose edges include them."""
    graph = start.graph
    rng = np.random.default_rng(0)
    pairs = rng.choice(len(graph.accounts), size=(90, 2), replace=True)
    added = pd.DataFrame(
        {
            "a": pairs.min(axis=1),
            "b": pairs.max(axis=1),
            "layer": np.resize([*SUSPECT_LAYERS.values(), "co_comment"], 90),
            "weight": 2.0,
        }
    ).reindex(columns=graph.edges.columns)
    grown = replace(graph, edges=pd.concat([graph.edges, added], ignore_index=True))
    step_by_step = start.link_set.with_links(added.iloc[:50]).with_links(added.iloc[50:])
    fresh = LinkSet.from_graph(grown)
    assert _same_link_sets(step_by_step, fresh)
    for name in ("significant_action", "action", "significant_text", "text", "linked", "linked_similar"):
        assert getattr(fresh, name).nnz > getattr(start.link_set, name).nnz, name
    assert start.link_set.with_links(added.iloc[:0]) is start.link_set


@pytest.fixture(scope="module")
def grouped():
    """An agency world's state after joining suspects and then grouping them by similar texts,
    with the world's inauthentic accounts flagged (as if the classifier were right): the steps
    added links of every suspect layer."""
    world = agency_world(711)
    analysis = botwatch.analyze(world.comments, world.accounts)
    fake = world.truth.loc[world.truth["is_inauthentic"], "account_id"].astype(str)
    keys = account_keys(world.comments)[world.comments["account_id"].astype(str).isin(fake)]
    graph = analysis.graph
    state = ClusterState.start(
        graph, analysis.comments, analysis.labels, graph.accounts.isin(keys), created=_registered(analysis)
    )
    joined = JoinSuspects().transform(state)
    return joined, SimilarTextClusters().transform(joined)


def test_a_state_carries_the_link_set_of_the_graph_with_its_links(grouped):
    """After steps add links, and after the refiner leaves out those that join no cluster, the
    state's link set is the one read from the graph with the links added."""
    joined, state = grouped
    assert set(state.links["layer"]) == set(SUSPECT_LAYERS.values())
    for after in (joined, state):
        assert _same_link_sets(after.link_set, LinkSet.from_graph(after.linked_graph()))

    class TakeOneOut(RefineStep):
        def transform(self, state: ClusterState) -> ClusterState:
            out = state.labels.copy()
            out[int(state.links["a"].iloc[0])] = -1
            return replace(state, labels=out)

    pruned = ClusterRefiner(steps=[("take", TakeOneOut())]).transform(state)
    assert 0 < len(pruned.links) < len(state.links)
    assert _same_link_sets(pruned.link_set, LinkSet.from_graph(pruned.linked_graph()))


def test_the_functions_read_a_link_set_as_the_graph_with_its_links(grouped):
    """A step reads the state's link set; each function given the graph with the added links
    instead gives the same clusters and links."""
    joined, state = grouped
    labels, links = similar_text_clusters(joined.comments, joined.linked_graph(), joined.labels, joined.free)
    assert (labels != joined.labels).sum() > 0
    assert np.array_equal(state.labels, labels)
    pd.testing.assert_frame_equal(state.links.iloc[len(joined.links) :].reset_index(drop=True), links)
    graph = state.linked_graph()
    ids = np.unique(state.labels[state.labels >= 0])
    for other, tight in ((ids[1], 0.7), (ids[-1], 0.7)):
        merged = replace(state, labels=np.where(state.labels == other, ids[0], state.labels))
        split = split_clusters(graph, merged.labels)
        dropped = drop_outsiders(graph, merged.labels, tight=tight)
        assert np.array_equal(SplitClusters().transform(merged).labels, split)
        assert np.array_equal(DropOutsiders(tight=tight).transform(merged).labels, dropped)
        assert (split != merged.labels).sum() > 0
    assert (dropped != merged.labels).sum() > 0
    smaller = replace(graph, accounts=graph.accounts[:-1], edges=graph.edges.iloc[:0], weak_links=None)
    with pytest.raises(ValueError, match="accounts"):
        drop_outsiders(graph, state.labels, link_set=LinkSet.from_graph(smaller))


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
