"""YouTube (Data API pages, youtube-comment-downloader) and X (twarc2 raw, flattened and
streaming lines, snscrape) dumps."""

from __future__ import annotations

import html
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from botwatch.io._arrow import column_series, dotted_tree, flatten_nested
from botwatch.io._formats import DumpFormat, Parsed, register

__all__ = ["parse_count"]

_TAG = re.compile(r"<[^>]+>")
_SUFFIX = {"k": 1_000, "m": 1_000_000, "b": 1_000_000_000, "тыс": 1_000, "млн": 1_000_000}


def parse_count(value: Any) -> Any:
    """Counts as scrapers write them: ``12``, ``"1.2K"``, ``"3,4 тыс."``; None when unknown.

    A count beyond what botwatch can hold (``"1e20K"``, ``1e400``) is returned as a float, or as
    written when it is no finite number, for validation to report it in ``rejected``.

    Examples
    --------
    >>> parse_count("1.2K"), parse_count("0"), parse_count(""), parse_count(7)
    (1200, 0, None, 7)
    >>> parse_count("1e20K"), parse_count("1e400")
    (1e+23, '1e400')
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if _representable(value) else value
    text = str(value).strip().lower().replace("\u00a0", "").replace(" ", "").rstrip(".")
    if not text:
        return None
    number, factor = text.replace(",", ""), 1
    for suffix, times in _SUFFIX.items():
        if text.endswith(suffix):
            number, factor = text[: -len(suffix)].replace(",", "."), times
            break
    try:
        count = float(number) * factor
    except ValueError:
        return None
    if not _representable(count):
        return count if math.isfinite(count) else value
    return round(count) if factor != 1 else int(count)


def _representable(number: float) -> bool:
    return math.isfinite(number) and abs(number) < 2**63


# --- YouTube Data API --------------------------------------------------------------------------


def _detect_ytapi(doc: Any) -> bool:
    if isinstance(doc, list):
        # The pages of one request saved together: a list of list responses.
        pages = [d for d in doc if isinstance(d, dict)]
        return bool(pages) and all(_detect_ytapi(d) for d in pages[:3])
    if not (isinstance(doc, dict) and isinstance(doc.get("items"), list)):
        return False
    kind = str(doc.get("kind", ""))
    if kind in ("youtube#commentThreadListResponse", "youtube#commentListResponse"):
        return True
    first = doc["items"][0] if doc["items"] else {}
    return isinstance(first, dict) and str(first.get("kind", "")).startswith("youtube#comment")


def _yt_comment(c: dict[str, Any], record: str, parent: str | None, video: str | None) -> dict[str, Any]:
    s = c.get("snippet") or {}
    author = (
        (s.get("authorChannelId") or {}).get("value")
        if isinstance(s.get("authorChannelId"), dict)
        else s.get("authorChannelId")
    )
    text = s.get("textOriginal")
    if text is None:
        text = html.unescape(_TAG.sub("", s.get("textDisplay") or ""))
    return {
        "platform": "youtube",
        "page_id": s.get("channelId") or "unknown",
        "post_id": s.get("videoId") or video,
        "comment_id": c.get("id"),
        "parent_id": s.get("parentId") or parent,
        "account_id": author,
        "account_handle": s.get("authorDisplayName"),
        "created_at": s.get("publishedAt"),
        "text": text,
        "like_count": s.get("likeCount"),
        "edited_at": (s.get("updatedAt") if s.get("updatedAt") != s.get("publishedAt") else None),
        "_record": record,
    }


def _parse_ytapi(doc: dict[str, Any] | list[Any], source: str) -> Parsed:
    if isinstance(doc, list):
        parsed = Parsed()
        for k, page in enumerate(doc):
            if not (isinstance(page, dict) and isinstance(page.get("items"), list)):
                parsed.reject(source, f"[{k}]", "page is not a YouTube list response", page)
                continue
            part = _parse_ytapi_page(page, source, f"[{k}].")
            parsed.comments.extend(part.comments)
            parsed.rejected.extend(part.rejected)
            parsed.notes.extend(part.notes)
        # Replies fetched with comments.list name no video: theirs is their thread's.
        video = {r["comment_id"]: r["post_id"] for r in parsed.comments if r.get("post_id")}
        for r in parsed.comments:
            if not r.get("post_id") and r.get("parent_id") in video:
                r["post_id"] = video[r["parent_id"]]
        return parsed
    return _parse_ytapi_page(doc, source, "")


def _parse_ytapi_page(doc: dict[str, Any], source: str, prefix: str) -> Parsed:
    parsed = Parsed()
    for i, item in enumerate(doc.get("items", [])):
        record = f"{prefix}items[{i}]"
        if not isinstance(item, dict):
            parsed.reject(source, record, "item is not a JSON object", item)
            continue
        if item.get("kind") == "youtube#commentThread":
            s = item.get("snippet") or {}
            top = s.get("topLevelComment") or {}
            video = s.get("videoId")
            row = _yt_comment(top, record, None, video)
            row["page_id"] = s.get("channelId") or row["page_id"]
            parsed.comments.append(row)
            replies = (item.get("replies") or {}).get("comments") or []
            for j, r in enumerate(replies):
                sub = _yt_comment(r, f"{record}.replies.comments[{j}]", top.get("id"), video)
                sub["page_id"] = row["page_id"]
                parsed.comments.append(sub)
            total = s.get("totalReplyCount") or 0
            if total > len(replies):
                parsed.notes.append(
                    f"{record}: {total} replies, {len(replies)} in this page (the "
                    "rest come from comments.list?parentId=)"
                )
        else:
            parsed.comments.append(_yt_comment(item, record, None, None))
    return parsed


register(
    DumpFormat(
        "youtube_api",
        "youtube",
        "json",
        _detect_ytapi,
        _parse_ytapi,
        "YouTube Data API v3 commentThreads or comments list pages, one page or a list of them",
    )
)


# --- youtube-comment-downloader ----------------------------------------------------------------

_RELATIVE = re.compile(r"(\d+)\s*(second|minute|hour|day|week|month|year)", re.I)
_UNIT_S = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 604800,
    "month": 2_592_000,
    "year": 31_536_000,
}


def _detect_ytcd(obj: Any) -> bool:
    return (
        isinstance(obj, dict)
        and {"cid", "text", "time"} <= set(obj)
        and ("time_parsed" in obj or "channel" in obj)
    )


def _ytcd_start(source: str) -> tuple[Parsed, str]:
    """An empty parse of a youtube-comment-downloader file, noting that its video is its name."""
    parsed = Parsed()
    video = Path(source.split("!")[-1]).name.split(".")[0]
    parsed.notes.append(
        f"youtube-comment-downloader files do not name the video: post_id is the file "
        f"name ({video}); times are relative to the scrape and only as precise as "
        "their unit"
    )
    return parsed, video


def _parse_ytcd(lines: list[tuple[int, Any]], source: str) -> Parsed:
    parsed, video = _ytcd_start(source)
    items: list[tuple[int | str, Any]] = []
    for lineno, obj in lines:
        if isinstance(obj, dict) and isinstance(obj.get("comments"), list):  # the --pretty shape
            items.extend((f"{lineno}:comments[{k}]", c) for k, c in enumerate(obj["comments"]))
        else:
            items.append((lineno, obj))
    for record, c in items:
        if not isinstance(c, dict):
            parsed.reject(source, record, "line is not a JSON object", c)
            continue
        cid = str(c.get("cid", ""))
        m = _RELATIVE.search(str(c.get("time", "")))
        precision = _UNIT_S[m.group(2).lower()] if m else None
        parsed.comments.append(
            {
                "platform": "youtube",
                "page_id": "unknown",
                "post_id": video,
                "comment_id": cid or None,
                "parent_id": cid.split(".")[0] if "." in cid else None,
                "account_id": c.get("channel"),
                "account_handle": c.get("author"),
                "created_at": c.get("time_parsed"),
                "time_precision_s": precision,
                "text": c.get("text") or "",
                "like_count": parse_count(c.get("votes")),
                "relative_time": c.get("time"),
                "_record": record,
            }
        )
    return parsed


def _thread_parent(cid: Any) -> Any:
    """``parent.reply`` comment ids give their parent; the rest have none."""
    import pandas as pd

    out = pd.Series(pd.NA, index=cid.index, dtype="string")
    is_reply = cid.str.contains(".", regex=False).fillna(False).to_numpy(dtype=bool)
    out[is_reply] = cid[is_reply].str.split(".").str[0]
    return out


def _parse_ytcd_table(table: Any, source: str) -> Parsed | None:
    """Columnar :func:`_parse_ytcd` for clean files; None hands the file back to it."""
    import numpy as np
    import pandas as pd

    for name in ("cid", "time", "channel", "author", "text", "votes"):
        if name in table.column_names:
            t = table.column(name).type
            if not (pa.types.is_string(t) or pa.types.is_null(t)):
                return None  # numbers or objects where text belongs: the record reader keeps them
    parsed, video = _ytcd_start(source)
    cid = column_series(table, "cid").astype("string").fillna("")
    # Relative times repeat ("3 days ago"): each distinct one is read once.
    time_codes, times = pd.factorize(column_series(table, "time"), use_na_sentinel=True)
    units = pd.Series(times, dtype="string").str.extract(_RELATIVE, expand=True)[1].str.lower()
    per_time = np.array([*units.map(_UNIT_S).to_numpy(dtype=object, na_value=None), None], dtype=object)
    unit_s = pd.array(per_time[time_codes], dtype="Int64")
    votes = column_series(table, "votes")
    codes, distinct = pd.factorize(votes, use_na_sentinel=True)
    counts = np.array([parse_count(v) for v in distinct] + [None], dtype=object)[codes]
    try:
        likes = pd.array(counts, dtype="Int64")
    except (TypeError, ValueError, OverflowError):
        likes = pd.array(counts, dtype=object)  # counts beyond int64, for validation to report
    frame = pd.DataFrame(
        {
            "platform": "youtube",
            "page_id": "unknown",
            "post_id": video,
            "comment_id": cid.mask(cid == ""),
            "parent_id": _thread_parent(cid),
            "account_id": column_series(table, "channel"),
            "account_handle": column_series(table, "author"),
            "created_at": column_series(table, "time_parsed"),
            "time_precision_s": unit_s,
            "text": column_series(table, "text").fillna(""),
            "like_count": likes,
            "relative_time": column_series(table, "time"),
            "_record": np.arange(1, table.num_rows + 1),
        }
    )
    parsed.comments_frame = frame
    return parsed


register(
    DumpFormat(
        "youtube_comment_downloader",
        "youtube",
        "jsonl",
        _detect_ytcd,
        _parse_ytcd,
        "youtube-comment-downloader JSON lines (or its --pretty JSON)",
        parse_table=_parse_ytcd_table,
        float_columns=("time_parsed",),
    )
)


# --- X: twarc2 ---------------------------------------------------------------------------------


def _detect_twarc_page(obj: Any) -> bool:
    return (
        isinstance(obj, dict)
        and "data" in obj
        and ("__twarc" in obj or "includes" in obj or "matching_rules" in obj or "meta" in obj)
    )


def _detect_twarc_flat(obj: Any) -> bool:
    return (
        isinstance(obj, dict)
        and "id" in obj
        and "author_id" in obj
        and "text" in obj
        and ("author" in obj or "__twarc" in obj or "conversation_id" in obj)
    )


_X_USER_TEXT = ("id", "username", "name", "created_at", "description", "profile_image_url")
_X_USER_COUNTS = ("followers_count", "following_count", "tweet_count")
"""The fields of a user :func:`_x_user` reads (``public_metrics`` holds the counts)."""
_X_USER_FIELDS: dict[str, pa.DataType] = {
    **dict.fromkeys(_X_USER_TEXT, pa.string()),
    "verified": pa.bool_(),
    **{f"public_metrics.{k}": pa.int64() for k in _X_USER_COUNTS},
}
_X_TWEET_FIELDS: dict[str, pa.DataType] = {
    **dict.fromkeys(("id", "author_id", "text", "created_at", "conversation_id"), pa.string()),
    **dict.fromkeys(("in_reply_to_user_id", "lang"), pa.string()),
    "public_metrics.like_count": pa.int64(),
    "referenced_tweets": pa.list_(
        pa.struct([("type", pa.string()), ("id", pa.string()), ("author_id", pa.string())])
    ),
}
"""The fields of a tweet :func:`_x_tweet` reads, as dotted paths to their types."""


def _struct_of(fields: dict[str, pa.DataType]) -> pa.StructType:
    """The struct type holding the dotted ``fields``."""

    def build(node: dict[str, Any]) -> pa.StructType:
        return pa.struct([(k, build(v) if isinstance(v, dict) else v) for k, v in node.items()])

    return build(dotted_tree(fields))


def _x_user(u: dict[str, Any], record: int | str) -> dict[str, Any]:
    m = u.get("public_metrics") or {}
    img = u.get("profile_image_url")
    return {
        "platform": "x",
        "account_id": str(u.get("id")),
        "handle": u.get("username"),
        "display_name": u.get("name"),
        "created_at": u.get("created_at"),
        "followers_count": m.get("followers_count"),
        "following_count": m.get("following_count"),
        "posts_count": m.get("tweet_count"),
        "is_verified": u.get("verified"),
        "has_avatar": None if img is None else "default_profile_images" not in str(img),
        "bio": u.get("description"),
        "_record": record,
    }


def _x_tweet(
    t: dict[str, Any], record: int | str, authors: dict[str, Any], tweets: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    refs = {r.get("type"): str(r.get("id")) for r in t.get("referenced_tweets") or [] if isinstance(r, dict)}
    conv = t.get("conversation_id")
    conv = None if conv is None else str(conv)
    replied = refs.get("replied_to")
    is_reply = replied is not None
    root_author = tweets.get(conv or "", {}).get("author_id")
    if root_author is None and is_reply and replied == conv:
        root_author = t.get("in_reply_to_user_id")
    metrics = t.get("public_metrics") or {}
    return {
        "platform": "x",
        "page_id": str(root_author) if root_author else "unknown",
        "post_id": conv if is_reply else None,
        "comment_id": None if t.get("id") is None else str(t["id"]),
        "parent_id": replied if is_reply and replied != conv else None,
        "account_id": None if t.get("author_id") is None else str(t["author_id"]),
        "account_handle": authors.get(str(t.get("author_id"))),
        "created_at": t.get("created_at"),
        "text": t.get("text") or "",
        "like_count": metrics.get("like_count"),
        "lang": t.get("lang"),
        "is_retweet": "retweeted" in refs,
        "_record": record,
        "_root": not is_reply and conv is not None and conv == str(t.get("id")),
        "_quoted": None if is_reply else refs.get("quoted"),
    }


def _roots_as_posts(parsed: Parsed) -> Parsed:
    """Read the tweets that open a conversation answered in the file as the posts, not comments.

    Such a tweet gives its conversation's ``post_created_at`` and page (its author). A quote tweet
    of a post belongs to that post. A tweet nobody in the file answers stays a row: in a stream of
    tweets (a search, a timeline) every tweet opens its own conversation.
    """
    rows = parsed.comments
    answered = {r["post_id"] for r in rows if r.get("post_id") is not None}
    roots: dict[str, dict[str, Any]] = {}
    for r in rows:
        # A quote of an answered conversation belongs to it, even when someone answers the quote.
        if r.pop("_root", False) and r["comment_id"] in answered and r.get("_quoted") not in answered:
            roots.setdefault(r["comment_id"], r)
    pages = {
        r["post_id"]: r["page_id"] for r in rows if r.get("post_id") is not None and r["page_id"] != "unknown"
    }
    pages.update({cid: r["account_id"] for cid, r in roots.items() if r.get("account_id")})
    kept = []
    for r in rows:
        quoted = r.pop("_quoted", None)
        if r["comment_id"] in roots and r.get("post_id") is None:
            continue  # the post itself (however often the file repeats it)
        if r.get("post_id") is None and quoted in answered:
            r["post_id"] = quoted
            r["page_id"] = pages.get(quoted, r["page_id"])
        post = r.get("post_id")
        if post in roots:
            r["post_created_at"] = roots[post].get("created_at")
        if r["page_id"] == "unknown" and post in pages:
            r["page_id"] = pages[post]
        kept.append(r)
    parsed.comments = kept
    if roots:
        parsed.notes.append(
            f"{len(roots)} {'tweet that opens' if len(roots) == 1 else 'tweets that open'} a conversation "
            "answered in the file read as posts, not comments"
        )
    return parsed


def _parse_twarc(lines: list[tuple[int, Any]], source: str) -> Parsed:
    parsed = Parsed()
    users: dict[str, dict[str, Any]] = {}
    authors: dict[str, Any] = {}
    for lineno, obj in lines:
        if not isinstance(obj, dict):
            parsed.reject(source, lineno, "line is not a JSON object", obj)
            continue
        if "data" not in obj:
            reason = "API error line" if "errors" in obj or "title" in obj else "line without tweets"
            parsed.reject(source, lineno, reason, obj.get("title") or obj.get("detail") or "")
            continue
        inc = obj.get("includes") or {}
        for u in inc.get("users") or []:
            if isinstance(u, dict) and str(u.get("id")) not in users:
                users[str(u.get("id"))] = _x_user(u, lineno)
                authors[str(u.get("id"))] = users[str(u.get("id"))].get("handle")
        tweets = {str(t.get("id")): t for t in (inc.get("tweets") or []) if isinstance(t, dict)}
        data = obj["data"] if isinstance(obj["data"], list) else [obj["data"]]
        for k, t in enumerate(data):
            record = lineno if len(data) == 1 else f"{lineno}:data[{k}]"
            if not isinstance(t, dict):
                parsed.reject(source, record, "tweet is not a JSON object", t)
                continue
            parsed.comments.append(_x_tweet(t, record, authors, tweets))
    parsed.accounts = list(users.values())
    return _roots_as_posts(parsed)


register(
    DumpFormat(
        "twarc2_jsonl",
        "x",
        "jsonl",
        _detect_twarc_page,
        _parse_twarc,
        "twarc2 raw or streaming JSON lines (API v2 pages)",
        parse_table=lambda table, source: _parse_twarc_table(table, source),  # defined below
        # The tweets, users and referenced tweets of a page, each with the fields read only.
        fields={
            "data": pa.list_(_struct_of(_X_TWEET_FIELDS)),
            "includes.users": pa.list_(_struct_of(_X_USER_FIELDS)),
            "includes.tweets": pa.list_(pa.struct([("id", pa.string()), ("author_id", pa.string())])),
        },
    )
)


def _parse_twarc_flat(lines: list[tuple[int, Any]], source: str) -> Parsed:
    parsed = Parsed()
    users: dict[str, dict[str, Any]] = {}
    for lineno, t in lines:
        if not isinstance(t, dict) or "id" not in t:
            parsed.reject(source, lineno, "line is not a tweet", t)
            continue
        author = t.get("author") if isinstance(t.get("author"), dict) else None
        if author and str(author.get("id")) not in users:
            users[str(author.get("id"))] = _x_user(author, lineno)
        tweets = {str(r.get("id")): r for r in t.get("referenced_tweets") or [] if isinstance(r, dict)}
        handle = {str(t.get("author_id")): author.get("username")} if author else {}
        parsed.comments.append(_x_tweet(t, lineno, handle, tweets))
    parsed.accounts = list(users.values())
    return _roots_as_posts(parsed)


def _text_column(table: pa.Table, name: str) -> pd.Series | None:
    """A column as the text ``str(value)`` gives (None stays missing), or None when it is neither
    text nor whole numbers (the record reader then keeps it exactly)."""
    if name not in table.column_names:
        return pd.Series([None] * table.num_rows, dtype="object").astype("string")
    col = table.column(name)
    if pa.types.is_null(col.type):
        return pd.Series([None] * table.num_rows, dtype="object").astype("string")
    if pa.types.is_integer(col.type):
        col = pc.cast(col, pa.string())
    elif not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
        return None
    return pd.Series(col.to_pandas(types_mapper=pd.ArrowDtype), dtype="string")


def _references(table: pa.Table) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Per tweet, the id of the tweet it answers, quotes and retweets (``referenced_tweets``, the
    last of each type as a dict keeps it), and every reference as (row, id, author); None for
    shapes the record reader must read."""
    n = table.num_rows
    kinds = pd.DataFrame(index=range(n), columns=["replied_to", "quoted", "retweeted"], dtype="string")
    none = pd.DataFrame({"row": np.zeros(0, dtype=np.int64), "id": [], "author": []})
    if "referenced_tweets" not in table.column_names:
        return kinds, none
    refs = table.column("referenced_tweets").combine_chunks()
    if pa.types.is_null(refs.type):
        return kinds, none
    if not pa.types.is_list(refs.type):
        return None
    value_type = refs.type.value_type
    if pa.types.is_null(value_type):
        return kinds, none
    if not pa.types.is_struct(value_type) or not {"type", "id"} <= {f.name for f in value_type}:
        return None
    flat = pc.list_flatten(refs)
    if flat.null_count or flat.field("id").null_count or flat.field("type").null_count:
        return None
    ids = flat.field("id")
    if pa.types.is_integer(ids.type):
        ids = pc.cast(ids, pa.string())
    if not pa.types.is_string(ids.type) or not pa.types.is_string(flat.field("type").type):
        return None
    names = {f.name for f in value_type}
    authors = flat.field("author_id") if "author_id" in names else pa.nulls(len(flat), pa.string())
    if pa.types.is_integer(authors.type):
        authors = pc.cast(authors, pa.string())
    if not (pa.types.is_string(authors.type) or pa.types.is_null(authors.type)):
        return None
    long = pd.DataFrame(
        {
            "row": pc.list_parent_indices(refs).to_numpy(),
            "type": flat.field("type").to_pandas(),
            "id": ids.to_pandas(),
            "author": authors.to_pandas(),
        }
    )
    # A tweet holding one reference at most (the usual case) has nothing to de-duplicate.
    single = (pc.max(pc.list_value_length(refs)).as_py() or 0) <= 1
    last = long if single else long.drop_duplicates(["row", "type"], keep="last")
    types = flat.field("type") if single else pa.array(last["type"], type=pa.string())
    rows = last["row"].to_numpy()
    for kind in kinds.columns:
        sel = np.flatnonzero(pc.equal(types, kind).fill_null(False).to_numpy(zero_copy_only=False))
        at = np.full(n, -1, dtype=np.int64)  # per tweet, the position of its id in ``ids`` (-1: none)
        at[rows[sel]] = last.index.to_numpy()[sel]
        picked = ids.take(pa.array(at, mask=at < 0))
        kinds[kind] = pd.Series(picked.to_pandas(types_mapper=pd.ArrowDtype), dtype="string")
    by_id = long if single else long.drop_duplicates(["row", "id"], keep="last")
    return kinds, by_id[["row", "id", "author"]]


