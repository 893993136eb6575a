"""Page and post view: how much of each comment section suspects and clusters wrote.

The figures fact-checkers publish are shares: "54 accounts wrote 37 % of the praise under the
akimat's posts in March". This module turns scored accounts back into such shares, per post and
per page and period, counting comments and, separately, comments with praise vocabulary.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from botwatch.schema import account_keys
from botwatch.text import TextCodes, count_terms

__all__ = [
    "PERIODS",
    "account_flags",
    "choose_period",
    "comment_flags",
    "page_and_post_tables",
    "page_table",
    "post_table",
]

PERIODS = {"day": "D", "week": "W-SUN", "month": "M"}
"""Period lengths of the page view, by name (weeks run Monday to Sunday)."""


def account_flags(keys: np.ndarray, accounts: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each comment's suspect flag and cluster id (NaN for none) from the account table, given the
    comments' account keys (:func:`botwatch.graph.account_keys`); each key is looked up once."""
    row = pd.Index(account_keys(accounts).to_numpy()).get_indexer(keys)
    found = row >= 0
    suspect = np.zeros(len(row), dtype=bool)
    suspect[found] = accounts["is_suspect"].to_numpy(dtype=bool)[row[found]]
    cluster = np.full(len(row), np.nan)
    cluster[found] = accounts["cluster_id"].to_numpy(dtype=float, na_value=np.nan)[row[found]]
    return suspect, cluster


def comment_flags(
    comments: pd.DataFrame, accounts: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each comment's account code (from :func:`pandas.factorize` of its key, NaN where the key is
    missing), suspect flag and cluster id (NaN for none), from the account table; each account
    is looked up once."""
    account, keys = pd.factorize(account_keys(comments))
    suspect, cluster = account_flags(np.asarray(keys, dtype=object), accounts)
    # A missing key's code is -1: it reads the slot appended last, no flags.
    suspect, cluster = np.append(suspect, False)[account], np.append(cluster, np.nan)[account]
    return np.where(account >= 0, account, np.nan), suspect, cluster


def _comment_frame(
    comments: pd.DataFrame, normalized: pd.Series, accounts: pd.DataFrame, texts: TextCodes | None = None
) -> pd.DataFrame:
    """One row per comment with its account's suspect flag and cluster, and whether it praises."""
    if texts is None:
        praise = count_terms(normalized.reindex(comments.index), "praise").to_numpy(dtype=bool)
    else:
        praise = texts.term_flags(("praise",))["praise"][texts.norm]
    account, suspect, cluster = comment_flags(comments, accounts)
    frame = pd.DataFrame(
        {
            "platform": comments["platform"].astype("string").fillna("").to_numpy(),
            "page_id": comments["page_id"].astype("string").fillna("").to_numpy(),
            "post_id": comments["post_id"].astype("string").fillna("").to_numpy(),
            "account": account,
            # The column's own array: zoned times converted to numpy become one Python object each.
            "created_at": comments["created_at"].array,
            "suspect": suspect,
            "cluster": cluster,
            "praise": praise,
        }
    )
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    frame["clustered"] = ~np.isnan(frame["cluster"].to_numpy())
    return frame


