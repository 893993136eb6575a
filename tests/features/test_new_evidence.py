"""Graded evidence too weak for a link on its own: shared stock lines and weak co-post partners."""

from __future__ import annotations

import numpy as np
import pandas as pd

from botwatch.features import account_features
from botwatch.graph import account_graph
from botwatch.graph._layers import co_post_layer
from botwatch.schema import validate_comments


def _table(rows):
    t0 = pd.Timestamp("2025-03-03 06:00", tz="UTC")
    frame = pd.DataFrame(
        {
            "platform": "vk",
            "page_id": "akimat",
            "post_id": [r[1] for r in rows],
            "post_created_at": t0,
            "comment_id": [str(i) for i in range(len(rows))],
            "account_id": [r[0] for r in rows],
            "created_at": [t0 + pd.Timedelta(hours=i) for i in range(len(rows))],
            "text": [r[2] for r in rows],
        }
    )
    return validate_comments(frame).table


def test_a_rotation_of_lines_repeated_by_a_crew_counts_and_a_thanks_written_once_does_not():
    lines = ["молодцы", "рахмет әкімге", "так держать"]
    rows = [(f"crew{k}", f"p{i}", lines[i % 3]) for k in range(4) for i in range(6)]
    # Forty people thank once each, and one fan repeats a thanks nobody else repeats.
    rows += [(f"person{k}", f"p{k % 6}", "молодцы") for k in range(40)]
    rows += [("fan", f"p{i}", "спасибо за работу") for i in range(6)]
    X = account_features(_table(rows), prior_comments=0)
    assert (X.loc[[f"crew{k}" for k in range(4)], "shared_phrase_share"] == 1).all()
    assert (X.loc[[f"person{k}" for k in range(40)], "shared_phrase_share"] == 0).all()
    assert X.loc["fan", "shared_phrase_share"] == 0


def test_a_crew_working_one_selection_of_posts_gets_weak_co_post_partners():
    rng = np.random.default_rng(0)
    n_posts, crowd = 300, 400
    account, post = [], []
    # A crew of 12, each on its own 10 of the same 15 quiet posts.
    chosen = rng.choice(n_posts, 15, replace=False)
    for k in range(12):
        for p in rng.choice(chosen, 10, replace=False):
            account.append(k)
            post.append(p)
    # The crowd: each person on a few posts drawn by popularity, some very active.
    popularity = rng.pareto(1.2, n_posts) + 1
    for k in range(12, 12 + crowd):
        for p in set(rng.choice(n_posts, int(rng.integers(1, 30)), p=popularity / popularity.sum())):
            account.append(k)
            post.append(p)
    account, post = np.array(account), np.array(post)
    found = co_post_layer(account, post, np.zeros(len(post), dtype=np.int64), 12 + crowd, weak=True)
    counts = np.bincount(found.weak_pairs.ravel(), minlength=12 + crowd)
    # Pair by pair this is weak (a busy person passes p < 0.01 with a few others by chance), but
    # each crew member passes with most of the crew.
    assert np.median(counts[:12]) >= 8
    assert (counts[12:] >= counts[:12].min()).mean() <= 0.02


def test_the_graph_carries_weak_co_post_partners_only_when_the_layer_is_built():
    rows = [(f"a{k}", f"p{i}", "текст") for k in range(3) for i in range(5)]
    table = _table(rows)
    assert account_graph(table).co_post_weak_partners is not None
    assert account_graph(table, layers=("co_comment",)).co_post_weak_partners is None


def test_a_busy_post_of_regulars_is_judged_by_its_own_occasional_commenters():
    # Three posts, each drawing the same 200 regulars within ten minutes and five people once:
    # the post's own occasional commenters show how crowded it is, so the regulars' meetings
    # are chance, not links.
    rng = np.random.default_rng(0)
    rows = []
    t0 = pd.Timestamp("2025-03-03 06:00", tz="UTC")
    for p in range(3):
        start = t0 + pd.Timedelta(days=p)
        for k in range(200):
            rows.append((f"r{k}", f"p{p}", start + pd.Timedelta(seconds=float(rng.uniform(0, 600)))))
        for k in range(5):
            rows.append((f"c{p}_{k}", f"p{p}", start + pd.Timedelta(seconds=float(rng.uniform(0, 600)))))
    frame = pd.DataFrame(rows, columns=["account_id", "post_id", "created_at"]).assign(
        platform="vk", page_id="akimat", post_created_at=t0, text="текст"
    )
    frame["comment_id"] = [str(i) for i in range(len(frame))]
    graph = account_graph(validate_comments(frame).table, layers=("co_comment",))
    assert len(graph.edges) == 0
