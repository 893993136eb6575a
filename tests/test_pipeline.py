"""The Python API: score() on DataFrames, determinism, and reasons that match the data."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import botwatch
from botwatch.errors import InputError


@pytest.fixture(scope="module")
def result(tiny_world):
    return botwatch.score(tiny_world.comments, tiny_world.accounts)


def test_score_returns_dataframes(result, tiny_world):
    assert isinstance(result.accounts, pd.DataFrame)
    assert set(result.accounts["account_id"]) == set(tiny_world.comments["account_id"])
    assert result.accounts["n_comments"].sum() == len(tiny_world.comments)
    assert result.meta["n_comments"] == len(tiny_world.comments)


def test_same_input_same_scores(result, tiny_world):
    again = botwatch.score(tiny_world.comments, tiny_world.accounts)
    pd.testing.assert_frame_equal(result.accounts, again.accounts)
    shuffled = tiny_world.comments.sample(frac=1, random_state=5).reset_index(drop=True)
    third = botwatch.score(shuffled, tiny_world.accounts)
    pd.testing.assert_frame_equal(result.accounts, third.accounts)


def test_raw_frames_are_validated_and_rejections_reported(tiny_world):
    raw = tiny_world.comments.astype({"created_at": str, "post_created_at": str}).copy()
    raw.loc[0, "account_id"] = None
    res = botwatch.score(raw)
    assert res.rejected["reason"].tolist() == ["missing account_id"]
    assert res.meta["n_comments"] == len(raw) - 1


def test_nothing_usable_is_an_error():
    raw = pd.DataFrame({"comment_id": ["1"], "account_id": [None], "created_at": ["2024-01-01"]})
    with pytest.raises(InputError, match="no usable comments"):
        botwatch.score(raw)


def test_reason_numbers_match_the_data(result, tiny_world):
    import re

    acc = result.accounts
    said = acc[acc["reasons"].str.contains("comments, more than")]
    assert len(said) >= 3
    counts = tiny_world.comments["account_id"].value_counts()
    for _, row in said.iterrows():
        n = int(re.search(r"(\d+) comments, more than", row["reasons"]).group(1))
        assert n == counts[row["account_id"]]


def test_share_reasons_state_what_was_observed_not_the_weighed_share(result, tiny_world):
    import re

    from botwatch.text import normalize_series, term_flags

    acc = result.accounts
    said = acc[acc["reasons"].str.contains("of its comments are praise")]
    assert len(said) >= 3
    comments = tiny_world.comments
    praise = term_flags(normalize_series(comments["text"]), ("praise",))["praise"].to_numpy()
    per_account = pd.Series(praise).groupby(comments["account_id"].to_numpy()).agg(["sum", "size"])
    for _, row in said.iterrows():
        m = re.search(r"(\d+)% of its comments are praise \((\d+)/(\d+)\)", row["reasons"])
        k, n = per_account.loc[row["account_id"]]
        assert (int(m.group(2)), int(m.group(3))) == (k, n)
        assert int(m.group(1)) == round(100 * k / n)


def test_reasons_are_the_same_in_any_blocks_of_accounts(result, monkeypatch):
    # The model's terms are computed and ordered a block of accounts at a time: the block size
    # must change no reason, its rank, its number or its contribution, against the terms of
    # every account computed at once.
    import botwatch._evidence as evidence
    from botwatch._pipeline import Analysis

    g = result.graph
    table = result.accounts.set_index(result.accounts["account_id"].to_numpy())
    X = result.features.loc[table.index]
    model = botwatch.models.load_model()["model"]
    base, terms = model.explain(X)

    def at_once(block):
        at = X.index.get_indexer(block.index)
        return base[at], terms[at]

    analysis = Analysis(result.comments, None, g, np.full(len(g.accounts), -1), X, result.normalized)
    reasons, structured = evidence._term_reasons(analysis, table, X, at_once, "en")
    assert sum(bool(r) for r in reasons) > 100
    monkeypatch.setattr(evidence, "_ACCOUNTS_PER_BLOCK", 7)
    again, structured_again = evidence._term_reasons(analysis, table, X, model.explain, "en")
    assert again == reasons
    pd.testing.assert_frame_equal(structured, structured_again)


def test_lockstep_reason_states_the_partners(result):
    import re

    from botwatch._evidence import _term_reasons
    from botwatch._pipeline import Analysis

    # Terms that put the lockstep partners first for every account: the reason states each
    # account's own count.
    g = result.graph
    table = result.accounts.set_index(result.accounts["account_id"].to_numpy())
    X = result.features.loc[table.index]
    lockstep = list(X.columns).index("lockstep_partners_log")

    def explain(block):
        terms = np.zeros(block.shape)
        terms[:, lockstep] = 1.0
        return np.zeros(len(block)), terms

    analysis = Analysis(result.comments, None, g, np.full(len(g.accounts), -1), X, result.normalized)
    reasons, structured = _term_reasons(analysis, table, X, explain, "en")
    code = g.accounts.get_indexer(table.index)
    said = 0
    for text, i in zip(reasons, code, strict=True):
        found = re.search(r"met (\d+) other accounts? within 5 minutes", text)
        if found:
            said += 1
            assert int(found.group(1)) == g.lockstep_partners[i]
    assert said == len(table)
    # The same count, as data.
    k = structured.set_index("account_key")["numbers"].map(lambda n: n["k"])
    assert (k.to_numpy() == g.lockstep_partners[g.accounts.get_indexer(k.index)]).all()


def test_reasons_are_the_terms_of_the_model(result):
    import re

    from botwatch._evidence import _TOLD_WITH, MAX_REASONS, MIN_TERM
    from botwatch.models import load_model

    model = load_model()["model"]
    X = result.features.loc[result.accounts["account_id"].to_numpy()]
    _, terms = model.explain(X)
    col = {name: k for k, name in enumerate(X.columns)}
    for part, whole in _TOLD_WITH.items():
        terms[:, col[whole]] += terms[:, col[part]]
        terms[:, col[part]] = 0.0
    for i, text in enumerate(result.accounts["reasons"].fillna("")):
        stated = [float(x) for x in re.findall(r"\(\+(\d+\.\d)\)(?:;|$)", text)]
        expected = np.sort(terms[i][terms[i] >= MIN_TERM])[::-1][:MAX_REASONS]
        assert np.allclose(stated, np.round(expected, 1), atol=0.051), (text, expected)
    # Every suspect has a reason: its score is above a typical account's only by its terms.
    assert result.accounts.loc[result.accounts["is_suspect"], "reasons"].str.len().gt(0).all()


def _scored_clusters(world):
    """A simulated world scored: the result, its truth, cluster ids (-1 for none) and farm mask,
    aligned with the result's accounts."""
    res = botwatch.score(world.comments, world.accounts)
    acc = res.accounts.set_index("account_id")
    truth = world.truth.set_index("account_id").reindex(acc.index)
    cluster = acc["cluster_id"].fillna(-1).to_numpy(dtype=int)
    return res, truth, cluster, truth["is_inauthentic"].to_numpy(dtype=bool)


