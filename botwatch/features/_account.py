"""Per-account features: the model's X.

Stage three of the data flow: from the canonical comment table (plus the optional account table and
the account graph) to one row per account. Going from comments to accounts changes what one row is,
so this is a plain function, not a transformer. A feature that cannot be computed from what the dump
holds (no profiles, times known only to the day) is NaN, never a made-up value; the model reads it
as a typical genuine account's value, and the outputs say which signals were unavailable.

Shares that say how often an account does something suspicious (:data:`WEIGHED_SHARES`) are
weighed by how many comments they rest on: each starts from :data:`PRIOR_COMMENTS` comments at the
dump's own rate, so two comments of praise out of two say less than two hundred out of two hundred.
The shares as observed, with the comments they rest on, are kept for the reasons
(``account_features(..., return_observed=True)``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp
import scipy.sparse.csgraph  # noqa: F401

from botwatch.graph import DEFAULT_LAYERS, AccountGraph
from botwatch.graph._graph import short_line_edges
from botwatch.schema import DEFAULT_TZ, account_keys, account_table_keys
from botwatch.text import TextCodes, is_emoji_only, normalize_codes

__all__ = ["FEATURES", "FEATURE_GROUPS", "PRIOR_COMMENTS", "WEIGHED_SHARES", "account_features"]

# name -> (group, what it captures)
FEATURES: dict[str, tuple[str, str]] = {
    "n_comments_log": ("activity", "log10 of the comments the account wrote in the dump"),
    "n_posts_log": ("activity", "log10 of distinct posts it commented on"),
    "n_pages": ("activity", "distinct pages it commented on"),
    "top_page_share": ("activity", "share of its comments on its most-used page"),
    "comments_per_post": ("activity", "comments per post it commented on"),
    "active_days_log": ("activity", "log10 of distinct days with a comment"),
    "delay_median_log": ("timing", "log10 of the median seconds between post and comment"),
    "fast_share": ("timing", "share of comments within 10 minutes of the post"),
    "office_share": ("timing", "share of comments on weekdays 09:00-18:00 local time"),
    "night_share": ("timing", "share of comments 00:00-06:00 local time"),
    "hour_entropy": ("timing", "spread of comments over the hours of the day (0-1)"),
    "gap_cv": ("timing", "variation of the gaps between consecutive comments (burstiness)"),
    "burst_share": ("timing", "share of comments within two minutes of its previous comment"),
    "chars_log": ("content", "log10 of the mean comment length in characters"),
    "empty_share": ("content", "share of comments with no text"),
    "emoji_only_share": ("content", "share of comments made only of emoji or symbols"),
    "link_share": ("content", "share of comments with a link"),
    "self_repeat_share": ("content", "share of comments repeating one of its own earlier texts"),
    "near_copy_share": (
        "content",
        "share of comments with a near-identical text by another account",
    ),
    "near_copy_accounts_log": (
        "content",
        "log10 of 1 + the mean number of accounts sharing a text",
    ),
    "post_copy_share": (
        "content",
        "share of comments with a near-identical text by another account under the same post",
    ),
    "shared_phrase_share": (
        "content",
        "share of comments repeating a text of its own that two or more other accounts also repeat",
    ),
    "praise_share": ("content", "share of comments with praise vocabulary"),
    "attack_share": ("content", "share of comments attacking other commenters"),
    "complaint_share": ("content", "share of comments with complaint vocabulary"),
    "question_share": ("content", "share of comments asking a question"),
    "reply_share": ("engagement", "share of comments that answer another comment"),
    "reply_to_critic_share": ("engagement", "share of comments answering a complaint by another"),
    "mixed_script_share": ("content", "share of comments mixing Cyrillic and Latin letters"),
    "age_days_log": ("profile", "log10 of account age in days at its first comment"),
    "followers_log": ("profile", "log10 of 1 + followers"),
    "following_log": ("profile", "log10 of 1 + accounts followed"),
    "follow_ratio_log": ("profile", "log10 of (1 + followers) / (1 + following)"),
    "posts_per_day_log": ("profile", "log10 of 1 + own posts per day of account age"),
    "posts_log": ("profile", "log10 of 1 + own posts in the account's life (known without its age)"),
    "bio_chars_log": ("profile", "log10 of 1 + characters in the profile's bio (missing where not given)"),
    "has_avatar": ("profile", "1 if the profile has a picture"),
    "is_verified": ("profile", "1 if the platform verified the account"),
    "handle_digits": ("profile", "digits in the handle"),
    "handle_vowel_share": ("profile", "share of vowels among the handle's letters"),
    "created_same_days_log": ("profile", "log10 of 1 + other commenters registered within a day"),
    "created_burst_ratio": ("profile", "registrations within a day against the usual rate nearby"),
    "id_neighbors_log": (
        "profile",
        "log10 of 1 + other commenters with numeric ids within 100, "
        "beyond what the ids 100 to 1,000 away predict",
    ),
    "co_comment_partners_log": ("graph", "log10 of 1 + accounts it co-comments with beyond chance"),
    "co_comment_strength": ("graph", "strongest co-comment link (-log10 q)"),
    "lockstep_partners_log": (
        "graph",
        "log10 of 1 + accounts it meets within the window on 2 or more posts with an uncorrected "
        "p below 0.01 (too weak for an edge alone)",
    ),
    "co_post_partners_log": ("graph", "log10 of 1 + accounts sharing its posts beyond chance"),
    "co_post_weak_partners_log": (
        "graph",
        "log10 of 1 + accounts sharing its posts at twice the expectation or more with an "
        "uncorrected p below 0.01 (too weak for an edge alone)",
    ),
    "near_dup_partners_log": (
        "graph",
        "log10 of 1 + accounts sharing its texts beyond chance, among three or more linked accounts",
    ),
    "near_dup_strength": (
        "graph",
        "strongest near-duplicate link (-log10 q), among three or more linked accounts",
    ),
    "line_partners_log": (
        "graph",
        "log10 of 1 + accounts sharing its short lines beyond chance, among three or more linked accounts",
    ),
    "cluster_size_log": ("graph", "log10 of 1 + size of its cluster, if any"),
    "cluster_density": ("graph", "edge density of its cluster"),
    "cluster_burst_share": (
        "graph",
        "share of comments made amid a burst (3 or more comments "
        "within the window, same post) of another cluster",
    ),
}
FEATURE_GROUPS: dict[str, list[str]] = {}
for _name, (_group, _) in FEATURES.items():
    FEATURE_GROUPS.setdefault(_group, []).append(_name)

_LINK = re.compile(r"https?://|www\.", re.I)
_CYR = re.compile(r"[\u0400-\u04ff]")
_LAT = re.compile(r"[A-Za-z]")
_VOWELS = set("aeiouyаеёиоуыэюяәіөұүі")


PRIOR_COMMENTS = 3.0
"""Comments at the dump's own rate that every weighed share starts from (a beta prior of that
strength, centred on the rate of all the dump's comments). An account's own comments outweigh it
from about three on; one or two comments move a share only part of the way. Chosen among 0, 3 and
10 on the ``simulate`` worlds only (docs/method.md). A share of an act no comment of the dump
shows is missing for every account."""

WEIGHED_SHARES: tuple[str, ...] = (
    "fast_share",
    "office_share",
    "burst_share",
    "empty_share",
    "emoji_only_share",
    "link_share",
    "self_repeat_share",
    "shared_phrase_share",
    "near_copy_share",
    "post_copy_share",
    "praise_share",
    "attack_share",
    "reply_to_critic_share",
)
"""Shares of suspicious acts, weighed by the comments they rest on (see :data:`PRIOR_COMMENTS`)."""


def _counts(
    values: np.ndarray, codes: np.ndarray, n: int, valid: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Per-account sum of a value over its valid rows, and the number of those rows."""
    if valid is None:
        valid = np.ones(len(codes), dtype=bool)
    num = np.bincount(codes[valid], weights=values[valid].astype(np.float64), minlength=n)
    den = np.bincount(codes[valid], minlength=n).astype(np.float64)
    return num, den


