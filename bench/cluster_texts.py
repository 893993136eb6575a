"""How much of a cluster's text its members share, for clusters of farms and of real people.

    python bench/cluster_texts.py

Graph clusters (before the model, every cluster the graph finds) of `agency_world` worlds
730-735, `simulate` worlds 600-605 and the plain farm at 100,000 comments. A cluster counts as a
farm's when half of its members or more are inauthentic. For each, `shared_text_share` as
`clusters.csv` gives it: the share of the cluster's comments whose normalised text another member
also wrote. Printed: the distribution for both kinds of cluster, then every cluster of real
people with its members' roles.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

import botwatch
from botwatch._pipeline import _shared_text_share
from botwatch.datasets import agency_world, random_world_config, simulate
from botwatch.schema import account_keys, validate_accounts, validate_comments
from botwatch.text import comparison_keys

BENCH = Path(__file__).resolve().parent


def cluster_rows(name: str, comments: pd.DataFrame, truth: pd.DataFrame, accounts=None) -> list[dict]:
    """One row per graph cluster of a dump: size, share of farm members, roles of the others and
    the share of its comments whose text another member also wrote."""
    table = validate_comments(comments).table
    profiles = None if accounts is None else validate_accounts(accounts).table
    analysis = botwatch.analyze(table, profiles)
    labels = analysis.labels
    key = account_keys(table).to_numpy()
    cluster = pd.Series(labels, index=analysis.graph.accounts).reindex(key).to_numpy()
    inside = cluster >= 0
    same = comparison_keys(table["text"], analysis.normalized)[inside].to_numpy()
    texts = pd.DataFrame({"_key": key[inside], "_same": same})
    share = texts.groupby(cluster[inside]).apply(_shared_text_share)
    key_of = pd.Series(key, index=table["account_id"].astype(str).to_numpy())
    key_of = key_of[~key_of.index.duplicated()]
    t = truth.assign(account_id=truth["account_id"].astype(str)).drop_duplicates("account_id")
    t = t.set_index(key_of.reindex(t["account_id"]).to_numpy()).reindex(analysis.graph.accounts)
    fake = t["is_inauthentic"].fillna(False).astype(bool).to_numpy()
    role = (t["role"] if "role" in t else pd.Series(pd.NA, index=t.index)).fillna("genuine").to_numpy()
    rows = []
    for c in np.unique(labels[labels >= 0]):
        m = labels == c
        rows.append(
            {
                "dump": name,
                "size": int(m.sum()),
                "farm_share": round(float(fake[m].mean()), 2),
                "roles": pd.Series(role[m & ~fake]).value_counts().to_dict(),
                "shared_text_share": share.get(c, np.nan),
            }
        )
    return rows


def main() -> None:
    sys.path.insert(0, str(BENCH))
    from plain_farm import plain_farm_dump

    rows: list[dict] = []
    for seed in range(730, 736):
        world = agency_world(seed)
        rows += cluster_rows(f"agency_world {seed}", world.comments, world.truth, world.accounts)
    for seed in range(600, 606):
        world = simulate(seed, random_world_config(np.random.default_rng(seed)))
        rows += cluster_rows(f"simulate {seed}", world.comments, world.truth, world.accounts)
    comments, truth = plain_farm_dump(100_000, n_farms=1)
    rows += cluster_rows("plain farm 100,000", comments, truth.assign(is_inauthentic=truth["farm"].notna()))
    table = pd.DataFrame(rows)
    table["kind"] = np.where(table["farm_share"] >= 0.5, "farm", "real people")
    pd.set_option("display.width", 200)
    print(table.groupby("kind")["shared_text_share"].describe().round(2).to_string())
    print()
    print(table[table["kind"] == "real people"].sort_values("shared_text_share").to_string(index=False))


if __name__ == "__main__":
    main()