def _plain_types(table: pa.Table) -> bool:
    """True when no column holds a value pyarrow may have changed (a time it parsed, a decimal)."""
    return not any(
        pa.types.is_timestamp(f.type) or pa.types.is_floating(f.type) or pa.types.is_decimal(f.type)
        for f in table.schema
    )


def _x_frame(
    table: pa.Table, record: Any, handle: pd.Series, root_author: pd.Series | None
) -> tuple[pd.DataFrame, np.ndarray, pd.Series] | None:
    """Columnar :func:`_x_tweet` over a flat table of tweets: the rows, which tweets open their
    conversation, and what each quotes; None for shapes the record reader must read.

    ``root_author`` is the author of each tweet's conversation root where the source gives it
    apart from the tweet (a page's included tweets); None reads it from the tweet's own references.
    """
    n = table.num_rows
    if "id" not in table.column_names or table.column("id").null_count or not _plain_types(table):
        return None
    tweet_id = _text_column(table, "id")
    author_id = _text_column(table, "author_id")
    conv = _text_column(table, "conversation_id")
    in_reply_to = _text_column(table, "in_reply_to_user_id")
    found = _references(table)
    if any(c is None for c in (tweet_id, author_id, conv, in_reply_to)) or found is None:
        return None
    assert tweet_id is not None and author_id is not None and conv is not None and in_reply_to is not None
    refs, by_id = found
    replied = refs["replied_to"]
    is_reply = replied.notna().to_numpy()
    conv_text = pa.array(conv, type=pa.string(), from_pandas=True)
    if root_author is None:
        # The conversation root's author, where this tweet references the root itself.
        at = np.full(n, -1, dtype=np.int64)  # per tweet, the reference naming its root (-1: none)
        if len(by_id):
            rows = by_id["row"].to_numpy()
            ids = pa.array(by_id["id"], type=pa.string(), from_pandas=True)
            hit = pc.equal(ids, conv_text.take(pa.array(rows))).fill_null(False)
            hit = np.flatnonzero(hit.to_numpy(zero_copy_only=False))
            at[rows[hit]] = hit
        authors = pa.array(by_id["author"], type=pa.string(), from_pandas=True)
        root = authors.take(pa.array(at, mask=at < 0))
    else:
        root = pa.array(root_author, type=pa.string(), from_pandas=True)
    replied_text = pa.array(replied, type=pa.string(), from_pandas=True)
    # Where the root's author is not known, the user a reply to the root itself answers.
    fallback = pc.and_(root.is_null(), pc.equal(replied_text, conv_text).fill_null(False))
    root = pc.if_else(fallback, pa.array(in_reply_to, type=pa.string(), from_pandas=True), root)
    page = pc.if_else(pc.not_equal(root, "").fill_null(False), root, "unknown")
    is_root = ~is_reply & conv.notna().to_numpy() & (conv == tweet_id).fillna(False).to_numpy()
    frame = pd.DataFrame(
        {
            "platform": "x",
            "page_id": pd.Series(page.to_pandas(types_mapper=pd.ArrowDtype), dtype="string"),
            "post_id": conv.where(is_reply),
            "comment_id": tweet_id,
            "parent_id": replied.where(is_reply & (replied != conv).fillna(True).to_numpy()),
            "account_id": author_id,
            "account_handle": handle,
            "created_at": column_series(table, "created_at"),
            "text": column_series(table, "text").fillna(""),
            "like_count": column_series(table, "public_metrics.like_count"),
            "lang": column_series(table, "lang"),
            "is_retweet": refs["retweeted"].notna().to_numpy(),
            "_record": record,
        }
    )
    return frame, is_root, refs["quoted"].where(~is_reply)


