"""Reader for tabular dumps: CSV, TSV, JSON Lines, JSON arrays and Parquet, plain or gzip.

First stage of the data flow: it turns a file into raw records with canonical column names (through
an optional mapping) and hands them to :mod:`botwatch.schema` for validation. Records that cannot be
parsed at all (a broken JSON line) are reported in ``rejected`` with their line number.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import logging
import os
import re
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any, Literal

import numpy as np
import pandas as pd

from botwatch.errors import InputError
from botwatch.io._arrow import arrow_delimited as _arrow_delimited
from botwatch.io._arrow import jsonl_frame
from botwatch.schema import (
    DEFAULT_TZ,
    Validated,
    column_list,
    empty_rejected,
    validate_accounts,
    validate_comments,
)

__all__ = [
    "MAX_UNPACKED",
    "as_utf8",
    "combine",
    "decode_bytes",
    "detect_encoding",
    "parse_mapping",
    "read_accounts",
    "read_comments",
    "read_raw",
]

Format = Literal["auto", "csv", "tsv", "jsonl", "json", "parquet"]
_SNIFF_BYTES = 1 << 20


_PAIR_SEPARATOR = re.compile(r",(?=\s*[A-Za-z_][A-Za-z0-9_]*\s*=)")
"""A comma that starts another ``canonical=source`` pair."""


def parse_mapping(items: Iterable[str] | Mapping[str, str] | None) -> dict[str, str]:
    """Parse ``canonical=source`` pairs into a dict.

    Several pairs can also share one item, separated by commas (``text=body,account_id=author``);
    a comma stays part of a source column's name unless a ``canonical=`` follows it.

    Examples
    --------
    >>> parse_mapping(["text=body", "account_id=author"])
    {'text': 'body', 'account_id': 'author'}
    >>> parse_mapping(["text=body, account_id=author", "page_id=Page, name"])
    {'text': 'body', 'account_id': 'author', 'page_id': 'Page, name'}
    """
    if items is None:
        return {}
    if isinstance(items, Mapping):
        return dict(items)
    out: dict[str, str] = {}
    for item in (part for given in items for part in _PAIR_SEPARATOR.split(given)):
        if "=" not in item:
            raise InputError(f"--map takes canonical=source, got '{item}'")
        canonical, source = (part.strip() for part in item.split("=", 1))
        if not canonical or not source:
            raise InputError(f"--map takes canonical=source, got '{item}'")
        out[canonical] = source
    return out


MAX_UNPACKED = 8 << 30
"""Bytes one compressed file or archive may unpack to by default (8 GiB): room for tens of millions
of comments, far below what a decompression bomb asks for."""
_BOMB_RATIO = 1000
"""Comment dumps compress 5 to 30 times; past :data:`_BOMB_FLOOR` of output, a file that unpacks to
more than this many times its size is refused by default as a decompression bomb."""
_BOMB_FLOOR = 100 << 20
"""Below 100 MiB the ratio is not checked: small files of repeated bytes compress more, harmlessly."""
_UNPACK_CHUNK = 1 << 20
logger = logging.getLogger(__name__)

TOO_DEEP = "JSON nested deeper than botwatch can read (about 1,000 levels)"

_LONE_SURROGATE = re.compile(
    r"(?<!\\)\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
"""A JSON escape of half a UTF-16 pair without its other half: no character, and no UTF-8 either."""


def repair_surrogates(
    text: str, source: str, repaired: list[dict[str, Any]] | None = None, *, log: bool = True
) -> str:
    r"""JSON ``text`` with every unpaired surrogate escape (``"\ud800"``) made U+FFFD, said once.

    Such an escape decodes to a string that cannot be written as UTF-8; a scraper that cut an
    emoji in half leaves one. The rest of the text is read as it is. Each line repaired is added
    to ``repaired``, when given, as a ``rejected`` record with the action ``field repaired``;
    ``log=False`` leaves the warning to the caller.

    Examples
    --------
    >>> print(repair_surrogates(r'{"text": "a\ud800b \ud83d\ude00"}', "x.jsonl"))
    {"text": "a\ufffdb \ud83d\ude00"}
    """
    if "\\ud" not in text and "\\uD" not in text:
        return text
    if repaired is not None:
        starts = sorted({text.count("\n", 0, m.start()) + 1 for m in _LONE_SURROGATE.finditer(text)})
        lines = text.split("\n") if starts else []
        repaired.extend(
            {
                "source": source,
                "record": f"line {k}",
                "field": "",
                "value": lines[k - 1][:80],
                "reason": "an unpaired surrogate escape (half of a character) was read as U+FFFD",
                "action": "field repaired",
            }
            for k in starts
        )
    fixed, n = _LONE_SURROGATE.subn(r"\\ufffd", text)
    if n and log:
        logger.warning("%s: %d unpaired surrogate escape(s) read as U+FFFD (half of a character)", source, n)
    return fixed


class Unpacking:
    """Counts the bytes unpacked from one compressed file or archive and stops a decompression bomb.

    With ``limit=None`` the file may unpack to :data:`MAX_UNPACKED` bytes and, past 100 MiB, to no more
    than 1000 times its packed size; a ``limit`` the caller gives replaces both checks.
    """

    def __init__(self, source: str, packed: int, limit: int | None) -> None:
        self.source = source
        self.packed = packed
        self.limit = limit
        self.unpacked = 0

    def take(self, n: int) -> None:
        self.unpacked += n
        limit = MAX_UNPACKED if self.limit is None else self.limit
        if self.unpacked > limit:
            raise InputError(
                f"unpacks to more than {limit:,} bytes, the limit; if it is a real dump, raise the limit "
                "with max_unpacked= (--max-unpacked)",
                source=self.source,
            )
        if self.limit is None and self.unpacked > max(_BOMB_FLOOR, _BOMB_RATIO * self.packed):
            raise InputError(
                f"unpacks to more than {_BOMB_RATIO:,} times its {self.packed:,} bytes, as a "
                "decompression bomb does; if it is a real dump, allow it with max_unpacked= "
                "(--max-unpacked) set to the bytes it may unpack to",
                source=self.source,
            )

    def read(self, stream: IO[bytes] | io.BufferedIOBase) -> bytes:
        """All of ``stream``, read in steps so that the limits act before memory runs out."""
        chunks = []
        while chunk := stream.read(_UNPACK_CHUNK):
            self.take(len(chunk))
            chunks.append(chunk)
        return b"".join(chunks)


def gunzip(raw: bytes, source: str, unpacking: Unpacking) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            return unpacking.read(stream)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"is a damaged or truncated gzip file ({exc})", source=source) from None


def open_bytes(path: Path, max_unpacked: int | None = None) -> bytes:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", source=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", source=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", source=str(path)) from None
    if raw[:2] == b"\x1f\x8b":
        raw = gunzip(raw, str(path), Unpacking(str(path), len(raw), max_unpacked))
    return raw


def detect_encoding(raw: bytes) -> str:
    """Name the text encoding of a dump: UTF-8 (with or without BOM) or cp1251.

    cp1251 is what Russian-locale Excel writes; it is chosen only when the bytes are not valid UTF-8.

    Examples
    --------
    >>> detect_encoding("Алматы".encode("cp1251"))
    'cp1251'
    >>> detect_encoding(codecs.BOM_UTF8 + "Алматы".encode())
    'utf-8-sig'
    """
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(raw, final=False)  # a prefix may end inside a character
    except UnicodeDecodeError:
        return "cp1251"
    return "utf-8"


_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _wide_encoding(raw: bytes, encoding: str | None) -> str | None:
    """UTF-16 or UTF-32, from the file's byte-order mark or the encoding given; else None."""
    if encoding is not None:
        name = codecs.lookup(encoding).name
        return name if name.startswith(("utf-16", "utf-32")) else None
    for bom, name in _WIDE_BOMS:  # UTF-32 first: its little-endian mark starts as UTF-16's does
        if raw.startswith(bom):
            return name
    return None


