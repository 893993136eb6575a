"""Validation of the canonical tables: every rejection reason, duplicates, times and ids."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# Values a parser accepts but botwatch cannot hold: each is reported, none ends in a traceback.
OUTSIDE = "{} is outside the dates botwatch can represent (1677-2262)"
NOT_EPOCH = (
    "{} is a number but not a Unix time from 1990 to 2262 "
    "(in seconds, milliseconds, microseconds or nanoseconds)"
)
TOO_LARGE = "{} is outside the numbers botwatch can represent (0 to 2**63 - 1)"


@pytest.mark.parametrize("bad", ["9999-12-31", "0001-01-01", "9999-12-31T23:59:59+05:00", "9999-12-31 10:00"])
def test_comment_times_outside_the_representable_dates_are_reported(bad):
    v = validate_comments(_comments(created_at=["2024-05-01T10:00:00Z", bad, "2024-05-01T10:02:00Z"]))
    assert v.table["comment_id"].tolist() == ["1", "3"]
    assert v.rejected[["record", "field", "value", "reason", "action"]].values.tolist() == [
        [2, "created_at", bad, OUTSIDE.format("created_at"), "row left out"]
    ]
    post = ["2024-05-01T09:00:00Z", bad, "2024-05-01T09:00:00Z"]
    v = validate_comments(_comments(post_created_at=post))
    assert len(v.table) == 3
    assert pd.isna(v.table.loc[1, "post_created_at"])
    assert v.rejected[["field", "reason", "action"]].values.tolist() == [
        ["post_created_at", OUTSIDE.format("post_created_at"), "field cleared"]
    ]


def test_profile_dates_outside_the_representable_dates_are_cleared():
    raw = pd.DataFrame(
        {"account_id": ["a", "b", "c"], "created_at": ["9999-12-31", "0001-01-01", "2020-01-01"]}
    )
    v = validate_accounts(raw, source="acc.csv")
    assert v.table["account_id"].tolist() == ["a", "b", "c"]
    assert v.table["created_at"].isna().tolist() == [True, True, False]
    assert v.rejected[["record", "reason", "action"]].values.tolist() == [
        [1, OUTSIDE.format("created_at"), "field cleared"],
        [2, OUTSIDE.format("created_at"), "field cleared"],
    ]


def test_epoch_units_are_told_by_size():
    # 2024-05-01 10:00 UTC in seconds, milliseconds, microseconds and nanoseconds, as text and numbers.
    seconds = 1714557600
    values = [seconds * 1000**k for k in range(4)]
    expected = pd.Timestamp("2024-05-01 10:00", tz="UTC")
    for raw in (pd.Series(values), pd.Series([str(x) for x in values]), pd.Series(values, dtype=float)):
        utc, _, _ = parse_timestamps(raw)
        assert utc.tolist() == [expected] * 4


@pytest.mark.parametrize(
    "bad",
    [
        253402300800,  # 10000-01-01 in seconds: not 1978-01-11 in milliseconds
        "253402300800",
        20_000_000_000,  # year 2603 in seconds, 1970 in milliseconds: neither
        0,  # a placeholder, not 1970-01-01
        -1,
        10**20,
        1.5e300,
    ],
)
def test_numbers_that_are_no_unix_time_are_reported_not_reread(bad):
    created = pd.Series([1714557600, bad, 1714557720], dtype=object)
    v = validate_comments(_comments(created_at=created))
    assert v.table["comment_id"].tolist() == ["1", "3"]
    assert v.rejected[["record", "field", "reason", "action"]].values.tolist() == [
        [2, "created_at", NOT_EPOCH.format("created_at"), "row left out"]
    ]
    numeric = pd.to_numeric(pd.Series([1714557600, bad, 1714557720]))
    assert validate_comments(_comments(created_at=numeric)).table["comment_id"].tolist() == ["1", "3"]


@pytest.mark.parametrize("bad", ["99999999999999999999999", "1e30", 1e30, 10**23, 2**63])
@pytest.mark.parametrize("field", ["like_count", "time_precision_s"])
def test_comment_counts_beyond_int64_are_cleared(field, bad):
    v = validate_comments(_comments(**{field: pd.Series(["5", bad, "7"], dtype=object)}))
    assert len(v.table) == 3
    assert v.rejected[["record", "field", "reason", "action"]].values.tolist() == [
        [2, field, TOO_LARGE.format(field), "field cleared"]
    ]
    assert v.table.loc[[0, 2], field].tolist() == [5, 7]
    if field == "like_count":
        assert pd.isna(v.table.loc[1, field])
    else:  # inferred instead, as for a missing precision
        assert v.table.loc[1, field] == 1


@pytest.mark.parametrize("field", ["followers_count", "following_count", "posts_count"])
def test_profile_counts_beyond_int64_are_cleared(field):
    raw = pd.DataFrame(
        {
            "account_id": ["a", "b", "c", "d"],
            field: pd.Series(["3", "99999999999999999999999", 1e30, 10**15], dtype=object),
        }
    )
    v = validate_accounts(raw)
    assert v.table[field].isna().tolist() == [False, True, True, False]
    assert v.table[field].iloc[[0, 3]].tolist() == [3, 10**15]
    assert v.rejected[["record", "reason"]].values.tolist() == [
        [2, TOO_LARGE.format(field)],
        [3, TOO_LARGE.format(field)],
    ]


def test_extra_columns_beyond_the_cap_are_dropped_with_one_note():
    from botwatch.schema import _MAX_EXTRA_COLUMNS

    extra = pd.DataFrame({f"x{i}": ["v"] * 3 for i in range(_MAX_EXTRA_COLUMNS + 5)})
    v = validate_comments(pd.concat([_comments(), extra], axis=1), source="wide.csv")
    assert [c for c in v.table.columns if c.startswith("x")] == [f"x{i}" for i in range(_MAX_EXTRA_COLUMNS)]
    reason = (
        "5 extra columns dropped: botwatch keeps the canonical columns and at most 1,000 others "
        "(the first dropped is 'x1000')"
    )
    assert v.rejected.values.tolist() == [["wide.csv", "", "", "1,009 columns", reason, "columns dropped"]]
    assert v.notes == [f"wide.csv: {reason}"]
    assert v.table["comment_id"].tolist() == ["1", "2", "3"]


def test_datetime_columns_of_a_coarse_resolution_are_checked_too():
    # Parquet and pandas can hold 9999-12-31 at a resolution of seconds; nanoseconds cannot.
    created = pd.Series(
        np.array(["2024-05-01T10:00", "9999-12-31", "2024-05-01T10:02"], dtype="datetime64[s]")
    )
    v = validate_comments(_comments(created_at=created.dt.tz_localize("UTC")))
    assert v.table["comment_id"].tolist() == ["1", "3"]
    assert v.rejected["reason"].tolist() == [OUTSIDE.format("created_at")]
    v = validate_comments(_comments(created_at=created))  # naive: local time in Almaty
    assert v.table["created_at"].tolist()[0] == pd.Timestamp("2024-05-01 05:00", tz="UTC")
    assert v.rejected["reason"].tolist() == [OUTSIDE.format("created_at")]


# Fuzzing the typed columns with values at and beyond what botwatch can hold. The readers' own
# fuzz tests (tests/io/test_formats.py) draw from the same values.
TIME_VALUES = st.one_of(
    st.sampled_from(
        [
            "9999-12-31",
            "0001-01-01",
            "9999-12-31T23:59:59Z",
            "1677-09-21T00:00:00Z",
            "2262-04-11T23:59:59Z",
            "2262-04-11 23:59",
            "1677-09-21 00:13:00.000000001",  # in range, but not once moved from local time to UTC
            "2262-04-11T23:47:16.854775807-05:00",
            "253402300800",
            "99999999999999999999999",
            "1e30",
            "-1",
            "",
            "2024-05-01T10:00:00Z",
            "2024-05-01 10:00",
            "1714557600",
            "1714557600000",
            "1714557600000000000",
        ]
    ),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.none(),
)
COUNT_VALUES = st.one_of(
    st.sampled_from(
        [
            "99999999999999999999999",
            "1e30",
            "-1",
            "1.5",
            "",
            "inf",
            "9223372036854775807",
            "9223372036854775808",
            "12",
        ]
    ),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
)
TYPED_ROWS = st.lists(st.tuples(TIME_VALUES, TIME_VALUES, COUNT_VALUES, COUNT_VALUES), min_size=1, max_size=6)


def _field_reasons(name: str) -> set[str]:
    return {
        f"missing {name}",
        OUTSIDE.format(name),
        NOT_EPOCH.format(name),
        f"{name} is not a date or time botwatch can read",
        f"{name} must be a whole number >= 0",
        f"{name} must be a positive whole number",
        TOO_LARGE.format(name),
    }


@settings(max_examples=40, deadline=None)
@given(rows=TYPED_ROWS, numeric=st.booleans())
def test_out_of_range_values_in_typed_columns_give_rows_or_reasons(rows, numeric):
    created, post, likes, precision = (pd.Series(list(c), dtype=object) for c in zip(*rows, strict=True))
    if numeric:  # the columns as a reader that typed them would give them (floats, ints)
        created, post, likes, precision = (
            pd.to_numeric(c, errors="coerce") for c in (created, post, likes, precision)
        )
    n = len(rows)
    raw = pd.DataFrame(
        {
            "comment_id": [str(i) for i in range(n)],
            "account_id": "a",
            "created_at": created,
            "post_created_at": post,
            "like_count": likes,
            "time_precision_s": precision,
        }
    )
    v = validate_comments(raw)
    left_out = set(v.rejected.loc[v.rejected["action"] == "row left out", "record"])
    assert len(v.table) + len(left_out) == n
    assert str(v.table["created_at"].dtype) == "datetime64[ns, UTC]"
    assert v.table["created_at"].notna().all()
    assert (v.table["like_count"].dropna() >= 0).all()
    assert (v.table["time_precision_s"] > 0).all()
    known = set().union(
        *(_field_reasons(f) for f in ("created_at", "post_created_at", "like_count", "time_precision_s"))
    )
    assert set(v.rejected["reason"]) <= known

    accounts = pd.DataFrame(
        {
            "account_id": [str(i) for i in range(n)],
            "created_at": created,
            "followers_count": likes,
            "posts_count": precision,
        }
    )
    a = validate_accounts(accounts)
    assert len(a.table) == n
    assert str(a.table["created_at"].dtype) == "datetime64[ns, UTC]"
    known = set().union(*(_field_reasons(f) for f in ("created_at", "followers_count", "posts_count")))
    assert set(a.rejected["reason"]) <= known


def test_text_is_composed_exactly_as_unicodedata_composes_it():
    # Texts are checked only where they hold a character that can break NFC; every other text must
    # already be NFC. Random characters, every canonical decomposition and Hangul jamo test that.
    import unicodedata

    rng = np.random.default_rng(0)
    assigned = np.array(
        [c for c in range(0x30000) if not 0xD800 <= c < 0xE000 and unicodedata.category(chr(c)) != "Cn"]
    )
    texts = ["".join(map(chr, rng.choice(assigned, rng.integers(1, 6)))) for _ in range(20_000)]
    for c in range(0x30000):
        parts = "" if 0xD800 <= c < 0xE000 else unicodedata.decomposition(chr(c))
        if parts and not parts.startswith("<"):
            texts.append("".join(chr(int(x, 16)) for x in parts.split()))
    hangul = [(0x1100 + i, 0x1161 + j, 0x11A8 + k) for i in range(3) for j in range(3) for k in range(3)]
    texts += ["".join(map(chr, t)) for t in hangul]
    df = pd.DataFrame(
        {
            "comment_id": [str(i) for i in range(len(texts))],
            "account_id": "a",
            "created_at": "2024-05-01T10:00:00Z",
            "text": pd.Series(texts, dtype="string"),
        }
    )
    got = validate_comments(df).table["text"].tolist()
    assert got == [unicodedata.normalize("NFC", t) for t in texts]
    assert sum(t != unicodedata.normalize("NFC", t) for t in texts) > 1000  # the check has work to do
