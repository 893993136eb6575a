"""Which links join which accounts: the graph's edges and weak links read once, by kind of trace.

:class:`LinkSet` holds the adjacency the clustering steps (:mod:`botwatch.graph._cluster`) read,
per kind of link and strength; the helpers here give the weak links that join a new cluster's
members and the posts where a linked pair met.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

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
    "LinkSet",
    "link_matrix",
    "link_posts",
    "links_among",
    "suspect_links",
]


@dataclass(frozen=True)
class LinkSet:
    """The links between accounts as the clustering steps read them: the 0/1 adjacency of each
    kind of link and strength, read once from an :class:`AccountGraph`.

    Each matrix is a symmetric ``scipy.sparse.csr_matrix`` of shape (n_accounts, n_accounts) in
    ``graph.accounts`` order, 1.0 for a linked pair however many links it has (but
    :attr:`votes`). *Edges* are the graph's edges and the links the refining steps added
    (:meth:`with_links`); *weak links* are ``graph.weak_links``. The matrices are shared between
    link sets and never changed in place.

    Attributes
    ----------
    significant_action : scipy.sparse.csr_matrix
        Edges of acting together (:data:`ACTION_LAYERS`).
    action : scipy.sparse.csr_matrix
        Meeting in time, one kind of trace: ``significant_action`` and the weak co-comment and
        co-post links.
    significant_text : scipy.sparse.csr_matrix
        Edges of shared texts (:data:`TEXT_LAYERS`).
    text : scipy.sparse.csr_matrix
        Shared texts, the other kind of trace: ``significant_text`` and the weak near-duplicate
        links.
    any_text : scipy.sparse.csr_matrix
        ``text`` and the weak links of similar texts.
    linked : scipy.sparse.csr_matrix
        Edges of any layer and weak links but those of similar texts.
    linked_similar : scipy.sparse.csr_matrix
        Edges of any layer and every weak link.
    weighted : scipy.sparse.csr_matrix
        The pairs whose edges' weights do not sum to zero (``graph.adjacency() != 0``).
    weak_links : pandas.DataFrame or None
        ``graph.weak_links``, for their p-values.
    strong_weak_links : pandas.DataFrame or None
        The weak links but those of similar texts (which only
        :func:`botwatch.graph.similar_text_clusters` reads): those that join suspects in
        :func:`botwatch.graph.suspect_clusters`.
    votes : scipy.sparse.csr_matrix
        ``weighted`` plus ``text``, 2.0 for a pair with both: the links by which a member outside
        the groups of a split cluster joins one of them.

    Examples
    --------
    >>> from botwatch.datasets import simulate
    >>> from botwatch.graph import account_graph
    >>> links = LinkSet.from_graph(account_graph(simulate(1).comments))
    >>> links.linked.shape == (links.n, links.n)
    True
    >>> bool((links.linked_similar - links.linked).min() >= 0)
    True
    """

    significant_action: sp.csr_matrix
    action: sp.csr_matrix
    significant_text: sp.csr_matrix
    text: sp.csr_matrix
    any_text: sp.csr_matrix
    linked: sp.csr_matrix
    linked_similar: sp.csr_matrix
    weighted: sp.csr_matrix
    weak_links: pd.DataFrame | None
    strong_weak_links: pd.DataFrame | None
    votes: sp.csr_matrix = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "votes", sp.csr_matrix(self.weighted + self.text))

    @property
    def n(self) -> int:
        """Number of accounts."""
        return int(self.linked.shape[0])

    @property
    def traces(self) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """The two kinds of trace: meeting in time (:attr:`action`) and shared texts (:attr:`text`)."""
        return self.action, self.text

    def any_links(self, *, similar: bool) -> sp.csr_matrix:
        """Edges of any layer and weak links, those of similar texts only where ``similar``."""
        return self.linked_similar if similar else self.linked

    @classmethod
    def from_graph(cls, graph: AccountGraph) -> LinkSet:
        """The links of ``graph``: its edges and its weak links."""
        n = len(graph.accounts)
        edges, weak = graph.edges, graph.weak_links
        strong_weak = None if weak is None else weak[weak["layer"] != "similar_text"]
        empty = sp.csr_matrix((n, n))

        def weak_pairs(layers: tuple[str, ...]) -> sp.csr_matrix:
            """The weak links of ``layers``."""
            return empty if weak is None else _pairs(weak[weak["layer"].isin(layers)], n)

        significant_action = _pairs(edges[edges["layer"].isin(ACTION_LAYERS)], n)
        significant_text = _pairs(edges[edges["layer"].isin(TEXT_LAYERS)], n)
        text = _union(significant_text, weak_pairs(("near_duplicate",)))
        linked = _union(_pairs(edges, n), empty if strong_weak is None else _pairs(strong_weak, n))
        similar = weak_pairs(("similar_text",))
        return cls(
            significant_action=significant_action,
            action=_union(significant_action, weak_pairs(("co_comment", "co_post"))),
            significant_text=significant_text,
            text=text,
            any_text=_union(text, similar),
            linked=linked,
            linked_similar=_union(linked, similar),
            weighted=_weighted(edges, n),
            weak_links=weak,
            strong_weak_links=strong_weak,
        )

    def with_links(self, links: pd.DataFrame) -> LinkSet:
        """The link set with ``links`` added as edges (rows in the columns of ``graph.edges``);
        only the new links are read."""
        if len(links) == 0:
            return self
        n = self.n
        every = _pairs(links, n)
        action = _pairs(links[links["layer"].isin(ACTION_LAYERS)], n)
        text = _pairs(links[links["layer"].isin(TEXT_LAYERS)], n)
        return replace(
            self,
            significant_action=_union(self.significant_action, action),
            action=_union(self.action, action),
            significant_text=_union(self.significant_text, text),
            text=_union(self.text, text),
            any_text=_union(self.any_text, text),
            linked=_union(self.linked, every),
            linked_similar=_union(self.linked_similar, every),
            weighted=_union(self.weighted, _weighted(links, n)),
        )


def _pairs(frame: pd.DataFrame, n: int) -> sp.csr_matrix:
    """0/1 adjacency of the pairs in the ``a`` and ``b`` columns of ``frame``."""
    return link_matrix(frame["a"].to_numpy(dtype=np.int64), frame["b"].to_numpy(dtype=np.int64), n)


def _union(x: sp.csr_matrix, y: sp.csr_matrix) -> sp.csr_matrix:
    """0/1 adjacency of the pairs linked in ``x`` or in ``y``."""
    if y.nnz == 0:
        return x
    out = sp.csr_matrix(x + y)
    out.data[:] = 1.0
    return out


def _weighted(frame: pd.DataFrame, n: int) -> sp.csr_matrix:
    """0/1 adjacency of the pairs whose links' weights in ``frame`` do not sum to zero."""
    w = frame["weight"].to_numpy(dtype=np.float64)
    a, b = frame["a"].to_numpy(dtype=np.int64), frame["b"].to_numpy(dtype=np.int64)
    summed = sp.coo_matrix((np.r_[w, w], (np.r_[a, b], np.r_[b, a])), shape=(n, n)).tocsr()
    return sp.csr_matrix((summed != 0).astype(np.float64))


def link_matrix(a: np.ndarray, b: np.ndarray, n: int) -> sp.csr_matrix:
    """Symmetric 0/1 adjacency of the pairs ``a``-``b``: a pair linked in several layers is one link."""
    links = sp.coo_matrix((np.ones(2 * len(a)), (np.r_[a, b], np.r_[b, a])), shape=(n, n)).tocsr()
    links.data[:] = 1.0
    return links


def links_among(adjacency: sp.csr_matrix, keep: np.ndarray) -> sp.csr_matrix:
    """The links of ``adjacency`` whose two accounts are both ``keep`` (boolean per account)."""
    coo = adjacency.tocoo()
    inside = keep[coo.row] & keep[coo.col]
    return sp.csr_matrix((coo.data[inside], (coo.row[inside], coo.col[inside])), shape=adjacency.shape)


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
