"""The published clusters: the graph's clusters refined once the model has flagged accounts.

Two clustering phases run on every dump. Before the model, :class:`ClusterFinder` groups the
accounts joined by significant links; those clusters are features. After the model, a
:class:`ClusterRefiner` starts from them and from the flagged accounts and runs a list of steps,
each an estimator with its settings in ``__init__`` and one method, ``transform(state) -> state``
on a :class:`ClusterState`. The refiner's ``get_params`` reaches every step's settings
(``"split__min_share"``), and a step set to ``"passthrough"`` is skipped, as in scikit-learn's
``Pipeline``. No step changes the account graph: links a step adds are carried in the state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, clone

from botwatch.graph._cluster import (
    TRACE_TIGHT,
    drop_outsiders,
    similar_text_clusters,
    split_by_registration,
    split_clusters,
    suspect_clusters,
)
from botwatch.graph._graph import SUSPECT_LAYERS, AccountGraph
from botwatch.graph._links import LinkSet

__all__ = [
    "ClusterRefiner",
    "ClusterState",
    "DropOutsiders",
    "JoinSuspects",
    "KeepFlagged",
    "RefineStep",
    "SimilarTextClusters",
    "SplitByRegistration",
    "SplitClusters",
]


@dataclass(frozen=True)
class ClusterState:
    """What the refining steps read and write.

    Attributes
    ----------
    graph : AccountGraph
        The account graph as built; never changed.
    comments : pandas.DataFrame
        The comment table the graph was built from.
    labels : ndarray of int, shape (n_accounts,)
        Cluster per account, ``-1`` for none, in ``graph.accounts`` order.
    flagged : ndarray of bool, shape (n_accounts,)
        Accounts the model flagged.
    free : ndarray of bool, shape (n_accounts,)
        Flagged accounts a step may still group; an account a split took out of every part is not.
    links : pandas.DataFrame
        Weak links the steps added, in the columns of ``graph.edges`` (layers of
        :data:`botwatch.graph.SUSPECT_LAYERS`, ``p_value`` uncorrected).
    link_set : LinkSet
        The links the steps read: the graph's edges and weak links, and ``links`` (a step adds
        its links with :meth:`with_links`, which keeps the two together).
    created : ndarray of datetime64 or None
        Registration time per account (``NaT`` where unknown), or None without an account table
        that gives any.
    random_state : int or None
        Seed of the Louvain runs.
    """

    graph: AccountGraph
    comments: pd.DataFrame
    labels: np.ndarray
    flagged: np.ndarray
    free: np.ndarray
    links: pd.DataFrame
    link_set: LinkSet
    created: np.ndarray | None = None
    random_state: int | None = 0

    @classmethod
    def start(
        cls,
        graph: AccountGraph,
        comments: pd.DataFrame,
        labels: np.ndarray,
        flagged: np.ndarray,
        *,
        created: np.ndarray | None = None,
        random_state: int | None = 0,
    ) -> ClusterState:
        """The state before any step: the graph's clusters and the model's flags."""
        flagged = np.asarray(flagged, dtype=bool)
        return cls(
            graph=graph,
            comments=comments,
            labels=np.asarray(labels, dtype=np.int64),
            flagged=flagged,
            free=flagged.copy(),
            links=graph.edges.iloc[:0].copy(),
            link_set=LinkSet.from_graph(graph),
            created=created,
            random_state=random_state,
        )

    def linked_graph(self) -> AccountGraph:
        """A graph whose edges are the graph's and the links added so far (a new object)."""
        if len(self.links) == 0:
            return self.graph
        return replace(self.graph, edges=pd.concat([self.graph.edges, self.links], ignore_index=True))

    def with_links(self, labels: np.ndarray, links: pd.DataFrame) -> ClusterState:
        """The state with new labels and ``links`` added."""
        if len(links):
            link_set = self.link_set.with_links(links)
            links = pd.concat([self.links, links], ignore_index=True) if len(self.links) else links
            return replace(self, labels=labels, links=links, link_set=link_set)
        return replace(self, labels=labels)


