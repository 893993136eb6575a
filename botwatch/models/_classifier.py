"""The account classifier: gradient-boosted trees with calibrated probabilities.

Stage four of the data flow: features in, the probability that each account is inauthentic out.
Trees handle missing features natively (no profiles, coarse times), and the probabilities are
calibrated on out-of-fold predictions (grouped by world when groups are given, so that accounts of
one world never calibrate their own scores), then shifted to the base rate the user expects.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.isotonic import IsotonicRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.utils import check_random_state
from sklearn.utils.multiclass import type_of_target
from sklearn.utils.validation import check_is_fitted, validate_data

__all__ = ["BotClassifier"]


_FALLBACK_HIDE = 0.5
"""Chance that each fallback feature is hidden in the second copy of its training rows: with one
half, every subset of the profile fields is as likely to be the one a source gives."""


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


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
    """Calibrated classifier of inauthentic accounts.

    Parameters
    ----------
    max_iter : int, default 300
        Boosting iterations.
    learning_rate : float, default 0.05
        Shrinkage of each tree.
    max_leaf_nodes : int, default 15
        Leaves per tree.
    min_samples_leaf : int, default 40
        Fewest accounts in a leaf (larger generalises better across worlds).
    l2_regularization : float, default 1.0
        L2 penalty on leaf values.
    max_features : float, default 1.0
        Share of the features each split may choose from. Below 1, trees must draw on several
        kinds of evidence, which helps the model find tactics it was not trained on.
    calibration_folds : int, default 4
        Folds for the out-of-fold predictions the isotonic calibration is fitted on.
    base_rate : float or None, default None
        Share of inauthentic accounts the user expects among the accounts scored. ``None`` keeps
        the share seen in training.
    fallback_features : sequence of str or int, or None, default None
        Features (names, when fitted on a DataFrame, or column positions) of a second model, fitted
        on those features alone, that scores the rows where every other feature is missing: an
        account known only by its profile, say. Trees send a missing value down the branch the
        training rows that lacked it took; when no training row lacked every behaviour feature,
        that branch is arbitrary, and so would be the score. Rows with any other feature present
        are scored by the main model, exactly as without a fallback.
    random_state : int, RandomState instance or None, default 0
        Seed for the folds and the trees.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
    estimator_ : HistGradientBoostingClassifier
        Trees fitted on all the training data.
    calibrator_ : IsotonicRegression
        Map from raw scores to calibrated probabilities.
    n_iter_ : int
        Boosting iterations run.
    fallback_ : BotClassifier or None
        The model of the ``fallback_features``, fitted on the rows where any of them is present.
    fallback_columns_ : ndarray of int
        Positions of the ``fallback_features``.
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
    >>> clf = BotClassifier(max_iter=50).fit(X, y)
    >>> proba = clf.predict_proba(X)[:, 1]
    >>> bool(proba[y == 1].mean() > proba[y == 0].mean())
    True
    """

    def __init__(
        self,
        *,
        max_iter: int = 300,
        learning_rate: float = 0.05,
        max_leaf_nodes: int = 15,
        min_samples_leaf: int = 40,
        l2_regularization: float = 1.0,
        max_features: float = 1.0,
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
        self.calibration_folds = calibration_folds
        self.base_rate = base_rate
        self.fallback_features = fallback_features
        self.random_state = random_state

    def _trees(self, seed: int, n_samples: int) -> HistGradientBoostingClassifier:
        return HistGradientBoostingClassifier(
            max_iter=self.max_iter,
            learning_rate=self.learning_rate,
            max_leaf_nodes=self.max_leaf_nodes,
            min_samples_leaf=max(1, min(self.min_samples_leaf, n_samples // 10)),
            l2_regularization=self.l2_regularization,
            max_features=self.max_features,
            early_stopping=False,
            random_state=seed,
        )

    def fit(self, X, y, groups=None, sample_weight=None):
        """Fit the trees and the calibration.

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
        X, y = validate_data(self, X, y, ensure_all_finite="allow-nan", dtype=np.float64)
        kind = type_of_target(y, input_name="y", raise_unknown=True)
        if kind != "binary":
            raise ValueError(f"Only binary classification is supported (inauthentic or not); y is {kind!r}")
        self.classes_, y_enc = np.unique(y, return_inverse=True)
        if len(self.classes_) != 2:
            raise ValueError(f"BotClassifier needs two classes in y, got {len(self.classes_)} class")
        rng = check_random_state(self.random_state)
        seed = int(rng.randint(0, 2**31 - 1))
        sw = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        self.estimator_ = _fit_trees(self._trees(seed, len(y_enc)), X, y_enc, sw)
        oof = self._out_of_fold(X, y_enc, groups, sw, seed)
        self.calibrator_ = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0)
        self.calibrator_.fit(oof, y_enc, sample_weight=sw)
        self.n_iter_ = self.estimator_.n_iter_
        self.train_rate_ = float(np.average(y_enc, weights=sw))
        self._fit_fallback(X, y_enc, groups, sw)
        return self

    def _fallback_columns(self) -> np.ndarray:
        names = getattr(self, "feature_names_in_", None)
        columns = []
        for f in self.fallback_features or ():
            if isinstance(f, str):
                if names is None or f not in names:
                    raise ValueError(f"fallback feature {f!r} is not a column of X")
                columns.append(int(np.flatnonzero(names == f)[0]))
            else:
                if not 0 <= int(f) < self.n_features_in_:
                    raise ValueError(f"fallback feature {f!r} is not a column of X")
                columns.append(int(f))
        return np.array(sorted(set(columns)), dtype=np.int64)

    def _fit_fallback(self, X: np.ndarray, y: np.ndarray, groups: object, sw: np.ndarray | None) -> None:
        self.fallback_columns_ = self._fallback_columns()
        self.fallback_ = None
        if len(self.fallback_columns_) == 0:
            return
        rows = ~np.isnan(X[:, self.fallback_columns_]).all(axis=1)
        if len(np.unique(y[rows])) < 2:
            return
        params = {**self.get_params(), "fallback_features": None, "base_rate": None}
        # Sources give different parts of a profile (Instagram no registration date, a hand-made
        # table only counts), so the fallback also learns from each row with a random part of
        # its features hidden: every field is then missing somewhere in training, and its
        # missing branch is learnt rather than arbitrary.
        Xf = X[rows][:, self.fallback_columns_]
        hide = check_random_state(self.random_state).random_sample(Xf.shape) < _FALLBACK_HIDE
        Xf = np.vstack([Xf, np.where(hide, np.nan, Xf)])
        g = None if groups is None else np.tile(np.asarray(groups)[rows], 2)
        w = None if sw is None else np.tile(sw[rows], 2)
        self.fallback_ = BotClassifier(**params).fit(Xf, np.tile(y[rows], 2), groups=g, sample_weight=w)

    def _fallback_rows(self, X: np.ndarray) -> np.ndarray:
        """Rows where every feature outside the fallback's is missing."""
        if getattr(self, "fallback_", None) is None:
            return np.zeros(len(X), dtype=bool)
        others = np.ones(X.shape[1], dtype=bool)
        others[self.fallback_columns_] = False
        return np.isnan(X[:, others]).all(axis=1) if others.any() else np.ones(len(X), dtype=bool)

    def fit_trees(self, X, y, sample_weight=None):
        """Fit only the trees, without calibration: enough for :meth:`decision_function`.

        The calibrated probabilities rank accounts exactly as the trees do, so validation of the
        ranking (average precision, ROC-AUC) can use this cheaper fit.
        """
        X, y = validate_data(self, X, y, ensure_all_finite="allow-nan", dtype=np.float64)
        self.classes_, y_enc = np.unique(y, return_inverse=True)
        if len(self.classes_) != 2:
            raise ValueError(f"BotClassifier needs two classes in y, got {len(self.classes_)} class")
        seed = int(check_random_state(self.random_state).randint(0, 2**31 - 1))
        sw = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        self.estimator_ = _fit_trees(self._trees(seed, len(y_enc)), X, y_enc, sw)
        self.fallback_columns_ = np.zeros(0, dtype=np.int64)
        self.fallback_ = None
        return self

    def _out_of_fold(
        self, X: np.ndarray, y: np.ndarray, groups: object, sw: np.ndarray | None, seed: int
    ) -> np.ndarray:
        n_minor = int(min(np.bincount(y)))
        folds = min(self.calibration_folds, n_minor)
        if folds < 2:
            return self.estimator_.predict_proba(X)[:, 1]
        if groups is not None and len(np.unique(np.asarray(groups))) >= folds:
            splits = GroupKFold(n_splits=folds).split(X, y, np.asarray(groups))
        else:
            splits = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(X, y)
        oof = np.zeros(len(y))
        for train, test in splits:
            if len(np.unique(y[train])) < 2:
                oof[test] = y[train].mean()
                continue
            model = _fit_trees(
                clone(self._trees(seed, len(train))), X[train], y[train], None if sw is None else sw[train]
            )
            oof[test] = model.predict_proba(X[test])[:, 1]
        return oof

    def decision_function(self, X):
        """Raw (uncalibrated) score of the trees, higher for the inauthentic class.

        Rows scored by the fallback model get its trees' score, on a scale of its own.
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, ensure_all_finite="allow-nan", dtype=np.float64)
        raw = self.estimator_.decision_function(X)
        fall = self._fallback_rows(X)
        if fall.any():
            raw[fall] = self.fallback_.decision_function(X[fall][:, self.fallback_columns_])
        return raw

    def predict_proba(self, X):
        """Calibrated probabilities; column 1 is the probability of being inauthentic."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, ensure_all_finite="allow-nan", dtype=np.float64)
        check_is_fitted(self, "calibrator_")
        raw = self.estimator_.predict_proba(X)[:, 1]
        # Isotonic calibration is a step function; the tiny term keeps the trees' order inside
        # a step, so that accounts are ranked by their evidence, not tied (at most 1e-6 apart).
        p = np.clip(self.calibrator_.predict(raw) + 1e-6 * (raw - 0.5), 0.0, 1.0)
        fall = self._fallback_rows(X)
        if fall.any():
            # Calibrated on its own training rows (those with a fallback feature); the base-rate
            # shift below applies to both models alike.
            p[fall] = self.fallback_.predict_proba(X[fall][:, self.fallback_columns_])[:, 1]
        if self.base_rate is not None:
            if not 0 < self.base_rate < 1:
                raise ValueError(f"base_rate must be between 0 and 1, got {self.base_rate}")
            # Prior shift: the same evidence, weighed against a different share of inauthentic
            # accounts.
            shift = _logit(np.array([self.base_rate])) - _logit(np.array([self.train_rate_]))
            p = 1 / (1 + np.exp(-(_logit(p) + shift)))
        return np.c_[1 - p, p]

    def predict(self, X):
        """Class at probability 0.5."""
        proba = self.predict_proba(X)[:, 1]
        return self.classes_[(proba >= 0.5).astype(int)]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.classifier_tags.multi_class = False  # inauthentic or not: a binary question
        return tags
