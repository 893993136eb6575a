"""Readers that turn dumps into the canonical tables, and writers of the results."""

from __future__ import annotations

from botwatch.io import _facebook_4cat, _instagram_vk, _telegram, _youtube_x  # noqa: F401  (registration)
from botwatch.io._formats import FORMATS, Dump, DumpFormat, read_dump, register
from botwatch.io._tabular import (
    MAX_UNPACKED,
    combine,
    detect_encoding,
    parse_mapping,
    read_accounts,
    read_comments,
    read_raw,
)
from botwatch.io._write import check_output_folder, write_csv, write_result

__all__ = [
    "FORMATS",
    "MAX_UNPACKED",
    "Dump",
    "DumpFormat",
    "check_output_folder",
    "combine",
    "detect_encoding",
    "parse_mapping",
    "read_accounts",
    "read_comments",
    "read_dump",
    "read_raw",
    "register",
    "write_csv",
    "write_result",
]