class RefineStep(BaseEstimator):
    """One step of a :class:`ClusterRefiner`: ``transform(state) -> state``."""

    def transform(self, state: ClusterState) -> ClusterState:  # pragma: no cover - interface
        raise NotImplementedError


class JoinSuspects(RefineStep):
    """Clusters of flagged accounts from the weak links, joined to each other and to the graph's
    clusters, and flagged accounts attached (:func:`botwatch.graph.suspect_clusters`, whose
    parameters these are)."""

    def __init__(
        self,
        *,
        join_ratio: float = 0.9,
        trace_join_ratio: float = 0.7,
        min_link_share: float = 0.1,
        attach_ratio: float = 0.3,
    ) -> None:
        self.join_ratio = join_ratio
        self.trace_join_ratio = trace_join_ratio
        self.min_link_share = min_link_share
        self.attach_ratio = attach_ratio

    def transform(self, state: ClusterState) -> ClusterState:
        labels, links = suspect_clusters(
            state.comments,
            state.graph,
            state.labels,
            state.free,
            join_ratio=self.join_ratio,
            trace_join_ratio=self.trace_join_ratio,
            min_link_share=self.min_link_share,
            attach_ratio=self.attach_ratio,
            random_state=state.random_state,
            link_set=state.link_set,
        )
        return state.with_links(labels, links)


class SplitClusters(RefineStep):
    """Clusters split where members write from separate sets of texts or where a group acts
    together and the others never do (:func:`botwatch.graph.split_clusters`). An account a split
    takes out of every part is no longer free: grouping it again by weaker traces put it with
    another crew."""

    def __init__(
        self,
        *,
        min_size: int = 3,
        min_share: float = 0.6,
        min_group: int = 5,
        min_density: float = 0.3,
        min_module: int = 8,
        max_module_ratio: float = 0.35,
    ) -> None:
        self.min_size = min_size
        self.min_share = min_share
        self.min_group = min_group
        self.min_density = min_density
        self.min_module = min_module
        self.max_module_ratio = max_module_ratio

    def transform(self, state: ClusterState) -> ClusterState:
        labels = split_clusters(
            state.graph,
            state.labels,
            min_size=self.min_size,
            min_share=self.min_share,
            min_group=self.min_group,
            min_density=self.min_density,
            min_module=self.min_module,
            max_module_ratio=self.max_module_ratio,
            random_state=state.random_state,
            link_set=state.link_set,
        )
        left_out = (state.labels >= 0) & (labels < 0)
        return replace(state, labels=labels, free=state.free & ~left_out)


class SimilarTextClusters(RefineStep):
    """Free flagged accounts in no cluster grouped by any weak link, similar texts included
    (:func:`botwatch.graph.similar_text_clusters`, whose parameters these are)."""

    def __init__(
        self,
        *,
        min_link_share: float = 0.1,
        min_size: int = 4,
        join_ratio: float = 0.9,
        attach_ratio: float = 0.1,
    ) -> None:
        self.min_link_share = min_link_share
        self.min_size = min_size
        self.join_ratio = join_ratio
        self.attach_ratio = attach_ratio

    def transform(self, state: ClusterState) -> ClusterState:
        labels, links = similar_text_clusters(
            state.comments,
            state.graph,
            state.labels,
            state.free,
            min_link_share=self.min_link_share,
            min_size=self.min_size,
            join_ratio=self.join_ratio,
            attach_ratio=self.attach_ratio,
            random_state=state.random_state,
            link_set=state.link_set,
        )
        return state.with_links(labels, links)


