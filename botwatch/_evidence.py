"""Plain-word reasons behind each account's score, with their numbers.

Last stage before the outputs: each reason names a signal that the account shows far more than a
typical commenter, with the count behind it, so that a reader can check it in the data. Signals the
dump could not support (no profiles, coarse times) are listed as unavailable rather than guessed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from botwatch.graph import account_keys

if TYPE_CHECKING:
    from botwatch._pipeline import Analysis

__all__ = ["account_reasons", "model_drivers"]


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _n(count: float, word: str) -> str:
    """``1 other account``, ``2 other accounts``."""
    k = int(count)
    return f"{k} {word}" if k == 1 else f"{k} {word}s"


def account_reasons(
    analysis: Analysis, table: pd.DataFrame, estimator: Any = None
) -> tuple[list[str], list[str]]:
    """Reasons and unavailable signals per account, in the order of ``table``'s index.

    With ``estimator``, every suspect also gets the features that weigh most in its score
    (see :func:`model_drivers`), so that no suspect goes without a stated reason.

    Returns
    -------
    reasons : list of str
        ``"; "``-joined plain-word reasons, strongest first (empty when nothing stands out).
    unavailable : list of str
        Signal groups that could not be computed for the account.
    """
    X = analysis.features.reindex(table.index)
    n = X["n_comments_log"].rpow(10).round().to_numpy()
    graph = analysis.graph
    pos = graph.accounts.get_indexer(table.index)
    e = graph.edges
    best = _best_edges(e, len(graph.accounts))
    window_min = graph.window_s / 60
    candidates: list[tuple[np.ndarray, np.ndarray, list[str]]] = []

    def add(mask: np.ndarray, strength: np.ndarray, texts: list[str] | np.ndarray) -> None:
        candidates.append(
            (
                np.asarray(mask, dtype=bool) & ~np.isnan(strength),
                np.nan_to_num(strength),
                list(texts),
            )
        )

    cluster = table["cluster_id"].to_numpy(dtype="float64", na_value=np.nan)
    size = np.round(X["cluster_size_log"].rpow(10).to_numpy() - 1)
    add(
        ~np.isnan(cluster),
        np.full(len(X), 9.0),
        [
            f"acts together with {_n(s - 1, 'other account')} (cluster {int(c)})" if not np.isnan(c) else ""
            for c, s in zip(cluster, size, strict=True)
        ],
    )
    for layer, strength, text in (
        (
            "co_comment",
            8.0,
            "commented within {w:g} minutes of another account on {o} posts "
            "({e:.1f} expected by chance); {k} in all",
        ),
        (
            "near_duplicate",
            7.5,
            "wrote near-identical texts to {k} ({o:.0f} shared texts with "
            "one of them, {e:.2f} expected by chance)",
        ),
        (
            "co_post",
            7.0,
            "commented on the same {o} posts as another account ({e:.1f} expected by chance); {k} in all",
        ),
        (
            "co_reply",
            7.0,
            "answered the same {o} accounts as another account ({e:.1f} expected by chance); {k} in all",
        ),
    ):
        b = best.get(layer)
        if b is None:
            continue
        k = b["partners"][pos]
        o = b["observed"][pos]
        ex = b["expected"][pos]
        add(
            k > 0,
            np.full(len(X), strength),
            [
                text.format(
                    w=window_min,
                    o=int(oo) if layer != "near_duplicate" else oo,
                    e=ee,
                    k=_n(kk, "other account") if layer == "near_duplicate" else _n(kk, "such account"),
                )
                if kk > 0
                else ""
                for kk, oo, ee in zip(k, o, ex, strict=True)
            ],
        )
    share_rules = (
        (
            "near_copy_share",
            0.5,
            3,
            6.0,
            "{p} of its comments have a near-identical copy by another account",
        ),
        ("fast_share", 0.5, 3, 5.0, "{p} of its comments came within 10 minutes of the post"),
        ("attack_share", 0.2, 2, 5.5, "{p} of its comments attack other commenters"),
        ("reply_to_critic_share", 0.2, 2, 5.5, "{p} of its comments answer people who complain"),
        ("praise_share", 0.6, 3, 4.0, "{p} of its comments are praise"),
        ("self_repeat_share", 0.3, 3, 3.5, "{p} of its comments repeat its own earlier texts"),
        (
            "office_share",
            0.9,
            5,
            3.0,
            "{p} of its comments were written on weekdays in office hours",
        ),
        (
            "burst_share",
            0.5,
            3,
            3.0,
            "{p} of its comments came within 2 minutes of its previous one",
        ),
        ("emoji_only_share", 0.6, 3, 2.5, "{p} of its comments are emoji only"),
    )
    for name, cut, min_n, strength, text in share_rules:
        v = X[name].to_numpy()
        add(
            (v >= cut) & (n >= min_n),
            np.full(len(X), strength) + v,
            [text.format(p=_pct(x)) if not np.isnan(x) else "" for x in v],
        )
    age = X["age_days_log"].rpow(10).to_numpy()
    add(
        age < 90,
        4.5 - age / 90,
        [
            f"account registered {int(a)} days before its first comment" if not np.isnan(a) else ""
            for a in age
        ],
    )
    same = np.round(X["created_same_days_log"].rpow(10).to_numpy() - 1)
    add(
        same >= 3,
        4.0 + np.log10(1 + np.nan_to_num(same)),
        [f"registered within a day of {int(s)} other commenters" if not np.isnan(s) else "" for s in same],
    )
    nb = np.round(X["id_neighbors_log"].rpow(10).to_numpy() - 1)
    add(
        nb >= 2,
        4.0 + np.log10(1 + np.nan_to_num(nb)),
        [
            f"numeric id next to {int(s)} other commenters' ids (registered one after another)"
            if not np.isnan(s)
            else ""
            for s in nb
        ],
    )
    fol = np.round(X["followers_log"].rpow(10).to_numpy() - 1)
    add(
        fol < 10,
        np.full(len(X), 2.0),
        [f"{int(f)} followers" if not np.isnan(f) else "" for f in fol],
    )
    avatar = X["has_avatar"].to_numpy()
    add(avatar == 0, np.full(len(X), 1.5), ["no profile picture"] * len(X))

    # Beyond the rules: any signal on which the account stands out from this dump's commenters.
    n_all = len(X)
    for name, high, phrase in _STANDOUT:
        v = X[name].to_numpy(dtype=float)
        # Share of accounts strictly below (or above) this one: ties do not count as beaten.
        rank = ((X[name].rank(method="min", ascending=high) - 1) / max(n_all, 1)).to_numpy()
        show = (rank >= 0.95) & (n_all >= 20)
        add(
            show,
            0.5 + np.nan_to_num(rank),
            [phrase(val, rank_) if ok else "" for val, rank_, ok in zip(v, rank, show, strict=True)],
        )

    if estimator is not None:
        suspects = np.flatnonzero(table["is_suspect"].to_numpy(dtype=bool))
        drivers = np.full(len(X), "", dtype=object)
        drivers[suspects] = model_drivers(estimator, X, suspects)
        add(drivers != "", np.full(len(X), 0.1), list(drivers))

    reasons = []
    strengths = np.stack([np.where(m, s, -1.0) for m, s, _ in candidates], axis=1)
    order = np.argsort(-strengths, axis=1, kind="stable")
    for i in range(len(X)):
        picked = [candidates[j][2][i] for j in order[i][:6] if strengths[i, j] >= 0]
        reasons.append("; ".join(p for p in picked if p))

    unavailable = []
    from_profiles = ["age_days_log", "followers_log", "following_log", "has_avatar"]
    profile_missing = X[from_profiles].isna().all(axis=1).to_numpy()
    timing_missing = X[["delay_median_log", "office_share"]].isna().all(axis=1).to_numpy()
    for pm, tm in zip(profile_missing, timing_missing, strict=True):
        parts = []
        if pm:
            parts.append("profile data (account age, followers, avatar)")
        if tm:
            parts.append("timing (the times are too coarse)")
        unavailable.append("; ".join(parts))
    return reasons, unavailable


def model_drivers(
    estimator: Any, X: pd.DataFrame, rows: np.ndarray, *, top: int = 3, min_drop: float = 0.05
) -> list[str]:
    """The features that weigh most in the score of each row in ``rows``.

    Each feature in turn is set to the dump's median (what a typical commenter shows); the features
    whose replacement lowers the account's score most are named, with the account's own value.

    Returns
    -------
    list of str
        One ``"; "``-joined text per row of ``rows``.
    """
    from botwatch.features import FEATURES

    if len(rows) == 0:
        return []
    sub = X.iloc[rows]
    base = estimator.predict_proba(sub)[:, 1]
    medians = X.median(numeric_only=True)
    drops = np.zeros((len(rows), X.shape[1]))
    for k, name in enumerate(X.columns):
        if np.isnan(medians[name]):
            continue
        changed = sub.copy()
        changed[name] = medians[name]
        drops[:, k] = base - estimator.predict_proba(changed)[:, 1]
    out = []
    for i in range(len(rows)):
        order = np.argsort(-drops[i], kind="stable")[:top]
        parts = []
        for k in order:
            if drops[i, k] < min_drop:
                break
            what, shown = _display(FEATURES.get(X.columns[k], ("", X.columns[k]))[1], sub.iat[i, k])
            parts.append(f"{what}: {shown}")
        out.append(("signals the model weighed most: " + "; ".join(parts)) if parts else "")
    return out


def _display(doc: str, value: float) -> tuple[str, str]:
    """A feature's description and value in plain units (log10 features are shown unlogged)."""
    if np.isnan(value):
        return doc, "not available"
    for prefix, offset in (("log10 of 1 + ", 1.0), ("log10 of ", 0.0)):
        if doc.startswith(prefix):
            doc, value = doc[len(prefix) :], 10**value - offset
            break
    if doc.startswith("share of"):
        return doc, _pct(value)
    return doc, f"{value:.0f}" if abs(value) >= 10 else f"{value:.2f}".rstrip("0").rstrip(".")


