"""Errors botwatch raises on input it cannot use.

Every error names where the problem is (file, record, field) so that a fact-checker can open the file
and see it. Rows that are merely unusable are not errors: they go to the ``rejected`` table.
"""

from __future__ import annotations

__all__ = ["BotwatchError", "InputError", "ModelError"]


class BotwatchError(Exception):
    """Base class of every error botwatch raises on purpose."""


class InputError(BotwatchError, ValueError):
    """Input that cannot be read or does not fit the canonical tables.

    Parameters
    ----------
    message : str
        What is wrong, in plain words.
    source : str, optional
        The file (or ``"<DataFrame>"``) the problem is in.
    record : int, optional
        1-based record number (line for text files) where the problem is.
    field : str, optional
        The column or field concerned.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        record: int | None = None,
        field: str | None = None,
    ) -> None:
        self.source = source
        self.record = record
        self.field = field
        where = []
        if source is not None:
            where.append(str(source))
        if record is not None:
            where.append(f"record {record}")
        if field is not None:
            where.append(f"field '{field}'")
        super().__init__(f"{': '.join([', '.join(where), message]) if where else message}")


class ModelError(BotwatchError):
    """A model file that cannot be used (untrusted, incompatible or corrupt)."""
