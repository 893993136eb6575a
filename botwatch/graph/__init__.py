"""Co-engagement graph of accounts: significant co-comment, co-post, co-reply and near-duplicate links,
and the clusters of accounts that act together."""

from __future__ import annotations

from botwatch.graph._blocks import DenseBlockFinder, dense_blocks, peel_densest
from botwatch.graph._graph import (
    ACTION_LAYERS,
    AUTO_WINDOWS,
    DEFAULT_LAYERS,
    DEFAULT_WINDOW_S,
    LAYERS,
    SUSPECT_LAYER,
    SUSPECT_LAYERS,
    TEXT_LAYERS,
    AccountGraph,
    ClusterFinder,
    account_graph,
    account_keys,
    drop_outsiders,
    similar_text_clusters,
    split_by_action,
    split_by_text,
    split_clusters,
    suspect_clusters,
)
from botwatch.graph._layers import (
    LOCKSTEP_P,
    WEAK_LINK_P,
    co_comment_layer,
    co_post_layer,
    co_reply_layer,
    near_duplicate_layer,
)

__all__ = [
    "ACTION_LAYERS",
    "AUTO_WINDOWS",
    "DEFAULT_LAYERS",
    "DEFAULT_WINDOW_S",
    "LAYERS",
    "LOCKSTEP_P",
    "SUSPECT_LAYER",
    "SUSPECT_LAYERS",
    "TEXT_LAYERS",
    "WEAK_LINK_P",
    "AccountGraph",
    "ClusterFinder",
    "DenseBlockFinder",
    "account_graph",
    "account_keys",
    "co_comment_layer",
    "co_post_layer",
    "co_reply_layer",
    "dense_blocks",
    "drop_outsiders",
    "near_duplicate_layer",
    "peel_densest",
    "similar_text_clusters",
    "split_by_action",
    "split_by_text",
    "split_clusters",
    "suspect_clusters",
]
