"""Plain-word reasons behind each account's score, with their numbers, and concrete examples.

Last stage before the outputs. The reasons are the model's own terms: each feature that raised the
account's log-odds, in words with the account's values and the term itself, so that a reader can
check it in the data and see how much it weighed. The examples (closest partner, most copied text,
daily rhythm) show the evidence behind them. Signals the dump could not support (no profiles,
coarse times) are listed as unavailable rather than guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from botwatch._lang import check_lang, feature_label, tr
from botwatch._progress import release_memory
from botwatch.schema import account_keys, key_account_ids
from botwatch.text import single_spaced

if TYPE_CHECKING:
    from botwatch._result import Analysis

__all__ = ["MAX_REASONS", "MIN_TERM", "REASON_COLUMNS", "account_reasons", "model_drivers", "render_reasons"]


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


MIN_TERM = 0.1
"""Smallest term (in log-odds) a reason is written for: below it a feature barely moved the score."""

MAX_REASONS = 6
"""Reasons written per account, largest terms first."""

REASON_COLUMNS = ("account_key", "rank", "feature", "code", "numbers", "contribution")
"""Columns of the structured reasons: per account (its key) and rank, the feature, the message
code, the numbers the message states (a dict) and the term itself in log-odds."""


def account_reasons(
    analysis: Analysis, table: pd.DataFrame, estimator: Any = None, *, lang: str = "en"
) -> tuple[list[str], list[str], pd.DataFrame]:
    """Reasons and unavailable signals per account, in the order of ``table``'s index.

    The reasons are the model's own terms: each feature that raised the account's log-odds by
    :data:`MIN_TERM` or more (see :meth:`botwatch.models.BotClassifier.explain`), largest first,
    written in plain words with the account's numbers and followed by the term in brackets, so
    that the reasons and the score can never disagree. A model without ``explain`` gets the
    features whose replacement by the dump's median lowers its score most
    (:func:`model_drivers`). ``lang`` is the language of the texts (see
    :data:`botwatch._lang.LANGUAGES`).

    Returns
    -------
    reasons : list of str
        ``"; "``-joined reasons, strongest first (empty when nothing raised the score).
    unavailable : list of str
        Signal groups that could not be computed for the account.
    structured : pandas.DataFrame
        The same reasons as data (:data:`REASON_COLUMNS`), which :func:`render_reasons` writes
        in any language; empty for a model without ``explain``.
    """
    check_lang(lang)
    X = analysis.features.reindex(table.index)
    structured = pd.DataFrame({c: pd.Series(dtype=object) for c in REASON_COLUMNS})
    if estimator is not None and hasattr(estimator, "explain"):
        reasons, structured = _term_reasons(analysis, table, X, estimator.explain, lang)
    elif estimator is not None:
        reasons = [""] * len(X)
        suspects = np.flatnonzero(table["is_suspect"].to_numpy(dtype=bool))
        for i, text in zip(suspects, model_drivers(estimator, X, suspects, lang=lang), strict=True):
            reasons[i] = text
    else:
        reasons = [""] * len(X)
    from_profiles = ["age_days_log", "followers_log", "following_log", "has_avatar"]
    profile_missing = X[from_profiles].isna().all(axis=1).to_numpy()
    timing_missing = X[["delay_median_log", "night_share"]].isna().all(axis=1).to_numpy()
    # Four possible texts, written once each.
    said = {
        (pm, tm): "; ".join([tr("unavailable_profile", lang)] * pm + [tr("unavailable_timing", lang)] * tm)
        for pm in (False, True)
        for tm in (False, True)
    }
    missing = zip(profile_missing.tolist(), timing_missing.tolist(), strict=True)
    unavailable = [said[pm, tm] for pm, tm in missing]
    return reasons, unavailable, structured


def render_reason(code: str, numbers: dict[str, Any], lang: str = "en") -> str:
    """One reason in words: the message ``code`` with its ``numbers``, in ``lang``."""
    if code == "feature":
        from botwatch.features import FEATURES

        name = numbers["feature"]
        what, shown = _display(FEATURES.get(name, ("", name))[1], numbers["value"], lang)
        return f"{feature_label(name, what, lang)}: {shown}"
    said = tr(code, lang, **{k: v for k, v in numbers.items() if k != "of"})
    if "of" in numbers:
        said += " ({}/{})".format(*numbers["of"])
    return said


def render_reasons(structured: pd.DataFrame, keys: pd.Index, lang: str = "en") -> list[str]:
    """The structured reasons (:data:`REASON_COLUMNS`) in words, one ``"; "``-joined text per
    account of ``keys`` (empty where it has none): ``lang`` changes the wording, never what is
    said.

    Examples
    --------
    >>> t = pd.DataFrame({"account_key": ["a"], "rank": [0], "feature": ["praise_share"],
    ...     "code": ["reason_praise_share"], "numbers": [{"p": "100%", "of": (2, 2)}],
    ...     "contribution": [2.2]})
    >>> render_reasons(t, pd.Index(["a", "b"]))
    ['100% of its comments are praise (2/2) (+2.2)', '']
    """
    check_lang(lang)
    memo: dict[tuple[str, str], str] = {}
    texts: dict[str, list[str]] = {}
    for key, code, numbers, contribution in zip(
        structured["account_key"],
        structured["code"],
        structured["numbers"],
        structured["contribution"],
        strict=True,
    ):
        m = (code, repr(numbers))
        if m not in memo:
            memo[m] = render_reason(code, numbers, lang)
        texts.setdefault(str(key), []).append(f"{memo[m]} (+{contribution:.1f})")
    return ["; ".join(texts.get(str(k), [])) for k in keys]


# Features told together, as one reason: the layer's partner count and its strongest link.
_TOLD_WITH = {
    "co_comment_strength": "co_comment_partners_log",
    "near_dup_strength": "near_dup_partners_log",
    "near_copy_accounts_log": "near_copy_share",
    "cluster_density": "cluster_size_log",
}

# Reasons told from the account's own partners, not from its value alone.
_PER_PARTNER = frozenset(
    {"co_comment_partners_log", "co_post_partners_log", "near_dup_partners_log", "lockstep_partners_log"}
)

_SHARE_TEXTS = (
    "near_copy_share",
    "fast_share",
    "attack_share",
    "reply_to_critic_share",
    "praise_share",
    "self_repeat_share",
    "office_share",
    "burst_share",
    "emoji_only_share",
    "link_share",
)


_Said = tuple[str, dict[str, Any]]


class _ReasonWriter:
    """What each feature's reason says for one account: its message code, the numbers it states
    and the words (made once per value for reasons that depend on the value alone)."""

    def __init__(self, analysis: Analysis, table: pd.DataFrame, X: pd.DataFrame, lang: str) -> None:
        self.names = list(X.columns)
        self.col = {name: k for k, name in enumerate(self.names)}
        self.X, self.lang = X, lang
        graph = analysis.graph
        self.pos = graph.accounts.get_indexer(table.index)
        self.best = _best_edges(graph.edges, len(graph.accounts))
        self.partners = graph.lockstep_partners
        self.window_min = graph.window_s / 60
        self.min_posts = int(graph.params.get("min_co_posts", 2))  # type: ignore[call-overload]
        self.values = X.to_numpy(dtype=np.float64)
        self.seen_share: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if analysis.observed is not None:
            observed = analysis.observed.reindex(table.index)
            for name in _SHARE_TEXTS:
                if name in observed.columns:
                    self.seen_share[name] = (
                        observed[name].to_numpy(dtype=np.float64),
                        observed[f"{name}_n"].to_numpy(dtype=np.float64),
                    )
        self.ranks: dict[str, np.ndarray] = {}

    def layer_part(self, layer: str, i: int) -> _Said | None:
        b, at = self.best.get(layer), self.pos[i]
        if b is None or at < 0 or b["partners"][at] == 0:
            return None
        o = b["observed"][at]
        shown = float(o) if layer == "near_duplicate" else int(o)
        expected, k = float(b["expected"][at]), int(b["partners"][at])
        return f"reason_{layer}", {"w": self.window_min, "o": shown, "e": expected, "k": k}

    def reason_of(self, name: str, i: int) -> _Said:
        """The message code of a feature's reason and the numbers it states."""
        v = self.values[i, self.col[name]]
        said: _Said | None = None
        if v != v:  # missing: a term only in models fitted before missing read as the reference
            pass
        elif name in _LAYER_OF:
            said = self.layer_part(_LAYER_OF[name], i)
        elif name == "lockstep_partners_log" and self.partners is not None and self.pos[i] >= 0:
            k = int(self.partners[self.pos[i]])
            said = "reason_lockstep", {"k": k, "w": self.window_min, "m": self.min_posts}
        elif name in _SHARE_TEXTS:
            # The model reads the weighed share; the reason states what was observed, and of how many.
            if name in self.seen_share:
                seen, rows = self.seen_share[name][0][i], self.seen_share[name][1][i]
                said = f"reason_{name}", {"p": _pct(seen), "of": (round(seen * rows), round(rows))}
            else:
                said = f"reason_{name}", {"p": _pct(v)}
        elif name in _FROM_VALUE:
            code, key, offset = _FROM_VALUE[name]
            said = code, {key: round(10**v - offset)}
        elif name == "has_avatar" and v == 0:
            said = "reason_no_avatar", {}
        elif name in _STANDOUT_KEYS and len(self.X) >= 20:
            high, key, fill = _STANDOUT_KEYS[name]
            if name not in self.ranks:
                self.ranks[name] = _standout_rank(self.X, name, high)
            said = key, {"x": min(99, int(100 * self.ranks[name][i])), **fill(v)}
        return said if said is not None else ("feature", {"feature": name, "value": float(v)})

    def said_for(self, k: int, i: int) -> tuple[str, dict[str, Any], str]:
        """Code, numbers and words of feature ``k``'s reason for account ``i``."""
        code, numbers = self.reason_of(self.names[k], i)
        return code, numbers, render_reason(code, numbers, self.lang)

    def same_reason(self, k: int, accounts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Groups of ``accounts`` whose reason for feature ``k`` is the same: the position of each
        group's first account, and each account's group.

        The reason depends on the feature's value and, for shares, on what was observed and of
        how many; a reason told from the account's partners is its own.
        """
        name = self.names[k]
        if name in _PER_PARTNER:
            return np.arange(len(accounts)), np.arange(len(accounts))
        columns = {"v": self.values[accounts, k]}
        share = self.seen_share.get(name)
        if share is not None:
            columns["seen"], columns["rows"] = share[0][accounts], share[1][accounts]
        group = pd.DataFrame(columns).groupby(list(columns), sort=False, dropna=False).ngroup().to_numpy()
        first = np.unique(group, return_index=True)[1]
        return first, group


# Partner counts told from the account's strongest link of that layer.
_LAYER_OF = {
    "co_comment_partners_log": "co_comment",
    "co_post_partners_log": "co_post",
    "near_dup_partners_log": "near_duplicate",
}

# Features told from their value alone: message code, number name, and what log10(1 + x) added.
_FROM_VALUE = {
    "age_days_log": ("reason_young", "a", 0),
    "created_same_days_log": ("reason_created_same_days", "s", 1),
    "id_neighbors_log": ("reason_id_neighbors", "s", 1),
    "line_partners_log": ("reason_line_partners", "s", 1),
    "followers_log": ("reason_followers", "f", 1),
}


def _term_reasons(
    analysis: Analysis,
    table: pd.DataFrame,
    X: pd.DataFrame,
    explain: Callable[[pd.DataFrame], tuple[np.ndarray, np.ndarray]],
    lang: str,
) -> tuple[list[str], pd.DataFrame]:
    writer = _ReasonWriter(analysis, table, X, lang)
    keys = table.index.astype(str).to_numpy(dtype=object)
    out = [""] * len(X)
    # A block of accounts at a time, each account's reasons its own: the model's terms, their
    # order and the words are made for one block and only its reasons are kept, so that no copy
    # of every account's terms or words is ever held.
    frames = []
    for start in range(0, len(X), _ACCOUNTS_PER_BLOCK):
        terms = explain(X.iloc[start : start + _ACCOUNTS_PER_BLOCK])[1]
        told = _told(terms, writer.col, start)
        del terms
        if len(told[0]):
            frames.append(_block_reasons(writer, keys, told, out))
    if not frames:
        return out, pd.DataFrame.from_records([], columns=list(REASON_COLUMNS))
    return out, pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def _block_reasons(
    writer: _ReasonWriter,
    keys: np.ndarray,
    told: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    out: list[str],
) -> pd.DataFrame:
    """The reasons told for a block of accounts (:func:`_told`) in words, written into ``out``
    account by account, and as data."""
    acc, feature, term, rank = told
    code = np.empty(len(acc), dtype=object)
    numbers = np.empty(len(acc), dtype=object)
    said = np.empty(len(acc), dtype=object)
    for k in np.unique(feature).tolist():
        at = np.flatnonzero(feature == k)
        # Accounts whose reason for this feature reads the same share one rendering.
        first, group = writer.same_reason(k, acc[at])
        told_once = [writer.said_for(k, a) for a in acc[at[first]].tolist()]
        code[at] = _objects([t[0] for t in told_once])[group]
        said[at] = _objects([t[2] for t in told_once])[group]
        numbers[at] = [dict(told_once[g][1]) for g in group.tolist()]
    parts = [f"{x} (+{t:.1f})" for x, t in zip(said.tolist(), term.tolist(), strict=True)]
    starts = np.flatnonzero(np.r_[True, acc[1:] != acc[:-1]])
    stops = np.r_[starts[1:], len(acc)].astype(np.int64)
    for i, a, b in zip(acc[starts].tolist(), starts.tolist(), stops.tolist(), strict=True):
        out[i] = "; ".join(parts[a:b])
    return pd.DataFrame(
        {
            "account_key": keys[acc].tolist(),
            "rank": rank.tolist(),
            "feature": np.asarray(writer.names, dtype=object)[feature].tolist(),
            "code": code.tolist(),
            "numbers": numbers.tolist(),
            "contribution": term.tolist(),
        }
    )


_ACCOUNTS_PER_BLOCK = 100_000
"""Accounts whose terms are computed and ordered at once (about 45 MB for each copy of their
terms)."""


def _told(
    terms: np.ndarray, col: dict[str, int], offset: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The reasons told for a block of accounts: each one's account (counted from ``offset``),
    feature, term and rank, account by account and strongest first."""
    merged = terms.copy()
    for part, whole in _TOLD_WITH.items():
        if part in col and whole in col:
            merged[:, col[whole]] += merged[:, col[part]]
            merged[:, col[part]] = 0.0
    rows = np.flatnonzero((merged >= MIN_TERM).any(axis=1))
    negated = -merged[rows]
    orders = np.argsort(negated, axis=1, kind="stable")[:, :MAX_REASONS]
    ordered = -np.take_along_axis(negated, orders, axis=1)
    told = ~(ordered < MIN_TERM)
    r, c = np.nonzero(told)
    rank = (np.cumsum(told, axis=1) - 1)[r, c]
    return rows[r] + offset, orders[r, c], ordered[r, c], rank


def _objects(values: list[Any]) -> np.ndarray:
    """A one-dimensional object array of ``values``."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


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


# Features told against this dump's commenters: whether high values stand out, the message, and
# the values it shows.
_STANDOUT_KEYS: dict[str, tuple[bool, str, Any]] = {
    "n_comments_log": (True, "standout_n_comments", lambda v: {"n": round(10**v)}),
    "posts_log": (False, "standout_posts", lambda v: {"n": round(10**v - 1)}),
    "follow_ratio_log": (False, "standout_follow_ratio", lambda v: {"v": 10**-v}),
    "handle_digits": (True, "standout_handle_digits", lambda v: {"d": int(v)}),
    "delay_median_log": (False, "standout_delay", lambda v: {"m": 10**v / 60}),
}


def _standout_rank(X: pd.DataFrame, name: str, high: bool) -> np.ndarray:
    """Share of accounts strictly below (or above) each one: ties do not count as beaten."""
    return ((X[name].rank(method="min", ascending=high) - 1) / max(len(X), 1)).to_numpy()


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
    keys = pd.Index(table.index.astype(str))
    comments = analysis.comments
    # Accounts as integer codes (a Python string per comment would cost more than the rest).
    account, account_uniques = pd.factorize(account_keys(comments))
    code_keys = pd.Index(account_uniques).astype(str)
    row_of_code = keys.get_indexer(code_keys)
    kinds = []
    for kind in (
        lambda: _partner_examples(analysis, keys, key_account_ids(comments), max_posts, lang),
        lambda: _copied_examples(analysis, account, row_of_code, lang),
        lambda: _rhythm_examples(comments, account, row_of_code, tz, lang),
    ):
        kinds.append(kind())
        release_memory()  # what choosing this kind freed, before the next
    columns = []
    for rows, texts in kinds:
        column = np.full(len(keys), "", dtype=object)
        told = rows >= 0
        column[rows[told]] = np.asarray(texts, dtype=object)[told] if len(texts) else []
        if len(np.unique(rows[told])) < told.sum():  # several of a kind: all of them, in order
            parts: dict[int, list[str]] = {}
            for i, text in zip(rows.tolist(), texts, strict=True):
                if i >= 0:
                    parts.setdefault(i, []).append(text)
            column[list(parts)] = ["; ".join(p) for p in parts.values()]
        columns.append(column.tolist())
    return ["; ".join(p for p in told if p) for told in zip(*columns, strict=True)]


def _partner_examples(
    analysis: Analysis, keys: pd.Index, ids: pd.Series, max_posts: int, lang: str
) -> tuple[np.ndarray, list[str]]:
    """Each linked account's closest partner (row in ``keys``, -1 if absent, and the text);
    ``ids`` is each account key's own id."""
    edges = analysis.graph.edges
    if not len(edges):
        return np.zeros(0, dtype=np.int64), []
    both = pd.concat(
        [
            edges.assign(me=edges["source"].astype(str), partner=edges["target"].astype(str)),
            edges.assign(me=edges["target"].astype(str), partner=edges["source"].astype(str)),
        ],
        ignore_index=True,
    )
    both = both.sort_values(["weight", "partner"], ascending=[False, True], kind="stable")
    best = both.drop_duplicates("me")
    id_of = ids[ids.index.isin(best["partner"].unique())].to_dict()
    texts = []
    for e in best.itertuples():
        partner = id_of.get(e.partner, e.partner)
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
        texts.append(text)
    return keys.get_indexer(best["me"]), texts


def _copied_examples(
    analysis: Analysis, account: np.ndarray, row_of_code: np.ndarray, lang: str
) -> tuple[np.ndarray, list[str]]:
    """Each account's most copied comment: the most other accounts, then the first text in order."""
    copies = analysis.graph.near_copies
    if not len(copies):
        return np.zeros(0, dtype=np.int64), []
    n_other = copies["anywhere"].reindex(analysis.comments.index).fillna(0).to_numpy()
    copied = np.flatnonzero(n_other > 0)
    acc, n = account[copied], n_other[copied]
    most = np.zeros(int(acc.max()) + 1 if len(acc) else 0)
    np.maximum.at(most, acc, n)
    # Only the comments with their account's largest count are candidates; texts are compared
    # only where an account has several, and the chosen ones alone become Python strings.
    top = np.flatnonzero(n == most[acc])
    several = np.bincount(acc[top])[acc[top]] > 1
    column = analysis.comments["text"]
    tied = pd.DataFrame({"account": acc[top[several]], "row": copied[top[several]]})
    tied["text"] = column.iloc[tied["row"].to_numpy()].to_numpy()
    tied = tied.sort_values(["account", "text"], kind="stable").drop_duplicates("account")
    frame = pd.DataFrame(
        {
            "account": np.r_[acc[top[~several]], tied["account"].to_numpy()],
            "n": np.r_[n[top[~several]], most[tied["account"].to_numpy()]],
            "row": np.r_[copied[top[~several]], tied["row"].to_numpy()],
        }
    )
    text = pa.array(column.iloc[frame["row"].to_numpy()].astype(str).to_numpy(), type=pa.large_string())
    # The text single spaced and cut to 80 characters, inside the message for its count (what
    # comes before the text and what after, made once per count).
    snippet = single_spaced(text)
    long = pc.greater(pc.utf8_length(snippet), 80)
    nothing, dots = pa.scalar("", pa.large_string()), pa.scalar("...", pa.large_string())
    cut = pc.binary_join_element_wise(pc.utf8_slice_codeunits(snippet, 0, 77), dots, nothing)
    snippet = pc.if_else(long, cut, snippet)
    counts, at = np.unique(frame["n"].to_numpy(), return_inverse=True)
    around = [tr("example_copied", lang, t="\x00", n=int(c)).partition("\x00") for c in counts.tolist()]
    before = pa.array([around[k][0] for k in at.tolist()], type=pa.large_string())
    after = pa.array([around[k][2] for k in at.tolist()], type=pa.large_string())
    texts = pc.binary_join_element_wise(before, snippet, after, nothing).to_pylist()
    return row_of_code[frame["account"].to_numpy()], texts


def _rhythm_examples(
    comments: pd.DataFrame, account: np.ndarray, row_of_code: np.ndarray, tz: str, lang: str
) -> tuple[np.ndarray, list[str]]:
    """The three busiest local hours of each account with five comments timed to the hour or
    better, their share of its comments and its share on weekdays 09:00-18:00."""
    local = comments["created_at"].dt.tz_convert(tz)
    fine = comments["time_precision_s"].to_numpy(dtype=float) <= 3600
    acc = account[fine]
    hour = local.dt.hour.to_numpy()[fine]
    office = ((local.dt.day_of_week < 5) & local.dt.hour.between(9, 17)).to_numpy()[fine]
    counts = np.bincount(acc, minlength=len(row_of_code)) if len(acc) else np.zeros(0, dtype=np.int64)
    busy = counts >= 5
    keep = busy[acc] if len(acc) else np.zeros(0, dtype=bool)
    if not keep.any():
        return np.zeros(0, dtype=np.int64), []
    accounts = np.flatnonzero(busy)
    slot = np.cumsum(busy) - 1  # each busy account's row among them
    at, hour, office = slot[acc[keep]], hour[keep], office[keep]
    grid = np.zeros((len(accounts), 24), dtype=np.int64)
    np.add.at(grid, (at, hour), 1)
    office_share = np.bincount(at, weights=office, minlength=len(accounts)) / counts[accounts]
    # The three busiest hours (earlier hour first among equals), told in the order of the day.
    order = np.argsort(-grid, axis=1, kind="stable")[:, :3]
    picked = np.take_along_axis(grid, order, axis=1)
    share = picked.sum(axis=1) / counts[accounts]
    label = [tr("hour", lang, h=h) for h in range(24)]
    texts = []
    for k, (hours, n_at) in enumerate(zip(order.tolist(), picked.tolist(), strict=True)):
        shown = ", ".join(label[h] for h, c in sorted(zip(hours, n_at, strict=True)) if c > 0)
        texts.append(
            tr(
                "example_rhythm",
                lang,
                p=_pct(share[k]),
                h=shown,
                tz=tz,
                o=_pct(office_share[k]),
            )
        )
    return row_of_code[accounts], texts
