"""The evidence layers of the account graph, each weighed against chance.

* ``co_comment``: two accounts comment on the same post within a time window more often than the
  post's own timing makes likely (null: for each shared post, the share of its occasional
  commenters' pairs that fall within the window, pooled over all quiet posts where a post has too
  few of them; a viral post, where everybody comments at once, explains its own pairs, while the
  accounts under test never set their own baseline).
* ``co_post``: two accounts work on the same posts of a page more often than their activity and
  the posts' popularity make likely (null: each account's posts drawn by popularity, with its own
  number of posts; a superfan who comments everywhere explains its own overlaps).
* ``co_reply``: two accounts answer the same accounts (the same critics) more often than the
  repliers' activity and the targets' popularity make likely (the co-post null on answered accounts).
* ``near_duplicate``: two accounts write the same or lightly edited texts, several times (MinHash
  over word shingles with banded locality-sensitive hashing; common short phrases weigh less), and
  comment on a page in common, or each copy with others on a page of its own.
* ``shared_line`` (:func:`shared_line_layer`, not built by the account graph): two accounts write
  more of the same short lines than their page predicts; a lead for reading.

Each layer returns one row per kept account pair, with the observed and expected counts, a p-value
(Poisson upper tail, turned into a Benjamini-Hochberg q-value over the pairs tested) and the
evidence behind the edge.
"""

from __future__ import annotations

import itertools
import os
import tempfile
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp
from scipy import special

from botwatch._engine import Engine, as_engine, engine_chunks
from botwatch.graph._pairs import (
    decode_pairs,
    encode_pairs,
    window_counts,
    window_pairs,
)
from botwatch.text import single_spaced, word_counts

__all__ = [
    "LayerResult",
    "co_comment_layer",
    "co_post_layer",
    "co_reply_layer",
    "empty_edges",
    "fdr_adjust",
    "link_weight",
    "minhash_signatures",
    "near_duplicate_layer",
    "occupancy_rates",
    "shared_line_layer",
    "stock_phrase_texts",
]

EDGE_COLUMNS = [
    "a",
    "b",
    "layer",
    "observed",
    "expected",
    "p_value",
    "q_value",
    "weight",
    "n_shared_posts",
    "mean_gap_s",
]


@dataclass(frozen=True)
class LayerResult:
    """What one layer of the account graph found.

    Attributes
    ----------
    edges : pandas.DataFrame
        The significant links, columns ``a, b, layer, observed, expected, p_value, q_value,
        weight, n_shared_posts, mean_gap_s``: ``p_value`` uncorrected, ``q_value`` the
        Benjamini-Hochberg q-value over every pair tested, ``weight`` from the q-value.
    weak : pandas.DataFrame or None
        The weak links (``p_value`` below :data:`WEAK_LINK_P`) in the same columns, with no
        ``q_value`` and ``weight`` from the p-value, where they were asked for (``weak=True``):
        an empty table where the co-comment layer tested no pair, None where the near-duplicate
        layer had too few texts to test any.
    weak_pairs : ndarray of int, shape (k, 2), or None
        The co-post layer's weak pairs (:func:`co_post_layer`), where asked for.
    copies : ndarray of int, shape (n_comments, 2), or None
        The near-duplicate layer's copy counts per comment (:func:`near_duplicate_layer`).
    """

    edges: pd.DataFrame
    weak: pd.DataFrame | None = None
    weak_pairs: np.ndarray | None = None
    copies: np.ndarray | None = None


def empty_edges() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="float64") for c in EDGE_COLUMNS}).astype(
        {"a": "int64", "b": "int64", "layer": "object"}
    )