def _share(
    values: np.ndarray,
    codes: np.ndarray,
    n: int,
    valid: np.ndarray | None = None,
) -> np.ndarray:
    """Per-account mean of a 0/1 (or real) value, NaN where the account has no valid row."""
    return _weighed(*_counts(values, codes, n, valid), 0.0)


def _weighed(num: np.ndarray, den: np.ndarray, prior: float) -> np.ndarray:
    """``(num + prior * rate) / (den + prior)``, the rate being the dump's ``num.sum() / den.sum()``.

    NaN where the account has no valid row. It never falls when an account has one more row with
    the act, and equals the plain share when ``prior`` is 0.
    """
    total = den.sum()
    rate = num.sum() / total if total > 0 else 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, (num + prior * rate) / np.maximum(den + prior, 1e-12), np.nan)


def account_features(
    comments: pd.DataFrame,
    accounts: pd.DataFrame | None = None,
    graph: AccountGraph | None = None,
    clusters: np.ndarray | None = None,
    *,
    tz: str = DEFAULT_TZ,
    normalized: pd.Series | None = None,
    prior_comments: float = PRIOR_COMMENTS,
    return_observed: bool = False,
    texts: TextCodes | None = None,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Compute one row of features per account.

    Parameters
    ----------
    comments : pandas.DataFrame
        Validated canonical comment table.
    accounts : pandas.DataFrame, optional
        Validated account table; without it the profile features are NaN.
    graph : AccountGraph, optional
        The account graph of the same comments (a graph holding other accounts raises
        ``ValueError``); without it the graph features are NaN.
    clusters : ndarray, optional
        Cluster label per account of ``graph.accounts`` (``-1`` for none).
    tz : str, default "Asia/Almaty"
        Local zone of the pages, for the daily rhythm.
    normalized : pandas.Series, optional
        The texts already passed through :func:`botwatch.text.normalize_series`.
    prior_comments : float, default :data:`PRIOR_COMMENTS`
        Comments at the dump's rate each of :data:`WEIGHED_SHARES` starts from; 0 gives the plain
        shares (NaN, as with any prior, for an act no comment of the dump shows). A model must be
        fed the weighing it was trained with.
    return_observed : bool, default False
        Also return the shares as observed.
    texts : TextCodes, optional
        The comments' texts as :func:`botwatch.text.normalize_codes` gives them for these
        comments, so that they are not factorised again; read instead of ``normalized``, with
        which they must agree. The features are the same with or without.

    Returns
    -------
    X : pandas.DataFrame
        Indexed by account key (see :func:`botwatch.graph.account_keys`), columns :data:`FEATURES`.
    observed : pandas.DataFrame
        Only with ``return_observed``: for each of :data:`WEIGHED_SHARES`, the plain share
        (column of the same name) and the comments it rests on (``<name>_n``).

    Examples
    --------
    >>> from botwatch.datasets import simulate
    >>> world = simulate(seed=2)
    >>> X = account_features(world.comments, world.accounts)
    >>> X.shape[1] == len(FEATURES), X.index.is_unique
    (True, True)
    """
    keys = account_keys(comments)
    code, sorted_keys = pd.factorize(keys, sort=True)
    index = pd.Index(np.asarray(sorted_keys, dtype=object), name="account_id")
    n = len(index)
    shares = _Weigher(code, n, prior_comments)
    created = comments["created_at"]
    t_s = created.to_numpy(dtype="datetime64[ns]").astype(np.int64) / 1e9
    precision = comments["time_precision_s"].to_numpy(dtype=np.float64)
    post_key = comments["page_id"].astype("string") + "\x1f" + comments["post_id"].astype("string")
    has_post = comments["post_id"].notna().to_numpy()
    out: dict[str, np.ndarray] = {}
    post_code = pd.factorize(post_key.fillna(""))[0]
    out.update(_activity_features(comments, code, n, t_s, post_code, has_post))
    out.update(_timing_features(comments, shares, t_s, precision, post_code, has_post, tz))
    if texts is None:
        texts = normalize_codes(comments["text"]) if normalized is None else _codes_of(comments, normalized)
    out.update(_content_features(comments, shares, graph, texts))
    observed = shares.observed

    # Profile.
    prof = _profile_features(index, accounts, comments, code, t_s, n)
    out.update(prof)

    # Graph.
    out.update(_graph_features(index, graph, clusters, n))
    out["line_partners_log"] = _line_partners(index, comments, graph, code, texts)
    out["cluster_burst_share"] = _cluster_burst_share(
        index, graph, clusters, code, post_code, has_post, t_s, precision
    )
    frame = pd.DataFrame(out, index=index)[list(FEATURES)].astype(np.float64)
    if return_observed:
        return frame, pd.DataFrame(observed, index=index)
    return frame


class _Weigher:
    """Weighs shares of suspicious acts (:data:`WEIGHED_SHARES`) by the comments they rest on,
    and keeps each share as observed, with its count, for the reasons."""

    def __init__(self, code: np.ndarray, n: int, prior_comments: float) -> None:
        self.code, self.n, self.prior_comments = code, n, prior_comments
        self.observed: dict[str, np.ndarray] = {}

    def weigh(
        self, name: str, values: np.ndarray, codes: np.ndarray, n: int, valid: np.ndarray | None = None
    ) -> np.ndarray:
        num, den = _counts(values, codes, n, valid)
        self.observed[name] = _weighed(num, den, 0.0)
        self.observed[f"{name}_n"] = den
        if num.sum() == 0:
            # No account of the dump does it (or its source does not record it, as exports that
            # strip links): the share says nothing about anyone, and is missing.
            return np.full(n, np.nan)
        return _weighed(num, den, self.prior_comments)


def _activity_features(
    comments: pd.DataFrame,
    code: np.ndarray,
    n: int,
    t_s: np.ndarray,
    post_code: np.ndarray,
    has_post: np.ndarray,
) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    # Activity.
    n_com = np.bincount(code, minlength=n).astype(np.float64)
    # Distinct posts, pages and days per account, counted on integer codes (a missing page
    # counts for none).
    n_posts = _distinct_per(code, post_code, n, has_post).astype(np.float64)
    page_code = pd.factorize(comments["page_id"].astype("string"))[0]
    on_page = page_code >= 0
    key, width = _pair_key(code[on_page], page_code[on_page])
    per_page = pd.Series(key).value_counts(sort=False)
    owner = per_page.index.to_numpy() // width
    n_pages = np.bincount(owner, minlength=n)
    top_page = np.zeros(n, dtype=np.int64)
    np.maximum.at(top_page, owner, per_page.to_numpy())
    out["n_comments_log"] = np.log10(n_com)
    out["n_posts_log"] = np.log10(np.maximum(n_posts, 1))
    out["n_pages"] = n_pages.astype(np.float64)
    out["top_page_share"] = top_page / n_com
    out["comments_per_post"] = np.where(n_posts > 0, n_com / np.maximum(n_posts, 1), np.nan)
    day = (t_s // 86400).astype(np.int64)
    active_days = _distinct_per(code, day - day.min(initial=0), n)
    out["active_days_log"] = np.log10(np.where(active_days > 0, active_days, 1))

    return out


def _pair_key(code: np.ndarray, other: np.ndarray) -> tuple[np.ndarray, np.int64]:
    """One int64 per (account code, other code from 0) and the width: the key divided by the
    width is the account code."""
    width = np.int64(int(other.max(initial=0)) + 1)
    return code.astype(np.int64) * width + other, width


def _distinct_per(code: np.ndarray, other: np.ndarray, n: int, mask: np.ndarray | None = None) -> np.ndarray:
    """Per account code: the distinct values of ``other`` (codes from 0) among its rows."""
    if mask is not None:
        code, other = code[mask], other[mask]
    key, width = _pair_key(code, other)
    return np.bincount(pd.unique(key) // width, minlength=n)  # hashing, no sort


_ACCOUNTS_PER_BLOCK = 100_000
"""Accounts whose hours of the day are spread out at once (about 20 MB a copy)."""


def _timing_features(
    comments: pd.DataFrame,
    shares: _Weigher,
    t_s: np.ndarray,
    precision: np.ndarray,
    post_code: np.ndarray,
    has_post: np.ndarray,
    tz: str,
) -> dict[str, np.ndarray]:
    code, n, weigh = shares.code, shares.n, shares.weigh
    created = comments["created_at"]
    out: dict[str, np.ndarray] = {}
    # Timing, honouring what the source really knows.
    post_time = comments["post_created_at"]
    first_seen = comments["created_at"].groupby(post_code, sort=False).transform("min")
    post_time = post_time.fillna(first_seen)
    delay = (created - post_time).dt.total_seconds().to_numpy(dtype=np.float64)
    delay_ok = has_post & np.isfinite(delay) & (precision <= 300)
    delay_c = np.clip(delay, 1, None)
    med = pd.Series(np.log10(delay_c[delay_ok])).groupby(code[delay_ok]).median()
    out["delay_median_log"] = med.reindex(range(n)).to_numpy(dtype=np.float64)
    out["fast_share"] = weigh("fast_share", delay <= 600, code, n, delay_ok)
    local = created.dt.tz_convert(tz)
    hour = local.dt.hour.to_numpy()
    weekday = local.dt.day_of_week.to_numpy()
    hour_ok = precision < 3600
    out["office_share"] = weigh("office_share", (weekday < 5) & (hour >= 9) & (hour < 18), code, n, hour_ok)
    out["night_share"] = _share(hour < 6, code, n, hour_ok)
    counts = np.bincount(code[hour_ok] * 24 + hour[hour_ok], minlength=n * 24).reshape(n, 24)
    entropy = np.full(n, np.nan)
    for start in range(0, n, _ACCOUNTS_PER_BLOCK):  # a block of accounts' hours at a time
        hmat = counts[start : start + _ACCOUNTS_PER_BLOCK].astype(np.float64)
        tot = hmat.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            prob = hmat / np.maximum(tot, 1)
            ent = -(np.where(prob > 0, prob * np.log(prob), 0)).sum(axis=1) / np.log(24)
        entropy[start : start + len(hmat)] = np.where(tot.ravel() >= 5, ent, np.nan)
    out["hour_entropy"] = entropy
    order = np.lexsort((t_s, code))
    sc, st, sp_ = code[order], t_s[order], precision[order]
    same = np.r_[False, sc[1:] == sc[:-1]]
    gaps = np.r_[np.nan, np.diff(st)]
    gap_ok = same & (np.r_[np.inf, sp_[1:]] <= 60)
    gstats = pd.DataFrame({"c": sc[gap_ok], "g": gaps[gap_ok]}).groupby("c")["g"].agg(["mean", "std", "size"])
    cv = (gstats["std"] / gstats["mean"].replace(0, np.nan)).where(gstats["size"] >= 2)
    out["gap_cv"] = cv.reindex(range(n)).to_numpy(dtype=np.float64)
    burst = np.zeros(len(sc), dtype=bool)
    burst[gap_ok] = gaps[gap_ok] <= 120
    precise_rows = sp_ <= 60
    out["burst_share"] = weigh("burst_share", burst, sc, n, precise_rows)

    return out


def _content_features(
    comments: pd.DataFrame,
    shares: _Weigher,
    graph: AccountGraph | None,
    texts: TextCodes,
) -> dict[str, np.ndarray]:
    code, n, weigh, observed = shares.code, shares.n, shares.weigh, shares.observed
    out: dict[str, np.ndarray] = {}
    # Content. What a text says is read once per distinct text and spread back to its comments.
    codes_t = texts.raw
    # The distinct texts stay in Arrow: characters counted and marks found without a Python
    # string each.
    distinct = pa.array(texts.raw_distinct.array, type=pa.large_string(), from_pandas=True)
    lengths = pc.utf8_length(distinct).to_numpy(zero_copy_only=False).astype(np.float64)
    chars = lengths[codes_t] if len(codes_t) else np.zeros(0)
    out["chars_log"] = np.log10(1 + _share(chars, code, n))
    out["empty_share"] = weigh("empty_share", chars == 0, code, n)
    per_text = _text_marks(distinct)
    out["emoji_only_share"] = weigh("emoji_only_share", per_text["emoji_only"][codes_t], code, n)
    out["link_share"] = weigh("link_share", per_text["link"][codes_t], code, n)
    norm_code, norm_uniq = texts.norm, texts.norm_distinct
    norm_len = np.fromiter(
        (len(t) if isinstance(t, str) else 0 for t in norm_uniq), dtype=np.int64, count=len(norm_uniq)
    )
    nonempty = norm_len[norm_code] > 0
    # A later comment of the same account with the same normalised text.
    repeat = pd.Series(code.astype(np.int64) * len(norm_uniq) + norm_code).duplicated().to_numpy()
    out["self_repeat_share"] = weigh("self_repeat_share", repeat & nonempty, code, n)
    # Short stock lines count where several accounts each keep repeating the same one: a thanks
    # written once by many people is not this, a rotation of lines shared by a crew is.
    # Counted on one integer key per (account, text): each comment's uses of its text by its
    # account, and per text the accounts that use it twice or more.
    pair_code, pairs = pd.factorize(code[nonempty].astype(np.int64) * len(norm_uniq) + norm_code[nonempty])
    uses = np.bincount(pair_code, minlength=len(pairs))
    own = np.zeros(len(code))
    own[nonempty] = uses[pair_code]
    repeaters = np.bincount(pairs[uses >= 2] % len(norm_uniq), minlength=len(norm_uniq))
    others = repeaters[norm_code].astype(np.float64) - 1
    out["shared_phrase_share"] = weigh("shared_phrase_share", nonempty & (own >= 2) & (others >= 2), code, n)
    if graph is not None:
        copies = graph.near_copies.reindex(comments.index).fillna(0).to_numpy(dtype=np.float64)
        out["near_copy_share"] = weigh("near_copy_share", copies[:, 0] > 0, code, n)
        out["near_copy_accounts_log"] = np.log10(1 + _share(copies[:, 0], code, n))
        out["post_copy_share"] = weigh("post_copy_share", copies[:, 1] > 0, code, n)
    else:
        for name in ("near_copy_share", "near_copy_accounts_log", "post_copy_share"):
            out[name] = np.full(n, np.nan)
        for name in ("near_copy_share", "post_copy_share"):
            observed[name], observed[f"{name}_n"] = np.full(n, np.nan), np.zeros(n)
    flags = texts.term_flags(("praise", "attack", "complaint"))
    praise, attack, complaint = (flags[kind][norm_code] for kind in ("praise", "attack", "complaint"))
    out["praise_share"] = weigh("praise_share", praise, code, n)
    out["attack_share"] = weigh("attack_share", attack, code, n)
    out["complaint_share"] = _share(complaint, code, n)
    out["question_share"] = _share(per_text["question"][codes_t], code, n)
    is_reply = comments["parent_id"].notna().to_numpy()
    out["reply_share"] = _share(is_reply, code, n)
    pidx, has_parent = _parent_rows(comments)
    to_critic = has_parent & complaint[pidx] & (code[pidx] != code)
    out["reply_to_critic_share"] = weigh("reply_to_critic_share", to_critic, code, n)
    out["mixed_script_share"] = _share(per_text["mixed"][codes_t], code, n)

    return out


def _codes_of(comments: pd.DataFrame, normalized: pd.Series) -> TextCodes:
    """The comments' texts as codes, their normal forms given."""
    raw, raw_distinct = pd.factorize(comments["text"].astype("string").fillna(""))
    norm, norm_distinct = pd.factorize(normalized, use_na_sentinel=False)
    return TextCodes(
        raw=raw,
        raw_distinct=pd.Series(raw_distinct, dtype="string"),
        norm=norm,
        norm_distinct=np.asarray(norm_distinct, dtype=object),
    )


_SURELY_ALNUM = "[0-9A-Za-z\u0410-\u044f]"
"""Characters that make a text more than emoji (a subset of what ``str.isalnum`` accepts)."""


def _parent_rows(comments: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per comment, the row of the first comment whose id is its ``parent_id`` (0 where none) and
    whether there is one; ids are matched as codes, without a Python string each."""
    ids = pd.concat(
        [comments["comment_id"].astype("string"), comments["parent_id"].astype("string")], ignore_index=True
    )
    both = pd.factorize(ids)[0]  # -1 for a missing id
    own, parent = both[: len(comments)], both[len(comments) :]
    first = np.full(int(both.max()) + 1 if len(both) else 0, -1, dtype=np.int64)
    known = np.flatnonzero(own >= 0)
    ids_seen, first_at = np.unique(own[known], return_index=True)
    first[ids_seen] = known[first_at]
    at = np.where(parent >= 0, first[np.maximum(parent, 0)] if len(first) else -1, -1)
    has_parent = at >= 0
    return np.where(has_parent, at, 0), has_parent


def _text_marks(distinct: pa.Array) -> dict[str, np.ndarray]:
    """Per distinct raw text: emoji only, a link, a question mark, Cyrillic and Latin letters both.

    Python's tests (:func:`is_emoji_only`, :data:`_LINK`) run only on the texts that can pass
    them: those with none of :data:`_SURELY_ALNUM`, and those with ``://`` or ``www.``.
    """
    arrow = distinct

    def python_test(candidates: pa.Array, test: Callable[[str], bool]) -> np.ndarray:
        hits = np.zeros(len(distinct), dtype=bool)
        idx = np.flatnonzero(candidates.to_numpy(zero_copy_only=False))
        values = arrow.take(pa.array(idx, type=pa.int64())).to_pylist()
        hits[idx] = np.fromiter((bool(test(t)) for t in values), dtype=bool, count=len(idx))
        return hits

    def regex(pattern: str) -> pa.Array:
        return pc.match_substring_regex(arrow, pattern)

    def numpy(marks: pa.Array) -> np.ndarray:
        return marks.to_numpy(zero_copy_only=False).astype(bool)

    maybe_link = pc.or_(pc.match_substring(arrow, "://"), pc.match_substring(arrow, "www.", ignore_case=True))
    return {
        "emoji_only": python_test(pc.invert(regex(_SURELY_ALNUM)), is_emoji_only),
        "link": python_test(maybe_link, lambda t: _LINK.search(t) is not None),
        "question": numpy(pc.match_substring(arrow, "?")),
        "mixed": numpy(pc.and_(regex("[\u0400-\u04ff]"), regex("[A-Za-z]"))),  # as _CYR and _LAT
    }


def _handle_shape(handles: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Digits in each handle and the share of vowels among its letters (NaN for no handle).

    ASCII handles, nearly all of them, are counted column-wise; the others letter by letter.
    """
    text = pa.array(handles.astype("string").fillna(""), type=pa.string(), from_pandas=True)
    n = len(text)
    digits = np.full(n, np.nan)
    vowels = np.full(n, np.nan)
    known = pc.greater(pc.utf8_length(text), 0).to_numpy(zero_copy_only=False)
    ascii_only = pc.string_is_ascii(text).to_numpy(zero_copy_only=False)
    fast = np.flatnonzero(known & ascii_only)
    if len(fast):
        sub = pc.utf8_lower(text.take(pa.array(fast)))
        digits[fast] = pc.count_substring_regex(sub, "[0-9]").to_numpy(zero_copy_only=False)
        letters = pc.count_substring_regex(sub, "[a-z]").to_numpy(zero_copy_only=False).astype(np.float64)
        ascii_vowels = "".join(sorted(ch for ch in _VOWELS if ch.isascii()))
        found = pc.count_substring_regex(sub, f"[{ascii_vowels}]").to_numpy(zero_copy_only=False)
        vowels[fast] = np.divide(found, letters, out=np.full(len(fast), np.nan), where=letters > 0)
    for i in np.flatnonzero(known & ~ascii_only):
        x = text[int(i)].as_py()
        digits[i] = sum(ch.isdigit() for ch in x)
        lt = [ch for ch in x.lower() if ch.isalpha()]
        vowels[i] = sum(ch in _VOWELS for ch in lt) / len(lt) if lt else np.nan
    return digits, vowels


def _profile_features(
    index: pd.Index,
    accounts: pd.DataFrame | None,
    comments: pd.DataFrame,
    code: np.ndarray,
    t_s: np.ndarray,
    n: int,
) -> dict[str, np.ndarray]:
    names = FEATURE_GROUPS["profile"]
    out = {k: np.full(n, np.nan) for k in names}
    handles = comments.groupby(code)["account_handle"].first().reindex(range(n))
    if accounts is not None and len(accounts):
        acc = accounts.copy()
        acc_key = account_table_keys(acc, comments)
        acc = acc.set_axis(acc_key.to_numpy()).loc[lambda d: ~d.index.duplicated()]
        acc = acc.reindex(index)
        first_t = pd.Series(t_s).groupby(code).min().reindex(range(n)).to_numpy()
        created = acc["created_at"].to_numpy(dtype="datetime64[ns]").astype(np.int64)
        has_created = acc["created_at"].notna().to_numpy()
        created_s = np.where(has_created, created / 1e9, np.nan)
        age = np.maximum((first_t - created_s) / 86400, 0.5)
        out["age_days_log"] = np.log10(age)
        fol = acc["followers_count"].astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan)
        fwg = acc["following_count"].astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan)
        pst = acc["posts_count"].astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan)
        out["followers_log"] = np.log10(1 + fol)
        out["following_log"] = np.log10(1 + fwg)
        out["follow_ratio_log"] = np.log10((1 + fol) / (1 + fwg))
        out["posts_per_day_log"] = np.log10(1 + pst / age)
        out["posts_log"] = np.log10(1 + pst)
        bio = acc["bio"].astype("string") if "bio" in acc.columns else None
        if bio is not None and bio.notna().any():
            # A table that gives bios gives every account's: an empty cell is an empty bio (CSV
            # cannot tell the two apart). Accounts missing from the table stay unknown.
            in_table = acc["account_id"].notna().to_numpy()
            chars = bio.fillna("").str.len().to_numpy(dtype=np.float64)
            out["bio_chars_log"] = np.where(in_table, np.log10(1 + chars), np.nan)
        for name in ("has_avatar", "is_verified"):
            out[name] = acc[name].astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan)
        handles = acc["handle"].where(acc["handle"].notna(), handles.to_numpy())
        # Batch registration: other commenters registered within a day, against the usual rate
        # nearby. That rate is read from the 29 days before and the 29 days after, outside the
        # day itself (a batch does not set its own baseline), on the busier side: the registrations
        # of a dump have edges (none after the dump was collected), where one side is empty.
        if has_created.sum() >= 2:
            cs = np.sort(created_s[has_created])
            c = created_s[has_created]
            lo, hi = np.searchsorted(cs, c - 86400, "left"), np.searchsorted(cs, c + 86400, "right")
            near = hi - lo - 1
            before = lo - np.searchsorted(cs, c - 30 * 86400, "left")
            after = np.searchsorted(cs, c + 30 * 86400, "right") - hi
            same = np.full(n, np.nan)
            same[has_created] = near
            ratio = np.full(n, np.nan)
            ratio[has_created] = near / (np.maximum(before, after) * 2 / 29 + 1)
            out["created_same_days_log"] = np.log10(1 + same)
            out["created_burst_ratio"] = ratio
    digits, vowels = _handle_shape(handles)
    out["handle_digits"] = digits
    out["handle_vowel_share"] = vowels
    # Runs of adjacent numeric ids (VK, Telegram): accounts created one after another. Ids are
    # compared within a platform only, and read from the comments, not cut out of the keys.
    first = comments[["platform", "account_id"]].groupby(code).first().reindex(range(n))
    space = first["platform"].astype("string").fillna("").to_numpy(dtype=object)
    ids = pd.to_numeric(first["account_id"].astype("string"), errors="coerce")
    ids = ids.to_numpy(dtype=np.float64, na_value=np.nan)
    numeric = np.isfinite(ids) & (ids < 2**53)
    nb = np.full(n, np.nan)
    for name in pd.unique(space[numeric]):
        sel = numeric & (space == name)
        # Ids spanning fewer than ten numbers per account are a numbering (an export's, or a
        # small platform's), not a record of who registered when: no evidence either way.
        if sel.sum() >= 2 and np.ptp(ids[sel]) >= 10 * sel.sum():
            s, v = np.sort(ids[sel]), ids[sel]
            lo, hi = np.searchsorted(s, v - 100, "left"), np.searchsorted(s, v + 100, "right")
            near = hi - lo - 1
            # Neighbours beyond what the density of ids around predicts: on a platform whose ids
            # are dense (numbered one by one), every account has neighbours. The density is read
            # from the ids 100 to 1,000 away, on the denser side (a range of ids has an edge).
            left = lo - np.searchsorted(s, v - 1000, "left")
            right = np.searchsorted(s, v + 1000, "right") - hi
            nb[sel] = np.maximum(0.0, near - np.maximum(left, right) * 200 / 900)
    if np.isfinite(nb).any():
        out["id_neighbors_log"] = np.log10(1 + nb)
    return out


