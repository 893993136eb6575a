"""The plain farm in a large dump (``bench/plain_farm.py``): the generator, and botwatch on it."""

import pandas as pd
import pytest

from botwatch.schema import COMMENT_COLUMNS
from botwatch.text import normalize_series
from tests.conftest import bench_module

SHORT_PRAISE = {"молодцы", "рахмет", "спасибо", "так держать", "молодцы так держать"}


@pytest.fixture(scope="module")
def plain_farm():
    return bench_module("plain_farm")


@pytest.fixture(scope="module")
def small_dump(plain_farm):
    return plain_farm.plain_farm_dump(20_000, seed=3)


def test_the_generator_is_deterministic(plain_farm, small_dump):
    comments, truth = plain_farm.plain_farm_dump(20_000, seed=3)
    pd.testing.assert_frame_equal(comments, small_dump[0])
    pd.testing.assert_frame_equal(truth, small_dump[1])
    other, _ = plain_farm.plain_farm_dump(20_000, seed=4)
    assert not other["account_id"].equals(comments["account_id"])


def test_the_dump_is_a_canonical_comment_table(small_dump):
    comments, truth = small_dump
    assert list(comments.columns) == [c.name for c in COMMENT_COLUMNS]
    assert len(comments) == 20_000
    assert comments["comment_id"].is_unique
    for column in ("created_at", "post_created_at"):
        assert str(comments[column].dt.tz) == "UTC"
        assert (comments[column].dt.microsecond == 0).all() and (comments[column].dt.nanosecond == 0).all()
    assert (comments["time_precision_s"] == 1).all()
    assert (comments["created_at"] > comments["post_created_at"]).all()
    replies = comments["parent_id"].dropna()
    assert len(replies) > 0 and replies.isin(set(comments["comment_id"])).all()
    assert set(truth["account_id"]) == set(comments["account_id"])
    assert truth["account_id"].is_unique


def test_farm_accounts_write_about_per_account_comments_10_to_25_minutes_after_posts(small_dump):
    comments, truth = small_dump
    members = truth.dropna(subset=["farm"])
    assert list(members["farm"].unique()) == ["farm_0"] and len(members) == 40
    farm = comments[comments["account_id"].isin(set(members["account_id"]))]
    per_account = farm.groupby("account_id").size()
    assert len(per_account) == 40
    assert per_account.between(100, 140).all() and abs(per_account.mean() - 120) < 8
    delay = (farm["created_at"] - farm["post_created_at"]).dt.total_seconds()
    assert delay.between(600, 1500).all()
    assert farm["parent_id"].isna().all()
    assert normalize_series(farm["text"]).nunique() == 6
    # The farm works quiet and popular posts alike.
    per_post = comments.groupby("post_id").size()
    worked = per_post[per_post.index.isin(set(farm["post_id"]))]
    assert worked.max() >= 500 and worked.min() <= per_post.median()


def test_post_popularity_and_genuine_activity_are_heavy_tailed(small_dump):
    comments, truth = small_dump
    genuine = comments[comments["account_id"].isin(set(truth.loc[truth["farm"].isna(), "account_id"]))]
    per_post = genuine.groupby("post_id").size()
    assert per_post.max() >= 100 * per_post.median()
    per_account = genuine.groupby("account_id").size()
    assert 0.4 <= (per_account == 1).mean() <= 0.6
    assert per_account.max() >= 100


def test_genuine_people_write_some_short_praise_and_much_else(small_dump):
    comments, truth = small_dump
    genuine = comments[comments["account_id"].isin(set(truth.loc[truth["farm"].isna(), "account_id"]))]
    norm = normalize_series(genuine["text"])
    praise = norm.isin(SHORT_PRAISE)
    assert 0.03 <= praise.mean() <= 0.15
    assert genuine.loc[praise.to_numpy(), "account_id"].nunique() >= 100
    words = norm.str.split().str.len()
    assert words.quantile(0.9) >= 3 * words.median() / 2 and words.max() >= 20
    assert norm.str.contains("[әіңғүұқөһ]").mean() > 0.2  # Kazakh beside Russian


@pytest.mark.slow
def test_botwatch_finds_a_plain_farm_in_100k_comments(plain_farm):
    comments, truth = plain_farm.plain_farm_dump(100_000, n_farms=1, seed=0)
    out = plain_farm.evaluate(comments, truth)
    assert out["farm_ap"] >= 0.95
    assert out["others_flagged_share"] <= 0.005
    assert out["farm_in_clusters"] >= 0.8 * out["farm_accounts"]


def test_a_farm_flooding_quiet_posts_cannot_explain_its_meetings_away(plain_farm, small_dump):
    # Most of the posts the farm works are quiet: too few occasional commenters of their own to
    # read the post's chance of a meeting from. Their chance comes from the occasional commenters
    # of all quiet posts, never from the farm's own comments.
    from botwatch.graph import account_graph, account_keys
    from botwatch.schema import validate_comments

    comments, truth = small_dump
    table = validate_comments(comments).table
    graph = account_graph(table, layers=("co_comment",))
    farm_ids = set(truth.loc[truth["farm"].notna(), "account_id"].astype(str))
    keys = account_keys(table)
    farm_keys = set(keys[table["account_id"].astype(str).isin(farm_ids)])
    in_farm = graph.accounts.isin(list(farm_keys))
    a = graph.edges["a"].to_numpy()
    b = graph.edges["b"].to_numpy()
    n = len(farm_keys)
    assert (in_farm[a] & in_farm[b]).sum() >= 0.9 * n * (n - 1) / 2
    assert (~in_farm[a] & ~in_farm[b]).sum() <= 0.1 * (in_farm[a] & in_farm[b]).sum()
