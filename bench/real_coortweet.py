"""Co-retweet groups: botwatch's co-comment layer beside a plain CooRTweet-style detector (by hand).

    python bench/real_coortweet.py [../shared/data/coortweet-coordination-data] [--window 60]

Data: the pro-government Russian retweets shipped with CooRTweet (object = the retweeted tweet).
The plain method, as CooRTweet's ``detect_groups``: two accounts are coordinated when they shared
the same object within the window on at least ``min_participation`` (2) objects; groups are the
connected parts of those pairs. botwatch runs the same window and the same minimum, then keeps a
pair only if it co-shared more often than the objects' own timing makes likely (its co-comment
layer with the null model and a 1 % false discovery rate), and groups with :class:`ClusterFinder`.

Printed: pairs and accounts each method links, how many plain pairs botwatch keeps, the groups,
the adjusted Rand index between the two groupings, and for the pairs botwatch drops, how much of
their co-sharing the objects' popularity explains.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.metrics import adjusted_rand_score

from botwatch.graph import ClusterFinder, account_graph
from botwatch.graph._pairs import decode_pairs, encode_pairs, merge_reduced, reduce_pairs, window_pairs


def plain_pairs(comments: pd.DataFrame, window: float, min_participation: int) -> pd.DataFrame:
    codes, accounts = pd.factorize(comments["account_id"], sort=True)
    posts = pd.factorize(comments["post_id"])[0]
    t = comments["created_at"].to_numpy(dtype="datetime64[ns]").astype(np.int64) / 1e9
    first = (
        pd.DataFrame({"acc": codes, "post": posts, "t": t})
        .sort_values(["acc", "post", "t"])
        .drop_duplicates(["acc", "post"])
        .sort_values(["post", "t", "acc"], kind="stable")
    )
    acc, post, tt = first["acc"].to_numpy(), first["post"].to_numpy(), first["t"].to_numpy()
    n = len(accounts)
    parts = [
        reduce_pairs(encode_pairs(acc[i], acc[j], n)) for i, j in window_pairs(post, tt, window) if len(i)
    ]
    keys, counts, _ = merge_reduced(parts)
    keep = counts >= min_participation
    a, b = decode_pairs(keys[keep], n)
    names = np.asarray(accounts, dtype=object)
    return pd.DataFrame({"source": names[a], "target": names[b], "n_objects": counts[keep]})


def groups(source: pd.Series, target: pd.Series) -> pd.Series:
    names = pd.Index(np.unique(np.r_[source.to_numpy(), target.to_numpy()]))
    a, b = names.get_indexer(source), names.get_indexer(target)
    adj = sp.coo_matrix((np.ones(len(a)), (a, b)), shape=(len(names), len(names)))
    _, label = connected_components(adj, directed=False)
    return pd.Series(label, index=names)


def read_retweets(folder: Path) -> pd.DataFrame:
    """``russian_coord_tweets`` as a comment table: each retweet a comment under its object."""
    raw = pd.read_csv(folder / "russian_coord_tweets.csv.gz", dtype=str)
    return pd.DataFrame(
        {
            "platform": "x",
            "page_id": "retweets",
            "post_id": raw["object_id"],
            "comment_id": raw["content_id"],
            "account_id": raw["account_id"],
            "created_at": pd.to_datetime(raw["timestamp_share"].astype("int64"), unit="s", utc=True),
            "time_precision_s": 1,
            "text": "",
        }
    )


def main() -> None:
    argv = sys.argv[1:]
    window = 60.0
    if "--window" in argv:
        at = argv.index("--window")
        window = float(argv[at + 1])
        del argv[at : at + 2]
    folder = (
        Path(argv[0])
        if argv
        else Path(__file__).resolve().parents[2] / "shared/data/coortweet-coordination-data"
    )
    comments = read_retweets(folder)
    plain = plain_pairs(comments, window, 2)
    g = account_graph(comments, window_s=window, min_co_posts=2, layers=("co_comment",))
    ours = g.edges[["source", "target", "observed", "expected", "p_value"]]
    plain_keys = set(zip(plain["source"], plain["target"], strict=True))
    our_keys = set(zip(ours["source"], ours["target"], strict=True))
    labels = ClusterFinder(min_size=2).fit_predict(g.adjacency())
    our_groups = pd.Series(labels, index=g.accounts)
    our_groups = our_groups[our_groups >= 0]
    plain_groups = groups(plain["source"], plain["target"])
    union = plain_groups.index.union(our_groups.index)
    a = plain_groups.reindex(union).fillna(-1).to_numpy()
    b = our_groups.reindex(union).fillna(-1).to_numpy()
    # Unlinked accounts are singletons in each grouping.
    a = np.where(a < 0, -np.arange(1, len(a) + 1), a)
    b = np.where(b < 0, -np.arange(1, len(b) + 1) - 10**7, b)
    popular = comments.groupby("post_id")["account_id"].nunique()
    print(
        {
            "window_s": window,
            "rows": len(comments),
            "plain_pairs": len(plain),
            "plain_accounts": len(plain_groups),
            "plain_groups": int(plain_groups.nunique()),
            "largest_plain_group": int(plain_groups.value_counts().max()) if len(plain_groups) else 0,
            "botwatch_pairs": len(ours),
            "botwatch_accounts": len(set(ours["source"]) | set(ours["target"])),
            "botwatch_groups": int(our_groups.nunique()),
            "largest_botwatch_group": int(our_groups.value_counts().max()) if len(our_groups) else 0,
            "plain_pairs_kept": len(plain_keys & our_keys),
            "botwatch_pairs_not_plain": len(our_keys - plain_keys),
            "ari_groupings": round(float(adjusted_rand_score(a, b)), 3),
            "objects_median_sharers": float(popular.median()),
            "objects_max_sharers": int(popular.max()),
        }
    )
    dropped = plain[[k not in our_keys for k in zip(plain["source"], plain["target"], strict=True)]]
    kept = plain[[k in our_keys for k in zip(plain["source"], plain["target"], strict=True)]]
    print(
        {
            "dropped_pairs_n_objects_median": float(dropped["n_objects"].median()) if len(dropped) else None,
            "kept_pairs_n_objects_median": float(kept["n_objects"].median()) if len(kept) else None,
            "dropped_with_2_objects_share": round(float((dropped["n_objects"] == 2).mean()), 3)
            if len(dropped)
            else None,
        }
    )


if __name__ == "__main__":
    main()
