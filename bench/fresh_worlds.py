"""Scores and clusters on simulated worlds nothing was chosen on, and on worlds pushed outside
the training ranges (run by hand; reporting only, nothing is tuned on it).

    python bench/fresh_worlds.py                      # random worlds 800-811, as generated
    python bench/fresh_worlds.py 700 701 --stress     # the given seeds, each under every push

Each world goes through :func:`botwatch.score` with the default model and settings, the way a
user's dump does. Printed per world: average precision of ``bot_score`` against the truth, recall
and authentic accounts flagged at the default threshold (0.5), trap accounts (superfans, viral
commenters) flagged, the all-farm adjusted Rand index of the clusters (a farm account in no cluster
counts as a cluster of its own) and authentic accounts in clusters; then the farms recalled below
80 %, with their tactic and their accounts' median number of comments.

Where the clusters fall short, three counterfactual indices say which kind of error costs most:
``ari_separated`` if every cluster holding several farms were cut along the farms,
``ari_joined`` if every farm's clusters (by majority farm) were one, and ``ari_covered`` if every
farm account in no cluster were in its farm's largest cluster; ``unclustered`` and
``unclustered_flagged`` count those accounts, and how many of them score 0.5 or more.

The pushes (``--stress``) change one thing of a random world's configuration: four times the
superfans and viral posts, pages in Moscow time (scored with ``tz`` set to it), three times the
genuine crowd, English only, and 56 days at three times the posting rate.
"""

from __future__ import annotations

import dataclasses
import sys

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score

import botwatch
from botwatch.datasets import WorldConfig, random_world_config, simulate
from botwatch.metrics import loss_decomposition


def _push(cfg: WorldConfig, name: str) -> WorldConfig:
    if name == "traps_x4":
        return dataclasses.replace(
            cfg, superfans_per_page=cfg.superfans_per_page * 4, n_viral_posts=cfg.n_viral_posts * 4
        )
    if name == "moscow_time":
        return dataclasses.replace(cfg, tz="Europe/Moscow")
    if name == "crowd_x3":
        return dataclasses.replace(cfg, n_genuine=cfg.n_genuine * 3)
    if name == "english_only":
        return dataclasses.replace(cfg, language_weights=(0.0, 0.0, 0.0, 1.0))
    if name == "busy_56_days":
        return dataclasses.replace(cfg, posts_per_day=cfg.posts_per_day * 3, days=56)
    return cfg


PUSHES = ("as_generated", "traps_x4", "moscow_time", "crowd_x3", "english_only", "busy_56_days")


def evaluate(seed: int, push: str = "as_generated") -> tuple[dict[str, object], list[dict[str, object]]]:
    cfg = _push(random_world_config(np.random.default_rng(seed)), push)
    world = simulate(seed, cfg)
    res = botwatch.score(world.comments, world.accounts, tz=cfg.tz)
    acc = res.accounts.set_index("account_id")
    truth = world.truth.set_index("account_id").reindex(acc.index)
    y = truth["is_inauthentic"].to_numpy(dtype=bool)
    p = acc["bot_score"].to_numpy()
    trap = truth["role"].isin(["superfan", "viral_commenter"]).to_numpy()
    farm = truth["role"].isin(["farm", "influencer"]).to_numpy()
    cluster = acc["cluster_id"].fillna(-1).to_numpy(dtype=int)
    losses = loss_decomposition(truth["farm"].to_numpy()[farm], cluster[farm])
    row = {
        "seed": seed,
        "push": push,
        "average_precision": round(float(average_precision_score(y, p)), 4),
        "recall": round(float((p[y] >= 0.5).mean()), 3),
        "authentic_flagged": int(((p >= 0.5) & ~y).sum()),
        "authentic": int((~y).sum()),
        "traps_flagged": int(((p >= 0.5) & trap).sum()),
        **{k: round(float(v), 3) for k, v in losses.items()},
        "unclustered": int((cluster[farm] < 0).sum()),
        "unclustered_flagged": int(((cluster < 0) & farm & (p >= 0.5)).sum()),
        "authentic_in_clusters": int((cluster[~y] >= 0).sum()),
    }
    specs = {f.name: f for f in world.farms}
    missed = []
    fakes = truth[y].assign(score=p[y], n_comments=acc.loc[y, "n_comments"].to_numpy())
    for name, group in fakes.groupby("farm"):
        recall = float((group["score"] >= 0.5).mean())
        if recall < 0.8:
            spec = specs.get(str(name))
            missed.append(
                {
                    "seed": seed,
                    "push": push,
                    "farm": name,
                    "timing": spec.timing if spec else "",
                    "content": spec.content if spec else "",
                    "accounts": len(group),
                    "recall": round(recall, 2),
                    "median_comments": float(group["n_comments"].median()),
                }
            )
    return row, missed


def main(argv: list[str]) -> None:
    stress = "--stress" in argv
    seeds = [int(a) for a in argv if not a.startswith("--")] or list(range(800, 812))
    rows, missed = [], []
    for push in PUSHES if stress else PUSHES[:1]:
        for seed in seeds:
            row, low = evaluate(seed, push)
            rows.append(row)
            missed.extend(low)
            print(row, flush=True)
    table = pd.DataFrame(rows)
    print(table.to_string(index=False))
    print(table.groupby("push", sort=False).mean(numeric_only=True).drop(columns="seed").round(3).to_string())
    if missed:
        print(pd.DataFrame(missed).to_string(index=False))


if __name__ == "__main__":
    main(sys.argv[1:])
