"""Facebook (facebook-scraper JSON and CSV, Apify comments scraper) and 4CAT CSV exports."""

from __future__ import annotations

import ast
import base64
import re
from typing import Any

from botwatch.errors import InputError
from botwatch.io._formats import DumpFormat, Parsed, register
from botwatch.io._youtube_x import parse_count

__all__ = ["safe_literal"]


def safe_literal(text: str) -> Any:
    """Read a Python repr of lists, dicts and ``datetime.datetime(...)`` without running code.

    facebook-scraper's CSV stores each post's comments as the repr of a list of dicts holding
    datetime objects, which JSON cannot read; ``eval`` would run whatever the cell contains.

    Examples
    --------
    >>> safe_literal("[{'t': datetime.datetime(2024, 3, 15, 12, 5), 'n': None}]")
    [{'t': '2024-03-15T12:05:00', 'n': None}]
    >>> safe_literal("__import__('os').system('echo no')")
    Traceback (most recent call last):
    ...
    ValueError: not a plain value: Call
    """

    def walk(node: ast.AST) -> Any:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, (ast.List, ast.Tuple)):
            return [walk(e) for e in node.elts]
        if isinstance(node, ast.Dict):
            return {walk(k): walk(v) for k, v in zip(node.keys, node.values, strict=True) if k is not None}
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            value = walk(node.operand)
            if isinstance(value, (int, float)):
                return -value
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "datetime"
            and not node.keywords
            and all(isinstance(a, ast.Constant) and isinstance(a.value, int) for a in node.args)
        ):
            parts = [a.value for a in node.args] + [0] * (6 - len(node.args))  # type: ignore[attr-defined]
            y, mo, d, h, mi, s = parts[:6]
            return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}"
        raise ValueError(f"not a plain value: {type(node).__name__}")

    return walk(ast.parse(text.strip(), mode="eval").body)


_PROFILE_ID = re.compile(r"[?&]id=(\d+)")
_PROFILE_SLUG = re.compile(r"facebook\.com/([A-Za-z0-9.]+)(?:[/?]|$)")


def _fb_account(comment: dict[str, Any]) -> str | None:
    if comment.get("commenter_id") not in (None, "", "None"):
        return str(comment["commenter_id"])
    url = str(comment.get("commenter_url") or "")
    m = _PROFILE_ID.search(url)
    if m:
        return m.group(1)
    m = _PROFILE_SLUG.search(url)
    return m.group(1) if m and m.group(1) != "profile.php" else None


def _fb_time_precision(value: Any) -> int:
    # facebook-scraper turns "Yesterday" or "March 15" into midnight: then only the day is known.
    return 86400 if str(value).endswith("00:00:00") else 3600


def _fb_posts(posts: list[Any], source: str, parsed: Parsed, record_of: Any) -> None:
    profiles: dict[str, dict[str, Any]] = {}
    for i, post in enumerate(posts):
        if not isinstance(post, dict):
            parsed.reject(source, record_of(i), "post is not an object", post)
            continue
        comments = post.get("comments_full")
        if isinstance(comments, str):
            try:
                comments = safe_literal(comments) if comments not in ("", "None", "[]") else []
            except (ValueError, SyntaxError, RecursionError, MemoryError) as exc:
                # Python's parser answers nesting it cannot hold with RecursionError or MemoryError.
                parsed.reject(
                    source, record_of(i), f"comments_full cannot be read ({exc})", comments, "comments_full"
                )
                continue
        page = post.get("user_id") or post.get("username")

        def add(c: Any, record: str, parent: str | None, page: Any = page, post: Any = post) -> None:
            if not isinstance(c, dict):
                parsed.reject(source, record, "comment is not an object", c)
                return
            account = _fb_account(c)
            parsed.comments.append(
                {
                    "platform": "facebook",
                    "page_id": None if page is None else str(page),
                    "post_id": None if post.get("post_id") is None else str(post["post_id"]),
                    "post_created_at": post.get("timestamp") or post.get("time"),
                    "comment_id": None if c.get("comment_id") is None else str(c["comment_id"]),
                    "parent_id": parent,
                    "account_id": account,
                    "account_handle": c.get("commenter_name"),
                    "created_at": c.get("comment_time"),
                    "time_precision_s": _fb_time_precision(c.get("comment_time")),
                    "text": c.get("comment_text") or "",
                    "like_count": parse_count(c.get("comment_reaction_count")),
                    "commenter_meta": c.get("commenter_meta"),
                    "_record": record,
                }
            )
            if account and account not in profiles:
                profiles[account] = {
                    "platform": "facebook",
                    "account_id": account,
                    "display_name": c.get("commenter_name"),
                    "_record": record,
                }

        for j, c in enumerate(comments or []):
            record = f"{record_of(i)}.comments_full[{j}]"
            add(c, record, None)
            replies = c.get("replies") if isinstance(c, dict) else None
            if isinstance(replies, str):
                parsed.notes.append(f"{record}: replies were not saved by the scraper ({replies[:30]})")
                continue
            for k, r in enumerate(replies or []):
                add(r, f"{record}.replies[{k}]", str(c.get("comment_id")))
    parsed.accounts.extend(profiles.values())
    parsed.notes.append("facebook-scraper times are local (see --tz) and often only to the day")


