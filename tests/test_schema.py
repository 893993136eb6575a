"""Validation of the canonical tables: every rejection reason, duplicates, times and ids."""

from __future__ import annotations

import pandas as pd
import pytest

from botwatch.errors import InputError
from botwatch.schema import parse_timestamps, validate_accounts, validate_comments


def _comments(**overrides):
    base = {
        "comment_id": ["1", "2", "3"],
        "account_id": ["a", "b", "c"],
        "created_at": ["2024-05-01T10:00:00Z", "2024-05-01T10:01:00Z", "2024-05-01T10:02:30Z"],
        "text": ["one", "two", "three"],
    }
    base.update(overrides)
    return pd.DataFrame(base)


def test_clean_table_keeps_every_row_with_canonical_types():
    v = validate_comments(_comments(), source="x.csv")
    assert len(v.table) == 3
    assert len(v.rejected) == 0
    assert str(v.table["created_at"].dtype) == "datetime64[ns, UTC]"
    assert v.table["platform"].astype(str).tolist() == ["unknown"] * 3
    assert v.table["page_id"].tolist() == ["unknown"] * 3
    assert v.table["source_file"].tolist() == ["x.csv"] * 3


@pytest.mark.parametrize(
    ("field", "bad", "reason"),
    [
        ("comment_id", "", "missing comment_id"),
        ("account_id", None, "missing account_id"),
        ("created_at", "", "missing created_at"),
        ("created_at", "yesterday-ish", "created_at is not a date or time botwatch can read"),
    ],
)
def test_each_row_rejection_reason(field, bad, reason):
    raw = _comments()
    raw.loc[1, field] = bad
    v = validate_comments(raw, source="dump.csv")
    assert v.table["comment_id"].tolist() == ["1", "3"]
    assert len(v.rejected) == 1
    row = v.rejected.iloc[0]
    assert (row["source"], row["record"], row["field"], row["reason"], row["action"]) == (
        "dump.csv",
        2,
        field,
        reason,
        "row left out",
    )


@pytest.mark.parametrize(
    ("field", "bad", "reason"),
    [
        ("like_count", "many", "like_count must be a whole number >= 0"),
        ("like_count", "-3", "like_count must be a whole number >= 0"),
        ("time_precision_s", "0", "time_precision_s must be a positive whole number"),
        (
            "post_created_at",
            "not a date",
            "post_created_at is not a date or time botwatch can read",
        ),
    ],
)
def test_bad_optional_field_is_cleared_not_dropped(field, bad, reason):
    raw = _comments(
        **{
            field: ["1", bad, "2"]
            if field != "post_created_at"
            else ["2024-05-01T09:00:00Z", bad, "2024-05-01T09:00:00Z"]
        }
    )
    v = validate_comments(raw)
    assert len(v.table) == 3
    assert v.rejected["reason"].tolist() == [reason]
    assert v.rejected["action"].tolist() == ["field cleared"]
    assert pd.isna(v.table.loc[1, field]) or field == "time_precision_s"


def test_duplicates_are_merged_and_counted():
    raw = _comments(comment_id=["1", "1", "2"])
    v = validate_comments(raw)
    assert v.n_duplicates == 1
    assert v.table["comment_id"].tolist() == ["1", "2"]
    assert v.rejected["reason"].tolist() == ["duplicate comment_id (merged into an earlier row)"]
    assert v.rejected["record"].tolist() == [2]


def test_same_comment_id_on_two_pages_is_not_a_duplicate():
    raw = _comments(comment_id=["1", "1", "2"], page_id=["p1", "p2", "p1"])
    assert len(validate_comments(raw).table) == 3


def test_missing_required_column_names_file_and_field():
    raw = _comments().drop(columns=["account_id"])
    with pytest.raises(InputError, match=r"dump\.csv, field 'account_id': required column") as exc:
        validate_comments(raw, source="dump.csv")
    assert "--map" in str(exc.value)


def test_ids_stay_strings_and_integral_floats_lose_their_point():
    # JSON integers above 2**53 arrive as Python ints and must survive exactly.
    raw = _comments(
        comment_id=pd.Series([1, 2, 18446744073709551615], dtype=object), account_id=[7.0, 8.0, 9.0]
    )
    v = validate_comments(raw)
    assert v.table["comment_id"].tolist() == ["1", "2", "18446744073709551615"]
    assert v.table["account_id"].tolist() == ["7", "8", "9"]


def test_extra_columns_are_kept():
    v = validate_comments(_comments(reactions=["x", "y", "z"]))
    assert v.table["reactions"].tolist() == ["x", "y", "z"]


def test_platform_aliases_and_default():
    v = validate_comments(_comments(platform=["Twitter", "", "VK"]), platform="telegram")
    assert v.table["platform"].astype(str).tolist() == ["x", "telegram", "vk"]


class TestTimestamps:
    def test_offsets_and_zulu_go_to_utc(self):
        utc, prec, used = parse_timestamps(pd.Series(["2024-05-01T15:00:00+05:00", "2024-05-01T10:00:00Z"]))
        assert utc.tolist() == [pd.Timestamp("2024-05-01 10:00", tz="UTC")] * 2
        assert not used
        assert prec.tolist() == [1, 1]

    def test_naive_almaty_follows_the_2024_change_of_offset(self):
        # Kazakhstan moved from UTC+6 to UTC+5 on 2024-03-01.
        utc, _, used = parse_timestamps(pd.Series(["2024-02-28 12:00:00", "2024-03-02 12:00:00"]))
        assert used
        assert [t.hour for t in utc] == [6, 7]

    def test_epoch_seconds_and_milliseconds(self):
        utc, _, _ = parse_timestamps(pd.Series(["1714557600", "1714557600000", 1714557600]))
        assert set(utc) == {pd.Timestamp("2024-05-01 10:00", tz="UTC")}

    def test_bare_date_carries_a_day_of_precision(self):
        _, prec, _ = parse_timestamps(pd.Series(["2024-05-01", "2024-05-01T10:00:00Z"]))
        assert prec.tolist() == [86400, 1]

    def test_whole_minutes_mean_minute_precision(self):
        times = [f"2024-05-01T10:{m:02d}:00Z" for m in range(30)]
        v = validate_comments(pd.DataFrame({"comment_id": range(30), "account_id": "a", "created_at": times}))
        assert set(v.table["time_precision_s"]) == {60}

    def test_given_precision_wins(self):
        v = validate_comments(_comments(time_precision_s=["3600", "3600", ""]))
        assert v.table["time_precision_s"].tolist() == [3600, 3600, 1]


def test_accounts_validation_parses_and_reports():
    raw = pd.DataFrame(
        {
            "account_id": ["1", "1", "", "3"],
            "followers_count": ["10", "10", "5", "x"],
            "has_avatar": ["yes", "yes", "no", "maybe"],
            "created_at": ["2020-01-01", "2020-01-01", "2020-01-01", "2021-05-05"],
        }
    )
    v = validate_accounts(raw, source="acc.csv")
    assert v.table["account_id"].tolist() == ["1", "3"]
    assert v.n_duplicates == 1
    reasons = set(v.rejected["reason"])
    assert {
        "missing account_id",
        "duplicate account_id (merged into an earlier row)",
        "followers_count must be a whole number >= 0",
        "has_avatar must be true or false",
    } == reasons
    assert v.table["has_avatar"].tolist()[0] is True