def _x_posts(frame: pd.DataFrame, is_root: np.ndarray, quoted: pd.Series, parsed: Parsed) -> None:
    """Columnar :func:`_roots_as_posts`: the comments of ``parsed``, roots of conversations answered
    in the file read as their posts."""
    answered = frame["post_id"].dropna().unique()
    root_rows = np.flatnonzero(
        is_root
        & frame["comment_id"].isin(answered).to_numpy()
        & ~quoted.isin(answered).fillna(False).to_numpy()
    )
    # Three columns only: taking rows of a column copies all of it (Arrow joins its chunks first).
    roots = frame[["comment_id", "account_id", "created_at"]].iloc[root_rows]
    roots = roots.drop_duplicates("comment_id", keep="first").set_index("comment_id")
    given = frame[["post_id", "page_id"]]  # not the whole frame: its text would be copied too
    known = given[given["post_id"].notna() & (given["page_id"] != "unknown")]
    known = known.drop_duplicates("post_id", keep="last")  # as a dict built row by row keeps it
    pages = dict(zip(known["post_id"].tolist(), known["page_id"].tolist(), strict=True))
    pages.update({cid: a for cid, a in roots["account_id"].items() if isinstance(a, str) and a})
    drop = frame["comment_id"].isin(roots.index).to_numpy() & frame["post_id"].isna().to_numpy()
    moved = frame["post_id"].isna().to_numpy() & quoted.isin(answered).fillna(False).to_numpy()
    if moved.any():
        target = quoted[moved]
        frame.loc[moved, "post_id"] = target.to_numpy()
        frame.loc[moved, "page_id"] = [
            pages.get(q, p) for q, p in zip(target, frame.loc[moved, "page_id"], strict=True)
        ]
    if len(roots):
        frame["post_created_at"] = frame["post_id"].map(roots["created_at"])
    unknown = np.flatnonzero((frame["page_id"] == "unknown").to_numpy())
    unknown = unknown[frame["post_id"].iloc[unknown].isin(list(pages)).to_numpy()]
    if len(unknown):
        frame.loc[unknown, "page_id"] = frame.loc[unknown, "post_id"].map(pages)
    parsed.comments_frame = frame[~drop].reset_index(drop=True) if drop.any() else frame
    if len(roots):
        parsed.notes.append(
            f"{len(roots)} {'tweet that opens' if len(roots) == 1 else 'tweets that open'} a conversation "
            "answered in the file read as posts, not comments"
        )


