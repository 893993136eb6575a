"""Figures that measure botwatch and the simple baselines it is compared with.

Used by the ``bench/`` scripts and by ``docs/validation.md``: ranking metrics at a fixed share of
negatives flagged, the agreement of clusters with known farms and what each kind of clustering
error costs, and baselines a reviewer could write in an afternoon (comment volume, the share of
copied texts, the share of comments with a link, co-reply strength as the
coordination-network-toolkit measures it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, average_precision_score, roc_auc_score, roc_curve

from botwatch.schema import account_keys

__all__ = [
    "TARGET_FPR",
    "co_action_strength",
    "comment_volume",
    "copied_text_share",
    "link_share",
    "loss_decomposition",
    "ranking_metrics",
    "reply_target",
]

TARGET_FPR = 0.05
"""Share of negatives flagged at which recall is read."""


def comment_volume(comments: pd.DataFrame) -> pd.Series:
    """Comments per account.

    Parameters
    ----------
    comments : pandas.DataFrame
        Comment table with ``platform`` and ``account_id``.

    Returns
    -------
    pandas.Series
        Count per account key (:func:`botwatch.graph.account_keys`).
    """
    return account_keys(comments).value_counts().astype(float)


def copied_text_share(comments: pd.DataFrame, normalized: pd.Series | None = None) -> pd.Series:
    """Share of each account's texts that another account also posted.

    Two texts are the same when their normalised forms are equal; a text that normalises to
    nothing (emoji, a bare link) is compared as written. Empty texts are not counted.

    Parameters
    ----------
    comments : pandas.DataFrame
        Comment table with ``platform``, ``account_id`` and ``text``.
    normalized : pandas.Series, optional
        ``botwatch.text.normalize_series(comments["text"])``, if already computed.

    Returns
    -------
    pandas.Series
        Share in [0, 1] per account key; 0 for an account without text.
    """
    from botwatch.text import comparison_keys, normalize_series

    keys = account_keys(comments)
    norm = normalize_series(comments["text"]) if normalized is None else normalized
    text_key = comparison_keys(comments["text"], norm)
    has_text = (text_key != "").to_numpy()
    frame = pd.DataFrame({"acc": keys.to_numpy()[has_text], "text": text_key.to_numpy()[has_text]})
    authors = frame.groupby("text")["acc"].nunique()
    copied = frame["text"].map(authors).to_numpy() > 1
    share = pd.Series(copied, dtype=float).groupby(frame["acc"].to_numpy()).mean()
    return share.reindex(keys.unique(), fill_value=0.0)


def link_share(comments: pd.DataFrame) -> pd.Series:
    """Share of each account's comments that carry a link (``http://``, ``https://`` or ``www.``).

    Parameters
    ----------
    comments : pandas.DataFrame
        Comment table with ``platform``, ``account_id`` and ``text``.

    Returns
    -------
    pandas.Series
        Share in [0, 1] per account key.
    """
    keys = account_keys(comments)
    has = (
        comments["text"].astype("string").fillna("").str.contains(r"https?://|www\.", case=False, regex=True)
    )
    return has.astype(float).groupby(keys.to_numpy()).mean()


def co_action_strength(comments: pd.DataFrame, target: pd.Series, window_s: float = 60.0) -> pd.Series:
    """Each account's strongest edge in a coordination-network-toolkit style network.

    Two messages by different accounts co-occur when they have the same target and were written
    at most ``window_s`` seconds apart. The edge from account *a* to *b* weighs the messages of
    *a* that co-occur with any message of *b* (the toolkit's ``count(distinct message_id)``); an
    account's score is its heaviest outgoing edge, 0 without any. With the replied-to message as
    target this is the co-reply network, with the normalised text the co-tweet network, with the
    shared object the co-retweet network.

    Parameters
    ----------
    comments : pandas.DataFrame
        Comment table with ``platform``, ``account_id`` and zoned ``created_at``.
    target : pandas.Series
        What each message acts on, aligned with ``comments``; null for messages that act on
        nothing (they have no partner).
    window_s : float, default 60
        Largest time apart, in seconds, inclusive.

    Returns
    -------
    pandas.Series
        Strongest edge weight per account key (:func:`botwatch.graph.account_keys`).
    """
    keys = account_keys(comments)
    acc, names = pd.factorize(keys)
    out = pd.Series(0.0, index=pd.Index(names))
    tgt = pd.Series(np.asarray(target, dtype=object), index=comments.index)
    has = tgt.notna().to_numpy() & (tgt.astype("string").fillna("") != "").to_numpy()
    if not has.any():
        return out
    t = comments["created_at"].to_numpy(dtype="datetime64[ns]").astype(np.int64) // 10**9
    code = pd.factorize(tgt[has])[0].astype(np.int64)
    a, tt = acc[has].astype(np.int64), t[has] - t[has].min()
    order = np.lexsort((tt, code))
    a, tt, code = a[order], tt[order], code[order]
    key = code * 2**33 + tt  # target first, then time: one sorted axis for both
    lo = np.searchsorted(key, key - int(window_s), "left")
    hi = np.searchsorted(key, key + int(window_s), "right")
    n_near = hi - lo
    i = np.repeat(np.arange(len(key)), n_near)
    j = np.arange(n_near.sum()) - np.repeat(np.cumsum(n_near) - n_near, n_near) + np.repeat(lo, n_near)
    other = a[i] != a[j]
    i, j = i[other], j[other]
    n = len(names)
    message_partner = np.unique(i * n + a[j])  # each message counts once per partner
    src = a[message_partner // n]
    dst = message_partner % n
    edge, weight = np.unique(src * n + dst, return_counts=True)
    strongest = pd.Series(weight, dtype=float).groupby(edge // n).max()
    out.iloc[strongest.index.to_numpy()] = strongest.to_numpy()
    return out


def reply_target(comments: pd.DataFrame) -> pd.Series:
    """The message each comment answers: its parent comment, else the post it is under.

    On Twitter a reply to a thread's first tweet names that tweet, so a top-level comment answers
    its post. Null where the table gives neither.

    Parameters
    ----------
    comments : pandas.DataFrame
        Comment table, with ``parent_id`` and ``post_id`` where known.

    Returns
    -------
    pandas.Series
        Target per comment, as ``"c:<parent_id>"`` or ``"p:<post_id>"``.
    """
    nothing = pd.Series(pd.NA, index=comments.index, dtype="string")
    parent = comments["parent_id"].astype("string") if "parent_id" in comments else nothing
    post = comments["post_id"].astype("string") if "post_id" in comments else nothing
    return ("c:" + parent).fillna("p:" + post)


# -- metrics ------------------------------------------------------------------------------------


def ranking_metrics(y: np.ndarray, score: np.ndarray, fpr: float = TARGET_FPR) -> dict[str, float]:
    """ROC-AUC, average precision and recall at a false-positive rate.

    Parameters
    ----------
    y : numpy.ndarray
        1 for positives (inauthentic), 0 for negatives.
    score : numpy.ndarray
        Higher is more suspect; NaN counts as the lowest score.
    fpr : float, default 0.05
        Largest share of negatives flagged.

    Returns
    -------
    dict
        ``roc_auc``, ``ap``, ``recall_at_fpr`` (the most positives any threshold flags while
        flagging at most ``fpr`` of the negatives; ties are never split) and ``fpr_reached``.
    """
    y = np.asarray(y).astype(int)
    s = np.asarray(score, dtype=float)
    s = np.where(np.isfinite(s), s, np.nanmin(s[np.isfinite(s)], initial=0.0) - 1.0)
    f, t, _ = roc_curve(y, s, drop_intermediate=False)
    ok = f <= fpr + 1e-12
    best = int(np.argmax(np.where(ok, t, -1.0)))
    return {
        "roc_auc": float(roc_auc_score(y, s)),
        "ap": float(average_precision_score(y, s)),
        "recall_at_fpr": float(t[best]),
        "fpr_reached": float(f[best]),
    }


def _with_singletons(labels: np.ndarray, clustered: np.ndarray) -> np.ndarray:
    """Integer labels, each account outside a cluster (``clustered`` False) a cluster of its own."""
    codes = pd.factorize(pd.Series(labels).astype(str))[0]
    alone = ~clustered
    codes[alone] = codes.max(initial=-1) + 1 + np.arange(alone.sum())
    return codes


def loss_decomposition(farm: np.ndarray, cluster: np.ndarray) -> dict[str, float]:
    """The all-farm adjusted Rand index of clusters against the true farms, and three
    counterfactuals that say which kind of error costs most.

    ``farm`` names each farm account's farm, ``cluster`` its cluster id (``-1`` for none); an
    account in no cluster counts as a cluster of its own. ``ari_separated`` is the index if every
    cluster holding several farms were cut along the farms, ``ari_joined`` if every farm's
    clusters (by majority farm) were one, ``ari_covered`` if every farm account in no cluster
    were in its farm's largest cluster.

    Examples
    --------
    >>> loss_decomposition(["a", "a", "b", "b"], [0, 0, 0, 0])["ari_separated"]
    1.0
    """
    farm = np.asarray(farm, dtype=str)
    cluster = np.asarray(cluster, dtype=np.int64)
    inside = cluster >= 0
    majority = pd.Series(farm[inside]).groupby(cluster[inside]).agg(lambda f: f.value_counts().index[0])
    largest = pd.Series(cluster[inside]).groupby(farm[inside]).agg(lambda c: c.value_counts().index[0])
    covered = np.array(
        [c if c >= 0 else largest.get(f, f"farm:{f}") for c, f in zip(cluster, farm, strict=True)],
        dtype=object,
    )
    return {
        "ari": adjusted_rand_score(farm, _with_singletons(cluster, inside)),
        "ari_separated": adjusted_rand_score(
            farm, _with_singletons(np.char.add(cluster.astype(str), np.char.add("|", farm)), inside)
        ),
        "ari_joined": adjusted_rand_score(
            farm,
            _with_singletons(np.where(inside, majority.reindex(cluster).astype(str).to_numpy(), ""), inside),
        ),
        "ari_covered": adjusted_rand_score(farm, pd.factorize(pd.Series(covered).astype(str))[0]),
    }
