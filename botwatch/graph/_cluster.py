"""Clusters of accounts that act together.

:class:`ClusterFinder` groups the accounts joined by significant links before the model; the
functions here refine those clusters once the model has flagged accounts, each as one step of a
:class:`botwatch.graph.ClusterRefiner` (:mod:`botwatch.graph._refine`).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from numpy.typing import ArrayLike
from scipy.sparse.csgraph import connected_components
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.utils import check_random_state

from botwatch.graph._graph import (
    AccountGraph,
)
from botwatch.graph._layers import link_weight
from botwatch.graph._links import LinkSet, links_among, suspect_links

__all__ = [
    "TRACE_HOLDS",
    "TRACE_TIGHT",
    "ClusterFinder",
    "drop_outsiders",
    "similar_text_clusters",
    "split_by_action",
    "split_by_registration",
    "split_by_text",
    "split_clusters",
    "suspect_clusters",
]


def suspect_clusters(
    comments: pd.DataFrame,
    graph: AccountGraph,
    labels: np.ndarray,
    suspect: np.ndarray,
    *,
    join_ratio: float = 0.9,
    trace_join_ratio: float = 0.7,
    min_link_share: float = 0.1,
    attach_ratio: float = 0.3,
    random_state: int | np.random.RandomState | None = 0,
    link_set: LinkSet | None = None,
) -> tuple[np.ndarray, pd.DataFrame]:
    """Clusters of flagged accounts that no significant link joins, from the graph's weak links.

    A farm that strikes only a few selected posts meets each of its members too rarely for a link
    that survives the false-discovery correction over every pair of a dump. Among accounts the
    classifier already flags, the question is only which of them act together, so a weaker test
    is enough: two flagged accounts outside any cluster are joined by their co-comment or
    near-duplicate link at an uncorrected p below :data:`botwatch.graph.WEAK_LINK_P`
    (``graph.weak_links``; the weights of a pair linked both ways add up), and the
    :class:`ClusterFinder` rules apply, with one looser share (each member linked to two others at
    least, and to a tenth of the cluster rather than a fifth: ``min_link_share``). A quiet member
    of a farm that strikes selected posts meets few of its partners on any of them, and only
    flagged accounts are candidates here, so a looser share adds the farm's quieter members without
    opening the cluster to the crowd. Such a cluster rests on the scores as well as on the links:
    it says which suspects act together, not that they are inauthentic.

    A farm's busiest members can meet often enough for significant links while its quieter ones
    are found only here, and a loose farm can fall into several such clusters. A new cluster
    therefore joins another cluster (new or not) when the links between them, significant or weak,
    any layer, are nearly as dense as the links inside the two, pooled (``join_ratio``): two parts
    of one group are linked across about as densely as within, while two farms working the same
    posts are linked across less (the default would rather leave a farm in two clusters than
    join two farms). The best-linked pair joins first, one join at a time, and the joined cluster keeps the
    same rules (members linked to fewer than two others, or to less than ``min_link_share`` of it,
    are left out). Significant clusters are never joined to each other.

    A new cluster also joins another at a looser ratio (``trace_join_ratio``) when every kind of
    trace that holds either of the two (meeting in time, :data:`ACTION_LAYERS` and weak co-comment
    or co-post links; shared texts, near-duplicates weak ones included; a kind holds a cluster
    when it links the average member to a fifth of it or more) links them across at least half as
    densely as inside, pooled. A loose farm's parts, quieter members found among suspects and its
    busier ones, are linked across by the farm's own trace. Two farms working the same posts are
    mostly linked across by one trace while another that holds one of them links them little: a
    praise crew meets a crew held together by its texts in time but shares few of its texts. Two
    crews writing from one stock of attacks can still pass.

    A flagged account left in no cluster after that, linked to members of one cluster but to too
    few other free suspects to make a cluster of its own, joins that cluster (attach) when its
    links to it, significant or weak, any layer, reach ``attach_ratio`` of the links the
    cluster's average member has inside it; when every other cluster gets less than half that
    share of it; and when it is linked by the kind of trace that holds the cluster: where the
    members' co-action links (:data:`ACTION_LAYERS`, weak ones included) or their shared texts
    (near-duplicates, weak ones included) link the average member to a fifth of the cluster or
    more, the account's links of that kind must reach ``attach_ratio`` of that share too. A
    crew's member that writes the crew's texts but met no one in time joins it; an account that
    only happened to comment in the same minutes as a crew that is held together by its texts
    does not. At least two links are needed. Attack crews writing from the same stock of lines
    can take each other's stragglers this way.

    Parameters
    ----------
    comments : pandas.DataFrame
        The comment table the graph was built from (for the posts behind each link).
    graph : AccountGraph
    labels : ndarray of int, shape (n_accounts,)
        Clusters from the significant graph, ``-1`` for none, in ``graph.accounts`` order.
    suspect : ndarray of bool, shape (n_accounts,)
        Flagged accounts, in ``graph.accounts`` order.
    join_ratio : float, default 0.9
        Density of the links between a new cluster and another, as a share of the pooled density
        inside them, from which the two are one cluster; above the largest ratio seen (say 10),
        new clusters join nothing (but by ``trace_join_ratio``).
    trace_join_ratio : float, default 0.7
        The looser ratio from which a new cluster joins another when every kind of trace that
        holds either links them across at least half as densely as inside; ``np.inf`` turns it
        off.
    min_link_share : float, default 0.1
        Least share of its cluster a member of a new or joined cluster is linked to (the
        ``min_link_share`` of :class:`ClusterFinder`, whose default, 0.2, rules the significant
        graph).
    attach_ratio : float, default 0.3
        Share of the average member's links inside a cluster (overall, and of each kind of trace
        that holds it) that a flagged account left out must have with the cluster to join it;
        above 1 few accounts join, and ``np.inf`` turns attaching off.
    random_state : int, RandomState instance or None, default 0
        Seed of :class:`ClusterFinder`.
    link_set : LinkSet, optional
        The links to read: the graph's, and those the refining steps added
        (:meth:`LinkSet.with_links`); read from ``graph`` where omitted.

    Returns
    -------
    labels : ndarray of int
        The given clusters, grown by the new clusters that joined them and by the flagged
        accounts attached to them, and the other new ones numbered after them.
    links : pandas.DataFrame
        The weak links that join the new clusters' members to their cluster, in the columns of
        ``graph.edges``, with layer ``co_comment_suspects`` or ``near_duplicate_suspects``
        (:data:`SUSPECT_LAYERS`) and ``p_value`` uncorrected; ``posts`` for co-comment links.
        A pair and layer already among ``graph.edges`` is not repeated.
    """
    labels = np.asarray(labels, dtype=np.int64)
    link_set = _read_links(graph, link_set)
    weak = link_set.strong_weak_links
    empty = graph.edges.iloc[:0].copy()
    if weak is None or len(weak) == 0:
        return labels, empty
    suspect = np.asarray(suspect, dtype=bool)
    free = (labels < 0) & suspect
    a, b = weak["a"].to_numpy(dtype=np.int64), weak["b"].to_numpy(dtype=np.int64)
    sel = weak[free[a] & free[b]]
    if len(sel) == 0:
        out = _attach(link_set, labels, suspect, attach_ratio)
        return out, suspect_links(comments, graph, weak, out, (out >= 0) & (labels < 0))
    a, b = sel["a"].to_numpy(dtype=np.int64), sel["b"].to_numpy(dtype=np.int64)
    w = link_weight(sel["p_value"].to_numpy())
    n = link_set.n
    adj = sp.coo_matrix((np.r_[w, w], (np.r_[a, b], np.r_[b, a])), shape=(n, n)).tocsr()
    # Only flagged accounts are candidates here: no rule against the real fans who meet a farm.
    finder = ClusterFinder(min_link_share=min_link_share, min_median_share=0, random_state=random_state)
    found = finder.fit_predict(adj)
    out = labels.copy()
    start = int(labels.max(initial=-1)) + 1
    out[found >= 0] = start + found[found >= 0]
    out = _join_linked(link_set, out, start, join_ratio, finder, trace_join_ratio)
    out = _attach(link_set, out, suspect, attach_ratio)
    return out, suspect_links(comments, graph, weak, out, (out >= 0) & (labels < 0))


TRACE_HOLDS = 0.2
"""Share of its cluster the average member is linked to by one kind of trace (meeting in time,
or shared texts) from which that trace holds the cluster (:func:`suspect_clusters`)."""


def _read_links(graph: AccountGraph, link_set: LinkSet | None) -> LinkSet:
    """``link_set``, or the links of ``graph`` where it is None."""
    if link_set is None:
        return LinkSet.from_graph(graph)
    if link_set.n != len(graph.accounts):
        raise ValueError(f"link_set holds {link_set.n} accounts, the graph {len(graph.accounts)}")
    return link_set


def _attach(
    link_set: LinkSet, labels: np.ndarray, suspect: np.ndarray, ratio: float, *, similar: bool = False
) -> np.ndarray:
    """Flagged accounts in no cluster joined to the one cluster they are linked to by its own kind
    of trace, nearly as its members are (see :func:`suspect_clusters`); links of similar texts
    count only where ``similar`` (:func:`similar_text_clusters`)."""
    free = np.flatnonzero((labels < 0) & suspect)
    if len(free) == 0 or labels.max(initial=-1) < 0 or not np.isfinite(ratio):
        return labels
    n = link_set.n
    links = link_set.any_links(similar=similar)
    kinds = link_set.traces
    ids = np.unique(labels[labels >= 0])
    rows = np.flatnonzero(labels >= 0)
    code = np.searchsorted(ids, labels[rows])
    member = sp.csr_matrix((np.ones(len(rows)), (rows, code)), shape=(n, len(ids)))
    size = np.bincount(code, minlength=len(ids)).astype(np.float64)

    def inside(adj: sp.csr_matrix) -> np.ndarray:
        """The average member's share of its own cluster it is linked to, per cluster."""
        to_own = np.asarray(sp.csr_matrix(adj[rows] @ member)[np.arange(len(rows)), code]).ravel()
        return np.bincount(code, weights=to_own, minlength=len(ids)) / size / np.maximum(size - 1, 1)

    # Each flagged account's links per cluster, sparse: most touch no cluster, and none touch many.
    counts = sp.coo_matrix(links[free] @ member)
    if counts.nnz == 0:
        return labels
    share = counts.data / size[counts.col]
    order = np.lexsort((-share, counts.row))  # by account, its best-linked cluster first
    row, col, share, n_links = counts.row[order], counts.col[order], share[order], counts.data[order]
    first = np.r_[True, row[1:] != row[:-1]]
    who, best, top, n_links = row[first], col[first], share[first], n_links[first]
    # The runner-up cluster's share, where the account touches another cluster.
    after = np.flatnonzero(first) + 1
    has_next = after < len(row)
    has_next[has_next] = row[after[has_next]] == who[has_next]
    runner_up = np.zeros(len(who))
    runner_up[has_next] = share[after[has_next]]
    ok = (n_links >= 2) & (top >= ratio * inside(links)[best]) & (runner_up < 0.5 * top)
    for kind in kinds:
        kind_inside = inside(kind)[best]
        held = kind_inside >= TRACE_HOLDS
        kind_links = np.asarray(sp.csr_matrix(kind[free[who]] @ member)[np.arange(len(who)), best]).ravel()
        ok &= ~held | (kind_links / size[best] >= ratio * kind_inside)
    out = labels.copy()
    out[free[who[ok]]] = ids[best[ok]]
    return out


