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
    """A fitted distance as plain arrays: the scaler's means and scales, the shrinkage precision
    matrix, and the reference's own leave-one-out distances (saved and loaded as they are)."""

    mean: Matrix
    scale: Matrix
    precision: Matrix
    reference_distances: tuple[float, ...]

    def as_data(self) -> dict[str, object]:
        """The model as plain JSON values."""
        return {
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "precision": self.precision.tolist(),
            "reference_distances": list(self.reference_distances),
        }

    @classmethod
    def from_data(cls, data: dict[str, object]) -> DistanceModel:
        """The model ``as_data`` wrote."""
        arrays = {key: np.asarray(data[key], dtype=float) for key in ("mean", "scale", "precision")}
        distances = tuple(float(d) for d in data["reference_distances"])  # type: ignore[attr-defined]
        return cls(arrays["mean"], arrays["scale"], arrays["precision"], distances)


def _fit(values: Matrix) -> tuple[Matrix, Matrix, Matrix]:
    """Means, scales (1 where a metric is constant) and the Ledoit-Wolf precision matrix."""
    scaler = StandardScaler().fit(values)
    covariance = LedoitWolf().fit(scaler.transform(values))
    return scaler.mean_, scaler.scale_, covariance.precision_


def _terms(fitted: tuple[Matrix, Matrix, Matrix], vector: Matrix) -> Matrix:
    """Each metric's term of the squared distance of one article (they sum to it)."""
    mean, scale, precision = fitted
    z = (vector - mean) / scale
    terms: Matrix = z * (precision @ z)
    return np.nan_to_num(terms, nan=0.0, posinf=0.0, neginf=0.0)


def _distance(terms: Matrix) -> float:
    return float(np.sqrt(max(float(terms.sum()), 0.0)))


def fit_distance(values: Matrix) -> DistanceModel | None:
    """Fit on the reference's metric matrix (articles x metrics); None below the minimum size."""
    if values.shape[0] < MIN_ARTICLES_FOR_DISTANCE:
        return None
    mean, scale, precision = _fit(values)
    held_out = [
        _distance(_terms(_fit(values[rest]), values[one[0]]))
        for rest, one in LeaveOneOut().split(values)
    ]
    return DistanceModel(mean, scale, precision, tuple(held_out))


def measure(model: DistanceModel, vector: Matrix) -> tuple[float, Matrix]:
    """The distance of one article's metric vector and each metric's share of its square."""
    terms = _terms((model.mean, model.scale, model.precision), vector)
    total = float(terms.sum())
    shares: Matrix = terms / total if total > 0 else np.zeros_like(terms)
    return _distance(terms), shares


def standardized(model: DistanceModel, vector: Matrix) -> Matrix:
    """The article's metrics in reference standard deviations from the reference mean."""
    z: Matrix = (vector - model.mean) / model.scale
    return z