def as_utf8(raw: bytes, source: str, encoding: str | None = None) -> tuple[bytes, str | None]:
    r"""The bytes of a UTF-16 or UTF-32 file (byte-order mark or ``encoding``) as UTF-8; others as they are.

    Returns the bytes and the encoding they are now in: None (to be detected) once transcoded,
    else ``encoding`` unchanged.

    Examples
    --------
    >>> raw, encoding = as_utf8("id,text\n1,Алматы\n".encode("utf-16"), "x.csv")
    >>> raw.decode(), encoding
    ('id,text\n1,Алматы\n', None)
    """
    try:
        wide = _wide_encoding(raw, encoding)
    except LookupError:
        raise InputError(f"unknown encoding '{encoding}'", source=source) from None
    if wide is None:
        return raw, encoding
    try:
        return raw.decode(wide).encode("utf-8", "surrogatepass"), None
    except UnicodeError as exc:
        raise InputError(f"cannot be decoded as {wide} ({exc})", source=source) from None


def decode_bytes(
    raw: bytes, source: str, encoding: str | None = None, *, log: bool = True
) -> tuple[str, str, pd.DataFrame]:
    r"""Decode a dump as the encoding that fits most of its lines, repairing the lines that do not.

    Without ``encoding``: UTF-8 (with or without a byte-order mark) when most lines holding
    non-ASCII bytes are valid UTF-8, else cp1251 (what Russian-locale Excel writes). Bytes the
    chosen encoding cannot read become U+FFFD; each line where that happened is listed, with the
    action ``field repaired``, so that one stray byte neither garbles the whole file nor refuses it.
    ``log=False`` leaves the warning to the caller.

    Returns
    -------
    text : str
    encoding : str
        The encoding used.
    repaired : pandas.DataFrame
        A ``rejected`` table of the repaired lines (``record`` is ``line N``).

    Examples
    --------
    >>> text, enc, repaired = decode_bytes("a,Алматы\nb,Астана\xa0".encode() + b"\x98\n", "x.csv")
    >>> enc, text.splitlines()[1], list(repaired["record"])
    ('utf-8', 'b,Астана\xa0\ufffd', ['line 2'])
    """
    raw, encoding = as_utf8(raw, source, encoding)
    if encoding is not None:
        enc = encoding
    elif raw.startswith(codecs.BOM_UTF8):
        enc = "utf-8-sig"
    else:
        enc = "utf-8"
    try:
        return raw.decode(enc), enc, empty_rejected()
    except LookupError:
        raise InputError(f"unknown encoding '{encoding}'", source=source) from None
    except UnicodeDecodeError:
        pass
    lines = raw.split(b"\n")
    if encoding is None:
        wide = [ln for ln in lines if not ln.isascii()]
        fits = sum(1 for ln in wide if _fits(ln, "utf-8"))
        if fits * 2 < len(wide):
            enc = "cp1251"
    bad = [k for k, ln in enumerate(lines, start=1) if not ln.isascii() and not _fits(ln, enc)]
    text = raw.decode(enc, errors="replace")
    repaired = pd.DataFrame(
        {
            "source": source,
            "record": [f"line {k}" for k in bad],
            "field": "",
            "value": [lines[k - 1][:80].decode(enc, errors="replace") for k in bad],
            "reason": f"bytes that are not valid {enc} were read as U+FFFD",
            "action": "field repaired",
        },
        columns=list(empty_rejected().columns),
    )
    if bad and log:
        logger.warning(
            "%s: read as %s; %d line(s) held bytes it cannot read, repaired", source, enc, len(bad)
        )
    return text, enc, repaired


