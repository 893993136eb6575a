"""Dense blocks: groups of accounts that hit the same posts, found by greedy peeling.

A farm that boosts selected posts fills a block of the account-by-post matrix: its accounts all
comment early under the same few posts. Comments it writes elsewhere to look ordinary
(camouflage) lie outside the block and do not thin it, which is why a block score resists
camouflage where a count of shared posts per pair does not. The search is the greedy peeling of
Hooi et al. (FRAUDAR, KDD 2016): remove the row or column that adds least to the block, one at a
time, and keep the densest state seen. Each filled cell is weighed by ``1 / log(5 + commenters
of its post)``, so that a crowd under a popular post makes no block.

A block is a lead, not a finding: page regulars and people active in the same week also fill
blocks. Each block therefore carries what chance predicts for it (each account keeping its number
of posts on the page, drawn by the posts' popularity) and the lift over that.
"""

from __future__ import annotations

import heapq

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator

from botwatch.graph._graph import LABEL_SEP, post_labels
from botwatch.graph._layers import occupancy_rates
from botwatch.schema import account_keys

__all__ = ["DenseBlockFinder", "dense_blocks", "peel_densest"]


def peel_densest(matrix: sp.spmatrix) -> tuple[np.ndarray, np.ndarray, float]:
    """The densest block greedy peeling finds in a non-negative bipartite matrix.

    The density of rows ``R`` and columns ``C`` is the sum of their cells divided by
    ``len(R) + len(C)``; the block returned is at least half as dense as the densest one.

    Parameters
    ----------
    matrix : sparse matrix of shape (n_rows, n_cols)
        Non-negative weights (rows are accounts, columns posts, say).

    Returns
    -------
    rows, cols : ndarray of int
        The block's rows and columns, sorted.
    density : float
        Its density (0 for an empty matrix).

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1]], dtype=float))
    >>> rows, cols, density = peel_densest(m)
    >>> rows.tolist(), cols.tolist(), density
    ([0, 1], [0, 1], 1.0)
    """
    m = sp.csr_matrix(matrix, dtype=np.float64)
    m.eliminate_zeros()
    if m.nnz and m.data.min() < 0:
        raise ValueError("peel_densest needs non-negative weights")
    mt = m.T.tocsr()
    n_rows, n_cols = m.shape
    prio = [np.asarray(m.sum(axis=1)).ravel(), np.asarray(m.sum(axis=0)).ravel()]
    alive = [prio[0] > 0, prio[1] > 0]
    start = [alive[0].copy(), alive[1].copy()]
    total = float(m.sum())
    size = int(alive[0].sum() + alive[1].sum())
    if size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), 0.0
    version = [np.zeros(n_rows, dtype=np.int64), np.zeros(n_cols, dtype=np.int64)]
    heap = [(float(prio[k][i]), k, int(i), 0) for k in (0, 1) for i in np.flatnonzero(alive[k])]
    heapq.heapify(heap)
    removed: list[tuple[int, int]] = []
    best, best_at = total / size, 0
    sides = (m, mt)
    while heap:
        _, k, i, v = heapq.heappop(heap)
        if not alive[k][i] or v != version[k][i]:
            continue  # a stale entry: the node was removed or its priority has changed
        alive[k][i] = False
        removed.append((k, i))
        total -= prio[k][i]
        size -= 1
        other = 1 - k
        side = sides[k]
        lo, hi = side.indptr[i], side.indptr[i + 1]
        for j, w in zip(side.indices[lo:hi], side.data[lo:hi], strict=True):
            if alive[other][j]:
                prio[other][j] -= w
                version[other][j] += 1
                heapq.heappush(heap, (float(prio[other][j]), other, int(j), int(version[other][j])))
        if size > 0 and total / size > best + 1e-12:
            best, best_at = total / size, len(removed)
    kept = [start[0], start[1]]
    for k, i in removed[:best_at]:
        kept[k][i] = False
    return np.flatnonzero(kept[0]), np.flatnonzero(kept[1]), float(best)