def _cluster_burst_share(
    index: pd.Index,
    graph: AccountGraph | None,
    clusters: np.ndarray | None,
    code: np.ndarray,
    post_code: np.ndarray,
    has_post: np.ndarray,
    t_s: np.ndarray,
    precision: np.ndarray,
) -> np.ndarray:
    """Share of an account's comments that sit inside a burst of one cluster it is not part of.

    A farm account that comments rarely has too little evidence of its own; joining, within
    minutes and under the same post, the burst of a known cluster is evidence it shares.
    """
    n = len(index)
    if graph is None or clusters is None:
        return np.full(n, np.nan)
    label_of = np.full(n, -1, dtype=np.int64)
    label_of[index.get_indexer(graph.accounts)] = np.asarray(clusters)
    if (label_of < 0).all():
        return np.zeros(n)
    from botwatch.graph._pairs import window_pairs

    ok = has_post & (precision <= graph.window_s / 2)
    rows = np.flatnonzero(ok)
    post_codes = post_code[ok]
    order = np.lexsort((t_s[rows], post_codes))
    rows, pc = rows[order], post_codes[order]
    lab = label_of[code[rows]]
    # Only posts a clustered account commented on can hold such a burst: the pairs are built
    # there alone (a busy dump's other posts would make most of them, for nothing).
    with_cluster = np.zeros(int(pc.max(initial=-1)) + 1, dtype=bool)
    with_cluster[pc[lab >= 0]] = True
    sub = np.flatnonzero(with_cluster[pc])
    hits = []
    for i, j in window_pairs(pc[sub], t_s[rows[sub]], graph.window_s):
        i, j = sub[i], sub[j]
        for a, b in ((i, j), (j, i)):  # each side sees the other's cluster
            keep = (lab[b] >= 0) & (lab[b] != lab[a])
            hits.append(np.c_[a[keep], lab[b][keep]])
    if not hits:
        return np.zeros(n)
    pairs = pd.DataFrame(np.concatenate(hits), columns=["row", "label"])
    per = pairs.groupby(["row", "label"]).size().groupby(level=0).max()
    burst = np.zeros(len(rows), dtype=bool)
    burst[per.index[per >= 3].to_numpy()] = True
    return _share(burst, code[rows], n)