@pytest.mark.parametrize(
    "seed",
    [
        pytest.param(
            2,
            marks=pytest.mark.xfail(
                strict=True,
                reason="the additive, monotone model flags none of world 2's boost farm: two or "
                "three fast praising comments each from old accounts, behaviour evidence only",
            ),
        ),
        6,
    ],
)
def test_farms_that_boost_selected_posts_are_clustered_among_suspects(seed):
    """Worlds 2 and 6: the boost farm meets too rarely for significant links, so the graph alone
    leaves it out of every cluster; joined among the flagged accounts it is one cluster, and
    no authentic account is in any cluster."""
    from sklearn.metrics import adjusted_rand_score

    from botwatch.datasets import simulate

    world = simulate(seed)
    res, truth, cluster, farm = _scored_clusters(world)
    assert (cluster[~farm] < 0).all()
    # Every farm account counts: one left out of its farm's cluster is a cluster of its own.
    alone = cluster[farm] < 0
    labels = cluster[farm].copy()
    labels[alone] = labels.max() + 1 + np.arange(alone.sum())
    # 0.85 and 0.90 with the additive, monotone model, which flags fewer of the quietest accounts.
    assert adjusted_rand_score(truth["farm"].to_numpy()[farm], labels) >= 0.85
    boost = cluster[(truth["farm"] == "boost_operator").to_numpy()]
    assert (boost >= 0).mean() >= 0.7 and len(set(boost[boost >= 0])) == 1
    layers = res.clusters.set_index("cluster_id").loc[boost[boost >= 0][0], "layers"]
    assert "co_comment_suspects=" in layers
    # Every weak link published joins two members of one cluster.
    weak = res.edges[res.edges["layer"].str.endswith("_suspects")]
    of = res.accounts.set_index("account_id")["cluster_id"]
    assert (of.reindex(weak["source"]).to_numpy() == of.reindex(weak["target"]).to_numpy()).all()