def _fits(line: bytes, enc: str) -> bool:
    try:
        line.decode(enc)
    except UnicodeDecodeError:
        return False
    return True


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    if head[:4096].count(b"\x00") > 0.01 * min(len(head), 4096):
        return True
    control = sum(1 for b in head[:4096] if b < 9 or 13 < b < 32)
    return control > 0.05 * min(len(head), 4096)


def _sniff_format(path: Path, raw: bytes) -> str:
    if raw[:4] == b"PAR1":
        return "parquet"
    head = raw[:_SNIFF_BYTES].lstrip(codecs.BOM_UTF8).lstrip()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"["):
        return "json"
    suffixes = [s.lower() for s in path.suffixes]
    if ".tsv" in suffixes or ".tab" in suffixes:
        return "tsv"
    first = head.split(b"\n", 1)[0]
    return "tsv" if first.count(b"\t") > first.count(b",") else "csv"


def read_raw(
    path: str | os.PathLike[str],
    *,
    fmt: Format = "auto",
    encoding: str | None = None,
    max_unpacked: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read one tabular file into raw string columns, without mapping or validation.

    Parameters
    ----------
    path : path-like
        A ``.csv``, ``.tsv``, ``.jsonl``, ``.json`` or ``.parquet`` file, optionally gzip-compressed.
    fmt : {"auto", "csv", "tsv", "jsonl", "json", "parquet"}
        ``auto`` recognises the format from the content.
    encoding : str, optional
        Text encoding; detected when not given (UTF-8, UTF-8 with BOM, cp1251).
    max_unpacked : int, optional
        Bytes a gzip file may unpack to. By default :data:`MAX_UNPACKED`, and no more than 1000
        times the file's size once past 100 MiB (a decompression bomb); a number replaces both.

    Returns
    -------
    records : pandas.DataFrame
        One row per record, with a ``_record`` column (line number for text files, 1-based).
    rejected : pandas.DataFrame
        Records that could not be parsed at all.
    """
    path = Path(path)
    raw = open_bytes(path, max_unpacked)
    return _raw_records(raw, str(path), name=path, fmt=fmt, encoding=encoding, max_unpacked=max_unpacked)


def _raw_records(
    raw: bytes, source: str, *, name: Path, fmt: str, encoding: str | None, max_unpacked: int | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`read_raw` of bytes already read; ``name`` (a file or archive member) hints at TSV."""
    if not raw or raw.isspace():  # no copy of the whole file, unlike strip()
        raise InputError("is empty", source=source)
    if raw[:4] != b"PAR1":
        raw, encoding = as_utf8(raw, source, encoding)
    kind = _sniff_format(name, raw) if fmt == "auto" else fmt
    if kind == "parquet":
        return _read_parquet(raw, source, max_unpacked), empty_rejected()
    if _looks_binary(raw[:_SNIFF_BYTES]):
        raise InputError(
            "looks like a binary file, not CSV, TSV or JSON (if it is text in UTF-16 or UTF-32 "
            "without a byte-order mark, name it with --encoding)",
            source=source,
        )
    enc = encoding or detect_encoding(raw[:_SNIFF_BYTES])
    if kind in ("csv", "tsv", "jsonl") and enc.lower().replace("_", "-") in ("utf-8", "utf-8-sig", "utf8"):
        fast = _arrow_delimited(raw, "\t" if kind == "tsv" else ",") if kind != "jsonl" else jsonl_frame(raw)
        if fast is not None:
            if kind != "jsonl":
                fast.insert(0, "_record", np.arange(2, len(fast) + 2))
            return fast, empty_rejected()
    text, _, repaired = decode_bytes(raw, source, encoding)
    if kind in ("csv", "tsv"):
        return read_delimited(text, source, sep="\t" if kind == "tsv" else ","), repaired
    rows = repaired.to_dict("records")
    if kind == "jsonl":
        records, rejected = _read_jsonl(repair_surrogates(text, source, rows), source)
    elif kind == "json":
        records, rejected = _read_json_array(repair_surrogates(text, source, rows), source)
    else:
        raise InputError(f"unknown format '{fmt}'", source=source)
    if not rows:
        return records, rejected
    return records, pd.concat([pd.DataFrame(rows, columns=rejected.columns), rejected], ignore_index=True)


def _read_parquet(raw: bytes, source: str, max_unpacked: int | None = None) -> pd.DataFrame:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(io.BytesIO(raw)).metadata
    except Exception as exc:  # pyarrow raises several unrelated types for damaged files
        raise InputError(f"is not a readable Parquet file ({exc})", source=source) from None
    # Parquet compresses and run-length encodes inside the file: what it will take in memory is
    # checked against the same limits as a compressed file before any of it is decoded.
    encoded = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    Unpacking(source, len(raw), max_unpacked).take(max(encoded, 8 * meta.num_rows * meta.num_columns))
    try:
        table = pq.read_table(io.BytesIO(raw))
    except Exception as exc:  # pyarrow raises several unrelated types for damaged files
        raise InputError(f"is not a readable Parquet file ({exc})", source=source) from None
    df = table.to_pandas()
    df.insert(0, "_record", np.arange(1, len(df) + 1))
    return df


def read_delimited(text: str, source: str, *, sep: str) -> pd.DataFrame:
    fast = _arrow_delimited(text.encode("utf-8"), sep)
    if fast is not None:
        fast.insert(0, "_record", np.arange(2, len(fast) + 2))
        return fast
    try:
        # Everything as text: ids must never become floats, and "NA" is a valid comment.
        df = pd.read_csv(
            io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""], engine="c"
        )
    except pd.errors.ParserError as exc:
        raise InputError(f"is not valid {'TSV' if sep == chr(9) else 'CSV'} ({exc})", source=source) from None
    except pd.errors.EmptyDataError:
        raise InputError("has no header row", source=source) from None
    except (ValueError, UnicodeError) as exc:
        raise InputError(f"is not a readable table ({exc})", source=source) from None
    unnamed = [c for c in df.columns if str(c).startswith("Unnamed: ")]
    if len(unnamed) == len(df.columns):
        raise InputError("has no usable header row", source=source)
    # Line numbers hold for files without quoted line breaks; with them, the record count is given.
    df.insert(0, "_record", np.arange(2, len(df) + 2))
    return df


