"""Telegram: Telegram Desktop JSON exports and Telethon JSON lines.

A channel's comments live in its linked discussion group. There each channel post appears as an
automatic forward (a message from ``channel<id>`` with ``forwarded_from``), and comments answer it
or each other, so a comment's post is found by walking the reply chain to its root.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from botwatch.io._arrow import column_series
from botwatch.io._formats import DumpFormat, Parsed, register
from botwatch.io._youtube_x import parse_count

__all__: list[str] = []


def reaction_total(reactions: list[Any]) -> Any:
    """The sum of a message's reaction counts, as its like count.

    A count that is no number is skipped; one beyond what botwatch can hold (``Infinity``,
    ``1e30``) is returned as written, so that validation clears the field with its reason
    instead of the whole file failing.

    Examples
    --------
    >>> reaction_total([{"count": 3}, {"count": "2"}, {"emoji": "x"}])
    5
    >>> reaction_total([{"count": 3}, {"count": float("inf")}])
    inf
    """
    total = 0
    for r in reactions:
        if not isinstance(r, dict):
            continue
        n = parse_count(r.get("count"))
        if n is None:
            continue
        if not isinstance(n, int):
            return n
        total += n
    return total


def flatten_text(text: Any) -> str:
    """Telegram text: a plain string, or a list of strings and ``{type, text}`` entities."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(
            part if isinstance(part, str) else str(part.get("text", ""))
            for part in text
            if isinstance(part, (str, dict))
        )
    return ""


def _chats(doc: dict[str, Any]) -> list[dict[str, Any]]:
    if "messages" in doc:
        return [doc]
    chats: list[dict[str, Any]] = []
    for key in ("chats", "left_chats"):
        block = doc.get(key)
        if isinstance(block, dict):
            chats.extend(c for c in block.get("list", []) if isinstance(c, dict))
    return chats


def _detect_tdesktop(doc: Any) -> bool:
    if not isinstance(doc, dict):
        return False
    if isinstance(doc.get("messages"), list) and ("type" in doc or "name" in doc):
        return True
    return isinstance(doc.get("chats"), dict) and isinstance(doc["chats"].get("list"), list)


def _parse_tdesktop(doc: dict[str, Any], source: str) -> Parsed:
    parsed = Parsed()
    naive_seen = False
    profiles: dict[str, dict[str, Any]] = {}
    for chat in _chats(doc):
        page = str(chat.get("id", chat.get("name", "unknown")))
        messages = [m for m in chat.get("messages", []) if isinstance(m, dict)]
        by_id = {m.get("id"): m for m in messages}

        def is_post(m: dict[str, Any]) -> bool:
            # The group's copy of a channel post: sent by a channel, forwarded, answering nothing.
            return (
                str(m.get("from_id", "")).startswith("channel")
                and "forwarded_from" in m
                and m.get("reply_to_message_id") is None
            )

        def root_of(m: dict[str, Any], by_id: dict[Any, Any] = by_id) -> dict[str, Any]:
            seen = set()
            while m.get("reply_to_message_id") in by_id and m.get("id") not in seen:
                seen.add(m.get("id"))
                m = by_id[m["reply_to_message_id"]]
            return m

        for index, m in enumerate(chat.get("messages", []), start=1):
            record = f"messages[{index - 1}]" if len(_chats(doc)) == 1 else f"{page}/messages[{index - 1}]"
            if not isinstance(m, dict):
                parsed.reject(source, record, "message is not a JSON object", m)
                continue
            if m.get("type") != "message":
                parsed.reject(
                    source,
                    record,
                    f"{m.get('type', 'unknown')} message (not a comment)",
                    m.get("action", ""),
                    "type",
                )
                continue
            if is_post(m):
                continue  # the agency's own post: it gives comments their post, it is not one
            stamp = m.get("date_unixtime")
            if stamp in (None, ""):
                stamp = m.get("date")
                naive_seen = naive_seen or stamp is not None
            root = root_of(m)
            post = root if is_post(root) else None
            parent = m.get("reply_to_message_id")
            if post is not None and parent == post.get("id"):
                parent = None  # a direct answer to the post is a top-level comment
            post_time = None
            if post is not None:
                post_time = post.get("date_unixtime") or post.get("date")
            reactions = m.get("reactions")
            likes = reaction_total(reactions) if isinstance(reactions, list) else None
            account = m.get("from_id")
            parsed.comments.append(
                {
                    "platform": "telegram",
                    "page_id": page,
                    "post_id": None if post is None else str(post.get("id")),
                    "post_created_at": post_time,
                    "comment_id": None if m.get("id") is None else str(m.get("id")),
                    "parent_id": None if parent is None else str(parent),
                    "account_id": account,
                    "account_handle": None,
                    "created_at": stamp,
                    "text": flatten_text(m.get("text")),
                    "like_count": likes,
                    "media_type": m.get("media_type") or ("photo" if "photo" in m else None),
                    "author_signature": m.get("author"),
                    "edited_at": m.get("edited_unixtime") or m.get("edited"),
                    "_record": record,
                }
            )
            if account and account not in profiles:
                profiles[account] = {
                    "platform": "telegram",
                    "account_id": account,
                    "display_name": m.get("from"),
                    "_record": record,
                }
    parsed.accounts = list(profiles.values())
    if naive_seen:
        parsed.notes.append("some messages have only 'date' (local time of the exporting computer)")
    return parsed