def test_an_account_leaving_its_cluster_takes_its_weak_links_with_it():
    """A late refining step can take an account out of its cluster; the weak links that joined
    it there are then not published as joining it."""
    from dataclasses import replace

    from botwatch.datasets import simulate
    from botwatch.graph import ClusterRefiner, RefineStep

    taken = []

    class TakeOneOut(RefineStep):
        def transform(self, state):
            out = state.labels.copy()
            i = int(state.links["a"].iloc[0])
            taken.append(state.graph.accounts[i])
            out[i] = -1
            return replace(state, labels=out)

    world = simulate(1)
    refiner = ClusterRefiner().set_params(drop_outsiders=TakeOneOut())
    res = botwatch.score(world.comments, world.accounts, refiner=refiner)
    weak = res.edges[res.edges["layer"].str.endswith("_suspects")]
    assert len(weak) and taken[0] not in set(weak["source"]) | set(weak["target"])
    of = res.accounts.set_index("account_id")["cluster_id"]
    assert pd.isna(of[taken[0]])
    assert (of.reindex(weak["source"]).to_numpy() == of.reindex(weak["target"]).to_numpy()).all()


def test_attack_crews_registered_in_separate_batches_are_separate_clusters():
    """Random world 806: an office-hours crew and one on its accounts' own clocks attack the same
    critics from one stock of lines and are one cluster by their links; each was registered in
    its own batch, so with the account table they are two clusters, and without the
    registration dates one."""
    from botwatch.datasets import random_world_config, simulate

    world = simulate(806, random_world_config(np.random.default_rng(806)))
    res, truth, cluster, fake = _scored_clusters(world)
    farm = truth["farm"].to_numpy()
    crews = ("office_attack", "mixed_0")
    assert "critic_attack" in truth.loc[farm == "mixed_0", "strategies"].iloc[0]
    ids = [set(cluster[farm == name]) for name in crews]
    assert all(len(i) == 1 and -1 not in i for i in ids) and ids[0] != ids[1]
    # The two stay visibly linked: each names the other, with the pairs of members linked.
    linked = res.clusters.set_index("cluster_id")["linked_clusters"]
    first, second = (next(iter(i)) for i in ids)
    named = dict(item.split(":") for item in linked[first].split(";"))
    assert int(named[str(second)]) >= 0.5 * len(cluster[cluster == first]) * len(cluster[cluster == second])
    assert str(first) in dict(item.split(":") for item in linked[second].split(";"))
    from botwatch.report import render_report

    assert f"to those of cluster {second} ({named[str(second)]} pairs)" in render_report(res)
    assert (cluster[~fake] < 0).all()
    # The weak links published join members of one cluster, none across the two crews.
    weak = res.edges[res.edges["layer"].str.endswith("_suspects")]
    of = res.accounts.set_index("account_id")["cluster_id"]
    assert (of.reindex(weak["source"]).to_numpy() == of.reindex(weak["target"]).to_numpy()).all()
    undated = botwatch.score(world.comments, world.accounts.drop(columns=["created_at"]))
    joined = undated.accounts.set_index("account_id")["cluster_id"].reindex(truth.index)
    assert joined[np.isin(farm, crews)].nunique() == 1


