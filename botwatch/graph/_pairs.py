"""Low-level pair machinery shared by the graph layers: sorted-window joins and pair keys.

Pairs of accounts are encoded as one int64 key (``low * n + high``) so that counting and joining
pairs stays in numpy. Generation runs in chunks of rows, which bounds memory even when a post has tens
of thousands of commenters.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

__all__ = ["decode_pairs", "encode_pairs", "reduce_pairs", "window_pairs"]

_MAX_PAIRS_PER_CHUNK = 4_000_000


def encode_pairs(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Order-free int64 key of each account pair (``a != b`` is the caller's business)."""
    lo = np.minimum(a, b).astype(np.int64, copy=False)
    hi = np.maximum(a, b).astype(np.int64, copy=False)
    lo *= np.int64(n)  # in place: these arrays hold millions of pairs
    lo += hi
    return lo


def decode_pairs(keys: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of :func:`encode_pairs`: the two account codes, low first."""
    return keys // np.int64(n), keys % np.int64(n)


def _window_ends(group: np.ndarray, time: np.ndarray, window: float) -> np.ndarray:
    # Each group gets its own stretch of the time line, so one sorted search finds window ends.
    t = np.floor(time).astype(np.int64)
    t -= t.min()
    w = int(np.floor(window))
    span = np.int64(t.max() + 2 * w + 1)
    key = group.astype(np.int64) * span + t
    return np.searchsorted(key, key + w, side="right")


def window_counts(group: np.ndarray, time: np.ndarray, window: float) -> np.ndarray:
    """Per row: later rows of the same group within ``window`` (rows sorted by group, time).

    The same counts :func:`window_pairs` would yield, without building a single pair.

    Examples
    --------
    >>> window_counts(np.array([0, 0, 0, 1, 1]), np.array([0, 59, 61, 0, 10]), 60).tolist()
    [1, 1, 0, 1, 0]
    """
    if len(group) == 0:
        return np.zeros(0, dtype=np.int64)
    return _window_ends(group, time, window) - np.arange(len(group)) - 1


def window_pairs(
    group: np.ndarray, time: np.ndarray, window: float, max_pairs: int = _MAX_PAIRS_PER_CHUNK
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Yield index pairs ``(i, j)``, ``i < j``, of rows in the same group within ``window``.

    Rows must be sorted by ``(group, time)``. Pairs come in chunks of at most about ``max_pairs``
    (a single row with more partners than that still comes whole).

    Examples
    --------
    >>> g = np.array([0, 0, 0, 1, 1]); t = np.array([0, 59, 61, 0, 10])
    >>> [(i.tolist(), j.tolist()) for i, j in window_pairs(g, t, 60)]
    [([0, 1, 3], [1, 2, 4])]
    """
    n = len(group)
    if n < 2:
        return
    end = _window_ends(group, time, window)
    counts = end - np.arange(n) - 1
    csum = np.cumsum(counts)
    start_row = 0
    while start_row < n:
        before = csum[start_row - 1] if start_row else 0
        stop_row = int(np.searchsorted(csum, before + max_pairs, side="right"))
        stop_row = max(stop_row, start_row + 1)
        stop_row = min(stop_row, n)
        c = counts[start_row:stop_row]
        total = int(c.sum())
        if total:
            i = np.repeat(np.arange(start_row, stop_row), c)
            # Offset of each pair within its row's run: 0, 1, ..., count-1.
            run_start = np.repeat(np.cumsum(c) - c, c)
            j = i + 1 + (np.arange(total) - run_start)
            yield i, j
        start_row = stop_row


def reduce_pairs(keys: np.ndarray, *values: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Count each distinct key and sum the given values per key.

    Returns the distinct keys (sorted), their counts and one array of sums per value array.
    """
    if len(keys) == 0:
        return keys, np.zeros(0, dtype=np.int64), [np.zeros(0) for _ in values]
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    first = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
    counts = np.diff(np.r_[first, len(sk)])
    sums = [np.add.reduceat(v[order], first) if len(v) else v for v in values]
    return sk[first], counts, sums


def merge_reduced(
    parts: list[tuple[np.ndarray, np.ndarray, list[np.ndarray]]],
) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Combine several :func:`reduce_pairs` results into one."""
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), []
    if len(parts) == 1:
        return parts[0]
    keys = np.concatenate([p[0] for p in parts])
    counts = np.concatenate([p[1] for p in parts])
    n_values = len(parts[0][2])
    values = [np.concatenate([p[2][k] for p in parts]) for k in range(n_values)]
    k, _, sums = reduce_pairs(keys, counts, *values)
    return k, sums[0].astype(np.int64), sums[1:]