def _x_profiles(users: pa.Table, prefix: str, rows: np.ndarray, records: np.ndarray) -> pd.DataFrame:
    """:func:`_x_user` of the given rows of a flat table of users (columns ``prefix`` + field), as
    one DataFrame with the columns and values the records would give."""
    # Only the profile's own columns are taken: a flattened tweet table also holds every tweet's
    # text and references, which taking whole would copy for nothing.
    read = [prefix + name for name in (*_X_USER_TEXT, "verified")]
    read += [f"{prefix}public_metrics.{name}" for name in _X_USER_COUNTS]
    picked = users.select([c for c in read if c in users.column_names])
    picked = picked.take(pa.array(rows, type=pa.int64()))

    def field(name: str) -> Any:
        if prefix + name not in picked.column_names:
            return [None] * picked.num_rows
        column = picked.column(prefix + name)
        t = column.type
        if pa.types.is_string(t) or pa.types.is_integer(t) or pa.types.is_boolean(t):
            return column.to_pandas()  # the dtype a list of its values would give, without the list
        return column.to_pylist()

    def account_id() -> Any:
        column = picked.column(prefix + "id")
        if pa.types.is_string(column.type) and not column.null_count:
            return column.to_pandas()
        if pa.types.is_integer(column.type) and not column.null_count:
            return pc.cast(column, pa.string()).to_pandas()
        return [str(v) for v in column.to_pylist()]

    img_name = prefix + "profile_image_url"
    img_type = picked.schema.field(img_name).type if img_name in picked.column_names else pa.null()
    if pa.types.is_string(img_type):
        # None where no image is given, as for the records.
        avatar: Any = pc.invert(pc.match_substring(picked.column(img_name), "default_profile_images"))
        avatar = avatar.to_pandas()
    else:
        img = field("profile_image_url")
        avatar = [None if v is None else "default_profile_images" not in str(v) for v in img]
    return pd.DataFrame(
        {
            "platform": "x",
            "account_id": account_id(),
            "handle": field("username"),
            "display_name": field("name"),
            "created_at": field("created_at"),
            "followers_count": field("public_metrics.followers_count"),
            "following_count": field("public_metrics.following_count"),
            "posts_count": field("public_metrics.tweet_count"),
            "is_verified": field("verified"),
            "has_avatar": avatar,
            "bio": field("description"),
            "_record": np.asarray(records, dtype=np.int64),
        }
    )