def similar_text_clusters(
    comments: pd.DataFrame,
    graph: AccountGraph,
    labels: np.ndarray,
    suspect: np.ndarray,
    *,
    min_link_share: float = 0.1,
    min_size: int = 4,
    join_ratio: float = 0.9,
    attach_ratio: float = 0.1,
    random_state: int | np.random.RandomState | None = 0,
    link_set: LinkSet | None = None,
) -> tuple[np.ndarray, pd.DataFrame]:
    """Clusters of flagged accounts left out of every other cluster, from any weak link,
    similar texts included.

    A farm that paraphrases a few templates on its own clock neither meets in time nor writes
    the same text twice often enough for the weak links of :func:`suspect_clusters`; its
    accounts share similar texts (``graph.weak_links`` layer ``similar_text``: fewer texts in
    common than a near-duplicate link needs, yet more than the dump's background rate explains,
    at an uncorrected p below :data:`botwatch.graph.WEAK_LINK_P`). Among the flagged accounts that
    are in no cluster after :func:`suspect_clusters` and :func:`split_by_text`, every weak link
    and every edge counts once, and the :class:`ClusterFinder` rules apply (each member linked to
    two others at least, and to ``min_link_share`` of the cluster), with four members at least:
    three genuine commenters who thank the same office in similar words make a triangle, if a
    low threshold flags them. These clusters take no member from another cluster: different farms
    writing the same kind of praise share similar texts too, so such links would join farms,
    while among the accounts left out they group each farm's quieter members. A new cluster joins
    another cluster only as in :func:`suspect_clusters`, when the links between them (any layer,
    similar texts included) are nearly as dense as the links inside the two, pooled
    (``join_ratio``): the quieter members of an own-clock farm whose busier members form a
    cluster of their own are linked across about as densely as within (0.88 to 1.28 on simulated
    worlds), two farms writing alike less (at most 0.86). Such a cluster rests on the scores more
    than any other: it says which suspects write alike, not that they are inauthentic.

    A flagged account still alone then joins the one cluster it is linked to, similar texts
    included, by the rules of the attaching step of :func:`suspect_clusters` (no other cluster
    gets half as many of its links; two links at least; the kind of trace that holds the
    cluster links it too) at a lower share of the average member's links, ``attach_ratio``: a
    farm's straggler writes the farm's templates in its own words and shares similar texts with
    its members, while flagged genuine commenters left alone share similar texts with no
    cluster.

    Parameters
    ----------
    comments : pandas.DataFrame
        The comment table the graph was built from (for the shared posts of co-comment links).
    graph : AccountGraph
        Built with the near-duplicate layer (otherwise nothing changes).
    labels : ndarray of int
        Cluster per account code, ``-1`` for none.
    suspect : ndarray of bool
        Flagged accounts, per account code.
    min_link_share : float, default 0.1
        Least share of its cluster a member is linked to.
    min_size : int, default 4
        Fewest members of such a cluster.
    join_ratio : float, default 0.9
        Density of the links between a new cluster and another, as a share of the pooled density
        inside them, from which the two are one cluster (``join_ratio`` of
        :func:`suspect_clusters`); ``np.inf`` joins nothing.
    attach_ratio : float, default 0.1
        Share of the average member's links inside a cluster (overall, and of each kind of trace
        that holds it) that a flagged account still alone must have with the cluster to join it
        (``attach_ratio`` of :func:`suspect_clusters`, similar texts counted); ``np.inf``
        attaches nothing.
    random_state : int, RandomState instance or None, default 0
        Seed of :class:`ClusterFinder`.
    link_set : LinkSet, optional
        The links to read: the graph's, and those the refining steps added
        (:meth:`LinkSet.with_links`); read from ``graph`` where omitted.

    Returns
    -------
    labels : ndarray of int
        ``labels`` with the new clusters that joined another in it, and the others numbered
        after the largest id; the flagged accounts attached to a cluster in it.
    links : pandas.DataFrame
        The weak links that join the new clusters' members and the attached accounts to their
        cluster (to each other, and to the members of the cluster they joined), in the columns
        of ``graph.edges``, with the
        layers of :data:`SUSPECT_LAYERS` (``similar_text_suspects`` for similar texts) and
        ``p_value`` uncorrected.
    """
    labels = np.asarray(labels, dtype=np.int64)
    link_set = _read_links(graph, link_set)
    weak = link_set.weak_links
    empty = graph.edges.iloc[:0].copy()
    suspect = np.asarray(suspect, dtype=bool)
    free = (labels < 0) & suspect
    if weak is None or not (weak["layer"] == "similar_text").any() or not free.any():
        return labels, empty
    out = labels.copy()
    if free.sum() >= min_size:
        adj = links_among(link_set.linked_similar, free)
        finder = ClusterFinder(
            min_link_share=min_link_share, min_size=min_size, min_median_share=0, random_state=random_state
        )
        found = finder.fit_predict(adj)
        if (found >= 0).any():
            start = int(labels.max(initial=-1)) + 1
            out[found >= 0] = start + found[found >= 0]
            out = _join_linked(link_set, out, start, join_ratio, finder, similar=True)
    out = _attach(link_set, out, suspect, attach_ratio, similar=True)
    if np.array_equal(out, labels):
        return labels, empty
    return out, suspect_links(comments, graph, weak, out, (out >= 0) & (labels < 0))


