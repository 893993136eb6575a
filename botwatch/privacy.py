"""Pseudonyms for sharing results outside the newsroom.

A wrongly suspected account belongs to a real person. :func:`pseudonymize` replaces every account
id and handle in a scored result with a salted pseudonym: the same account gets the same pseudonym
in every table, the graph files and the report, and in every run with the same salt, so that
results can be shared, compared and discussed without naming anyone. Without the salt, the
pseudonyms cannot be turned back into accounts (HMAC-SHA-256, truncated to 12 hex digits).

Ids and handles are replaced exactly in the columns that hold them (``account_id``, ``handle``,
``members``, edge ends, graph nodes) and, in free text (comment texts, typical texts), wherever
a handle of three or more characters or an id of five or more digits appears as a word,
``@handle`` included. Shorter numbers in text are left alone so that counts stay readable.
Rejected rows keep their file, record, field and reason, not their raw value.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import re
import secrets
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from botwatch.graph import account_keys

if TYPE_CHECKING:
    from botwatch._pipeline import ScoreResult

__all__ = ["new_salt", "pseudonym", "pseudonymize"]

_TOKEN = re.compile(r"[\w.\-]+")


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


def _text_map(ids: dict[str, str], handles: dict[str, str]) -> dict[str, str]:
    out = {}
    for word, alias in ids.items():
        if len(word) >= 5 or not word.isdigit():
            out[word] = alias
    for word, alias in handles.items():
        if len(word) >= 3:
            out[word] = alias
            out[word.lower()] = alias
    return out


def _replace_words(values: pd.Series, words: dict[str, str]) -> pd.Series:
    if not words:
        return values

    def swap(m: re.Match[str]) -> str:
        token = m.group(0)
        if token in words:
            return words[token]
        stripped = token.strip(".-")
        if stripped in words:
            return token.replace(stripped, words[stripped])
        lower = stripped.lower()
        return token.replace(stripped, words[lower]) if lower in words else token

    codes, uniques = pd.factorize(values.astype("string").fillna(""))
    replaced = np.array([_TOKEN.sub(swap, u) for u in np.asarray(uniques, dtype=object)], dtype=object)
    out = pd.Series(replaced[codes] if len(codes) else [], index=values.index, dtype=object)
    return out.where(values.notna().to_numpy(), values.astype(object))


def pseudonymize(result: ScoreResult, salt: str) -> tuple[ScoreResult, pd.DataFrame]:
    """A copy of ``result`` with every account id and handle replaced by a salted pseudonym.

    Parameters
    ----------
    result : ScoreResult
        What :func:`botwatch.score` returned.
    salt : str
        Secret that makes the pseudonyms; the same salt gives the same pseudonyms.

    Returns
    -------
    ScoreResult
        The copy; scores, clusters and figures are unchanged.
    pandas.DataFrame
        The key: ``pseudonym``, ``platform``, ``account_id``, ``handle``. Keep it inside the
        newsroom; it turns pseudonyms back into accounts.
    """
    if not salt:
        raise ValueError("a non-empty salt is needed; botwatch.privacy.new_salt() makes one")
    comments = result.comments
    keys = account_keys(comments).astype(str)
    first = pd.DataFrame(
        {
            "key": keys.to_numpy(),
            "platform": comments["platform"].astype(str).to_numpy(),
            "account_id": comments["account_id"].astype(str).to_numpy(),
            "handle": comments["account_handle"].astype("string").to_numpy(),
        }
    ).drop_duplicates("key")
    acc = result.accounts
    extra = pd.DataFrame(
        {
            "key": account_keys(acc).astype(str).to_numpy(),
            "platform": acc["platform"].astype(str).to_numpy(),
            "account_id": acc["account_id"].astype(str).to_numpy(),
            "handle": acc["handle"].astype("string").to_numpy(),
        }
    )
    table = pd.concat([first, extra], ignore_index=True)
    table = table.groupby("key", sort=True).agg(
        platform=("platform", "first"), account_id=("account_id", "first"), handle=("handle", "first")
    )
    table["pseudonym"] = [pseudonym(k, salt) for k in table.index]
    by_key = table["pseudonym"]
    by_id = dict(zip(table["account_id"], table["pseudonym"], strict=True))
    handles = table.dropna(subset=["handle"])
    by_handle = dict(zip(handles["handle"].astype(str).str.lstrip("@"), handles["pseudonym"], strict=True))
    by_handle = {h: p for h, p in by_handle.items() if h}
    words = _text_map(by_id, by_handle)

    def ids(values: pd.Series) -> pd.Series:
        s = values.astype("string")
        return s.map(lambda v: by_id.get(v, by_key.get(v, v)) if v is not pd.NA else v).astype(object)

    out = copy.copy(result)
    accounts = acc.copy()
    alias = account_keys(acc).astype(str).map(by_key).to_numpy()
    accounts["account_id"] = alias
    accounts["handle"] = alias
    out.accounts = _text_columns(accounts, words, skip={"account_id", "handle"})

    clusters = result.clusters.copy()
    if "members" in clusters:
        clusters["members"] = (
            clusters["members"]
            .astype(str)
            .map(lambda m: ";".join(by_id.get(x, by_key.get(x, x)) for x in m.split(";") if x))
        )
    out.clusters = _text_columns(clusters, words, skip={"members"})

    edges = result.edges.copy()
    for col in ("source", "target", "account_a", "account_b"):
        if col in edges:
            edges[col] = ids(edges[col])
    out.edges = _text_columns(edges, words, skip={"source", "target", "account_a", "account_b"})

    # A broken line may hold anything (an id, a handle, a whole comment): its raw value is left
    # out, its file, record, field and reason are kept.
    rejected = result.rejected.copy()
    if "value" in rejected:
        rejected["value"] = ""
    out.rejected = _text_columns(rejected, words, skip=set())
    out.posts = _text_columns(result.posts.copy(), words, skip=set())
    out.pages = _text_columns(result.pages.copy(), words, skip=set())

    com = comments.copy()
    com["account_id"] = keys.map(by_key).to_numpy()
    com["account_handle"] = com["account_id"]
    com["text"] = _replace_words(com["text"], words)
    out.comments = com
    out.normalized = _replace_words(result.normalized, {k.lower(): v for k, v in words.items()})

    graph = copy.copy(result.graph)
    graph.accounts = pd.Index(graph.accounts.astype(str).map(by_key), name=graph.accounts.name)
    g_edges = graph.edges.copy()
    for col in ("source", "target"):
        if col in g_edges:
            g_edges[col] = ids(g_edges[col])
    graph.edges = g_edges
    out.graph = graph

    features = result.features.copy()
    features.index = pd.Index(features.index.astype(str).map(by_key), name=features.index.name)
    out.features = features
    out.meta = {**result.meta, "pseudonymized": True}
    key = table.reset_index(drop=True)[["pseudonym", "platform", "account_id", "handle"]]
    return out, key


def _text_columns(frame: pd.DataFrame, words: dict[str, str], skip: set[str]) -> pd.DataFrame:
    for col in frame.columns:
        if col in skip:
            continue
        dtype = frame[col].dtype
        if pd.api.types.is_object_dtype(dtype) or isinstance(dtype, pd.StringDtype):
            frame[col] = _replace_words(frame[col], words)
    return frame