def _parse_twarc_flat_table(table: Any, source: str) -> Parsed | None:
    """Columnar :func:`_parse_twarc_flat` for clean files; None hands the file back to it."""
    handle = _text_column(table, "author.username")
    author_cols = [c for c in table.column_names if c.startswith("author.")]
    if handle is None or (author_cols and "author.id" not in author_cols):
        return None
    if author_cols:
        no_id = pc.is_null(table.column("author.id"))
        # An embedded author without an id: the record reader keeps it as written. Where only the
        # fields read were parsed, the author's own column says where one was given at all.
        given = [table.column("author")] if "author" in table.column_names else []
        for present in [*given, *(pc.is_valid(table.column(c)) for c in author_cols)]:
            if pc.any(pc.and_(no_id, present)).as_py():
                return None
    got = _x_frame(table, np.arange(1, table.num_rows + 1), handle, None)
    if got is None:
        return None
    parsed = Parsed()
    _x_posts(*got, parsed)
    if author_cols:  # profiles: the first embedded author of each id
        rows = _first_rows(pa.array(_text_column(table, "author.id"), type=pa.string(), from_pandas=True))
        parsed.accounts_frame = _x_profiles(table, "author.", rows, rows + 1)
    return parsed


def _first_rows(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """The row of the first occurrence of each distinct value (nulls left out), in row order."""
    encoded = pc.dictionary_encode(values)
    chunks = encoded.chunks if isinstance(encoded, pa.ChunkedArray) else [encoded]
    indices = pa.chunked_array([c.indices for c in chunks], type=pa.int32())
    codes = indices.fill_null(-1).to_numpy()
    given = np.flatnonzero(codes >= 0)
    _, first = np.unique(codes[given], return_index=True)
    return given[np.sort(first)].astype(np.int64)


def _exploded(table: pa.Table, name: str) -> tuple[pa.Table, np.ndarray, np.ndarray] | None:
    """A list-of-objects column as a flat table of its items, with each item's row and its
    position in the row's list; None when the column is not lists of objects throughout."""
    column = table.column(name)  # chunk by chunk: joining the chunks would copy every tweet
    if pa.types.is_null(column.type):
        return pa.table({}), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if not pa.types.is_list(column.type):
        return None
    if pa.types.is_null(column.type.value_type):
        return pa.table({}), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if not pa.types.is_struct(column.type.value_type):
        return None
    items = pc.list_flatten(column)
    if items.null_count:
        return None  # an item that is not an object: the record reader reports it
    row = pc.list_parent_indices(column).to_numpy()
    lengths = pc.list_value_length(column).fill_null(0).to_numpy()
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])  # each row's first item
    position = np.arange(len(items)) - starts[row]
    batches = [pa.RecordBatch.from_struct_array(chunk) for chunk in items.chunks]
    if not batches:
        batches = [pa.RecordBatch.from_struct_array(pa.array([], type=column.type.value_type))]
    flat = flatten_nested(pa.Table.from_batches(batches))
    return flat, row, position


