"""Readers for the dumps fact-checkers hold, exactly as each scraper or export tool writes them.

First stage of the data flow, beside the tabular reader: each format maps its records onto the
canonical comment table (and the account table where the source has profiles). Formats are
recognised from the content, not the file name. A record that cannot be used goes to ``rejected``
with its line or index and the reason; a file that is not what it claims gets one clear error.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from botwatch.errors import InputError
from botwatch.schema import DEFAULT_TZ, Validated, empty_rejected, validate_accounts, validate_comments

logger = logging.getLogger(__name__)

__all__ = ["FORMATS", "TABULAR", "Dump", "DumpFormat", "Parsed", "read_dump", "register"]


@dataclass
class Parsed:
    """What a format reader found in one file, before validation."""

    comments: list[dict[str, Any]] = field(default_factory=list)
    accounts: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    comments_frame: pd.DataFrame | None = None
    """Comments as one DataFrame, from a columnar reader (used instead of ``comments``)."""
    accounts_frame: pd.DataFrame | None = None
    """Accounts as one DataFrame, from a columnar reader (used instead of ``accounts``)."""

    def reject(
        self, source: str, record: int | str, reason: str, value: object = "", field_name: str = ""
    ) -> None:
        self.rejected.append(
            {
                "source": source,
                "record": record,
                "field": field_name,
                "value": str(value)[:80],
                "reason": reason,
                "action": "row left out",
            }
        )


@dataclass(frozen=True)
class DumpFormat:
    """One dump format: how to recognise it and how to read it.

    ``kind`` says what ``detect`` and ``parse`` receive: ``json`` the parsed document, ``jsonl``
    a list of ``(line number, object)``, ``csv`` a DataFrame of strings with a ``_record`` column.
    A ``jsonl`` format may also have ``parse_table``, a columnar reader given the whole file as a
    flat pyarrow table (line ``i`` is row ``i - 1``); it returns None to hand the file back to
    ``parse``, which must give the same result.
    """

    name: str
    platform: str
    kind: str
    detect: Callable[[Any], bool]
    parse: Callable[[Any, str], Parsed]
    doc: str = ""
    parse_table: Callable[[Any, str], Parsed | None] | None = None
    float_columns: tuple[str, ...] = ()
    """Columns the columnar reader may receive as decimals (fractional epoch times)."""
    fields: dict[str, Any] | None = None
    """The fields ``parse_table`` reads, as dotted paths to their pyarrow types: when given, only
    these are read (see :func:`botwatch.io._arrow.arrow_jsonl`), which spares parsing into
    columns the large parts of a record the format never uses."""


FORMATS: list[DumpFormat] = []
TABULAR = ("tabular", "csv", "tsv", "jsonl", "json", "parquet")
"""Format names that mean a plain table with canonical (or mapped) column names."""


def register(fmt: DumpFormat) -> DumpFormat:
    """Add a format to the registry (the first that recognises a file reads it)."""
    FORMATS.append(fmt)
    return fmt


@dataclass
class Dump:
    """A dump read into the canonical tables.

    Attributes
    ----------
    comments : Validated
    accounts : Validated or None
        Profiles, where the source has them.
    source_format : str
        The format recognised (``tabular`` for a plain table).
    """

    comments: Validated
    accounts: Validated | None
    source_format: str


def _jsonl(text: str, source: str, parsed: Parsed) -> list[tuple[int, Any]]:
    from botwatch.io._tabular import TOO_DEEP

    out = []
    # Lines end at "\n" only: JSON text may hold U+2028 and other characters splitlines() breaks at.
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            out.append((lineno, json.loads(line)))
        except RecursionError:
            raise InputError(TOO_DEEP, source=source, record=lineno) from None
        except json.JSONDecodeError as exc:
            parsed.reject(source, lineno, f"not valid JSON ({exc.msg} at column {exc.colno})", line)
    return out


def _members(path: Path, max_unpacked: int | None = None) -> Iterator[tuple[str, bytes]]:
    """Files to read: a file, every file of a folder (recursively), or every member of a zip.

    Compressed files and members come unpacked, within the limits of ``max_unpacked`` (see
    :func:`read_dump`); members are read in memory and named ``archive.zip!path/in/zip``.
    """
    from botwatch.io._tabular import Unpacking, gunzip, open_bytes

    if path.is_dir():
        for p in sorted(q for q in path.rglob("*") if q.is_file() and not q.name.startswith(".")):
            yield from _members(p, max_unpacked)
        return
    raw = open_bytes(path, max_unpacked)
    if raw[:4] != b"PK\x03\x04":
        yield str(path), raw
        return
    # Every member counts against one allowance: a bomb may be many small members.
    unpacking = Unpacking(str(path), len(raw), max_unpacked)
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile as exc:
        raise InputError(f"is a damaged zip file ({exc})", source=str(path)) from None
    with zf:
        for info in sorted(zf.infolist(), key=lambda i: i.filename):
            if info.is_dir() or Path(info.filename).name.startswith("."):
                continue
            source = f"{path}!{info.filename}"
            try:
                with zf.open(info) as member:
                    data = unpacking.read(member)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                raise InputError(f"is a damaged member of a zip file ({exc})", source=source) from None
            except (NotImplementedError, RuntimeError) as exc:  # encrypted, or an unknown compression
                raise InputError(f"cannot be unpacked ({exc})", source=source) from None
            if data[:2] == b"\x1f\x8b":
                data = gunzip(data, source, unpacking)
            yield source, data


def _parse_file(
    source: str, raw: bytes, fmt: str, max_unpacked: int | None = None, encoding: str | None = None
) -> tuple[Parsed, str] | None:
    """Recognise and parse one file; None when no dump format claims it (a plain table)."""
    import gc

    from botwatch.io._tabular import TOO_DEEP

    # Millions of small dicts make the cyclic garbage collector rescan them again and again (time
    # grows faster than the file); these objects hold no cycles, so it pauses while they are built.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_file_inner(source, raw, fmt, max_unpacked, encoding)
    except InputError:
        raise
    except RecursionError:
        raise InputError(TOO_DEEP, source=source) from None
    except (KeyError, ValueError, TypeError, AttributeError, IndexError, OverflowError) as exc:
        # A file that looked like a known format but breaks its shape somewhere deeper.
        raise InputError(
            f"is damaged or not in the shape its format should have ({exc!r})", source=source
        ) from None
    finally:
        if enabled:
            gc.enable()


def _parse_file_inner(
    source: str, raw: bytes, fmt: str, max_unpacked: int | None, encoding: str | None
) -> tuple[Parsed, str] | None:
    from botwatch.io._tabular import (
        TOO_DEEP,
        Unpacking,
        as_utf8,
        decode_bytes,
        gunzip,
        repair_surrogates,
    )

    if raw[:2] == b"\x1f\x8b":  # compressed twice (.gz.gz): once was undone when it was read
        raw = gunzip(raw, source, Unpacking(source, len(raw), max_unpacked))
    if raw[:4] == b"PAR1":
        return None
    raw, encoding = as_utf8(raw, source, encoding)
    if not raw or raw.isspace():  # no copy of the whole file, unlike strip()
        raise InputError("is empty", source=source)
    candidates = [f for f in FORMATS if fmt in ("auto", f.name)]
    if fmt != "auto" and not candidates:
        raise InputError(f"unknown format '{fmt}'; known: {', '.join(f.name for f in FORMATS)}")
    fast = _columnar_jsonl(raw, source, candidates)
    if fast is not None:
        return fast
    if not _may_be_csv_format(raw, [f for f in candidates if f.kind == "csv"]):
        # A plain table: no dump format claims its header, so it is neither decoded nor parsed
        # here (the tabular reader reads it once, column by column).
        if fmt != "auto":
            raise InputError(f"is not a {fmt} file", source=source)
        return None
    # Warnings wait until a dump format claims the file: a plain table is decoded again, and
    # warned about, by the tabular reader.
    text, enc, repaired = decode_bytes(raw, source, encoding, log=False)
    rows = repaired.to_dict("records")
    text = repair_surrogates(text, source, rows, log=False)
    head = text.lstrip("\ufeff").lstrip()
    parsed = Parsed(rejected=rows)

    def found(result: Parsed, name: str) -> tuple[Parsed, str]:
        if rows:
            logger.warning("%s: read as %s; %d line(s) repaired (see rejected)", source, enc, len(rows))
        result.rejected[:0] = parsed.rejected  # repaired lines and broken lines first
        return result, name

    if head.startswith(("{", "[")):
        doc: Any = None
        too_deep = False
        try:
            doc = json.loads(head)
        except RecursionError:
            if head.startswith("["):
                raise InputError(TOO_DEEP, source=source) from None
            too_deep = True  # JSON lines, perhaps: the line reader below names the line
        except json.JSONDecodeError:
            doc = None
        if doc is not None:
            for f in candidates:
                if f.kind == "json" and f.detect(doc):
                    return found(f.parse(doc, source), f.name)
            if isinstance(doc, dict):  # one JSON object per line can also be one object in all
                lines = [(1, doc)]
            elif fmt == "auto":
                return None
            else:
                lines = []
        else:
            if head.startswith("[") and "\n{" not in head[:200_000]:
                raise InputError("is not valid JSON; the file may be truncated", source=source)
            lines = _jsonl(text, source, parsed)
            if not lines:
                raise InputError(TOO_DEEP if too_deep else "no line is a valid JSON object", source=source)
        first = next((obj for _, obj in lines if isinstance(obj, dict)), None)
        for f in candidates:
            if f.kind == "jsonl" and first is not None and f.detect(first):
                return found(f.parse(lines, source), f.name)
        if fmt != "auto":
            raise InputError(f"is not a {fmt} file", source=source)
        return None
    csv_formats = [f for f in candidates if f.kind == "csv"]
    if csv_formats:
        from botwatch.io._tabular import read_delimited

        sep = "\t" if head.split("\n", 1)[0].count("\t") > head.split("\n", 1)[0].count(",") else ","
        try:
            table = read_delimited(text, source, sep=sep)
        except InputError:
            if fmt != "auto":
                raise
            return None
        for f in csv_formats:
            if f.detect(table):
                return found(f.parse(table, source), f.name)
    if fmt != "auto":
        raise InputError(f"is not a {fmt} file", source=source)
    return None


def _may_be_csv_format(raw: bytes, csv_formats: list[DumpFormat]) -> bool:
    """False only when ``raw`` is surely neither JSON nor a table one of ``csv_formats`` claims.

    CSV formats are recognised by their columns, so the header line decides; reading it alone
    spares decoding and parsing a plain table twice (once to recognise it, once to read it).
    """
    start = raw[:65536].lstrip(b" \t\r\n")
    if start.startswith(b"\xef\xbb\xbf"):
        start = start[3:].lstrip(b" \t\r\n")
    if not start or start[:1] in (b"{", b"["):
        return True  # JSON, or whitespace only so far: the full check decides
    if not csv_formats:
        return False
    end = start.find(b"\n")
    if end < 0:
        # A header line longer than the probe (thousands of columns): read on to its end.
        begin = min(len(raw), 65536) - len(start)  # ``start`` is the end of the probe
        end = raw.find(b"\n", begin)
        if end < 0:
            return True  # one line only: the full check decides
        start, end = raw[begin:end], end - begin
    from botwatch.io._tabular import detect_encoding

    try:
        line = start[:end].decode(detect_encoding(raw[: 1 << 20])).rstrip("\r")
        sep = "\t" if line.count("\t") > line.count(",") else ","
        header = next(csv.reader([line], delimiter=sep), [])
    except (UnicodeDecodeError, LookupError, csv.Error):
        return True
    # One empty block, not a column per name: a header may have 100,000 names.
    probe = pd.DataFrame(np.empty((0, len(header)), dtype=object), columns=header)
    return any(f.detect(probe) for f in csv_formats)


def _columnar_jsonl(raw: bytes, source: str, candidates: list[DumpFormat]) -> tuple[Parsed, str] | None:
    """Read JSON lines column by column when a format has a columnar reader and the file is clean."""
    from botwatch.io._arrow import arrow_jsonl

    columnar = [f for f in candidates if f.kind == "jsonl" and f.parse_table is not None]
    body = raw.removeprefix(b"\xef\xbb\xbf")
    if not columnar or not body.startswith(b"{"):
        return None
    end = body.find(b"\n")
    try:
        first = json.loads(body if end < 0 else body[:end])
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return None  # the record reader reports the line
    for f in columnar:
        if f.detect(first):
            table = arrow_jsonl(body, floats=f.float_columns, fields=f.fields)
            if table is None:
                return None
            assert f.parse_table is not None
            got = f.parse_table(table, source)
            return None if got is None else (got, f.name)
    return None


def read_dump(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    fmt: str = "auto",
    tz: str = DEFAULT_TZ,
    platform: str | None = None,
    mapping: Iterable[str] | dict[str, str] | None = None,
    encoding: str | None = None,
    max_unpacked: int | None = None,
) -> Dump:
    """Read one or more dumps of any supported format into the canonical tables.

    Parameters
    ----------
    paths : path-like or iterable of path-like
        Files, folders (read recursively) or zip archives; ``.gz`` files are decompressed.
        Different formats can be mixed.
    fmt : str, default "auto"
        A format name from :data:`FORMATS` (``botwatch formats`` lists them), ``tabular`` for a
        plain table, or ``auto`` to recognise each file from its content.
    tz : str, default "Asia/Almaty"
        Zone of timestamps written without one.
    platform : str, optional
        Platform for plain tables that do not name one.
    mapping : list of "canonical=source" or dict, optional
        Column mapping for plain tables.
    encoding : str, optional
        Encoding of every file. By default each is read as UTF-8 (with or without a byte-order
        mark), UTF-16 or UTF-32 (with one), or cp1251, whichever fits most of its lines; bytes
        that do not fit are read as U+FFFD and their lines listed in ``rejected`` as ``field
        repaired``.
    max_unpacked : int, optional
        Bytes that one ``.gz`` file or one zip archive (all its members together) may unpack to.
        By default 8 GiB (:data:`~botwatch.io.MAX_UNPACKED`), and no more than 1000 times the
        packed size once past 100 MiB, which stops decompression bombs; a number given here
        replaces both limits.

    Returns
    -------
    Dump

    Raises
    ------
    InputError
        For a file that cannot be read at all, naming it (``archive.zip!member`` for a member of a
        zip), and for a compressed file beyond the limits of ``max_unpacked``.
    """
    from botwatch.io._tabular import combine, comments_from_bytes

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    comment_parts: list[Validated] = []
    account_parts: list[Validated] = []
    formats_seen: list[str] = []
    skipped: list[str] = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise InputError("file not found", source=str(path))
        for source, raw in _members(path, max_unpacked):
            if not _is_data_file(source):
                skipped.append(source)
                continue
            got = None if fmt in TABULAR else _parse_file(source, raw, fmt, max_unpacked, encoding)
            if got is None:
                # The bytes already read (and unpacked) are read as a table: a zip member never
                # goes through a temporary file, and a plain file is not read a second time.
                v = comments_from_bytes(
                    raw,
                    source,
                    mapping=mapping,
                    fmt=fmt if fmt in TABULAR and fmt != "tabular" else "auto",
                    encoding=encoding,
                    tz=tz,
                    platform=platform,
                    max_unpacked=max_unpacked,
                )
                comment_parts.append(v)
                formats_seen.append("tabular")
                continue
            parsed, name = got
            formats_seen.append(name)
            comment_parts.append(_validate(parsed, source, name, tz))
            acc = parsed.accounts_frame
            if acc is None:
                acc = pd.DataFrame(parsed.accounts)
            if len(acc):
                account_parts.append(validate_accounts(acc, source=source, tz=tz))
    if not comment_parts:
        raise InputError("no data file to read", source=", ".join(str(p) for p in paths))
    if skipped:
        # Files beside the dumps (licences, READMEs, images) are named, not silently passed over.
        comment_parts[0].notes.append(
            f"skipped {len(skipped)} file(s) that are not dumps: "
            + ", ".join(Path(s).name for s in skipped[:10])
        )
        comment_parts[0].rejected = pd.concat(
            [
                comment_parts[0].rejected,
                pd.DataFrame(
                    {
                        "source": skipped,
                        "record": "",
                        "field": "",
                        "value": "",
                        "reason": "not a data file (skipped)",
                        "action": "file skipped",
                    }
                ),
            ],
            ignore_index=True,
        )
    comments = combine(comment_parts, kind="comments")
    accounts = combine(account_parts, kind="accounts") if account_parts else None
    names = sorted(set(formats_seen))
    # Parsing leaves Arrow's allocator holding freed buffers (about 0.5 GB per million comments
    # read from CSV); the later stages allocate through numpy, which cannot reuse them.
    pa.default_memory_pool().release_unused()
    return Dump(comments=comments, accounts=accounts, source_format="+".join(names))


_DATA_SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".tab", ".txt.gz", ".parquet")


def _is_data_file(source: str) -> bool:
    """Whether a file in a folder or archive is worth reading (not a licence, image or README)."""
    name = Path(source.split("!")[-1]).name.lower()
    name = name[:-3] if name.endswith(".gz") else name
    return name.endswith(_DATA_SUFFIXES) or "." not in name


def _validate(parsed: Parsed, source: str, name: str, tz: str) -> Validated:
    frame = parsed.comments_frame if parsed.comments_frame is not None else pd.DataFrame(parsed.comments)
    if frame.empty:
        frame = pd.DataFrame(columns=["comment_id", "account_id", "created_at", "_record"])
    frame["source_format"] = name
    v = validate_comments(frame, source=source, tz=tz)
    rejected = pd.DataFrame(parsed.rejected) if parsed.rejected else empty_rejected()
    v.rejected = pd.concat([rejected, v.rejected], ignore_index=True)
    v.notes.extend(parsed.notes)
    return v
