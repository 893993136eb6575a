"""The canonical comment and account tables, defined once and validated once.

Every reader maps its source onto these tables; every later stage (features, graph, model, report)
reads only them. Validation happens here, at the entry point: rows that cannot be used are moved to a
``rejected`` table with the file, record, field and reason, and duplicates are merged and counted.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.errors import OutOfBoundsDatetime

from botwatch.errors import InputError

__all__ = [
    "ACCOUNT_COLUMNS",
    "COMMENT_COLUMNS",
    "DEFAULT_TZ",
    "REJECTED_COLUMNS",
    "Column",
    "Validated",
    "account_keys",
    "account_table_keys",
    "empty_rejected",
    "key_account_ids",
    "parse_timestamps",
    "validate_accounts",
    "validate_comments",
]

logger = logging.getLogger(__name__)

DEFAULT_TZ = "Asia/Almaty"
"""Zone assumed for timestamps written without an offset (history-aware: UTC+6 until 2024-03-01)."""

Kind = Literal["id", "text", "datetime", "int", "bool", "float", "category"]


@dataclass(frozen=True)
class Column:
    """One column of a canonical table."""

    name: str
    kind: Kind
    required: bool = False
    doc: str = ""


COMMENT_COLUMNS: tuple[Column, ...] = (
    Column("platform", "category", doc="telegram, instagram, facebook, vk, youtube, x, or unknown"),
    Column("page_id", "id", doc="the agency page, channel or group the comment section belongs to"),
    Column("post_id", "id", doc="the post or video the comment is under (null for stand-alone posts)"),
    Column("post_created_at", "datetime", doc="when that post was published (UTC), if known"),
    Column("comment_id", "id", required=True, doc="native comment id, always a string"),
    Column("parent_id", "id", doc="the comment this one answers (null at top level)"),
    Column("account_id", "id", required=True, doc="the commenting account"),
    Column("account_handle", "text", doc="username or screen name, if known"),
    Column("created_at", "datetime", required=True, doc="when the comment was written (UTC)"),
    Column("time_precision_s", "int", doc="how precise created_at really is, in seconds"),
    Column("text", "text", doc="plain text of the comment (may be empty)"),
    Column("like_count", "int", doc="likes on the comment, if known"),
)

ACCOUNT_COLUMNS: tuple[Column, ...] = (
    Column("platform", "category"),
    Column("account_id", "id", required=True),
    Column("handle", "text"),
    Column("display_name", "text"),
    Column("created_at", "datetime", doc="account registration time (UTC)"),
    Column("followers_count", "int"),
    Column("following_count", "int"),
    Column("posts_count", "int"),
    Column("is_verified", "bool"),
    Column("has_avatar", "bool"),
    Column("bio", "text"),
)

REJECTED_COLUMNS = ("source", "record", "field", "value", "reason", "action")
"""``action`` is ``row left out``, ``field cleared`` (the row was kept without that value) or
``field repaired`` (bytes that could not be read were read as U+FFFD; ``record`` names the line)."""

_PLATFORM_ALIASES = {
    "twitter": "x",
    "ig": "instagram",
    "fb": "facebook",
    "tg": "telegram",
    "vkontakte": "vk",
    "yt": "youtube",
}
_OFFSET_RE = re.compile(r"(?:[zZ]|[+-]\d\d(?::?\d\d)?)$")
_DATE_ONLY_RE = re.compile(r"^\d{4}-\d\d-\d\d$")
_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f"}
_NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")

# A day inside pandas' nanosecond range (1677-09-21 to 2262-04-11), so that moving a local time to UTC
# cannot step out of it.
_FIRST_TIME = np.datetime64("1677-09-22T00:00:00", "s")
_LAST_TIME = np.datetime64("2262-04-10T23:59:59", "s")
_EPOCH_FIRST_S = 631_152_000
"""A bare number is a Unix time from 1990-01-01 on: no comment section or profile is older, and the gaps
this leaves between the spans of seconds, milliseconds, microseconds and nanoseconds (each 1990-2262,
15 times wide, 1000 times apart) tell the unit of any number for certain."""
_EPOCH_LAST_S = int((_LAST_TIME - np.datetime64("1970-01-01T00:00:00", "s")).astype(np.int64))
_PER_SECOND = (1, 1_000, 1_000_000, 1_000_000_000)
_MAX_EXTRA_COLUMNS = 1000
"""Input columns kept beside the canonical ones; beyond, a table is not a comment dump (a CSV of
100,000 columns is under 1 MB) and every later copy of it would cost as much as its rows."""


@dataclass
class Validated:
    """A validated canonical table with what was left out on the way.

    Attributes
    ----------
    table : pandas.DataFrame
        The usable rows, canonical columns first, extra input columns after.
    rejected : pandas.DataFrame
        One row per problem, with columns :data:`REJECTED_COLUMNS`.
    n_duplicates : int
        Rows merged into an earlier row with the same id.
    assumed_tz : str or None
        Zone assumed for naive timestamps, if any were seen.
    """

    table: pd.DataFrame
    rejected: pd.DataFrame
    n_duplicates: int = 0
    assumed_tz: str | None = None
    notes: list[str] = field(default_factory=list)


def empty_rejected() -> pd.DataFrame:
    """Return an empty ``rejected`` table with the canonical columns."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in REJECTED_COLUMNS})


