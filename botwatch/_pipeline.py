"""From a comment table to scores, clusters and evidence: the one path every entry point takes.

``analyze`` runs the graph, cluster and feature stages; ``score`` adds the model and assembles the
result tables. Training (``botwatch.models.train``) uses ``analyze`` too, so that the model sees
features computed exactly as they are at scoring time.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone

from botwatch._engine import Engine
from botwatch._evidence import account_examples, account_reasons
from botwatch._lang import check_lang, tr
from botwatch._progress import Steps, release_memory
from botwatch._result import Analysis, ScoreResult
from botwatch.features import account_features
from botwatch.graph import (
    DEFAULT_LAYERS,
    DEFAULT_WINDOW_S,
    SUSPECT_LAYERS,
    AccountGraph,
    ClusterFinder,
    ClusterRefiner,
    ClusterState,
    account_graph,
    account_keys,
    account_table_keys,
)
from botwatch.models import load_model
from botwatch.schema import (
    ACCOUNT_COLUMNS,
    COMMENT_COLUMNS,
    DEFAULT_TZ,
    Column,
    Validated,
    empty_rejected,
    key_account_ids,
    validate_accounts,
    validate_comments,
)
from botwatch.text import comparison_keys, normalize_codes
from botwatch.views import choose_period, page_and_post_tables

__all__ = ["DEFAULT_THRESHOLD", "Analysis", "ScoreResult", "analyze", "score"]

logger = logging.getLogger(__name__)


# Seconds each step took on the 883k-comment benchmark dump: the progress bar's weights.
_ANALYZE_STEPS = {"normalise": 11.0, "graph": 30.0, "clusters": 4.0, "features": 19.0}
_SCORE_STEPS = {**_ANALYZE_STEPS, "predict": 2.0, "reasons": 25.0, "tables": 20.0}


DEFAULT_THRESHOLD = 0.5
"""Accounts with ``bot_score`` at or above this are suspects: more likely inauthentic than not."""


@dataclass(frozen=True)
class _Settings:
    """The settings of one run, as :func:`score` and :func:`analyze` take them."""

    window_s: float | str = DEFAULT_WINDOW_S
    tz: str = DEFAULT_TZ
    random_state: int = 0
    layers: tuple[str, ...] = DEFAULT_LAYERS
    n_jobs: int | None = -1
    threshold: float = DEFAULT_THRESHOLD
    base_rate: float | None = None
    period: str = "auto"
    lang: str = "en"
    salt: str | None = None
    refiner: ClusterRefiner | None = None
    finder: ClusterFinder | None = None
    engine: Engine | None = None


def _is_canonical(df: pd.DataFrame, columns: tuple[Column, ...] = COMMENT_COLUMNS) -> bool:
    """Whether a table already has every canonical column, with zoned times."""
    return all(c.name in df.columns for c in columns) and isinstance(
        df["created_at"].dtype, pd.DatetimeTZDtype
    )


def analyze(
    comments: pd.DataFrame,
    accounts: pd.DataFrame | None = None,
    *,
    window_s: float | str = DEFAULT_WINDOW_S,
    tz: str = DEFAULT_TZ,
    random_state: int = 0,
    layers: tuple[str, ...] = DEFAULT_LAYERS,
    n_jobs: int | None = -1,
    progress: bool | None = False,
    finder: ClusterFinder | None = None,
    engine: Engine | None = None,
) -> Analysis:
    """Build the account graph, its clusters and the per-account features.

    Parameters
    ----------
    comments : pandas.DataFrame
        Validated canonical comment table.
    accounts : pandas.DataFrame, optional
        Validated canonical account table.
    window_s : float or "auto", default 300
        Co-comment window in seconds, or ``"auto"`` to learn it from the dump (see
        :func:`botwatch.graph.account_graph`).
    tz : str, default "Asia/Almaty"
        Local zone of the pages.
    random_state : int, default 0
        Seed of the community detection.
    layers : tuple of str, default :data:`botwatch.graph.DEFAULT_LAYERS`
        Graph layers to build.
    n_jobs : int, default -1
        Graph layers built at once, in threads (-1: as many as there are cores; None or 1: one
        after the other); results do not depend on it.
    progress : bool or None, default False
        Show a progress bar (None: only in a terminal). Each step is also logged at INFO level.
    finder : ClusterFinder, optional
        Finds the graph's clusters (:class:`botwatch.graph.ClusterFinder` with ``random_state``
        when omitted; a given one is cloned, not changed). See :func:`score` on what it changes.
    engine : MemoryEngine or DaskEngine, optional
        Where the per-chunk stages run; in this process when omitted. See :func:`score`.

    Returns
    -------
    Analysis
    """
    steps = Steps(logger, _ANALYZE_STEPS, desc="analysing", progress=progress)
    try:
        settings = _Settings(
            window_s=window_s,
            tz=tz,
            random_state=random_state,
            layers=tuple(layers),
            n_jobs=n_jobs,
            finder=finder,
            engine=engine,
        )
        return _analyze(comments, accounts, steps, settings)
    finally:
        steps.close()


def _analyze(
    comments: pd.DataFrame, accounts: pd.DataFrame | None, steps: Steps, settings: _Settings
) -> Analysis:
    steps.start("normalising texts")
    # Once, for the text layer, the features and the page and post tables.
    texts = normalize_codes(comments["text"], engine=settings.engine)
    normalized = texts.normalized(comments.index)
    steps.done("normalise", f"texts normalised: {len(comments):,} comments")
    steps.start("building the account graph")
    graph = account_graph(
        comments,
        window_s=settings.window_s,
        normalized=normalized,
        layers=settings.layers,
        n_jobs=settings.n_jobs,
        engine=settings.engine,
        texts=texts,
    )
    steps.done("graph", f"account graph built: {len(graph.edges):,} significant links")
    steps.start("finding clusters")
    finder = settings.finder
    finder = ClusterFinder(random_state=settings.random_state) if finder is None else clone(finder)
    labels = finder.fit_predict(graph.adjacency())
    steps.done("clusters", f"clusters found: {int(labels.max()) + 1 if len(labels) else 0}")
    steps.start("computing features")
    features, observed = account_features(
        comments,
        accounts,
        graph,
        labels,
        tz=settings.tz,
        normalized=normalized,
        return_observed=True,
        texts=texts,
    )
    steps.done("features", f"features computed for {len(features):,} accounts")
    return Analysis(
        comments=comments,
        accounts=accounts,
        graph=graph,
        labels=labels,
        features=features,
        normalized=normalized,
        observed=observed,
        texts=texts,
    )


def score(
    comments: pd.DataFrame,
    accounts: pd.DataFrame | None = None,
    *,
    model: Any = None,
    threshold: float = DEFAULT_THRESHOLD,
    base_rate: float | None = None,
    window_s: float | str = DEFAULT_WINDOW_S,
    tz: str = DEFAULT_TZ,
    rejected: pd.DataFrame | None = None,
    random_state: int = 0,
    layers: tuple[str, ...] = DEFAULT_LAYERS,
    n_jobs: int | None = -1,
    period: str = "auto",
    lang: str = "en",
    progress: bool | None = False,
    salt: str | None = None,
    refiner: ClusterRefiner | None = None,
    finder: ClusterFinder | None = None,
    engine: Engine | None = None,
) -> ScoreResult:
    """Score every account of a comment table.

    Parameters
    ----------
    comments : pandas.DataFrame
        Comment table with canonical column names. If it is not validated yet, it is validated
        here and the unusable rows are reported in ``result.rejected``.
    accounts : pandas.DataFrame, optional
        Account (profile) table with canonical column names.
    model : estimator or path, optional
        A fitted classifier, or a model envelope from :func:`botwatch.models.load_model`; the
        default model shipped with botwatch when omitted.
    threshold : float, default 0.5
        ``is_suspect`` is ``bot_score >= threshold``.
    base_rate : float, optional
        Share of inauthentic accounts you expect; shifts the probabilities accordingly.
    window_s : float or "auto", default 300
        Co-comment window in seconds, or ``"auto"`` to learn it from the dump (see
        :func:`botwatch.graph.account_graph`).
    tz : str, default "Asia/Almaty"
        Zone for naive timestamps and for the daily rhythm.
    rejected : pandas.DataFrame, optional
        Rows a reader already rejected, carried into the result.
    random_state : int, default 0
        Seed of the community detection; scores are deterministic for a fixed input and seed.
    layers : tuple of str, default :data:`botwatch.graph.DEFAULT_LAYERS`
        Graph layers to build (add ``co_reply`` for accounts answering the same people).
    n_jobs : int, default -1
        Graph layers built at once, in threads (-1: as many as there are cores; None or 1: one
        after the other); results do not depend on it.
    period : {"auto", "day", "week", "month"}, default "auto"
        Period of the page view (``result.pages``).
    lang : {"en", "ru", "kk"}, default "en"
        Language of the texts written for readers: reasons, examples and unavailable signals
        (English, Russian or Kazakh); the report takes it from ``result.meta["lang"]``.
    progress : bool or None, default False
        Show a progress bar (None: only in a terminal; in Jupyter it is a widget). Each step is
        also logged at INFO level with its time.
    salt : str, optional
        Pseudonymise: once the accounts are scored, every account id, handle and display name is
        replaced by a pseudonym made with this secret before any output is made, handles and
        ids are replaced in the texts, and rejected rows lose their raw values (see
        :mod:`botwatch.privacy`; :func:`botwatch.privacy.pseudonym_key` gives the key). Scores
        and clusters are the same as without it.
    refiner : ClusterRefiner, optional
        The steps that make the published clusters from the graph's clusters and the flagged
        accounts, with their settings; :class:`botwatch.graph.ClusterRefiner` with its default
        steps when omitted. Scores do not depend on it.
    finder : ClusterFinder, optional
        Finds the graph's clusters before the model (:class:`botwatch.graph.ClusterFinder` with
        ``random_state`` when omitted; a given one is cloned). These clusters are features: the
        default model was trained with the default finder, so other settings change the scores,
        not only the clusters. A run records the settings that differ
        (``result.meta["graph_cluster_settings"]``).
    engine : MemoryEngine or DaskEngine, optional
        Where the stages whose work is per item and pure run: normalising the distinct texts and
        their MinHash signatures, in chunks. :class:`botwatch.MemoryEngine` (the default) runs
        them in this process; a started :class:`botwatch.DaskEngine` runs each chunk as a task on
        a Dask cluster. Every other stage runs in this process, and every result is the same on
        every engine.

    Returns
    -------
    ScoreResult

    Examples
    --------
    >>> import botwatch
    >>> from botwatch.datasets import simulate
    >>> world = simulate(seed=7)
    >>> result = botwatch.score(world.comments, world.accounts)
    >>> sorted(result.accounts.columns[:4])
    ['account_id', 'bot_score', 'handle', 'platform']
    >>> bool(result.accounts["bot_score"].between(0, 1).all())
    True
    """
    check_lang(lang)
    rejected_parts = [rejected] if rejected is not None and len(rejected) else []
    meta: dict[str, Any] = {
        "lang": lang,
        "window_s": window_s,
        "layers": list(layers),
        "tz": tz,
        "threshold": threshold,
        "base_rate": base_rate,
    }
    if not _is_canonical(comments):
        v = validate_comments(comments, tz=tz)
        comments = v.table
        rejected_parts.append(v.rejected)
        meta["n_duplicates"] = v.n_duplicates
        meta["assumed_tz"] = v.assumed_tz
    if accounts is not None and not _is_canonical(accounts, ACCOUNT_COLUMNS):
        va: Validated = validate_accounts(accounts, tz=tz)
        accounts = va.table
        rejected_parts.append(va.rejected)
    if len(comments) == 0:
        from botwatch.errors import InputError

        raise InputError("no usable comments: every row was rejected (see the rejected table)")
    steps = Steps(logger, _SCORE_STEPS, desc="scoring", progress=progress)
    try:
        settings = _Settings(
            window_s=window_s,
            tz=tz,
            random_state=random_state,
            layers=tuple(layers),
            n_jobs=n_jobs,
            threshold=threshold,
            base_rate=base_rate,
            period=period,
            lang=lang,
            salt=salt,
            refiner=refiner,
            finder=finder,
            engine=engine,
        )
        return _score(comments, accounts, steps, meta, rejected_parts, model, settings)
    finally:
        steps.close()


def _score(
    comments: pd.DataFrame,
    accounts: pd.DataFrame | None,
    steps: Steps,
    meta: dict[str, Any],
    rejected_parts: list[pd.DataFrame],
    model: Any,
    settings: _Settings,
) -> ScoreResult:
    analysis = _analyze(comments, accounts, steps, settings)
    threshold, tz, lang = settings.threshold, settings.tz, settings.lang
    if settings.refiner is not None and settings.refiner.changed_settings():
        meta["cluster_settings"] = settings.refiner.changed_settings()
    if settings.finder is not None:
        default = ClusterFinder().get_params()
        changed = {k: v for k, v in settings.finder.get_params().items() if default.get(k) != v}
        changed.pop("random_state", None)  # the run's seed, stated apart
        if changed:
            meta["graph_cluster_settings"] = changed
    meta["window_s"] = analysis.graph.window_s  # the one used, when it was learnt ("auto")
    envelope = load_model() if model is None else model
    estimator = envelope["model"] if isinstance(envelope, dict) else envelope
    if settings.base_rate is not None:
        if "base_rate" not in getattr(estimator, "get_params", dict)():
            raise ValueError(f"{type(estimator).__name__} has no base_rate to set")
        # A copy, so that the caller's model keeps its own base rate.
        estimator = copy.deepcopy(estimator).set_params(base_rate=settings.base_rate)
    X = analysis.features
    steps.start("scoring accounts")
    proba = estimator.predict_proba(X)[:, 1]
    meta["model"] = (
        envelope.get("training_data", "") if isinstance(envelope, dict) else type(estimator).__name__
    )
    steps.done("predict", "accounts scored")
    analysis = _refine(analysis, proba >= threshold, settings.random_state, settings.refiner)
    release_memory()  # what refining the clusters freed (a tenth of the peak at ten million)
    if settings.salt is not None:
        from botwatch.privacy import blank_rejected_values, pseudonymize_analysis

        # Every output below is made from the pseudonymised tables: nothing names an account.
        analysis = pseudonymize_analysis(analysis, settings.salt)
        X = analysis.features
        comments = analysis.comments
        rejected_parts = [blank_rejected_values(r) for r in rejected_parts]
        meta["pseudonymized"] = True
    steps.start("writing reasons and evidence")
    accounts_out, reason_terms = _account_table(analysis, proba, threshold, estimator, tz=tz, lang=lang)
    steps.done("reasons", "reasons and evidence written")
    steps.start("tabulating clusters, pages and posts")
    clusters_out = _cluster_table(analysis, accounts_out, lang=lang, tz=tz)
    edges_out = _edge_table(analysis.graph)
    meta.update(_coverage(comments))
    rejected_all = pd.concat(rejected_parts, ignore_index=True) if rejected_parts else empty_rejected()
    meta["n_rejected"] = int((rejected_all["action"] == "row left out").sum()) if len(rejected_all) else 0
    meta["period"] = choose_period(comments) if settings.period == "auto" else settings.period
    pages_out, posts_out = page_and_post_tables(
        comments, analysis.normalized, accounts_out, period=meta["period"], tz=tz, texts=analysis.texts
    )
    steps.done("tables", "clusters, links, pages and posts tabulated")
    return ScoreResult(
        accounts=accounts_out,
        clusters=clusters_out,
        edges=edges_out,
        rejected=rejected_all,
        features=X,
        graph=analysis.graph,
        threshold=threshold,
        comments=comments,
        normalized=analysis.normalized,
        meta=meta,
        posts=posts_out,
        pages=pages_out,
        reason_terms=reason_terms,
    )


def _refine(
    analysis: Analysis, suspect: np.ndarray, random_state: int, refiner: ClusterRefiner | None
) -> Analysis:
    """The analysis with its clusters refined by the model's flags (:class:`ClusterRefiner`) and
    the weak links that join accounts to their clusters added to the published graph's edges.
    The features, computed before, do not change."""
    graph = analysis.graph
    pos = graph.accounts.get_indexer(analysis.features.index)
    flagged = np.zeros(len(graph.accounts), dtype=bool)
    flagged[pos[pos >= 0]] = np.asarray(suspect, dtype=bool)[pos >= 0]
    state = ClusterState.start(
        graph,
        analysis.comments,
        analysis.labels,
        flagged,
        created=_registered(analysis),
        random_state=random_state,
    )
    state = (ClusterRefiner() if refiner is None else refiner).transform(state)
    return replace(analysis, graph=state.linked_graph(), labels=state.labels)


def _registered(analysis: Analysis) -> np.ndarray | None:
    """Registration time of each account of the graph from the account table, ``NaT`` where
    unknown; None without a table that gives any."""
    accounts = analysis.accounts
    if accounts is None or "created_at" not in accounts.columns or not accounts["created_at"].notna().any():
        return None
    keys = account_table_keys(accounts, analysis.comments).to_numpy()
    created = pd.Series(accounts["created_at"].to_numpy(), index=keys)
    created = created[~created.index.duplicated()]
    return created.reindex(analysis.graph.accounts).to_numpy()


def _coverage(comments: pd.DataFrame) -> dict[str, Any]:
    created = comments["created_at"]
    return {
        "n_comments": len(comments),
        "n_accounts": int(account_keys(comments).nunique()),
        "n_pages": int(comments["page_id"].nunique()),
        "n_posts": int(comments["post_id"].nunique()),
        "platforms": sorted(comments["platform"].astype(str).unique().tolist()),
        "first_comment_at": str(created.min()),
        "last_comment_at": str(created.max()),
        "coarse_time_share": float((comments["time_precision_s"] > 60).mean()),
    }


def _account_table(
    analysis: Analysis,
    proba: np.ndarray,
    threshold: float,
    estimator: Any = None,
    tz: str = DEFAULT_TZ,
    lang: str = "en",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    comments = analysis.comments
    index = analysis.features.index
    # Grouped by account code, each key read once; ``at`` is each row's code (-1 for none).
    code, keys = pd.factorize(account_keys(comments))
    at = pd.Index(np.asarray(keys, dtype=object)).get_indexer(index)
    # Only the columns read below: grouping the whole table would copy every text once more.
    used = ["account_id", "platform", "account_handle", "post_id", "page_id", "created_at"]
    grouped = comments[used].groupby(code, sort=True)
    first = grouped.first()
    pos = analysis.graph.accounts.get_indexer(index)
    labels = analysis.labels[pos]
    out = pd.DataFrame(
        {
            "account_id": first["account_id"].reindex(at).to_numpy(),
            "platform": first["platform"].astype(str).reindex(at).to_numpy(),
            "handle": first["account_handle"].reindex(at).to_numpy(),
            "bot_score": np.round(proba, 4),
            "is_suspect": proba >= threshold,
            "cluster_id": pd.array(np.where(labels >= 0, labels, -1), dtype="Int64"),
            "n_comments": grouped.size().reindex(at).to_numpy(),
            "n_posts": grouped["post_id"].nunique().reindex(at).to_numpy(),
            "n_pages": grouped["page_id"].nunique().reindex(at).to_numpy(),
            "first_comment_at": grouped["created_at"].min().reindex(at).array,
            "last_comment_at": grouped["created_at"].max().reindex(at).array,
        },
        index=index,
    )
    out["cluster_id"] = out["cluster_id"].mask(out["cluster_id"] < 0)
    if analysis.accounts is not None and "handle" in analysis.accounts:
        prof = analysis.accounts.drop_duplicates("account_id").set_index("account_id")["handle"]
        out["handle"] = out["handle"].fillna(out["account_id"].map(prof))
    reasons, unavailable, structured = account_reasons(analysis, out, estimator, lang=lang)
    out["reasons"] = reasons
    del reasons  # the column holds them now
    release_memory()  # the terms and their orderings, before the examples are chosen
    examples = account_examples(analysis, out, tz=tz, lang=lang)
    # Membership of a cluster is evidence of acting together, told first; the score itself rests
    # on the features, which the reasons state.
    cluster = out["cluster_id"].to_numpy(dtype="float64", na_value=np.nan)
    ids = pd.Series(cluster)
    size = ids.map(ids.value_counts()).to_numpy(dtype=float)
    evidence = list(examples)
    for i in np.flatnonzero(~np.isnan(cluster)).tolist():
        together = tr("acts_together", lang, k=int(size[i] - 1), c=int(cluster[i]))
        evidence[i] = f"{together}; {examples[i]}" if examples[i] else together
    out["evidence"] = evidence
    out["unavailable"] = unavailable
    out = out.rename_axis("account_key").sort_values(
        ["bot_score", "account_id"], ascending=[False, True], kind="stable"
    )
    return out.reset_index(drop=True), structured


_CLUSTER_COLUMNS = [
    "cluster_id",
    "size",
    "n_suspects",
    "mean_bot_score",
    "n_comments",
    "n_posts",
    "n_pages",
    "pages",
    "first_activity",
    "last_activity",
    "median_gap_s",
    "median_delay_s",
    "active_days",
    "peak_hours",
    "office_share",
    "night_share",
    "density",
    "layers",
    "linked_clusters",
    "typical_text",
    "shared_text_share",
    "members",
]


def _cluster_table(
    analysis: Analysis, accounts_out: pd.DataFrame, lang: str = "en", tz: str = DEFAULT_TZ
) -> pd.DataFrame:
    labels = analysis.labels
    if (labels < 0).all():
        return pd.DataFrame({c: pd.Series(dtype="object") for c in _CLUSTER_COLUMNS})
    comments = analysis.comments
    key = account_keys(comments).to_numpy()
    cluster_of = pd.Series(labels, index=analysis.graph.accounts)
    com_cluster = cluster_of.reindex(key).to_numpy()
    inside = com_cluster >= 0
    c = comments[inside].assign(_cluster=com_cluster[inside].astype(np.int64))
    c["_norm"] = analysis.normalized[inside].to_numpy()
    c["_key"] = key[inside]
    c["_same"] = comparison_keys(c["text"], c["_norm"]).to_numpy()
    scores = accounts_out.set_index(account_keys(accounts_out).astype(str).to_numpy())
    e = analysis.graph.edges
    la = labels[e["a"].to_numpy(dtype=np.int64)] if len(e) else np.zeros(0, dtype=np.int64)
    lb = labels[e["b"].to_numpy(dtype=np.int64)] if len(e) else np.zeros(0, dtype=np.int64)
    page_total = comments["page_id"].value_counts()
    linked_to = _linked_clusters(e, la, lb)
    id_of = key_account_ids(comments)
    rows = []
    for cid, grp in c.groupby("_cluster", sort=True):
        members = np.sort(analysis.graph.accounts[labels == cid].to_numpy().astype(str))
        s = scores.reindex(members)
        within = e[(la == cid) & (lb == cid)]
        n = len(members)
        pairs = within.drop_duplicates(["a", "b"])
        rows.append(
            {
                "cluster_id": int(cid),
                "size": n,
                "n_suspects": int(s["is_suspect"].sum()),
                "mean_bot_score": round(float(s["bot_score"].mean()), 4),
                **_cluster_activity(grp, page_total, lang, tz),
                "density": round(len(pairs) / (n * (n - 1) / 2), 3) if n > 1 else 0.0,
                "layers": ";".join(
                    f"{k}={v}" for k, v in within["layer"].value_counts().sort_index().items()
                ),
                "linked_clusters": linked_to.get(int(cid), ""),
                "typical_text": _typical_text(grp),
                "shared_text_share": _shared_text_share(grp),
                "members": ";".join(id_of.get(m, m) for m in members),
            }
        )
    return pd.DataFrame(rows, columns=_CLUSTER_COLUMNS)


def _linked_clusters(e: pd.DataFrame, la: np.ndarray, lb: np.ndarray) -> pd.Series:
    """Per cluster, the clusters its members have significant links with, as ``id:count`` pairs
    (each pair of accounts once, most links first): clusters a split set apart, or two crews of
    one operation, stay visibly linked."""
    significant = ~e["layer"].isin(list(SUSPECT_LAYERS.values())).to_numpy() if len(e) else np.zeros(0, bool)
    across = significant & (la >= 0) & (lb >= 0) & (la != lb)
    pairs_across = e.loc[across, ["a", "b"]].assign(ca=la[across], cb=lb[across]).drop_duplicates(["a", "b"])
    linked = (
        pd.concat([pairs_across[["ca", "cb"]], pairs_across[["cb", "ca"]].set_axis(["ca", "cb"], axis=1)])
        .value_counts()
        .rename("k")
        .reset_index()
        .sort_values(["ca", "k", "cb"], ascending=[True, False, True], kind="stable")
    )
    return (
        (linked["cb"].astype(str) + ":" + linked["k"].astype(str))
        .groupby(linked["ca"].to_numpy())
        .agg(";".join)
    )


def _typical_text(grp: pd.DataFrame) -> str:
    """The cluster's most frequent text (as written, by its normalised form), or ""."""
    texts = grp["_norm"][grp["_norm"].str.len() > 0]
    if not len(texts):
        return ""
    top = texts.value_counts().index[0]
    return grp.loc[texts[texts == top].index[0], "text"]