@pytest.mark.xfail(
    strict=True,
    reason="with clusters publishing flagged members only, world 4's boost farm is two clusters "
    "and three of its accounts are in none",
)
def test_a_farm_partly_linked_significantly_and_partly_among_suspects_is_one_cluster():
    """World 4: nine accounts of the boost farm meet often enough for significant links, the others
    only among the flagged; the quieter ones join the cluster of the busier ones instead of making
    a second cluster of their own."""
    from sklearn.metrics import adjusted_rand_score

    from botwatch.datasets import simulate

    world = simulate(4)
    res, truth, cluster, farm = _scored_clusters(world)
    assert (cluster[~farm] < 0).all()
    boost = cluster[(truth["farm"] == "boost_operator").to_numpy()]
    assert (boost >= 0).mean() >= 0.85 and len(set(boost[boost >= 0])) == 1
    layers = res.clusters.set_index("cluster_id").loc[boost[boost >= 0][0], "layers"]
    assert "co_comment=" in layers and "_suspects=" in layers  # both kinds of link hold it
    alone = cluster[farm] < 0
    labels = cluster[farm].copy()
    labels[alone] = labels.max() + 1 + np.arange(alone.sum())
    assert adjusted_rand_score(truth["farm"].to_numpy()[farm], labels) >= 0.95


@pytest.mark.xfail(
    strict=True,
    reason="the additive, monotone model leaves too few of world 801's rewording farm and bloggers "
    "flagged for a cluster: their evidence is behaviour and similar texts, which link nobody",
)
def test_suspects_left_out_are_grouped_by_similar_texts():
    """Random world 801: an own-clock farm of old accounts rewording two praise templates, and
    hired bloggers posting campaign texts, neither meet in time nor repeat a text often enough for
    the other links; grouped by similar texts among the suspects left out, each farm is found
    apart from the others, and no authentic account is in a cluster."""
    from botwatch.datasets import random_world_config, simulate

    world = simulate(801, random_world_config(np.random.default_rng(801)))
    res, truth, cluster, fake = _scored_clusters(world)
    assert (cluster[~fake] < 0).all()
    farm = truth["farm"].to_numpy()
    layers = res.clusters.set_index("cluster_id")["layers"]
    for name, least in (("own_clock_aged", 0.6), ("influencers", 1.0)):
        mine = cluster[farm == name]
        main = np.bincount(mine[mine >= 0]).argmax()
        # Most of the farm in one cluster, which is nearly all the farm's own.
        assert (mine == main).mean() >= least
        assert (farm[cluster == main] == name).mean() >= 0.9
        assert "similar_text_suspects=" in layers.loc[main]


def test_evidence_examples_match_the_data(result, tiny_world):
    import re

    acc = result.accounts.set_index("account_id")
    edges = result.edges
    comments = tiny_world.comments
    # Closest partner: the stated counts are those of the account's strongest edge.
    row = acc[acc["evidence"].str.contains("closest partner")].iloc[0]
    partner, count, expected = re.search(
        r"closest partner (\S+): .*?(\d+) .*?, ([\d.]+) expected by chance", row["evidence"]
    ).groups()
    me = row.name
    mine = edges[
        ((edges["source"] == me) & (edges["target"] == partner))
        | ((edges["source"] == partner) & (edges["target"] == me))
    ]
    assert len(mine) >= 1
    assert int(count) in set(mine["observed"].astype(int))
    assert float(expected) in set(mine["expected"].round(2))
    # Most copied text: it is the account's own comment, and so many other accounts wrote it.
    row = acc[acc["evidence"].str.contains("most copied text")].iloc[0]
    found = re.search(r'most copied text "(.*?)" \(also written by (\d+) other', row["evidence"])
    text, others = found.groups()
    own = comments[comments["account_id"] == row.name]
    assert any(" ".join(t.split()).startswith(text.removesuffix("...")) for t in own["text"])
    writers = comments.loc[comments["text"] == own.loc[own["text"].str.startswith(text[:30]), "text"].iloc[0]]
    assert int(others) >= writers["account_id"].nunique() - 1  # near-identical copies count too
    # Daily rhythm: the weekday office-hours share, by hand.
    row = acc[acc["evidence"].str.contains("on weekdays 09-18")].iloc[0]
    stated = int(re.search(r"(\d+)% on weekdays 09-18", row["evidence"]).group(1))
    local = comments.loc[comments["account_id"] == row.name, "created_at"].dt.tz_convert("Asia/Almaty")
    assert stated == round(100 * ((local.dt.day_of_week < 5) & local.dt.hour.between(9, 17)).mean())


