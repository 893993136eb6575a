"""Instagram (instaloader, Apify comment scraper) and VK (wall.getComments) dumps."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from botwatch.io._formats import DumpFormat, Parsed, register

__all__: list[str] = []

_IG_DEFAULT_AVATAR = "YW5vbnltb3VzX3Byb2ZpbGVfcGlj"  # base64 of "anonymous_profile_pic"
_IG_POST_FROM_NAME = re.compile(r"(\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d_UTC)")


def _ig_owner(owner: Any) -> dict[str, Any]:
    if not isinstance(owner, dict):
        return {}
    iphone: dict[str, Any] = owner["iphone_struct"] if isinstance(owner.get("iphone_struct"), dict) else {}
    pic = owner.get("profile_pic_url") or owner.get("profile_pic_url_hd") or iphone.get("profile_pic_url")
    verified = owner.get("is_verified", iphone.get("is_verified"))
    return {
        "account_id": None if owner.get("id") is None else str(owner.get("id")),
        "handle": owner.get("username") or iphone.get("username"),
        "display_name": owner.get("full_name") or iphone.get("full_name") or None,
        "is_verified": verified,
        "has_avatar": None if pic is None else _IG_DEFAULT_AVATAR not in str(pic),
    }


def _detect_instaloader(doc: Any) -> bool:
    return (
        isinstance(doc, list)
        and len(doc) > 0
        and isinstance(doc[0], dict)
        and {"id", "created_at", "owner", "text"} <= set(doc[0])
        and "answers" in doc[0]
    )


def _parse_instaloader(doc: list[Any], source: str) -> Parsed:
    parsed = Parsed()
    # The file has no post id: the post is the file's name (the post's UTC time), as instaloader
    # names its sibling files.
    name = Path(source.split("!")[-1]).name
    match = _IG_POST_FROM_NAME.search(name)
    post = match.group(1) if match else name.split("_comments")[0]
    post_time = None
    if match:
        d, t = match.group(1)[:-4].split("_")
        post_time = f"{d}T{t.replace('-', ':')}Z"
    else:
        parsed.notes.append(f"{name}: no post time in the file name")
    profiles: dict[str, dict[str, Any]] = {}

    def add(item: Any, record: str, parent: str | None) -> None:
        if not isinstance(item, dict):
            parsed.reject(source, record, "comment is not a JSON object", item)
            return
        owner = _ig_owner(item.get("owner"))
        parsed.comments.append(
            {
                "platform": "instagram",
                "page_id": "unknown",
                "post_id": post,
                "post_created_at": post_time,
                "comment_id": None if item.get("id") is None else str(item.get("id")),
                "parent_id": parent,
                "account_id": owner.get("account_id"),
                "account_handle": owner.get("handle"),
                "created_at": item.get("created_at"),
                "text": item.get("text") or "",
                "like_count": item.get("likes_count"),
                "_record": record,
            }
        )
        if owner.get("account_id") and owner["account_id"] not in profiles:
            profiles[owner["account_id"]] = {"platform": "instagram", **owner, "_record": record}

    for i, item in enumerate(doc):
        add(item, f"[{i}]", None)
        if isinstance(item, dict):
            for j, answer in enumerate(item.get("answers") or []):
                add(answer, f"[{i}].answers[{j}]", None if item.get("id") is None else str(item["id"]))
    parsed.accounts = list(profiles.values())
    parsed.notes.append("instaloader files do not name the page: page_id is 'unknown'")
    return parsed


register(
    DumpFormat(
        "instaloader",
        "instagram",
        "json",
        _detect_instaloader,
        _parse_instaloader,
        "instaloader {post time}_UTC_comments.json (post taken from the file name)",
    )
)


def _detect_apify_ig(doc: Any) -> bool:
    return (
        isinstance(doc, list)
        and len(doc) > 0
        and isinstance(doc[0], dict)
        and {"postUrl", "ownerUsername", "timestamp"} <= set(doc[0])
    )


_IG_SHORTCODE = re.compile(r"/(?:p|reel|tv)/([^/?#]+)")


def _parse_apify_ig(doc: list[Any], source: str) -> Parsed:
    parsed = Parsed()
    profiles: dict[str, dict[str, Any]] = {}

    def add(item: Any, record: str, parent: str | None, post: str | None) -> None:
        if not isinstance(item, dict):
            parsed.reject(source, record, "item is not a JSON object", item)
            return
        owner = _ig_owner(
            item.get("owner")
            or {"username": item.get("ownerUsername"), "profile_pic_url": item.get("ownerProfilePicUrl")}
        )
        account = owner.get("account_id") or item.get("ownerUsername")
        parsed.comments.append(
            {
                "platform": "instagram",
                "page_id": "unknown",
                "post_id": post,
                "comment_id": None if item.get("id") is None else str(item["id"]),
                "parent_id": parent,
                "account_id": account,
                "account_handle": owner.get("handle") or item.get("ownerUsername"),
                "created_at": item.get("timestamp"),
                "text": item.get("text") or "",
                "like_count": item.get("likesCount"),
                "_record": record,
            }
        )
        if account and account not in profiles:
            profiles[account] = {"platform": "instagram", **owner, "account_id": account, "_record": record}

    for i, item in enumerate(doc):
        post = None
        if isinstance(item, dict):
            m = _IG_SHORTCODE.search(str(item.get("postUrl", "")))
            post = m.group(1) if m else item.get("postUrl")
        add(item, f"[{i}]", None, post)
        if isinstance(item, dict):
            for j, reply in enumerate(item.get("replies") or []):
                add(reply, f"[{i}].replies[{j}]", str(item.get("id")), post)
    parsed.accounts = list(profiles.values())
    return parsed


register(
    DumpFormat(
        "apify_instagram",
        "instagram",
        "json",
        _detect_apify_ig,
        _parse_apify_ig,
        "Apify instagram-comment-scraper dataset items (JSON)",
    )
)


_VK_DEFAULT_AVATARS = ("camera_50", "deactivated_50", "community_50", "/images/camera", "deactivated_")


def _vk_response(doc: Any) -> dict[str, Any] | None:
    if isinstance(doc, dict) and isinstance(doc.get("response"), dict):
        doc = doc["response"]
    if isinstance(doc, dict) and isinstance(doc.get("items"), list):
        items = doc["items"]
        if not items or (isinstance(items[0], dict) and {"from_id", "date"} <= set(items[0])):
            return doc
    return None


def _detect_vk(doc: Any) -> bool:
    return _vk_response(doc) is not None


_VK_MENTION = re.compile(r"\[(id|club|public|event)(\d+)\|([^\[\]|]*)\]")
"""VK's markup of a mention, ``[id123|Name]`` or ``[club45|Name]``: the reader sees the name."""


