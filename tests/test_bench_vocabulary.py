"""``bench/real_vocabulary.py``: pairs of active commenters and the texts they share, counted by
hand on a small table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from botwatch.schema import validate_comments
from tests.conftest import bench_module


def _table(rows):
    return validate_comments(
        pd.DataFrame(
            {
                "platform": "vk",
                "page_id": [r[0] for r in rows],
                "post_id": "p1",
                "comment_id": [f"c{i}" for i in range(len(rows))],
                "account_id": [r[1] for r in rows],
                "created_at": pd.Timestamp("2024-05-01", tz="UTC")
                + pd.to_timedelta(np.arange(len(rows)), "min"),
                "text": [r[2] for r in rows],
            }
        )
    ).table


def test_pairs_share_texts_page_by_page():
    shared_texts = bench_module("real_vocabulary").shared_texts
    rows = [
        ("A", "x", "Рахмет!"),
        ("A", "x", "Жол жөндеу қашан басталады деп сұрағым келеді, бізде әлі ештеңе жоқ"),
        ("A", "y", "рахмет"),
        ("A", "y", "Жол жөндеу қашан басталады деп сұрағым келеді, бізде әлі ештеңе жоқ!!"),
        ("A", "z", "Молодцы"),
        ("A", "z", "Другое"),
        ("B", "x", "Молодцы"),
        ("B", "z", "Молодцы"),
        ("A", "w", "Рахмет"),  # one comment: below min_comments, left out
    ]
    found = shared_texts(_table(rows), min_comments=2)
    # x, y, z have two comments or more; on page A they form 3 pairs: x-y share two texts (one
    # short), x-z and y-z none. Page B holds only x and z after the count: one pair, one text.
    assert found["accounts"] == 3
    assert found["pairs"] == 4
    assert found["all >= 1"] == pytest.approx(2 / 4)
    assert found["all >= 2"] == pytest.approx(1 / 4)
    assert found["all >= 3"] == 0
    # Short texts: on A, x, y and z each wrote one, and only x-y share it; on B, x and z share one.
    assert found["short >= 1"] == pytest.approx(2 / 4)
    assert found["short >= 2"] == 0
    # Distinct texts: рахмет (x, y), the long question (x, y), молодцы (z, x), другое (z).
    assert found["texts by 2+"] == pytest.approx(3 / 4)
