"""The simulator: every strategy and trap is present and behaves as specified."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from botwatch.datasets import STRATEGIES, FarmSpec, WorldConfig, degrade, simulate
from botwatch.schema import validate_comments

LOCAL = "Asia/Almaty"


def _farm_comments(world, strategy):
    t = world.truth
    ids = t.loc[t["strategies"].fillna("").str.contains(strategy), "account_id"]
    return world.comments[world.comments["account_id"].isin(ids)], ids


def _delays(c):
    return (c["created_at"] - c["post_created_at"]).dt.total_seconds()


def test_every_strategy_and_trap_is_present(world):
    tags = set(";".join(world.truth["strategies"].dropna()).split(";"))
    assert set(STRATEGIES) - {"scripted"} <= tags  # scripted bots come with the random farms
    assert {"viral_commenter", "superfan", "genuine"} <= set(world.truth["role"])
    assert world.posts["is_viral"].sum() >= 1


def test_output_is_already_canonical(world):
    v = validate_comments(world.comments)
    assert len(v.rejected) == 0
    assert len(v.table) == len(world.comments)
    assert world.comments["comment_id"].is_unique
    assert set(world.truth["account_id"]) == set(world.comments["account_id"])


def test_same_seed_same_world():
    a, b = simulate(3), simulate(3)
    pd.testing.assert_frame_equal(a.comments, b.comments)
    pd.testing.assert_frame_equal(a.truth, b.truth)
    assert not simulate(4).comments["text"].equals(a.comments["text"])


def test_genuine_activity_matches_real_comment_sections(world):
    # Real state-media comment sections: about half the commenters write once, 90 % at most ~9.
    genuine = world.truth.loc[world.truth["role"] == "genuine", "account_id"]
    per = world.comments[world.comments["account_id"].isin(genuine)].groupby("account_id").size()
    assert 0.4 <= (per == 1).mean() <= 0.62
    assert 5 <= per.quantile(0.9) <= 14
    length = world.comments["text"].str.len().median()
    assert 50 <= length <= 120
    hours = world.comments["created_at"].dt.tz_convert(LOCAL).dt.hour
    assert hours.between(0, 5).mean() < 0.12  # a night trough


def test_operator_cycles_through_accounts_minutes_after_the_post(world):
    c, _ = _farm_comments(world, "operator")
    farm = world.truth.set_index("account_id")["farm"]
    c = c.assign(farm=c["account_id"].map(farm))
    c = c[c["farm"] == "operator_praise"]
    assert _delays(c).median() < 30 * 60
    # One person: within a post the farm's comments come one after another, never at once.
    gaps = c.sort_values("created_at").groupby("post_id")["created_at"].diff().dt.total_seconds()
    assert gaps.dropna().min() >= 20


def test_scripted_accounts_answer_within_minutes_each_on_its_own():
    farm = FarmSpec("bots", n_accounts=8, timing="scripted", participation=1.0)
    w = simulate(5, WorldConfig(n_pages=1, days=10, n_genuine=200, farms=(farm,)))
    c, ids = _farm_comments(w, "scripted")
    assert len(ids) == 8 and len(c) > 0
    delay = _delays(c)
    assert delay.between(2, 15 * 60 + 20).all()
    # No operator: several accounts may answer within the same few seconds.
    gaps = c.sort_values("created_at").groupby("post_id")["created_at"].diff().dt.total_seconds()
    assert (gaps.dropna() < 20).any()


def test_random_worlds_bring_scripted_farms():
    from botwatch.datasets import random_world_config

    timings = [f.timing for s in range(40) for f in random_world_config(np.random.default_rng(s)).farms]
    assert "scripted" in timings


def test_own_clock_spreads_over_hours(world):
    c, _ = _farm_comments(world, "own_clock")
    c = c[c["parent_id"].isna()]
    assert _delays(c).median() > 45 * 60


def test_office_hours_farm_works_weekdays_nine_to_six(world):
    c, _ = _farm_comments(world, "office_hours")
    local = c["created_at"].dt.tz_convert(LOCAL)
    assert (local.dt.day_of_week < 5).all()
    assert local.dt.hour.between(9, 17).all()


def test_template_praise_gives_paraphrases_not_copies(world):
    c, _ = _farm_comments(world, "template_praise")
    texts = c["text"]
    assert texts.nunique() > 0.2 * len(texts)  # paraphrased, not one text pasted
    farm = world.truth.set_index("account_id")["farm"]
    by_farm = c.assign(farm=c["account_id"].map(farm)).groupby("farm")["text"]
    words = by_farm.apply(lambda s: s.str.lower().str.split().explode().value_counts().iloc[0] / len(s))
    assert (words > 0.2).all()  # yet every farm keeps returning to its own words


def test_critic_attack_answers_complaints(world):
    c, _ = _farm_comments(world, "critic_attack")
    replies = c[c["parent_id"].notna()]
    assert len(replies) > 0.3 * len(c)
    parents = world.comments.set_index("comment_id").loc[replies["parent_id"]]
    role = world.truth.set_index("account_id")["role"]
    assert (parents["account_id"].map(role) == "genuine").mean() > 0.9


def test_camouflage_comments_elsewhere(world):
    farm = next(f for f in world.farms if "camouflage" in f.strategies)
    ids = world.truth.loc[world.truth["farm"] == farm.name, "account_id"]
    c = world.comments[world.comments["account_id"].isin(ids)]
    boosted = world.posts.loc[world.posts["boosted_by"].str.contains(farm.name), "post_id"]
    assert (~c["post_id"].isin(boosted)).sum() > 0


def test_batch_registered_accounts_share_days_and_id_runs(world):
    t = world.truth.merge(world.accounts, on="account_id")
    for _, grp in t[t["strategies"].fillna("").str.contains("batch_registered")].groupby("farm"):
        span = grp["created_at"].max() - grp["created_at"].min()
        assert span <= pd.Timedelta(days=2)
        ids = np.sort(grp["account_id"].astype(np.int64).to_numpy())
        assert np.diff(ids).max() <= 3


def test_fresh_fakes_follow_many_and_seldom_write_a_bio(world):
    t = world.truth.merge(world.accounts, on="account_id")
    batch = t[t["strategies"].fillna("").str.contains("batch_registered")]
    genuine = t[t["role"] == "genuine"]
    # Half of them follow hundreds or thousands of accounts for follow-backs, with few followers.
    assert (batch["following_count"] > 500).mean() > 2 * (genuine["following_count"] > 500).mean()
    assert batch["followers_count"].median() < genuine["followers_count"].median() / 5
    assert (batch["bio"].str.len() > 0).mean() < 0.3 < (genuine["bio"].str.len() > 0).mean()


def test_profile_details_leave_the_comments_as_they_were():
    # Bios and follow counts come from a stream of their own: the comments of a seed are fixed.
    w = simulate(3, WorldConfig(n_pages=1, days=5, n_genuine=150))
    assert len(w.comments) == 1341
    assert w.comments["text"].iloc[0] == "Nice, The bus stop looks great. We need this in our district too. ❤️"


def test_aged_bought_accounts_are_old(world):
    t = world.truth.merge(world.accounts, on="account_id")
    aged = t[t["strategies"].fillna("").str.contains("aged_bought")]
    start = world.comments["created_at"].min()
    assert ((start - aged["created_at"]).dt.days > 180).all()


def test_boost_selected_hits_only_some_posts(world):
    farm = next(f for f in world.farms if f.boost_share < 1 and f.registration != "influencer")
    ids = world.truth.loc[world.truth["farm"] == farm.name, "account_id"]
    c = world.comments[world.comments["account_id"].isin(ids)]
    boosted = world.posts.loc[world.posts["boosted_by"].str.contains(farm.name), "post_id"]
    on_page = world.posts[world.posts["page_id"].isin(c["page_id"])]
    assert len(boosted) < 0.5 * len(on_page)
    assert c["post_id"].isin(boosted).mean() > 0.3


def test_influencers_look_real(world):
    t = world.truth.merge(world.accounts, on="account_id")
    inf = t[t["role"] == "influencer"]
    gen = t[t["role"] == "genuine"]
    assert inf["followers_count"].median() > 10 * gen["followers_count"].median()
    assert inf["has_avatar"].all()


def test_viral_post_trap(world):
    viral = world.posts.loc[world.posts["is_viral"], "post_id"]
    c = world.comments[world.comments["post_id"].isin(viral)]
    role = world.truth.set_index("account_id")["role"]
    fast = c[_delays(c) < 30 * 60]
    assert fast.groupby("post_id")["account_id"].nunique().min() >= 100
    assert (fast["account_id"].map(role) == "viral_commenter").mean() > 0.8


def test_superfans_praise_most_posts_of_their_page(world):
    ids = world.truth.loc[world.truth["role"] == "superfan", "account_id"]
    c = world.comments[world.comments["account_id"].isin(ids)]
    page_posts = world.posts.groupby("page_id")["post_id"].nunique()
    coverage = c.groupby("account_id").apply(
        lambda g: g["post_id"].nunique() / page_posts[g["page_id"].iloc[0]], include_groups=False
    )
    assert coverage.median() > 0.55


@pytest.mark.parametrize("timing", ["operator", "own_clock", "office_hours", "scripted"])
def test_a_single_custom_farm(timing):
    farm = FarmSpec("f", n_accounts=6, timing=timing, participation=1.0)
    w = simulate(9, WorldConfig(n_pages=1, days=7, n_genuine=200, farms=(farm,)))
    assert (w.truth["farm"] == "f").sum() == 6
    assert w.truth.loc[w.truth["farm"] == "f", "strategies"].iloc[0].startswith(timing)


def test_scaled_config_reaches_the_asked_size():
    n = len(simulate(0, WorldConfig().scaled(40_000)).comments)
    assert 25_000 < n < 60_000


@pytest.mark.parametrize("profiles", ["full", "undated", "partial", "none"])
def test_degraded_profiles(world, profiles):
    comments, accounts = degrade(world, np.random.default_rng(0), profiles=profiles, precision_s=60)
    assert (comments["created_at"].dt.second == 0).all() and (comments["time_precision_s"] == 60).all()
    if profiles == "none":
        assert accounts is None
        return
    assert list(accounts.columns) == list(world.accounts.columns)
    kept = world.accounts.set_index("account_id").loc[accounts["account_id"]]
    if profiles == "partial":
        assert 0.3 < len(accounts) / len(world.accounts) < 0.7
    else:
        assert len(accounts) == len(world.accounts)
    # Undated profiles (Instagram, Telegram, YouTube) keep everything but the registration date.
    assert accounts["created_at"].isna().all() == (profiles == "undated")
    kept_bios = degrade(world, np.random.default_rng(0), profiles=profiles, precision_s=60, bios=True)[1]
    assert kept_bios["bio"].notna().all()
    blanked = degrade(world, np.random.default_rng(0), profiles=profiles, precision_s=60, bios=False)[1]
    assert blanked["bio"].isna().all()
    np.testing.assert_array_equal(accounts["followers_count"].to_numpy(), kept["followers_count"].to_numpy())


def test_links_come_from_some_people_and_some_farms():
    farms = (FarmSpec("linker", 10, links=0.5), FarmSpec("quiet", 10, links=0.0))
    world = simulate(3, WorldConfig(farms=farms, link_people=0.05))
    c = world.comments.merge(world.truth[["account_id", "role", "farm"]], on="account_id")
    has = c["text"].str.contains(r"https?://|www\.", regex=True).to_numpy()
    assert 0 < has.mean() < 0.1
    by_farm = pd.Series(has).groupby(c["farm"].to_numpy()).mean()
    assert 0.35 < by_farm["linker"] < 0.65
    assert by_farm["quiet"] == 0
    genuine = (c["role"] == "genuine").to_numpy()
    linkers = c.loc[genuine & has, "account_id"].nunique()
    assert 0 < linkers < 0.1 * c.loc[genuine, "account_id"].nunique()


def test_links_leave_the_rest_of_the_world_as_it_was():
    plain = simulate(4, WorldConfig(link_people=0.0, farms=(FarmSpec("f", 8, links=0.0),)))
    linked = simulate(4, WorldConfig(link_people=0.2, farms=(FarmSpec("f", 8, links=0.6),)))
    pd.testing.assert_frame_equal(plain.comments.drop(columns="text"), linked.comments.drop(columns="text"))
    changed = plain.comments["text"] != linked.comments["text"]
    assert changed.any()
    stripped = linked.comments.loc[changed, "text"].str.replace(r"\s*https://\S+$", "", regex=True)
    original = plain.comments.loc[changed, "text"]
    assert ((stripped == original) | (stripped == "")).all()
