"""Page and post view: shares of comments and praise by suspects and clusters, by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from botwatch.schema import validate_comments
from botwatch.text import normalize_series
from botwatch.views import choose_period, page_and_post_tables, page_table, post_table

PRAISE = "Рахмет әкімге, керемет жұмыс!"
PLAIN = "Когда починят дорогу?"


@pytest.fixture
def small():
    # Page A: post p1 (5 comments, 3 praise), post p2 (2 comments, 1 praise); page B: post q1.
    rows = [
        ("c1", "A", "p1", "s1", "2024-03-01T10:00:00+05:00", PRAISE),
        ("c2", "A", "p1", "s2", "2024-03-01T10:01:00+05:00", PRAISE),
        ("c3", "A", "p1", "h1", "2024-03-01T11:00:00+05:00", PRAISE),
        ("c4", "A", "p1", "h2", "2024-03-01T12:00:00+05:00", PLAIN),
        ("c5", "A", "p1", "s1", "2024-03-01T12:30:00+05:00", PLAIN),
        ("c6", "A", "p2", "s2", "2024-04-02T09:00:00+05:00", PRAISE),
        ("c7", "A", "p2", "h1", "2024-04-02T09:30:00+05:00", PLAIN),
        ("c8", "B", "q1", "h2", "2024-04-05T09:30:00+05:00", PLAIN),
    ]
    raw = pd.DataFrame(rows, columns=["comment_id", "page_id", "post_id", "account_id", "created_at", "text"])
    raw["platform"] = "vk"
    raw["post_created_at"] = "2024-03-01T09:55:00+05:00"
    comments = validate_comments(raw).table
    accounts = pd.DataFrame(
        {
            "account_id": ["s1", "s2", "h1", "h2"],
            "platform": "vk",
            "is_suspect": [True, True, False, False],
            "cluster_id": [3, 3, np.nan, np.nan],
        }
    )
    return comments, normalize_series(comments["text"]), accounts


def test_post_shares_match_hand_counts(small):
    posts = post_table(*small).set_index("post_id")
    p1 = posts.loc["p1"]
    assert (p1["n_comments"], p1["n_accounts"], p1["n_praise"], p1["n_suspects"]) == (5, 4, 3, 2)
    assert p1["suspect_comments"] == 3 and p1["suspect_share"] == pytest.approx(3 / 5)
    assert p1["suspect_praise"] == 2 and p1["suspect_praise_share"] == pytest.approx(2 / 3)
    assert p1["cluster_share"] == pytest.approx(3 / 5)
    assert p1["clusters"] == "3: 60.0% (2 of 3 praise)"
    q1 = posts.loc["q1"]
    assert q1["suspect_comments"] == 0 and q1["clusters"] == ""
    assert pd.isna(q1["suspect_praise_share"])  # no praise under the post: no share, not 0
    assert posts.index.tolist()[0] == "p1"  # most suspect comments first
    assert posts["n_comments"].sum() == len(small[0])


def test_page_shares_whole_and_by_period(small):
    pages = page_table(*small, period="month")
    a_all = pages[(pages["page_id"] == "A") & (pages["period"] == "all")].iloc[0]
    assert (a_all["n_comments"], a_all["n_posts"], a_all["n_praise"]) == (7, 2, 4)
    assert a_all["suspect_praise_share"] == pytest.approx(3 / 4)
    assert a_all["suspect_share"] == pytest.approx(4 / 7)
    months = pages[(pages["page_id"] == "A") & (pages["period"] == "month")].set_index("period_start")
    assert months.index.tolist() == ["2024-03-01", "2024-04-01"]
    assert months.loc["2024-04-01", "suspect_praise_share"] == pytest.approx(1.0)
    assert months.loc["2024-04-01", "clusters"] == "3: 50.0% (1 of 1 praise)"
    # Per-period rows add up to the whole.
    per = pages[pages["period"] != "all"].groupby("page_id")["n_comments"].sum()
    whole = pages[pages["period"] == "all"].set_index("page_id")["n_comments"]
    assert per.to_dict() == whole.to_dict()


def test_periods_start_in_local_time(small):
    comments, normalized, accounts = small
    late = comments.copy()
    # 23:30 UTC on 31 March is 05:30 on 1 April in Almaty (UTC+6 then).
    late.loc[late.index[0], "created_at"] = pd.Timestamp("2024-03-31T23:30:00Z")
    pages = page_table(late, normalized, accounts, period="day", tz="Asia/Almaty")
    assert "2024-04-01" in pages["period_start"].tolist()
    assert "2024-03-31" not in pages["period_start"].tolist()


def test_weeks_start_on_monday(small):
    pages = page_table(*small, period="week")
    starts = pd.to_datetime(pages.loc[pages["period"] == "week", "period_start"])
    assert (starts.dt.day_of_week == 0).all()
    assert "2024-02-26" in pages["period_start"].tolist()  # Friday 1 March 2024 is in that week


def test_period_choice_and_bad_period(small):
    assert choose_period(small[0]) == "week"  # 35 days
    with pytest.raises(ValueError, match="period must be"):
        page_table(*small, period="fortnight")


def test_both_tables_at_once_equal_each_alone(small):
    pages, posts = page_and_post_tables(*small, period="month")
    pd.testing.assert_frame_equal(pages, page_table(*small, period="month"))
    pd.testing.assert_frame_equal(posts, post_table(*small))


def test_a_comment_without_an_account_borrows_no_flags():
    # Accounts are looked up as codes; a comment whose key is missing has no code, and must not
    # take the flags of another account (nor count as one more account).
    t = pd.Timestamp("2024-01-01", tz="UTC")
    comments = pd.DataFrame(
        {
            "platform": ["vk"] * 3,
            "page_id": ["p"] * 3,
            "post_id": ["x"] * 3,
            "account_id": pd.array(["a", "b", None], dtype="string"),
            "created_at": [t] * 3,
            "post_created_at": [t] * 3,
            "text": ["молодцы", "ok", "рахмет"],
        }
    )
    accounts = pd.DataFrame(
        {
            "platform": ["vk", "vk"],
            "account_id": ["a", "b"],
            "is_suspect": [False, True],
            "cluster_id": pd.array([pd.NA, 1], dtype="Int64"),
        }
    )
    norm = normalize_series(comments["text"])
    post = post_table(comments, norm, accounts).iloc[0]
    assert (post["n_comments"], post["n_accounts"], post["n_suspects"]) == (3, 2, 1)
    assert (post["suspect_comments"], post["cluster_comments"], post["n_praise"]) == (1, 1, 2)
    nobody = post_table(comments.assign(account_id=pd.array([None] * 3, dtype="string")), norm, accounts)
    assert nobody[["n_comments", "n_accounts", "suspect_comments", "cluster_comments"]].iloc[0].tolist() == [
        3,
        0,
        0,
        0,
    ]
