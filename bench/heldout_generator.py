"""botwatch on worlds of a generator it is never trained on (run by hand).

    python bench/heldout_generator.py [--generator third|civic] [--seeds FIRST-LAST] [--model my.joblib]

Without ``--seeds``, the reported worlds of the generator (:data:`REPORTED_SEEDS`).

``bench/heldout`` holds two world generators, each written apart from the two the default model
is trained on (``botwatch.datasets.simulate`` and ``botwatch.datasets.agency_world``) and from each
other, by someone briefed with the domain only: ``third_world`` (design in
``bench/heldout/README.md``) and ``civic_world`` (``bench/heldout/CIVIC.md``). botwatch never
trains on them and no setting is chosen on them: they are tests only.

Each world is scored as ``botwatch score`` would (readers' validation, then ``analyze`` and the
model). Printed, pooled over the worlds and per farm tactic: average precision of ``bot_score``
for the tactic's accounts against every authentic account; the share of authentic accounts and
of farm accounts flagged at 0.5, by role; and the same average precision for single-signal
baselines computed on the same accounts:

* ``volume``: comments in the dump;
* ``copied``: the share of its comments with a near-identical text by another account;
* ``co_reply``: co-reply strength as coordination-network-toolkit measures it
  (:func:`botwatch.metrics.co_action_strength` on :func:`botwatch.metrics.reply_target`, 60 s),
  as ``bench/real_baselines.py`` reports it on the real sets.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

import pandas as pd
from joblib import Parallel, delayed
from sklearn.metrics import average_precision_score

import botwatch
from botwatch.metrics import co_action_strength, reply_target
from botwatch.models import load_model
from botwatch.schema import account_keys, validate_accounts, validate_comments

HERE = Path(__file__).resolve().parent
BASELINES = ("volume", "copied", "co_reply")
GENERATORS = {"third": "third_world", "civic": "civic_world"}
"""Name on the command line -> module (and function) of ``bench/heldout``."""
REPORTED_SEEDS = {"third": "200-247", "civic": "900-947"}
"""The worlds whose figures are reported; no other seeds of these generators are reported."""


def _generator(name: str = "third"):
    """The generator's function, its module loaded once per process (and kept in
    ``sys.modules``, which also lets worker processes unpickle what it defines)."""
    module_name = GENERATORS[name]
    module = sys.modules.get(module_name)
    if module is None:
        spec = importlib.util.spec_from_file_location(module_name, HERE / "heldout" / f"{module_name}.py")
        module = importlib.util.module_from_spec(spec)
        # Registered before it runs: dataclasses look their module up by name.
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    return getattr(module, module_name)


def world_scores(seed: int, model: object, generator: str = "third") -> pd.DataFrame:
    """One world scored: per account its truth, ``bot_score`` and the baselines."""
    comments, accounts, truth = _generator(generator)(seed)
    table = validate_comments(comments).table
    profiles = None if accounts is None else validate_accounts(accounts).table
    analysis = botwatch.analyze(table, profiles)
    X = analysis.features
    score = pd.Series(model.predict_proba(X)[:, 1], index=X.index)
    keys = account_keys(table)
    key_of = pd.Series(keys.to_numpy(), index=table["account_id"].astype(str).to_numpy())
    key_of = key_of[~key_of.index.duplicated()]
    out = truth.assign(account_id=truth["account_id"].astype(str)).drop_duplicates("account_id")
    out = out.set_index(key_of.reindex(out["account_id"]).to_numpy()).reindex(X.index)
    out["is_inauthentic"] = out["is_inauthentic"].fillna(False).astype(bool)
    out["bot_score"] = score
    out["volume"] = X["n_comments_log"].fillna(0)
    out["copied"] = X["near_copy_share"].fillna(0)
    out["co_reply"] = co_action_strength(table, reply_target(table), 60.0).reindex(X.index).fillna(0)
    out["world"] = seed
    return out


def summarise(scores: pd.DataFrame, threshold: float = 0.5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per tactic: average precision of botwatch and of each baseline, and the share flagged;
    per role of the authentic accounts: how many there are and the share flagged."""
    y = scores["is_inauthentic"].to_numpy(dtype=bool)
    flagged = scores["bot_score"].to_numpy() >= threshold
    rows = []
    tactics = sorted(scores["tactic"].dropna().unique())
    for tactic in [*tactics, "all"]:
        has = y if tactic == "all" else (scores["tactic"] == tactic).to_numpy()
        sel = has | ~y
        row = {"tactic": tactic, "accounts": int(has.sum()), "flagged": float(flagged[has].mean())}
        for col in ("bot_score", *BASELINES):
            row[col] = float(average_precision_score(has[sel], scores[col].to_numpy()[sel]))
        rows.append(row)
    roles = (
        pd.DataFrame({"role": scores["role"][~y].fillna("genuine").to_numpy(), "flagged": flagged[~y]})
        .groupby("role")["flagged"]
        .agg(accounts="size", flagged="sum")
    )
    return pd.DataFrame(rows).rename(columns={"bot_score": "botwatch"}), roles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generator", choices=sorted(GENERATORS), default="third")
    parser.add_argument("--seeds", default=None, help="first-last seeds of the worlds (the reported ones)")
    parser.add_argument("--model", default=None, help="model file (the default model when omitted)")
    parser.add_argument("--n-jobs", type=int, default=2)
    args = parser.parse_args(argv)
    first, last = (int(s) for s in (args.seeds or REPORTED_SEEDS[args.generator]).split("-"))
    model = load_model(args.model)["model"]
    t0 = time.perf_counter()
    parts = Parallel(n_jobs=args.n_jobs)(
        delayed(world_scores)(s, model, args.generator) for s in range(first, last + 1)
    )
    scores = pd.concat(parts)
    tactics, roles = summarise(scores)
    pd.set_option("display.width", 200)
    fake = int(scores["is_inauthentic"].sum())
    print(f"{len(parts)} worlds, {len(scores):,} accounts, {fake:,} inauthentic")
    print(tactics.round(3).to_string(index=False))
    print()
    print(roles.to_string())
    print(f"\n{time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
