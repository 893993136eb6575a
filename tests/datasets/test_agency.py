"""The agency-page world generator: valid tables, determinism and the stated properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from botwatch.datasets._agency import GENUINE_ROLES, TACTICS, agency_world, random_agency_config
from botwatch.schema import ACCOUNT_COLUMNS, COMMENT_COLUMNS, validate_accounts, validate_comments

SMALL = {"target_comments": 4000, "weeks": 2, "n_pages": 3}


@pytest.fixture(scope="module")
def every_tactic():
    """A small world with one farm of each tactic and full profiles."""
    return agency_world(
        3,
        tactics=TACTICS,
        profile_mode="full",
        viral_rate=0.02,
        superfans_per_page=4,
        critics_per_page=3,
        admin_reply_rate=0.2,
        **SMALL,
    )


def test_columns_and_validation(every_tactic):
    w = every_tactic
    assert list(w.comments.columns) == [c.name for c in COMMENT_COLUMNS]
    v = validate_comments(w.comments)
    assert v.rejected.empty
    assert v.n_duplicates == 0
    assert len(v.table) == len(w.comments)
    assert w.accounts is not None
    assert list(w.accounts.columns) == [c.name for c in ACCOUNT_COLUMNS]
    assert validate_accounts(w.accounts).rejected.empty
    assert w.comments["comment_id"].is_unique
    assert isinstance(w.comments["created_at"].dtype, pd.DatetimeTZDtype)


def test_truth_covers_every_commenter(every_tactic):
    w = every_tactic
    truth = w.truth
    assert truth["account_id"].is_unique
    assert set(truth["account_id"]) == set(w.comments["account_id"])
    farm = truth[truth["is_inauthentic"]]
    assert (farm["role"] == "farm").all()
    assert farm["farm"].notna().all() and farm["tactic"].isin(TACTICS).all()
    real = truth[~truth["is_inauthentic"]]
    assert real["role"].isin(GENUINE_ROLES).all()
    assert real["farm"].isna().all() and real["tactic"].isna().all()


def test_every_tactic_present_with_its_size(every_tactic):
    w = every_tactic
    farms = w.truth[w.truth["is_inauthentic"]]
    assert set(farms["tactic"]) == set(TACTICS)
    sizes = farms.groupby("farm").size()
    for spec in w.config["farms"]:
        assert sizes[spec["name"]] == spec["size"]
        if spec["tactic"] == "influencer":
            assert 3 <= spec["size"] <= 8
        else:
            assert 5 <= spec["size"] <= 200


def test_traps_present(every_tactic):
    roles = set(every_tactic.truth["role"])
    assert {"genuine", "superfan", "regular_critic", "page_admin"} <= roles


def test_parents_are_earlier_comments_of_the_same_post(every_tactic):
    c = every_tactic.comments
    replies = c[c["parent_id"].notna()]
    assert len(replies) > 0
    parents = c.set_index("comment_id").loc[replies["parent_id"]]
    assert (parents["post_id"].to_numpy() == replies["post_id"].to_numpy()).all()
    assert (parents["created_at"].to_numpy() <= replies["created_at"].to_numpy()).all()


def test_stream_has_no_posts(every_tactic):
    c = every_tactic.comments
    x = c[c["platform"] == "x"]
    assert len(x) > 0
    assert x["post_id"].isna().all() and x["post_created_at"].isna().all()
    other = c[c["platform"] != "x"]
    assert other["post_id"].notna().all()
    assert (other["created_at"] >= other["post_created_at"]).all()


def test_fast_crew_is_fast_and_office_crew_keeps_office_hours(every_tactic):
    w = every_tactic
    c = w.comments.merge(w.truth, on="account_id")
    fast = c[c["tactic"] == "fast_crew"]
    delay = (fast["created_at"] - fast["post_created_at"]).dt.total_seconds()
    assert delay.median() < 30 * 60
    office = c[c["tactic"] == "office_paraphrase"]
    local = office["created_at"] + pd.Timedelta(hours=w.config["utc_offset_h"])
    assert (local.dt.day_of_week < 5).all()
    assert local.dt.hour.between(9, 17).all()
    assert office["text"].nunique() > 0.3 * len(office)


def test_genuine_people_reuse_common_phrases(every_tactic):
    w = every_tactic
    c = w.comments.merge(w.truth, on="account_id")
    genuine = c[c["role"] == "genuine"]
    counts = genuine.groupby("account_id").size()
    assert (counts == 1).mean() > 0.4
    top = genuine["text"].value_counts()
    assert top.iloc[0] > 10  # "Рахмет!", "Спасибо!" and the like recur among real people


def test_deterministic():
    a = agency_world(11, **SMALL)
    b = agency_world(11, **SMALL)
    pd.testing.assert_frame_equal(a.comments, b.comments)
    pd.testing.assert_frame_equal(a.truth, b.truth)
    assert a.config == b.config
    c = agency_world(12, **SMALL)
    assert not a.comments["text"].equals(c.comments["text"])


def test_minute_precision_and_no_profiles():
    w = agency_world(5, time_precision_s=60, profile_mode="none", **SMALL)
    assert w.accounts is None
    assert (w.comments["time_precision_s"] == 60).all()
    assert (w.comments["created_at"].dt.second == 0).all()
    assert validate_comments(w.comments).rejected.empty


def test_partial_profiles_validate():
    w = agency_world(6, profile_mode="partial", **SMALL)
    assert w.accounts is not None
    assert set(w.accounts.columns) <= {c.name for c in ACCOUNT_COLUMNS}
    assert {"platform", "account_id"} <= set(w.accounts.columns)
    assert validate_accounts(w.accounts).rejected.empty


def test_world_without_farms():
    w = agency_world(8, tactics=(), **SMALL)
    assert not w.truth["is_inauthentic"].any()
    assert w.config["farms"] == []


def test_random_configs_are_broad():
    rng = np.random.default_rng(0)
    cfgs = [random_agency_config(rng) for _ in range(300)]
    assert {c["n_pages"] for c in cfgs} >= {1, 12}
    assert {len(c["farms"]) for c in cfgs} >= {0, 1, 5}
    assert {f["tactic"] for c in cfgs for f in c["farms"]} == set(TACTICS)
    assert {c["profile_mode"] for c in cfgs} == {"none", "partial", "full"}
    assert {c["time_precision_s"] for c in cfgs} == {1, 60}
    sizes = [f["size"] for c in cfgs for f in c["farms"]]
    assert min(sizes) < 10 and max(sizes) > 150


def test_unknown_knob_is_refused():
    with pytest.raises(ValueError):
        agency_world(0, no_such_knob=1)
    with pytest.raises(ValueError):
        agency_world(0, tactics=("not_a_tactic",))


def test_scale_grows_the_world():
    small = agency_world(2, tactics=(), target_comments=3000, weeks=1, n_pages=2)
    big = agency_world(2, tactics=(), target_comments=3000, weeks=1, n_pages=2, scale=3)
    assert len(big.comments) > 2 * len(small.comments)


def test_the_same_seed_gives_the_same_world_in_any_process():
    # Python's string hashing differs between processes; nothing in a world may depend on it.
    import os
    import subprocess
    import sys

    code = (
        "import hashlib, pandas as pd\n"
        "from botwatch.datasets import agency_world\n"
        "w = agency_world(5)\n"
        "print(hashlib.md5(pd.util.hash_pandas_object(w.comments.astype(str)).values.tobytes()).hexdigest())"
    )
    out = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": str(h)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for h in (0, 1)
    }
    assert len(out) == 1


def test_some_comments_carry_links():
    import re

    link = re.compile(r"https?://|www\.")
    w = agency_world(0)
    c = w.comments.merge(w.truth, on="account_id")
    has = c["text"].str.contains(link)
    assert 0 < has.mean() < 0.5
    users = c[has].groupby("is_inauthentic")["account_id"].nunique()
    assert users.get(True, 0) > 0 and users.get(False, 0) > 0
    assert c[has]["text"].nunique() > 0.5 * has.sum()  # links are not one repeated text


def test_links_leave_the_rest_of_the_world_as_it_was():
    # Links come from a stream of their own: without them, every other column is the same.
    w = agency_world(3)
    farms = [dict(f, link_rate=0.0) for f in w.config["farms"]]
    plain = agency_world(3, link_user_share=0.0, link_x_user_share=0.0, admin_link_rate=0.0, farms=farms)
    assert not plain.comments["text"].str.contains(r"https?://|www\.", regex=True).any()
    pd.testing.assert_frame_equal(w.comments.drop(columns="text"), plain.comments.drop(columns="text"))
    pd.testing.assert_frame_equal(w.truth, plain.truth)
    changed = w.comments["text"] != plain.comments["text"]
    assert changed.any()