def _parse_twarc_table(table: Any, source: str) -> Parsed | None:
    """Columnar :func:`_parse_twarc` for clean files; None hands the file back to it."""
    if "data" not in table.column_names or table.column("data").null_count:
        return None  # lines without tweets: the record reader reports them
    data = _exploded(table, "data")
    if data is None:
        return None
    tweets, line, k = data
    n_lines = table.num_rows
    per_line = np.bincount(line, minlength=n_lines)
    record = (line + 1).astype(object)
    several = np.flatnonzero(per_line[line] != 1)  # a line of several tweets names each by position
    if len(several):
        labels = pc.binary_join_element_wise(
            pc.cast(pa.array(line[several] + 1), pa.string()),
            pc.cast(pa.array(k[several]), pa.string()),
            ":data[",
        )
        record[several] = pc.binary_join_element_wise(labels, "]", "").to_numpy(zero_copy_only=False)
    parsed = Parsed()
    author = _text_column(tweets, "author_id")
    handle = pd.Series(pd.NA, index=range(tweets.num_rows), dtype="string")
    if "includes.users" in table.column_names:
        users = _exploded(table, "includes.users")
        if users is None:
            return None
        user_table, user_line, _ = users
        if user_table.num_rows:
            if "id" not in user_table.column_names or user_table.column("id").null_count:
                return None
            if not _plain_types(user_table):
                return None
            uid = _text_column(user_table, "id")
            name = _text_column(user_table, "username")
            if uid is None or name is None or author is None:
                return None
            uid_text = pa.array(uid, type=pa.string(), from_pandas=True)
            rows = _first_rows(uid_text)
            parsed.accounts_frame = _x_profiles(user_table, "", rows, user_line[rows] + 1)
            # A tweet's handle comes from the users seen up to its own line, as the lines are read.
            author_text = pa.array(author, type=pa.string(), from_pandas=True)
            at = pc.index_in(author_text, value_set=uid_text.take(pa.array(rows))).fill_null(-1)
            at = at.to_numpy(zero_copy_only=False).astype(np.int64)
            found = np.flatnonzero(at >= 0)
            known = found[user_line[rows[at[found]]] <= line[found]]
            pick = np.full(tweets.num_rows, -1, dtype=np.int64)
            pick[known] = rows[at[known]]
            names = pa.array(name, type=pa.string(), from_pandas=True).take(pa.array(pick, mask=pick < 0))
            handle = pd.Series(names.to_pandas(types_mapper=pd.ArrowDtype), dtype="string")
    root_author = pd.Series(pd.NA, index=range(tweets.num_rows), dtype="string")
    if "includes.tweets" in table.column_names:
        included = _exploded(table, "includes.tweets")
        if included is None:
            return None
        inc_table, inc_line, _ = included
        if inc_table.num_rows:
            inc_id = _text_column(inc_table, "id")
            inc_author = _text_column(inc_table, "author_id")
            conv = _text_column(tweets, "conversation_id")
            if inc_id is None or inc_author is None or conv is None:
                return None
            # Per line, the included tweet of each id (the last, as a dict keeps it).
            lookup = pd.DataFrame({"line": inc_line, "id": inc_id.fillna("None"), "author": inc_author})
            lookup = lookup.drop_duplicates(["line", "id"], keep="last").set_index(["line", "id"])["author"]
            keys = pd.MultiIndex.from_arrays([line, conv.fillna("").to_numpy()])
            root_author[:] = lookup.reindex(keys).to_numpy()
    got = _x_frame(tweets, record, handle, root_author)
    if got is None:
        return None
    _x_posts(*got, parsed)
    return parsed