def test_without_profiles_reasons_say_what_is_missing(tiny_world):
    res = botwatch.score(tiny_world.comments)
    assert res.accounts["unavailable"].str.contains("profile data").all()


def test_fast_farms_on_the_same_page_are_told_apart_by_their_texts():
    """Random world 500: two operator farms and a scripted one strike the same posts within
    minutes and meet as one cluster; each writes from its own texts, and is its own cluster."""
    from sklearn.metrics import adjusted_rand_score

    from botwatch.datasets import random_world_config, simulate

    world = simulate(500, random_world_config(np.random.default_rng(500)))
    _, truth, cluster, farm = _scored_clusters(world)
    fast = truth["farm"].isin(["operator_praise", "mixed_0", "mixed_1"]).to_numpy()
    assert {f.timing for f in world.farms if f.name in ("mixed_0", "mixed_1")} == {"operator", "scripted"}
    assert (cluster[fast] >= 0).all()
    assert not np.isin(cluster[~farm], cluster[fast]).any()
    assert adjusted_rand_score(truth["farm"].to_numpy()[fast], cluster[fast]) >= 0.95


TEMPLATE_PAIR_WORLDS = (500, 1401)
"""Worlds where two pairs of genuine commenters share 2 to 5 near-identical template texts (0.06 to
0.4 expected by chance)."""


@pytest.mark.parametrize("seed", TEMPLATE_PAIR_WORLDS)
def test_genuine_pairs_with_shared_templates_stay_out_of_clusters(seed):
    """A pair sharing texts and linked to nobody else is no copying evidence in the model, so the
    two pairs of each world are not joined into a cluster by weak text links among suspects."""
    from botwatch.datasets import random_world_config, simulate

    config = random_world_config(np.random.default_rng(seed))
    world = simulate(seed, config)
    res = botwatch.score(world.comments, world.accounts, tz=config.tz)
    acc = res.accounts.set_index("account_id")
    truth = world.truth.set_index("account_id").reindex(acc.index)
    genuine = ~truth["is_inauthentic"].to_numpy(dtype=bool)
    assert acc["cluster_id"][genuine].isna().all()


def test_crews_sharing_texts_or_timing_are_told_apart_by_the_other_trace():
    """Random world 811: an operator's praise crew and its attack crew strike the same posts within
    minutes; the attack crew also writes from the stock of attacks an office-hours crew uses, which
    never meets in time. The three are one cluster by their links; the praise crew is split off by
    its texts, and the two attack crews by their timing."""
    from sklearn.metrics import adjusted_rand_score

    from botwatch.datasets import random_world_config, simulate

    world = simulate(811, random_world_config(np.random.default_rng(811)))
    spec = {f.name: (f.timing, f.content) for f in world.farms}
    assert spec["mixed_0"] == ("operator", "critic_attack")
    assert spec["office_attack"] == ("office_hours", "critic_attack")
    _, truth, cluster, farm = _scored_clusters(world)
    assert (cluster[~farm] < 0).all()
    crews = truth["farm"].isin(["operator_praise", "mixed_0", "office_attack"]).to_numpy()
    assert (cluster[crews] >= 0).all()
    assert adjusted_rand_score(truth["farm"].to_numpy()[crews], cluster[crews]) >= 0.95
    alone = np.where(cluster[farm] >= 0, cluster[farm], cluster.max() + 1 + np.arange(farm.sum()))
    assert adjusted_rand_score(truth["farm"].to_numpy()[farm], alone) >= 0.9


