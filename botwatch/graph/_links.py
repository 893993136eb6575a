"""Which links join which accounts: the graph's edges and weak links read by kind of trace.

Helpers of the clustering steps (:mod:`botwatch.graph._cluster`): adjacency of the pairs of a set
of links, the links of acting together and of shared texts, the weak links that join a new
cluster's members, and the posts where a linked pair met.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from botwatch.graph._graph import (
    ACTION_LAYERS,
    LABEL_SEP,
    SUSPECT_LAYERS,
    TEXT_LAYERS,
    AccountGraph,
    co_comment_posts,
    post_labels,
)
from botwatch.graph._layers import link_weight
from botwatch.schema import account_keys

__all__ = [
    "any_links",
    "link_frames",
    "link_matrix",
    "link_posts",
    "pair_matrix",
    "strong_weak_links",
    "suspect_links",
    "text_frames",
    "trace_frames",
    "weak_link_frames",
]


def trace_frames(graph: AccountGraph) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    """The links of acting together (:data:`ACTION_LAYERS`, then weak co-comment or co-post links)
    and of shared texts (near-duplicates, weak ones included): the two kinds of trace. The first
    frame of each is the significant one."""
    action = [
        graph.edges.loc[graph.edges["layer"].isin(ACTION_LAYERS)],
        *weak_link_frames(graph, ("co_comment", "co_post")),
    ]
    strong_texts, weak_texts = text_frames(graph)
    return action, strong_texts + weak_texts


def link_matrix(a: np.ndarray, b: np.ndarray, n: int) -> sp.csr_matrix:
    """Symmetric 0/1 adjacency of the pairs ``a``-``b``: a pair linked in several layers is one link."""
    links = sp.coo_matrix((np.ones(2 * len(a)), (np.r_[a, b], np.r_[b, a])), shape=(n, n)).tocsr()
    links.data[:] = 1.0
    return links


def link_frames(graph: AccountGraph, *, similar: bool) -> list[pd.DataFrame]:
    """The graph's edges and its weak links, those of similar texts only where ``similar``."""
    weak = graph.weak_links if similar else strong_weak_links(graph)
    return [graph.edges] + ([] if weak is None else [weak])


def strong_weak_links(graph: AccountGraph) -> pd.DataFrame | None:
    """The weak links but those of similar texts, which only :func:`similar_text_clusters` reads."""
    weak = graph.weak_links
    if weak is None:
        return None
    return weak[weak["layer"] != "similar_text"]


def suspect_links(
    comments: pd.DataFrame, graph: AccountGraph, weak: pd.DataFrame, out: np.ndarray, joined: np.ndarray
) -> pd.DataFrame:
    """The weak links that join a new cluster's members (``joined``) to their cluster, beside
    significant edges, in the columns of ``graph.edges`` with the layers of :data:`SUSPECT_LAYERS`."""
    a, b = weak["a"].to_numpy(dtype=np.int64), weak["b"].to_numpy(dtype=np.int64)
    links = weak[(out[a] >= 0) & (out[a] == out[b]) & (joined[a] | joined[b])]
    known = pd.MultiIndex.from_frame(graph.edges[["a", "b", "layer"]])
    links = links[~pd.MultiIndex.from_frame(links[["a", "b", "layer"]]).isin(known)]
    links = links.assign(weight=link_weight(links["p_value"].to_numpy())).reset_index(drop=True)
    timed = (links["layer"] == "co_comment").to_numpy()
    links["layer"] = links["layer"].map(SUSPECT_LAYERS)
    links["source"] = graph.accounts[links["a"].to_numpy(dtype=np.int64)]
    links["target"] = graph.accounts[links["b"].to_numpy(dtype=np.int64)]
    posts = np.full(len(links), "", dtype=object)
    posts[timed] = link_posts(comments, graph, links[timed])
    links["posts"] = posts
    return links[graph.edges.columns]


def pair_matrix(frames: list[pd.DataFrame], n: int) -> sp.csr_matrix:
    """0/1 adjacency of the pairs in the ``a`` and ``b`` columns of ``frames``."""
    pairs = pd.concat([f[["a", "b"]] for f in frames]).to_numpy(dtype=np.int64)
    return link_matrix(pairs[:, 0], pairs[:, 1], n)


def weak_link_frames(graph: AccountGraph, layers: tuple[str, ...]) -> list[pd.DataFrame]:
    weak = graph.weak_links
    if weak is None or len(weak) == 0:
        return []
    return [weak[weak["layer"].isin(layers)]]


def text_frames(graph: AccountGraph) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    """The significant shared-text links (:data:`TEXT_LAYERS`) and the weak near-duplicate ones."""
    return [graph.edges.loc[graph.edges["layer"].isin(TEXT_LAYERS)]], weak_link_frames(
        graph, ("near_duplicate",)
    )


def any_links(graph: AccountGraph, text: sp.csr_matrix) -> sp.csr_matrix:
    """0/1 links of any layer: the graph's edges and the shared texts ``text`` (weak ones too)."""
    return sp.csr_matrix((graph.adjacency() != 0).astype(np.float64) + (text != 0))


def link_posts(comments: pd.DataFrame, graph: AccountGraph, links: pd.DataFrame) -> list[str]:
    """The posts where each linked pair commented within the graph's window (first comments)."""
    if len(links) == 0:
        return []
    code = graph.accounts.get_indexer(account_keys(comments))
    members = np.unique(np.r_[links["a"].to_numpy(), links["b"].to_numpy()])
    rows = (
        np.isin(code, members)
        & comments["post_id"].notna().to_numpy()
        & (comments["time_precision_s"].to_numpy() <= graph.window_s / 2)
    )
    sub = comments[rows]
    post, first_of = pd.factorize(post_labels(sub), sort=True)
    names = np.asarray([k.rsplit(LABEL_SEP, 1)[-1] for k in first_of], dtype=object)
    timed = pd.DataFrame(
        {
            "acc": code[rows],
            "post": post,
            "t": sub["created_at"].to_numpy(dtype="datetime64[ns]").astype(np.int64) / 1e9,
        }
    )
    timed = timed.sort_values(["acc", "post", "t"], kind="stable").drop_duplicates(["acc", "post"])
    return co_comment_posts(
        timed, links.assign(layer="co_comment"), len(graph.accounts), graph.window_s, names
    )
