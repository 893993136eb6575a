"""Write a simulated world in the shape a scraper writes, for walkthroughs and benchmarks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

__all__ = ["write_telethon"]


def write_telethon(comments: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write comments as Telethon ``Message`` JSON lines, as a channel's discussion group gives them.

    Each page becomes a channel's discussion group and each comment answers its post's copy in
    the group (``reply_to.reply_to_msg_id``); replies to other comments keep the post as their top
    message. As in a real export, the post's own time is not in the file, so botwatch reports the
    delay-after-post signals as unavailable. Account ids must be numeric, as Telegram's are.
    """
    path = Path(path)
    pages = {p: 1000 + i for i, p in enumerate(pd.unique(comments["page_id"]))}
    posts = {p: 10_000_000 + i for i, p in enumerate(pd.unique(comments["post_id"]))}
    ids = {c: 20_000_000 + i for i, c in enumerate(comments["comment_id"])}
    with path.open("w", encoding="utf-8") as fh:
        for row in comments.itertuples():
            post = posts[row.post_id]
            parent = ids.get(row.parent_id, post) if isinstance(row.parent_id, str) else post
            message = {
                "_": "Message",
                "id": ids[row.comment_id],
                "peer_id": {"_": "PeerChannel", "channel_id": pages[row.page_id]},
                "date": row.created_at.isoformat(),
                "message": row.text,
                "from_id": {"_": "PeerUser", "user_id": int(row.account_id)},
                "reply_to": {
                    "_": "MessageReplyHeader",
                    "reply_to_msg_id": parent,
                    "reply_to_top_id": None if parent == post else post,
                },
            }
            fh.write(json.dumps(message, ensure_ascii=False) + "\n")
    return path
