"""Texts shared within meetings: a pair-level measure not in botwatch, measured by hand.

    python bench/meeting_lines.py

Two accounts meet when their first comments under a post fall within five minutes of each other
(the co-comment layer's meetings). A meeting counts when the two comments have the same
normalised text. The chance of that under a post is read from the post's occasional commenters
(accounts on fewer than two posts): the share of their pairs writing the same text, pooled over
posts with fewer than ten of them. A pair is tested on its counted meetings against the sum of
those chances over all its meetings (a Poisson tail), with the Benjamini-Hochberg correction at
1 % over every pair that met.

Printed, per dump: farm accounts with a significant partner, and authentic accounts with one (by
role). The dumps are those of decision record 0011: the plain farms at 100,000 and 1,000,000
comments, `civic_world` worlds 916, 941, 800, 801 and 804, `agency_world` worlds 700-703,
`simulate` worlds 500-502, and the six accounts planted in `tests/test_privacy.py`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from botwatch.graph._graph import _codes
from botwatch.graph._layers import _MIN_CASUAL, _edge_frame, _poisson_p, empty_edges, fdr_adjust
from botwatch.graph._pairs import decode_pairs, encode_pairs, window_pairs
from botwatch.schema import account_keys, validate_comments
from botwatch.text import normalize_series

BENCH = Path(__file__).resolve().parent


def meeting_line_layer(
    account: np.ndarray,
    post: np.ndarray,
    time_s: np.ndarray,
    line: np.ndarray,
    n_accounts: int,
    *,
    window_s: float = 300.0,
    min_posts: int = 2,
    alpha: float = 0.01,
) -> pd.DataFrame:
    """Pairs meeting within the window with the same text more often than the posts' occasional
    commenters' texts coincide (one row per (account, post): its first comment; ``line`` -1 for
    no text)."""
    order = np.lexsort((account, time_s, post))
    account, post, time_s, line = account[order], post[order], time_s[order], line[order]
    n_posts = int(post.max()) + 1
    active = np.bincount(account, minlength=n_accounts)[account] >= min_posts
    occasional = ~active & (line >= 0)
    width = int(line.max()) + 2
    cells, counts = np.unique(
        post[occasional].astype(np.int64) * width + line[occasional], return_counts=True
    )
    same = np.bincount(cells // width, weights=counts * (counts - 1) / 2, minlength=n_posts)
    n_occ = np.bincount(post[occasional], minlength=n_posts).astype(np.float64)
    pairs = n_occ * (n_occ - 1) / 2
    chance = (same + 0.5) / (pairs + 1)
    thin = n_occ < _MIN_CASUAL
    if thin.any():
        pooled = (same[thin].sum() + 0.5) / (pairs[thin].sum() + 1)
        own = np.divide(same, pairs, out=np.zeros(n_posts), where=pairs > 0)
        chance[thin] = np.maximum(pooled, own[thin])
    acc_a, post_a, time_a, line_a = account[active], post[active], time_s[active], line[active]
    keys, weights, hits = [], [], []
    for i, j in window_pairs(post_a, time_a, window_s):
        keys.append(encode_pairs(acc_a[i], acc_a[j], n_accounts))
        weights.append(chance[post_a[i]])
        hits.append((line_a[i] == line_a[j]) & (line_a[i] >= 0))
    if not keys:
        return empty_edges()
    codes, uniques = pd.factorize(np.concatenate(keys))
    expected = np.bincount(codes, weights=np.concatenate(weights))
    observed = np.bincount(codes, weights=np.concatenate(hits).astype(np.float64))
    enough = observed >= min_posts
    a, b = decode_pairs(np.asarray(uniques)[enough], n_accounts)
    p = _poisson_p(observed[enough], expected[enough])
    q = fdr_adjust(p, len(uniques), below=alpha)
    keep = q < alpha
    return _edge_frame(
        a[keep], b[keep], "meeting_line", observed[enough][keep], expected[enough][keep], p[keep], q=q[keep]
    )


def linked_accounts(comments: pd.DataFrame, window_s: float = 300.0) -> pd.Series:
    """Per account key of a validated comment table: its significant partners."""
    c = _codes(comments)
    codes, texts = pd.factorize(normalize_series(comments["text"]).to_numpy(dtype=object))
    codes = np.where(np.asarray(texts, dtype=object)[codes] == "", -1, codes)
    first = c.first[c.first["precision"] <= window_s / 2]
    rows = np.flatnonzero(c.has_post)[first.index.to_numpy()]
    edges = meeting_line_layer(
        first["acc"].to_numpy(), first["post"].to_numpy(), first["t"].to_numpy(), codes[rows], len(c.accounts)
    )
    ends = np.r_[edges["a"].to_numpy(dtype=np.int64), edges["b"].to_numpy(dtype=np.int64)]
    return pd.Series(np.bincount(ends, minlength=len(c.accounts)), index=c.accounts)


def report(name: str, comments: pd.DataFrame, truth: pd.DataFrame) -> None:
    table = validate_comments(comments).table
    partners = linked_accounts(table)
    key_of = pd.Series(account_keys(table).to_numpy(), index=table["account_id"].astype(str).to_numpy())
    key_of = key_of[~key_of.index.duplicated()]
    t = truth.assign(account_id=truth["account_id"].astype(str)).drop_duplicates("account_id")
    t = t.set_index("account_id")
    linked = partners.reindex(key_of.reindex(t.index).to_numpy()).fillna(0).to_numpy() > 0
    fake = t["is_inauthentic"].fillna(False).astype(bool).to_numpy()
    roles = t["role"].fillna("genuine")[~fake & linked].value_counts().to_dict() if "role" in t else {}
    farm = f"farm accounts linked {linked[fake].sum()} of {fake.sum()}"
    print(f"{name}: {farm}, authentic {linked[~fake].sum()} {roles}")


def main() -> None:
    sys.path.insert(0, str(BENCH))
    import heldout_generator
    from plain_farm import plain_farm_dump

    from botwatch.datasets import agency_world, random_world_config, simulate

    for n, farms in ((100_000, 1), (1_000_000, 12)):
        comments, truth = plain_farm_dump(n, n_farms=farms)
        report(f"plain farm {n:,}", comments, truth.assign(is_inauthentic=truth["farm"].notna()))
    for seed in (916, 941, 800, 801, 804):
        comments, _, truth = heldout_generator._generator("civic")(seed)
        report(f"civic_world {seed}", comments, truth)
    for seed in range(700, 704):
        world = agency_world(seed)
        report(f"agency_world {seed}", world.comments, world.truth)
    for seed in range(500, 503):
        world = simulate(seed, random_world_config(np.random.default_rng(seed)))
        report(f"simulate {seed}", world.comments, world.truth)
    sys.path.insert(0, str(BENCH.parent))
    from tests.test_privacy import PLANTED, _planted_dump

    path, _ = _planted_dump(Path(tempfile.mkdtemp()))
    comments = pd.read_csv(path)
    ids = comments["account_id"].astype(str).unique()
    truth = pd.DataFrame({"account_id": ids, "is_inauthentic": np.isin(ids, [a for a, _ in PLANTED])})
    report("the planted six", comments, truth)


if __name__ == "__main__":
    main()
