"""Plain-word reasons behind each account's score, with their numbers.

Last stage before the outputs: each reason names a signal that the account shows far more than a
typical commenter, with the count behind it, so that a reader can check it in the data. Signals the
dump could not support (no profiles, coarse times) are listed as unavailable rather than guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from botwatch._lang import check_lang, feature_label, tr
from botwatch.graph import SUSPECT_LAYER, SUSPECT_LAYERS, account_keys

if TYPE_CHECKING:
    from botwatch._pipeline import Analysis

__all__ = ["account_reasons", "model_drivers"]


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def account_reasons(
    analysis: Analysis, table: pd.DataFrame, estimator: Any = None, *, lang: str = "en"
) -> tuple[list[str], list[str]]:
    """Reasons and unavailable signals per account, in the order of ``table``'s index.

    With ``estimator``, every suspect also gets the features that weigh most in its score
    (see :func:`model_drivers`), so that no suspect goes without a stated reason. ``lang`` is
    the language of the texts (see :data:`botwatch._lang.LANGUAGES`).

    Returns
    -------
    reasons : list of str
        ``"; "``-joined plain-word reasons, strongest first (empty when nothing stands out).
    unavailable : list of str
        Signal groups that could not be computed for the account.
    """
    check_lang(lang)
    X = analysis.features.reindex(table.index)
    n = X["n_comments_log"].rpow(10).round().to_numpy()
    graph = analysis.graph
    pos = graph.accounts.get_indexer(table.index)
    e = graph.edges
    best = _best_edges(e, len(graph.accounts))
    window_min = graph.window_s / 60
    # Each candidate reason: where it applies, how strong it is, and its text for one account,
    # written only for the reasons finally picked (formatting every rule for every account would
    # cost more than all the rest on a large dump).
    candidates: list[tuple[np.ndarray, np.ndarray, Callable[[int], str]]] = []

    def add(mask: np.ndarray, strength: np.ndarray, text: Callable[[int], str]) -> None:
        candidates.append((np.asarray(mask, dtype=bool) & ~np.isnan(strength), np.nan_to_num(strength), text))

    def whole(x: float) -> int:
        return int(x)

    cluster = table["cluster_id"].to_numpy(dtype="float64", na_value=np.nan)
    # Sizes from the clusters as published, which include those joined among suspects after scoring.
    ids = pd.Series(cluster)
    size = ids.map(ids.value_counts()).to_numpy(dtype=float)
    add(
        ~np.isnan(cluster),
        np.full(len(X), 9.0),
        lambda i: tr("acts_together", lang, k=whole(size[i] - 1), c=whole(cluster[i])),
    )
    layer_strength = (
        ("co_comment", 8.0),
        ("near_duplicate", 7.5),
        ("co_post", 7.0),
        ("co_reply", 7.0),
        (SUSPECT_LAYER, 6.8),
        (SUSPECT_LAYERS["near_duplicate"], 6.6),
        (SUSPECT_LAYERS["similar_text"], 6.4),
    )
    for layer, strength in layer_strength:
        b = best.get(layer)
        if b is None:
            continue
        k = b["partners"][pos]
        o = b["observed"][pos]
        ex = b["expected"][pos]

        def layer_text(
            i: int, layer: str = layer, k: np.ndarray = k, o: np.ndarray = o, ex: np.ndarray = ex
        ) -> str:
            shown = float(o[i]) if layer == "near_duplicate" else whole(o[i])
            return tr(f"reason_{layer}", lang, w=window_min, o=shown, e=float(ex[i]), k=whole(k[i]))

        add(k > 0, np.full(len(X), strength), layer_text)
    # Meetings too few for a co-comment link, with several accounts: said where no link is.
    partners = graph.lockstep_partners
    if partners is not None:
        lockstep = np.where(pos >= 0, partners[np.maximum(pos, 0)], 0)
        linked = sum(
            (best[layer]["partners"][pos] for layer in ("co_comment", SUSPECT_LAYER) if layer in best),
            np.zeros(len(X)),
        )
        min_posts = int(graph.params.get("min_co_posts", 2))  # type: ignore[call-overload]
        add(
            (lockstep >= 3) & (linked == 0),
            np.full(len(X), 5.2),
            lambda i: tr("reason_lockstep", lang, k=whole(lockstep[i]), w=window_min, m=min_posts),
        )
    share_rules = (  # feature, share at least, comments at least, strength
        ("near_copy_share", 0.5, 3, 6.0),
        ("fast_share", 0.5, 3, 5.0),
        ("attack_share", 0.2, 2, 5.5),
        ("reply_to_critic_share", 0.2, 2, 5.5),
        ("praise_share", 0.6, 3, 4.0),
        ("self_repeat_share", 0.3, 3, 3.5),
        ("office_share", 0.9, 5, 3.0),
        ("burst_share", 0.5, 3, 3.0),
        ("emoji_only_share", 0.6, 3, 2.5),
    )
    # Where an account also stands out on the same share (below), that reason says it with the
    # dump's comparison and takes the rule's place, so that no share is stated twice.
    n_all = len(X)
    standout_rank = {name: _standout_rank(X, name, high) for name, high, _, _ in _STANDOUT}
    ruled: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for name, cut, min_n, strength in share_rules:
        v = X[name].to_numpy()

        def share_text(i: int, name: str = name, v: np.ndarray = v) -> str:
            return tr(f"reason_{name}", lang, p=_pct(v[i]))

        rule = (v >= cut) & (n >= min_n)
        ruled[name] = (rule, np.full(len(X), strength) + v)
        replaced = _standout_shown(standout_rank[name], n_all) if name in standout_rank else False
        add(rule & ~replaced, ruled[name][1], share_text)
    age = X["age_days_log"].rpow(10).to_numpy()
    add(age < 90, 4.5 - age / 90, lambda i: tr("reason_young", lang, a=whole(age[i])))
    same = np.round(X["created_same_days_log"].rpow(10).to_numpy() - 1)
    add(
        same >= 3,
        4.0 + np.log10(1 + np.nan_to_num(same)),
        lambda i: tr("reason_created_same_days", lang, s=whole(same[i])),
    )
    nb = np.round(X["id_neighbors_log"].rpow(10).to_numpy() - 1)
    add(
        nb >= 2,
        4.0 + np.log10(1 + np.nan_to_num(nb)),
        lambda i: tr("reason_id_neighbors", lang, s=whole(nb[i])),
    )
    fol = np.round(X["followers_log"].rpow(10).to_numpy() - 1)
    add(fol < 10, np.full(len(X), 2.0), lambda i: tr("reason_followers", lang, f=whole(fol[i])))
    avatar = X["has_avatar"].to_numpy()
    add(avatar == 0, np.full(len(X), 1.5), lambda i: tr("reason_no_avatar", lang))

    # Beyond the rules: any signal on which the account stands out from this dump's commenters.
    for name, _high, key, values in _STANDOUT:
        v = X[name].to_numpy(dtype=float)
        rank = standout_rank[name]
        show = _standout_shown(rank, n_all)
        if name in _STANDOUT_UNLESS:
            show &= X[_STANDOUT_UNLESS[name]].isna().to_numpy()
        strength = 0.5 + np.nan_to_num(rank)
        if name in ruled:  # in the place of the rule it replaces
            rule, rule_strength = ruled[name]
            strength = np.where(rule, np.maximum(rule_strength, strength), strength)

        def standout_text(
            i: int, key: str = key, values: Any = values, v: np.ndarray = v, rank: np.ndarray = rank
        ) -> str:
            return tr(key, lang, x=min(99, int(100 * rank[i])), **values(v[i]))

        add(show, strength, standout_text)

    if estimator is not None:
        suspects = np.flatnonzero(table["is_suspect"].to_numpy(dtype=bool))
        drivers = np.full(len(X), "", dtype=object)
        drivers[suspects] = model_drivers(estimator, X, suspects, lang=lang)
        add(drivers != "", np.full(len(X), 0.1), lambda i: str(drivers[i]))

    reasons = [""] * len(X)
    strengths = np.stack([np.where(m, s, -1.0) for m, s, _ in candidates], axis=1)
    for i in np.flatnonzero((strengths >= 0).any(axis=1)):
        order = np.argsort(-strengths[i], kind="stable")[:6]
        picked = [candidates[j][2](i) for j in order if strengths[i, j] >= 0]
        reasons[i] = "; ".join(p for p in picked if p)

    unavailable = []
    from_profiles = ["age_days_log", "followers_log", "following_log", "has_avatar"]
    profile_missing = X[from_profiles].isna().all(axis=1).to_numpy()
    timing_missing = X[["delay_median_log", "office_share"]].isna().all(axis=1).to_numpy()
    for pm, tm in zip(profile_missing, timing_missing, strict=True):
        parts = []
        if pm:
            parts.append(tr("unavailable_profile", lang))
        if tm:
            parts.append(tr("unavailable_timing", lang))
        unavailable.append("; ".join(parts))
    return reasons, unavailable


def model_drivers(
    estimator: Any,
    X: pd.DataFrame,
    rows: np.ndarray,
    *,
    top: int = 3,
    min_drop: float = 0.05,
    lang: str = "en",
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
            name = X.columns[k]
            what, shown = _display(FEATURES.get(name, ("", name))[1], sub.iat[i, k], lang)
            parts.append(f"{feature_label(name, what, lang)}: {shown}")
        out.append(tr("drivers", lang, list="; ".join(parts)) if parts else "")
    return out


def _display(doc: str, value: float, lang: str = "en") -> tuple[str, str]:
    """A feature's description and value in plain units (log10 features are shown unlogged)."""
    if np.isnan(value):
        return doc, tr("not_available", lang)
    for prefix, offset in (("log10 of 1 + ", 1.0), ("log10 of ", 0.0)):
        if doc.startswith(prefix):
            doc, value = doc[len(prefix) :], 10**value - offset
            break
    if doc.startswith("share of"):
        return doc, _pct(value)
    return doc, f"{value:.0f}" if abs(value) >= 10 else f"{value:.2f}".rstrip("0").rstrip(".")