register(
    DumpFormat(
        "tdesktop_json",
        "telegram",
        "json",
        _detect_tdesktop,
        _parse_tdesktop,
        "Telegram Desktop export (result.json), single chat or full account",
    )
)


def _peer(value: Any) -> str | None:
    if not isinstance(value, dict):
        return None
    for key, prefix in (("user_id", "user"), ("channel_id", "channel"), ("chat_id", "chat")):
        if key in value and value[key] is not None:
            return f"{prefix}{value[key]}"
    return None


def _detect_telethon_message(obj: Any) -> bool:
    return isinstance(obj, dict) and obj.get("_") in ("Message", "MessageService")


def _parse_telethon(lines: list[tuple[int, Any]], source: str) -> Parsed:
    parsed = Parsed()
    messages = {}
    for lineno, obj in lines:
        if not isinstance(obj, dict):
            parsed.reject(source, lineno, "JSON line is not an object", obj)
            continue
        if obj.get("_") != "Message":
            parsed.reject(source, lineno, f"{obj.get('_', 'unknown')} record (not a comment)", "", "_")
            continue
        key = (str(_peer(obj.get("peer_id"))), obj.get("id"))
        if key in messages:  # the same message fetched twice: keep the first, say so
            parsed.reject(
                source, lineno, "duplicate comment_id (merged into an earlier row)", obj.get("id"), "id"
            )
            continue
        messages[key] = (lineno, obj)
    for (page, msg_id), (lineno, m) in messages.items():
        reply = m.get("reply_to") or {}
        top = reply.get("reply_to_top_id")
        parent = reply.get("reply_to_msg_id")
        post = top if top is not None else parent
        if top is None and parent is not None and (page, parent) in messages:
            # Without a top id, walk the chain inside the file to its root.
            seen = set()
            cur = parent
            while (page, cur) in messages and cur not in seen:
                seen.add(cur)
                nxt = (messages[(page, cur)][1].get("reply_to") or {}).get("reply_to_msg_id")
                if nxt is None:
                    break
                cur = nxt
            post = cur
        if parent == post:
            parent = None
        reactions = (m.get("reactions") or {}).get("results") or []
        likes = reaction_total(reactions) if reactions else None
        account = _peer(m.get("from_id")) or page  # a channel posting in its own group
        parsed.comments.append(
            {
                "platform": "telegram",
                "page_id": page.removeprefix("channel"),
                "post_id": None if post is None else str(post),
                "comment_id": None if msg_id is None else str(msg_id),
                "parent_id": None if parent is None else str(parent),
                "account_id": account,
                "created_at": m.get("date"),
                "text": m.get("message") or "",
                "like_count": likes,
                "author_signature": m.get("post_author"),
                "edited_at": m.get("edit_date"),
                "_record": lineno,
            }
        )
    return parsed