register(
    DumpFormat(
        "twarc2_flat_jsonl",
        "x",
        "jsonl",
        _detect_twarc_flat,
        _parse_twarc_flat,
        "twarc2 flatten output (one tweet a line, author embedded)",
        parse_table=_parse_twarc_flat_table,
        fields={**_X_TWEET_FIELDS, **{f"author.{k}": t for k, t in _X_USER_FIELDS.items()}},
    )
)


def _detect_twarc_csv(table: Any) -> bool:
    cols = set(table.columns)
    return {"id", "conversation_id", "author_id", "created_at", "text"} <= cols and (
        "referenced_tweets.replied_to.id" in cols or "author.username" in cols
    )


def _parse_twarc_csv(table: Any, source: str) -> Parsed:
    parsed = Parsed()
    users: dict[str, dict[str, Any]] = {}
    for row in table.to_dict("records"):
        record = row["_record"]
        replied = row.get("referenced_tweets.replied_to.id")
        replied = None if replied is None or replied != replied else str(replied)
        conv = row.get("conversation_id")
        quoted = row.get("referenced_tweets.quoted.id")
        quoted = None if quoted is None or quoted != quoted else str(quoted)
        refs = [{"type": "replied_to", "id": replied}] if replied else []
        refs += [{"type": "quoted", "id": quoted}] if quoted else []
        t = {
            "id": row.get("id"),
            "author_id": row.get("author_id"),
            "text": row.get("text"),
            "created_at": row.get("created_at"),
            "conversation_id": conv,
            "in_reply_to_user_id": row.get("in_reply_to_user_id"),
            "lang": row.get("lang"),
            "referenced_tweets": refs,
            "public_metrics": {"like_count": row.get("public_metrics.like_count")},
        }
        handle = row.get("author.username")
        parsed.comments.append(_x_tweet(t, record, {str(row.get("author_id")): handle}, {}))
        aid = str(row.get("author_id"))
        if aid not in users and row.get("author.id") is not None:
            users[aid] = _x_user(
                {
                    "id": aid,
                    "username": handle,
                    "name": row.get("author.name"),
                    "created_at": row.get("author.created_at"),
                    "description": row.get("author.description"),
                    "profile_image_url": row.get("author.profile_image_url"),
                    "verified": row.get("author.verified"),
                    "public_metrics": {
                        k: row.get(f"author.public_metrics.{k}")
                        for k in ("followers_count", "following_count", "tweet_count")
                    },
                },
                record,
            )
    parsed.accounts = list(users.values())
    return _roots_as_posts(parsed)


