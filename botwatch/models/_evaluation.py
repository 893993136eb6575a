"""Labels from users, and the figures that say how well scores match them.

A newsroom or research group that has checked some accounts by hand can measure the default model
on its own pages (``botwatch evaluate``) or train a model of its own (``botwatch train``). This
module reads such a label file, strictly, and computes the figures both commands report: ranking
quality (ROC-AUC, average precision), the decision at the threshold (precision, recall, F1) and
calibration (expected calibration error and a reliability table, drawn as a PNG).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score

from botwatch.errors import InputError

__all__ = [
    "LABEL_VALUES",
    "evaluation_figures",
    "expected_calibration_error",
    "plot_reliability",
    "read_labels",
    "reliability_table",
]

LABEL_VALUES: dict[str, bool] = {
    **dict.fromkeys(["1", "true", "yes", "bot", "inauthentic", "fake", "troll", "farm"], True),
    **dict.fromkeys(["0", "false", "no", "human", "authentic", "genuine", "real"], False),
}
"""Accepted label values (case-insensitive) and what they mean: True is inauthentic."""

_LABEL_COLUMNS = ("label", "is_inauthentic", "is_bot")


def read_labels(path: str | os.PathLike[str]) -> pd.Series:
    """Read a label file: one row per checked account.

    The file is CSV (or TSV) with an ``account_id`` column and a ``label`` column (also accepted:
    ``is_inauthentic``, ``is_bot``) whose values are listed in :data:`LABEL_VALUES`, for example
    ``1``/``0``, ``bot``/``human`` or ``true``/``false``. Other columns are ignored.

    Returns
    -------
    pandas.Series
        Boolean, indexed by ``account_id`` (a string), True for inauthentic accounts.

    Raises
    ------
    InputError
        Naming the file, the line and the field, if a column is missing, a value is not a
        label, or one account carries two different labels.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: label file not found")
    sep = "\t" if path.suffix.lower() in {".tsv", ".tab"} else ","
    try:
        table = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a readable CSV label file ({exc})") from None
    table.columns = [c.strip() for c in table.columns]
    if "account_id" not in table.columns:
        raise InputError(f"{path}: field 'account_id' is missing (columns: {', '.join(table.columns)})")
    column = next((c for c in _LABEL_COLUMNS if c in table.columns), None)
    if column is None:
        raise InputError(f"{path}: no label field; name one column {' or '.join(_LABEL_COLUMNS)}")
    ids = table["account_id"].str.strip()
    raw = table[column].str.strip().str.lower()
    values = raw.map(LABEL_VALUES)
    for i in np.flatnonzero(values.isna().to_numpy() | (ids == "").to_numpy()):
        field = "account_id" if ids.iloc[i] == "" else column
        shown = table[field].iloc[i]
        raise InputError(
            f"{path}: line {i + 2}: field {field!r}: {shown!r} is not "
            + ("an account id" if field == "account_id" else "a label (use 1/0, bot/human or true/false)")
        )
    labels = pd.Series(values.astype(bool).to_numpy(), index=pd.Index(ids.to_numpy(), name="account_id"))
    by_id = labels.groupby(level=0).agg(["min", "max"])
    conflict = by_id.index[by_id["min"] != by_id["max"]]
    if len(conflict):
        line = int(np.flatnonzero(ids.to_numpy() == conflict[0])[-1]) + 2
        raise InputError(
            f"{path}: line {line}: field {column!r}: account {conflict[0]!r} is labelled both "
            "inauthentic and authentic"
        )
    return labels[~labels.index.duplicated()].rename("is_inauthentic")


def expected_calibration_error(y: Any, proba: Any, n_bins: int = 10) -> float:
    """Expected calibration error over equal-width probability bins.

    The mean, weighted by the share of accounts in each bin, of the gap between the share of
    inauthentic accounts in the bin and the mean probability given to them.
    """
    table = reliability_table(y, proba, n_bins)
    n = table["n_accounts"].sum()
    if n == 0:
        return float("nan")
    gaps = (table["observed_rate"] - table["mean_score"]).abs().fillna(0)
    return float((gaps * table["n_accounts"]).sum() / n)