def _peer_column(table: Any, prefix: str) -> pd.Series | None:
    """The columnar form of :func:`_peer`: ``user<id>``, ``channel<id>`` or ``chat<id>``."""
    out = pa.nulls(table.num_rows, pa.string())
    for key, kind in (("chat_id", "chat"), ("channel_id", "channel"), ("user_id", "user")):
        name = f"{prefix}.{key}"  # the first present key wins, so it is written last
        if name not in table.column_names:
            continue
        ids = table.column(name).combine_chunks()
        if pa.types.is_null(ids.type):
            continue
        if not (pa.types.is_integer(ids.type) or pa.types.is_string(ids.type)):
            return None
        text = pc.binary_join_element_wise(kind, pc.cast(ids, pa.string()), "")
        out = pc.if_else(pc.is_valid(ids), text, out)
    return pd.Series(out.to_pandas(types_mapper=pd.ArrowDtype), dtype="string")


def _parse_telethon_table(table: Any, source: str) -> Parsed | None:
    """Columnar :func:`_parse_telethon` for clean files; None hands the file back to it."""
    parsed = Parsed()
    n = table.num_rows
    lineno = np.arange(1, n + 1)
    if "_" in table.column_names and pa.types.is_string(table.column("_").type):
        kind_col = table.column("_")
        is_message = pc.fill_null(pc.equal(kind_col, "Message"), False).to_numpy(zero_copy_only=False)
    else:
        kind_col = None
        is_message = np.zeros(n, dtype=bool)
    for idx in np.flatnonzero(~is_message):
        kind = None if kind_col is None else kind_col[int(idx)].as_py()
        parsed.reject(source, int(lineno[idx]), f"{kind or 'unknown'} record (not a comment)", "", "_")
    page_peer = _peer_column(table, "peer_id")
    account = _peer_column(table, "from_id")
    if page_peer is None or account is None:
        return None
    page_peer = page_peer.fillna("None")
    msg_id = column_series(table, "id")
    if msg_id.dtype != "Int64" and msg_id.notna().any():
        return None  # ids that are not whole numbers: the record reader keeps them exactly
    key = pd.DataFrame({"page": page_peer, "id": msg_id})
    keep = is_message.copy()
    keep[is_message] = ~key[is_message].duplicated(keep="first").to_numpy(dtype=bool)
    for idx in np.flatnonzero(is_message & ~keep):
        value = msg_id[idx]
        parsed.reject(
            source,
            int(lineno[idx]),
            "duplicate comment_id (merged into an earlier row)",
            "None" if pd.isna(value) else value,
            "id",
        )
    top = column_series(table, "reply_to.reply_to_top_id")
    parent = column_series(table, "reply_to.reply_to_msg_id")
    if any(c.dtype != "Int64" and c.notna().any() for c in (top, parent)):
        return None
    top, parent = top.astype("Int64"), parent.astype("Int64")
    post = top.fillna(parent)
    walk = (top.isna() & parent.notna()).to_numpy(dtype=bool) & keep
    if walk.any():
        in_file = pd.MultiIndex.from_arrays([page_peer[keep], msg_id[keep]])
        walk &= pd.MultiIndex.from_arrays([page_peer, parent]).isin(in_file)
    if walk.any():
        # Without a top id, walk the chain inside the file to its root (few rows; a plain loop).
        known = keep & msg_id.notna().to_numpy(dtype=bool)
        parent_of = dict(
            zip(
                zip(page_peer[known].tolist(), msg_id[known].astype("int64").tolist(), strict=True),
                parent[known].astype("object").where(parent[known].notna(), None).tolist(),
                strict=True,
            )
        )
        for idx in np.flatnonzero(walk):
            page, cur = page_peer[idx], int(parent[idx])
            seen: set[int] = set()
            while (page, cur) in parent_of and cur not in seen:
                seen.add(cur)
                nxt = parent_of[(page, cur)]
                if nxt is None:
                    break
                cur = nxt
            post[idx] = cur
    parent = parent.mask((parent == post).fillna(False))
    parsed.rejected.sort(key=lambda r: int(r["record"]))  # in file order, as the record reader
    likes = pd.Series(pd.NA, index=range(n), dtype="Int64")
    if "reactions.results" in table.column_names:
        results = table.column("reactions.results").combine_chunks()
        if pa.types.is_list(results.type) and pa.types.is_null(results.type.value_type):
            results = pa.nulls(0)  # only empty lists: no reactions anywhere
        if not pa.types.is_null(results.type):
            if not pa.types.is_list(results.type) or not pa.types.is_struct(results.type.value_type):
                return None
            if "count" not in {f.name for f in results.type.value_type}:
                return None
            counts = pc.list_flatten(results).field("count")
            if counts.null_count or not pa.types.is_integer(counts.type):
                return None
            rows = pc.list_parent_indices(results).to_numpy()
            total = np.bincount(rows, weights=counts.to_numpy(), minlength=n).astype(np.int64)
            lengths = pc.list_value_length(results).fill_null(0).to_numpy()
            likes[lengths > 0] = total[lengths > 0]
    account = account.fillna(page_peer)
    frame = pd.DataFrame(
        {
            "platform": "telegram",
            "page_id": page_peer.str.removeprefix("channel"),
            "post_id": post.astype("string"),
            "comment_id": msg_id.astype("string"),
            "parent_id": parent.astype("string"),
            "account_id": account,
            "created_at": column_series(table, "date"),
            "text": column_series(table, "message").fillna(""),
            "like_count": likes,
            "author_signature": column_series(table, "post_author"),
            "edited_at": column_series(table, "edit_date"),
            "_record": lineno,
        }
    )
    parsed.comments_frame = frame[keep].reset_index(drop=True)
    return parsed


