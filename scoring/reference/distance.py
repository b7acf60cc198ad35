"""Distance of an article from a reference set over all catalogue metrics at once.

Metrics are standardized with the reference's means and standard deviations (scikit-learn's
``StandardScaler``; a metric constant over the reference keeps scale 1), then measured with the
Mahalanobis distance under a Ledoit-Wolf shrinkage covariance (``sklearn.covariance.LedoitWolf``),
which stays well defined with fewer articles than metrics. Higher: the article's metrics as a
whole lie further from the reference articles'. Each metric's contribution is its term
``z_i * (P z)_i`` of the squared distance ``z' P z`` (P: the precision matrix).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sklearn.covariance import LedoitWolf
from sklearn.model_selection import LeaveOneOut
from sklearn.preprocessing import StandardScaler

# Leave-one-out needs the model fitted on at least two articles to have any spread at all.
MIN_ARTICLES_FOR_DISTANCE = 3

Matrix = NDArray[np.float64]


@dataclass(frozen=True)
class DistanceModel:
    """A fitted distance: scaler, shrinkage covariance, and the reference's own distances."""

    scaler: StandardScaler
    covariance: LedoitWolf
    reference_distances: tuple[float, ...]


def _fit(values: Matrix) -> tuple[StandardScaler, LedoitWolf]:
    scaler = StandardScaler().fit(values)
    covariance = LedoitWolf().fit(scaler.transform(values))
    return scaler, covariance


def _terms(scaler: StandardScaler, covariance: LedoitWolf, vector: Matrix) -> Matrix:
    """Each metric's term of the squared distance of one article (they sum to it)."""
    z = scaler.transform(vector.reshape(1, -1))[0]
    terms: Matrix = z * (covariance.precision_ @ z)
    return np.nan_to_num(terms, nan=0.0, posinf=0.0, neginf=0.0)


def _distance(terms: Matrix) -> float:
    return float(np.sqrt(max(float(terms.sum()), 0.0)))


def fit_distance(values: Matrix) -> DistanceModel | None:
    """Fit on the reference's metric matrix (articles x metrics); None below the minimum size."""
    if values.shape[0] < MIN_ARTICLES_FOR_DISTANCE:
        return None
    scaler, covariance = _fit(values)
    held_out = []
    for rest, one in LeaveOneOut().split(values):
        scaler_rest, covariance_rest = _fit(values[rest])
        held_out.append(_distance(_terms(scaler_rest, covariance_rest, values[one[0]])))
    return DistanceModel(scaler, covariance, tuple(held_out))


def measure(model: DistanceModel, vector: Matrix) -> tuple[float, Matrix]:
    """The distance of one article's metric vector and each metric's share of its square."""
    terms = _terms(model.scaler, model.covariance, vector)
    total = float(terms.sum())
    shares: Matrix = terms / total if total > 0 else np.zeros_like(terms)
    return _distance(terms), shares


def standardized(model: DistanceModel, vector: Matrix) -> Matrix:
    """The article's metrics in reference standard deviations from the reference mean."""
    z: Matrix = model.scaler.transform(vector.reshape(1, -1))[0]
    return z