def _poisson_p(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    # P(X >= observed) under Poisson(expected): the upper tail including k is pdtrc(k - 1).
    # (scipy.special directly: the scipy.stats wrapper costs more than the sum on millions of pairs.)
    # At or below its expectation a count has p > 0.5 (checked for every mean up to 200), so
    # those pairs, usually most of them, are given p = 1 without the sum: every caller keeps
    # only pairs far below that level.
    k = np.asarray(observed, dtype=np.float64) - 1
    mu = np.maximum(np.asarray(expected, dtype=np.float64), 1e-12)
    p = np.ones(len(k))
    above = (k + 1 > mu) & (k >= 0)
    p[above] = special.pdtrc(k[above], mu[above])
    return p


def _edge_frame(
    a: np.ndarray,
    b: np.ndarray,
    layer: str,
    observed: np.ndarray,
    expected: np.ndarray,
    p: np.ndarray,
    *,
    q: np.ndarray | None = None,
    n_shared_posts: np.ndarray | float = np.nan,
    mean_gap_s: np.ndarray | float = np.nan,
) -> pd.DataFrame:
    """One row per kept pair (low code first), in the columns every layer shares: a significant
    link with its q-value (its weight from it), a weak one without."""
    return pd.DataFrame(
        {
            "a": np.minimum(a, b),
            "b": np.maximum(a, b),
            "layer": layer,
            "observed": np.asarray(observed, dtype=np.float64),
            "expected": expected,
            "p_value": p,
            "q_value": np.nan if q is None else q,
            "weight": link_weight(p if q is None else q),
            "n_shared_posts": n_shared_posts,
            "mean_gap_s": mean_gap_s,
        }
    )


def fdr_adjust(p: np.ndarray, n_tests: int, *, below: float | None = None) -> np.ndarray:
    """Benjamini-Hochberg q-values of ``p`` among ``n_tests`` tests (the untested have p = 1).

    With ``below``, only q-values under it are computed (exactly) and the rest are set to 1: a
    q-value is never smaller than its p-value, so p-values at or above ``below`` are left out of
    the sort, and the ranks of the smaller ones do not change.

    Examples
    --------
    >>> fdr_adjust(np.array([0.001, 0.02, 0.5]), 10).round(3).tolist()
    [0.01, 0.1, 1.0]
    >>> fdr_adjust(np.array([0.001, 0.02, 0.5]), 10, below=0.05).round(3).tolist()
    [0.01, 1.0, 1.0]
    """
    m = max(int(n_tests), len(p), 1)
    if len(p) == 0:
        return p.astype(np.float64)
    out = np.ones(len(p), dtype=np.float64)
    idx = np.arange(len(p)) if below is None else np.flatnonzero(p < below)
    if len(idx) == 0:
        return out
    order = idx[np.argsort(p[idx], kind="stable")]
    ranked = p[order] * m / np.arange(1, len(order) + 1)
    q = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.minimum(q, 1.0)
    if below is not None:
        q[q >= below] = 1.0
    out[order] = q
    return out


def link_weight(p: np.ndarray) -> np.ndarray:
    return np.minimum(-np.log10(np.maximum(p, 1e-300)), 50.0)


LOCKSTEP_P = 0.01
"""Uncorrected p-value below which a pair counts toward an account's lockstep partners."""

WEAK_LINK_P = 0.05
"""Uncorrected p-value below which a co-comment or near-duplicate pair is kept as a weak link
(:attr:`AccountGraph.weak_links`): never an edge on its own, but it can join accounts the classifier
already flags (:func:`botwatch.graph.suspect_clusters`)."""


def co_comment_layer(
    account: np.ndarray,
    post: np.ndarray,
    time_s: np.ndarray,
    n_accounts: int,
    *,
    window_s: float,
    min_posts: int = 2,
    alpha: float = 0.01,
    weak: bool = False,
) -> LayerResult:
    """Pairs of accounts commenting on the same posts within ``window_s`` beyond chance.

    Parameters
    ----------
    account, post : ndarray of int
        Codes of the first comment of each (account, post); one row per pair of the two.
    time_s : ndarray of float
        Its time in seconds.
    n_accounts : int
        Number of account codes.
    window_s : float
        Two comments closer than this (inclusive) co-occur.
    min_posts : int
        Fewest posts a pair must co-occur on to be tested.
    alpha : float
        False discovery rate (Benjamini-Hochberg over every pair that co-occurred at least once).
    weak : bool, default False
        Also give the pairs met on ``min_posts`` posts or more with an uncorrected p-value below
        :data:`WEAK_LINK_P` (``result.weak``, ``p_value`` uncorrected). Such evidence is too weak
        for an edge on its own, but a farm that strikes only a few posts meets many of its members
        this often, a genuine commenter seldom anyone.

    Returns
    -------
    LayerResult
        ``edges`` in the columns ``a, b, layer, observed, expected, p_value, weight,
        n_shared_posts, mean_gap_s``; ``weak`` where asked for.
    """
    nothing = LayerResult(empty_edges(), empty_edges() if weak else None)
    if len(account) < 2:
        return nothing
    order = np.lexsort((account, time_s, post))
    account, post, time_s = account[order], post[order], time_s[order]
    n_posts = int(post.max()) + 1
    n_posts_of = np.bincount(account, minlength=n_accounts)
    active = n_posts_of[account] >= min_posts
    # The chance share of each post: how many of its commenter pairs fall within the window,
    # counted without building pairs. It is read from the post's casual commenters (accounts on
    # fewer than min_posts posts, who can never be an edge): a viral post's crowd arrives within
    # minutes and explains its pairs, while a farm that floods a quiet post cannot explain itself
    # away. Posts with too few casual commenters of their own take the share pooled over all such
    # posts' casual commenters, or their own casual commenters' share where that is higher: a
    # quiet post that a farm floods is judged by how occasional commenters meet, never by the
    # farm's own comments, and a busy post of regulars by its few occasional commenters too.
    casual = ~active
    casual_within = np.bincount(
        post[casual], weights=window_counts(post[casual], time_s[casual], window_s), minlength=n_posts
    )
    casual_n = np.bincount(post[casual], minlength=n_posts).astype(np.float64)
    enough = casual_n >= _MIN_CASUAL
    share_within = _pair_share(casual_within, casual_n)
    thin = ~enough
    pooled_pairs = (casual_n[thin] * (casual_n[thin] - 1) / 2).sum()
    if pooled_pairs >= _MIN_CASUAL * (_MIN_CASUAL - 1) / 2:
        # Smoothed, so that a pool where no pair met never makes a meeting impossible by chance.
        pooled = (casual_within[thin].sum() + 0.5) / (pooled_pairs + 1)
        share_within[thin] = np.maximum(pooled, share_within[thin])
    else:
        # Too few casual pairs on quiet posts to pool: their commenters' own share.
        within_per_post = np.bincount(post, weights=window_counts(post, time_s, window_s), minlength=n_posts)
        commenters = np.bincount(post, minlength=n_posts).astype(np.float64)
        share_within[thin] = _pair_share(within_per_post, commenters)[thin]
    # Pairs are built only among accounts on enough posts to reach min_posts: the many people who
    # comment once (most of a viral post's crowd) can never be an edge.
    acc_a, post_a, time_a = account[active], post[active], time_s[active]
    keys, observed, n_met = _count_pairs(acc_a, post_a, time_a, n_accounts, window_s, min_posts)
    if len(keys) == 0:
        return nothing
    # The tests are the pairs of repeat commenters that met within the window at least once, as in
    # statistically validated networks; pairs with a casual commenter can never be an edge, and
    # counting them would make the threshold stricter the more popular a page is.
    n_tested = n_met
    incidence = sp.csr_matrix((np.ones(len(account)), (account, post)), shape=(n_accounts, n_posts))
    incidence.sum_duplicates()
    incidence.data[:] = 1.0
    # Only the pairs whose uncorrected p-value is below every level read afterwards are kept, a chunk
    # of pairs at a time (the q-values of the others are 1 and cannot change the smaller ones',
    # see fdr_adjust): the same edges and weak links, without every pair's numbers at once.
    level = float(np.fmax(alpha, WEAK_LINK_P)) if weak else alpha
    kept = []
    for start in range(0, len(keys), _PAIRS_PER_CHUNK):
        k, o = keys[start : start + _PAIRS_PER_CHUNK], observed[start : start + _PAIRS_PER_CHUNK]
        a, b = decode_pairs(k, n_accounts)
        e = _rowwise_dot(incidence, a, b, share_within)
        p = _poisson_p(o, e)
        low = p < level
        kept.append((k[low], a[low], b[low], o[low], e[low], p[low]))
    keys, a, b, observed, expected, p_raw = (np.concatenate(column) for column in zip(*kept, strict=True))
    shared = _rowwise_dot(incidence, a, b, None)
    weak_links = None
    if weak:
        below = p_raw < WEAK_LINK_P
        weak_links = _edge_frame(
            a[below],
            b[below],
            "co_comment",
            observed[below],
            expected[below],
            p_raw[below],
            n_shared_posts=shared[below],
        )
    p = fdr_adjust(p_raw, n_tested, below=alpha)
    keep = p < alpha
    # The time gaps are evidence for the kept edges only.
    mean_gap = _mean_gaps(acc_a, post_a, time_a, n_accounts, window_s, keys[keep])
    edges = _edge_frame(
        a[keep],
        b[keep],
        "co_comment",
        observed[keep],
        expected[keep],
        p_raw[keep],
        q=p[keep],
        n_shared_posts=shared[keep],
        mean_gap_s=mean_gap,
    )
    return LayerResult(edges, weak_links)


_PAIRS_PER_CHUNK = 4_000_000
"""Pairs of repeat commenters whose expectation and p-value are computed at once (about 200 MB)."""

_MAX_KEYS_IN_ONE_SORT = 60_000_000
"""Pairs counted with one in-place sort (8 bytes each, about 480 MB); more are spilled to disk."""


def _count_pairs(
    account: np.ndarray,
    post: np.ndarray,
    time_s: np.ndarray,
    n_accounts: int,
    window_s: float,
    min_count: int,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Account pairs that met within the window at least ``min_count`` times, and how often.

    Rows are sorted by post and time. Returns the pairs' keys (sorted), their counts and the
    number of distinct pairs that met at all. The number of pairs is known before any is built,
    so they are written into one array and counted with a single in-place sort; past a size cap
    they are spilled to disk in partitions (:func:`_count_pairs_spilled`), which bounds memory.
    """
    total = int(window_counts(post, time_s, window_s).sum()) if len(post) else 0
    if total == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), 0
    if total > _MAX_KEYS_IN_ONE_SORT:
        chunks = (
            encode_pairs(account[i], account[j], n_accounts) for i, j in window_pairs(post, time_s, window_s)
        )
        return _count_pairs_spilled(chunks, total, min_count)
    keys = np.empty(total, dtype=np.int64)
    at = 0
    for i, j in window_pairs(post, time_s, window_s):
        keys[at : at + len(i)] = encode_pairs(account[i], account[j], n_accounts)
        at += len(i)
    keys.sort()
    return _runs(keys, min_count)


def _runs(keys: np.ndarray, min_count: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Distinct values of sorted ``keys`` seen at least ``min_count`` times, their counts, and
    the number of distinct values."""
    if min_count >= 2 and len(keys) >= 2:
        # Most pairs meet once: only the keys seen twice or more are located and counted, with
        # one byte per key on the way instead of an index for every distinct key.
        repeat = keys[1:] == keys[:-1]
        n_distinct = len(keys) - int(np.count_nonzero(repeat))
        in_run = np.zeros(len(keys), dtype=bool)
        in_run[1:] = repeat
        in_run[:-1] |= repeat
        if not in_run.any():
            return keys[:0], np.zeros(0, dtype=np.int64), n_distinct
        found, counts, _ = _runs(keys[in_run], 1)
        keep = counts >= min_count
        return found[keep], counts[keep], n_distinct
    change = np.empty(len(keys), dtype=bool)
    change[0] = True
    np.not_equal(keys[1:], keys[:-1], out=change[1:])
    first = np.flatnonzero(change)
    counts = np.diff(first, append=len(keys))
    keep = counts >= min_count
    return keys[first[keep]], counts[keep], len(first)


_MAX_SPILL_PARTS = 256
"""Most partitions (open files) the spilled pair count writes at once; a partition is one byte."""


def _count_pairs_spilled(
    chunks: Iterator[np.ndarray], total: int, min_count: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """:func:`_count_pairs` for more pairs than one sort should hold, in bounded memory.

    ``chunks`` yields the pair keys, ``total`` of them in all. Each key is sent by a hash of
    itself to one of several partitions, written to temporary files as the keys come, so every
    occurrence of a pair lands in the same partition.
    Each partition is then read back, sorted and counted alone: memory holds one chunk of pairs
    or one partition (about :data:`_MAX_KEYS_IN_ONE_SORT` keys), never all of them, and the
    disk holds 8 bytes per pair for the time of the count.
    """
    n_parts = min(_MAX_SPILL_PARTS, -(-total // _MAX_KEYS_IN_ONE_SORT))
    kept_keys, kept_counts = [], []
    n_met = 0
    with tempfile.TemporaryDirectory(prefix="botwatch-pairs-") as tmp:
        paths = [os.path.join(tmp, f"{q}.bin") for q in range(n_parts)]
        files = [open(path, "wb") for path in paths]  # noqa: SIM115 (closed below, all at once)
        try:
            for keys in chunks:
                part = _partition(keys, n_parts)
                # Grouped by partition in one pass (a stable sort of bytes is a radix sort).
                keys = keys[np.argsort(part, kind="stable")]
                sizes = np.bincount(part, minlength=n_parts)
                starts = np.cumsum(sizes) - sizes
                for q in np.flatnonzero(sizes):
                    keys[starts[q] : starts[q] + sizes[q]].tofile(files[q])
        finally:
            for f in files:
                f.close()
        for path in paths:
            keys = np.fromfile(path, dtype=np.int64)
            os.remove(path)
            if len(keys) == 0:
                continue
            keys.sort()
            found, counts, n_distinct = _runs(keys, min_count)
            n_met += n_distinct
            kept_keys.append(found)
            kept_counts.append(counts)
    if not kept_keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), n_met
    keys = np.concatenate(kept_keys)
    counts = np.concatenate(kept_counts)
    order = np.argsort(keys, kind="stable")
    return keys[order], counts[order], n_met


def _partition(keys: np.ndarray, n_parts: int) -> np.ndarray:
    """Partition of each pair key, by a multiplicative hash (spreads neighbouring keys)."""
    mixed = keys.view(np.uint64) * np.uint64(0x9E3779B97F4A7C15)  # wraps modulo 2**64
    return ((mixed >> np.uint64(33)) % np.uint64(n_parts)).astype(np.uint8)


def _mean_gaps(
    account: np.ndarray,
    post: np.ndarray,
    time_s: np.ndarray,
    n_accounts: int,
    window_s: float,
    wanted: np.ndarray,
) -> np.ndarray:
    """Mean time between the two comments of each wanted pair (sorted keys) where they met."""
    if len(wanted) == 0:
        return np.zeros(0)
    linked = np.zeros(n_accounts, dtype=bool)
    lo, hi = decode_pairs(wanted, n_accounts)
    linked[lo] = linked[hi] = True
    rows = linked[account]
    acc, pst, tt = account[rows], post[rows], time_s[rows]
    sums = np.zeros(len(wanted))
    hits = np.zeros(len(wanted))
    for i, j in window_pairs(pst, tt, window_s):
        keys = encode_pairs(acc[i], acc[j], n_accounts)
        pos = np.minimum(np.searchsorted(wanted, keys), len(wanted) - 1)
        found = wanted[pos] == keys
        sums += np.bincount(pos[found], weights=np.abs(tt[j] - tt[i])[found], minlength=len(wanted))
        hits += np.bincount(pos[found], minlength=len(wanted))
    return np.divide(sums, hits, out=np.full(len(wanted), np.nan), where=hits > 0)


_MIN_CASUAL = 10
"""Fewest casual commenters (45 pairs) from which a post's own chance share is read."""


def _pair_share(within: np.ndarray, commenters: np.ndarray) -> np.ndarray:
    pairs = commenters * (commenters - 1) / 2
    return np.divide(within, pairs, out=np.zeros(len(pairs)), where=pairs > 0)


def _rowwise_dot(
    incidence: sp.csr_matrix,
    a: np.ndarray,
    b: np.ndarray,
    col_weight: np.ndarray | None,
    chunk: int = 200_000,
) -> np.ndarray:
    """``sum_p X[a, p] * w[p] * X[b, p]`` for each pair, in chunks of pairs."""
    out = np.empty(len(a), dtype=np.float64)
    right = incidence if col_weight is None else incidence @ sp.diags(col_weight)
    right = sp.csr_matrix(right)
    for s in range(0, len(a), chunk):
        e = min(s + chunk, len(a))
        prod = incidence[a[s:e]].multiply(right[b[s:e]])
        out[s:e] = np.asarray(prod.sum(axis=1)).ravel()
    return out


def _share_a_page(
    account: np.ndarray, page: np.ndarray, n_accounts: int, a: np.ndarray, b: np.ndarray
) -> np.ndarray:
    """For each pair ``(a[i], b[i])`` of account codes: whether they comment on a page in common."""
    codes, pages = pd.factorize(page)
    on = sp.csr_matrix((np.ones(len(codes)), (account, codes)), shape=(n_accounts, max(len(pages), 1)))
    on.sum_duplicates()
    on.data[:] = 1.0
    return _rowwise_dot(on, a, b, None) > 0


def occupancy_rates(degrees: np.ndarray, popularity: np.ndarray) -> np.ndarray:
    """Solve ``sum_p 1 - exp(-lam * s_p) = k`` for ``lam`` per distinct degree ``k``.

    An account with ``k`` posts on a page of popularity ``s`` is then on post ``p`` with probability
    ``1 - exp(-lam_k * s_p)``; these sum to ``k`` exactly, so an account on every post is certain.
    """
    s = popularity / popularity.sum()
    k = np.minimum(degrees.astype(np.float64), len(s) - 1e-6)
    lo = np.zeros(len(k))
    hi = np.full(len(k), 1.0)
    while True:  # grow the bracket until it holds every root
        short = (1 - np.exp(-np.outer(hi, s))).sum(axis=1) < k
        if not short.any():
            break
        hi[short] *= 4
    for _ in range(60):
        mid = (lo + hi) / 2
        too_low = (1 - np.exp(-np.outer(mid, s))).sum(axis=1) < k
        lo = np.where(too_low, mid, lo)
        hi = np.where(too_low, hi, mid)
    return (lo + hi) / 2


def co_post_layer(
    account: np.ndarray,
    post: np.ndarray,
    page: np.ndarray,
    n_accounts: int,
    *,
    min_shared: int = 4,
    alpha: float = 0.01,
    min_ratio: float = 2.0,
    layer: str = "co_post",
    weak: bool = False,
) -> LayerResult:
    """Pairs of accounts that comment on the same posts of a page more often than chance.

    Parameters
    ----------
    account, post, page : ndarray of int
        One row per distinct (account, post); ``page`` is the post's page.
    n_accounts : int
        Number of account codes.
    min_shared : int
        Fewest shared posts (on one page) for a pair to be tested.
    alpha : float
        False discovery rate (Benjamini-Hochberg over the pairs sharing a post).
    min_ratio : float
        Observed shared posts must also be at least this multiple of the expectation.
    layer : str, default "co_post"
        Name of the layer in the result (the reply layer runs the same test on answered accounts).
    weak : bool, default False
        Also give the pairs of account codes (``result.weak_pairs``, shape (k, 2)) that share
        posts at ``min_ratio`` times the expectation or more with an uncorrected p-value below
        :data:`LOCKSTEP_P` (on any page): too weak for an edge pair by pair, but a crew working
        one selection of posts, each on its own clock, gives each member many such partners, who
        are each other's partners too.

    Returns
    -------
    LayerResult
        ``edges`` as :func:`co_comment_layer` (``mean_gap_s`` is empty here); ``weak_pairs``
        where asked for.
    """
    frames = []
    n_tested = 0
    results = []
    # Only pairs whose uncorrected p-value is below every level read later are kept, page by page:
    # a q-value is never below its p-value and the ranks of the smaller p-values among the tests
    # do not depend on the larger ones (see fdr_adjust), so the edges and weak pairs are the same,
    # while a busy page's regulars, who share many posts by chance, are not all held at once.
    level = float(np.fmax(alpha, LOCKSTEP_P)) if weak else alpha
    for g in np.unique(page):
        sel = page == g
        acc, pst = account[sel], post[sel]
        post_codes, post_local = np.unique(pst, return_inverse=True)
        popularity = np.bincount(post_local).astype(np.float64)
        degree = np.bincount(acc, minlength=n_accounts)
        active = degree[acc] >= min_shared
        if active.sum() < 2 or len(post_codes) < min_shared:
            continue
        acc_a, post_a = acc[active], post_local[active]
        act_codes, act_local = np.unique(acc_a, return_inverse=True)
        inc = sp.csr_matrix(
            (np.ones(len(act_local)), (act_local, post_a)), shape=(len(act_codes), len(post_codes))
        )
        # Posts shared by each pair, upper triangle only and in bounded chunks: a busy page's
        # regulars make hundreds of millions of pairs, of which only those sharing min_shared
        # posts are kept (the others are counted, as tests).
        ra, rb, obs, n_pairs, _ = _chunked_projection(inc, np.ones(len(post_codes)), min_shared)
        n_tested += n_pairs
        if len(obs) == 0:
            continue
        k_local = degree[act_codes]
        uniq_k, k_idx = np.unique(k_local, return_inverse=True)
        lam = occupancy_rates(uniq_k, popularity)
        prob = 1 - np.exp(-np.outer(lam, popularity / popularity.sum()))
        table = prob @ prob.T
        expected = table[k_idx[ra], k_idx[rb]]
        p_raw = _poisson_p(obs, expected)
        low = p_raw < level
        results.append((act_codes[ra[low]], act_codes[rb[low]], obs[low], expected[low], p_raw[low]))
    raw = [p_raw for *_, p_raw in results]
    pairs = None
    if weak:
        ends = [
            np.c_[a, b][(p < LOCKSTEP_P) & (obs >= min_ratio * expected)]
            for a, b, obs, expected, p in results
        ]
        pairs = np.unique(np.concatenate(ends), axis=0) if ends else np.zeros((0, 2), dtype=np.int64)
    q_all = fdr_adjust(np.concatenate(raw), n_tested, below=alpha) if raw else np.zeros(0)
    bounds = np.cumsum([0] + [len(x) for x in raw])
    for i, (a, b, obs, expected, _) in enumerate(results):
        p = q_all[bounds[i] : bounds[i + 1]]
        keep = (p < alpha) & (obs >= min_ratio * expected)
        frames.append(
            _edge_frame(
                a[keep],
                b[keep],
                layer,
                obs[keep],
                expected[keep],
                raw[i][keep],
                q=p[keep],
                n_shared_posts=obs[keep],
            )
        )
    if not frames:
        return LayerResult(empty_edges(), weak_pairs=pairs)
    edges = pd.concat(frames, ignore_index=True)
    # A pair active on several pages is one edge: the strongest page speaks for it.
    edges = edges.sort_values(["a", "b", "q_value"], kind="stable")
    return LayerResult(
        edges.drop_duplicates(["a", "b"], keep="first").reset_index(drop=True), weak_pairs=pairs
    )


def co_reply_layer(
    replier: np.ndarray,
    target: np.ndarray,
    n_accounts: int,
    *,
    min_shared: int = 3,
    alpha: float = 0.01,
) -> LayerResult:
    """Pairs of accounts that answer the same accounts more often than chance.

    A farm sent against critics answers the same few people; ordinary users answer whoever they
    happen to argue with. The test is the co-post one with answered accounts in place of posts:
    each replier's number of targets and each target's number of repliers (a critic many people
    answer explains its own overlaps) set the expectation.

    Parameters
    ----------
    replier, target : ndarray of int
        Account codes, one row per reply (self-replies and repeats are dropped here).
    n_accounts : int
        Number of account codes.
    min_shared : int, default 3
        Fewest answered accounts in common for a pair to be tested.
    alpha : float
        False discovery rate.

    Returns
    -------
    LayerResult
        ``edges`` as :func:`co_comment_layer`; ``n_shared_posts`` holds the accounts both answered.
    """
    keep = replier != target
    pairs = np.unique(np.c_[replier[keep], target[keep]].astype(np.int64), axis=0)
    if len(pairs) == 0:
        return LayerResult(empty_edges())
    return co_post_layer(
        pairs[:, 0],
        pairs[:, 1],
        np.zeros(len(pairs), dtype=np.int64),
        n_accounts,
        min_shared=min_shared,
        alpha=alpha,
        layer="co_reply",
    )


_PRIME = np.uint64((1 << 61) - 1)

_THREADS = min(4, os.cpu_count() or 1)
"""Threads of the array work that releases the interpreter lock (MinHash, the text projection)."""


def minhash_signatures(
    texts: list[str],
    n_hashes: int = 24,
    seed: int = 0,
    *,
    chunk: int = 50_000,
    engine: Engine | None = None,
) -> np.ndarray:
    """MinHash signatures over word unigrams and bigrams, shape ``(len(texts), n_hashes)``.

    Each distinct word is hashed once with CRC-32 (stable across processes), a bigram combines
    its two words' hashes, so signatures depend on the texts alone, not on row order or on
    Python's per-process string hashing. Everything after the split into words runs in numpy.
    Texts are taken ``chunk`` at a time (the engine's ``chunk_size`` where it sets one), one
    engine task each (in this process when ``engine`` is omitted): a text's signature depends on
    that text alone, so the result is the same for every chunk size and engine, while the words
    split out of the texts (Python strings, the largest cost) are held for one chunk only.
    """
    rng = np.random.default_rng(seed)
    mult = rng.integers(1, 1 << 31, n_hashes, dtype=np.uint64) | np.uint64(1)
    add = rng.integers(0, 1 << 31, n_hashes, dtype=np.uint64)
    run = as_engine(engine)
    blocks = run.map_chunks(_minhash_block, engine_chunks(run, texts, chunk), mult=mult, add=add)
    if not blocks:
        return np.full((0, n_hashes), np.iinfo(np.uint64).max, dtype=np.uint64)
    return np.concatenate(blocks)


def _words(texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Each text's words as ``str.split()`` gives them: words per text, each word's code in order,
    and the distinct words by code (codes in order of first appearance)."""
    arrow = single_spaced(pa.array(texts, type=pa.large_string()))
    empty = (pc.utf8_length(arrow).to_numpy(zero_copy_only=False) == 0) if len(texts) else np.zeros(0, bool)
    parts = pc.split_pattern(arrow, " ")
    lengths = np.where(empty, 0, pc.list_value_length(parts).to_numpy(zero_copy_only=False))
    words = pc.list_flatten(pc.filter(parts, pa.array(~empty)))
    encoded = words.dictionary_encode()
    return lengths.astype(np.int64), encoded.indices.to_numpy(), encoded.dictionary.to_pylist()


def _minhash_block(texts: list[str], mult: np.ndarray, add: np.ndarray) -> np.ndarray:
    sig = np.full((len(texts), len(mult)), np.iinfo(np.uint64).max, dtype=np.uint64)
    lengths, codes, vocab = _words(texts)
    if lengths.sum() == 0:
        return sig
    word_hash = np.fromiter((zlib.crc32(w.encode()) for w in vocab), dtype=np.uint64, count=len(vocab))
    h = word_hash[codes]
    doc = np.repeat(np.arange(len(texts)), lengths)
    same_doc = doc[1:] == doc[:-1]
    bigram = (h[:-1] * np.uint64(1_000_003) + h[1:] * np.uint64(7919) + np.uint64(1)) & np.uint64(0xFFFFFFFF)
    values = np.concatenate([h, bigram[same_doc]])
    docs = np.concatenate([doc, doc[:-1][same_doc]])
    order = np.argsort(docs, kind="stable")
    docs, values = docs[order], values[order]
    starts = np.flatnonzero(np.r_[True, docs[1:] != docs[:-1]])
    at = docs[starts]

    def hash_columns(columns: range) -> None:
        for k in columns:
            hashed = (values * mult[k] + add[k]) % _PRIME
            sig[at, k] = np.minimum.reduceat(hashed, starts)

    # numpy releases the interpreter lock: the hash functions are shared among threads.
    n_threads = min(_THREADS, len(mult))
    with ThreadPoolExecutor(max_workers=max(n_threads, 1)) as pool:
        list(pool.map(hash_columns, [range(t, len(mult), n_threads) for t in range(n_threads)]))
    return sig


def _band_buckets(part: np.ndarray) -> np.ndarray:
    """Bucket id per row of a band of hashes (equal rows, equal ids), by hashing, not sorting."""
    key = np.zeros(len(part), dtype=np.uint64)
    for col in range(part.shape[1]):
        key = key * np.uint64(0x9E3779B97F4A7C15) + part[:, col]  # wraps modulo 2**64
    return pd.factorize(key)[0]


def _distinct_count(group: np.ndarray, member: np.ndarray, n_members: int) -> np.ndarray:
    """Per row: how many distinct members its group holds (groups and members as int codes)."""
    key = group.astype(np.int64) * np.int64(n_members) + member
    uniq = pd.unique(key)  # hashing, unsorted: ten times quicker than np.unique here
    size = np.bincount(uniq // n_members, minlength=int(group.max()) + 1)
    return size[group]


def _copy_counts(
    sig: np.ndarray, text_codes: np.ndarray, acc: np.ndarray, post: np.ndarray, rows: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per comment: other accounts with a text agreeing on a whole band of ``rows`` hashes,
    anywhere in the dump and under the same post."""
    best = np.zeros(len(text_codes), dtype=np.int64)
    best_post = np.zeros(len(text_codes), dtype=np.int64)
    n_acc = int(acc.max()) + 1
    post_code = pd.factorize(post)[0]
    for band in range(sig.shape[1] // rows):
        bucket = _band_buckets(sig[:, band * rows : (band + 1) * rows])[text_codes]
        best = np.maximum(best, _distinct_count(bucket, acc, n_acc) - 1)
        on_post = pd.factorize(bucket.astype(np.int64) * np.int64(post_code.max() + 1) + post_code)[0]
        best_post = np.maximum(best_post, _distinct_count(on_post, acc, n_acc) - 1)
    return best, best_post


_PRODUCTS_PER_CHUNK = 4_000_000
"""Account-bucket-account products computed at once in :func:`_chunked_projection` (about 100 MB)."""


_SEGMENTS = 8
"""Times :func:`_chunked_projection` cuts the accounts already done from its right-hand side."""


def _chunked_projection(
    inc: sp.csr_matrix, weight: np.ndarray, min_value: float, budget: int = _PRODUCTS_PER_CHUNK
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, float]:
    """Upper triangle of ``inc @ diag(weight) @ inc.T`` in row chunks, keeping entries >= min_value.

    Returns rows, columns and values of the kept entries, with the count and the sum of all
    upper-triangle entries (for the null model and the number of tests). Rows are accounts and
    columns text buckets or posts. Chunks are cut by work, not by a fixed number of rows: a row's
    products are the sizes of its columns summed, and each chunk holds rows worth about
    ``budget`` products (at least one row), so memory stays bounded however a dump's texts
    cluster or its posts draw crowds (a chunk of 20,000 rows took 850 MB on 1M comments; this
    takes about 100 MB).
    """
    right = sp.csr_matrix(inc @ sp.diags(weight)).T.tocsr()
    work = inc @ np.diff(right.indptr).astype(np.float64)
    cum = np.cumsum(work)
    cuts = np.searchsorted(cum, np.arange(budget, cum[-1] if len(cum) else 0, budget), side="right")
    bounds = np.unique(np.r_[0, cuts, inc.shape[0]])
    # Only the upper triangle is kept: every few chunks, the accounts before the chunk are cut
    # from the right-hand side (about half the products are never made). Each entry is summed in
    # the same order as over all accounts, so the values are the same to the last bit. Chunks run
    # in threads (the sparse product releases the interpreter lock) and are taken in order.
    chunks = list(itertools.pairwise(bounds.tolist()))
    per_segment = -(-len(chunks) // _SEGMENTS)

    def upper_block(
        start: int, stop: int, part: sp.csr_matrix, offset: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, float]:
        block = (inc[start:stop] @ part).tocoo()
        upper = block.col + offset > block.row + start
        r, c, v = block.row[upper].astype(np.int64) + start, block.col[upper] + offset, block.data[upper]
        big = v >= min_value
        return r[big], c[big], v[big], len(v), float(v.sum())

    found: list[tuple[np.ndarray, np.ndarray, np.ndarray, int, float]] = []
    with ThreadPoolExecutor(max_workers=min(_THREADS, max(len(chunks), 1))) as pool:
        for first in range(0, len(chunks), per_segment):
            offset = chunks[first][0]
            part = right[:, offset:] if offset > 0 else right
            starts, stops = zip(*chunks[first : first + per_segment], strict=True)
            found += pool.map(upper_block, starts, stops, [part] * len(starts), [offset] * len(starts))
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0), 0, 0.0
    rows, cols, vals, counts, sums = zip(*found, strict=True)
    total = 0.0
    for chunk_sum in sums:  # in chunk order: the same total for any number of threads
        total += chunk_sum
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals), sum(counts), total


def stock_phrase_texts(
    account: np.ndarray,
    normalized: np.ndarray,
    n_words: np.ndarray,
    *,
    max_words: int = 4,
    min_accounts: int = 3,
    max_parts: int = 3,
    min_text_words: int = 2,
) -> np.ndarray:
    """Which texts are made of stock phrases only.

    A stock phrase is a normalised text of at most ``max_words`` words that at least
    ``min_accounts`` distinct accounts wrote on its own. The mask is True for texts of
    ``min_text_words`` to ``max_parts * max_words`` words that split into one stock phrase after
    another, so that "так держать всегда читаю ваши новости" is stock when both halves are. The
    answer depends on the set of texts and writers alone, not on row order.

    Examples
    --------
    >>> texts = np.array(["так держать"] * 5 + ["всегда читаю ваши новости"] * 5
    ...                  + ["так держать всегда читаю ваши новости", "так держать акимат молодец"])
    >>> accounts = np.r_[0:5, 0:5, 7, 8]
    >>> words = np.array([t.count(" ") + 1 for t in texts])
    >>> stock_phrase_texts(accounts, texts, words)[-2:].tolist()
    [True, False]
    """
    out = np.zeros(len(normalized), dtype=bool)
    short = np.flatnonzero((n_words >= 1) & (n_words <= max_words))
    if len(short) == 0:
        return out
    codes, phrases = pd.factorize(pd.Series(normalized[short], dtype=object))
    n_acc = int(account.max()) + 1
    # Distinct (phrase, account) pairs, counted per phrase.
    writers = np.unique(codes.astype(np.int64) * n_acc + account[short]) // n_acc
    counts = np.bincount(writers, minlength=len(phrases))
    stock = {str(p) for p in np.asarray(phrases, dtype=object)[counts >= min_accounts]}
    if not stock:
        return out
    firsts = {p.partition(" ")[0] for p in stock}
    lasts = {p.rpartition(" ")[2] for p in stock}
    cand = np.flatnonzero((n_words >= max(2, min_text_words)) & (n_words <= max_parts * max_words))
    # Only texts that begin as a stock phrase begins and end as one ends are split (few of them).
    framed = np.fromiter(
        (t.partition(" ")[0] in firsts and t.rpartition(" ")[2] in lasts for t in normalized[cand]),
        dtype=bool,
        count=len(cand),
    )
    cand = cand[framed]
    verdict: dict[str, bool] = {}
    for i in cand:
        t = normalized[i]
        if t not in verdict:
            verdict[t] = _splits_into(t.split(" "), stock, max_words)
        out[i] = verdict[t]
    return out


def _splits_into(words: list[str], phrases: set[str], max_words: int) -> bool:
    """Whether ``words`` split into consecutive members of ``phrases`` (each of at most
    ``max_words`` words)."""
    reach = [True] + [False] * len(words)
    for end in range(1, len(words) + 1):
        reach[end] = any(
            reach[start] and " ".join(words[start:end]) in phrases
            for start in range(max(0, end - max_words), end)
        )
    return reach[-1]


def near_duplicate_layer(
    account: np.ndarray,
    normalized: np.ndarray,
    n_accounts: int,
    post: np.ndarray | None = None,
    page: np.ndarray | None = None,
    *,
    min_words: int = 5,
    bands: int = 10,
    rows: int = 3,
    min_shared: float = 2.0,
    common_accounts: int = 20,
    max_bucket_accounts: int = 300,
    alpha: float = 0.01,
    copy_rows: int = 6,
    stock_words: int = 4,
    stock_accounts: int = 3,
    weak: bool = False,
    similar_min_shared: float = 0.5,
    engine: Engine | None = None,
    factorized: tuple[np.ndarray, np.ndarray] | None = None,
) -> LayerResult:
    """Pairs of accounts writing near-identical texts, and each comment's near-copy count.

    Parameters
    ----------
    account : ndarray of int
        Account code per comment.
    normalized : ndarray of str
        Normalised text per comment (see :func:`botwatch.text.normalize`).
    n_accounts : int
        Number of account codes.
    post : ndarray of int, optional
        Post code per comment (``-1`` for none), for the near-copies under the same post.
    page : ndarray of int, optional
        Page code per comment. Two accounts that never comment on a page in common are linked
        only when each of them is also linked to an account it shares a page with: the press
        services of two akimats answering with the same template, or fans of two pages writing
        the same greetings, do not act together, while two crews of one operation, each copying
        on its own page, do. The partner at home must be a significant link; weak links follow
        the same rule. Omitted, every comment is on one page.
    min_words : int
        Shorter texts are too generic to count as copies.
    bands, rows : int
        LSH bands of ``rows`` hashes each; two texts of Jaccard similarity ``J`` share a band with
        probability ``1 - (1 - J**rows)**bands``.
    min_shared : float
        Fewest distinct shared texts (band matches divided by ``bands``) for an edge.
    common_accounts : int
        A text written by more accounts than this weighs less, as a common phrase.
    max_bucket_accounts : int
        Buckets with more accounts are common phrases: they still count in each comment's
        near-copy count, but pairs are not built from them (a phrase of a thousand accounts would
        make half a million pairs of no evidence, as its weight is below 0.15 anyway).
    alpha : float
        False discovery rate against the background collision rate of the dump.
    copy_rows : int
        Hashes per band for the near-copy count, stricter than the pair bands: two texts count as
        copies when they agree on a whole band of this many hashes (likely above Jaccard 0.8).
    stock_words, stock_accounts : int
        Stock phrases are texts of at most ``stock_words`` words written on their own by at least
        ``stock_accounts`` accounts ("так держать", "рахмет еңбектеріңізге"). A text made of stock
        phrases only ("так держать всегда читаю ваши новости") is as generic as its parts: fans
        who put together the same few phrases share such texts by chance, so these texts link
        nobody (they still count in ``copies``). ``stock_accounts=0`` pairs on every text (see
        :func:`stock_phrase_texts`).
    weak : bool, default False
        Also give the pairs tested with an uncorrected p-value below :data:`WEAK_LINK_P`
        (``result.weak``, see :func:`co_comment_layer`), and with them, as layer
        ``similar_text``, the pairs below ``min_shared`` that share at least
        ``similar_min_shared`` (similar texts: a farm paraphrasing its templates, whose accounts
        seldom write the same text twice), at the same uncorrected p-value.
    similar_min_shared : float
        Fewest shared texts (counted as for ``min_shared``) for a pair of similar texts among the
        weak links; at ``min_shared`` or above, none. Edges are the same whatever it is.
    engine : MemoryEngine or DaskEngine, optional
        Where the texts' MinHash signatures are computed (see :func:`minhash_signatures`); in this
        process when omitted. The layer is the same on every engine.
    factorized : (ndarray of int, ndarray of str), optional
        ``normalized`` as :func:`pandas.factorize` gives it (codes per comment, distinct texts),
        where the caller has it already; the layer is the same with or without.

    Returns
    -------
    LayerResult
        ``edges`` as :func:`co_comment_layer`, ``observed`` being the number of shared
        near-duplicate texts (band matches over ``bands``, weighted down for common phrases) and
        ``expected`` what the background collision rate predicts from the two accounts' numbers
        of distinct texts; ``copies``, per comment, the number of other accounts with a
        near-identical text, anywhere (column 0) and under the same post (column 1), 0 for short
        texts; ``weak`` where asked for and any pair was tested.
    """
    n = len(account)
    copies = np.zeros((n, 2), dtype=np.int64)
    if post is None:
        post = np.full(n, -1, dtype=np.int64)
    # Each distinct text is counted and sorted once; the long enough ones get codes in text order.
    if factorized is None:
        factorized = pd.factorize(np.asarray(normalized, dtype=object))
    all_codes, all_texts = factorized
    words_of = word_counts(np.asarray(all_texts, dtype=object))
    n_words = words_of[all_codes]
    usable = np.flatnonzero(n_words >= min_words)
    if len(usable) < 2:
        return LayerResult(empty_edges(), copies=copies)
    long_texts = np.flatnonzero(words_of >= min_words)
    # Arrow compares the UTF-8 bytes, which order texts as Python's code points do.
    by_text = pc.sort_indices(pa.array(all_texts[long_texts], type=pa.large_string())).to_numpy()
    in_order = long_texts[by_text]
    code_of = np.full(len(all_texts), -1, dtype=np.int64)
    code_of[in_order] = np.arange(len(in_order))
    text_codes, uniques = code_of[all_codes[usable]], all_texts[in_order]
    sig = minhash_signatures(list(uniques), n_hashes=bands * rows, engine=engine)
    acc = account[usable]
    # Copies are counted over every text long enough (a fact: so many others wrote it); pairs are
    # built only from texts that are more than stock phrases put together (a claim of a link).
    anywhere, same_post = _copy_counts(sig, text_codes, acc, post[usable], copy_rows)
    copies[usable, 0] = anywhere
    copies[usable, 1] = np.where(post[usable] >= 0, same_post, 0)
    if stock_accounts:
        stock = stock_phrase_texts(
            account,
            normalized,
            n_words,
            max_words=stock_words,
            min_accounts=stock_accounts,
            min_text_words=min_words,
        )
        pairable = np.flatnonzero(~stock[usable])
        acc, text_codes = acc[pairable], text_codes[pairable]
    bucket_rows = []
    for band in range(bands):
        part = sig[:, band * rows : (band + 1) * rows]
        bucket_rows.append(_band_buckets(part) + band * len(uniques))
    # Comment -> bucket incidence, deduplicated to account -> bucket.
    bucket_of_comment = np.stack([b[text_codes] for b in bucket_rows], axis=1)
    acc_rep = np.repeat(acc, bands)
    bkt = bucket_of_comment.ravel()
    n_buckets = bands * len(uniques)
    inc = sp.csr_matrix((np.ones(len(bkt)), (acc_rep, bkt)), shape=(n_accounts, n_buckets))
    inc.sum_duplicates()
    inc.data[:] = 1.0
    bucket_size = np.asarray(inc.sum(axis=0)).ravel()
    shareable = (bucket_size >= 2) & (bucket_size <= max_bucket_accounts)
    # A phrase many unrelated people write (a common thanks) is weak evidence between any two of them.
    weight = np.minimum(1.0, common_accounts / np.maximum(bucket_size, 1)) ** 0.5 / bands
    inc = inc[:, np.flatnonzero(shareable)]
    w = weight[shareable]
    if inc.nnz == 0:
        return LayerResult(empty_edges(), copies=copies)
    rows_with = np.flatnonzero(np.diff(inc.indptr) > 0)
    # Only pairs with enough shared texts can become edges; leaving the others out of the ranking
    # can only make the Benjamini-Hochberg threshold stricter.
    floor = min(min_shared, similar_min_shared) if weak else min_shared
    ra, rb, s, n_tested, sim_total = _chunked_projection(inc[rows_with], w, floor)
    # Null: texts of two unrelated accounts collide at the background rate of this dump, so two
    # prolific accounts are expected to share more than two occasional ones.
    distinct = pd.unique(acc.astype(np.int64) * np.int64(len(uniques)) + text_codes)
    n_texts = np.bincount(distinct // len(uniques), minlength=n_accounts).astype(np.float64)
    total = n_texts.sum()
    possible = (total**2 - (n_texts**2).sum()) / 2
    rate = sim_total / possible if possible > 0 else 0.0
    a, b = rows_with[ra], rows_with[rb]
    expected = rate * n_texts[a] * n_texts[b]
    p_raw = _poisson_p(np.ceil(s - 1e-9), expected)
    enough = s >= min_shared
    q = np.ones(len(a))
    q[enough] = fdr_adjust(p_raw[enough], n_tested, below=alpha)
    keep = enough & (q < alpha)
    counts = np.ones(len(a), dtype=bool)
    if page is not None:
        # A link across pages counts only between accounts that each copy where they work: two
        # crews of one operation on two pages, not two press services with one manual.
        met = _share_a_page(account, page, n_accounts, a, b)
        copies_at_home = np.zeros(n_accounts, dtype=bool)
        copies_at_home[a[keep & met]] = True
        copies_at_home[b[keep & met]] = True
        counts = met | (copies_at_home[a] & copies_at_home[b])
    weak_links = None
    if weak:
        below = (p_raw < WEAK_LINK_P) & counts
        frames = [
            _edge_frame(a[m], b[m], layer, s[m], expected[m], p_raw[m])
            for m, layer in ((below & enough, "near_duplicate"), (below & ~enough, "similar_text"))
        ]
        weak_links = pd.concat(frames, ignore_index=True)
    keep &= counts
    edges = _edge_frame(a[keep], b[keep], "near_duplicate", s[keep], expected[keep], p_raw[keep], q=q[keep])
    return LayerResult(edges, weak_links, copies=copies)


def shared_line_layer(
    account: np.ndarray,
    line: np.ndarray,
    page: np.ndarray,
    n_accounts: int,
    *,
    rates: str = "occasional",
    min_shared: int = 2,
    max_accounts: int = 300,
    alpha: float = 0.01,
) -> LayerResult:
    """Pairs of accounts sharing more short lines than their pages predict.

    Paid commenters rotate a few short lines ("Молодцы, так держать!") that are too short for
    :func:`near_duplicate_layer`, and genuine people write some of the same words. A crew's
    accounts share several lines that few others write. Per page, each line has a rate at which
    an account chooses it by chance; account ``j`` with ``k_j`` distinct short lines on the page
    is expected to share ``k_j`` times the summed rates of ``i``'s lines. The two directions are
    averaged and summed over the pages the two share. Only pairs sharing a line are counted as
    tests, so a pair's p-value is its Poisson tail given that it shares one (a pair with a tiny
    expectation that shares a line at all is no evidence yet), with the Benjamini-Hochberg
    correction over those pairs.

    Neither way of reading the rates holds everywhere. ``"occasional"`` links people who share a
    vocabulary occasional writers do not use: the replies of those who argue in threads on a
    page whose occasional writers all enter a contest, a page's regulars. ``"writers"`` lets a
    crew's own writing make its lines look common, so that a farm of forty among 22,000
    commenters is missed, and it links regulars too. One common line shared by a crew also adds
    as much to its expectation as to its count, which can hide a small crew.
    :func:`account_graph` does not build these pairs; the model reads the occasional writers'
    pairs among three or more linked accounts (``line_partners_log`` in
    :mod:`botwatch.features`).

    Parameters
    ----------
    account : ndarray of int
        Account code of each short line written (one row per comment whose text is short).
    line : ndarray of int
        Code (0 or more) of its normalised text.
    page : ndarray of int
        Its page code (one code for a dump without pages).
    n_accounts : int
        Number of account codes.
    rates : {"occasional", "writers"}, default "occasional"
        How common each line is on its page. ``"occasional"``: ``(c + 0.5) / (m + 1)`` for a line
        ``c`` of the page's ``m`` occasional writers (accounts with one distinct short line
        there) wrote, so that a crew's repetitions cannot make its lines look common; on a page
        with few occasional writers every line is plausible and nobody is linked there.
        ``"writers"``: ``(w + 0.5) / (n + 1)`` for a line of ``w`` of the page's ``n``
        account-line pairs, the two accounts tested taken out of ``w``.
    min_shared : int, default 2
        Fewest lines a pair must share (summed over pages) to be tested.
    max_accounts : int, default 300
        Lines written by more accounts of a page are common phrases: they count in each account's
        number of lines but link nobody.
    alpha : float, default 0.01
        False discovery rate.

    Returns
    -------
    LayerResult
        ``edges`` in the columns of :func:`co_comment_layer` (layer ``shared_line``), ``observed``
        being the lines the pair shares, counted once per page, and ``expected`` what the null
        predicts.

    Examples
    --------
    Three accounts writing the same three lines, among thirty who write one line each:

    >>> lines = np.r_[[0, 1, 2] * 3, np.arange(3, 33)]
    >>> accounts = np.r_[[0, 0, 0, 1, 1, 1, 2, 2, 2], np.arange(3, 33)]
    >>> pages = np.zeros(len(lines), dtype=np.int64)
    >>> edges = shared_line_layer(accounts, lines, pages, 33, rates="occasional").edges
    >>> edges[["a", "b", "observed"]].to_numpy(dtype=int).tolist()
    [[0, 1, 3], [0, 2, 3], [1, 2, 3]]
    """
    if rates not in ("writers", "occasional"):
        raise ValueError(f"rates must be 'writers' or 'occasional', got {rates!r}")
    if len(account) < 2:
        return LayerResult(empty_edges())
    if line.min() < 0:
        raise ValueError("line codes must be 0 or more (a missing text is no line)")
    # One code per line of a page, and one node per account of a page: lines are the page's own.
    n_lines = int(line.max()) + 1
    page_line = page.astype(np.int64) * n_lines + line.astype(np.int64)
    node_key = page.astype(np.int64) * n_accounts + account.astype(np.int64)
    distinct = pd.DataFrame({"line": page_line, "node": node_key}).drop_duplicates()
    line_code, lines = pd.factorize(distinct["line"], sort=True)
    node_code, nodes = pd.factorize(distinct["node"], sort=True)
    pages = np.unique(np.asarray(nodes) // n_accounts)
    node_page = np.searchsorted(pages, np.asarray(nodes) // n_accounts)
    node_account = np.asarray(nodes) % n_accounts
    line_page = np.searchsorted(pages, np.asarray(lines) // n_lines)
    writers = np.bincount(line_code).astype(np.float64)
    k = np.bincount(node_code, minlength=len(nodes)).astype(np.float64)
    if rates == "occasional":
        occasional = k[node_code] == 1
        of_page = np.bincount(node_page, weights=k == 1, minlength=len(pages))
        rate = (np.bincount(line_code[occasional], minlength=len(lines)) + 0.5) / (of_page[line_page] + 1)
        own = np.zeros(len(nodes))
    else:
        of_page = np.bincount(line_page, weights=writers, minlength=len(pages))
        rate = (writers + 0.5) / (of_page[line_page] + 1)
        # What one account's use of one line adds to that line's rate on its page.
        own = 1 / (of_page[node_page] + 1)
    pairable = (writers[line_code] >= 2) & (writers[line_code] <= max_accounts)
    a, c = node_code[pairable], line_code[pairable]
    if len(a) < 2:
        return LayerResult(empty_edges())
    summed = np.bincount(a, weights=rate[c], minlength=len(nodes))
    n_pairable = np.bincount(a, minlength=len(nodes)).astype(np.float64)
    # An account with one line to share in the whole dump shares at most that line with anyone:
    # its pairs are tests, never edges. They are counted per line, not made: each is a distinct
    # pair, since such an account writes on one line only.
    single = (np.bincount(node_account[a], minlength=n_accounts) == 1)[node_account[a]] & (min_shared >= 2)
    every = np.bincount(c, minlength=len(lines)).astype(np.int64)
    multi = np.bincount(c[~single], minlength=len(lines)).astype(np.int64)
    n_single_pairs = int((every * (every - 1) // 2 - multi * (multi - 1) // 2).sum())
    a, c = a[~single], c[~single]
    inc = sp.csr_matrix((np.ones(len(a)), (a, c)), shape=(len(nodes), len(lines)))
    shared = sp.triu(inc @ inc.T, k=1).tocoo()
    i, j, o = shared.row.astype(np.int64), shared.col.astype(np.int64), shared.data
    # With "writers", the two accounts tested are taken out of their lines' rates: each one's own
    # lines, and on the lines they share, the other's too.
    e = (
        k[j] * (summed[i] - (n_pairable[i] + o) * own[i]) + k[i] * (summed[j] - (n_pairable[j] + o) * own[j])
    ) / 2
    # Nodes sharing a line are on one page; each pair's counts are summed over its pages.
    ai, aj = node_account[i], node_account[j]
    pair = np.minimum(ai, aj) * np.int64(n_accounts) + np.maximum(ai, aj)
    pair_code, pair_keys = pd.factorize(pair)
    observed = np.bincount(pair_code, weights=o)
    expected = np.bincount(pair_code, weights=e)
    n_tested = len(pair_keys) + n_single_pairs
    enough = observed >= min_shared
    pair_keys = np.asarray(pair_keys)[enough]
    a, b = pair_keys // n_accounts, pair_keys % n_accounts
    observed, expected = observed[enough], expected[enough]
    # The tail given at least one shared line: the pairs counted as tests are those sharing one.
    p_raw = np.minimum(1.0, _poisson_p(observed, expected) / -np.expm1(-np.maximum(expected, 1e-12)))
    q = fdr_adjust(p_raw, n_tested, below=alpha)
    keep = q < alpha
    edges = _edge_frame(
        a[keep], b[keep], "shared_line", observed[keep], expected[keep], p_raw[keep], q=q[keep]
    )
    return LayerResult(edges.sort_values(["a", "b"]).reset_index(drop=True))