class _Problems:
    """Collects rejected rows and cleared fields while a table is validated."""

    def __init__(self, source: str, records: np.ndarray) -> None:
        self.source = source
        self.records = records
        self.frames: list[pd.DataFrame] = []
        self.drop = np.zeros(len(records), dtype=bool)

    def add(self, mask: np.ndarray, field_name: str, values: pd.Series, reason: str, *, drop: bool) -> None:
        mask = np.asarray(mask, dtype=bool)
        if drop:
            mask = mask & ~self.drop  # report each left-out row once, for its first problem
        if not mask.any():
            return
        self.frames.append(
            pd.DataFrame(
                {
                    "source": self.source,
                    "record": self.records[mask],
                    "field": field_name,
                    "value": values[mask].astype("object").map(_short).to_numpy(),
                    "reason": reason,
                    "action": "row left out" if drop else "field cleared",
                }
            )
        )
        if drop:
            self.drop |= mask

    def add_note(self, reason: str, *, value: str, action: str) -> None:
        """A problem of the whole table (no record), such as columns left out."""
        self.frames.append(
            pd.DataFrame(
                {"source": [self.source], "record": [""], "field": [""], "value": [value], "reason": [reason]}
            ).assign(action=action)
        )

    def table(self) -> pd.DataFrame:
        if not self.frames:
            return empty_rejected()
        return pd.concat(self.frames, ignore_index=True)


def _short(value: object) -> str:
    if _missing(value):
        return ""
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _as_id(series: pd.Series) -> pd.Series:
    """Ids as strings; integral floats (a CSV read by someone else's code) lose their ``.0``."""
    if pd.api.types.is_float_dtype(series.dtype):
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        finite = np.isfinite(values)
        integral = finite & (np.mod(values, 1, where=finite, out=np.ones_like(values)) == 0)
        integral &= np.abs(values) < 2**63
        out = pd.Series(pd.NA, index=series.index, dtype="string")
        out[integral] = values[integral].astype(np.int64).astype(str)
        other = finite & ~integral
        out[other] = [repr(v) for v in values[other]]
    else:
        # Strings stay as they are; Python ints from JSON (even above 2**63) become their digits.
        out = series.astype("string")
    out = out.str.strip()
    return out.mask(out == "")


def _missing(value: object) -> bool:
    return (
        value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value))
    )


@functools.cache
def _not_nfc_safe() -> str:
    """A regular expression for the characters that can make a text not NFC: those that are not
    NFC on their own, combining marks, and those that compose with a character before them
    (Hangul vowels and final consonants among them). A text without any is NFC already."""
    found: set[int] = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    for cp in range(0x110000):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        if unicodedata.combining(ch) or not unicodedata.is_normalized("NFC", ch):
            found.add(cp)
            continue
        parts = unicodedata.decomposition(ch).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            found.add(int(parts[1], 16))
    cps = sorted(found)
    ranges = []
    start = prev = cps[0]
    for cp in [*cps[1:], -1]:
        if cp != prev + 1:
            ranges.append(f"\\x{{{start:X}}}" + (f"-\\x{{{prev:X}}}" if prev > start else ""))
            start = cp
        prev = cp
    return "[" + "".join(ranges) + "]"


def _nfc(text: pd.Series) -> pd.Series:
    """``text`` in Unicode normal form C (composed accents); values already in it are left as they are."""
    try:
        arrow = pa.array(text, from_pandas=True)
        maybe = pc.match_substring_regex(arrow, _not_nfc_safe()).fill_null(False)
        values = np.empty(pc.sum(maybe).as_py() or 0, dtype=object)
        values[:] = arrow.filter(maybe).to_pylist()
        rest = np.flatnonzero(maybe.to_numpy(zero_copy_only=False))
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        rest = np.arange(len(text))
        values = text.to_numpy(dtype=object)
    if len(rest) == 0:
        return text
    # Only texts holding such a character are checked, and only those not NFC are normalised.
    todo = np.fromiter(
        (isinstance(v, str) and not unicodedata.is_normalized("NFC", v) for v in values),
        dtype=bool,
        count=len(values),
    )
    if todo.any():
        text = text.copy()
        text.iloc[rest[todo]] = [unicodedata.normalize("NFC", v) for v in values[todo]]
    return text


def _as_text(series: pd.Series) -> pd.Series:
    if isinstance(series.dtype, pd.StringDtype):
        return series.astype("string")
    out = series.astype("object").where(series.notna(), None)
    return out.astype("string")


