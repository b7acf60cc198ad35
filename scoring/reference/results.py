"""What comparing an article with a reference set returns: frozen dataclasses of plain values.

Every float is a finite Python float; an undefined figure is ``None``, never NaN or infinity.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ArticleValue:
    """One reference article's value of a figure, by the article's id."""

    id: str
    value: float


@dataclass(frozen=True, slots=True)
class ReferenceStats:
    """A figure's distribution over the reference articles (``std`` is the sample deviation)."""

    min: float
    max: float
    mean: float
    std: float
    values: tuple[ArticleValue, ...]


@dataclass(frozen=True, slots=True)
class ReferenceInfo:
    """Which reference an article was compared with, and how far to trust that comparison."""

    name: str
    version: str
    fingerprint: str
    catalogue_version: str
    size: int
    ids: tuple[str, ...]
    caveat: str


@dataclass(frozen=True, slots=True)
class MetricComparison:
    """One catalogue metric of the article against the reference, banded and explained."""

    id: str
    name: str
    unit: str
    value: float
    reference: ReferenceStats
    position: str
    z_score: float | None
    percentile: float
    band: str
    explanation: str
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorComparison:
    """Sentiment toward an actor here against the reference articles that also cover it."""

    actor_id: str
    key: str
    name: str
    value: float
    reference: ReferenceStats
    position: str
    band: str
    explanation: str


@dataclass(frozen=True, slots=True)
class CompositeInput:
    """One metric value a composite score was computed from."""

    metric_id: str
    value: float


@dataclass(frozen=True, slots=True)
class CompositeScore:
    """A composite score (0..100), its formula and inputs, against the reference."""

    id: str
    name: str
    value: float
    formula: str
    inputs: tuple[CompositeInput, ...]
    reference: ReferenceStats
    position: str
    band: str
    explanation: str


@dataclass(frozen=True, slots=True)
class Contributor:
    """A metric's part in the distance: its standardized value and share of the squared distance."""

    metric_id: str
    name: str
    standardized: float
    share: float


@dataclass(frozen=True, slots=True)
class Distance:
    """How far the article's metrics lie from the reference, all metrics at once.

    ``value`` is the Mahalanobis distance of the standardized metrics under a Ledoit-Wolf covariance
    of the reference; ``percentile`` places it among the reference articles' own leave-one-out
    distances. Both are ``None`` when the reference is too small to estimate them.
    """

    value: float | None
    percentile: float | None
    reference: tuple[ArticleValue, ...]
    contributors: tuple[Contributor, ...]
    explanation: str


@dataclass(frozen=True, slots=True)
class TopicalFit:
    """How much vocabulary the article shares with the reference (cosine of term vectors).

    ``similarity`` is to the reference centroid and decides the warning; ``max_similarity`` and
    ``mean_similarity`` are over the reference articles one by one.
    """

    similarity: float
    max_similarity: float
    mean_similarity: float
    threshold: float
    most_similar: str
    similarities: tuple[ArticleValue, ...]
    topic_terms: tuple[str, ...]
    warning: str | None


@dataclass(frozen=True, slots=True)
class Comparison:
    """An article's analysis placed against a reference set: the scored part of a report."""

    reference: ReferenceInfo
    metrics: tuple[MetricComparison, ...]
    composites: tuple[CompositeScore, ...]
    actors: tuple[ActorComparison, ...]
    distance: Distance
    topical_fit: TopicalFit
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FigureSummary:
    """A metric's or composite's distribution over the reference, as published."""

    id: str
    name: str
    unit: str
    reference: ReferenceStats


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """An actor the reference covers, with the sentiment toward it per reference article."""

    key: str
    name: str
    reference: ReferenceStats


@dataclass(frozen=True, slots=True)
class ReferenceSummary:
    """The fitted reference as published (GET /v1/baseline)."""

    reference: ReferenceInfo
    metrics: tuple[FigureSummary, ...]
    composites: tuple[FigureSummary, ...]
    actors: tuple[ActorSummary, ...]
    topic_terms: tuple[str, ...]