def _detect_fbscraper(doc: Any) -> bool:
    return (
        isinstance(doc, list)
        and len(doc) > 0
        and isinstance(doc[0], dict)
        and "post_id" in doc[0]
        and "comments_full" in doc[0]
    )


def _parse_fbscraper(doc: list[Any], source: str) -> Parsed:
    parsed = Parsed()
    _fb_posts(doc, source, parsed, lambda i: f"[{i}]")
    return parsed


register(
    DumpFormat(
        "facebook_scraper_json",
        "facebook",
        "json",
        _detect_fbscraper,
        _parse_fbscraper,
        "facebook-scraper post list (JSON) with comments_full",
    )
)


def _detect_fbscraper_csv(table: Any) -> bool:
    return {"post_id", "comments_full", "time"} <= set(table.columns)


def _parse_fbscraper_csv(table: Any, source: str) -> Parsed:
    parsed = Parsed()
    rows = table.to_dict("records")
    _fb_posts(rows, source, parsed, lambda i: int(rows[i]["_record"]))
    return parsed


register(
    DumpFormat(
        "facebook_scraper_csv",
        "facebook",
        "csv",
        _detect_fbscraper_csv,
        _parse_fbscraper_csv,
        "facebook-scraper CSV (comments_full as a Python repr)",
    )
)


def _detect_apify_fb(doc: Any) -> bool:
    return (
        isinstance(doc, list)
        and len(doc) > 0
        and isinstance(doc[0], dict)
        and {"facebookUrl", "profileName", "date"} <= set(doc[0])
    )


_FB_PAGE = re.compile(r"facebook\.com/([^/?#]+)")


