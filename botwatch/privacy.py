"""Pseudonyms for sharing results outside the newsroom.

A wrongly suspected account belongs to a real person. ``botwatch.score(..., salt=...)`` (``botwatch
score --pseudonymize``) replaces every account id, handle and display name with a salted
pseudonym once the accounts are scored and before any output is made, so every table, the graph
files, the evidence and the report are written from the pseudonymised data: the same account gets
the same pseudonym everywhere, and in every run with the same salt. Without the salt, the
pseudonyms cannot be turned back into accounts (HMAC-SHA-256, truncated to 12 hex digits);
:func:`pseudonym_key` gives the key that does, to keep inside the newsroom.

Structured fields (ids, handles, names, cluster members, edge ends, graph nodes, mentioned ids)
go through one mapping. In free text written by commenters (comments, bios), every handle, id and
display name of the dump is replaced wherever it stands as a word of its own, whatever its
characters or length, ``@handle`` included. Rejected rows keep their file, record, field and
reason, not their raw value. Columns of the source that botwatch does not know are left out.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from botwatch.schema import account_keys, account_table_keys

if TYPE_CHECKING:
    from botwatch._result import Analysis

__all__ = ["new_salt", "pseudonym", "pseudonym_key", "pseudonymize_analysis"]

_TOKEN = re.compile(r"[\w.\-]+")
_JOINERS = re.compile(r"([.\-]+)")
_WORD = re.compile(r"\w+")
_MENTION = re.compile(r"@(\w+)\b")


def new_salt() -> str:
    """A random salt (keep it private to reproduce the same pseudonyms later)."""
    return secrets.token_hex(16)


def pseudonym(key: str, salt: str) -> str:
    """The pseudonym of an account key under ``salt``, for example ``acct-3f9c0a1b2d4e``.

    Examples
    --------
    >>> pseudonym("vk:12345", "s") == pseudonym("vk:12345", "s") != pseudonym("vk:12345", "t")
    True
    """
    digest = hmac.new(salt.encode(), key.encode(), hashlib.sha256).hexdigest()
    return f"acct-{digest[:12]}"


class _Mapping:
    """Old account key to pseudonym, and the words of the dump that name an account."""

    def __init__(self, comments: pd.DataFrame, accounts: pd.DataFrame | None, salt: str) -> None:
        if not salt:
            raise ValueError("a non-empty salt is needed; botwatch.privacy.new_salt() makes one")
        self.salt = salt
        rows = _name_rows(comments, accounts)
        self.table = rows.groupby("key", sort=True).agg(
            platform=("platform", "first"),
            account_id=("account_id", "first"),
            handle=("handle", "first"),
            display_name=("display_name", "first"),
        )
        self.table["pseudonym"] = [pseudonym(k, salt) for k in self.table.index]
        self.by_key = self.table["pseudonym"]
        self.multi = comments["platform"].astype("string").nunique(dropna=False) > 1
        # Every name an account goes by in the dump: one renamed mid-dump has two handles.
        alias_of = rows["key"].map(self.by_key)
        words: dict[str, str] = {}
        for col in ("account_id", "handle", "display_name"):
            named = rows[col].notna().to_numpy()
            for word, alias in zip(rows.loc[named, col].astype(str), alias_of[named], strict=True):
                word = word.strip().lstrip("@")
                if word:
                    words.setdefault(word, alias)
                    words.setdefault(word.lower(), alias)
        self.words = words
        self.by_id = dict(zip(self.table["account_id"].astype(str), self.table["pseudonym"], strict=True))

    def new_key(self, keys: pd.Series | pd.Index) -> np.ndarray:
        """The account key after pseudonymisation (``platform:pseudonym`` where platforms mix)."""
        old = pd.Series(np.asarray(keys, dtype=object)).astype(str)
        alias = old.map(self.by_key)
        if self.multi:  # the platform from the table: an id may hold ":" itself
            alias = old.map(self.table["platform"]).astype(str) + ":" + alias
        return alias.to_numpy(dtype=object)

    def mentions(self, value: object) -> object:
        """``;``-joined mentioned ids, each by its pseudonym (of the id, for accounts not in the dump)."""
        if not isinstance(value, str):
            return value
        return ";".join(self.by_id.get(t) or pseudonym(t, self.salt) for t in value.split(";") if t)


def _nameable(word: str) -> bool:
    """Whether a name is replaced wherever it stands alone in free text: not one character, nor a
    number under three digits (the count "12" is no mention of account 12). Shorter names are
    replaced where written as a mention (``@a``, ``@12``); ids and handles are replaced in every
    field whatever their length."""
    return len(word) >= 2 and not (word.isdigit() and len(word) < 3)


def _name_rows(comments: pd.DataFrame, accounts: pd.DataFrame | None) -> pd.DataFrame:
    parts = [
        pd.DataFrame(
            {
                "key": account_keys(comments).astype(str).to_numpy(),
                "platform": comments["platform"].astype(str).to_numpy(),
                "account_id": comments["account_id"].astype(str).to_numpy(),
                "handle": comments["account_handle"].astype("string").to_numpy(),
                "display_name": pd.Series(pd.NA, index=comments.index, dtype="string").to_numpy(),
            }
        ).drop_duplicates(["key", "handle"])
    ]
    if accounts is not None and len(accounts):
        known = account_table_keys(accounts, comments).astype(str).to_numpy()
        parts.append(
            pd.DataFrame(
                {
                    "key": known,
                    "platform": accounts["platform"].astype(str).to_numpy(),
                    "account_id": accounts["account_id"].astype(str).to_numpy(),
                    "handle": accounts["handle"].astype("string").to_numpy(),
                    "display_name": accounts["display_name"].astype("string").to_numpy()
                    if "display_name" in accounts
                    else pd.NA,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def pseudonym_key(comments: pd.DataFrame, accounts: pd.DataFrame | None, salt: str) -> pd.DataFrame:
    """The key that turns the pseudonyms of a run with ``salt`` back into accounts.

    Parameters
    ----------
    comments, accounts : pandas.DataFrame
        The validated tables the run scored (``result.comments`` before pseudonymisation, or the
        canonical tables read from the dump).
    salt : str
        The run's salt.

    Returns
    -------
    pandas.DataFrame
        ``pseudonym``, ``platform``, ``account_id``, ``handle``. Keep it inside the newsroom.
    """
    table = _Mapping(comments, accounts, salt).table
    return table.reset_index(drop=True)[["pseudonym", "platform", "account_id", "handle"]]


def _replacer(words: dict[str, str]) -> Callable[[pd.Series], pd.Series]:
    """Replace every word of ``words`` standing on its own in a text column (see module doc).

    Words made of one token (letters, digits, ``.``, ``-``, ``_``) are looked up token by token.
    Others (``Zq Vortex``, ``+7Qx``, ``q(zx)``) are indexed by their first run of letters and
    digits, so that one pass over a text's words finds them too, whatever the number of accounts.
    """
    mention_only = {w: a for w, a in words.items() if not _nameable(w)}
    words = {w: a for w, a in words.items() if _nameable(w)}
    plain = {w: a for w, a in words.items() if _TOKEN.fullmatch(w)}
    first: dict[str, list[tuple[str, int, str]]] = {}
    bare: list[tuple[str, str]] = []  # no letter or digit at all (only symbols): few, matched as they are
    for w in sorted((w for w in words if not _TOKEN.fullmatch(w)), key=len, reverse=True):
        m = _WORD.search(w)
        if m is None:
            bare.append((w, words[w]))
        else:
            first.setdefault(m.group(0).lower(), []).append((w, m.start(), words[w]))

    def alias_of(part: str) -> str | None:
        return plain.get(part) or plain.get(part.lower())

    def swap(m: re.Match[str]) -> str:
        token = m.group(0)
        if token in plain:
            return plain[token]
        core = token.strip(".-")
        alias = alias_of(core)
        if alias:
            return token.replace(core, alias)
        # Names run together with dots or dashes ("alice.She", "alice...what"): each part on its own.
        parts = _JOINERS.split(token)
        if len(parts) > 1 and any(alias_of(p) for p in parts if p and not _JOINERS.fullmatch(p)):
            return "".join(alias_of(p) or p if not _JOINERS.fullmatch(p) else p for p in parts)
        return token

    def standalone(text: str, start: int, end: int) -> bool:
        return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())

    def odd(text: str) -> str:
        out, done = [], 0
        for m in _WORD.finditer(text):
            if m.start() < done:
                continue
            for w, offset, alias in first.get(m.group(0).lower(), ()):
                start = m.start() - offset
                end = start + len(w)
                if start >= done and text[start:end].lower() == w.lower() and standalone(text, start, end):
                    out += [text[done:start], alias]
                    done = end
                    break
        return "".join([*out, text[done:]])

    def one(text: str) -> str:
        if mention_only:
            text = _MENTION.sub(lambda m: "@" + mention_only.get(m.group(1), m.group(1)), text)
        if first:
            text = odd(text)
        for w, alias in bare:
            text = text.replace(w, alias)
        return _TOKEN.sub(swap, text)

    def column(values: pd.Series) -> pd.Series:
        if not words and not mention_only:
            return values
        codes, uniques = pd.factorize(values.astype("string").fillna(""))
        replaced = np.array([one(u) for u in np.asarray(uniques, dtype=object)], dtype=object)
        out = pd.Series(replaced[codes] if len(codes) else [], index=values.index, dtype=object)
        return out.where(values.notna().to_numpy(), values.astype(object))

    return column


def pseudonymize_analysis(analysis: Analysis, salt: str) -> Analysis:
    """The analysis with every account named by its pseudonym (see the module doc).

    Scores, clusters and features are unchanged: only names change. The outputs built from the
    returned analysis name no account by its id, handle or display name.
    """
    from botwatch._result import Analysis
    from botwatch.schema import ACCOUNT_COLUMNS, COMMENT_COLUMNS
    from botwatch.text import normalize_series

    mapping = _Mapping(analysis.comments, analysis.accounts, salt)
    replace = _replacer(mapping.words)
    old_keys = account_keys(analysis.comments).astype(str)
    alias = old_keys.map(mapping.by_key).to_numpy(dtype=object)
    known = [c.name for c in COMMENT_COLUMNS] + ["mentions"]
    com = analysis.comments[[c for c in analysis.comments.columns if c in known]].copy()
    com["account_id"] = alias
    com["account_handle"] = alias
    # A page can be an account (on X, the author of the conversation): named by its pseudonym too.
    page = com["page_id"].astype(str)
    page_key = com["platform"].astype(str) + ":" + page if mapping.multi else page
    page_alias = page_key.map(mapping.by_key)
    com["page_id"] = page_alias.where(page_alias.notna(), com["page_id"].astype(object))
    com["text"] = replace(com["text"])
    if "mentions" in com:
        com["mentions"] = com["mentions"].map(mapping.mentions)
    accounts = analysis.accounts
    if accounts is not None:
        keys = account_table_keys(accounts, analysis.comments).astype(str)
        names = keys.map(mapping.by_key).to_numpy(dtype=object)
        accounts = accounts[[c.name for c in ACCOUNT_COLUMNS if c.name in accounts.columns]].copy()
        accounts["account_id"] = names
        for col in ("handle", "display_name"):
            if col in accounts:
                accounts[col] = names
        if "bio" in accounts:
            accounts["bio"] = replace(accounts["bio"])
    graph = copy.copy(analysis.graph)
    graph.accounts = pd.Index(mapping.new_key(graph.accounts), name=graph.accounts.name)
    edges = graph.edges.copy()
    for col in ("source", "target"):
        if col in edges:
            edges[col] = mapping.new_key(edges[col]) if len(edges) else edges[col]
    graph.edges = edges

    def rekey(frame: pd.DataFrame | None) -> pd.DataFrame | None:
        if frame is None:
            return None
        frame = frame.copy()
        frame.index = pd.Index(mapping.new_key(frame.index), name=frame.index.name)
        return frame

    # Only the texts a name was replaced in are normalised again.
    changed = (com["text"].astype(object) != analysis.comments["text"].astype(object)).to_numpy()
    changed = changed & com["text"].notna().to_numpy()
    normalized = analysis.normalized
    if changed.any():
        values = np.array(normalized, dtype=object)
        values[changed] = np.asarray(normalize_series(com["text"][changed]), dtype=object)
        normalized = pd.Series(values, index=normalized.index, name=normalized.name).astype(normalized.dtype)
    features = rekey(analysis.features)
    assert features is not None
    return Analysis(
        comments=com,
        accounts=accounts,
        graph=graph,
        labels=analysis.labels,
        features=features,
        normalized=normalized,
        observed=rekey(analysis.observed),
    )


def blank_rejected_values(rejected: pd.DataFrame) -> pd.DataFrame:
    """``rejected`` without raw values: a broken line may hold anything (an id, a handle, a whole
    comment); its file, record, field and reason are kept."""
    rejected = rejected.copy()
    if "value" in rejected:
        rejected["value"] = ""
    return rejected