def _join_linked(
    link_set: LinkSet,
    labels: np.ndarray,
    start: int,
    ratio: float,
    finder: ClusterFinder,
    trace_ratio: float = np.inf,
    *,
    similar: bool = False,
) -> np.ndarray:
    """Join each new cluster (id ``start`` on) to the cluster it is linked to nearly as densely
    as the two are inside, or at ``trace_ratio`` by every kind of trace that holds either (see
    :func:`suspect_clusters`); new ids renumbered from ``start``. Links of similar texts count
    only where ``similar`` (:func:`similar_text_clusters`)."""
    ids = np.unique(labels[labels >= 0])
    if not (ids >= start).any() or len(ids) < 2 or not (np.isfinite(ratio) or np.isfinite(trace_ratio)):
        return labels
    n = link_set.n
    links = link_set.any_links(similar=similar)
    # Links between every two clusters at once: M.T @ links @ M for the membership matrix M; only
    # the new clusters and those they touch are kept, so the table stays small on any dump.
    code = np.searchsorted(ids, labels)
    rows = np.flatnonzero(labels >= 0)
    member = sp.csr_matrix((np.ones(len(rows)), (rows, code[rows])), shape=(n, len(ids)))
    between_all = sp.csr_matrix(member.T @ links @ member)
    is_new = ids >= start
    touched = is_new | (np.asarray(between_all[np.flatnonzero(is_new)].sum(axis=0)).ravel() > 0)
    if touched.sum() < 2:
        return labels
    keep = np.flatnonzero(touched)
    remap = np.full(len(ids), -1)
    remap[keep] = np.arange(len(keep))
    rows = rows[touched[code[rows]]]
    code = remap[code]
    ids = ids[keep]
    between = between_all[keep][:, keep].toarray()
    # The same table for each kind of trace (acting together, shared texts).
    by_trace = [
        sp.csr_matrix(member.T @ kind @ member)[keep][:, keep].toarray()
        for kind in (link_set.traces if np.isfinite(trace_ratio) else ())
    ]
    size = np.bincount(code[rows], minlength=len(ids)).astype(np.float64)
    new = is_new[keep]
    alive = np.ones(len(ids), dtype=bool)
    target = np.arange(len(ids))

    def ratios(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Density of the links across each two clusters over their pooled density inside, and
        the pooled density inside."""
        inside = np.diag(table)
        pooled = (inside[:, None] + inside[None, :]) / np.maximum(
            size[:, None] * (size[:, None] - 1) + size[None, :] * (size[None, :] - 1), 1
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            return table / np.outer(size, size) / pooled, pooled

    while True:
        score, pooled = ratios(between)
        joins = score >= ratio
        if by_trace:
            # Each kind of trace that holds either cluster links them across at least half as
            # densely as inside.
            same_trace = np.ones_like(joins)
            for table in by_trace:
                trace_score, trace_pooled = ratios(table)
                same_trace &= (trace_pooled < TRACE_HOLDS) | (trace_score >= 0.5)
            joins |= (score >= trace_ratio) & same_trace
        ok = new[:, None] & alive[:, None] & alive[None, :] & (pooled > 0) & joins
        np.fill_diagonal(ok, False)
        if not ok.any():
            break
        flat = np.where(ok, score, -np.inf)
        i, j = np.unravel_index(int(np.argmax(flat)), flat.shape)  # i, a new cluster, joins j
        for table in (between, *by_trace):
            table[j, :] += table[i, :]
            table[:, j] += table[:, i]
        size[j] += size[i]
        new[j] = new[j] and new[i]
        alive[i] = False
        target[target == i] = j
    if alive.all():
        return labels
    out = labels.copy()
    out[rows] = ids[target[code[rows]]]
    for c in ids[alive & (size > np.bincount(code[rows], minlength=len(ids)))]:
        members = np.flatnonzero(out == c)
        core = finder._core(links, members)
        out[np.setdiff1d(members, core)] = -1
        if len(core) < finder.min_size:
            out[core] = -1
    # New clusters numbered from ``start`` again, in the order they had.
    fresh = np.unique(out[out >= start])
    out[out >= start] = start + np.searchsorted(fresh, out[out >= start])
    return out


def _dense_groups(sub: sp.csr_matrix, comp: np.ndarray, min_group: int, min_density: float) -> np.ndarray:
    """The codes of the parts ``comp`` of ``sub`` with at least ``min_group`` members whose pairs
    are linked at a density of at least ``min_density`` inside the part, largest first."""
    coo = sub.tocoo()
    same = comp[coo.row] == comp[coo.col]
    sizes = np.bincount(comp)
    links = np.bincount(comp[coo.row[same]], minlength=len(sizes))  # both directions
    pairs = np.maximum(sizes * (sizes - 1), 1)
    groups = np.flatnonzero((sizes >= min_group) & (links / pairs >= min_density))
    return groups[np.argsort(-sizes[groups], kind="stable")]


def _text_modules(
    sub: sp.csr_matrix, min_group: int, min_density: float, max_ratio: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Louvain modules of the 0/1 links ``sub`` (codes per row) and the codes of the dense ones
    (:func:`_dense_groups`), or none unless there are two and the pairs across them are linked at
    less than ``max_ratio`` times the density inside the loosest."""
    parts = nx.community.louvain_communities(nx.from_scipy_sparse_array(sub), seed=seed)
    comp = np.empty(sub.shape[0], dtype=np.int64)
    for i, part in enumerate(parts):
        comp[list(part)] = i
    groups = _dense_groups(sub, comp, min_group, min_density)
    if len(groups) < 2:
        return comp, groups
    kept = np.isin(comp, groups)
    code = comp[kept]
    coo = sp.triu(sub[kept][:, kept], k=1).tocoo()
    same = code[coo.row] == code[coo.col]
    sizes = np.bincount(code)[groups].astype(np.float64)
    inside_pairs = sizes * (sizes - 1) / 2
    inside = np.bincount(code[coo.row[same]], minlength=len(comp))[groups] / inside_pairs
    across = (~same).sum() / (kept.sum() * (kept.sum() - 1) / 2 - inside_pairs.sum())
    return comp, groups if across < max_ratio * inside.min() else groups[:0]


def _split_cluster(
    labels: np.ndarray,
    links: sp.csr_matrix,
    members: np.ndarray,
    comp: np.ndarray,
    groups: np.ndarray,
    next_id: int,
    min_size: int,
) -> int:
    """Split the cluster of ``members`` into ``groups`` (codes of ``comp``, largest first) in
    place; returns the next free cluster id.

    Each member outside the groups joins the group it has the most ``links`` with (ties go to the
    larger group), and each part keeps the :class:`ClusterFinder` rules on its own (a member
    linked to fewer than two others of its part, or to less than a fifth of it, is left out). The
    largest group keeps the cluster's id.
    """
    c = int(labels[members[0]])
    comp = comp.copy()
    grouped = np.isin(comp, groups)
    sub = links[members][:, members]
    for i in np.flatnonzero(~grouped):
        row = sub[i].toarray().ravel()
        votes = np.array([row[grouped & (comp == g)].sum() for g in groups])
        comp[i] = groups[int(np.argmax(votes))]  # ties: the larger group
    rules = ClusterFinder(min_size=min_size)
    for j, g in enumerate(groups):
        part = members[comp == g]
        core = rules._core(links, part)
        labels[part] = -1
        if len(core) < min_size:
            continue
        if j == 0:
            labels[core] = c
        else:
            labels[core] = next_id
            next_id += 1
    return next_id


def _by_cluster(labels: np.ndarray, min_members: int) -> list[np.ndarray]:
    """The members of each cluster with at least ``min_members``, by cluster id."""
    clustered = np.flatnonzero(labels >= 0)
    order = clustered[np.argsort(labels[clustered], kind="stable")]
    starts = np.flatnonzero(np.r_[True, np.diff(labels[order]) != 0])
    return [m for m in np.split(order, starts[1:]) if len(m) >= min_members]


def split_by_text(
    graph: AccountGraph,
    labels: np.ndarray,
    *,
    min_size: int = 3,
    min_share: float = 0.6,
    min_group: int = 5,
    min_density: float = 0.3,
    min_module: int = 8,
    max_module_ratio: float = 0.35,
    random_state: int | np.random.RandomState | None = 0,
    link_set: LinkSet | None = None,
) -> np.ndarray:
    """Clusters split where their members write from separate sets of texts.

    Several farms working the same page strike the same posts within the same minutes, and their
    co-comment links join them into one cluster; what each farm writes (its house style) does not
    join them. A cluster is split when its members' shared texts (near-duplicate links, weak ones
    included: ``graph.weak_links`` at an uncorrected p below :data:`WEAK_LINK_P`) fall into two or
    more groups of at least ``min_size`` accounts with no shared text between the groups, and
    these groups hold at least ``min_share`` of the members. Where weak links bridge two such
    groups, the cluster is also split when its significant shared-text links alone fall into two
    or more groups of at least ``min_group`` accounts, each linked inside at a density of at least
    ``min_density`` (a farm's own texts link most of its members; a camouflaged farm whose few
    shared texts fall into chance fragments is no such group), together holding ``min_share`` of
    it. Failing that, the significant shared-text links are cut into Louvain modules, and modules
    of at least ``min_module`` accounts, each as dense inside, together holding ``min_share`` of
    the cluster, are split when the pairs across them are linked at less than
    ``max_module_ratio`` times the density inside the loosest: two crews writing from one stock of
    attacks, each repeating its own lines, share a few texts across and most within (on simulated
    worlds, 0.22 and 0.28 times as densely across where two farms were split; modules left whole
    0.48 times or more). Smaller modules are left alone, as small parts of one farm differ this
    much by chance. Where the significant texts split nothing, both tests are run again on every
    kind of shared text, weak near-duplicates and similar texts (``similar_text`` weak links: a
    template reworded) included: a camouflaged crew that paraphrases its own templates shares few
    copies, but its similar texts link most of it and few of another crew. Each other member
    joins the group it has the most links with (any layer; ties go to the larger group), and each
    part keeps the :class:`ClusterFinder` rules on its own (a member linked to fewer than two
    others of its part, or to less than a fifth of it, is left out). Nothing is joined, only
    split: every new cluster lies inside an old one.

    Parameters
    ----------
    graph : AccountGraph
    labels : ndarray of int, shape (n_accounts,)
        Clusters, ``-1`` for none, in ``graph.accounts`` order.
    min_size : int, default 3
        Fewest accounts in a group of shared texts.
    min_share : float, default 0.6
        Share of the cluster the groups must hold.
    min_group : int, default 5
        Fewest accounts in a group of shared texts found by the dense-group test.
    min_density : float, default 0.3
        Least share of its pairs such a group, or a module, links by shared texts.
    min_module : int, default 8
        Fewest accounts in a module of shared texts found by the module test.
    max_module_ratio : float, default 0.35
        Density of the shared texts across modules, as a share of the density inside the
        loosest, below which the modules are split.
    random_state : int, RandomState instance or None, default 0
        Seed of the Louvain runs of the module test.
    link_set : LinkSet, optional
        The links to read: the graph's, and those the refining steps added
        (:meth:`LinkSet.with_links`); read from ``graph`` where omitted.

    Returns
    -------
    ndarray of int
        The clusters with the split ones' groups numbered after the existing ids; the largest
        group keeps the old id.
    """
    labels = np.asarray(labels, dtype=np.int64).copy()
    link_set = _read_links(graph, link_set)
    if link_set.any_text.nnz == 0 or labels.max(initial=-1) < 0:
        return labels
    text = link_set.text
    # The dense-group and module tests read the significant shared texts first, then every kind
    # of shared text, similar ones included (a crew paraphrasing its own templates).
    kinds = (link_set.significant_text, link_set.any_text)
    rng = check_random_state(random_state)
    next_id = int(labels.max()) + 1

    def enough(comp: np.ndarray, groups: np.ndarray) -> bool:
        return len(groups) >= 2 and bool(np.isin(comp, groups).mean() >= min_share)

    for members in _by_cluster(labels, 2 * min_size):
        _, comp = connected_components(text[members][:, members], directed=False)
        sizes = np.bincount(comp)
        groups = np.flatnonzero(sizes >= min_size)
        groups = groups[np.argsort(-sizes[groups], kind="stable")]  # largest first
        for kind in kinds:
            if enough(comp, groups):
                break
            sub = kind[members][:, members]
            if sub.nnz == 0:
                continue
            _, comp = connected_components(sub, directed=False)
            groups = _dense_groups(sub, comp, min_group, min_density)
            if not enough(comp, groups):
                seed = int(rng.randint(0, 2**31 - 1))
                comp, groups = _text_modules(sub, min_module, min_density, max_module_ratio, seed)
        if not enough(comp, groups):
            continue
        next_id = _split_cluster(labels, link_set.votes, members, comp, groups, next_id, min_size)
    return labels


def split_by_action(
    graph: AccountGraph,
    labels: np.ndarray,
    *,
    min_size: int = 3,
    min_share: float = 0.6,
    min_group: int = 5,
    min_density: float = 0.3,
    link_set: LinkSet | None = None,
) -> np.ndarray:
    """Clusters split where a group of members acts together and the others never do.

    Farms that write from one stock of phrases (two crews attacking the same critics with the
    same lines) are joined by their shared texts, yet each keeps its own timing: a crew run by
    one operator strikes the same posts within minutes, while another, posting in office hours
    or on each account's own clock, never meets in time. A cluster is split when its members'
    significant co-action links (layers :data:`ACTION_LAYERS`) hold one or more groups of at
    least ``min_group`` accounts, each linked inside at a density of at least ``min_density``,
    and at least ``min_size`` other members never meet any member of these groups in time, not
    even by a weak link (``graph.weak_links``), and these groups together hold at least
    ``min_share`` of the cluster. The idle members are one group (they may meet each other now
    and then: two members of an office-hours crew answering the same critic); each other member
    joins the group it has the most links with, and each part keeps the :class:`ClusterFinder`
    rules on its own, as in :func:`split_by_text`. A few chance meetings with the acting group
    make a member neither idle nor part of it, so a farm that meets in time only now and then is
    left whole. Nothing is joined, only split.

    Parameters
    ----------
    graph : AccountGraph
    labels : ndarray of int, shape (n_accounts,)
        Clusters, ``-1`` for none, in ``graph.accounts`` order.
    min_size : int, default 3
        Fewest idle members (members that never meet the acting groups in time).
    min_share : float, default 0.6
        Share of the cluster the groups must hold.
    min_group : int, default 5
        Fewest accounts in a group acting together.
    min_density : float, default 0.3
        Least share of its pairs such a group links by significant co-action.
    link_set : LinkSet, optional
        The links to read: the graph's, and those the refining steps added
        (:meth:`LinkSet.with_links`); read from ``graph`` where omitted.

    Returns
    -------
    ndarray of int
        The clusters with the split ones' groups numbered after the existing ids; the largest
        group keeps the old id.
    """
    labels = np.asarray(labels, dtype=np.int64).copy()
    link_set = _read_links(graph, link_set)
    action, met = link_set.significant_action, link_set.action
    if action.nnz == 0 or labels.max(initial=-1) < 0:
        return labels
    next_id = int(labels.max()) + 1
    for members in _by_cluster(labels, min_group + min_size):
        sub = action[members][:, members]
        _, comp = connected_components(sub, directed=False)
        groups = _dense_groups(sub, comp, min_group, min_density)
        if len(groups) == 0:
            continue
        acting_members = np.isin(comp, groups)
        meets_group = np.asarray(met[members][:, members[acting_members]].sum(axis=1)).ravel() > 0
        idle = ~acting_members & ~meets_group
        if idle.sum() < min_size:
            continue
        comp = np.where(idle, comp.max() + 1, comp)
        groups = np.r_[groups, comp.max()]
        sizes = np.bincount(comp)
        groups = groups[np.argsort(-sizes[groups], kind="stable")]
        if np.isin(comp, groups).mean() < min_share:
            continue
        next_id = _split_cluster(labels, link_set.votes, members, comp, groups, next_id, min_size)
    return labels


def split_clusters(
    graph: AccountGraph,
    labels: np.ndarray,
    *,
    min_size: int = 3,
    min_share: float = 0.6,
    min_group: int = 5,
    min_density: float = 0.3,
    min_module: int = 8,
    max_module_ratio: float = 0.35,
    random_state: int | np.random.RandomState | None = 0,
    link_set: LinkSet | None = None,
) -> np.ndarray:
    """Clusters split by :func:`split_by_text` and :func:`split_by_action` in turn until neither
    splits any more. ``min_size``, ``min_share``, ``min_group``, ``min_density`` and ``link_set``
    (read from ``graph`` where omitted) go to both, ``min_module``, ``max_module_ratio`` and
    ``random_state`` (the seed of its Louvain runs) to :func:`split_by_text`.

    Each split can open the way to the other: two crews an operator runs on the same posts are
    one cluster by their timing and split by their texts, after which one of them, sharing its
    stock of attacks with an office-hours crew that never meets in time, is split by its action.
    Nothing is joined, so the loop ends.
    """
    labels = np.asarray(labels, dtype=np.int64)
    link_set = _read_links(graph, link_set)
    while True:
        by_text = split_by_text(
            graph,
            labels,
            min_size=min_size,
            min_share=min_share,
            min_group=min_group,
            min_density=min_density,
            min_module=min_module,
            max_module_ratio=max_module_ratio,
            random_state=random_state,
            link_set=link_set,
        )
        split = split_by_action(
            graph,
            by_text,
            min_size=min_size,
            min_share=min_share,
            min_group=min_group,
            min_density=min_density,
            link_set=link_set,
        )
        if np.array_equal(split, labels):
            return split
        labels = split


def split_by_registration(
    graph: AccountGraph,
    labels: np.ndarray,
    created: ArrayLike,
    *,
    max_gap_days: float = 2.0,
    min_group: int = 5,
    min_share: float = 0.6,
    link_set: LinkSet | None = None,
) -> np.ndarray:
    """Clusters split where their members were registered in separate batches.

    Two crews attacking the same critics from one stock of lines, on the same pages and in the
    same office hours, are linked across as densely as within: neither their texts nor their
    timing tells them apart. Accounts made for a farm are often registered in one batch, within
    days of each other, and each crew in its own. The members of a cluster are taken in order of
    registration, a gap of more than ``max_gap_days`` starting a new batch where it is also
    longer than each of the two batches beside it lasts (a farm registered over a fortnight with
    pauses of a few days is one batch); a cluster is split when two batches or more have
    ``min_group`` members each and together hold ``min_share`` of it. Each other member (an old
    account, one registered apart, or one with no date) joins the batch it has the most links
    with (any layer, weak ones included), and each part keeps the
    :class:`ClusterFinder` rules on its own, as in :func:`split_by_text`. A farm of old accounts
    bought from a market, registered years apart, makes no batch, and one registered in a steady
    stream makes one: neither is split. Nothing is joined, only split. One operator who
    registered two batches weeks apart gets two clusters.

    Parameters
    ----------
    graph : AccountGraph
    labels : ndarray of int, shape (n_accounts,)
        Clusters, ``-1`` for none, in ``graph.accounts`` order.
    created : array-like of datetime, shape (n_accounts,)
        Registration time of each account in ``graph.accounts`` order, ``NaT`` where unknown.
    max_gap_days : float, default 2.0
        Longest gap in days between two registrations of one batch (a longer one that is shorter
        than a batch beside it lasts does not separate them).
    min_group : int, default 5
        Fewest members of a batch.
    min_share : float, default 0.6
        Share of the cluster the batches must hold.
    link_set : LinkSet, optional
        The links to read: the graph's, and those the refining steps added
        (:meth:`LinkSet.with_links`); read from ``graph`` where omitted.

    Returns
    -------
    ndarray of int
        The clusters with the split ones' parts numbered after the existing ids; the largest
        batch keeps the old id.
    """
    labels = np.asarray(labels, dtype=np.int64).copy()
    when = pd.to_datetime(pd.Series(np.asarray(created)), utc=True, errors="coerce")
    days = (when - pd.Timestamp(0, tz="UTC")).dt.total_seconds().to_numpy(
        dtype=np.float64, na_value=np.nan
    ) / 86400
    if len(days) != len(graph.accounts):
        raise ValueError(f"created has {len(days)} values for {len(graph.accounts)} accounts")
    links: sp.csr_matrix | None = None
    next_id = int(labels.max(initial=-1)) + 1
    for members in _by_cluster(labels, 2 * min_group):
        t = days[members]
        dated = np.flatnonzero(~np.isnan(t))
        if len(dated) < 2 * min_group:
            continue
        dated = dated[np.argsort(t[dated], kind="stable")]
        batch = np.full(len(members), -1)
        batch[dated] = _batches(t[dated], max_gap_days)
        sizes = np.bincount(batch[dated])
        groups = np.flatnonzero(sizes >= min_group)
        if len(groups) < 2 or np.isin(batch, groups).mean() < min_share:
            continue
        groups = groups[np.argsort(-sizes[groups], kind="stable")]
        if links is None:
            # Every link votes, weak meetings in time and similar texts too: a member registered
            # with the batch is linked to it by some trace, not always by shared texts.
            links = _read_links(graph, link_set).linked_similar
        next_id = _split_cluster(labels, links, members, batch, groups, next_id, 3)
    return labels


def _batches(times: np.ndarray, max_gap: float) -> np.ndarray:
    """Batch number of each of the sorted ``times``: a gap of more than ``max_gap`` separates
    two batches only where it is also longer than each of the two batches lasts, so a loose
    stream of registrations with a few longer pauses stays one batch."""
    gaps = np.diff(times)
    cut = gaps > max_gap
    while cut.any():
        batch = np.r_[0, np.cumsum(cut)]
        first = np.searchsorted(batch, np.arange(batch[-1] + 1))
        last = np.r_[first[1:] - 1, len(times) - 1]
        span = times[last] - times[first]
        at = np.flatnonzero(cut)  # the gap after batch k is gaps[at[k]]
        loose = gaps[at] <= np.maximum(span[:-1], span[1:])
        if not loose.any():
            break
        cut[at[loose]] = False
    return np.r_[0, np.cumsum(cut)]


TRACE_TIGHT = 0.7
"""Share of its cluster the average member is linked to by one kind of trace from which a member
with no link of that kind leaves the cluster (:func:`drop_outsiders`)."""


def drop_outsiders(
    graph: AccountGraph, labels: np.ndarray, *, tight: float = TRACE_TIGHT, link_set: LinkSet | None = None
) -> np.ndarray:
    """Clusters without the members that lack the trace holding the rest together.

    Where one kind of trace, meeting in time (:data:`ACTION_LAYERS` and weak co-comment or
    co-post links) or shared texts (near-duplicates, weak ones included), links the average
    member of a cluster to ``tight`` of it or more, a member with no link of that kind in the
    cluster, not even a weak one, leaves it. A real fan who is always among the first to comment
    meets a fast farm under many posts, often enough for significant links to half of it, while
    the farm's members also write each other's lines and the fan writes in its own words: the
    cluster is the farm's, and the fan is not in it. A quiet farm member with no link of the
    farm's trace leaves too. A cluster left with fewer than three members is dissolved.

    Parameters
    ----------
    graph : AccountGraph
    labels : ndarray of int, shape (n_accounts,)
        Clusters, ``-1`` for none, in ``graph.accounts`` order.
    tight : float, default 0.7
        Share of the cluster the average member is linked to by a kind of trace from which that
        kind is required of every member; above 1 nothing changes.
    link_set : LinkSet, optional
        The links to read: the graph's, and those the refining steps added
        (:meth:`LinkSet.with_links`); read from ``graph`` where omitted.

    Returns
    -------
    ndarray of int
        The clusters, the outsiders with ``-1``; ids unchanged.
    """
    labels = np.asarray(labels, dtype=np.int64).copy()
    kinds = _read_links(graph, link_set).traces
    for members in _by_cluster(labels, 2):
        outside = np.zeros(len(members), dtype=bool)
        for kind in kinds:
            degree = np.diff(kind[members][:, members].indptr)
            if degree.mean() / (len(members) - 1) >= tight:
                outside |= degree == 0
        if outside.any():
            labels[members[outside]] = -1
            if len(members) - outside.sum() < 3:
                labels[members] = -1
    return labels


class ClusterFinder(ClusterMixin, BaseEstimator):
    """Clusters of accounts in a precomputed account graph.

    Connected parts of the significant graph are split further by Louvain modularity where they
    are large and loose; parts smaller than ``min_size`` are not clusters.

    Parameters
    ----------
    min_size : int, default 3
        Fewest accounts in a cluster.
    resolution : float, default 1.0
        Louvain resolution (higher gives smaller clusters).
    split_above : int, default 8
        Components with more accounts than this are split by Louvain.
    max_between_ratio : float, default 0.15
        A component is split when the link density between the Louvain parts is below this
        share of the density within them.
    max_weighted_ratio : float, default 0
        If above 0, a component is also split when every Louvain part holds at least
        ``split_above`` accounts and the links' summed weight between the parts, per pair of
        accounts, is below this share of the weight within them. Farms that write from the same
        stock of phrases are linked across nearly as often as within, but by weaker links (fewer
        shared texts, fewer meetings); a small group split into small parts is left to the count
        rule, as small parts differ this much by chance. Off by default: a part smaller than the
        whole keeps a real fan who meets the farm under many posts, which the whole's peeling had
        left out.
    min_link_share : float, default 0.2
        A member must be linked to at least this share of the other members; accounts hanging on
        a cluster by fewer links are peeled off.
    min_links : int, default 2
        A member must also be linked to at least this many other members (or to all of them, in
        a cluster smaller than ``min_links + 1``). With the default, three accounts are a cluster
        only as a triangle: two accounts that each share a stock phrase with a third, but nothing
        with each other, are not a group anyone could defend in print.
    min_median_share : float, default 0.35
        A member must also be linked to at least this share of the links its cluster's median
        member has inside it. A farm's own members are each linked to most of a tight farm; a
        real fan who is always among the first to comment meets the farm under many posts and
        can be linked to a fifth of it, far fewer than its members. ``0`` turns the rule off.
    random_state : int, RandomState instance or None, default 0
        Seed of the Louvain runs.

    Attributes
    ----------
    labels_ : ndarray of shape (n_accounts,)
        Cluster id per account, ``-1`` for accounts in no cluster. Ids count from 0 by falling size.
    """

    def __init__(
        self,
        *,
        min_size: int = 3,
        resolution: float = 1.0,
        split_above: int = 8,
        max_between_ratio: float = 0.15,
        max_weighted_ratio: float = 0.0,
        min_link_share: float = 0.2,
        min_links: int = 2,
        min_median_share: float = 0.35,
        random_state: int | np.random.RandomState | None = 0,
    ) -> None:
        self.min_size = min_size
        self.resolution = resolution
        self.split_above = split_above
        self.max_between_ratio = max_between_ratio
        self.max_weighted_ratio = max_weighted_ratio
        self.min_link_share = min_link_share
        self.min_links = min_links
        self.min_median_share = min_median_share
        self.random_state = random_state

    def fit(self, X: sp.spmatrix, y: None = None) -> ClusterFinder:
        """Find the clusters of the symmetric weighted adjacency ``X``."""
        adj = sp.csr_matrix(X)
        if adj.shape[0] != adj.shape[1]:
            raise ValueError(f"adjacency must be square, got shape {adj.shape}")
        rng = check_random_state(self.random_state)
        n = adj.shape[0]
        _, comp = connected_components(adj, directed=False)
        groups: list[np.ndarray] = []
        # Most accounts are alone; only components big enough to be clusters are visited.
        sizes = np.bincount(comp)
        big = np.flatnonzero(sizes >= self.min_size)
        order = np.argsort(comp, kind="stable")
        starts = np.r_[0, np.cumsum(sizes)]
        for c in big:
            members = np.sort(order[starts[c] : starts[c + 1]])
            if len(members) <= self.split_above:
                groups.append(members)
                continue
            sub = adj[members][:, members]
            g = nx.from_scipy_sparse_array(sub)
            parts = nx.community.louvain_communities(
                g, weight="weight", resolution=self.resolution, seed=int(rng.randint(0, 2**31 - 1))
            )
            # A cohesive but sparse group splits into modules by chance; only parts that are
            # far denser inside than between (two groups joined by a few links), or large parts
            # linked far more strongly inside than between, are split.
            if len(parts) < 2 or not self._separate(sub, parts):
                groups.append(members)
                continue
            groups.extend(
                members[np.sort(np.fromiter(p, dtype=np.int64))] for p in parts if len(p) >= self.min_size
            )
        groups = [m for m in (self._core(adj, g) for g in groups) if len(m) >= self.min_size]
        groups.sort(key=lambda m: (-len(m), int(m.min())))
        labels = np.full(n, -1, dtype=np.int64)
        for i, m in enumerate(groups):
            labels[m] = i
        self.labels_ = labels
        return self

    def _separate(self, sub: sp.csr_matrix, parts: list[set[int]]) -> bool:
        label = np.empty(sub.shape[0], dtype=np.int64)
        for i, p in enumerate(parts):
            label[list(p)] = i
        coo = sp.triu(sub, k=1).tocoo()
        same = label[coo.row] == label[coo.col]
        sizes = np.bincount(label).astype(np.float64)
        within_pairs = (sizes * (sizes - 1) / 2).sum()
        between_pairs = sizes.sum() * (sizes.sum() - 1) / 2 - within_pairs
        if within_pairs == 0 or between_pairs == 0:
            return False
        within = same.sum() / within_pairs
        between = (~same).sum() / between_pairs
        if between < self.max_between_ratio * within:
            return True
        if self.max_weighted_ratio <= 0 or sizes.min() < self.split_above:
            return False
        weight_within = coo.data[same].sum() / within_pairs
        weight_between = coo.data[~same].sum() / between_pairs
        return bool(weight_between < self.max_weighted_ratio * weight_within)

    def _core(self, adj: sp.csr_matrix, members: np.ndarray) -> np.ndarray:
        """Peel members linked to too few of the others.

        An account that happens to act like a group a few times (a quick real fan under posts a
        farm also hits at once) hangs on the group by one or two links; members of the group are
        linked to a good share of it.
        """
        members = np.sort(members)
        while len(members) >= self.min_size:
            sub = adj[members][:, members]
            degree = np.diff(sub.indptr)  # links to other members (no self-loops)
            need = max(
                min(self.min_links, len(members) - 1),
                int(np.ceil(self.min_link_share * (len(members) - 1))),
                int(np.ceil(self.min_median_share * np.median(degree))),
                1,
            )
            keep = degree >= need
            if keep.all():
                break
            members = members[keep]
        return members

    def fit_predict(self, X: sp.spmatrix, y: None = None) -> np.ndarray:
        return self.fit(X).labels_
