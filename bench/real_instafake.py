"""A profile-only model on the InstaFake fake-v1 accounts, under cross-validation (run by hand).

    python bench/real_instafake.py [../shared/data/instafake-fake-v1]

InstaFake holds profile fields only (followers, following, media count, biography length, avatar,
private, username length and digits) for 200 fake and 994 real Instagram accounts: no comments,
so botwatch's default model, which needs comments, cannot score these accounts. What this measures
is the classifier stage: :class:`botwatch.models.BotClassifier` trained on the same kind of profile
signals botwatch derives from an account table (counts, ratios, growth, avatar, handle digits), in
stratified 5-fold cross-validation repeated 5 times. Printed: ROC-AUC, average precision and the
expected calibration error of the out-of-fold scores.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import RepeatedStratifiedKFold

from botwatch.models import BotClassifier
from botwatch.models.train import expected_calibration_error


def load(folder: Path) -> tuple[pd.DataFrame, np.ndarray]:
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


def main() -> None:
    folder = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[2] / "shared/data/instafake-fake-v1"
    )
    X, y = load(folder)
    aucs, aps, eces = [], [], []
    cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=5, random_state=0)
    oof_all = []
    for repeat, (train, test) in enumerate(cv.split(X, y)):
        model = BotClassifier(min_samples_leaf=10, calibration_folds=4, random_state=repeat)
        model.fit(X.iloc[train], y[train])
        p = model.predict_proba(X.iloc[test])[:, 1]
        aucs.append(roc_auc_score(y[test], p))
        aps.append(average_precision_score(y[test], p))
        oof_all.append((y[test], p))
    yy = np.concatenate([a for a, _ in oof_all])
    pp = np.concatenate([b for _, b in oof_all])
    eces.append(expected_calibration_error(yy, pp))
    print(
        {
            "accounts": len(y),
            "fake": int(y.sum()),
            "roc_auc_mean": round(float(np.mean(aucs)), 4),
            "roc_auc_sd": round(float(np.std(aucs)), 4),
            "average_precision_mean": round(float(np.mean(aps)), 4),
            "ece_out_of_fold": round(float(eces[0]), 4),
        }
    )


if __name__ == "__main__":
    main()
