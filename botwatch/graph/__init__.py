"""Co-engagement graph of accounts: significant co-comment, co-post, co-reply and near-duplicate links,
and the clusters of accounts that act together."""

from __future__ import annotations

from botwatch.graph._blocks import DenseBlockFinder, dense_blocks, peel_densest
from botwatch.graph._cluster import (
    ClusterFinder,
    drop_outsiders,
    similar_text_clusters,
    split_by_action,
    split_by_registration,
    split_by_text,
    split_clusters,
    suspect_clusters,
)
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
    account_graph,
)
from botwatch.graph._layers import (
    LOCKSTEP_P,
    WEAK_LINK_P,
    LayerResult,
    co_comment_layer,
    co_post_layer,
    co_reply_layer,
    near_duplicate_layer,
)
from botwatch.graph._links import LinkSet
from botwatch.graph._refine import (
    ClusterRefiner,
    ClusterState,
    DropOutsiders,
    JoinSuspects,
    KeepFlagged,
    RefineStep,
    SimilarTextClusters,
    SplitByRegistration,
    SplitClusters,
)
from botwatch.schema import account_keys, account_table_keys

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
    "ClusterRefiner",
    "ClusterState",
    "DenseBlockFinder",
    "DropOutsiders",
    "JoinSuspects",
    "KeepFlagged",
    "LayerResult",
    "LinkSet",
    "RefineStep",
    "SimilarTextClusters",
    "SplitByRegistration",
    "SplitClusters",
    "account_graph",
    "account_keys",
    "account_table_keys",
    "co_comment_layer",
    "co_post_layer",
    "co_reply_layer",
    "dense_blocks",
    "drop_outsiders",
    "near_duplicate_layer",
    "peel_densest",
    "similar_text_clusters",
    "split_by_action",
    "split_by_registration",
    "split_by_text",
    "split_clusters",
    "suspect_clusters",
]
