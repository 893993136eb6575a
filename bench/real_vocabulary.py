"""How often real commenters write the same texts, against the training generators' people.

    python bench/real_vocabulary.py [DATA]

For every page, each pair of accounts with 20 comments or more on the dump counts the distinct
texts both wrote on that page, compared after normalising (empty ones left out); short texts are
those of four words or fewer. Printed per dump: such accounts, their pairs, the share of pairs
sharing one text or more, two or more and three or more, the same for short texts (among the pairs
that both wrote short texts on the page), and the share of these accounts' distinct texts that two
or more of them wrote.

The dumps are the VK comments on state-media pages in ``DATA`` (``../shared/data`` by default;
skipped when absent) and the authentic accounts of `agency_world` worlds 730-732 and `simulate`
worlds 600-601.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

from botwatch.datasets import agency_world, random_world_config, simulate
from botwatch.schema import account_keys, validate_comments
from botwatch.text import normalize_series

BENCH = Path(__file__).resolve().parent


def shared_texts(table: pd.DataFrame, keep: pd.Series | None = None, min_comments: int = 20) -> dict:
    """Pairs of accounts with ``min_comments`` or more, page by page, and the texts they share.

    ``keep`` (boolean, per row of ``table``) leaves rows out first, such as a farm's comments.
    """
    norm = normalize_series(table["text"]).to_numpy(dtype=object)
    rows = pd.DataFrame(
        {"key": account_keys(table).to_numpy(), "text": norm, "page": table["page_id"].astype(str).to_numpy()}
    )
    if keep is not None:
        rows = rows[keep.to_numpy()]
    rows = rows[rows["text"].str.len() > 0]
    counts = rows.groupby("key").size()
    rows = rows[rows["key"].isin(counts[counts >= min_comments].index)]
    rows["short"] = rows["text"].str.count(" ") < 4
    out: dict[str, float] = {"accounts": float(rows["key"].nunique())}
    for name, part in (("all", rows), ("short", rows[rows["short"]])):
        per_pair = []
        for _, g in part.groupby("page"):
            acc, n_acc = pd.factorize(g["key"])
            if len(n_acc) < 2:
                continue
            text = pd.factorize(g["text"])[0]
            m = sp.csr_matrix((np.ones(len(acc)), (acc, text)), shape=(len(n_acc), text.max() + 1))
            m.sum_duplicates()
            m.data[:] = 1
            s = sp.triu(m @ m.T, k=1).tocoo()
            whole = np.zeros(len(n_acc) * (len(n_acc) - 1) // 2)
            whole[: len(s.data)] = s.data
            per_pair.append(whole)
        pairs = np.concatenate(per_pair) if per_pair else np.zeros(0)
        if name == "all":
            out["pairs"] = float(len(pairs))
        for k in (1, 2, 3):
            out[f"{name} >= {k}"] = float(np.mean(pairs >= k)) if len(pairs) else np.nan
    writers = rows.groupby("text")["key"].nunique()
    out["texts by 2+"] = float(np.mean(writers >= 2)) if len(writers) else np.nan
    return out


def _authentic(world) -> tuple[pd.DataFrame, pd.Series]:
    table = validate_comments(world.comments).table
    real = world.truth.loc[~world.truth["is_inauthentic"].astype(bool), "account_id"].astype(str)
    return table, table["account_id"].astype(str).isin(set(real))


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else BENCH.parents[1] / "shared" / "data"
    found = {}
    vk = data / "vk-mkwm2022-state-media-comments"
    if vk.exists():
        sys.path.insert(0, str(BENCH))
        from real_ira_vs_vk import read_vk

        found["VK, state-media pages"] = shared_texts(read_vk(vk))
    for seed in (730, 731, 732):
        found[f"agency_world {seed}, authentic"] = shared_texts(*_authentic(agency_world(seed)))
    for seed in (600, 601):
        world = simulate(seed, random_world_config(np.random.default_rng(seed)))
        found[f"simulate {seed}, authentic"] = shared_texts(*_authentic(world))
    pd.set_option("display.width", 200)
    print(pd.DataFrame(found).T.round(3).to_string())


if __name__ == "__main__":
    main()