def _line_partners(
    index: pd.Index, comments: pd.DataFrame, graph: AccountGraph | None, code: np.ndarray, texts: TextCodes
) -> np.ndarray:
    """log10 of 1 + accounts sharing its short lines beyond chance (the occasional writers' rates
    of :func:`botwatch.graph.shared_line_layer`), among three or more accounts linked by them or
    by the graph's default layers, as for near-duplicate texts."""
    n = len(index)
    if graph is None:
        return np.full(n, np.nan)
    lines = short_line_edges(comments, code, n, texts.norm, texts.norm_distinct)
    a, b = lines["a"].to_numpy(dtype=np.int64), lines["b"].to_numpy(dtype=np.int64)
    if not len(a):
        return np.zeros(n)
    e = graph.edges
    e = e[e["layer"].isin(DEFAULT_LAYERS)]
    pos = index.get_indexer(graph.accounts)
    ea, eb = pos[e["a"].to_numpy(dtype=np.int64)], pos[e["b"].to_numpy(dtype=np.int64)]
    keep = _group_sizes(pd.DataFrame({"a": np.r_[a, ea], "b": np.r_[b, eb]}), n)[a] >= 3
    return np.log10(1 + np.bincount(np.r_[a[keep], b[keep]], minlength=n).astype(np.float64))