def parse_timestamps(values: pd.Series, tz: str = DEFAULT_TZ) -> tuple[pd.Series, pd.Series, bool]:
    """Parse timestamps of any common shape to UTC.

    Accepts ISO strings with an offset or ``Z``, naive strings (taken as local time in ``tz``),
    day-only dates, Unix epoch numbers in seconds, milliseconds, microseconds or nanoseconds, and
    datetime values.

    Parameters
    ----------
    values : pandas.Series
        Raw values.
    tz : str, default "Asia/Almaty"
        IANA zone for naive values.

    Returns
    -------
    utc : pandas.Series
        ``datetime64[ns, UTC]``, NaT where a value could not be parsed, where it is outside the
        dates botwatch can represent (1677-2262), and for a number that is not a Unix time from 1990
        to 2262 in one of the four units (the unit is told by the number's size).
    precision_s : pandas.Series
        Seconds of precision the written value carries (86400 for a bare date, else 1).
    used_tz : bool
        Whether any naive value was localised with ``tz``.

    Examples
    --------
    >>> import pandas as pd
    >>> utc, prec, used = parse_timestamps(pd.Series(["2024-05-01T10:00:00Z", "2024-05-01 15:00"]))
    >>> [str(t) for t in utc]
    ['2024-05-01 10:00:00+00:00', '2024-05-01 10:00:00+00:00']
    >>> used
    True
    """
    n = len(values)
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns, UTC]")
    precision = pd.Series(1, index=values.index, dtype="int64")
    if n == 0 or values.isna().all():
        return out, precision, False
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return _fit_ns(values), precision, False
    if pd.api.types.is_datetime64_dtype(values.dtype):
        local = _fit_ns(values).dt.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")
        return local.dt.tz_convert("UTC"), precision, True
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        # Epoch numbers as numbers: the same reading as their text below, without the text.
        ns = _epoch_ns(values.to_numpy(dtype=np.float64, na_value=np.nan))
        return pd.Series(ns, index=values.index).dt.tz_localize("UTC"), precision, False

    if isinstance(values.dtype, pd.StringDtype):
        stripped = values.astype("string").str.strip()
    else:
        stripped = values.astype("object").astype("string").str.strip()
    present = (stripped.notna() & (stripped != "")).fillna(False).to_numpy(dtype=bool)
    text = stripped[present]
    # Dumps often repeat times (a post's time on each of its comments): then each is parsed once.
    step = max(1, len(text) // 2000)
    sample = text.iloc[::step]
    if len(sample) and sample.nunique() < 0.5 * len(sample):
        codes, uniques = pd.factorize(text)
        distinct = pd.Series(uniques, dtype="string")
    else:
        codes, distinct = np.arange(len(text)), text.reset_index(drop=True)
    parsed, prec, used_tz = _parse_time_strings(distinct, tz)
    stamps = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    stamps[present] = parsed.dt.tz_convert(None).to_numpy(dtype="datetime64[ns]")[codes]
    digits = np.ones(n, dtype=np.int64)
    digits[present] = prec.to_numpy(dtype=np.int64)[codes]
    out = pd.Series(stamps, index=values.index).dt.tz_localize("UTC")
    return out, pd.Series(digits, index=values.index), used_tz


def _parse_time_strings(text: pd.Series, tz: str) -> tuple[pd.Series, pd.Series, bool]:
    """Parse stripped, non-empty time strings; see :func:`parse_timestamps`."""
    precision = pd.Series(1, index=text.index, dtype="int64")
    try:
        # The common case, every value ISO 8601 with a zone, in one columnar pass; pyarrow refuses
        # a value without a zone, a bare date or a number, and the general path below takes those.
        stamps = pc.cast(pa.array(text, type=pa.string(), from_pandas=True), pa.timestamp("ns", tz="UTC"))
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        pass
    else:
        naive = stamps.cast(pa.timestamp("ns")).to_numpy(zero_copy_only=False)
        return pd.Series(naive, index=text.index).dt.tz_localize("UTC"), precision, False
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns, UTC]")
    # Only plain numbers are epochs; testing the pattern first spares parsing every date as a number.
    is_num = text.str.fullmatch(r"-?\d+(?:\.\d+)?").fillna(False).astype(bool)
    numeric = pd.Series(np.nan, index=text.index)
    if is_num.any():
        numeric[is_num] = pd.to_numeric(text[is_num], errors="coerce")
    is_num = numeric.notna()
    used_tz = False
    if is_num.any():
        at = is_num[is_num].index
        epochs = _epoch_ns(numeric[at].to_numpy(dtype=np.float64))
        out.loc[at] = pd.Series(epochs, index=at).dt.tz_localize("UTC")
    strings = text[~is_num]
    if len(strings):
        aware = strings.str.contains(_OFFSET_RE)
        date_only = strings.str.match(_DATE_ONLY_RE)
        precision.loc[date_only[date_only].index] = 86400
        if aware.any():
            out.loc[strings.index[aware]] = _to_datetime(strings[aware], utc=True)
        naive = strings[~aware]
        if len(naive):
            parsed = _to_datetime(naive, utc=False)
            if isinstance(parsed.dtype, pd.DatetimeTZDtype):  # offsets our pattern did not see
                parsed = parsed.dt.tz_convert("UTC")
            else:
                used_tz = True
                parsed = parsed.dt.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")
                parsed = parsed.dt.tz_convert("UTC")
            out.loc[naive.index] = parsed
    return out, precision, used_tz


