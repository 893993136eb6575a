"""The classifier stage on real labelled feature vectors, under cross-validation (run by hand).

    python bench/real_labelled_vectors.py [../shared/data]

Two public sets hold per-account vectors with labels but no comments. What is measured first is
:class:`botwatch.models.BotClassifier` itself, in stratified 5-fold cross-validation repeated 5
times:

* InstaFake fake-v1: profile fields (followers, following, media count, biography length, avatar,
  private, username length and digits) of 200 fake and 994 real Instagram accounts, mapped to the
  profile signals botwatch derives from an account table;
* Gilani 2017: aggregated behaviour (tweets, retweets, likes, replies, rates, account age, sources,
  URLs) of 1,492 bots and 1,939 humans, annotated by hand, as given.

Printed per set: ROC-AUC, average precision and the expected calibration error of the out-of-fold
scores.

Then the shipped default model, without retraining, on the InstaFake accounts: their profile fields
become the profile features botwatch computes from an account table (followers, following, their
ratio, posts, bio length, avatar, handle digits); every feature the data cannot give (all comment,
timing, graph features, account age) is missing, as it would be for an account with a profile and
no comment.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import RepeatedStratifiedKFold

from botwatch.models import BotClassifier, expected_calibration_error


def load_instafake(folder: Path) -> tuple[pd.DataFrame, np.ndarray]:
    rows = json.loads((folder / "fakeAccountData.json").read_text()) + json.loads(
        (folder / "realAccountData.json").read_text()
    )
    raw = pd.DataFrame(rows)
    followers = raw["userFollowerCount"].astype(float)
    following = raw["userFollowingCount"].astype(float)
    media = raw["userMediaCount"].astype(float)
    X = pd.DataFrame(
        {
            "followers_log": np.log10(1 + followers),
            "following_log": np.log10(1 + following),
            "posts_log": np.log10(1 + media),
            "follow_ratio_log": np.log10((1 + followers) / (1 + following)),
            "has_avatar": raw["userHasProfilPic"].astype(float),
            "is_private": raw["userIsPrivate"].astype(float),
            "bio_length": raw["userBiographyLength"].astype(float),
            "handle_digit_share": raw["usernameDigitCount"] / raw["usernameLength"].clip(lower=1),
            "handle_length": raw["usernameLength"].astype(float),
        }
    )
    return X, raw["isFake"].astype(int).to_numpy()


def instafake_profile_features(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The InstaFake profiles as botwatch's features (every other feature missing), and the raw rows."""
    from botwatch.features import FEATURES

    rows = json.loads((folder / "fakeAccountData.json").read_text()) + json.loads(
        (folder / "realAccountData.json").read_text()
    )
    raw = pd.DataFrame(rows)
    followers = raw["userFollowerCount"].astype(float)
    following = raw["userFollowingCount"].astype(float)
    X = pd.DataFrame(np.nan, index=raw.index, columns=list(FEATURES))
    X["followers_log"] = np.log10(1 + followers)
    X["following_log"] = np.log10(1 + following)
    X["follow_ratio_log"] = np.log10((1 + followers) / (1 + following))
    X["has_avatar"] = raw["userHasProfilPic"].astype(float)
    X["is_verified"] = 0.0
    X["handle_digits"] = raw["usernameDigitCount"].astype(float)
    X["posts_log"] = np.log10(1 + raw["userMediaCount"].astype(float))
    X["bio_chars_log"] = np.log10(1 + raw["userBiographyLength"].astype(float))
    return X, raw


def default_model_on_instafake(folder: Path) -> dict[str, object]:
    from botwatch.models import evaluation_figures, load_model

    X, raw = instafake_profile_features(folder)
    y = raw["isFake"].astype(bool).to_numpy()
    proba = load_model()["model"].predict_proba(X)[:, 1]
    figures = evaluation_figures(y, proba)
    return {
        "accounts": len(y),
        "positives": int(y.sum()),
        "roc_auc": round(figures["roc_auc"], 4),
        "average_precision": round(figures["average_precision"], 4),
        "flagged_at_0.5": figures["n_flagged"],
        "recall_at_0.5": round(figures["recall"], 4),
    }


def load_gilani(folder: Path) -> tuple[pd.DataFrame, np.ndarray]:
    parts = []
    for label, kind in ((1, "bots"), (0, "humans")):
        for path in sorted(folder.glob(f"{kind}.*.csv")):
            frame = pd.read_csv(path, skipinitialspace=True)
            frame["is_bot"] = label
            parts.append(frame)
    raw = pd.concat(parts, ignore_index=True)
    X = raw.drop(columns=["screen_name", "source_identity", "is_bot"]).apply(pd.to_numeric, errors="coerce")
    return X, raw["is_bot"].to_numpy()


def cross_validate(X: pd.DataFrame, y: np.ndarray) -> dict[str, object]:
    aucs, aps, out_y, out_p = [], [], [], []
    cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=5, random_state=0)
    for fold, (train, test) in enumerate(cv.split(X, y)):
        model = BotClassifier(min_samples_leaf=10, calibration_folds=4, random_state=fold)
        model.fit(X.iloc[train], y[train])
        p = model.predict_proba(X.iloc[test])[:, 1]
        aucs.append(roc_auc_score(y[test], p))
        aps.append(average_precision_score(y[test], p))
        out_y.append(y[test])
        out_p.append(p)
    return {
        "accounts": len(y),
        "positives": int(y.sum()),
        "features": X.shape[1],
        "roc_auc_mean": round(float(np.mean(aucs)), 4),
        "roc_auc_sd": round(float(np.std(aucs)), 4),
        "average_precision_mean": round(float(np.mean(aps)), 4),
        "ece_out_of_fold": round(
            float(expected_calibration_error(np.concatenate(out_y), np.concatenate(out_p))), 4
        ),
    }


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/data"
    print({"set": "instafake-fake-v1", **cross_validate(*load_instafake(data / "instafake-fake-v1"))})
    print({"set": "gilani-2017", **cross_validate(*load_gilani(data / "gilani-2017-processed"))})
    print(
        {"set": "instafake-fake-v1, default model", **default_model_on_instafake(data / "instafake-fake-v1")}
    )


if __name__ == "__main__":
    main()