def _beyond(share: float) -> str:
    return f"{min(99, int(100 * share))}% of this dump's commenters"


_STANDOUT = (
    ("n_comments_log", True, lambda v, r: f"{round(10**v)} comments, more than {_beyond(r)}"),
    ("praise_share", True, lambda v, r: f"{_pct(v)} of its comments are praise, more than {_beyond(r)}"),
    (
        "near_copy_share",
        True,
        lambda v, r: (
            f"{_pct(v)} of its comments have a near-identical copy by another account, more than {_beyond(r)}"
        ),
    ),
    (
        "posts_per_day_log",
        False,
        lambda v, r: f"few posts of its own for its age ({10**v - 1:.3f} a day), fewer than {_beyond(r)}",
    ),
    (
        "follow_ratio_log",
        False,
        lambda v, r: (
            f"follows {10**-v:.0f} times more accounts than follow it, a lower ratio than {_beyond(r)}"
        ),
    ),
    ("handle_digits", True, lambda v, r: f"{int(v)} digits in its handle, more than {_beyond(r)}"),
    (
        "delay_median_log",
        False,
        lambda v, r: f"typically comments {10**v / 60:.0f} minutes after the post, sooner than {_beyond(r)}",
    ),
    (
        "office_share",
        True,
        lambda v, r: f"{_pct(v)} of comments in weekday office hours, more than {_beyond(r)}",
    ),
)


