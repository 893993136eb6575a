"""Readers that turn dumps into the canonical tables, and writers of the results."""

from __future__ import annotations

from botwatch.io._tabular import (
    combine,
    detect_encoding,
    parse_mapping,
    read_accounts,
    read_comments,
    read_raw,
)
from botwatch.io._write import write_csv, write_result

__all__ = [
    "combine",
    "detect_encoding",
    "parse_mapping",
    "read_accounts",
    "read_comments",
    "read_raw",
    "write_csv",
    "write_result",
]
