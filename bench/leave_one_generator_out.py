"""Train on one world generator, test on the other (run by hand).

    python bench/leave_one_generator_out.py [--worlds 60] [--test-worlds 12]

botwatch has two world generators written apart from each other: ``botwatch.datasets.simulate``
and ``botwatch.datasets.agency_world``. A model trained on one and tested on the other shows what
the design learns about farms rather than about one generator. Printed, for each direction and
each farm tactic of the test generator: average precision of the tactic's accounts against every
authentic account of the test worlds (traps included), with the default model's design
(``botwatch.models.train.DEFAULT_PARAMS``), beside two single-feature baselines computed on the
same accounts: comment volume and the share of comments with a near-identical copy by another
account, as the features hold it (weighed by the comments it rests on, see
``botwatch.features.PRIOR_COMMENTS``). The training and test seeds are those of the default model
(``botwatch.models.train``): training worlds from 10000 and 20000, held-out worlds 500-511 and
700-711.
"""

from __future__ import annotations

import argparse
import time

import pandas as pd
from sklearn.metrics import average_precision_score

from botwatch.models.train import (
    AGENCY_TRAIN_SEEDS,
    AGENCY_VALIDATION_SEEDS,
    TRAIN_SEEDS,
    VALIDATION_SEEDS,
    _collect,
    has_strategy,
    leave_one_generator_out,
)


def baselines(X: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """Average precision of comment volume and copied-text share, per tactic."""
    y = truth["is_inauthentic"].to_numpy(dtype=bool)
    rows = []
    tactics = sorted({t for s in truth["strategies"].dropna() for t in str(s).split(";") if t})
    for tactic in [*tactics, "all"]:
        has = y if tactic == "all" else has_strategy(truth, tactic)
        sel = has | ~y
        row = {"tactic": tactic}
        for name, col in (("volume", "n_comments_log"), ("copied", "near_copy_share")):
            row[name] = float(average_precision_score(has[sel], X[col].fillna(0).to_numpy()[sel]))
        rows.append(row)
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worlds", type=int, default=len(TRAIN_SEEDS))
    parser.add_argument("--test-worlds", type=int, default=len(VALIDATION_SEEDS))
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    train = {
        "simulate": _collect(range(TRAIN_SEEDS.start, TRAIN_SEEDS.start + args.worlds), 2),
        "agency": _collect(
            range(AGENCY_TRAIN_SEEDS.start, AGENCY_TRAIN_SEEDS.start + args.worlds), 2, generator="agency"
        ),
    }
    test = {
        "simulate": _collect(range(VALIDATION_SEEDS.start, VALIDATION_SEEDS.start + args.test_worlds), 2),
        "agency": _collect(
            range(AGENCY_VALIDATION_SEEDS.start, AGENCY_VALIDATION_SEEDS.start + args.test_worlds),
            2,
            generator="agency",
        ),
    }
    table = leave_one_generator_out(train, test)
    parts = []
    for name, (X, truth) in test.items():
        parts.append(baselines(X, truth).assign(tested_on=name))
    base = pd.concat(parts)
    out = table.merge(base, on=["tested_on", "tactic"], how="left")
    pd.set_option("display.width", 200)
    print(out.round(3).to_markdown(index=False) if _has_tabulate() else out.round(3).to_string(index=False))
    print(f"\n{time.perf_counter() - t0:.0f} s")
    return 0


def _has_tabulate() -> bool:
    try:
        import tabulate  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    raise SystemExit(main())
