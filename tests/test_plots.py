"""Figures: each draws what the result holds, and write_plots saves them as PNG."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import botwatch
from botwatch.plots import PLOTS, plot_delays, plot_rhythm, plot_scores, plot_timeline, write_plots


@pytest.fixture(scope="module")
def result(tiny_world):
    return botwatch.score(tiny_world.comments, tiny_world.accounts)


def test_write_plots_saves_every_figure(result, tmp_path):
    paths = write_plots(result, tmp_path / "plots")
    assert set(paths) == set(PLOTS)
    for path in paths.values():
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_score_histogram_counts_every_account(result):
    ax = plot_scores(result)
    heights = [p.get_height() for p in ax.patches]
    assert sum(heights) == len(result.accounts)


def test_timeline_stacks_every_comment(result):
    ax = plot_timeline(result)
    assert sum(p.get_height() for p in ax.patches) == len(result.comments)


def test_rhythm_shares_sum_to_one(result):
    ax = plot_rhythm(result)
    for line in ax.get_lines():
        assert np.isclose(line.get_ydata().sum(), 1.0)


def test_delays_without_post_times_say_so(tiny_world):
    comments = tiny_world.comments.copy()
    comments["post_created_at"] = pd.Series(pd.NaT, index=comments.index, dtype=comments["created_at"].dtype)
    result = botwatch.score(comments, lang="ru")
    ax = plot_delays(result)
    assert "измерить нельзя" in " ".join(t.get_text() for t in ax.texts)
    assert not ax.patches  # no empty histogram frame