_TEMPLATE_GROUP_WORLD = (1411, 1)
"""World 1411 (with the usual traps), where four genuine accounts of one page share two reply
templates each."""

_TEMPLATE_GROUP = ("192684508", "243897010", "251931893", "92339937")
"""Those four accounts."""


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="four genuine accounts of one page sharing two templates each are a group of copiers to "
    "the near-duplicate layer, and the retrained model flags them (0.55 to 0.83) into a cluster",
)
def test_genuine_accounts_sharing_templates_on_one_page_are_not_clustered():
    from botwatch.datasets import random_world_config, simulate

    seed = _TEMPLATE_GROUP_WORLD[0]
    cfg = random_world_config(np.random.default_rng(seed))
    world = simulate(seed, cfg)
    res = botwatch.score(world.comments, world.accounts, tz=cfg.tz)
    acc = res.accounts.set_index(res.accounts["account_id"].astype(str))
    truth = world.truth.set_index(world.truth["account_id"].astype(str))
    group = list(_TEMPLATE_GROUP)
    assert not truth.loc[group, "is_inauthentic"].any()
    # No other authentic account of the world is clustered (the test of random worlds holds that);
    # these four are.
    assert acc.loc[group, "cluster_id"].isna().all()


@pytest.mark.parametrize(
    "traps",
    [1, 4],
)
def test_random_worlds_recover_farms_and_leave_traps_out(traps):
    """Twelve random worlds (1400-1411, up to eight farms, several on one page, superfans and
    viral posts on every page; with ``traps=4``, four times as many of both): over farm accounts,
    the clusters agree with the farms at an adjusted Rand index of 0.88 or more on average (a farm account
    in no cluster counts as a cluster of its own), and no authentic account, trap or not, is in
    any cluster, a farm's or its own, in the worlds of genuine pairs with shared templates too (but
    for the group of four in world 1411, a known limit with its own test)."""
    import dataclasses

    from sklearn.metrics import adjusted_rand_score

    from botwatch.datasets import random_world_config, simulate

    scores = []
    clustered_authentic: list[int] = []
    in_farm_clusters: list[int] = []
    for seed in range(1400, 1412):
        cfg = random_world_config(np.random.default_rng(seed))
        cfg = dataclasses.replace(
            cfg, superfans_per_page=cfg.superfans_per_page * traps, n_viral_posts=cfg.n_viral_posts * traps
        )
        world = simulate(seed, cfg)
        res = botwatch.score(world.comments, world.accounts, tz=cfg.tz)
        acc = res.accounts.set_index("account_id")
        truth = world.truth.set_index("account_id").reindex(acc.index)
        cluster = acc["cluster_id"].fillna(-1).to_numpy(dtype=int)
        fake = truth["is_inauthentic"].to_numpy(dtype=bool)
        in_farm_clusters.append(int(np.isin(cluster[~fake], cluster[fake & (cluster >= 0)]).sum()))
        # The four template sharers of world 1411 are a known limit, held by their own test above.
        known = acc.index.astype(str).isin(_TEMPLATE_GROUP) & ((seed, traps) == _TEMPLATE_GROUP_WORLD)
        clustered_authentic.append(int(((cluster >= 0) & ~fake & ~known).sum()))
        farm = truth["role"].isin(["farm", "influencer"]).to_numpy()
        alone = np.where(cluster[farm] >= 0, cluster[farm], cluster.max() + 1 + np.arange(farm.sum()))
        scores.append(adjusted_rand_score(truth["farm"].to_numpy()[farm], alone))
    assert np.mean(scores) >= 0.88, np.round(scores, 3)
    assert sum(clustered_authentic) == 0, clustered_authentic
    assert sum(in_farm_clusters) == 0, in_farm_clusters


def test_no_reason_is_stated_twice(result):
    for items in result.accounts["reasons"].fillna("").str.split("; "):
        heads = [r.split(" (+")[0] for r in items if r]
        assert len(heads) == len(set(heads)), items