def _apify_ids(item: dict[str, Any]) -> tuple[str | None, str | None]:
    """(comment id, parent id) from the base64 graph id ``comment:POST_COMMENT[_REPLY]``."""
    raw = str(item.get("id") or "")
    try:
        decoded = base64.b64decode(raw + "=" * (-len(raw) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return (raw or None), None
    parts = decoded.split(":", 1)[-1].split("_")
    if len(parts) >= 3:
        return parts[-1], parts[-2]
    return (parts[-1] if parts and parts[-1] else raw or None), None


def _parse_apify_fb(doc: list[Any], source: str) -> Parsed:
    parsed = Parsed()
    profiles: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(doc):
        if not isinstance(item, dict):
            parsed.reject(source, f"[{i}]", "item is not an object", item)
            continue
        comment_id, parent = _apify_ids(item)
        page = _FB_PAGE.search(str(item.get("facebookUrl") or item.get("inputUrl") or ""))
        account = item.get("profileId") or item.get("profileUrl")
        parsed.comments.append(
            {
                "platform": "facebook",
                "page_id": page.group(1) if page else None,
                "post_id": None if item.get("facebookId") is None else str(item["facebookId"]),
                "comment_id": comment_id,
                "parent_id": parent,
                "account_id": None if account is None else str(account),
                "account_handle": item.get("profileName"),
                "created_at": item.get("date"),
                "text": item.get("text") or "",
                "like_count": parse_count(item.get("likesCount")),
                "_record": f"[{i}]",
            }
        )
        if account and str(account) not in profiles:
            profiles[str(account)] = {
                "platform": "facebook",
                "account_id": str(account),
                "display_name": item.get("profileName"),
                "has_avatar": bool(item.get("profilePicture")) or None,
                "_record": f"[{i}]",
            }
    parsed.accounts = list(profiles.values())
    return parsed


register(
    DumpFormat(
        "apify_facebook",
        "facebook",
        "json",
        _detect_apify_fb,
        _parse_apify_fb,
        "Apify facebook-comments-scraper dataset items (JSON)",
    )
)


def _detect_4cat(table: Any) -> bool:
    return {"id", "thread_id", "author", "body", "timestamp"} <= set(table.columns)


def _parse_4cat(table: Any, source: str) -> Parsed:
    parsed = Parsed()
    cols = set(table.columns)
    is_vk = "item_type" in cols or "in_reply_to_comment_id" in cols
    platform = "vk" if is_vk else ("telegram" if "chat" in cols else "unknown")
    rows = table.to_dict("records")
    authors = {str(r.get("author")) for r in rows}
    if authors == {"REDACTED"}:
        raise InputError(
            "is an anonymised 4CAT dataset (every author is REDACTED): accounts cannot "
            "be told apart; export it pseudonymised instead",
            source=source,
        )
    by_id = {str(r.get("id")): r for r in rows}
    for r in rows:
        record = int(r["_record"])
        if is_vk and str(r.get("item_type", "comment")) == "post":
            continue  # the page's own post
        chat = r.get("chat") or r.get("thread_id")
        reply = r.get("in_reply_to_comment_id") if is_vk else r.get("reply_to")
        parent = None if reply in (None, "") else (f"{chat}-{reply}" if not is_vk and chat else str(reply))
        # Walk the reply chain inside the file to find the thread's root post.
        root, seen = parent, set()
        while root in by_id and root not in seen:
            seen.add(root)
            nxt = by_id[root].get("reply_to")
            if nxt in (None, ""):
                break
            root = f"{chat}-{nxt}" if chat else str(nxt)
        author = r.get("author_id") if is_vk and r.get("author_id") else r.get("author")
        if author == "REDACTED":
            parsed.reject(source, record, "author redacted in the export", author, "author")
            continue
        post = (
            root if root is not None and root not in by_id else (str(r.get("thread_id")) if is_vk else root)
        )
        parsed.comments.append(
            {
                "platform": platform,
                "page_id": None if chat is None else str(chat),
                "post_id": post,
                "comment_id": None if r.get("id") is None else str(r["id"]),
                "parent_id": parent if parent != post else None,
                "account_id": author,
                "account_handle": r.get("author_username") or r.get("author_screen_name"),
                "created_at": r.get("unix_timestamp") or r.get("timestamp"),
                "text": r.get("body") or "",
                "like_count": parse_count(r.get("likes")),
                "_record": record,
            }
        )
    if any(r.get("unix_timestamp") in (None, "") for r in rows):
        parsed.notes.append(
            "4CAT 'timestamp' is the server's local time; unix_timestamp was missing on some rows"
        )
    return parsed


register(
    DumpFormat(
        "4cat_csv",
        "telegram",
        "csv",
        _detect_4cat,
        _parse_4cat,
        "4CAT dataset CSV (Telegram and VK data sources, pseudonymised too)",
    )
)


def fix_mojibake(text: Any) -> Any:
    """Repair Meta's export encoding: UTF-8 bytes written as ``\\u00XX`` escapes.

    Examples
    --------
    >>> fix_mojibake("Ð¡Ð¿Ð°Ñ\x81Ð¸Ð±Ð¾")
    'Спасибо'
    >>> fix_mojibake("Спасибо")  # already right: left alone
    'Спасибо'
    """
    if not isinstance(text, str):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _detect_meta_export(doc: Any) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("comments_v2"), list)


def _parse_meta_export(doc: dict[str, Any], source: str) -> Parsed:
    parsed = Parsed()
    parsed.notes.append("a Meta 'Download your information' file holds only the comments its owner wrote")
    for i, item in enumerate(doc.get("comments_v2", [])):
        record = f"comments_v2[{i}]"
        data = (
            [d.get("comment") for d in item.get("data", []) if isinstance(d, dict)]
            if isinstance(item, dict)
            else []
        )
        comment = next((c for c in data if isinstance(c, dict)), None)
        if comment is None:
            parsed.reject(source, record, "entry has no comment", item)
            continue
        author = fix_mojibake(comment.get("author"))
        parsed.comments.append(
            {
                "platform": "facebook",
                "page_id": "unknown",
                "post_id": None,
                "comment_id": f"{author}:{comment.get('timestamp') or item.get('timestamp')}",
                "account_id": author,
                "created_at": comment.get("timestamp") or item.get("timestamp"),
                "text": fix_mojibake(comment.get("comment") or ""),
                "title": fix_mojibake(item.get("title")),
                "_record": record,
            }
        )
    return parsed


register(
    DumpFormat(
        "meta_export_comments",
        "facebook",
        "json",
        _detect_meta_export,
        _parse_meta_export,
        "Facebook 'Download your information' comments (mojibake repaired)",
    )
)