class DenseBlockFinder(BaseEstimator):
    """Dense blocks of a bipartite matrix, one after another.

    Each block is found by :func:`peel_densest` on the rows not yet in a block, with every
    cell weighed by ``1 / log(offset + column sum)`` of the whole matrix (FRAUDAR's weighing: a
    column everyone fills, such as a viral post, adds little).

    Parameters
    ----------
    n_blocks : int, default 5
        Most blocks to find.
    min_rows, min_cols : int, default 3 and 2
        A block with fewer rows or columns ends the search.
    offset : float, default 5.0
        The constant in the column weight.

    Attributes
    ----------
    blocks_ : list of tuple
        ``(rows, cols, density)`` per block, in the order found.
    labels_ : ndarray of shape (n_rows,)
        Block per row, ``-1`` for none.
    """

    def __init__(
        self, *, n_blocks: int = 5, min_rows: int = 3, min_cols: int = 2, offset: float = 5.0
    ) -> None:
        self.n_blocks = n_blocks
        self.min_rows = min_rows
        self.min_cols = min_cols
        self.offset = offset

    def fit(self, X: sp.spmatrix, y: None = None) -> DenseBlockFinder:
        """Find the blocks of the non-negative matrix ``X`` (rows by columns)."""
        m = sp.csr_matrix(X, dtype=np.float64)
        m.data[:] = 1.0  # a filled cell, whatever its count
        weight = 1.0 / np.log(self.offset + np.asarray(m.sum(axis=0)).ravel())
        m = sp.csr_matrix(m @ sp.diags(weight))
        free = np.ones(m.shape[0], dtype=bool)
        self.blocks_: list[tuple[np.ndarray, np.ndarray, float]] = []
        labels = np.full(m.shape[0], -1, dtype=np.int64)
        for b in range(self.n_blocks):
            rows, cols, density = peel_densest(sp.diags(free.astype(np.float64)) @ m)
            if len(rows) < self.min_rows or len(cols) < self.min_cols:
                break
            self.blocks_.append((rows, cols, density))
            labels[rows] = b
            free[rows] = False
        self.labels_ = labels
        return self

    def fit_predict(self, X: sp.spmatrix, y: None = None) -> np.ndarray:
        return self.fit(X).labels_


def dense_blocks(
    comments: pd.DataFrame,
    *,
    max_delay_s: float | None = 1800.0,
    n_blocks: int = 5,
    min_accounts: int = 3,
    min_posts: int = 2,
) -> pd.DataFrame:
    """Groups of accounts that comment early under the same posts, with what chance predicts.

    Parameters
    ----------
    comments : pandas.DataFrame
        Validated comment table.
    max_delay_s : float, default 1800
        Only comments within this many seconds of the post count (the post's publication time,
        or its first comment where the dump has none); None counts every comment.
    n_blocks, min_accounts, min_posts
        As :class:`DenseBlockFinder` (``n_blocks``, ``min_rows``, ``min_cols``).

    Returns
    -------
    pandas.DataFrame
        One row per block, in the order found: ``block``, ``n_accounts``, ``n_posts``,
        ``filled`` (share of the block's account-post cells with a comment), ``observed``
        (those cells), ``expected`` (their number if each account kept its number of early
        comments on each page and chose posts by their popularity), ``lift`` (observed over
        expected), ``density`` (the peeling's weighted density), ``accounts`` and ``posts``
        (``;``-joined).
    """
    has_post = comments["post_id"].notna().to_numpy()
    c = comments[has_post]
    keys = account_keys(c)
    post_key = post_labels(c)
    created = pd.to_datetime(c["created_at"], utc=True)
    first = created.groupby(post_key.to_numpy()).transform("min")
    posted = pd.to_datetime(c["post_created_at"], utc=True).fillna(first)
    delay = (created - posted).dt.total_seconds().to_numpy()
    early = np.ones(len(c), dtype=bool) if max_delay_s is None else delay <= max_delay_s
    acc, accounts = pd.factorize(keys[early], sort=True)
    post, posts = pd.factorize(post_key[early], sort=True)
    page = pd.factorize(post_labels(c[early], page_only=True))[0]
    columns = ["block", "n_accounts", "n_posts", "filled", "observed", "expected", "lift", "density"]
    if len(acc) == 0:
        return pd.DataFrame(columns=[*columns, "accounts", "posts"])
    inc = sp.csr_matrix((np.ones(len(acc)), (acc, post)), shape=(len(accounts), len(posts)))
    inc.sum_duplicates()
    inc.data[:] = 1.0
    post_page = np.zeros(len(posts), dtype=np.int64)
    post_page[post] = page
    finder = DenseBlockFinder(n_blocks=n_blocks, min_rows=min_accounts, min_cols=min_posts).fit(inc)
    popularity = np.asarray(inc.sum(axis=0)).ravel()
    rows = []
    names = np.asarray([p.rsplit(LABEL_SEP, 1)[-1] for p in posts], dtype=object)
    for b, (r, k, density) in enumerate(finder.blocks_):
        observed = float(inc[r][:, k].sum())
        expected = 0.0
        for g in np.unique(post_page[k]):
            on_page = np.flatnonzero(post_page == g)
            degree = np.asarray(inc[r][:, on_page].sum(axis=1)).ravel()
            lam = occupancy_rates(degree, popularity[on_page])
            share = popularity[on_page] / popularity[on_page].sum()
            inside = np.isin(on_page, k)
            expected += float((1 - np.exp(-np.outer(lam, share[inside]))).sum())
        rows.append(
            {
                "block": b,
                "n_accounts": len(r),
                "n_posts": len(k),
                "filled": observed / (len(r) * len(k)),
                "observed": observed,
                "expected": expected,
                "lift": observed / expected if expected > 0 else np.inf,
                "density": density,
                "accounts": ";".join(np.asarray(accounts)[r].astype(str)),
                "posts": ";".join(names[k].astype(str)),
            }
        )
    return pd.DataFrame(rows, columns=[*columns, "accounts", "posts"])
