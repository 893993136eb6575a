"""Real public data beside the checkout (../shared/data); skipped cleanly where it is absent."""

from __future__ import annotations

import pytest

import botwatch
from botwatch.io import read_comments
from tests.conftest import SHARED_DATA, needs_shared

VK = SHARED_DATA / "vk-mkwm2022-state-media-comments" / "mkwm2022_comments_available25media.csv.gz"
VK_MAP = [
    "comment_id=@line",
    "account_id=user_id_hashed",
    "created_at=datetime",
    "page_id=media",
    "text=text",
]


@pytest.fixture(scope="module")
def vk():
    if not VK.exists():
        pytest.skip("VK state-media comments are not in ../shared/data")
    return read_comments(VK, mapping=VK_MAP, platform="vk", tz="Europe/Moscow")


@needs_shared
def test_vk_dump_reads_completely(vk):
    # SOURCE.txt: 91,303 comments by 22,031 hashed users on 25 media pages.
    assert len(vk.table) == 91_303
    assert len(vk.rejected) == 0
    assert vk.table["account_id"].nunique() == 22_031
    assert vk.table["page_id"].nunique() == 25
    assert vk.assumed_tz == "Europe/Moscow"


@needs_shared
def test_vk_real_commenters_are_not_flagged_wholesale(vk):
    # No labels here: a guard against simulator shortcuts (arguing, roaming, long praise) that
    # once flagged 1-3 % of these real commenters on content style alone.
    result = botwatch.score(vk.table, tz="Europe/Moscow")
    acc = result.accounts
    assert len(acc) == 22_031
    assert acc["bot_score"].between(0, 1).all()
    assert acc["is_suspect"].mean() < 0.01
    assert acc.loc[acc["is_suspect"], "reasons"].str.len().gt(0).all()
    # Without post ids or profiles, the dump cannot support those signals, and says so.
    assert acc["unavailable"].str.contains("profile data").all()