def _shared_text_share(grp: pd.DataFrame) -> float:
    """Share of the cluster's comments whose text another member also wrote, under any post.

    Texts are the same as :func:`botwatch.text.comparison_keys` says (``_same``, per comment);
    empty texts are left out, and the share is NaN when nothing is left.
    """
    texts = grp[grp["_same"] != ""]
    if not len(texts):
        return np.nan
    writers = texts.groupby("_same", sort=False)["_key"].transform("nunique")
    return round(float((writers > 1).mean()), 3)


def _cluster_activity(grp: pd.DataFrame, page_total: pd.Series, lang: str, tz: str) -> dict[str, Any]:
    """Where and when a cluster's comments fall: pages, time span, how tightly it strikes under a
    post, its delay after the post, days active, busiest hours and weekly rhythm (local time, from
    comments timed to the hour at least)."""
    page_counts = grp["page_id"].value_counts()
    timed = grp.dropna(subset=["post_id"]).sort_values(["post_id", "created_at"], kind="stable")
    same_post = timed["post_id"].to_numpy()[1:] == timed["post_id"].to_numpy()[:-1]
    gaps = np.diff(timed["created_at"].to_numpy(dtype="datetime64[ns]").astype(np.int64)) / 1e9
    median_gap = float(np.median(gaps[same_post])) if same_post.any() else np.nan
    delay = (grp["created_at"] - grp["post_created_at"]).dt.total_seconds()
    fine = grp[grp["time_precision_s"] <= 3600]
    local = fine["created_at"].dt.tz_convert(tz)
    hours = local.dt.hour.value_counts()
    peak = sorted(hours.sort_values(ascending=False, kind="stable").index[:3].astype(int))
    weekday, office_hours = local.dt.day_of_week < 5, local.dt.hour.between(9, 17)
    return {
        "n_comments": len(grp),
        "n_posts": int(grp["post_id"].nunique()),
        "n_pages": int(grp["page_id"].nunique()),
        "pages": ";".join(
            tr("cluster_page", lang, p=p, k=int(k), s=100 * k / page_total[p])
            for p, k in page_counts.head(5).items()
        ),
        "first_activity": grp["created_at"].min(),
        "last_activity": grp["created_at"].max(),
        "median_gap_s": round(median_gap, 1),
        "median_delay_s": round(float(delay.median()), 1) if delay.notna().any() else np.nan,
        "active_days": int(grp["created_at"].dt.tz_convert(tz).dt.date.nunique()),
        "peak_hours": ";".join(f"{h:02d}" for h in peak),
        "office_share": round(float((weekday & office_hours).mean()), 3) if len(fine) else np.nan,
        "night_share": round(float(local.dt.hour.lt(6).mean()), 3) if len(fine) else np.nan,
    }


def _edge_table(graph: AccountGraph) -> pd.DataFrame:
    e = graph.edges
    weak = e["layer"].isin(list(SUSPECT_LAYERS.values()))
    out = pd.DataFrame(
        {
            "source": e["source"].astype(str),
            "target": e["target"].astype(str),
            "layer": e["layer"],
            "observed": e["observed"].round(3),
            "expected": e["expected"].round(4),
            # Weak links among suspects are not corrected for the number of pairs: they have a
            # p-value and no q-value.
            "q_value": e["q_value"].where(~weak) if "q_value" in e else np.nan,
            "p_value": e["p_value"],
            "weight": e["weight"].round(3),
            "n_shared_posts": e["n_shared_posts"],
            "mean_gap_s": e["mean_gap_s"].round(1),
            "posts": e["posts"],
        }
    )
    return out.reset_index(drop=True)