def _to_datetime(strings: pd.Series, *, utc: bool) -> pd.Series:
    """Parse time strings to nanosecond datetimes (UTC when aware); NaT where that is impossible."""
    try:
        return _fit_ns(pd.to_datetime(strings, format="ISO8601", utc=utc, errors="raise"))
    except (ValueError, TypeError, OverflowError):
        pass
    fast = _fit_ns(pd.to_datetime(strings, format="ISO8601", utc=utc, errors="coerce"))
    bad = fast.isna()
    if bad.any():
        aware = isinstance(fast.dtype, pd.DatetimeTZDtype)
        slow = {}
        for idx, value in strings[bad].items():
            try:
                ts = pd.Timestamp(value)
                if ts is pd.NaT:
                    continue
                if utc:
                    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
                elif ts.tzinfo is not None or aware:
                    continue  # mixing aware and naive values in one column: leave it unparsed
                # A date outside the nanosecond range (year 9999) stays unparsed; validation says why.
                slow[idx] = ts.as_unit("ns")
            except (ValueError, TypeError, OverflowError):  # OutOfBoundsDatetime is a ValueError
                continue
        if slow:
            fast.loc[list(slow)] = pd.Series(slow, dtype=fast.dtype)
            fast = _fit_ns(fast)
    return fast


def _fit_ns(stamps: pd.Series) -> pd.Series:
    """Datetimes of any resolution in nanoseconds (aware ones in UTC), NaT outside 1677-2262.

    pandas parses a date such as 9999-12-31 at a coarser resolution; putting it beside nanosecond
    values would fail deep inside pandas, so it becomes NaT here and validation gives the reason.
    """
    if isinstance(stamps.dtype, pd.DatetimeTZDtype):
        naive = stamps.dt.tz_convert("UTC").dt.tz_localize(None)
        return _fit_ns(naive).dt.tz_localize("UTC")
    if not pd.api.types.is_datetime64_dtype(stamps.dtype):
        return pd.Series(pd.NaT, index=stamps.index, dtype="datetime64[ns]")
    values = stamps.to_numpy()
    # Nanosecond values are checked too: within a day of the limits, moving them to UTC overflows.
    seconds = values.astype("datetime64[s]")
    outside = (seconds < _FIRST_TIME) | (seconds > _LAST_TIME)
    if outside.any() or np.datetime_data(values.dtype)[0] != "ns":
        values = np.where(outside, np.datetime64("NaT"), values).astype("datetime64[ns]")
    return pd.Series(values, index=stamps.index)


