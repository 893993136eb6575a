"""Dense blocks: the peeling against brute force, planted blocks, camouflage, and a boost farm."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.sparse as sp

from botwatch.datasets import simulate
from botwatch.graph import DenseBlockFinder, dense_blocks, peel_densest


def _density(m: np.ndarray, rows, cols) -> float:
    return m[np.ix_(rows, cols)].sum() / (len(rows) + len(cols)) if len(rows) + len(cols) else 0.0


def _best_by_brute_force(m: np.ndarray) -> float:
    r, c = m.shape
    best = 0.0
    for rows in itertools.chain.from_iterable(itertools.combinations(range(r), k) for k in range(1, r + 1)):
        for cols in itertools.chain.from_iterable(
            itertools.combinations(range(c), k) for k in range(1, c + 1)
        ):
            best = max(best, _density(m, list(rows), list(cols)))
    return best


@pytest.mark.parametrize("seed", range(12))
def test_peeling_is_at_least_half_the_densest_block(seed):
    rng = np.random.default_rng(seed)
    m = (rng.random((5, 4)) < 0.5) * rng.uniform(0.2, 1.0, (5, 4))
    rows, cols, density = peel_densest(sp.csr_matrix(m))
    assert density == pytest.approx(_density(m, rows, cols))
    assert density >= _best_by_brute_force(m) / 2 - 1e-12


def test_a_planted_block_is_found_and_camouflage_does_not_hide_it():
    rng = np.random.default_rng(0)
    m = (rng.random((300, 120)) < 0.02).astype(float)
    block_rows, block_cols = np.arange(40, 52), np.arange(70, 78)
    m[np.ix_(block_rows, block_cols)] = 1.0
    finder = DenseBlockFinder(n_blocks=1)
    assert np.array_equal(finder.fit(sp.csr_matrix(m)).blocks_[0][0], block_rows)
    assert np.array_equal(finder.blocks_[0][1], block_cols)
    # Camouflage: the block's accounts also comment under many other posts, popular ones most.
    camouflaged = m.copy()
    popular = np.arange(0, 10)
    camouflaged[np.ix_(block_rows, popular)] = 1.0
    crowd = np.arange(100, 300)  # the popular posts' crowd, one popular post each
    camouflaged[crowd, rng.integers(0, 10, len(crowd))] = 1.0
    extra = rng.random((len(block_rows), 120)) < 0.1
    camouflaged[block_rows] = np.maximum(camouflaged[block_rows], extra)
    rows, cols, _ = DenseBlockFinder(n_blocks=1).fit(sp.csr_matrix(camouflaged)).blocks_[0]
    assert set(block_rows) <= set(rows) and len(rows) <= len(block_rows) + 2
    assert set(block_cols) <= set(cols)


def test_blocks_are_found_one_after_another_and_relabelling_moves_them():
    m = np.zeros((40, 20))
    m[np.ix_(range(0, 8), range(0, 5))] = 1.0
    m[np.ix_(range(20, 26), range(10, 14))] = 1.0
    m[30, 15] = 1.0  # a lone cell is no block
    finder = DenseBlockFinder(n_blocks=5)
    labels = finder.fit_predict(sp.csr_matrix(m))
    assert len(finder.blocks_) == 2
    assert (labels[:8] == 0).all() and (labels[20:26] == 1).all()
    assert (labels[8:20] == -1).all() and (labels[26:] == -1).all()
    perm = np.random.default_rng(1).permutation(40)
    again = DenseBlockFinder(n_blocks=5).fit_predict(sp.csr_matrix(m[perm]))
    assert np.array_equal(again, labels[perm])
    with pytest.raises(ValueError, match="non-negative"):
        peel_densest(sp.csr_matrix(-m))
    assert peel_densest(sp.csr_matrix((3, 3)))[2] == 0.0


def test_dense_blocks_find_a_farm_that_boosts_selected_posts():
    """World 2: the boost farm's early comments fill a block far beyond chance; the blocks of
    genuine commenters are large and sparse, near what their activity predicts."""
    world = simulate(2)
    blocks = dense_blocks(world.comments)
    farm = world.truth.set_index("account_id")["farm"].fillna("")
    kinds = [farm.reindex(b.split(";")).value_counts() for b in blocks["accounts"]]
    boost = [i for i, k in enumerate(kinds) if k.index[0] == "boost_operator" and k.iloc[0] == k.sum()]
    assert len(boost) == 1
    row = blocks.iloc[boost[0]]
    assert row["n_accounts"] >= 8 and row["n_posts"] >= 4
    assert row["filled"] >= 0.5 and row["lift"] >= 2.5
    genuine = [i for i, k in enumerate(kinds) if k.get("", 0) > k.sum() / 2]
    assert genuine and (blocks.loc[genuine, "filled"] < 0.2).all()
    assert (blocks["observed"] == (blocks["filled"] * blocks["n_accounts"] * blocks["n_posts"]).round()).all()
    assert list(blocks.columns[:3]) == ["block", "n_accounts", "n_posts"]