register(
    DumpFormat(
        "telethon_jsonl",
        "telegram",
        "jsonl",
        _detect_telethon_message,
        _parse_telethon,
        "Telethon Message.to_json() lines (comments fetched with reply_to=post)",
        parse_table=_parse_telethon_table,
    )
)


def _detect_telethon_user(obj: Any) -> bool:
    return isinstance(obj, dict) and obj.get("_") == "User"


def _parse_telethon_users(lines: list[tuple[int, Any]], source: str) -> Parsed:
    parsed = Parsed()
    parsed.notes.append("a Telethon user file holds profiles only")
    for lineno, u in lines:
        if not isinstance(u, dict) or u.get("_") != "User":
            parsed.reject(source, lineno, "not a Telethon User record", u)
            continue
        name = " ".join(p for p in (u.get("first_name"), u.get("last_name")) if p)
        parsed.accounts.append(
            {
                "platform": "telegram",
                "account_id": f"user{u.get('id')}",
                "handle": u.get("username"),
                "display_name": name or None,
                "is_verified": u.get("verified"),
                "has_avatar": u.get("photo") is not None,
                "is_bot": u.get("bot"),
                "is_deleted": u.get("deleted"),
                "_record": lineno,
            }
        )
    return parsed


register(
    DumpFormat(
        "telethon_users_jsonl",
        "telegram",
        "jsonl",
        _detect_telethon_user,
        _parse_telethon_users,
        "Telethon User.to_json() lines (profiles)",
    )
)
