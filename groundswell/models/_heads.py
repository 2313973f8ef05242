"""Numeric heads that sit on the shared featuriser's output.

They are small, plain scikit-learn classifiers (checked with ``parametrize_with_checks``):
``LinearHead`` for the single-label heads (relevance, sentiment, voice) and ``MultiLabelHead``
for themes, one balanced logistic regression per label with a shared threshold.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import ComplementNB
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, validate_data


class LinearHead(ClassifierMixin, BaseEstimator):
    """A regularised logistic regression with balanced class weights and a fixed seed.

    Parameters
    ----------
    C : float
        Inverse regularisation strength.
    class_weight : "balanced" or None
        Balanced weights keep rare classes (neutral, media, professional) from being drowned out.
    random_state : int
        Seed; the solver is deterministic, the seed is kept for the record and for ties.
    nb_weight : float
        When above 0, a complement naive Bayes model is fitted beside the regression and its
        probabilities are blended in with this weight (``(p_lr + w * p_nb) / (1 + w)``). Naive
        Bayes trusts rare words that the regression's penalty shrinks; the blend helped sentiment
        and relevance on writers the models never read. It needs non-negative features, which the
        featuriser's TF-IDF always is; other input is clipped at 0 for that part.
    nb_alpha : float
        Naive Bayes smoothing.
    """

    def __init__(self, C: float = 4.0, class_weight: str | None = "balanced", random_state: int = 0,
                 nb_weight: float = 0.0, nb_alpha: float = 0.1):
        self.C = C
        self.class_weight = class_weight
        self.random_state = random_state
        self.nb_weight = nb_weight
        self.nb_alpha = nb_alpha

    def fit(self, X, y, sample_weight=None) -> LinearHead:
        X, y = validate_data(self, X, y, accept_sparse="csr")
        check_classification_targets(y)
        self.classes_, y_idx = np.unique(y, return_inverse=True)
        if len(self.classes_) < 2:
            raise ValueError("LinearHead needs at least 2 classes in y; got 1 class")
        self.estimator_ = LogisticRegression(
            C=self.C, class_weight=self.class_weight, max_iter=2000, solver="newton-cg",
            random_state=self.random_state,
        ).fit(X, y_idx, sample_weight=sample_weight)
        self.nb_ = None
        if self.nb_weight > 0:
            self.nb_ = ComplementNB(alpha=self.nb_alpha).fit(_non_negative(X), y_idx,
                                                             sample_weight=sample_weight)
        return self

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self, "estimator_")
        X = validate_data(self, X, accept_sparse="csr", reset=False)
        p = self.estimator_.predict_proba(X)
        if self.nb_ is not None:
            p = (p + self.nb_weight * self.nb_.predict_proba(_non_negative(X))) / (1 + self.nb_weight)
        return p

    def decision_function(self, X) -> np.ndarray:
        check_is_fitted(self, "estimator_")
        X = validate_data(self, X, accept_sparse="csr", reset=False)
        if self.nb_ is None:
            return self.estimator_.decision_function(X)
        # With the blend, scores are log-probabilities (log-odds for two classes), so they rank
        # posts exactly as ``predict_proba`` does.
        logp = np.log(np.clip(self.predict_proba(X), 1e-12, None))
        return logp[:, 1] - logp[:, 0] if len(self.classes_) == 2 else logp

    def predict(self, X) -> np.ndarray:
        check_is_fitted(self, "estimator_")
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags


def _non_negative(X):
    if sp.issparse(X):
        return X if X.nnz == 0 or X.data.min() >= 0 else X.maximum(0)
    return np.maximum(X, 0)


class MultiLabelHead(ClassifierMixin, BaseEstimator):
    """One balanced logistic regression per label; a label is on when its probability ≥ threshold.

    ``y`` is a 2-D indicator matrix (posts × labels). A label with no positive (or no negative)
    example in training gets a constant probability, so a user's replacement taxonomy can name
    themes that the seed corpus never saw. ``min_one`` (a probability floor, or None) turns on the
    best label for a row where none passed the threshold but the best one reaches the floor.
    ``relative`` (or None) keeps a label only if its probability is at least that share of the
    row's best, so a second label must be nearly as sure as the first (posts rarely carry more
    than one or two themes).
    """

    def __init__(self, C: float = 8.0, threshold: float = 0.5, min_one: float | None = None,
                 relative: float | None = None, class_weight: str | None = "balanced",
                 random_state: int = 0):
        self.C = C
        self.class_weight = class_weight
        self.threshold = threshold
        self.min_one = min_one
        self.relative = relative
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None) -> MultiLabelHead:
        X, y = validate_data(self, X, y, accept_sparse="csr", multi_output=True)
        y = np.asarray(y)
        if y.ndim == 1:
            raise ValueError("MultiLabelHead expects a 2-D indicator matrix y, got 1-D")
        check_classification_targets(y)
        if sample_weight is not None:
            sample_weight = _check_sample_weight(sample_weight, X)
        self.classes_ = [np.array([0, 1]) for _ in range(y.shape[1])]
        self.n_labels_ = y.shape[1]
        self.estimators_ = []
        self.constant_ = np.zeros(y.shape[1])
        for j in range(y.shape[1]):
            col = (y[:, j] > 0).astype(int)
            if col.min() == col.max():
                self.estimators_.append(None)
                self.constant_[j] = float(col[0])
                continue
            self.estimators_.append(LogisticRegression(
                C=self.C, class_weight=self.class_weight, max_iter=2000, solver="newton-cg",
                random_state=self.random_state,
            ).fit(X, col, sample_weight=sample_weight))
        # One stacked linear map: a single sparse product scores every label at once.
        self.coef_ = np.zeros((self.n_labels_, X.shape[1]))
        self.intercept_ = np.zeros(self.n_labels_)
        for j, est in enumerate(self.estimators_):
            if est is None:
                self.intercept_[j] = 30.0 if self.constant_[j] else -30.0
            else:
                self.coef_[j] = est.coef_[0]
                self.intercept_[j] = est.intercept_[0]
        return self

    def predict_proba(self, X) -> np.ndarray:
        """Probability that each label applies, shape (n_samples, n_labels)."""
        check_is_fitted(self, "estimators_")
        X = validate_data(self, X, accept_sparse="csr", reset=False)
        return expit(np.asarray(X @ self.coef_.T) + self.intercept_)

    def predict(self, X) -> np.ndarray:
        return self.decide(self.predict_proba(X))

    def decide(self, proba: np.ndarray) -> np.ndarray:
        """Indicator matrix from probabilities, applying the threshold and ``min_one``."""
        on = proba >= self.threshold
        if self.relative is not None and proba.shape[1]:
            on &= proba >= self.relative * proba.max(axis=1, keepdims=True)
        if self.min_one is not None and proba.shape[1]:
            best = np.argmax(proba, axis=1)
            rows = np.flatnonzero(~on.any(axis=1) & (proba.max(axis=1) >= self.min_one))
            on[rows, best[rows]] = True
        return on.astype(int)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.target_tags.multi_output = True
        tags.target_tags.single_output = False
        tags.classifier_tags.multi_label = True
        return tags
