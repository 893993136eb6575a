"""What botwatch computes for a comment dump: the stages' results, as the library returns them.

:class:`Analysis` holds the graph, the graph's clusters and the features (:func:`botwatch.analyze`);
:class:`ScoreResult` adds the scores, the published clusters and the evidence
(:func:`botwatch.score`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from botwatch.graph import AccountGraph
from botwatch.text import TextCodes

__all__ = ["Analysis", "ScoreResult"]


@dataclass
class Analysis:
    """What the graph, cluster and feature stages computed for one comment table."""

    comments: pd.DataFrame
    accounts: pd.DataFrame | None
    graph: AccountGraph
    labels: np.ndarray
    features: pd.DataFrame
    normalized: pd.Series
    observed: pd.DataFrame | None = None
    """The weighed shares as observed, with the comments they rest on (see
    :func:`botwatch.features.account_features`), for the reasons."""
    texts: TextCodes | None = None
    """The comments' texts as codes into their distinct values, raw and normalised, where they
    are those of ``comments``."""


@dataclass
class ScoreResult:
    """Scores, clusters and evidence for every account of a comment dump.

    Attributes
    ----------
    accounts : pandas.DataFrame
        One row per account: ``account_id``, ``platform``, ``handle``, ``bot_score``,
        ``is_suspect``, ``cluster_id``, ``n_comments``, ``n_posts``, ``n_pages``,
        ``first_comment_at``, ``last_comment_at``, ``reasons``, ``evidence`` (concrete
        examples: closest partner with shared posts and time gaps, most copied text, daily
        rhythm), ``unavailable``.
    clusters : pandas.DataFrame
        One row per published cluster of accounts acting together: the graph's clusters refined
        by the model's flags (:class:`botwatch.graph.ClusterRefiner`); only flagged members are
        published.
    edges : pandas.DataFrame
        The significant links between accounts, with their evidence, and the weak links that
        join suspects to their clusters (layers ``co_comment_suspects``,
        ``near_duplicate_suspects`` and ``similar_text_suspects``, uncorrected ``p_value``).
    rejected : pandas.DataFrame
        Input rows left out or changed, with the reason.
    features : pandas.DataFrame
        The model's input, one row per account.
    graph : AccountGraph
    threshold : float
    comments : pandas.DataFrame
        The validated comment table that was scored.
    normalized : pandas.Series
        Its texts normalised for comparison (see :func:`botwatch.text.normalize`).
    meta : dict
        Coverage and settings: rows read, time range, pages, zone assumed, model, window.
    posts : pandas.DataFrame
        Per post, the shares of comments and of praise written by suspects and by each cluster
        (:func:`botwatch.views.post_table`).
    pages : pandas.DataFrame
        The same per page, for the whole dump and per period (:func:`botwatch.views.page_table`).
    reason_terms : pandas.DataFrame
        The ``reasons`` of ``accounts`` as data, one row per reason: ``account_key`` (as
        :func:`botwatch.schema.account_keys` gives it), ``rank``, ``feature``, ``code`` (the
        message), ``numbers`` (what it states, a dict) and ``contribution`` (the model's term, in
        log-odds). ``botwatch.render_reasons(result.reason_terms, account_keys(result.accounts),
        lang)`` writes them in any language: the language changes the wording, never the content.
        Empty for a model without ``explain``, whose ``reasons`` name the features that weigh most.
    """

    accounts: pd.DataFrame
    clusters: pd.DataFrame
    edges: pd.DataFrame
    rejected: pd.DataFrame
    features: pd.DataFrame
    graph: AccountGraph
    threshold: float
    comments: pd.DataFrame
    normalized: pd.Series
    meta: dict[str, Any] = field(default_factory=dict)
    posts: pd.DataFrame = field(default_factory=pd.DataFrame)
    pages: pd.DataFrame = field(default_factory=pd.DataFrame)
    reason_terms: pd.DataFrame = field(default_factory=pd.DataFrame)