# Signals on which an account may stand out from the dump's commenters: feature, whether high
# values stand out, the message, and the values it shows.
_STANDOUT: tuple[tuple[str, bool, str, Any], ...] = (
    ("n_comments_log", True, "standout_n_comments", lambda v: {"n": round(10**v)}),
    ("praise_share", True, "standout_praise_share", lambda v: {"p": _pct(v)}),
    ("near_copy_share", True, "standout_near_copy_share", lambda v: {"p": _pct(v)}),
    ("posts_per_day_log", False, "standout_posts_per_day", lambda v: {"v": 10**v - 1}),
    ("posts_log", False, "standout_posts", lambda v: {"n": round(10**v - 1)}),
    ("follow_ratio_log", False, "standout_follow_ratio", lambda v: {"v": 10**-v}),
    ("handle_digits", True, "standout_handle_digits", lambda v: {"d": int(v)}),
    ("delay_median_log", False, "standout_delay", lambda v: {"m": 10**v / 60}),
    ("office_share", True, "standout_office_share", lambda v: {"p": _pct(v)}),
)


def _standout_rank(X: pd.DataFrame, name: str, high: bool) -> np.ndarray:
    """Share of accounts strictly below (or above) each one: ties do not count as beaten."""
    return ((X[name].rank(method="min", ascending=high) - 1) / max(len(X), 1)).to_numpy()