def flatten_nested(record: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten_nested(value, name + "."))
        elif isinstance(value, list):
            flat[name] = json.dumps(value, ensure_ascii=False)
        else:
            flat[name] = value
    return flat


def _read_jsonl(text: str, source: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows: list[dict[str, object]] = []
    bad: list[dict[str, object]] = []
    # Lines end at "\n" only: JSON text may hold U+2028 and other characters splitlines() breaks at.
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except RecursionError:
            raise InputError(TOO_DEEP, source=source, record=lineno) from None
        except json.JSONDecodeError as exc:
            bad.append(
                {
                    "source": source,
                    "record": lineno,
                    "field": "",
                    "value": line[:80],
                    "reason": f"not valid JSON ({exc.msg} at column {exc.colno})",
                    "action": "row left out",
                }
            )
            continue
        if not isinstance(obj, dict):
            bad.append(
                {
                    "source": source,
                    "record": lineno,
                    "field": "",
                    "value": line[:80],
                    "reason": "JSON line is not an object",
                    "action": "row left out",
                }
            )
            continue
        try:
            flat = flatten_nested(obj)
        except RecursionError:
            raise InputError(TOO_DEEP, source=source, record=lineno) from None
        flat["_record"] = lineno
        rows.append(flat)
    if not rows and bad:
        raise InputError(
            f"no line is a valid JSON object (first problem: {bad[0]['reason']})",
            source=source,
            record=int(str(bad[0]["record"])),
        )
    return _records_frame(rows), (pd.DataFrame(bad) if bad else empty_rejected())


def _read_json_array(text: str, source: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    try:
        data = json.loads(text)
    except RecursionError:
        raise InputError(TOO_DEEP, source=source) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"is not valid JSON ({exc.msg} at line {exc.lineno}, "
            f"column {exc.colno}); the file may be truncated",
            source=source,
        ) from None
    if not isinstance(data, list):
        raise InputError("is a JSON document but not a list of records", source=source)
    rows: list[dict[str, object]] = []
    bad: list[dict[str, object]] = []
    for index, obj in enumerate(data, start=1):
        if isinstance(obj, dict):
            try:
                flat = flatten_nested(obj)
            except RecursionError:
                raise InputError(TOO_DEEP, source=source, record=index) from None
            flat["_record"] = index
            rows.append(flat)
        else:
            bad.append(
                {
                    "source": source,
                    "record": index,
                    "field": "",
                    "value": str(obj)[:80],
                    "reason": "record is not a JSON object",
                    "action": "row left out",
                }
            )
    return _records_frame(rows), (pd.DataFrame(bad) if bad else empty_rejected())


def _records_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    df = pd.DataFrame.from_records(rows)
    if "_record" not in df.columns:
        df["_record"] = pd.Series(dtype="int64")
    for name in df.columns:
        if name != "_record" and df[name].dtype != object:
            # Keep JSON integers exact (ids above 2**53) and make every column text-like.
            df[name] = df[name].astype("object")
    return df


LINE_ID = "@line"
"""Mapping source that numbers rows by their line (record) in the file, for dumps without ids."""


def _apply_mapping(df: pd.DataFrame, mapping: Mapping[str, str], source: str) -> pd.DataFrame:
    if not mapping:
        return df
    missing = [src for src in mapping.values() if src not in df.columns and src != LINE_ID]
    if missing:
        raise InputError(
            f"mapped column '{missing[0]}' is not in the file; columns present: {column_list(df.columns)}",
            source=source,
            field=missing[0],
        )
    renamed = df.rename(columns={src: canon for canon, src in mapping.items() if src != LINE_ID})
    for canon, src in mapping.items():
        if src == LINE_ID:
            renamed[canon] = Path(source).name + ":" + renamed["_record"].astype(str)
    # A source column that was mapped away no longer shadows a canonical name of the same spelling.
    return renamed.loc[:, ~renamed.columns.duplicated(keep="last")]


def read_comments(
    path: str | os.PathLike[str],
    *,
    mapping: Iterable[str] | Mapping[str, str] | None = None,
    fmt: Format = "auto",
    encoding: str | None = None,
    tz: str = DEFAULT_TZ,
    platform: str | None = None,
    max_unpacked: int | None = None,
) -> Validated:
    """Read a tabular comment dump into the canonical comment table.

    Parameters
    ----------
    path : path-like
        The file.
    mapping : dict or list of "canonical=source", optional
        Column names to rename, for files whose header does not use the canonical names.
    fmt, encoding, max_unpacked
        See :func:`read_raw`.
    tz : str, default "Asia/Almaty"
        Zone for naive timestamps.
    platform : str, optional
        Platform for rows that do not name one.

    Returns
    -------
    Validated
        ``table`` (canonical comments), ``rejected`` (with reasons) and ``n_duplicates``.

    Examples
    --------
    >>> from botwatch.datasets import sample_path
    >>> v = read_comments(sample_path())
    >>> v.table.columns[:5].tolist()
    ['platform', 'page_id', 'post_id', 'comment_id', 'parent_id']
    """
    raw, rejected = read_raw(path, fmt=fmt, encoding=encoding, max_unpacked=max_unpacked)
    return _comments_from_records(raw, rejected, str(path), mapping=mapping, tz=tz, platform=platform)


def comments_from_bytes(
    raw: bytes,
    source: str,
    *,
    mapping: Iterable[str] | Mapping[str, str] | None,
    fmt: str,
    encoding: str | None,
    tz: str,
    platform: str | None,
    max_unpacked: int | None = None,
) -> Validated:
    """:func:`read_comments` of bytes already read, such as a member of an archive.

    ``source`` names the bytes in every message (``archive.zip!folder/comments.csv``); reading
    from memory leaves no copy of the dump in a temporary file.
    """
    records, rejected = _raw_records(
        raw, source, name=Path(source), fmt=fmt, encoding=encoding, max_unpacked=max_unpacked
    )
    return _comments_from_records(records, rejected, source, mapping=mapping, tz=tz, platform=platform)


def _comments_from_records(
    records: pd.DataFrame,
    rejected: pd.DataFrame,
    source: str,
    *,
    mapping: Iterable[str] | Mapping[str, str] | None,
    tz: str,
    platform: str | None,
) -> Validated:
    records = _apply_mapping(records, parse_mapping(mapping), source)
    result = validate_comments(records, source=source, tz=tz, platform=platform)
    if len(rejected):
        result.rejected = pd.concat([rejected, result.rejected], ignore_index=True)
    return result


def read_accounts(
    path: str | os.PathLike[str],
    *,
    mapping: Iterable[str] | Mapping[str, str] | None = None,
    fmt: Format = "auto",
    encoding: str | None = None,
    tz: str = DEFAULT_TZ,
    platform: str | None = None,
    max_unpacked: int | None = None,
) -> Validated:
    """Read a tabular account (profile) file into the canonical account table.

    Parameters are those of :func:`read_comments`.
    """
    raw, rejected = read_raw(path, fmt=fmt, encoding=encoding, max_unpacked=max_unpacked)
    raw = _apply_mapping(raw, parse_mapping(mapping), str(path))
    result = validate_accounts(raw, source=str(path), tz=tz, platform=platform)
    if len(rejected):
        result.rejected = pd.concat([rejected, result.rejected], ignore_index=True)
    return result


def combine(parts: list[Validated], kind: Literal["comments", "accounts"] = "comments") -> Validated:
    """Join tables read from several files; a row seen in an earlier file is merged and reported.

    Parameters
    ----------
    parts : list of Validated
        Results of :func:`read_comments` (or :func:`read_accounts`), in reading order.
    kind : {"comments", "accounts"}
        Which table the parts hold.
    """
    if not parts:
        raise InputError("no input files")
    if len(parts) == 1:
        return parts[0]
    table = pd.concat([p.table for p in parts], ignore_index=True)
    for col in ("platform",):
        table[col] = table[col].astype("string").astype("category")
    key = ["platform", "page_id", "comment_id"] if kind == "comments" else ["platform", "account_id"]
    dup = table.duplicated(subset=key, keep="first").to_numpy()
    rejected = [p.rejected for p in parts]
    if dup.any():
        d = table[dup]
        rejected.append(
            pd.DataFrame(
                {
                    "source": d["source_file"].astype(str).to_numpy() if "source_file" in d else "",
                    "record": d["source_record"].to_numpy() if "source_record" in d else np.nan,
                    "field": key[-1],
                    "value": d[key[-1]].astype(str).to_numpy(),
                    "reason": f"duplicate {key[-1]} (merged into a row of an earlier file)",
                    "action": "row left out",
                }
            )
        )
        table = table[~dup].reset_index(drop=True)
    tz_used = next((p.assumed_tz for p in parts if p.assumed_tz), None)
    return Validated(
        table=table,
        rejected=pd.concat(rejected, ignore_index=True),
        n_duplicates=sum(p.n_duplicates for p in parts) + int(dup.sum()),
        assumed_tz=tz_used,
        notes=[n for p in parts for n in p.notes],
    )