register(
    DumpFormat(
        "twarc2_csv", "x", "csv", _detect_twarc_csv, _parse_twarc_csv, "twarc2 csv output (twarc-csv columns)"
    )
)


def _detect_snscrape(obj: Any) -> bool:
    return isinstance(obj, dict) and str(obj.get("_type", "")).endswith("twitter.Tweet")


def _parse_snscrape(lines: list[tuple[int, Any]], source: str) -> Parsed:
    parsed = Parsed()
    users: dict[str, dict[str, Any]] = {}
    for lineno, t in lines:
        if not isinstance(t, dict) or not _detect_snscrape(t):
            parsed.reject(source, lineno, "line is not a snscrape tweet", t)
            continue
        u = t.get("user") or {}
        uid = None if u.get("id") is None else str(u.get("id"))
        conv = t.get("conversationId")
        reply_to = t.get("inReplyToTweetId")
        root_user = (t.get("inReplyToUser") or {}).get("id") if reply_to == conv else None
        parsed.comments.append(
            {
                "platform": "x",
                "page_id": str(root_user) if root_user else "unknown",
                "post_id": str(conv) if reply_to else None,
                "comment_id": str(t.get("id")),
                "parent_id": str(reply_to) if reply_to and reply_to != conv else None,
                "account_id": uid,
                "account_handle": u.get("username"),
                "created_at": t.get("date"),
                "text": t.get("rawContent") or t.get("content") or "",
                "like_count": t.get("likeCount"),
                "_record": lineno,
            }
        )
        if uid and uid not in users:
            img = u.get("profileImageUrl")
            users[uid] = {
                "platform": "x",
                "account_id": uid,
                "handle": u.get("username"),
                "display_name": u.get("displayname"),
                "created_at": u.get("created"),
                "followers_count": u.get("followersCount"),
                "following_count": u.get("friendsCount"),
                "posts_count": u.get("statusesCount"),
                "is_verified": u.get("verified"),
                "has_avatar": None if img is None else "default_profile_images" not in img,
                "bio": u.get("rawDescription"),
                "_record": lineno,
            }
    parsed.accounts = list(users.values())
    return parsed


register(
    DumpFormat(
        "snscrape_jsonl", "x", "jsonl", _detect_snscrape, _parse_snscrape, "snscrape twitter --jsonl output"
    )
)


# --- YouTube Data Tools CSV --------------------------------------------------------------------


def _detect_ytdt(table: Any) -> bool:
    cols = set(table.columns)
    return {"id", "authorName", "text", "publishedAt"} <= cols and (
        "videoId" in cols or "isReplyTo" in cols or "isReplyToId" in cols
    )


def _parse_ytdt(table: Any, source: str) -> Parsed:
    parsed = Parsed()
    video = Path(source.split("!")[-1]).name.split(".")[0]
    for row in table.to_dict("records"):
        parent = (
            row.get("isReplyToId") or row.get("threadId")
            if str(row.get("isReply", "")) in ("1", "True", "true")
            else row.get("isReplyTo")
        )
        published = row.get("publishedAt")
        # YouTube Data Tools writes UTC as "Y-m-d H:M:S" without a zone: say so, or it would be
        # taken as local time.
        if isinstance(published, str) and published and not published.endswith("Z"):
            published = published.replace(" ", "T") + "Z"
        author = row.get("authorChannelId") or row.get("authorName")
        parsed.comments.append(
            {
                "platform": "youtube",
                "page_id": "unknown",
                "post_id": row.get("videoId") or video,
                "comment_id": row.get("id"),
                "parent_id": None if parent in (None, "", "0") else parent,
                "account_id": author,
                "account_handle": row.get("authorName"),
                "created_at": published,
                "text": row.get("text") or "",
                "like_count": parse_count(row.get("likeCount")),
                "is_channel_owner": row.get("isChannelOwner"),
                "_record": int(row["_record"]),
            }
        )
    if "videoId" not in table.columns:
        parsed.notes.append(f"legacy YouTube Data Tools file: post_id is the file name ({video})")
    return parsed


register(
    DumpFormat(
        "youtube_data_tools_csv",
        "youtube",
        "csv",
        _detect_ytdt,
        _parse_ytdt,
        "YouTube Data Tools comment CSV (v2 and legacy; times are UTC)",
    )
)
