"""The third world generator of ``bench/heldout`` and the bench that scores its worlds."""

import pandas as pd
import pytest

from botwatch.schema import validate_comments
from tests.conftest import bench_module


@pytest.fixture(scope="module")
def bench():
    return bench_module("heldout_generator")


def test_a_world_is_the_same_for_a_seed_and_reads_without_rejections(bench):
    make = bench._generator()
    comments, _, truth = make(3)
    again = make(3)
    pd.testing.assert_frame_equal(comments, again[0])
    pd.testing.assert_frame_equal(truth, again[2])
    checked = validate_comments(comments)
    assert len(checked.rejected) == 0 and len(checked.table) == len(comments)
    assert set(comments["account_id"].astype(str)) <= set(truth["account_id"].astype(str))
    assert truth["is_inauthentic"].any() and (~truth["is_inauthentic"]).any()


def test_summary_per_tactic_and_role(bench):
    scores = pd.DataFrame(
        {
            "is_inauthentic": [True, True, False, False, False],
            "tactic": ["x", "x", None, None, None],
            "role": ["farm", "farm", "genuine", "superfan", "genuine"],
            "bot_score": [0.9, 0.4, 0.6, 0.1, 0.2],
            "volume": [3.0, 2.0, 1.0, 1.0, 1.0],
            "copied": [0.0, 0.0, 0.0, 0.0, 0.0],
            "co_reply": [1.0, 1.0, 0.0, 0.0, 0.0],
        }
    )
    tactics, roles = bench.summarise(scores)
    row = tactics.set_index("tactic").loc["x"]
    assert row["accounts"] == 2 and row["flagged"] == 0.5
    assert row["volume"] == 1.0 and row["botwatch"] == pytest.approx(5 / 6)
    assert roles.loc["genuine", "accounts"] == 2 and roles.loc["genuine", "flagged"] == 1