def _standout_shown(rank: np.ndarray, n_all: int) -> np.ndarray:
    return (rank >= 0.95) & (n_all >= 20)


_STANDOUT_UNLESS = {"posts_log": "posts_per_day_log"}
"""A signal shown only where another one, which says more, is unknown: the lifetime posts count
only where the account's age, and so its posts per day, is not known."""


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


def account_examples(
    analysis: Analysis, table: pd.DataFrame, *, tz: str, max_posts: int = 3, lang: str = "en"
) -> list[str]:
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
    row_of = dict(zip(keys, range(len(keys)), strict=True))

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
            what = tr(f"partner_{e.layer}", lang, o=int(e.observed))
            text = tr("example_partner", lang, p=partner, what=what, e=float(e.expected))
            gap = getattr(e, "mean_gap_s", np.nan)
            if e.layer == "co_comment" and gap == gap:
                text += tr("partner_gap", lang, g=float(gap))
            posts = getattr(e, "posts", None)
            if isinstance(posts, str) and posts:
                shown = posts.split(";")[:max_posts]
                more = len(posts.split(";")) - len(shown)
                listed = ", ".join(shown) + (tr("and_more", lang, m=more) if more > 0 else "")
                text += tr("partner_posts", lang, list=listed)
            parts[int(i)].append(text)

    comments = analysis.comments
    # Accounts as integer codes (a Python string per comment would cost more than the rest).
    account, account_uniques = pd.factorize(account_keys(comments))
    row_of_code = pd.Index(keys).get_indexer(pd.Index(account_uniques).astype(str))
    copies = analysis.graph.near_copies
    if len(copies):
        n_other = copies["anywhere"].reindex(comments.index).fillna(0).to_numpy()
        # Only copied comments' texts are taken out of the table (as Python strings, the costly form).
        copied = np.flatnonzero(n_other > 0)
        frame = pd.DataFrame(
            {
                "account": account[copied],
                "n": n_other[copied],
                "text": comments["text"].iloc[copied].to_numpy(),
            }
        )
        frame = frame.sort_values(  # ties broken by text: independent of row order
            ["n", "account", "text"], ascending=[False, True, True], kind="stable"
        )
        for r in frame.drop_duplicates("account").itertuples():
            i = row_of_code[r.account]
            if i < 0:
                continue
            snippet = " ".join(str(r.text).split())
            snippet = snippet if len(snippet) <= 80 else snippet[:77] + "..."
            parts[int(i)].append(tr("example_copied", lang, t=snippet, n=int(r.n)))

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
            lambda h: ", ".join(tr("hour", lang, h=int(x)) for x in h)
        )
        share = peak.groupby("account", sort=False)["n"].sum() / busy
        office = sub.groupby("account")["office"].mean()
        share_of, office_of = share.to_dict(), office.to_dict()
        for acc_key, hours in hours_text.items():
            i = row_of_code[acc_key]
            if i < 0:
                continue
            parts[int(i)].append(
                tr(
                    "example_rhythm",
                    lang,
                    p=_pct(share_of[acc_key]),
                    h=hours,
                    tz=tz,
                    o=_pct(office_of[acc_key]),
                )
            )
    return ["; ".join(p) for p in parts]
