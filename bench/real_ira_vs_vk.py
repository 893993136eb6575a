"""Recall of IRA troll accounts against real VK commenters as background (run by hand).

    python bench/real_ira_vs_vk.py [../shared/data] [--accounts 500] [--per-account 200]

The default model scores one table holding (a) tweets of a random sample of IRA troll accounts and
(b) the real VK state-media comments (2022), whose authors stand in for genuine commenters. The
threshold is set so that 5 % of the VK accounts are flagged; printed is the share of IRA accounts
above it (recall), overall and per campaign category. No ids are shared between the two sources
(the platform is part of every account key).

Caveats, stated with the figure: the two sources differ in platform, language (IRA is mostly
English, VK Russian), years and activity (troll accounts tweet hundreds of times, most VK
commenters a few times), so part of what separates them is not inauthenticity.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from botwatch._pipeline import score
from botwatch.io import read_comments


def _arg(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def read_vk(folder: Path) -> pd.DataFrame:
    """The VK state-media comments as a validated comment table."""
    return read_comments(
        folder / "mkwm2022_comments_available25media.csv.gz",
        mapping=[
            "comment_id=@line",
            "account_id=user_id_hashed",
            "created_at=datetime",
            "page_id=media",
            "text=text",
        ],
        platform="vk",
        tz="Europe/Moscow",
    ).table


def main() -> None:
    positional = [
        a
        for i, a in enumerate(sys.argv[1:], 1)
        if not a.startswith("--") and not sys.argv[i - 1].startswith("--")
    ]
    data = Path(positional[0]) if positional else Path(__file__).resolve().parents[2] / "shared/data"
    n_accounts, per_account = _arg("--accounts", 500), _arg("--per-account", 200)
    ira_dir = data / "ira-russian-troll-tweets"
    authors = pd.read_csv(ira_dir / "authors.csv", dtype=str).set_index("author_id")["account_category"]
    tweets = pd.concat(
        [
            pd.read_csv(p, dtype=str, usecols=["author_id", "publish_date", "content"])
            for p in sorted(ira_dir.glob("tweets_*.csv.gz"))
        ],
        ignore_index=True,
    ).dropna(subset=["content"])
    rng = np.random.default_rng(0)
    chosen = rng.choice(tweets["author_id"].unique(), size=n_accounts, replace=False)
    ira = (
        tweets[tweets["author_id"].isin(chosen)]
        .sort_values("publish_date")
        .groupby("author_id", sort=False)
        .tail(per_account)
    )
    ira_table = pd.DataFrame(
        {
            "platform": "x",
            "page_id": "ira",
            "comment_id": "ira" + pd.Series(np.arange(len(ira)), index=ira.index).astype(str),
            "account_id": ira["author_id"],
            "created_at": pd.to_datetime(ira["publish_date"]).dt.tz_localize("UTC"),
            "time_precision_s": 60,
            "text": ira["content"],
        }
    )
    vk = read_vk(data / "vk-mkwm2022-state-media-comments")
    both = pd.concat([vk, ira_table], ignore_index=True)
    result = score(both, tz="Europe/Moscow")
    acc = result.accounts
    is_vk = (acc["platform"].astype(str) == "vk").to_numpy()
    threshold = float(np.quantile(acc.loc[is_vk, "bot_score"], 0.95))
    ira_acc = acc[~is_vk].assign(category=lambda d: authors.reindex(d["account_id"].astype(str)).to_numpy())
    flagged = ira_acc["bot_score"] > threshold
    print(
        {
            "vk_accounts": int(is_vk.sum()),
            "ira_accounts": len(ira_acc),
            "ira_tweets": len(ira_table),
            "threshold_at_5pct_vk": round(threshold, 4),
            "recall_at_5pct_vk": round(float(flagged.mean()), 3),
            "recall_at_default_threshold": round(float((ira_acc["bot_score"] >= 0.5).mean()), 3),
            "vk_flagged_at_default_threshold": round(float((acc.loc[is_vk, "bot_score"] >= 0.5).mean()), 4),
            "recall_by_category": flagged.groupby(ira_acc["category"]).mean().round(3).to_dict(),
        }
    )


if __name__ == "__main__":
    main()
