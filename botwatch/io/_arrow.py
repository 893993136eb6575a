"""Columnar fast paths for CSV and JSON lines, through pyarrow's multithreaded parsers.

Each function returns None whenever the file is anything but clean, well-typed UTF-8: the record
by record reader then takes over and reports every bad line precisely. The fast path never decides
what a value means differently from the slow one (tests check both give the same tables).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.json as pa_json

__all__ = ["arrow_delimited", "arrow_jsonl", "column_series", "jsonl_frame"]

# Measured fastest on two cores. A line longer than a block makes pyarrow fail; the record reader
# then reads that file.
_BLOCK = 1 << 20
# JSON lines in larger blocks: each block becomes one chunk of every column, and the steps after
# parsing (regular expressions, takes, conversions to pandas) pay a cost per chunk.
_JSON_BLOCK = 8 << 20


def arrow_delimited(raw: bytes, sep: str) -> pd.DataFrame | None:
    """A UTF-8 CSV or TSV with every column as text, or None to use the pandas reader."""
    raw = raw.removeprefix(codecs.BOM_UTF8)
    end = raw.find(b"\n")
    first = raw if end < 0 else raw[:end]
    try:
        header_line = first.decode("utf-8").rstrip("\r")
        header = next(csv.reader([header_line], delimiter=sep), [])
    except (UnicodeDecodeError, csv.Error):
        return None  # an odd header line: the pandas reader gives the precise message
    if not header or len(set(header)) != len(header) or any(not h for h in header):
        return None  # duplicate or empty names: pandas numbers them, pyarrow would refuse
    try:
        table = pa_csv.read_csv(
            io.BytesIO(raw),
            read_options=pa_csv.ReadOptions(block_size=_BLOCK),
            parse_options=pa_csv.ParseOptions(delimiter=sep, newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                strings_can_be_null=True,
                null_values=[""],
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None  # invalid UTF-8 (cp1251 after all) or ragged rows: the slow reader explains
    return table.to_pandas()


def _string_schema(record: dict[str, Any]) -> list[pa.Field]:
    """Declare every string field of a record as text, so pyarrow never guesses a timestamp.

    pyarrow turns strings that look like times into timestamps and forgets whether they carried a
    zone; a naive local time must stay text until :func:`botwatch.schema.parse_timestamps`.
    """
    fields = []
    for key, value in record.items():
        if isinstance(value, str):
            fields.append(pa.field(key, pa.string()))
        elif isinstance(value, dict):
            children = _string_schema(value)
            if children:
                fields.append(pa.field(key, pa.struct(children)))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            merged: dict[str, Any] = {}
            for v in value:  # the first value of each key, as the record shows it
                for k, x in v.items():
                    merged.setdefault(k, x)
            children = _string_schema(merged)
            if children:
                fields.append(pa.field(key, pa.list_(pa.struct(children))))
    return fields


def dotted_tree(fields: dict[str, pa.DataType]) -> dict[str, Any]:
    """Dotted field paths as nested dicts: ``{"a.b": t}`` becomes ``{"a": {"b": t}}``."""
    tree: dict[str, Any] = {}
    for path, given in fields.items():
        node, parts = tree, path.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = given
    return tree


def _declared_schema(fields: dict[str, pa.DataType], first: dict[str, Any]) -> list[pa.Field]:
    """The schema of the dotted ``fields``, each leaf typed by its value in ``first`` where that
    is text, a whole number or a truth value, by its given type otherwise."""
    tree = dotted_tree(fields)

    def build(node: dict[str, Any], sample: Any) -> list[pa.Field]:
        out = []
        for name, sub in node.items():
            value = sample.get(name) if isinstance(sample, dict) else None
            if isinstance(sub, dict):
                out.append(pa.field(name, pa.struct(build(sub, value))))
            elif isinstance(value, bool):
                out.append(pa.field(name, pa.bool_()))
            elif isinstance(value, int):
                out.append(pa.field(name, pa.int64()))
            elif isinstance(value, str):
                out.append(pa.field(name, pa.string()))
            else:
                out.append(pa.field(name, sub))
        return out

    return build(tree, first)


def flatten_nested(table: pa.Table) -> pa.Table:
    while any(pa.types.is_struct(f.type) for f in table.schema):
        table = table.flatten()
    return table


def arrow_jsonl(
    raw: bytes, floats: tuple[str, ...] = (), fields: dict[str, pa.DataType] | None = None
) -> pa.Table | None:
    """Parse UTF-8 JSON lines into a flat table (nested keys joined by dots), or None.

    None when pyarrow cannot read the file, when a line is blank or not one object (record numbers
    would no longer be line numbers), or when a column holds a value pyarrow may have changed: a
    number too large for a float to keep exact, a time it parsed, or mixed integers and decimals.
    Columns named in ``floats`` may hold decimals (a format's fractional epoch times).

    ``fields`` (dotted paths to pyarrow types) reads only those fields; each takes the type of its
    value in the first record where that is a plain value, its given type otherwise. A value of
    another type later, or where a list or object is given, makes the whole read None. Every
    object field of the top level is then also a boolean column of its own name, true where the
    record holds that object (its fields may all be absent).
    """
    raw = raw.removeprefix(codecs.BOM_UTF8)
    end = raw.find(b"\n")
    try:
        first = json.loads(raw if end < 0 else raw[:end])
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(first, dict):
        return None
    end = len(raw)
    while end and raw[end - 1] in b"\r\n":
        end -= 1  # trailing line ends; counting in place spares a copy of the whole file
    n_lines = raw.count(b"\n", 0, end) + 1
    schema = pa.schema(_string_schema(first) if fields is None else _declared_schema(fields, first))
    try:
        table = pa_json.read_json(
            io.BytesIO(raw),
            read_options=pa_json.ReadOptions(block_size=_JSON_BLOCK),
            parse_options=pa_json.ParseOptions(
                explicit_schema=schema, unexpected_field_behavior="infer" if fields is None else "ignore"
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return None
    if table.num_rows != n_lines:
        return None  # blank lines, or several objects on a line
    present = {
        f.name: pc.is_valid(table.column(f.name))
        for f in table.schema
        if fields is not None and pa.types.is_struct(f.type)
    }
    table = flatten_nested(table)
    for name, valid in present.items():
        table = table.append_column(name, valid)
    for f in table.schema:
        if pa.types.is_floating(f.type) and f.name in floats:
            continue
        if pa.types.is_timestamp(f.type) or pa.types.is_floating(f.type) or pa.types.is_decimal(f.type):
            return None
    return table


def _scalar_text(column: pa.ChunkedArray) -> pa.ChunkedArray | None:
    """A scalar column as text the way the record reader writes it, or None for nested values."""
    t = column.type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return column
    if pa.types.is_null(t):
        return column.cast(pa.string())
    if pa.types.is_integer(t):
        return pc.cast(column, pa.string())
    if pa.types.is_boolean(t):
        return pc.if_else(column, "True", "False")
    return None


def jsonl_frame(raw: bytes) -> pd.DataFrame | None:
    """A plain JSON-lines table as the record reader would give it, or None to use that reader."""
    table = arrow_jsonl(raw)
    if table is None:
        return None
    columns = {}
    for name, column in zip(table.column_names, table.columns, strict=True):
        text = _scalar_text(column)
        if text is None:
            return None  # lists are written back as JSON by the record reader: leave them to it
        columns[name] = text
    frame = pa.table(columns).to_pandas() if columns else pd.DataFrame(index=range(table.num_rows))
    frame["_record"] = np.arange(1, table.num_rows + 1)
    return frame


def column_series(table: pa.Table, name: str) -> pd.Series:
    """A column of a flat table as a pandas Series: integers as ``Int64`` (exact), all missing
    where the column is absent."""
    if name not in table.column_names:
        return pd.Series([None] * table.num_rows, dtype="object")
    column = table.column(name)
    if pa.types.is_integer(column.type):
        return pd.Series(column.to_pandas(types_mapper=pd.ArrowDtype)).astype("Int64")
    return pd.Series(column.to_pandas())