class SplitByRegistration(RefineStep):
    """Clusters split where members were registered in separate batches
    (:func:`botwatch.graph.split_by_registration`); nothing changes without registration dates."""

    def __init__(self, *, max_gap_days: float = 2.0, min_group: int = 5, min_share: float = 0.6) -> None:
        self.max_gap_days = max_gap_days
        self.min_group = min_group
        self.min_share = min_share

    def transform(self, state: ClusterState) -> ClusterState:
        if state.created is None:
            return state
        labels = split_by_registration(
            state.graph,
            state.labels,
            state.created,
            max_gap_days=self.max_gap_days,
            min_group=self.min_group,
            min_share=self.min_share,
            link_set=state.link_set,
        )
        return replace(state, labels=labels)


class DropOutsiders(RefineStep):
    """Where one trace links the average member to ``tight`` of the cluster or more, a member
    with no link of that trace leaves it (:func:`botwatch.graph.drop_outsiders`)."""

    def __init__(self, *, tight: float = TRACE_TIGHT) -> None:
        self.tight = tight

    def transform(self, state: ClusterState) -> ClusterState:
        labels = drop_outsiders(state.graph, state.labels, tight=self.tight, link_set=state.link_set)
        return replace(state, labels=labels)


class KeepFlagged(RefineStep):
    """Only flagged members are published; a cluster left with fewer than ``min_size`` is
    dissolved, and the clusters kept are numbered 0, 1, 2... in their order.

    An account is published as acting with a group only where its own evidence makes it a
    suspect: fans always among the first under a page's posts meet a fast farm there too, but
    their scores stay low.
    """

    def __init__(self, *, min_size: int = 3) -> None:
        self.min_size = min_size

    def transform(self, state: ClusterState) -> ClusterState:
        out = np.where(state.flagged, state.labels, -1)
        inside = out >= 0
        if inside.any():
            size = np.bincount(out[inside])
            keep = np.flatnonzero(size >= self.min_size)
            out[inside & ~np.isin(state.labels, keep)] = -1
            kept = out >= 0
            out[kept] = np.searchsorted(keep, out[kept])
        return replace(state, labels=out)


def default_steps() -> list[tuple[str, RefineStep | str]]:
    """The default refiner's steps, in order."""
    return [
        ("join_suspects", JoinSuspects()),
        ("split", SplitClusters()),
        ("similar_texts", SimilarTextClusters()),
        ("split_by_registration", SplitByRegistration()),
        ("drop_outsiders", DropOutsiders()),
        ("keep_flagged", KeepFlagged()),
    ]


