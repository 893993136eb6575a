"""The account classifier: an additive, monotone model whose score is the sum of its evidence.

Stage four of the data flow: features in, the probability that each account is inauthentic out.
Each tree of the gradient boosting reads one feature only, so the score's log-odds is a constant
plus one shape function per feature; a feature whose direction is known may only move the score
that way. The per-feature terms are the model's reasons (:meth:`BotClassifier.explain`). Features
are grouped into kinds of evidence; each kind's total may be capped, so that one kind alone (the
vocabulary and rhythm any person may show, say) cannot carry an account past a set score. A
missing feature (no profiles, coarse times) reads as a typical genuine account's value, so it is
no evidence either way; the log-odds are scaled by a
logistic fit on out-of-fold predictions (grouped by world when groups are given), then shifted to
the base rate the user expects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.utils import check_random_state
from sklearn.utils.multiclass import type_of_target
from sklearn.utils.validation import check_is_fitted, validate_data

from botwatch.features._directions import FEATURE_DIRECTIONS, FEATURE_KINDS, KIND_MAX, WEAK_KINDS

__all__ = ["BotClassifier"]


_FALLBACK_HIDE = 0.5
"""Chance that each fallback feature is hidden in the second copy of its training rows: with one
half, every subset of the profile fields is as likely to be the one a source gives."""


def _logit(p: np.ndarray | float) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def _saturate(total: np.ndarray, cap: float) -> np.ndarray:
    """A kind's total past half its cap, bent to approach the cap: continuous, with slope one at
    half the cap, increasing, and below the cap."""
    knee = cap / 2
    return knee + knee * -np.expm1(-(total - knee) / knee) if knee > 0 else np.zeros_like(total)


def plain_json(value: Any) -> Any:
    """Numbers, strings, lists and dicts only, for :meth:`BotClassifier.to_dict`."""
    if isinstance(value, np.ndarray):
        return [plain_json(v) for v in value.tolist()]
    if isinstance(value, Mapping):
        return {str(k): plain_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_json(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _fit_trees(
    trees: HistGradientBoostingClassifier, X: np.ndarray, y: np.ndarray, sw: np.ndarray | None
) -> HistGradientBoostingClassifier:
    """Fit ``trees``, with features never observed (a dump without profiles) held constant.

    A column that is all missing carries no information, and scikit-learn's binning cannot
    handle one; as a constant it gets no split, so the values it takes at prediction do not
    matter.
    """
    unobserved = np.isnan(X).all(axis=0)
    if unobserved.any():
        X = X.copy()
        X[:, unobserved] = 0.0
    return trees.fit(X, y, sample_weight=sw)


class BotClassifier(ClassifierMixin, BaseEstimator):
    """Additive, monotone classifier of inauthentic accounts, with capped kinds of evidence.

    The log-odds of an account is ``intercept + sum_f g_f(x_f)``, one term per feature, learnt by
    gradient boosting with one feature per tree. ``g_f`` is zero at a typical genuine account (the
    median of the training accounts of the negative class), so each term says how much that
    feature moves this account's score away from a typical commenter's. Where
    ``evidence_kinds`` and ``kind_max`` are given, the terms of each kind are summed and the sum
    is capped at what brings a typical account to ``kind_max[kind]``: no kind can carry an
    account further on its own, and a higher score needs several kinds.

    Parameters
    ----------
    max_iter : int, default 300
        Boosting iterations (one tree each).
    learning_rate : float, default 0.05
        Shrinkage of each tree.
    max_leaf_nodes : int, default 8
        Leaves per tree.
    min_samples_leaf : int, default 100
        Fewest accounts in a leaf (larger generalises better across worlds).
    l2_regularization : float, default 1.0
        L2 penalty on leaf values.
    max_features : float, default 1.0
        Share of the features each split may choose from.
    monotonic_cst : mapping or sequence of int, optional
        Direction of each feature: 1, the score never falls as it grows; -1, never rises; 0,
        free. A mapping is keyed by column name (fit on a DataFrame); absent names are free.
    features : sequence of str or int, optional
        The features the model may use (names or positions); the others are ignored. All when
        omitted.
    evidence_kinds : mapping or sequence of str, optional
        Kind of evidence of each feature (by name, or one per column). Without it every feature
        is its own kind.
    kind_max : mapping of str to float, optional
        Highest probability one kind of evidence may give an otherwise typical account (before
        any ``base_rate`` shift). Kinds not named are not capped.
    raise_only : sequence of str, optional
        Kinds of evidence whose terms can raise a score but never lower it: a value below the
        typical account's gives a term of zero, not a negative one. For signals whose absence
        says nothing about an account (a word list that does not cover its language, a calm
        rhythm a farm can keep), so that looking ordinary in one respect never offsets evidence
        of another kind. Kinds no used feature has are ignored.
    calibration_folds : int, default 4
        Folds for the out-of-fold predictions the logistic scaling of the log-odds is fitted on.
    base_rate : float or None, default None
        Share of inauthentic accounts the user expects among the accounts scored. ``None`` keeps
        the share seen in training.
    fallback_features : sequence of str or int, or None, default None
        Features of a second model, fitted on those features alone, that scores the rows where
        every other feature is missing: an account known only by its profile, say. Rows with any
        other feature present are scored by the main model, exactly as without a fallback.
    random_state : int, RandomState instance or None, default 0
        Seed for the folds and the trees.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
    estimator_ : HistGradientBoostingClassifier
        Trees fitted on all the training data (on the used columns only).
    used_ : ndarray of int
        Positions of the features the model uses.
    reference_ : ndarray of shape (n_features_in_,)
        The typical genuine account every term is measured from.
    scale_ : tuple of float
        Slope and intercept of the logistic scaling of the trees' log-odds.
    intercept_ : float
        Log-odds of the reference account after scaling.
    kinds_ : list of (str, ndarray of int, float)
        Each kind of evidence, the positions (within ``used_``) of its features, and its cap on
        the log-odds scale (``inf`` if not capped).
    missing_as_reference_ : bool
        Missing values read as the reference, in fitting and in scoring.
    steps_ : list of (ndarray, ndarray, float)
        Each used feature's term as a step function: thresholds, the term on each interval
        (a value at most ``thresholds[i]`` and above the one before is in interval ``i``) and
        the term of a missing value (zero: it reads as the reference), before scaling and caps.
        Predictions read these tables;
        :meth:`to_dict` writes them as data.
    fallback_ : BotClassifier or None
    fallback_columns_ : ndarray of int
    train_rate_ : float
        Share of the positive class in training.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Present when fitted on a DataFrame.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(400, 3)); y = (X[:, 0] + rng.normal(0, .5, 400) > 1).astype(int)
    >>> clf = BotClassifier(max_iter=50, monotonic_cst=[1, 0, 0]).fit(X, y)
    >>> proba = clf.predict_proba(X)[:, 1]
    >>> bool(proba[y == 1].mean() > proba[y == 0].mean())
    True
    >>> base, terms = clf.explain(X[:5])
    >>> bool(np.allclose(base + terms.sum(axis=1), clf.decision_function(X[:5])))
    True
    """

    def __init__(
        self,
        *,
        max_iter: int = 300,
        learning_rate: float = 0.05,
        max_leaf_nodes: int = 8,
        min_samples_leaf: int = 100,
        l2_regularization: float = 1.0,
        max_features: float = 1.0,
        monotonic_cst: Mapping[str, int] | Sequence[int] | None = None,
        features: Sequence[str | int] | None = None,
        evidence_kinds: Mapping[str, str] | Sequence[str] | None = None,
        kind_max: Mapping[str, float] | None = None,
        raise_only: Sequence[str] | None = None,
        calibration_folds: int = 4,
        base_rate: float | None = None,
        fallback_features: Sequence[str | int] | None = None,
        random_state: int | np.random.RandomState | None = 0,
    ) -> None:
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.min_samples_leaf = min_samples_leaf
        self.l2_regularization = l2_regularization
        self.max_features = max_features
        self.monotonic_cst = monotonic_cst
        self.features = features
        self.evidence_kinds = evidence_kinds
        self.kind_max = kind_max
        self.raise_only = raise_only
        self.calibration_folds = calibration_folds
        self.base_rate = base_rate
        self.fallback_features = fallback_features
        self.random_state = random_state

    # Settings per column.

    def _columns(self, spec: Sequence[str | int] | None, what: str) -> np.ndarray:
        """Positions of the named or numbered columns."""
        if spec is None:
            return np.arange(self.n_features_in_)
        names = getattr(self, "feature_names_in_", None)
        out = []
        for f in spec:
            if isinstance(f, str):
                if names is None or f not in names:
                    raise ValueError(f"{what} {f!r} is not a column of X")
                out.append(int(np.flatnonzero(names == f)[0]))
            else:
                if not 0 <= int(f) < self.n_features_in_:
                    raise ValueError(f"{what} {f!r} is not a column of X")
                out.append(int(f))
        return np.array(sorted(set(out)), dtype=np.int64)

    def _per_column(self, spec: object, default: object, what: str) -> np.ndarray:
        """One value per column from a mapping by name or a sequence aligned with the columns."""
        out = np.array([default] * self.n_features_in_, dtype=object)
        if spec is None:
            return out
        if isinstance(spec, Mapping):
            names = getattr(self, "feature_names_in_", None)
            for name, value in spec.items():
                if names is not None and name in names:
                    out[int(np.flatnonzero(names == name)[0])] = value
            return out
        values = list(spec)  # type: ignore[call-overload]
        if len(values) != self.n_features_in_:
            raise ValueError(f"{what} has {len(values)} values for {self.n_features_in_} features")
        out[:] = values
        return out

    def _trees(self, seed: int, n_samples: int) -> HistGradientBoostingClassifier:
        cst = self._per_column(self.monotonic_cst, 0, "monotonic_cst")[self.used_].astype(int)
        if not np.isin(cst, (-1, 0, 1)).all():
            raise ValueError("monotonic_cst values must be -1, 0 or 1")
        return HistGradientBoostingClassifier(
            max_iter=self.max_iter,
            learning_rate=self.learning_rate,
            max_leaf_nodes=self.max_leaf_nodes,
            min_samples_leaf=max(1, min(self.min_samples_leaf, n_samples // 10)),
            l2_regularization=self.l2_regularization,
            max_features=self.max_features,
            monotonic_cst=cst.tolist(),
            # One feature per tree: the score is a sum of one term per feature.
            interaction_cst=[[i] for i in range(len(self.used_))],
            early_stopping=False,
            random_state=seed,
        )

    def _prepare(self, X, y):
        X, y = validate_data(self, X, y, ensure_all_finite="allow-nan", dtype=np.float64)
        kind = type_of_target(y, input_name="y", raise_unknown=True)
        if kind != "binary":
            raise ValueError(f"Only binary classification is supported (inauthentic or not); y is {kind!r}")
        self.classes_, y_enc = np.unique(y, return_inverse=True)
        if len(self.classes_) != 2:
            raise ValueError(f"BotClassifier needs two classes in y, got {len(self.classes_)} class")
        self.used_ = self._columns(self.features, "feature")
        if len(self.used_) == 0:
            raise ValueError("BotClassifier needs at least one feature to use")
        return X, y_enc

    def _set_reference(self, X: np.ndarray, y: np.ndarray) -> None:
        genuine = X[y == 0] if (y == 0).any() else X
        with np.errstate(all="ignore"):
            observed = ~np.isnan(genuine).all(axis=0)
            ref = np.full(X.shape[1], np.nan)
            ref[observed] = np.nanmedian(genuine[:, observed], axis=0)
        self.reference_ = ref

    def _impute(self, U: np.ndarray) -> np.ndarray:
        """Missing values of the used features read as the reference: no data is no evidence, so
        the term of a field a dump lacks is zero."""
        ref = self.reference_[self.used_]
        return np.where(np.isnan(U) & ~np.isnan(ref), ref, U)

    def _set_kinds(self) -> None:
        kinds = self._per_column(self.evidence_kinds, None, "evidence_kinds")[self.used_]
        caps = dict(self.kind_max or {})
        groups: dict[str, list[int]] = {}
        for pos, k in enumerate(kinds):
            groups.setdefault(str(k) if k is not None else f"feature {self.used_[pos]}", []).append(pos)
        self.kinds_ = []
        for name, cols in groups.items():
            cap = np.inf
            if name in caps:
                if not 0 < caps[name] < 1:
                    raise ValueError(f"kind_max[{name!r}] must be between 0 and 1, got {caps[name]}")
                cap = max(0.0, float(_logit(caps[name])) - self.intercept_)
            self.kinds_.append((name, np.array(cols, dtype=np.int64), cap))

    def fit(self, X, y, groups=None, sample_weight=None):
        """Fit the trees and the scaling of their log-odds.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_accounts, n_features)
            Features; NaN marks a missing value.
        y : array-like of shape (n_accounts,)
            Two classes; the larger label (1, True) is "inauthentic".
        groups : array-like, optional
            World (or dataset) of each account, so that calibration folds never split a world.
        sample_weight : array-like, optional
            Weight of each account.
        """
        X, y_enc = self._prepare(X, y)
        seed = int(check_random_state(self.random_state).randint(0, 2**31 - 1))
        sw = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        self._set_reference(X, y_enc)
        self.missing_as_reference_ = True
        U = self._impute(X[:, self.used_])
        self.estimator_ = _fit_trees(self._trees(seed, len(y_enc)), U, y_enc, sw)
        oof = self._out_of_fold(U, y_enc, groups, sw, seed)
        lr = LogisticRegression(C=1e6).fit(oof[:, None], y_enc, sample_weight=sw)
        # A model worse than chance out of fold is given no weight, never a reversed one.
        self.scale_ = (max(float(lr.coef_[0, 0]), 1e-3), float(lr.intercept_[0]))
        self._finish(y_enc, sw)
        self._fit_fallback(X, y_enc, groups, sw)
        return self

    def fit_trees(self, X, y, sample_weight=None):
        """Fit only the trees, without the scaling: enough for :meth:`decision_function`.

        The scaled log-odds rank accounts as the trees do (caps aside), so validation of the
        ranking (average precision, ROC-AUC) can use this cheaper fit.
        """
        X, y_enc = self._prepare(X, y)
        seed = int(check_random_state(self.random_state).randint(0, 2**31 - 1))
        sw = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        self._set_reference(X, y_enc)
        self.missing_as_reference_ = True
        self.estimator_ = _fit_trees(self._trees(seed, len(y_enc)), self._impute(X[:, self.used_]), y_enc, sw)
        self.scale_ = (1.0, 0.0)
        self._finish(y_enc, sw)
        self.fallback_columns_ = np.zeros(0, dtype=np.int64)
        self.fallback_ = None
        return self

    def _finish(self, y: np.ndarray, sw: np.ndarray | None) -> None:
        ref = self.reference_[self.used_][None, :]
        self._base_raw = float(self.estimator_.decision_function(ref)[0])
        a, c = self.scale_
        self.intercept_ = a * self._base_raw + c
        self._set_kinds()
        self.n_iter_ = self.estimator_.n_iter_
        self.train_rate_ = float(np.average(y, weights=sw))
        self.steps_ = self._step_tables()

    def _step_tables(self) -> list[tuple[np.ndarray, np.ndarray, float]] | None:
        """Each used feature's term (unscaled, from the reference) as a step function.

        The trees split each feature at thresholds (a value goes left when at most the
        threshold), one feature per tree, so a feature's term is constant between its
        thresholds: reading it once per interval gives the model exactly, as arrays (a missing
        value reads as the reference, whose term is zero).
        """
        cuts: list[set[float]] = [set() for _ in self.used_]
        # The fitted trees, one per iteration: scikit-learn keeps them in a private attribute.
        # Should its layout ever change, predictions read the trees themselves (``steps_`` None).
        try:
            for per_class in self.estimator_._predictors:
                nodes = per_class[0].nodes
                split = nodes[~nodes["is_leaf"].astype(bool)]
                for f, t in zip(split["feature_idx"], split["num_threshold"], strict=True):
                    cuts[int(f)].add(float(t))
        except (AttributeError, IndexError, KeyError, ValueError):
            return None
        ref = self.reference_[self.used_]
        tables = []
        for j, found in enumerate(cuts):
            t = np.array(sorted(found), dtype=np.float64)
            probes = np.r_[t, np.nextafter(t[-1], np.inf) if len(t) else 0.0]
            Z = np.tile(ref, (len(probes), 1))
            Z[:, j] = probes
            raw = self.estimator_.decision_function(Z) - self._base_raw
            # A missing value reads as the reference: its term is zero.
            tables.append((t, raw, 0.0))
        return tables

    def _fit_fallback(self, X: np.ndarray, y: np.ndarray, groups: object, sw: np.ndarray | None) -> None:
        self.fallback_columns_ = (
            self._columns(self.fallback_features, "fallback feature")
            if self.fallback_features is not None and len(self.fallback_features)
            else np.zeros(0, dtype=np.int64)
        )
        self.fallback_ = None
        cols = self.fallback_columns_
        if len(cols) == 0:
            return
        rows = ~np.isnan(X[:, cols]).all(axis=1)
        if len(np.unique(y[rows])) < 2:
            return
        keep = set(self.used_.tolist())
        used = [i for i, c in enumerate(cols) if c in keep]
        if not used:  # every fallback feature is one the model does not use
            return
        params = {
            **self.get_params(),
            "fallback_features": None,
            "base_rate": None,
            "monotonic_cst": self._per_column(self.monotonic_cst, 0, "monotonic_cst")[cols].tolist(),
            "evidence_kinds": self._per_column(self.evidence_kinds, None, "evidence_kinds")[cols].tolist(),
            "features": used,
        }
        # Sources give different parts of a profile (Instagram no registration date, a hand-made
        # table only counts), so the fallback also learns from each row with a random part of
        # its features hidden (read as the reference): the fields a dump does give then carry
        # the evidence when others are absent.
        Xf = X[rows][:, cols]
        hide = check_random_state(self.random_state).random_sample(Xf.shape) < _FALLBACK_HIDE
        Xf = np.vstack([Xf, np.where(hide, np.nan, Xf)])
        # A row and its partly hidden copy always fall in the same calibration fold.
        g = np.tile(np.asarray(groups)[rows] if groups is not None else np.arange(int(rows.sum())), 2)
        w = None if sw is None else np.tile(sw[rows], 2)
        self.fallback_ = BotClassifier(**params).fit(Xf, np.tile(y[rows], 2), groups=g, sample_weight=w)

    def _fallback_rows(self, X: np.ndarray) -> np.ndarray:
        """Rows where every feature outside the fallback's is missing."""
        if getattr(self, "fallback_", None) is None:
            return np.zeros(len(X), dtype=bool)
        others = np.ones(X.shape[1], dtype=bool)
        others[self.fallback_columns_] = False
        return np.isnan(X[:, others]).all(axis=1) if others.any() else np.ones(len(X), dtype=bool)

    def _out_of_fold(
        self, X: np.ndarray, y: np.ndarray, groups: object, sw: np.ndarray | None, seed: int
    ) -> np.ndarray:
        n_minor = int(min(np.bincount(y)))
        folds = min(self.calibration_folds, n_minor)
        if folds < 2:
            return self.estimator_.decision_function(X)
        if groups is not None and len(np.unique(np.asarray(groups))) >= folds:
            splits = GroupKFold(n_splits=folds).split(X, y, np.asarray(groups))
        else:
            splits = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(X, y)
        oof = np.zeros(len(y))
        for train, test in splits:
            if len(np.unique(y[train])) < 2:
                oof[test] = _logit(y[train].mean())
                continue
            model = _fit_trees(
                clone(self._trees(seed, len(train))), X[train], y[train], None if sw is None else sw[train]
            )
            oof[test] = model.decision_function(X[test])
        return oof

    # Scores and their terms.

    def _terms(self, X: np.ndarray) -> np.ndarray:
        """Each used feature's term of the log-odds, scaled and capped by kind."""
        terms = np.zeros((len(X), len(self.used_)))
        if len(X) == 0:
            return terms
        steps = getattr(self, "steps_", None)
        if steps is None:
            self._terms_from_trees(X[:, self.used_], terms)
        else:
            # Column by column from X itself: no copy of the used columns is made.
            for j, column in enumerate(np.asarray(self.used_).tolist()):
                t, values, missing = steps[j]
                col = X[:, column]
                terms[:, j] = np.where(np.isnan(col), missing, values[np.searchsorted(t, col, side="left")])
        terms *= self.scale_[0]
        only = self.raise_only
        floored = {only} if isinstance(only, str) else set(only or ())
        for name, cols, _ in self.kinds_:
            if name in floored:
                terms[:, cols] = np.maximum(terms[:, cols], 0.0)
        for _, cols, cap in self.kinds_:
            if not np.isfinite(cap):
                continue
            total = terms[:, cols].sum(axis=1)
            over = total > cap / 2
            # Past half its cap a kind's total bends towards the cap without reaching it: more
            # evidence still ranks higher, never past the cap. Its terms shrink in proportion.
            terms[np.ix_(over, cols)] *= (_saturate(total[over], cap) / total[over])[:, None]
        return terms

    def _terms_from_trees(self, U: np.ndarray, terms: np.ndarray) -> None:
        """The terms of a model saved before step tables, from its trees: changing one feature
        from the reference to the account's value changes the log-odds by exactly that feature's
        term. Models fitted before missing values read as the reference keep their missing branch."""
        ref = self.reference_[self.used_]
        if getattr(self, "missing_as_reference_", False):
            U = self._impute(U)
        for j in range(U.shape[1]):
            values, inverse = np.unique(U[:, j], return_inverse=True)
            Z = np.tile(ref, (len(values), 1))
            Z[:, j] = values
            terms[:, j] = (self.estimator_.decision_function(Z) - self._base_raw)[inverse.ravel()]

    def explain(self, X):
        """Each account's log-odds as a constant plus one term per feature.

        Returns
        -------
        base : ndarray of shape (n_accounts,)
            Log-odds of a typical genuine account (of the fallback's, for rows it scores).
        terms : ndarray of shape (n_accounts, n_features_in_)
            How much each feature moves the account's log-odds from there, after the caps of its
            kind; zero for features the model does not use. ``base + terms.sum(axis=1)`` is
            :meth:`decision_function`.
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, ensure_all_finite="allow-nan", dtype=np.float64)
        base = np.full(len(X), self.intercept_)
        terms = np.zeros(X.shape)
        fall = self._fallback_rows(X)
        if not fall.any():
            terms[:, self.used_] = self._terms(X)
        elif not fall.all():
            terms[np.ix_(~fall, self.used_)] = self._terms(X[~fall])
        if fall.any():
            fb, ft = self.fallback_.explain(X[fall][:, self.fallback_columns_])
            base[fall] = fb
            terms[np.ix_(fall, self.fallback_columns_)] = ft
        return base, terms

    def decision_function(self, X):
        """Log-odds of being inauthentic, before any base-rate shift."""
        base, terms = self.explain(X)
        return base + terms.sum(axis=1)

    def predict_proba(self, X):
        """Probabilities; column 1 is the probability of being inauthentic."""
        z = self.decision_function(X)
        if self.base_rate is not None:
            if not 0 < self.base_rate < 1:
                raise ValueError(f"base_rate must be between 0 and 1, got {self.base_rate}")
            # Prior shift: the same evidence, weighed against a different share of inauthentic
            # accounts.
            z = z + _logit(self.base_rate) - _logit(self.train_rate_)
        p = 1 / (1 + np.exp(-z))
        return np.c_[1 - p, p]

    def predict(self, X):
        """Class at probability 0.5."""
        proba = self.predict_proba(X)[:, 1]
        return self.classes_[(proba >= 0.5).astype(int)]

    # Data only: the fitted model as numbers and names, for files that carry no code.

    def to_dict(self) -> dict[str, Any]:
        """The fitted model as plain data (lists, numbers, strings): no code, no pickle.

        :meth:`from_dict` rebuilds a model that predicts and explains exactly as this one; it
        cannot be refitted without the training data.
        """
        check_is_fitted(self)
        steps = getattr(self, "steps_", None)
        if steps is None:
            raise ValueError(
                "this model has no step tables (fitted by an older botwatch or scikit-learn); "
                "save it as .joblib"
            )
        params = {k: plain_json(v) for k, v in self.get_params().items()}
        if not isinstance(params["random_state"], (int, type(None))):
            params["random_state"] = None  # a generator's state is no data; refitting needs a seed
        names = getattr(self, "feature_names_in_", None)
        return {
            "params": params,
            "classes": plain_json(self.classes_),
            "n_features_in": int(self.n_features_in_),
            "feature_names_in": None if names is None else [str(n) for n in names],
            "used": plain_json(self.used_),
            "reference": plain_json(self.reference_),
            "scale": list(self.scale_),
            "intercept": float(self.intercept_),
            "base_raw": float(self._base_raw),
            "kinds": [[name, plain_json(cols), float(cap)] for name, cols, cap in self.kinds_],
            "train_rate": float(self.train_rate_),
            "n_iter": int(self.n_iter_),
            "steps": [[plain_json(t), plain_json(v), float(m)] for t, v, m in steps],
            "fallback_columns": plain_json(self.fallback_columns_),
            "fallback": None if self.fallback_ is None else self.fallback_.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BotClassifier:
        """Rebuild a fitted model from :meth:`to_dict`'s data."""
        model = cls(**data["params"])
        model.classes_ = np.asarray(data["classes"])
        model.n_features_in_ = int(data["n_features_in"])
        if data.get("feature_names_in") is not None:
            model.feature_names_in_ = np.asarray(data["feature_names_in"], dtype=object)
        model.used_ = np.asarray(data["used"], dtype=np.int64)
        model.reference_ = np.asarray(data["reference"], dtype=np.float64)
        model.scale_ = tuple(float(x) for x in data["scale"])
        model.intercept_ = float(data["intercept"])
        model._base_raw = float(data["base_raw"])
        model.kinds_ = [(str(n), np.asarray(c, dtype=np.int64), float(cap)) for n, c, cap in data["kinds"]]
        model.train_rate_ = float(data["train_rate"])
        model.n_iter_ = int(data["n_iter"])
        model.steps_ = [
            (np.asarray(t, dtype=np.float64), np.asarray(v, dtype=np.float64), float(m))
            for t, v, m in data["steps"]
        ]
        model.fallback_columns_ = np.asarray(data["fallback_columns"], dtype=np.int64)
        model.fallback_ = None if data.get("fallback") is None else cls.from_dict(data["fallback"])
        return model

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.classifier_tags.multi_class = False  # inauthentic or not: a binary question
        return tags