def reliability_table(y: Any, proba: Any, n_bins: int = 10) -> pd.DataFrame:
    """Accounts, mean score and observed share of inauthentic accounts per score bin."""
    y = np.asarray(y, dtype=float)
    proba = np.asarray(proba, dtype=float)
    bins = np.minimum((proba * n_bins).astype(int), n_bins - 1)
    n = np.bincount(bins, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_score = np.bincount(bins, weights=proba, minlength=n_bins) / n
        observed = np.bincount(bins, weights=y, minlength=n_bins) / n
    edges = np.arange(n_bins + 1) / n_bins
    return pd.DataFrame(
        {
            "bin_low": edges[:-1],
            "bin_high": edges[1:],
            "n_accounts": n,
            "mean_score": mean_score,
            "observed_rate": observed,
        }
    )


def evaluation_figures(y: Any, proba: Any, threshold: float = 0.5) -> dict[str, Any]:
    """How well scores match labels.

    Parameters
    ----------
    y : array-like of bool
        True for inauthentic accounts.
    proba : array-like of float
        Scores (probabilities of being inauthentic).
    threshold : float, default 0.5
        Score at or above which an account is flagged.

    Returns
    -------
    dict
        ``n_accounts``, ``n_inauthentic``, ``roc_auc`` and ``average_precision`` (NaN when only
        one class is present), ``precision``, ``recall``, ``f1`` and ``n_flagged`` at the
        threshold, ``ece`` (expected calibration error) and ``threshold``.
    """
    y = np.asarray(y, dtype=bool)
    proba = np.asarray(proba, dtype=float)
    flagged = proba >= threshold
    tp = int(np.sum(flagged & y))
    precision = tp / flagged.sum() if flagged.any() else float("nan")
    recall = tp / y.sum() if y.any() else float("nan")
    f1 = 2 * tp / (flagged.sum() + y.sum()) if (flagged.sum() + y.sum()) else float("nan")
    both = 0 < y.sum() < len(y)
    return {
        "n_accounts": len(y),
        "n_inauthentic": int(y.sum()),
        "roc_auc": float(roc_auc_score(y, proba)) if both else float("nan"),
        "average_precision": float(average_precision_score(y, proba)) if both else float("nan"),
        "threshold": float(threshold),
        "n_flagged": int(flagged.sum()),
        "precision": float(precision),
        "recall": float(recall),
        "f1": float(f1),
        "ece": expected_calibration_error(y, proba),
    }


def plot_reliability(
    y: Any, proba: Any, path: str | os.PathLike[str], *, n_bins: int = 10, title: str | None = None
) -> Path:
    """Draw the reliability diagram (observed share against mean score per bin) as a PNG.

    A well calibrated model lies on the diagonal: of the accounts scored about 0.8, about 80 %
    are inauthentic. The lower panel shows how many accounts fall in each bin.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    table = reliability_table(y, proba, n_bins)
    figures = evaluation_figures(y, proba)
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(5, 6), gridspec_kw={"height_ratios": [3, 1]}, sharex=True
    )
    try:
        top.plot([0, 1], [0, 1], color="0.6", linestyle="--", linewidth=1, label="perfect calibration")
        seen = table["n_accounts"] > 0
        top.plot(
            table.loc[seen, "mean_score"],
            table.loc[seen, "observed_rate"],
            marker="o",
            color="#b2182b",
            label=f"botwatch (ECE {figures['ece']:.3f})",
        )
        top.set_ylabel("share of labelled accounts that are inauthentic")
        top.set_xlim(0, 1)
        top.set_ylim(0, 1)
        top.legend(loc="upper left", frameon=False)
        top.set_title(title or f"Reliability on {figures['n_accounts']:,} labelled accounts")
        mids = (table["bin_low"] + table["bin_high"]) / 2
        bottom.bar(mids, table["n_accounts"], width=1 / n_bins * 0.9, color="#4d4d4d")
        bottom.set_yscale("symlog")
        bottom.set_xlabel("bot_score")
        bottom.set_ylabel("accounts")
        fig.tight_layout()
        path = Path(path)
        fig.savefig(path, dpi=120)
    finally:
        plt.close(fig)
    return path