def _epoch_ns(numbers: np.ndarray) -> np.ndarray:
    """Unix times in s, ms, us or ns as ``datetime64[ns]``, the unit told by the size of the number.

    A number that is a time from 1990 to 2262 in none of the units is NaT, never read in another
    unit (253402300800, year 10000 in seconds, is not 1978 in milliseconds).
    """
    ns = np.full(len(numbers), np.datetime64("NaT"), dtype="datetime64[ns]")
    with np.errstate(invalid="ignore"):
        for per_second in _PER_SECOND:
            seconds = numbers / per_second
            span = (seconds >= _EPOCH_FIRST_S) & (seconds <= _EPOCH_LAST_S)
            ns[span] = np.round(numbers[span] * (1_000_000_000 // per_second)).astype(np.int64)
    return ns


def _too_large(name: str) -> str:
    return f"{name} is outside the numbers botwatch can represent (0 to 2**63 - 1)"


def _as_int(series: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Parse integers; returns the values and masks of present-but-invalid and of too large entries.

    A number beyond int64 (``99999999999999999999999``, ``1e30``) is too large; it is cleared like an
    invalid one and reported with its own reason.
    """
    # Counts repeat heavily (most comments have 0 to 3 likes): parse each distinct value once.
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    distinct = pd.Series(uniques, dtype=series.dtype if len(uniques) else "object")
    # As plain Python objects: the distinct values are few, and pyarrow-backed numbers lack ``%``.
    numeric = pd.to_numeric(pd.Series(distinct.to_numpy(dtype=object)), errors="coerce")
    present = distinct.astype("string").str.strip() != ""
    bad = (present & (numeric.isna() | (numeric < 0) | (numeric % 1 != 0).fillna(False))).fillna(False)
    large = (present & ~bad & (numeric >= 2**63)).fillna(False)
    ok = (~bad & ~large & numeric.notna()).to_numpy(dtype=bool)
    good = pd.Series(pd.NA, index=numeric.index, dtype="Int64")
    if ok.any():
        good[ok] = numeric[ok].round().astype("Int64")
    seen = codes >= 0
    data = np.zeros(len(series), dtype=np.int64)
    data[seen] = good.fillna(0).to_numpy(dtype=np.int64)[codes[seen]]
    mask = np.ones(len(series), dtype=bool)
    mask[seen] = good.isna().to_numpy(dtype=bool)[codes[seen]]
    values = pd.Series(pd.arrays.IntegerArray(data, mask), index=series.index)
    invalid = np.zeros(len(series), dtype=bool)
    invalid[seen] = bad.to_numpy(dtype=bool)[codes[seen]]
    too_large = np.zeros(len(series), dtype=bool)
    too_large[seen] = large.to_numpy(dtype=bool)[codes[seen]]
    return values, invalid, too_large


def _as_bool(series: pd.Series) -> tuple[pd.Series, np.ndarray]:
    if pd.api.types.is_bool_dtype(series.dtype):
        return series.astype("boolean"), np.zeros(len(series), dtype=bool)
    low = series.astype("string").str.strip().str.lower()
    out = pd.Series(pd.NA, index=series.index, dtype="boolean")
    out[low.isin(_TRUE).fillna(False)] = True
    out[low.isin(_FALSE).fillna(False)] = False
    invalid = (low.notna() & (low != "") & out.isna()).to_numpy(dtype=bool)
    return out, invalid


def _platform(series: pd.Series) -> pd.Series:
    low = series.astype("string").str.strip().str.lower()
    low = low.replace(_PLATFORM_ALIASES)
    return low.fillna("unknown").mask(low == "", "unknown")


def _records(df: pd.DataFrame) -> np.ndarray:
    if "_record" in df.columns:
        records = df["_record"]
        if pd.api.types.is_integer_dtype(records.dtype):
            return records.to_numpy(dtype="int64")
        # Nested formats number records by their path, such as "items[3].thread.items[0]".
        return records.astype(str).to_numpy(dtype=object)
    return np.arange(1, len(df) + 1, dtype="int64")


def _add_time_problems(
    problems: _Problems, failed: np.ndarray, name: str, raw: pd.Series, *, drop: bool
) -> None:
    """Report the times that did not parse, each with why: outside the dates botwatch can
    represent, a number that is no Unix time, or not a time at all."""
    outside = np.zeros(len(raw), dtype=bool)
    not_epoch = np.zeros(len(raw), dtype=bool)
    if failed.any():
        # Usually a few distinct values; each is looked at once.
        codes, uniques = pd.factorize(raw[failed].astype("object"), use_na_sentinel=True)
        why = np.array([_time_problem(v) for v in uniques] + [""], dtype=object)[codes]
        outside[failed] = why == "outside"
        not_epoch[failed] = why == "number"
    problems.add(
        outside, name, raw, f"{name} is outside the dates botwatch can represent (1677-2262)", drop=drop
    )
    problems.add(
        not_epoch,
        name,
        raw,
        f"{name} is a number but not a Unix time from 1990 to 2262 "
        "(in seconds, milliseconds, microseconds or nanoseconds)",
        drop=drop,
    )
    problems.add(
        failed & ~outside & ~not_epoch,
        name,
        raw,
        f"{name} is not a date or time botwatch can read",
        drop=drop,
    )


def _time_problem(value: object) -> str:
    """``outside`` for a time beyond 1677-2262, ``number`` for a number, else ``""``."""
    if isinstance(value, (bool, np.bool_)):
        return ""
    if isinstance(value, (int, float, np.integer, np.floating)) or _NUMBER_RE.fullmatch(str(value).strip()):
        return "number"
    try:
        stamp = pd.Timestamp(value.strip() if isinstance(value, str) else value)
    except OutOfBoundsDatetime:
        return "outside"
    except (ValueError, TypeError, OverflowError):
        return ""
    if stamp is pd.NaT:
        return ""
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(None)
    seconds = stamp.to_datetime64().astype("datetime64[s]")
    return "outside" if seconds < _FIRST_TIME or seconds > _LAST_TIME else ""


def column_list(columns: pd.Index, limit: int = 20) -> str:
    """Column names for a message: the first ``limit``, each cut to 40 characters, and the count.

    Examples
    --------
    >>> column_list(pd.Index(["_record", "a", "b"]))
    'a, b'
    >>> column_list(pd.Index([f"c{i}" for i in range(30)]), limit=2)
    'c0, c1, ... (30 columns)'
    """
    names = [str(c) for c in columns if c != "_record"]
    shown = ", ".join(n if len(n) <= 40 else n[:37] + "..." for n in names[:limit])
    return shown + (f", ... ({len(names):,} columns)" if len(names) > limit else "")


def _check_required(df: pd.DataFrame, columns: tuple[Column, ...], source: str) -> None:
    missing = [c.name for c in columns if c.required and c.name not in df.columns]
    if missing:
        shown = column_list(df.columns)
        raise InputError(
            f"required column(s) {', '.join(missing)} not found; columns present: {shown or 'none'}. "
            "Map them with --map canonical=source (for example --map account_id=author; "
            "--map comment_id=@line numbers rows by their line where a dump has no ids).",
            source=source,
            field=missing[0],
        )


def validate_comments(
    df: pd.DataFrame,
    *,
    source: str = "<DataFrame>",
    tz: str = DEFAULT_TZ,
    platform: str | None = None,
) -> Validated:
    """Validate a comment table and bring it to canonical form.

    Parameters
    ----------
    df : pandas.DataFrame
        Comments with canonical column names (see :data:`COMMENT_COLUMNS`). Extra columns are kept.
        A ``_record`` column, if present, gives each row's record number in ``source``.
    source : str
        Name used in messages and in the ``rejected`` table.
    tz : str, default "Asia/Almaty"
        Zone for timestamps written without an offset.
    platform : str, optional
        Platform to use where the ``platform`` column is absent or empty.

    Returns
    -------
    Validated
        The canonical table, the rejected rows and the count of merged duplicates.

    Raises
    ------
    InputError
        If a required column is missing altogether.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"comment_id": ["1", "2", "2", ""], "account_id": ["a", "b", "b", "c"],
    ...                     "created_at": ["2024-05-01T10:00:00Z"] * 4, "text": ["hi", "x", "x", ""]})
    >>> v = validate_comments(raw)
    >>> len(v.table), v.n_duplicates, list(v.rejected["reason"])
    (2, 1, ['missing comment_id', 'duplicate comment_id (merged into an earlier row)'])
    """
    _check_required(df, COMMENT_COLUMNS, source)
    df = df.reset_index(drop=True)
    records = _records(df)
    problems = _Problems(source, records)
    out: dict[str, pd.Series] = {}
    n = len(df)

    def col(name: str) -> pd.Series:
        if name in df.columns:
            return df[name]
        return pd.Series([None] * n, index=df.index, dtype="object")

    if "platform" in df.columns:
        plat = _platform(df["platform"])
        if platform is not None:
            plat = plat.mask(plat == "unknown", platform)
    else:
        plat = pd.Series(platform or "unknown", index=df.index, dtype="string")
    out["platform"] = plat.astype("string")
    for name in ("page_id", "post_id", "comment_id", "parent_id", "account_id"):
        out[name] = _as_id(col(name))
    out["page_id"] = out["page_id"].fillna("unknown")
    for name in ("comment_id", "account_id"):
        problems.add(out[name].isna().to_numpy(), name, col(name), f"missing {name}", drop=True)

    created, post_created, precision, used_tz = _validated_times(
        col("created_at"), col("post_created_at"), tz, problems
    )
    out["created_at"] = created
    out["post_created_at"] = post_created
    out["account_handle"] = _as_text(col("account_handle"))
    # The text is kept as the source wrote it (emoji joined by zero-width joiners, marks, accents),
    # composed to NFC only; comparisons normalise their own copy (botwatch.text.normalize).
    out["text"] = _nfc(_as_text(col("text")).fillna(""))

    out["time_precision_s"], out["like_count"] = _validated_numbers(
        df, col("like_count"), created, precision, problems
    )

    table, notes = _with_extras_and_source(df, out, source, records, problems)
    keep = ~problems.drop
    # Duplicates: same comment on the same page of the same platform. Identical copies are merged
    # (a scraper run twice); conflicting copies keep the first and report the rest.
    key = ["platform", "page_id", "comment_id"]
    if table["comment_id"].is_unique:  # the usual case, and far cheaper to learn than the pairs
        dup = np.zeros(len(table), dtype=bool)
    else:
        dup = table.duplicated(subset=key, keep="first").to_numpy() & keep
    dup_ids = table["comment_id"]
    problems.add(dup, "comment_id", dup_ids, "duplicate comment_id (merged into an earlier row)", drop=True)
    n_dup = int(dup.sum())
    table = table[~problems.drop].reset_index(drop=True)
    table["platform"] = table["platform"].astype("category")
    if used_tz:
        notes.append(f"timestamps without an offset were read as local time in {tz}")
    return Validated(
        table=table,
        rejected=problems.table(),
        n_duplicates=n_dup,
        assumed_tz=tz if used_tz else None,
        notes=notes,
    )


def _validated_times(
    raw_created: pd.Series, raw_post: pd.Series, tz: str, problems: _Problems
) -> tuple[pd.Series, pd.Series, pd.Series, bool]:
    """Comment and post times, the precision of the comment times, and whether any time without an
    offset was read in ``tz``; unusable times are reported (a comment without a time is left out)."""
    created, precision, used_tz = parse_timestamps(raw_created, tz)
    if pd.api.types.is_numeric_dtype(raw_created.dtype):
        blank = raw_created.isna()
    else:
        blank = raw_created.isna() | (raw_created.astype("string").str.strip() == "").fillna(True)
    problems.add(blank.to_numpy(dtype=bool), "created_at", raw_created, "missing created_at", drop=True)
    _add_time_problems(
        problems, (created.isna() & ~blank).to_numpy(dtype=bool), "created_at", raw_created, drop=True
    )
    post_created, _, used_tz_post = parse_timestamps(raw_post, tz)
    if raw_post.isna().all():
        bad_post = pd.Series(False, index=raw_post.index)
    else:
        bad_post = post_created.isna() & (raw_post.astype("string").str.strip() != "").fillna(False)
    _add_time_problems(problems, bad_post.to_numpy(dtype=bool), "post_created_at", raw_post, drop=False)
    return created, post_created, precision, bool(used_tz or used_tz_post)


def _validated_numbers(
    df: pd.DataFrame, raw_likes: pd.Series, created: pd.Series, precision: pd.Series, problems: _Problems
) -> tuple[pd.Series, pd.Series]:
    """``time_precision_s`` (given, or inferred from the times) and ``like_count``."""
    if "time_precision_s" in df.columns:
        given, invalid, too_large = _as_int(df["time_precision_s"])
        problems.add(
            invalid | (given == 0).fillna(False).to_numpy(dtype=bool),
            "time_precision_s",
            df["time_precision_s"],
            "time_precision_s must be a positive whole number",
            drop=False,
        )
        problems.add(
            too_large, "time_precision_s", df["time_precision_s"], _too_large("time_precision_s"), drop=False
        )
        given = given.mask(given == 0)
        precision_s = given.fillna(_infer_precision(created, precision)).astype("int64")
    else:
        precision_s = _infer_precision(created, precision).astype("int64")
    likes, invalid, too_large = _as_int(raw_likes)
    problems.add(
        invalid,
        "like_count",
        raw_likes,
        "like_count must be a whole number >= 0",
        drop=False,
    )
    problems.add(too_large, "like_count", raw_likes, _too_large("like_count"), drop=False)

    return precision_s, likes


def _with_extras_and_source(
    df: pd.DataFrame, out: dict[str, pd.Series], source: str, records: np.ndarray, problems: _Problems
) -> tuple[pd.DataFrame, list[str]]:
    """The canonical columns with the input's extra columns (up to a cap) and where each row came
    from; notes on what was dropped."""
    # Extra input columns are kept, up to a cap, joined in one step: inserting them one by one
    # takes time growing with the square of their number (minutes for 10,000 columns).
    own = {c.name for c in COMMENT_COLUMNS} | {"_record", "source_file", "source_record"}
    extras = [i for i, name in enumerate(df.columns) if name not in own]
    notes = []
    if len(extras) > _MAX_EXTRA_COLUMNS:
        dropped = df.columns[extras[_MAX_EXTRA_COLUMNS:]]
        reason = (
            f"{len(dropped):,} extra columns dropped: botwatch keeps the canonical columns and "
            f"at most {_MAX_EXTRA_COLUMNS:,} others (the first dropped is '{dropped[0]}')"
        )
        n_columns = len(df.columns) - int("_record" in df.columns)
        problems.add_note(reason, value=f"{n_columns:,} columns", action="columns dropped")
        notes.append(f"{source}: {reason}")
        logger.warning("%s: %s", source, reason)
        extras = extras[:_MAX_EXTRA_COLUMNS]
    table = pd.concat([pd.DataFrame(out, index=df.index), df.iloc[:, extras]], axis=1)
    # Where each row came from, so that evidence can point back to the file and line. A table
    # botwatch wrote itself already says so, and keeps saying it.
    # Record numbers are lines for text files and paths such as "items[3]" for nested formats,
    # so they are kept as text.
    if "source_file" in df.columns and "source_record" in df.columns:
        table["source_file"] = df["source_file"].astype("string")
        table["source_record"] = df["source_record"].astype("string")
    else:
        table["source_file"] = pd.Series(source, index=df.index, dtype="string")
        table["source_record"] = pd.Series(
            pc.cast(pa.array(records), pa.string()).to_pandas(types_mapper=pd.ArrowDtype), index=df.index
        ).astype("string")
    return table, notes


def _infer_precision(created: pd.Series, written: pd.Series) -> pd.Series:
    """Precision a source really has, when it does not say.

    A bare date carries a day. If every full timestamp of a table falls on a whole minute (at least
    20 of them), the source wrote minutes and the seconds are padding.
    """
    precision = written.copy()
    full = created.notna() & (written == 1)
    if int(full.sum()) >= 20 and bool((created[full].dt.second == 0).all()):
        precision[full] = 60
    return precision


def validate_accounts(
    df: pd.DataFrame,
    *,
    source: str = "<DataFrame>",
    tz: str = DEFAULT_TZ,
    platform: str | None = None,
) -> Validated:
    """Validate an account table (profile data) and bring it to canonical form.

    Parameters
    ----------
    df : pandas.DataFrame
        Accounts with canonical column names (see :data:`ACCOUNT_COLUMNS`).
    source, tz, platform
        As in :func:`validate_comments`.

    Returns
    -------
    Validated
    """
    _check_required(df, ACCOUNT_COLUMNS, source)
    df = df.reset_index(drop=True)
    problems = _Problems(source, _records(df))
    n = len(df)

    def col(name: str) -> pd.Series:
        if name in df.columns:
            return df[name]
        return pd.Series([None] * n, index=df.index, dtype="object")

    out: dict[str, pd.Series] = {}
    if "platform" in df.columns:
        plat = _platform(df["platform"])
        if platform is not None:
            plat = plat.mask(plat == "unknown", platform)
        out["platform"] = plat.astype("string")
    else:
        out["platform"] = pd.Series(platform or "unknown", index=df.index, dtype="string")
    out["account_id"] = _as_id(col("account_id"))
    problems.add(
        out["account_id"].isna().to_numpy(),
        "account_id",
        col("account_id"),
        "missing account_id",
        drop=True,
    )
    for name in ("handle", "display_name", "bio"):
        out[name] = _as_text(col(name))
    created, _, used_tz = parse_timestamps(col("created_at"), tz)
    raw = col("created_at")
    bad = created.isna() & raw.notna() & (raw.astype("string").str.strip() != "").fillna(False)
    _add_time_problems(problems, bad.to_numpy(dtype=bool), "created_at", raw, drop=False)
    out["created_at"] = created
    for name in ("followers_count", "following_count", "posts_count"):
        values, invalid, too_large = _as_int(col(name))
        problems.add(invalid, name, col(name), f"{name} must be a whole number >= 0", drop=False)
        problems.add(too_large, name, col(name), _too_large(name), drop=False)
        out[name] = values
    for name in ("is_verified", "has_avatar"):
        values, invalid = _as_bool(col(name))
        problems.add(invalid, name, col(name), f"{name} must be true or false", drop=False)
        out[name] = values
    table = pd.DataFrame(out, index=df.index)
    dup = table.duplicated(subset=["platform", "account_id"], keep="first").to_numpy() & ~problems.drop
    problems.add(
        dup,
        "account_id",
        table["account_id"],
        "duplicate account_id (merged into an earlier row)",
        drop=True,
    )
    table = table[~problems.drop].reset_index(drop=True)
    table["platform"] = table["platform"].astype("category")
    return Validated(
        table=table,
        rejected=problems.table(),
        n_duplicates=int(dup.sum()),
        assumed_tz=tz if used_tz else None,
    )


def account_keys(comments: pd.DataFrame) -> pd.Series:
    """The key that identifies an account across the pipeline.

    The account id alone where the table holds one platform; ``platform:account_id`` where it holds
    several, since the same id on two platforms is two different people.
    """
    ids = comments["account_id"].astype("string")
    platforms = comments["platform"].astype("string")
    if platforms.nunique(dropna=False) <= 1:
        return ids
    return platforms + ":" + ids


def account_table_keys(accounts: pd.DataFrame, comments: pd.DataFrame) -> pd.Series:
    """The key of each row of an account table, as :func:`account_keys` gives it for the
    comments (the platform is part of the key where the comments hold several)."""
    ids = accounts["account_id"].astype("string")
    if comments["platform"].astype("string").nunique(dropna=False) <= 1:
        return ids
    return accounts["platform"].astype("string") + ":" + ids


def key_account_ids(comments: pd.DataFrame) -> pd.Series:
    """Each account key of a comment table (:func:`account_keys`) with the account's own id.

    The id is never cut out of the key: an id may itself hold a ``:``.

    Examples
    --------
    >>> t = pd.DataFrame({"platform": ["vk", "x"], "account_id": ["a:1", "a:1"]})
    >>> key_account_ids(t).to_dict()
    {'vk:a:1': 'a:1', 'x:a:1': 'a:1'}
    """
    # Each key's id is read from its first comment: one factorisation, no string per comment.
    codes, keys = pd.factorize(account_keys(comments))
    first = np.zeros(len(keys), dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]
    ids = comments["account_id"].iloc[first].astype("string").astype(str).to_numpy()
    return pd.Series(ids, index=np.asarray(keys, dtype=object).astype(str))