DEFAULT_PARAMS: dict[str, Any] = {
    "max_features": 0.3,
    "monotonic_cst": FEATURE_DIRECTIONS,
    "features": [name for name, d in FEATURE_DIRECTIONS.items() if d],
    "evidence_kinds": FEATURE_KINDS,
    "kind_max": KIND_MAX,
    "raise_only": WEAK_KINDS,
}
"""The default model's design: only features whose direction is known, each monotone that way,
the kinds of evidence capped, and the weak kind (behaviour) able to raise a score but never to
lower one (:mod:`botwatch.features._directions`); each split chooses among
a random 30 % of the features, so that the credit of correlated evidence (partners, clusters,
copies) is spread over its features rather than taken by one, which a world without that one
feature would then miss."""


def default_classifier(*, random_state: int | None = 0) -> BotClassifier:
    """An unfitted :class:`BotClassifier` of the default model's design (:data:`DEFAULT_PARAMS`),
    with the profile-only fallback: what ``botwatch train`` fits on a newsroom's own labels.

    Examples
    --------
    >>> default_classifier().get_params()["kind_max"]["behaviour"]
    0.3
    """
    from botwatch.features import FEATURE_GROUPS

    return BotClassifier(
        **DEFAULT_PARAMS, fallback_features=FEATURE_GROUPS["profile"], random_state=random_state
    )