def _group_sizes(edges: pd.DataFrame, n: int) -> np.ndarray:
    """Size of the connected component of each of ``n`` nodes through ``edges``."""
    group = _components(edges, n)
    return np.bincount(group)[group]


def _components(edges: pd.DataFrame, n: int) -> np.ndarray:
    """Connected component of each of ``n`` nodes through ``edges`` (columns ``a``, ``b``)."""
    adj = sp.coo_matrix(
        (np.ones(len(edges)), (edges["a"].to_numpy(dtype=np.int64), edges["b"].to_numpy(dtype=np.int64))),
        shape=(n, n),
    )
    return sp.csgraph.connected_components(adj, directed=False)[1]


def _graph_features(
    index: pd.Index, graph: AccountGraph | None, clusters: np.ndarray | None, n: int
) -> dict[str, np.ndarray]:
    names = FEATURE_GROUPS["graph"]
    if graph is None:
        return {k: np.full(n, np.nan) for k in names}
    out = {k: np.zeros(n) for k in names}
    pos = index.get_indexer(graph.accounts)
    if (pos < 0).any():
        stray = graph.accounts[pos < 0]
        raise ValueError(
            f"the graph holds {len(stray)} account(s) that are not among the comments (first: "
            f"{stray[0]!r}); build the graph from the same comments as the features"
        )
    e = graph.edges
    for layer, partners, strength in (
        ("co_comment", "co_comment_partners_log", "co_comment_strength"),
        ("co_post", "co_post_partners_log", None),
        ("near_duplicate", "near_dup_partners_log", "near_dup_strength"),
    ):
        sel = e[e["layer"] == layer]
        if layer == "near_duplicate" and len(sel):
            # A pair of accounts sharing texts and linked to nobody else is a coincidence as often
            # as a group (two people of one office, one person's two accounts): its texts count
            # where its accounts are linked, in a default layer, to a third. Co-reply links (on
            # request) join the regulars of busy threads, and the model learnt without them.
            default = e[e["layer"].isin(DEFAULT_LAYERS)]
            sel = sel[_group_sizes(default, len(graph.accounts))[sel["a"].to_numpy(dtype=np.int64)] >= 3]
        ends = np.r_[sel["a"].to_numpy(dtype=np.int64), sel["b"].to_numpy(dtype=np.int64)]
        w = np.r_[sel["weight"].to_numpy(), sel["weight"].to_numpy()]
        deg = np.bincount(ends, minlength=len(graph.accounts)).astype(np.float64)
        out[partners][pos] = np.log10(1 + deg)
        if strength is not None:
            mx = np.zeros(len(graph.accounts))
            np.maximum.at(mx, ends, w)
            out[strength][pos] = mx
    co_post_weak = graph.co_post_weak_partners
    if co_post_weak is None:
        out["co_post_weak_partners_log"][:] = np.nan
    else:
        out["co_post_weak_partners_log"][pos] = np.log10(1 + co_post_weak)
    lockstep = graph.lockstep_partners
    if lockstep is None:
        out["lockstep_partners_log"][:] = np.nan
    else:
        out["lockstep_partners_log"][pos] = np.log10(1 + lockstep)
    if clusters is not None:
        labels = np.asarray(clusters)
        size = np.zeros(len(labels))
        density = np.zeros(len(labels))
        in_cluster = labels >= 0
        if in_cluster.any():
            counts = np.bincount(labels[in_cluster])
            size[in_cluster] = counts[labels[in_cluster]]
            a = e["a"].to_numpy(dtype=np.int64)
            b = e["b"].to_numpy(dtype=np.int64)
            inside = (labels[a] >= 0) & (labels[a] == labels[b])
            pairs = pd.DataFrame({"a": a[inside], "b": b[inside], "l": labels[a][inside]}).drop_duplicates(
                ["a", "b"]
            )
            links = np.bincount(pairs["l"], minlength=len(counts)).astype(np.float64)
            possible = counts * (counts - 1) / 2
            dens = np.divide(links, possible, out=np.zeros(len(counts)), where=possible > 0)
            density[in_cluster] = dens[labels[in_cluster]]
        out["cluster_size_log"][pos] = np.log10(1 + size)
        out["cluster_density"][pos] = density
    return out