def _shares(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Counts and shares of comments and praise by suspects and clustered accounts, per group."""
    f = frame.assign(
        suspect_praise=frame["suspect"] & frame["praise"],
        cluster_comment=frame["clustered"],
        cluster_praise=frame["clustered"] & frame["praise"],
    )
    g = f.groupby(by, sort=True, dropna=False, observed=True)
    out = g.agg(
        n_comments=("account", "size"),
        n_accounts=("account", "nunique"),
        n_praise=("praise", "sum"),
        suspect_comments=("suspect", "sum"),
        suspect_praise=("suspect_praise", "sum"),
        cluster_comments=("cluster_comment", "sum"),
        cluster_praise=("cluster_praise", "sum"),
        first_comment_at=("created_at", "min"),
        last_comment_at=("created_at", "max"),
    )
    out["n_suspects"] = f[f["suspect"]].groupby(by, dropna=False, observed=True)["account"].nunique()
    out["n_suspects"] = out["n_suspects"].fillna(0).astype("int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        out["suspect_share"] = out["suspect_comments"] / out["n_comments"]
        out["suspect_praise_share"] = out["suspect_praise"] / out["n_praise"].replace(0, np.nan)
        out["cluster_share"] = out["cluster_comments"] / out["n_comments"]
        out["cluster_praise_share"] = out["cluster_praise"] / out["n_praise"].replace(0, np.nan)
    out["clusters"] = _cluster_breakdown(f, by).reindex(out.index).fillna("")
    return out.reset_index()


def _cluster_breakdown(frame: pd.DataFrame, by: list[str]) -> pd.Series:
    """Per group, each cluster present with its share of the group's comments, largest first.

    For example ``"3: 41.2% (12 of 29 praise); 7: 6.0% (0 of 29 praise)"``.
    """
    totals = frame.groupby(by, dropna=False, observed=True).agg(
        n=("account", "size"), praise=("praise", "sum")
    )
    clustered = frame[frame["clustered"]]
    if clustered.empty:
        return pd.Series(dtype=object)
    per = clustered.groupby([*by, "cluster"], dropna=False, observed=True).agg(
        n=("account", "size"), praise=("praise", "sum")
    )
    per = per.reset_index("cluster")
    per = per.join(totals.rename(columns={"n": "n_total", "praise": "praise_total"}))
    per["share"] = per["n"] / per["n_total"]
    per = per.sort_values(["share", "cluster"], ascending=[False, True], kind="stable")
    text = (
        per["cluster"].astype("int64").astype(str)
        + ": "
        + (100 * per["share"]).map("{:.1f}%".format)
        + " ("
        + per["praise"].astype("int64").astype(str)
        + " of "
        + per["praise_total"].astype("int64").astype(str)
        + " praise)"
    )
    return text.groupby(level=list(range(len(by))), sort=False, dropna=False).agg("; ".join)


def post_table(
    comments: pd.DataFrame,
    normalized: pd.Series,
    accounts: pd.DataFrame,
) -> pd.DataFrame:
    """Per post: comments and praise, and the shares written by suspects and by clusters.

    Parameters
    ----------
    comments : pandas.DataFrame
        The validated comment table that was scored.
    normalized : pandas.Series
        Its normalised texts (:func:`botwatch.text.normalize_series`).
    accounts : pandas.DataFrame
        Scored accounts (``ScoreResult.accounts``): ``is_suspect`` and ``cluster_id``.

    Returns
    -------
    pandas.DataFrame
        One row per post, most suspect comments first: ``platform``, ``page_id``, ``post_id``,
        ``post_created_at``, ``n_comments``, ``n_accounts``, ``n_praise`` (comments with praise
        vocabulary), ``n_suspects``, ``suspect_comments``, ``suspect_share``, ``suspect_praise``,
        ``suspect_praise_share`` (of the post's praise), ``cluster_comments``, ``cluster_share``,
        ``cluster_praise``, ``cluster_praise_share``, ``clusters`` (each cluster present with its
        share), ``first_comment_at``, ``last_comment_at``. Shares of praise are blank where a
        post has no praise.
    """
    return _posts(_comment_frame(comments, normalized, accounts), comments)


def _posts(frame: pd.DataFrame, comments: pd.DataFrame) -> pd.DataFrame:
    out = _shares(frame, ["platform", "page_id", "post_id"])
    post_time = (
        pd.DataFrame(
            {
                "platform": frame["platform"],
                "page_id": frame["page_id"],
                "post_id": frame["post_id"],
                "post_created_at": pd.to_datetime(comments["post_created_at"].array, utc=True),
            }
        )
        .groupby(["platform", "page_id", "post_id"], dropna=False)["post_created_at"]
        .min()
    )
    out.insert(3, "post_created_at", post_time.reindex(pd.MultiIndex.from_frame(out.iloc[:, :3])).to_numpy())
    out = out.sort_values(
        ["suspect_comments", "n_comments", "platform", "page_id", "post_id"],
        ascending=[False, False, True, True, True],
        kind="stable",
    )
    return out[_POST_COLUMNS].reset_index(drop=True)


_COUNTS = [
    "n_comments",
    "n_accounts",
    "n_praise",
    "n_suspects",
    "suspect_comments",
    "suspect_share",
    "suspect_praise",
    "suspect_praise_share",
    "cluster_comments",
    "cluster_share",
    "cluster_praise",
    "cluster_praise_share",
    "clusters",
    "first_comment_at",
    "last_comment_at",
]
_POST_COLUMNS = ["platform", "page_id", "post_id", "post_created_at", *_COUNTS]
_PAGE_COLUMNS = ["platform", "page_id", "period", "period_start", "n_posts", *_COUNTS]


def choose_period(comments: pd.DataFrame) -> str:
    """The period of the page view for a dump: a day, a week or a month, by its time span."""
    created = comments["created_at"]
    span = (created.max() - created.min()) / pd.Timedelta(days=1) if len(created) else 0
    return "month" if span > 90 else "week" if span > 21 else "day"


def _period(period: str, comments: pd.DataFrame) -> str:
    if period == "auto":
        return choose_period(comments)
    if period not in PERIODS:
        raise ValueError(f"period must be 'auto' or one of {', '.join(PERIODS)}, got {period!r}")
    return period


def page_table(
    comments: pd.DataFrame,
    normalized: pd.Series,
    accounts: pd.DataFrame,
    *,
    period: str = "auto",
    tz: str = "Asia/Almaty",
) -> pd.DataFrame:
    """Per page and period: comments and praise, and the shares by suspects and by clusters.

    Each page has a row for the whole dump (``period`` ``"all"``) and one per period in local
    time (``period_start`` is the first day), so that a share can be followed over time.

    Parameters
    ----------
    comments, normalized, accounts
        As for :func:`post_table`.
    period : {"auto", "day", "week", "month"}, default "auto"
        Period length; ``"auto"`` takes months for dumps longer than 90 days, weeks for longer
        than 21 days, days otherwise.
    tz : str, default "Asia/Almaty"
        Zone in which periods begin.

    Returns
    -------
    pandas.DataFrame
        Columns as :func:`post_table` without the post fields, plus ``period``,
        ``period_start`` and ``n_posts``.
    """
    period = _period(period, comments)
    return _pages(_comment_frame(comments, normalized, accounts), period, tz)


def page_and_post_tables(
    comments: pd.DataFrame,
    normalized: pd.Series,
    accounts: pd.DataFrame,
    *,
    period: str = "auto",
    tz: str = "Asia/Almaty",
    texts: TextCodes | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`page_table` and :func:`post_table` at once, reading the comments once.

    ``texts``, the comments' texts as :func:`botwatch.text.normalize_codes` gives them (agreeing
    with ``normalized``), spares factorising them again; the tables are the same with or without.
    """
    period = _period(period, comments)
    frame = _comment_frame(comments, normalized, accounts, texts)
    return _pages(frame, period, tz), _posts(frame, comments)


def _pages(frame: pd.DataFrame, period: str, tz: str) -> pd.DataFrame:
    local = frame["created_at"].dt.tz_convert(tz).dt.tz_localize(None)
    frame = frame.assign(
        period_start=local.dt.to_period(PERIODS[period]).dt.start_time.dt.strftime("%Y-%m-%d")
    )
    by = ["platform", "page_id", "period_start"]
    tables = []
    for name, f in (("all", frame.assign(period_start="all")), (period, frame)):
        table = _shares(f, by)
        n_posts = f.groupby(by, dropna=False)["post_id"].nunique()
        table["n_posts"] = n_posts.reindex(pd.MultiIndex.from_frame(table[by])).to_numpy()
        table["period"] = name
        tables.append(table)
    out = pd.concat(tables, ignore_index=True)
    out["_order"] = (out["period"] != "all").astype(int)
    out = out.sort_values(["platform", "page_id", "_order", "period_start"], kind="stable")
    return out[_PAGE_COLUMNS].reset_index(drop=True)
