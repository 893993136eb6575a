"""Per-account features: hand-computed values, missing data and invariances."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from botwatch.features import FEATURE_GROUPS, FEATURES, WEIGHED_SHARES, account_features
from botwatch.schema import validate_accounts, validate_comments
from tests.features.test_new_evidence import _table


@pytest.fixture
def small():
    # Account a: three comments on two posts, 1, 20 and 1 minutes after the posts (05:00 UTC is
    # 10:00 in Almaty, UTC+5, on a Wednesday and a Thursday); two are the same praise, one is a
    # complaint with a question. Account b: one reply, attacking a's complaint.
    raw = pd.DataFrame(
        {
            "platform": "vk",
            "page_id": "akimat",
            "post_id": ["p1", "p1", "p2", "p2"],
            "post_created_at": [
                "2024-05-01T05:00:00Z",
                "2024-05-01T05:00:00Z",
                "2024-05-02T05:00:00Z",
                "2024-05-02T05:00:00Z",
            ],
            "comment_id": ["c1", "c2", "c3", "c4"],
            "parent_id": [None, None, None, "c2"],
            "account_id": ["a", "a", "a", "b"],
            "account_handle": ["user12345", "user12345", "user12345", "dana"],
            "created_at": [
                "2024-05-01T05:01:00Z",
                "2024-05-01T05:20:00Z",
                "2024-05-02T05:01:00Z",
                "2024-05-02T06:00:00Z",
            ],
            "text": [
                "Спасибо акимату!",
                "Когда почините дорогу?",
                "Спасибо акимату!",
                "Хватит ныть, всё делается",
            ],
        }
    )
    return validate_comments(raw).table


def test_hand_computed_values(small):
    X = account_features(small, prior_comments=0)
    a, b = X.loc["a"], X.loc["b"]
    assert a["n_comments_log"] == pytest.approx(np.log10(3))
    assert a["n_posts_log"] == pytest.approx(np.log10(2))
    assert a["comments_per_post"] == pytest.approx(1.5)
    assert a["fast_share"] == pytest.approx(2 / 3)  # 1 min, 20 min, 1 min after the post
    assert a["delay_median_log"] == pytest.approx(np.log10(60))
    assert a["office_share"] == pytest.approx(1.0)
    assert a["self_repeat_share"] == pytest.approx(1 / 3)
    assert a["praise_share"] == pytest.approx(2 / 3)
    assert a["complaint_share"] == pytest.approx(1 / 3)
    assert a["question_share"] == pytest.approx(1 / 3)
    assert a["handle_digits"] == 5
    assert b["reply_share"] == 1.0
    assert b["reply_to_critic_share"] == 1.0
    assert b["attack_share"] == 1.0


def test_weighed_shares_start_from_the_dumps_rate(small):
    X, seen = account_features(small, return_observed=True)
    # Praise: 2 of a's 3 comments, 0 of b's 1; the dump's rate is 2/4.
    assert X.loc["a", "praise_share"] == pytest.approx((2 + 3 * 0.5) / (3 + 3))
    assert X.loc["b", "praise_share"] == pytest.approx((0 + 3 * 0.5) / (1 + 3))
    assert seen.loc["a", "praise_share"] == pytest.approx(2 / 3)
    assert seen.loc["a", "praise_share_n"] == 3
    # Fast: only rows with a known post time count, and a share without them stays missing.
    coarse = account_features(small.assign(time_precision_s=86400), return_observed=True)
    assert coarse[0]["fast_share"].isna().all() and (coarse[1]["fast_share_n"] == 0).all()
    plain = account_features(small, prior_comments=0)
    unweighed = [f for f in FEATURES if f not in WEIGHED_SHARES]
    pd.testing.assert_frame_equal(X[unweighed], plain[unweighed])


def test_a_share_of_an_act_nobody_shows_is_missing(small):
    # No comment of the dump carries a link (or its source strips them): the share is no
    # evidence for anyone. One link anywhere makes it a share for every account.
    X, seen = account_features(small, return_observed=True)
    assert X["link_share"].isna().all()
    assert (seen["link_share"] == 0).all()
    linked = small.copy()
    linked.loc[linked.index[3], "text"] = "Хватит ныть, всё делается https://gov.kz"
    Y = account_features(linked)
    assert Y["link_share"].notna().all()
    assert Y.loc["b", "link_share"] > Y.loc["a", "link_share"] > 0


def test_a_share_resting_on_more_comments_moves_further_from_the_rate():
    # Two accounts praise in every comment, one twice and one twenty times, among a crowd that
    # rarely does: the second is weighed as more suspicious, and one more praise never lowers it.
    rows = [("few", f"p{i}", "молодцы") for i in range(2)]
    rows += [("many", f"p{i}", "молодцы") for i in range(20)]
    rows += [(f"person{k}", f"p{k % 20}", "когда будет свет?") for k in range(60)]
    X = account_features(_table(rows))
    assert X.loc["person0", "praise_share"] < X.loc["few", "praise_share"] < X.loc["many", "praise_share"]
    more = account_features(_table([*rows, ("few", "p3", "молодцы")]))
    assert more.loc["few", "praise_share"] > X.loc["few", "praise_share"]


def test_without_profiles_and_graph_those_features_are_missing(small):
    X = account_features(small)
    assert X[FEATURE_GROUPS["graph"]].isna().all().all()
    profile_only = [
        f
        for f in FEATURE_GROUPS["profile"]
        if f not in ("handle_digits", "handle_vowel_share", "id_neighbors_log")
    ]
    assert X[profile_only].isna().all().all()
    assert list(X.columns) == list(FEATURES)


def test_coarse_times_switch_timing_off(small):
    coarse = small.assign(time_precision_s=86400)
    X = account_features(coarse)
    for name in (
        "delay_median_log",
        "fast_share",
        "office_share",
        "night_share",
        "hour_entropy",
        "burst_share",
    ):
        assert X[name].isna().all(), name


def test_row_order_does_not_matter(world):
    X1 = account_features(world.comments, world.accounts)
    shuffled = world.comments.sample(frac=1, random_state=0).reset_index(drop=True)
    X2 = account_features(shuffled, world.accounts.sample(frac=1, random_state=1))
    pd.testing.assert_frame_equal(X1, X2, check_exact=False, atol=1e-12)


def test_profile_features_separate_batch_accounts(world):
    X = account_features(world.comments, world.accounts)
    t = world.truth.set_index("account_id").reindex(X.index)
    batch = t["strategies"].fillna("").str.contains("batch_registered").to_numpy()
    genuine = (t["role"] == "genuine").to_numpy()
    assert X.loc[batch, "created_same_days_log"].median() > X.loc[genuine, "created_same_days_log"].median()
    assert X.loc[batch, "id_neighbors_log"].median() > X.loc[genuine, "id_neighbors_log"].median()


def test_profile_columns_a_table_lacks_are_missing_features(world):
    full = account_features(world.comments, world.accounts)
    thin_table = validate_accounts(world.accounts.drop(columns=["created_at", "followers_count"])).table
    thin = account_features(world.comments, thin_table)
    for name in ("age_days_log", "posts_per_day_log", "created_same_days_log", "followers_log"):
        assert full[name].notna().any() and thin[name].isna().all(), name
    # What the table does give is used as before.
    for name in ("following_log", "has_avatar", "handle_digits", "id_neighbors_log"):
        pd.testing.assert_series_equal(thin[name], full[name])


def test_every_feature_is_documented():
    for name, (group, doc) in FEATURES.items():
        assert group in FEATURE_GROUPS and doc, name


def test_posts_and_bio_from_a_profile_without_registration_date(small):
    # Instagram and Telegram give counts and bios but no registration date: the lifetime posts
    # count and the bio's length are still features, while posts per day of age is not.
    accounts = validate_accounts(
        pd.DataFrame(
            {
                "platform": "vk",
                "account_id": ["a", "b"],
                "posts_count": [0, 99],
                "bio": ["", "Алматы | спорт"],
            }
        )
    ).table
    X = account_features(small, accounts)
    assert X.loc["a", "posts_log"] == 0.0
    assert X.loc["b", "posts_log"] == pytest.approx(2.0)
    assert X.loc["a", "bio_chars_log"] == 0.0  # an empty bio is a value, not a missing one
    assert X.loc["b", "bio_chars_log"] == pytest.approx(np.log10(1 + len("Алматы | спорт")))
    assert X["posts_per_day_log"].isna().all()


def test_bio_is_unknown_where_no_source_gives_one(small):
    # A table without bios says nothing about them; an account missing from a table that has
    # bios is unknown too, while an empty cell beside other bios is an empty bio.
    no_bios = validate_accounts(
        pd.DataFrame({"platform": "vk", "account_id": ["a", "b"], "posts_count": [1, 2]})
    )
    assert account_features(small, no_bios.table)["bio_chars_log"].isna().all()
    only_b = validate_accounts(
        pd.DataFrame({"platform": "vk", "account_id": ["b", "c"], "bio": ["hi", None]})
    ).table
    X = account_features(small, only_b)
    assert np.isnan(X.loc["a", "bio_chars_log"])
    assert X.loc["b", "bio_chars_log"] == pytest.approx(np.log10(3))


def test_fresh_fakes_have_fewer_posts_and_bios(world):
    X = account_features(world.comments, world.accounts)
    t = world.truth.set_index("account_id").reindex(X.index)
    batch = t["strategies"].fillna("").str.contains("batch_registered").to_numpy()
    genuine = (t["role"] == "genuine").to_numpy()
    assert X.loc[batch, "posts_log"].median() < X.loc[genuine, "posts_log"].median() - 0.5
    assert (X.loc[batch, "bio_chars_log"] > 0).mean() < (X.loc[genuine, "bio_chars_log"] > 0).mean() - 0.2


def test_handle_shape_counts_digits_and_vowels_in_any_script():
    from botwatch.features._account import _handle_shape

    handles = pd.Series(["user123", "Әлия_1", "", None, "AEIOU", "x²", "___"], dtype="string")
    digits, vowels = _handle_shape(handles)
    np.testing.assert_array_equal(digits, [3, 1, np.nan, np.nan, 0, 1, 0])
    np.testing.assert_allclose(vowels, [2 / 4, 3 / 4, np.nan, np.nan, 1.0, 0.0, np.nan])


def test_id_neighbors_read_ids_from_the_comments_not_from_the_keys():
    # Two platforms make keys "platform:id"; an id holding ":" is not a number, whatever follows it.
    rows = [("vk", "1001"), ("vk", "1002"), ("vk", "1003"), ("vk", "5000000")]
    rows += [("telegram", "1002"), ("telegram", "9000")]
    rows += [("telegram", "x:1004"), ("telegram", "x:1005")]
    comments = validate_comments(
        pd.DataFrame(
            {
                "platform": [p for p, _ in rows],
                "account_id": [a for _, a in rows],
                "comment_id": [str(i) for i in range(len(rows))],
                "created_at": "2024-05-01T10:00:00Z",
                "text": "x",
            }
        )
    ).table
    X = account_features(comments)
    neighbors = (10 ** X["id_neighbors_log"] - 1).round().to_dict()
    assert neighbors["vk:1001"] == neighbors["vk:1002"] == neighbors["vk:1003"] == 2
    assert neighbors["telegram:1002"] == 0  # the vk ids are another platform's
    assert neighbors["vk:5000000"] == 0
    assert np.isnan(neighbors["telegram:x:1004"]) and np.isnan(neighbors["telegram:x:1005"])


def test_id_neighbors_count_only_beyond_the_density_of_ids_around():
    # Ids numbered one by one over a stretch give every account there neighbours; a run of
    # adjacent ids among sparse ones is what registration together leaves.
    dense = [str(i) for i in range(1, 3001)]
    batch = [str(5_000_000 + i) for i in range(8)]
    sparse = [str(10_000_000 + 50_000 * i) for i in range(40)]
    ids = dense + batch + sparse
    comments = validate_comments(
        pd.DataFrame(
            {
                "platform": "vk",
                "account_id": ids,
                "comment_id": [str(i) for i in range(len(ids))],
                "created_at": "2024-05-01T10:00:00Z",
                "text": "x",
            }
        )
    ).table
    X = account_features(comments)
    neighbors = 10 ** X["id_neighbors_log"] - 1
    assert neighbors[dense].max() < 1
    assert (neighbors[batch].round() == 7).all()
    assert (neighbors[sparse] == 0).all()


def test_ids_numbered_one_by_one_are_no_evidence():
    ids = [str(i) for i in range(1, 301)]
    comments = validate_comments(
        pd.DataFrame(
            {
                "platform": "vk",
                "account_id": ids,
                "comment_id": ids,
                "created_at": "2024-05-01T10:00:00Z",
                "text": "x",
            }
        )
    ).table
    assert "id_neighbors_log" not in account_features(comments) or (
        account_features(comments)["id_neighbors_log"].isna().all()
    )


def test_a_registration_batch_is_read_against_the_rate_around_it_not_its_own():
    # Registrations spread evenly over two years, and a batch of 30 in one day in the middle.
    rng = np.random.default_rng(0)
    spread = pd.Timestamp("2022-01-01", tz="UTC") + pd.to_timedelta(rng.uniform(0, 730, 2000), unit="D")
    batch = pd.Timestamp("2023-01-10T08:00", tz="UTC") + pd.to_timedelta(rng.uniform(0, 6, 30), unit="h")
    created = pd.DatetimeIndex(spread.append(batch))
    ids = [f"a{i}" for i in range(len(created))]
    comments = validate_comments(
        pd.DataFrame(
            {"account_id": ids, "comment_id": ids, "created_at": "2024-05-01T10:00:00Z", "text": "x"}
        )
    ).table
    accounts = validate_accounts(pd.DataFrame({"account_id": ids, "created_at": created})).table
    ratio = account_features(comments, accounts)["created_burst_ratio"]
    assert ratio[ids[2000:]].min() > 5
    # The first and last registrations have no one on one side; they are not a burst for that.
    apart = np.abs((spread - pd.Timestamp("2023-01-10T11:00", tz="UTC")).total_seconds()) > 2 * 86400
    assert ratio[np.array(ids[:2000])[apart]].max() < 3


def test_near_duplicate_partners_count_among_three_linked_accounts_not_in_a_lone_pair():
    from types import SimpleNamespace

    from botwatch.features._account import _graph_features

    # Accounts 0-1 are a pair sharing texts whose 1 answers the same people as 8 (co-reply, on
    # request); 2-3-4 a chain of three; 5-6 a pair sharing texts whose 6 also meets 7 within
    # minutes.
    edges = pd.DataFrame(
        {
            "a": [0, 2, 3, 5, 6, 1],
            "b": [1, 3, 4, 6, 7, 8],
            "layer": ["near_duplicate"] * 4 + ["co_comment", "co_reply"],
            "weight": [5.0, 2.0, 3.0, 4.0, 1.0, 2.0],
        }
    )
    accounts = pd.Index([f"k{i}" for i in range(9)])
    graph = SimpleNamespace(
        accounts=accounts, edges=edges, co_post_weak_partners=None, lockstep_partners=None
    )
    out = _graph_features(accounts, graph, None, len(accounts))
    one, two = np.log10(2), np.log10(3)
    assert out["near_dup_partners_log"].tolist() == pytest.approx([0, 0, one, two, one, one, one, 0, 0])
    assert out["near_dup_strength"].tolist() == [0, 0, 2.0, 3.0, 3.0, 4.0, 4.0, 0, 0]
    assert out["co_comment_partners_log"].tolist() == pytest.approx([0] * 6 + [one, one, 0])


def test_a_graph_of_other_comments_is_refused():
    from types import SimpleNamespace

    from botwatch.features._account import _graph_features

    edges = pd.DataFrame({"a": [0], "b": [1], "layer": ["co_comment"], "weight": [1.0]})
    graph = SimpleNamespace(
        accounts=pd.Index(["k0", "stranger"]), edges=edges, co_post_weak_partners=None, lockstep_partners=None
    )
    with pytest.raises(ValueError, match=r"1 account.*'stranger'"):
        _graph_features(pd.Index(["k0", "k1"]), graph, None, 2)


def test_line_partners_count_among_three_linked_accounts_not_in_a_lone_pair():
    from types import SimpleNamespace

    from botwatch.features._account import _line_partners
    from botwatch.schema import account_keys
    from botwatch.text import normalize_codes

    rng = np.random.default_rng(0)
    rows = []
    # 300 occasional commenters of one page, one short line each (a tenth "рахмет", the rest their
    # own words).
    letters = "абвгдежзиклмнопрстуфхцшыэюя"
    for i in range(300):
        own = letters[i % 27] + letters[i // 27 % 27] + letters[i // 729]
        rows.append((f"p{i}", "рахмет" if i % 10 == 0 else f"жақсы {own}"))
    # A crew of four rotating three lines nobody else writes; two pairs sharing lines of their own.
    crew = ["керемет жұмыс әкім", "город хорошеет!", "так держать, аким"]
    pair = ["жол жөнделді рахмет", "отличная работа", "парк керемет"]
    other = ["ура ура", "все правильно делают", "так и надо"]
    for name, stock in [(f"c{j}", crew) for j in range(4)] + [
        ("x0", pair),
        ("x1", pair),
        ("y0", other),
        ("y1", other),
    ]:
        rows += [(name, stock[int(rng.integers(len(stock)))]) for _ in range(12)]
    comments = validate_comments(
        pd.DataFrame(
            {
                "account_id": [a for a, _ in rows],
                "comment_id": [f"m{k}" for k in range(len(rows))],
                "page_id": "akimat",
                "created_at": "2024-05-01T10:00:00Z",
                "text": [t for _, t in rows],
            }
        )
    ).table
    code, keys = pd.factorize(account_keys(comments), sort=True)
    index = pd.Index(np.asarray(keys, dtype=object), name="account_id")
    # y1 meets a third account within minutes (a co-comment link): its pair counts, x0-x1 does not.
    # The graph holds some of the accounts, in an order of its own.
    in_graph = pd.Index(["p7", "c2", "y1", "x0"], name="account_id")
    graph = SimpleNamespace(
        accounts=in_graph,
        edges=pd.DataFrame({"a": [2], "b": [0], "layer": ["co_comment"], "weight": [2.0]}),
    )
    out = pd.Series(
        _line_partners(index, comments, graph, code, normalize_codes(comments["text"])), index=index
    )
    assert out[[f"c{j}" for j in range(4)]].tolist() == pytest.approx([np.log10(4)] * 4)
    assert out[["y0", "y1"]].tolist() == pytest.approx([np.log10(2)] * 2)
    assert out[["x0", "x1"]].tolist() == [0, 0]
    assert (out[[f"p{i}" for i in range(300)]] == 0).all()
    # With no graph the feature is missing, as the other graph features are.
    assert np.isnan(_line_partners(index, comments, None, code, normalize_codes(comments["text"]))).all()


def test_a_reply_finds_the_first_comment_with_its_parents_id():
    from botwatch.features._account import _parent_rows

    comments = pd.DataFrame(
        {
            "comment_id": pd.array(["c1", "c2", "c2", "c3", "c4", None], dtype="string"),
            "parent_id": pd.array([None, "c2", "c1", "c9", "c3", "c4"], dtype="string"),
        }
    )
    row, has_parent = _parent_rows(comments)
    assert has_parent.tolist() == [False, True, True, False, True, True]
    assert row[has_parent].tolist() == [1, 0, 3, 4]  # "c2" is the first of its two rows
    assert row[~has_parent].tolist() == [0, 0]
    # A missing id is no one's parent, and a missing parent is none.
    none = pd.DataFrame({"comment_id": pd.array([None, "a"], dtype="string"), "parent_id": [None, None]})
    assert _parent_rows(none)[1].tolist() == [False, False]
