"""The civic world generator of ``bench/heldout`` (testing only): valid tables, determinism and its
invariants."""

from __future__ import annotations

import pandas as pd
import pytest

from botwatch.schema import COMMENT_COLUMNS, validate_accounts, validate_comments
from tests.conftest import bench_module

SEEDS = (3, 10, 22, 56)
"""Small worlds (5,000 to 10,000 comments): one where 64 % of the comments are stand-alone posts of a
stream, one without profiles, one with times to the second, minute and day, one with times to
the minute and a farm of 195 accounts."""


@pytest.fixture(scope="module")
def civic_world():
    return bench_module("heldout_generator")._generator("civic")


@pytest.fixture(scope="module", params=SEEDS)
def world(request, civic_world):
    return civic_world(request.param)


def test_columns_and_validation(world):
    comments, accounts, _ = world
    assert list(comments.columns) == [c.name for c in COMMENT_COLUMNS]
    checked = validate_comments(comments)
    assert checked.rejected.empty
    assert len(checked.table) == len(comments)
    assert comments["comment_id"].is_unique
    assert set(comments["time_precision_s"].unique()) <= {1, 60, 86400}
    if accounts is not None:
        assert validate_accounts(accounts).rejected.empty
        assert set(accounts["account_id"]) <= set(comments["account_id"])


def test_times_follow_posts_and_parents(world):
    comments, _, _ = world
    has_post = comments["post_created_at"].notna()
    assert (comments["post_id"].isna() == ~has_post).all()
    assert set(comments.loc[~has_post, "platform"]) <= {"x"}
    assert (comments.loc[has_post, "created_at"] >= comments.loc[has_post, "post_created_at"]).all()
    replies = comments[comments["parent_id"].notna()]
    parents = comments.set_index("comment_id").loc[replies["parent_id"]]
    assert (replies["created_at"].to_numpy() >= parents["created_at"].to_numpy()).all()
    assert (replies["post_id"].fillna("~").to_numpy() == parents["post_id"].fillna("~").to_numpy()).all()


def test_truth_covers_the_commenters(world, civic_world):
    comments, _, truth = world
    assert truth["account_id"].is_unique
    assert set(truth["account_id"]) == set(comments["account_id"])
    fake = truth[truth["is_inauthentic"]]
    assert fake["farm"].notna().all()
    assert set(fake["tactic"]) <= set(civic_world.__globals__["CIVIC_TACTICS"])
    assert truth.loc[~truth["is_inauthentic"], "farm"].isna().all()


def test_same_seed_same_world(civic_world):
    first, second = civic_world(3), civic_world(3)
    pd.testing.assert_frame_equal(first[0], second[0])
    pd.testing.assert_frame_equal(first[2], second[2])
    assert (first[1] is None and second[1] is None) or first[1].equals(second[1])
    assert not civic_world(4)[0]["text"].equals(first[0]["text"])


def test_the_worlds_cover_streams_missing_profiles_and_coarse_times(civic_world):
    worlds = {seed: civic_world(seed) for seed in SEEDS}
    assert worlds[3][0]["post_id"].isna().mean() > 0.5
    assert worlds[10][1] is None
    assert set(worlds[22][0]["time_precision_s"]) == {1, 60, 86400}
    assert set(worlds[56][0]["time_precision_s"]) == {60}