def test_lifetime_posts_reason_states_the_count(tiny_world):
    import re

    undated = tiny_world.accounts.assign(created_at=pd.NaT)
    res = botwatch.score(tiny_world.comments, undated)
    hits = res.accounts[res.accounts["reasons"].str.contains("of its own in all")]
    assert len(hits) > 0
    posts = undated.set_index("account_id")["posts_count"]
    for _, row in hits.iterrows():
        n = int(re.search(r"(\d+) posts? of its own in all", row["reasons"]).group(1))
        assert n == posts[row["account_id"]]


def test_an_account_table_without_some_columns_is_completed(tiny_world):
    # A hand-made table: ids and a count only, no registration date; it is validated, not trusted.
    thin = tiny_world.accounts[["platform", "account_id", "following_count"]]
    res = botwatch.score(tiny_world.comments, thin)
    assert res.accounts["bot_score"].between(0, 1).all()
    assert len(res.accounts) == tiny_world.comments["account_id"].nunique()


def test_base_rate_lowers_scores(result, tiny_world):
    low = botwatch.score(tiny_world.comments, tiny_world.accounts, base_rate=0.001)
    merged = result.accounts.merge(low.accounts, on="account_id", suffixes=("", "_low"))
    assert (merged["bot_score_low"] <= merged["bot_score"] + 1e-9).all()
    assert merged["is_suspect_low"].sum() <= merged["is_suspect"].sum()


def test_shared_text_share_counts_texts_of_other_members():
    from botwatch._pipeline import _shared_text_share

    def share(rows):
        return _shared_text_share(pd.DataFrame(rows, columns=["_key", "_same"]))

    # A member repeating itself shares nothing; empty texts are left out.
    assert share([("a", "n:рахмет"), ("a", "n:рахмет"), ("b", "n:другое"), ("b", "")]) == 0.0
    # Two members with one text, a third with its own: three comments of four.
    assert share([("a", "n:рахмет"), ("b", "n:рахмет"), ("b", "n:рахмет"), ("c", "x:👍")]) == 0.75
    assert np.isnan(share([("a", ""), ("b", "")]))
    assert np.isnan(share([]))


def test_cluster_statistics_match_the_comments(result):
    import numpy as np

    clusters = result.clusters
    assert len(clusters)
    comments = result.comments
    acc = result.accounts.set_index("account_id")
    for row in clusters.itertuples():
        members = row.members.split(";")
        mine = comments[comments["account_id"].isin(members)]
        assert row.n_comments == len(mine)
        top_page, k = mine["page_id"].value_counts().index[0], mine["page_id"].value_counts().iloc[0]
        share = 100 * k / (comments["page_id"] == top_page).sum()
        assert row.pages.startswith(f"{top_page} ({k} comments, {share:.1f}% of the page's)")
        timed = mine.dropna(subset=["post_id"]).sort_values(["post_id", "created_at"], kind="stable")
        gaps = [
            (b.created_at - a.created_at).total_seconds()
            for a, b in zip(timed.itertuples(), timed.iloc[1:].itertuples(), strict=False)
            if a.post_id == b.post_id
        ]
        assert row.median_gap_s == pytest.approx(round(float(np.median(gaps)), 1))
        assert set(acc.loc[members, "cluster_id"].astype(int)) == {row.cluster_id}
        # Time profile, by hand in the pages' zone, one comment at a time.
        zone = result.meta["tz"]
        local = [t.tz_convert(zone) for t in mine["created_at"]]
        delays = sorted((c.created_at - c.post_created_at).total_seconds() for c in mine.itertuples())
        assert row.median_delay_s == pytest.approx(round(float(np.median(delays)), 1))
        assert row.active_days == len({t.date() for t in local})
        per_hour: dict[int, int] = {}
        for t in local:
            per_hour[t.hour] = per_hour.get(t.hour, 0) + 1
        top3 = sorted(per_hour.values(), reverse=True)[:3]
        peak = [int(h) for h in row.peak_hours.split(";")]
        assert sorted((per_hour[h] for h in peak), reverse=True) == top3
        office = sum(t.weekday() < 5 and 9 <= t.hour < 18 for t in local) / len(local)
        assert row.office_share == pytest.approx(round(office, 3))
        assert row.night_share == pytest.approx(round(sum(t.hour < 6 for t in local) / len(local), 3))
        # Texts another member also wrote, one comment at a time.
        from botwatch.text import normalize

        # The normal form, or the text as written where nothing is left of it.
        forms = [
            (normalize(t) or str(t).strip(), a) for t, a in zip(mine["text"], mine["account_id"], strict=True)
        ]
        forms = [(f, a) for f, a in forms if f]
        writers = {f: {w for g, w in forms if g == f} for f, _ in forms}
        shared = sum(len(writers[f]) > 1 for f, _ in forms) / len(forms)
        assert row.shared_text_share == pytest.approx(round(shared, 3))