def _best_edges(edges: pd.DataFrame, n: int) -> dict[str, dict[str, np.ndarray]]:
    """Per layer and account: partner count and the observed/expected of its strongest edge."""
    out: dict[str, dict[str, np.ndarray]] = {}
    for layer, grp in edges.groupby("layer"):
        a = np.r_[grp["a"].to_numpy(dtype=np.int64), grp["b"].to_numpy(dtype=np.int64)]
        w = np.r_[grp["weight"].to_numpy(), grp["weight"].to_numpy()]
        obs = np.r_[grp["observed"].to_numpy(), grp["observed"].to_numpy()]
        exp = np.r_[grp["expected"].to_numpy(), grp["expected"].to_numpy()]
        order = np.lexsort((-obs, -w, a))
        a_s = a[order]
        first = np.r_[True, a_s[1:] != a_s[:-1]]
        partners = np.bincount(a, minlength=n)
        observed = np.zeros(n)
        expected = np.zeros(n)
        observed[a_s[first]] = obs[order][first]
        expected[a_s[first]] = np.nan_to_num(exp[order][first])
        out[str(layer)] = {"partners": partners, "observed": observed, "expected": expected}
    return out


def account_examples(analysis: Analysis, table: pd.DataFrame, *, tz: str, max_posts: int = 3) -> list[str]:
    """Concrete examples behind each account's score, in the order of ``table``'s index.

    Three kinds, each only where the data holds it:

    * its closest partner: the account it is most strongly linked with, on which layer, how many
      posts or texts they shared against the number chance predicts, the typical time between
      their comments, and the first posts they shared;
    * its most copied text: the comment of its that the most other accounts also wrote (nearly
      identically), with that number;
    * its daily rhythm: the hours of the day (local time) holding most of its comments, and its
      share on weekdays 09:00-18:00; for accounts with at least five comments timed to the hour.

    Returns
    -------
    list of str
        ``"; "``-joined examples (empty when there is none).
    """
    keys = table.index.astype(str)
    parts: list[list[str]] = [[] for _ in range(len(keys))]
    row_of = pd.Series(np.arange(len(keys)), index=keys)

    edges = analysis.graph.edges
    if len(edges):
        both = pd.concat(
            [
                edges.assign(me=edges["source"].astype(str), partner=edges["target"].astype(str)),
                edges.assign(me=edges["target"].astype(str), partner=edges["source"].astype(str)),
            ],
            ignore_index=True,
        )
        both = both.sort_values(["weight", "partner"], ascending=[False, True], kind="stable")
        best = both.drop_duplicates("me")
        for e in best.itertuples():
            i = row_of.get(e.me)
            if i is None:
                continue
            partner = e.partner.rsplit(":", 1)[-1]
            if e.layer == "near_duplicate":
                what = f"{int(e.observed)} near-identical texts"
            elif e.layer == "co_reply":
                what = f"answered the same {int(e.observed)} accounts"
            elif e.layer == "co_post":
                what = f"{int(e.observed)} of the same posts"
            else:
                what = f"commented within the window under {int(e.observed)} of the same posts"
            text = f"closest partner {partner}: {what}, {float(e.expected):.2f} expected by chance"
            gap = getattr(e, "mean_gap_s", np.nan)
            if e.layer == "co_comment" and gap == gap:
                text += f", {float(gap):.0f} s apart on average"
            posts = getattr(e, "posts", None)
            if isinstance(posts, str) and posts:
                shown = posts.split(";")[:max_posts]
                more = len(posts.split(";")) - len(shown)
                text += f" (posts {', '.join(shown)}{f' and {more} more' if more > 0 else ''})"
            parts[int(i)].append(text)

    comments = analysis.comments
    account = account_keys(comments).astype(str).to_numpy()
    copies = analysis.graph.near_copies
    if len(copies):
        n_other = copies["anywhere"].reindex(comments.index).fillna(0).to_numpy()
        frame = pd.DataFrame({"account": account, "n": n_other, "text": comments["text"].to_numpy()})
        frame = frame[frame["n"] > 0].sort_values(  # ties broken by text: independent of row order
            ["n", "account", "text"], ascending=[False, True, True], kind="stable"
        )
        for r in frame.drop_duplicates("account").itertuples():
            i = row_of.get(r.account)
            if i is None:
                continue
            snippet = " ".join(str(r.text).split())
            snippet = snippet if len(snippet) <= 80 else snippet[:77] + "..."
            parts[int(i)].append(f'most copied text "{snippet}" (also written by {_n(r.n, "other account")})')

    local = comments["created_at"].dt.tz_convert(tz)
    fine = comments["time_precision_s"].to_numpy(dtype=float) <= 3600
    timed = pd.DataFrame(
        {
            "account": account[fine],
            "hour": local.dt.hour.to_numpy()[fine],
            "office": ((local.dt.day_of_week < 5) & local.dt.hour.between(9, 17)).to_numpy()[fine],
        }
    )
    counts = timed.groupby("account").size()
    busy = counts[counts >= 5]
    if len(busy):
        sub = timed[timed["account"].isin(busy.index)]
        by_hour = sub.groupby(["account", "hour"]).size().rename("n").reset_index()
        # The three busiest hours of each account (earlier hour first among equals).
        by_hour = by_hour.sort_values(["account", "n", "hour"], ascending=[True, False, True], kind="stable")
        peak = by_hour.groupby("account", sort=False).head(3).sort_values(["account", "hour"], kind="stable")
        hours_text = peak.groupby("account", sort=False)["hour"].agg(
            lambda h: ", ".join(f"{int(x):02d}h" for x in h)
        )
        share = peak.groupby("account", sort=False)["n"].sum() / busy
        office = sub.groupby("account")["office"].mean()
        for acc_key in hours_text.index:
            i = row_of.get(acc_key)
            if i is None:
                continue
            parts[int(i)].append(
                f"{_pct(share.loc[acc_key])} of its comments in the hours {hours_text.loc[acc_key]} ({tz}); "
                f"{_pct(office.loc[acc_key])} on weekdays 09-18"
            )
    return ["; ".join(p) for p in parts]