class ClusterRefiner(BaseEstimator):
    """The steps that turn the graph's clusters and the model's flags into the published clusters.

    Parameters
    ----------
    steps : list of (str, step) tuples, optional
        Named steps run in order, each a :class:`RefineStep` or ``"passthrough"`` (skipped);
        omitted, the list of :func:`default_steps`: join suspects, split, similar texts, split by
        registration, drop outsiders, keep flagged.

    Examples
    --------
    >>> refiner = ClusterRefiner()
    >>> refiner.get_params()["drop_outsiders__tight"]
    0.7
    >>> ablated = ClusterRefiner().set_params(similar_texts="passthrough")
    >>> [name for name, step in ablated.steps if step != "passthrough"][:3]
    ['join_suspects', 'split', 'split_by_registration']
    """

    def __init__(self, steps: Sequence[tuple[str, RefineStep | str]] | None = None) -> None:
        # The default steps are made here, once, so that get_params gives the objects that run.
        self.steps = default_steps() if steps is None else steps

    def _steps(self) -> list[tuple[str, RefineStep | str]]:
        return self._checked(list(self.steps))

    @staticmethod
    def _checked(steps: list[tuple[str, RefineStep | str]]) -> list[tuple[str, RefineStep | str]]:
        if not all(isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str) for item in steps):
            raise TypeError("steps must be a list of (name, step) pairs")
        names = [name for name, _ in steps]
        if len(set(names)) != len(names) or any("__" in n for n in names):
            raise ValueError(f"step names must be unique and hold no '__', got {names}")
        for name, step in steps:
            if step != "passthrough" and not hasattr(step, "transform"):
                raise TypeError(f"step {name!r} must have transform(state) or be 'passthrough', got {step!r}")
        return steps

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        params: dict[str, Any] = {"steps": self.steps}
        if not deep:
            return params
        for name, step in self._steps():
            params[name] = step
            if step != "passthrough" and hasattr(step, "get_params"):
                params.update({f"{name}__{k}": v for k, v in step.get_params(deep=True).items()})
        return params

    def set_params(self, **params: Any) -> ClusterRefiner:
        """Set ``steps``, a step (``name=step`` or ``"passthrough"``) or a step's setting
        (``name__setting=value``); nothing changes if any of them is invalid."""
        steps = self._checked(list(params.pop("steps", self.steps)))
        index = {name: i for i, (name, _) in enumerate(steps)}
        nested: dict[str, dict[str, Any]] = {}
        for key, value in params.items():
            name, _, sub = key.partition("__")
            if name not in index:
                raise ValueError(f"invalid parameter {key!r} for ClusterRefiner; steps are {list(index)}")
            if sub:
                nested.setdefault(name, {})[sub] = value
            else:
                steps[index[name]] = (name, value)
        steps = self._checked(steps)
        for name, sub_params in nested.items():
            step = steps[index[name]][1]
            if step == "passthrough":
                raise ValueError(f"step {name!r} is 'passthrough' and has no parameters")
            valid = step.get_params(deep=False)  # type: ignore[union-attr]
            unknown = sorted(set(sub_params) - set(valid))
            if unknown:
                raise ValueError(
                    f"step {name!r} has no setting {unknown[0]!r}; its settings are {sorted(valid)}"
                )
        for name, sub_params in nested.items():
            steps[index[name]][1].set_params(**sub_params)  # type: ignore[union-attr]
        self.steps = steps
        return self

    def __sklearn_clone__(self) -> ClusterRefiner:
        return ClusterRefiner(steps=[(n, s if s == "passthrough" else clone(s)) for n, s in self.steps])

    def changed_settings(self) -> dict[str, Any]:
        """The settings that differ from the default refiner's (a step left out reads
        ``"passthrough"``): what a run states it used.

        Examples
        --------
        >>> ClusterRefiner().set_params(drop_outsiders__tight=0.8).changed_settings()
        {'drop_outsiders__tight': 0.8}
        """
        default = ClusterRefiner().get_params()
        mine = self.get_params()
        out: dict[str, Any] = {}
        for key, value in mine.items():
            if key == "steps":
                continue
            if "__" not in key:
                if value == "passthrough" and default.get(key) != "passthrough":
                    out[key] = value
                continue
            if key not in default or default[key] != value:
                out[key] = value
        return out

    def transform(self, state: ClusterState) -> ClusterState:
        """Run every step in order, then keep only the added links that join an account to its
        own cluster."""
        for _, step in self._steps():
            if step != "passthrough":
                state = step.transform(state)  # type: ignore[union-attr]
        return _keep_joining_links(state)


def _keep_joining_links(state: ClusterState) -> ClusterState:
    """Weak links are published as what joins an account to its cluster: those of an account a
    split or a later step took out, or across the parts of a split cluster, go."""
    links, labels = state.links, state.labels
    if len(links) == 0:
        return state
    a, b = links["a"].to_numpy(dtype=np.int64), links["b"].to_numpy(dtype=np.int64)
    apart = links["layer"].isin(list(SUSPECT_LAYERS.values())).to_numpy() & (
        (labels[a] < 0) | (labels[a] != labels[b])
    )
    if apart.any():
        kept = links[~apart].reset_index(drop=True)
        state = replace(state, links=kept, link_set=LinkSet.from_graph(state.graph).with_links(kept))
    return state