def test_an_account_id_holding_a_colon_is_published_whole():
    """Account ids may hold ``:``; members of clusters and closest partners keep the whole id."""
    from botwatch.datasets import simulate

    world = simulate(1)
    comments, accounts = world.comments.copy(), world.accounts.copy()
    comments["account_id"] = "x:" + comments["account_id"].astype(str)
    accounts["account_id"] = "x:" + accounts["account_id"].astype(str)
    res = botwatch.score(comments, accounts)
    members = [m for ms in res.clusters["members"] for m in ms.split(";")]
    assert members and all(m.startswith("x:") for m in members)
    assert set(members) <= set(res.accounts["account_id"])
    partners = res.accounts["evidence"].str.extract(r"closest partner ([^:]+:[^:\s]+):")[0].dropna()
    assert len(partners) and partners.str.startswith("x:").all()
    from botwatch.report import render_report

    titles = re.findall(r"<circle [^>]*><title>([^<]*)</title>", render_report(res))
    assert titles and all(t.startswith("x:") for t in titles)


def test_edges_keep_p_values_and_q_values_apart():
    from botwatch.datasets import simulate

    world = simulate(1)
    res = botwatch.score(world.comments, world.accounts)
    edges = res.edges
    weak = edges["layer"].str.endswith("_suspects")
    assert weak.any() and (~weak).any()
    strong = edges[~weak]
    assert strong["q_value"].notna().all() and (strong["q_value"] < 0.01).all()
    assert (strong["p_value"] <= strong["q_value"]).all()
    assert edges.loc[weak, "q_value"].isna().all() and (edges.loc[weak, "p_value"] < 0.05).all()
    g = res.graph.to_networkx()
    attrs = next(d for _, _, d in g.edges(data=True) if "co_comment_q_value" in d)
    assert attrs["co_comment_p_value"] <= attrs["co_comment_q_value"]


def test_reasons_are_data_and_the_language_changes_only_their_wording():
    from botwatch._evidence import MAX_REASONS, MIN_TERM
    from botwatch.datasets import simulate
    from botwatch.schema import account_keys

    world = simulate(3)
    en = botwatch.score(world.comments, world.accounts)
    terms = en.reason_terms
    keys = account_keys(en.accounts).astype(str)
    assert len(terms) and (terms["contribution"] >= MIN_TERM).all()
    assert terms.groupby("account_key")["rank"].max().max() < MAX_REASONS
    assert botwatch.render_reasons(terms, keys) == en.accounts["reasons"].tolist()
    ru = botwatch.score(world.comments, world.accounts, lang="ru")
    assert botwatch.render_reasons(terms, keys, "ru") == ru.accounts["reasons"].tolist()
    pd.testing.assert_frame_equal(
        ru.reason_terms.drop(columns="numbers"), terms.drop(columns="numbers"), check_exact=True
    )
    assert ru.reason_terms["numbers"].tolist() == terms["numbers"].tolist()


def test_the_accounts_table_gives_graph_nodes_their_scores_on_a_mixed_dump():
    from botwatch.datasets import simulate

    world = simulate(1)
    comments = world.comments.copy()
    comments["platform"] = comments["platform"].astype(str)
    comments.loc[comments.index % 2 == 0, "platform"] = "vk"  # one dump, two platforms
    res = botwatch.score(comments)
    g = res.graph.to_networkx(res.accounts)
    assert len(g) and all(":" in n and "bot_score" in d for n, d in g.nodes(data=True))