def vk_mentions(text: str) -> tuple[str, str | None]:
    """The text as VK shows it (each mention's name), and the mentioned ids, ``;``-joined.

    Examples
    --------
    >>> vk_mentions("[id700|Айгерим], рахмет! [club12|Акимат] ответит")
    ('Айгерим, рахмет! Акимат ответит', 'id700;club12')
    >>> vk_mentions("без упоминаний")
    ('без упоминаний', None)
    """
    if "[" not in text:
        return text, None
    found = _VK_MENTION.findall(text)
    if not found:
        return text, None
    return _VK_MENTION.sub(lambda m: m.group(3), text), ";".join(kind + num for kind, num, _ in found)


def _parse_vk(doc: Any, source: str) -> Parsed:
    parsed = Parsed()
    resp = _vk_response(doc) or {}
    profiles = {p["id"]: p for p in resp.get("profiles", []) if isinstance(p, dict) and "id" in p}
    groups = {g["id"]: g for g in resp.get("groups", []) if isinstance(g, dict) and "id" in g}
    seen_accounts: dict[str, dict[str, Any]] = {}

    def account_row(from_id: int, record: str) -> None:
        key = str(from_id)
        if key in seen_accounts:
            return
        if from_id > 0 and from_id in profiles:
            p = profiles[from_id]
            photo = p.get("photo_50") or p.get("photo_100")
            seen_accounts[key] = {
                "platform": "vk",
                "account_id": key,
                "handle": p.get("screen_name"),
                "display_name": " ".join(x for x in (p.get("first_name"), p.get("last_name")) if x),
                "followers_count": p.get("followers_count"),
                "has_avatar": None if photo is None else not any(d in photo for d in _VK_DEFAULT_AVATARS),
                "is_verified": bool(p.get("verified")) if "verified" in p else None,
                "_record": record,
            }
        elif from_id < 0 and -from_id in groups:
            g = groups[-from_id]
            seen_accounts[key] = {
                "platform": "vk",
                "account_id": key,
                "handle": g.get("screen_name"),
                "display_name": g.get("name"),
                "is_verified": bool(g.get("verified")) if "verified" in g else None,
                "_record": record,
            }

    def add(item: Any, record: str) -> None:
        if not isinstance(item, dict):
            parsed.reject(source, record, "comment is not a JSON object", item)
            return
        if item.get("deleted"):
            parsed.reject(
                source, record, "deleted comment (no author or text left)", item.get("id"), "deleted"
            )
            return
        from_id = item.get("from_id")
        parents = item.get("parents_stack") or []
        owner = item.get("owner_id")
        text, mentions = vk_mentions(str(item.get("text") or ""))
        parsed.comments.append(
            {
                "platform": "vk",
                "page_id": None if owner is None else str(owner),
                "post_id": None if item.get("post_id") is None else str(item["post_id"]),
                "comment_id": None if item.get("id") is None else str(item["id"]),
                "parent_id": (
                    str(item["reply_to_comment"])
                    if item.get("reply_to_comment")
                    else (str(parents[-1]) if parents else None)
                ),
                "account_id": None if from_id in (None, 0) else str(from_id),
                "account_handle": (profiles.get(from_id) or groups.get(-from_id) or {}).get("screen_name")
                if isinstance(from_id, int)
                else None,
                "created_at": item.get("date"),
                "text": text,
                "mentions": mentions,
                "like_count": (item.get("likes") or {}).get("count"),
                "is_community": isinstance(from_id, int) and from_id < 0,
                "_record": record,
            }
        )
        if isinstance(from_id, int) and from_id != 0:
            account_row(from_id, record)

    for i, item in enumerate(resp.get("items", [])):
        add(item, f"items[{i}]")
        thread = item.get("thread") if isinstance(item, dict) else None
        if isinstance(thread, dict):
            for j, sub in enumerate(thread.get("items") or []):
                add(sub, f"items[{i}].thread.items[{j}]")
            shown = len(thread.get("items") or [])
            if int(thread.get("count") or 0) > shown:
                parsed.notes.append(
                    f"items[{i}]: thread has {thread.get('count')} replies, the "
                    f"dump holds {shown} (fetch the rest with comment_id=)"
                )
    parsed.accounts = list(seen_accounts.values())
    return parsed


register(
    DumpFormat(
        "vk_api",
        "vk",
        "json",
        _detect_vk,
        _parse_vk,
        "VK wall.getComments response (extended=1), wrapped in 'response' or not",
    )
)
