"""Building the fused account graph.

Second stage of the data flow beside the per-account features: from the canonical comment table to
one graph of accounts whose edges are significant co-comment, co-post or near-duplicate-text links,
each with its evidence, and the weak links too weak for an edge alone. networkx appears only at
the edge (:meth:`AccountGraph.to_networkx`); the work is done on numpy arrays and scipy sparse
matrices. The clusters are made in :mod:`botwatch.graph._cluster`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from joblib import Parallel, delayed

from botwatch._engine import Engine
from botwatch.graph._layers import (
    LOCKSTEP_P,
    LayerResult,
    co_comment_layer,
    co_post_layer,
    co_reply_layer,
    empty_edges,
    near_duplicate_layer,
    shared_line_layer,
)
from botwatch.schema import account_keys
from botwatch.text import TextCodes, normalize_series, word_counts

__all__ = [
    "ACTION_LAYERS",
    "AUTO_WINDOWS",
    "DEFAULT_LAYERS",
    "DEFAULT_WINDOW_S",
    "LABEL_SEP",
    "LAYERS",
    "SUSPECT_LAYER",
    "SUSPECT_LAYERS",
    "TEXT_LAYERS",
    "AccountGraph",
    "account_graph",
    "co_comment_posts",
    "post_labels",
    "shared_line_pairs",
]

DEFAULT_WINDOW_S = 300.0
"""Default co-comment window: five minutes."""


AUTO_WINDOWS = (60.0, 120.0, 300.0, 600.0, 1800.0)
"""Windows tried by ``window_s="auto"``."""


LAYERS = ("co_comment", "co_post", "co_reply", "near_duplicate")
"""Every layer :func:`account_graph` can build."""


SUSPECT_LAYER = "co_comment_suspects"
"""Layer name of the weak co-comment links that join flagged accounts (:func:`suspect_clusters`)."""


SUSPECT_LAYERS = {
    "co_comment": SUSPECT_LAYER,
    "near_duplicate": "near_duplicate_suspects",
    "similar_text": "similar_text_suspects",
}
"""Layer of each kind of weak link once it joins flagged accounts (:func:`suspect_clusters`;
``similar_text`` only in :func:`similar_text_clusters`)."""


DEFAULT_LAYERS = ("co_comment", "co_post", "near_duplicate")
"""Layers built unless asked otherwise. ``co_reply`` is left out: its null model draws each
account's answered accounts independently, so a crowd answering the same few critics of one heated
thread looks coordinated to it; use it where replies are spread over many posts, and read its
edges with that in mind."""


@dataclass
class AccountGraph:
    """Accounts linked by significant joint activity.

    Attributes
    ----------
    accounts : pandas.Index
        Account keys; position ``i`` is account code ``i`` in ``edges``.
    edges : pandas.DataFrame
        One row per (pair, layer): ``source``, ``target`` (account keys), ``a``, ``b`` (codes),
        ``layer``, ``observed``, ``expected``, ``p_value`` (uncorrected), ``q_value``
        (Benjamini-Hochberg; none for the weak links the refining steps add), ``weight``,
        ``n_shared_posts``, ``mean_gap_s``, ``posts`` (evidence: shared post ids, for
        co-comment edges).
    near_copies : pandas.DataFrame
        Per comment (index of the comment table): other accounts that wrote a near-identical
        text, anywhere (``anywhere``) and under the same post (``same_post``).
    window_s : float
        The co-comment window used.
    params : dict
        The settings the graph was built with.
    weak_links : pandas.DataFrame or None
        Co-comment pairs met on enough posts, and pairs sharing enough near-identical texts, with
        an uncorrected p-value below :data:`botwatch.graph.WEAK_LINK_P` (0.05), in the columns of
        ``edges`` (``layer`` says which; no ``q_value``, ``source``, ``target`` or ``posts``);
        too weak for edges, they can join accounts the classifier flags (:func:`suspect_clusters`).
        Pairs of similar texts, sharing fewer than ``min_shared_texts`` (layer ``similar_text``),
        only group flagged accounts left out of every other cluster
        (:func:`similar_text_clusters`). None where neither layer was built.
    co_post_weak_pairs : ndarray of shape (k, 2) or None
        Pairs of account codes that share posts beyond chance at an uncorrected p-value below
        :data:`botwatch.graph.LOCKSTEP_P` (see :func:`botwatch.graph.co_post_layer`); too weak
        for edges; :attr:`co_post_weak_partners` counts them per account, a graded signal for the
        classifier. None where the co-post layer was not built.
    """

    accounts: pd.Index
    edges: pd.DataFrame
    near_copies: pd.DataFrame
    window_s: float
    params: dict[str, object] = field(default_factory=dict)
    weak_links: pd.DataFrame | None = None
    co_post_weak_pairs: np.ndarray | None = None

    @property
    def co_post_weak_partners(self) -> np.ndarray | None:
        """Per account code: the accounts it shares posts with beyond chance, pair by pair too
        weakly for an edge (:attr:`co_post_weak_pairs`); None where the co-post layer was not
        built."""
        if self.co_post_weak_pairs is None:
            return None
        return np.bincount(self.co_post_weak_pairs.ravel(), minlength=len(self.accounts))

    @property
    def lockstep_partners(self) -> np.ndarray | None:
        """Per account code: the accounts it met within the window on enough posts with an
        uncorrected p-value below :data:`botwatch.graph.LOCKSTEP_P` (0.01), a graded signal for
        the classifier; None where the co-comment layer was not built."""
        built = self.params.get("layers", ("co_comment",))
        if self.weak_links is None or "co_comment" not in built:  # type: ignore[operator]
            return None
        weak = self.weak_links
        w = weak[(weak["layer"] == "co_comment") & (weak["p_value"] < LOCKSTEP_P)]
        ends = np.r_[w["a"].to_numpy(dtype=np.int64), w["b"].to_numpy(dtype=np.int64)]
        return np.bincount(ends, minlength=len(self.accounts))

    def adjacency(self, layer: str | None = None) -> sp.csr_matrix:
        """Symmetric sparse adjacency (weights summed over layers, or one layer)."""
        e = self.edges if layer is None else self.edges[self.edges["layer"] == layer]
        n = len(self.accounts)
        w = e["weight"].to_numpy(dtype=np.float64)
        a, b = e["a"].to_numpy(dtype=np.int64), e["b"].to_numpy(dtype=np.int64)
        m = sp.coo_matrix((np.r_[w, w], (np.r_[a, b], np.r_[b, a])), shape=(n, n)).tocsr()
        m.sum_duplicates()
        return m

    def to_networkx(self, node_data: pd.DataFrame | None = None) -> nx.Graph:
        """The graph as networkx, with one edge per pair and its layers as attributes.

        Parameters
        ----------
        node_data : pandas.DataFrame, optional
            Its columns become node attributes (scores, clusters). Indexed by account key, or a
            table with ``platform`` and ``account_id`` columns, such as ``result.accounts``,
            which is keyed here.
        """
        g = nx.Graph()
        linked = np.unique(np.r_[self.edges["a"].to_numpy(), self.edges["b"].to_numpy()])
        g.add_nodes_from(self.accounts[linked].tolist())
        # One edge per pair, pairs in order and each pair's layers in the table's order.
        e = self.edges.sort_values(["source", "target"], kind="stable")
        q_values = e["q_value"].tolist() if "q_value" in e.columns else [np.nan] * len(e)
        rows = zip(
            e["source"].tolist(),
            e["target"].tolist(),
            e["layer"].tolist(),
            e["weight"].tolist(),
            e["observed"].tolist(),
            e["p_value"].tolist(),
            q_values,
            strict=True,
        )
        pair: tuple[object, object] | None = None
        group: list[tuple[str, float, float, float, float]] = []
        for src, dst, layer, weight, observed, p, q in [*rows, (None, None, "", 0.0, 0.0, np.nan, np.nan)]:
            if (src, dst) != pair:
                if pair is not None:
                    attrs: dict[str, object] = {
                        "weight": float(sum(x[1] for x in group if x[1] == x[1])),  # NaN skipped
                        "layers": ";".join(sorted(x[0] for x in group)),
                    }
                    for lay, _, obs, pv, qv in group:
                        attrs[f"{lay}_observed"] = float(obs)
                        if not pd.isna(pv):
                            attrs[f"{lay}_p_value"] = float(pv)
                        if not pd.isna(qv):
                            attrs[f"{lay}_q_value"] = float(qv)
                    g.add_edge(pair[0], pair[1], **attrs)
                pair, group = (src, dst), []
            group.append((layer, weight, observed, p, q))
        if node_data is not None:
            if {"platform", "account_id"} <= set(node_data.columns):
                node_data = node_data.set_index(account_keys(node_data).astype(str).to_numpy())
            node_data = node_data[node_data.index.isin(list(g.nodes))]
            for col in node_data.columns:
                values = node_data[col]
                nx.set_node_attributes(g, {k: _plain(v) for k, v in values.items() if k in g}, col)
        return g


def _plain(value: object) -> object:
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if value is pd.NA or value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return value if isinstance(value, (int, float, str, bool)) else str(value)


def account_graph(
    comments: pd.DataFrame,
    *,
    window_s: float | str = DEFAULT_WINDOW_S,
    alpha: float = 0.01,
    min_co_posts: int = 2,
    min_shared_posts: int = 4,
    min_shared_texts: float = 2.0,
    min_shared_targets: int = 3,
    min_similar_texts: float = 0.5,
    normalized: pd.Series | None = None,
    layers: tuple[str, ...] = DEFAULT_LAYERS,
    n_jobs: int | None = None,
    engine: Engine | None = None,
    texts: TextCodes | None = None,
) -> AccountGraph:
    """Build the fused account graph from a canonical comment table.

    Parameters
    ----------
    comments : pandas.DataFrame
        Validated comment table.
    window_s : float or "auto", default 300
        Co-comment window in seconds. Comments whose ``time_precision_s`` exceeds half the window
        do not enter the co-comment layer (their times cannot say who was first or how close).
        ``"auto"`` learns from the dump how quickly its groups strike: each of
        :data:`AUTO_WINDOWS` is tried at ``alpha`` divided by their number and the one giving the
        most significant pairs is kept (the smaller on ties); ``graph.window_s`` says which, and
        ``graph.params["window_scores"]`` what each found.
    alpha : float, default 0.01
        False discovery rate of the co-comment and co-post layers (edges kept have q < alpha).
    min_co_posts, min_shared_posts, min_shared_texts, min_shared_targets
        Smallest evidence tested in each layer (posts met on within the window, posts shared,
        near-identical texts shared, answered accounts shared).
    min_similar_texts : float, default 0.5
        Fewest texts shared (counted as for ``min_shared_texts``, from partial matches too) for a
        weak link of similar texts (``weak_links`` layer ``similar_text``), which only groups
        flagged accounts left out of every other cluster (:func:`similar_text_clusters`).
    normalized : pandas.Series, optional
        The comments' texts already passed through :func:`botwatch.text.normalize_series`.
    layers : tuple of str, default :data:`DEFAULT_LAYERS`
        The layers to build, from :data:`LAYERS` (``co_comment``, ``co_post``, ``co_reply``,
        ``near_duplicate``).
    n_jobs : int, optional
        Layers built at once, in threads (joblib's convention: None is 1, -1 is every core). The
        graph is the same for every value.
    engine : MemoryEngine or DaskEngine, optional
        Where the per-chunk work of the text layer runs (normalising the texts when ``normalized``
        is not given, their MinHash signatures); in this process when omitted. The pair
        statistics of every layer run in this process. The graph is the same on every engine.
    texts : TextCodes, optional
        The comments' texts as :func:`botwatch.text.normalize_codes` gives them for these
        comments, so that the text layer does not factorise them again; ``normalized``, when
        given too, must agree with them, and defaults to their normal forms. The graph is the
        same with or without.

    Returns
    -------
    AccountGraph

    Examples
    --------
    >>> from botwatch.datasets import simulate
    >>> g = account_graph(simulate(seed=3).comments)
    >>> sorted(g.edges["layer"].unique())
    ['co_comment', 'near_duplicate']
    """
    unknown = set(layers) - set(LAYERS)
    if unknown:
        raise ValueError(f"unknown layer(s) {sorted(unknown)}; choose from {list(LAYERS)}")
    c = _codes(comments)
    accounts, acc_code, first, n = c.accounts, c.acc_code, c.first, len(c.accounts)

    def co_comment_at(w: float, a: float) -> LayerResult:
        t = first[first["precision"] <= w / 2]
        return co_comment_layer(
            t["acc"].to_numpy(),
            t["post"].to_numpy(),
            t["t"].to_numpy(),
            n,
            window_s=w,
            min_posts=min_co_posts,
            alpha=a,
            weak=True,
        )

    window_scores: dict[float, int] = {}
    tasks: dict[str, Callable[[], LayerResult]] = {}
    if isinstance(window_s, str):
        if window_s != "auto":
            raise ValueError(f"window_s must be a number of seconds or 'auto', got {window_s!r}")
        # The window at which the co-comment evidence is strongest: each candidate is tested at
        # alpha divided by their number, so choosing among them keeps the error rate. The chosen
        # window's edges are those already found.
        tried = {w: co_comment_at(w, alpha / len(AUTO_WINDOWS)) for w in AUTO_WINDOWS}
        window_scores = {w: len(found.edges) for w, found in tried.items()}
        window_s = max(AUTO_WINDOWS, key=lambda w: (window_scores[w], -w))
        if "co_comment" in layers:
            tasks["co_comment"] = partial(tried.__getitem__, window_s)
    elif "co_comment" in layers:
        tasks["co_comment"] = partial(co_comment_at, float(window_s), alpha)
    window_s = float(window_s)
    timed = first[first["precision"] <= window_s / 2]
    if "co_post" in layers:
        tasks["co_post"] = partial(
            co_post_layer,
            first["acc"].to_numpy(),
            first["post"].to_numpy(),
            first["page"].to_numpy(),
            n,
            min_shared=min_shared_posts,
            alpha=alpha,
            weak=True,
        )
    if "co_reply" in layers:
        replier, target = _reply_targets(comments, acc_code, c.page_key)
        tasks["co_reply"] = partial(
            co_reply_layer, replier, target, n, min_shared=min_shared_targets, alpha=alpha
        )
    if "near_duplicate" in layers:
        if normalized is None:
            normalized = (
                normalize_series(comments["text"], engine=engine)
                if texts is None
                else texts.normalized(comments.index)
            )
        post_of_comment = np.full(len(comments), -1, dtype=np.int64)
        post_of_comment[c.has_post] = c.post_codes
        tasks["near_duplicate"] = partial(
            near_duplicate_layer,
            acc_code,
            normalized.to_numpy(dtype=object),
            n,
            post_of_comment,
            c.page_key,
            min_shared=min_shared_texts,
            alpha=alpha,
            weak=True,
            similar_min_shared=min_similar_texts,
            engine=engine,
            factorized=None if texts is None else (texts.norm, texts.norm_distinct),
        )
    # The layers are independent: with n_jobs they run side by side in threads (numpy and scipy
    # release the interpreter lock in their sorts and products). Each is deterministic, so the
    # graph does not depend on n_jobs.
    done = Parallel(n_jobs=n_jobs, prefer="threads")(delayed(task)() for task in tasks.values())
    results: dict[str, LayerResult] = dict(zip(tasks, done, strict=True))
    weak = [
        r.weak
        for name, r in results.items()
        if name in ("co_comment", "near_duplicate") and r.weak is not None
    ]
    weak_links = pd.concat(weak, ignore_index=True) if weak else None
    copies = np.zeros((len(comments), 2), dtype=np.int64)
    if "near_duplicate" in results and results["near_duplicate"].copies is not None:
        copies = results["near_duplicate"].copies
    edges = _merged_edges(results, accounts)
    edges["posts"] = co_comment_posts(timed, edges, n, window_s, c.post_names)
    edges = edges.sort_values(["layer", "a", "b"], kind="stable").reset_index(drop=True)
    return AccountGraph(
        accounts=accounts,
        edges=edges,
        near_copies=pd.DataFrame(copies, index=comments.index, columns=["anywhere", "same_post"]),
        window_s=window_s,
        params={
            "alpha": alpha,
            "min_co_posts": min_co_posts,
            "min_shared_posts": min_shared_posts,
            "min_shared_texts": min_shared_texts,
            "min_shared_targets": min_shared_targets,
            "min_similar_texts": min_similar_texts,
            "window_scores": window_scores,
            "layers": tuple(layers),
        },
        weak_links=weak_links,
        co_post_weak_pairs=results["co_post"].weak_pairs if "co_post" in results else None,
    )


@dataclass(frozen=True)
class _Codes:
    """Integer codes of a comment table's accounts, pages and posts, and each account's first
    comment on each post."""

    accounts: pd.Index
    acc_code: np.ndarray
    has_post: np.ndarray
    page_key: np.ndarray
    post_codes: np.ndarray
    post_names: np.ndarray
    first: pd.DataFrame


def _page_keys(comments: pd.DataFrame) -> np.ndarray:
    """An integer code of each comment's (platform, page), from each column's sorted codes: no
    string is concatenated per row."""
    plat = pd.factorize(comments["platform"].astype("string"), sort=True)[0].astype(np.int64)
    page_raw, _ = pd.factorize(comments["page_id"].astype("string"), sort=True)
    return plat * (int(page_raw.max(initial=0)) + 1) + page_raw


def _codes(comments: pd.DataFrame) -> _Codes:
    keys = account_keys(comments)
    acc_code, uniques = pd.factorize(keys, sort=True)
    accounts = pd.Index(uniques, name="account_id").astype("str")
    has_post = comments["post_id"].notna().to_numpy()
    # Integer codes of (platform, page) and (platform, page, post), from each column's sorted codes:
    # no string is concatenated per row.
    page_key = _page_keys(comments)
    post_raw, post_ids = pd.factorize(comments["post_id"].astype("string"), sort=True)
    post_key = page_key * (int(post_raw.max(initial=0)) + 1) + post_raw
    post_codes, post_first = pd.factorize(post_key[has_post], sort=True)
    page_codes, _ = pd.factorize(page_key[has_post], sort=True)
    post_names = np.asarray(post_ids, dtype=object)[post_first % (int(post_raw.max(initial=0)) + 1)]
    times = comments["created_at"].to_numpy(dtype="datetime64[ns]").astype(np.int64) / 1e9
    precision = comments["time_precision_s"].to_numpy()
    # One row per (account, post): its first comment there.
    base = pd.DataFrame(
        {
            "acc": acc_code[has_post],
            "post": post_codes,
            "page": page_codes,
            "t": times[has_post],
            "precision": precision[has_post],
        }
    )
    first = base.sort_values(["acc", "post", "t"], kind="stable").drop_duplicates(["acc", "post"])
    return _Codes(accounts, acc_code, has_post, page_key, post_codes, post_names, first)


def shared_line_pairs(
    comments: pd.DataFrame,
    *,
    rates: str = "occasional",
    max_words: int = 4,
    min_shared: int = 2,
    max_accounts: int = 300,
    alpha: float = 0.01,
    normalized: pd.Series | None = None,
) -> pd.DataFrame:
    """Pairs of accounts sharing more short lines than their pages predict.

    A crew rotating a few short lines ("Молодцы, так держать!") is not linked by the
    near-duplicate layer, which leaves texts under five words out. These pairs share such lines
    beyond chance (:func:`botwatch.graph.shared_line_layer`, where the null models and their
    limits are given). The account graph does not hold them: on some pages they link people who
    share a vocabulary rather than an operator. The model reads the occasional writers' pairs
    among three or more linked accounts (the feature ``line_partners_log``), as copying evidence.

    Parameters
    ----------
    comments : pandas.DataFrame
        Validated comment table.
    rates : {"occasional", "writers"}, default "occasional"
        How common each line is on its page (see :func:`botwatch.graph.shared_line_layer`).
    max_words : int, default 4
        Texts of at most this many words (after normalising) are short lines.
    min_shared, max_accounts, alpha
        As for :func:`botwatch.graph.shared_line_layer`.
    normalized : pandas.Series, optional
        The comments' texts already passed through :func:`botwatch.text.normalize_series`.

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``source``, ``target`` (account keys), ``observed`` (lines shared,
        counted once per page), ``expected``, ``p_value`` and ``q_value``, strongest first.

    Examples
    --------
    >>> from botwatch.datasets import simulate
    >>> pairs = shared_line_pairs(simulate(seed=3).comments, rates="occasional")
    >>> list(pairs.columns)
    ['source', 'target', 'observed', 'expected', 'p_value', 'q_value']
    >>> bool((pairs["q_value"] < 0.01).all())
    True
    """
    if normalized is None:
        normalized = normalize_series(comments["text"])
    acc_code, accounts = pd.factorize(account_keys(comments), sort=True)
    line_of, texts = pd.factorize(normalized.to_numpy(dtype=object))
    edges = short_line_edges(
        comments,
        acc_code,
        len(accounts),
        line_of,
        np.asarray(texts, dtype=object),
        rates=rates,
        max_words=max_words,
        min_shared=min_shared,
        max_accounts=max_accounts,
        alpha=alpha,
    )
    names = pd.Index(accounts, name="account_id").astype("str")
    out = pd.DataFrame(
        {
            "source": names[edges["a"].to_numpy(dtype=np.int64)],
            "target": names[edges["b"].to_numpy(dtype=np.int64)],
            "observed": edges["observed"].to_numpy(),
            "expected": edges["expected"].to_numpy(),
            "p_value": edges["p_value"].to_numpy(),
            "q_value": edges["q_value"].to_numpy(),
        }
    )
    return out.sort_values(["p_value", "source", "target"], kind="stable").reset_index(drop=True)


def short_line_edges(
    comments: pd.DataFrame,
    account: np.ndarray,
    n_accounts: int,
    line: np.ndarray,
    lines: np.ndarray,
    *,
    rates: str = "occasional",
    max_words: int = 4,
    min_shared: int = 2,
    max_accounts: int = 300,
    alpha: float = 0.01,
) -> pd.DataFrame:
    """:func:`shared_line_layer` of every comment's normalised text, on codes: the short ones
    (one to ``max_words`` words) are its lines, each compared within its page.

    ``account`` and ``line`` are per comment of ``comments`` (``line`` a code into ``lines``, the
    distinct normalised texts; -1 or a missing text is no line). Returns the layer's edges, with
    ``a`` and ``b`` account codes.
    """
    n_words = word_counts(lines)
    known = line >= 0
    short = np.zeros(len(line), dtype=bool)
    short[known] = (n_words[line[known]] >= 1) & (n_words[line[known]] <= max_words)
    return shared_line_layer(
        account[short],
        line[short],
        _page_keys(comments)[short],
        n_accounts,
        rates=rates,
        min_shared=min_shared,
        max_accounts=max_accounts,
        alpha=alpha,
    ).edges


def _merged_edges(results: dict[str, LayerResult], accounts: pd.Index) -> pd.DataFrame:
    """Every layer's edges in one table, in the order of :data:`LAYERS`, with the account keys."""
    frames = [results[name].edges for name in LAYERS if name in results]
    if not frames:
        frames.append(empty_edges())
    edges = (
        pd.concat([f for f in frames if len(f)], ignore_index=True)
        if any(len(f) for f in frames)
        else frames[0]
    )
    edges["source"] = accounts[edges["a"].to_numpy(dtype=np.int64)]
    edges["target"] = accounts[edges["b"].to_numpy(dtype=np.int64)]
    return edges


def _reply_targets(
    comments: pd.DataFrame, acc_code: np.ndarray, page_key: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Replier and answered account (codes) of every reply whose parent is in the table."""
    parent = comments["parent_id"].astype("string")
    has_parent = parent.notna().to_numpy()
    if not has_parent.any():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    ids = pd.Index(comments["comment_id"].astype("string").unique())
    width = np.int64(len(ids) + 1)
    own = page_key.astype(np.int64) * width + ids.get_indexer(comments["comment_id"].astype("string"))
    par_code = ids.get_indexer(parent[has_parent])
    found = par_code >= 0
    wanted = page_key[has_parent][found].astype(np.int64) * width + par_code[found]
    order = np.argsort(own, kind="stable")
    pos = np.minimum(np.searchsorted(own[order], wanted), len(own) - 1)
    hit = own[order][pos] == wanted
    replier = acc_code[has_parent][found][hit]
    target = acc_code[order][pos][hit]
    return replier.astype(np.int64), target.astype(np.int64)


def co_comment_posts(
    timed: pd.DataFrame, edges: pd.DataFrame, n: int, window_s: float, post_names: np.ndarray
) -> list[str]:
    """Evidence for each co-comment edge: the posts where the pair commented within the window."""
    from botwatch.graph._pairs import encode_pairs, window_pairs

    out = [""] * len(edges)
    cc = edges["layer"].to_numpy() == "co_comment"
    if not cc.any():
        return out
    wanted = encode_pairs(edges["a"].to_numpy()[cc], edges["b"].to_numpy()[cc], n)
    linked = np.unique(np.r_[edges["a"].to_numpy()[cc], edges["b"].to_numpy()[cc]])
    t = timed[timed["acc"].isin(linked)].sort_values(["post", "t", "acc"], kind="stable")
    acc, post, tt = t["acc"].to_numpy(), t["post"].to_numpy(), t["t"].to_numpy()
    found_keys, found_posts = [], []
    for i, j in window_pairs(post, tt, window_s):
        keys = encode_pairs(acc[i], acc[j], n)
        hit = np.isin(keys, wanted)
        found_keys.append(keys[hit])
        found_posts.append(post[i][hit])
    if not found_keys:
        return out
    fk = np.concatenate(found_keys)
    fp = np.concatenate(found_posts)
    series = pd.Series(post_names[fp].astype(str))
    joined = series.groupby(fk).agg(lambda s: ";".join(sorted(set(s))))
    positions = np.flatnonzero(cc)
    for pos, key in zip(positions, wanted, strict=True):
        out[pos] = joined.get(key, "")
    return out


TEXT_LAYERS = ("near_duplicate", "near_duplicate_suspects")
"""Layers of shared texts, whose links :func:`split_by_text` reads."""


ACTION_LAYERS = ("co_comment", "co_post", SUSPECT_LAYER)
"""Layers of acting together (the same posts, within the window), whose links
:func:`split_by_action` reads."""


LABEL_SEP = "\x1f"
"""Separator of the parts of a post label (no id holds it)."""


def post_labels(comments: pd.DataFrame, *, page_only: bool = False) -> pd.Series:
    """One string per comment naming its post by platform, page and id together (or its page).

    For the few rows a caller handles by name; :func:`account_graph` uses integer codes instead.
    The post id is the label's last part.
    """
    page = comments["platform"].astype(str) + LABEL_SEP + comments["page_id"].astype(str)
    return page if page_only else page + LABEL_SEP + comments["post_id"].astype(str)
