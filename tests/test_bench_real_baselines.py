"""The baselines that ``bench/real_baselines.py`` sets beside botwatch, on hand-made tables."""

import numpy as np
import pandas as pd
import pytest

from botwatch import metrics
from tests.conftest import bench_module


@pytest.fixture(scope="module")
def bench():
    return bench_module("real_baselines")


def _table(rows):
    frame = pd.DataFrame(rows, columns=["account_id", "seconds", "parent_id", "text"])
    return frame.assign(
        platform="vk",
        comment_id=[f"c{k}" for k in range(len(frame))],
        created_at=pd.Timestamp("2024-01-01", tz="UTC") + pd.to_timedelta(frame["seconds"], unit="s"),
    )


# a and b answer p1 together twice, c answers p1 much later, a and c answer p2 together once,
# d answers nothing.
SIX = _table(
    [
        ("a", 0, "p1", "Спасибо акимату!!!"),
        ("b", 30, "p1", "спасибо   акимату"),
        ("a", 100, "p1", "👍👍"),
        ("b", 150, "p1", "👍👍"),
        ("c", 5000, "p1", "Ничего не сделано"),
        ("c", 6000, "p2", ""),
    ]
)


def test_comment_volume_counts_rows_per_account(bench):
    assert metrics.comment_volume(SIX).to_dict() == {"a": 2.0, "b": 2.0, "c": 2.0}


def test_copied_share_matches_normalised_text_and_emoji_by_exact_text(bench):
    share = metrics.copied_text_share(SIX)
    # a's and b's texts are both shared with the other; c's one text is its own, its empty text
    # does not count.
    assert share.to_dict() == {"a": 1.0, "b": 1.0, "c": 0.0}


def test_copied_share_ignores_an_account_repeating_itself(bench):
    table = _table([("a", 0, None, "same words"), ("a", 10, None, "same words"), ("b", 20, None, "other")])
    assert metrics.copied_text_share(table).to_dict() == {"a": 0.0, "b": 0.0}


def test_co_reply_strength_is_the_heaviest_edge_within_the_window(bench):
    target = metrics.reply_target(SIX)
    assert metrics.co_action_strength(SIX, target, window_s=60).to_dict() == {"a": 2.0, "b": 2.0, "c": 0.0}
    # A wide enough window links c's late answer to p1 with both others.
    wide = metrics.co_action_strength(SIX, target, window_s=5000)
    assert wide.to_dict() == {"a": 2.0, "b": 2.0, "c": 1.0}


def test_edge_weight_counts_each_message_once_per_partner(bench):
    # b answers twice within the window of a's one answer: a's edge to b weighs 1, b's edge to a 2.
    table = _table([("a", 0, "p", ""), ("b", 10, "p", ""), ("b", 20, "p", ""), ("c", 30, "q", "")])
    strength = metrics.co_action_strength(table, table["parent_id"], window_s=60)
    assert strength.to_dict() == {"a": 1.0, "b": 2.0, "c": 0.0}


def test_window_is_inclusive_and_targets_do_not_leak_into_each_other(bench):
    table = _table([("a", 0, "p", ""), ("b", 60, "p", ""), ("c", 61, "q", ""), ("d", 121, "q", "")])
    strength = metrics.co_action_strength(table, table["parent_id"], window_s=60)
    assert strength.to_dict() == {"a": 1.0, "b": 1.0, "c": 1.0, "d": 1.0}
    narrow = metrics.co_action_strength(table, table["parent_id"], window_s=59)
    assert narrow.to_dict() == {"a": 0.0, "b": 0.0, "c": 0.0, "d": 0.0}


def test_no_targets_gives_zero_strength(bench):
    table = _table([("a", 0, None, "x"), ("b", 1, None, "x")])
    assert metrics.co_action_strength(table, metrics.reply_target(table)).to_dict() == {"a": 0.0, "b": 0.0}


def test_reply_target_prefers_the_parent_and_falls_back_to_the_post(bench):
    table = pd.DataFrame({"parent_id": ["c1", None, None], "post_id": ["p1", "p1", None]})
    target = metrics.reply_target(table)
    assert target.iloc[:2].tolist() == ["c:c1", "p:p1"] and pd.isna(target.iloc[2])


def test_recall_at_fpr_never_splits_ties(bench):
    y = np.array([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    # 19 negatives; one scores 5 (5.3 % of them), tied with a positive: that threshold flags too
    # many, so only the positive at 9 counts.
    s = np.array([9, 5, 0, 5] + [0] * 18, dtype=float)
    m = metrics.ranking_metrics(y, s)
    assert m["recall_at_fpr"] == pytest.approx(1 / 3) and m["fpr_reached"] == 0.0
    perfect = metrics.ranking_metrics(y, y.astype(float))
    assert perfect == pytest.approx({"roc_auc": 1.0, "ap": 1.0, "recall_at_fpr": 1.0, "fpr_reached": 0.0})


def test_metric_row_picks_the_best_applicable_baseline(bench):
    y = np.array([1, 1, 0, 0, 0])
    row = bench.metric_row(
        "toy",
        y,
        np.array([0.9, 0.5, 0.1, 0.2, 0.55]),
        {"volume": np.array([1, 0, 1, 0, 0.0]), "copied": np.array([1, 1, 0, 0, 0.0]), "co-reply": None},
    )
    assert row["n_pos"] == 2 and row["n_neg"] == 3
    assert row["best_baseline"] == "copied" and row["scores"]["co-reply"] is None
    assert row["botwatch_beats_best"] == {"roc_auc": False, "ap": False, "recall_at_fpr": False}
    assert row["neg_flagged_at_0.5"] == pytest.approx(1 / 3)
    table = bench.markdown_table([row], ["botwatch", "volume", "copied", "co-reply"])
    assert table.count("\n") == 2 and "| toy | 2 | 3 |" in table and "n/a" in table
