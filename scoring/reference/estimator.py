"""The reference set ("baseline"): every metric's distribution over reference articles.

``ReferenceSet`` follows the scikit-learn estimator contract: ``__init__`` stores parameters,
``fit`` learns the attributes ending in ``_`` from analysed articles (the seeds by default, or the
caller's own) and returns ``self``; ``compare`` places one article against it. The rules for
position, band, z-score and percentile are in ``scoring.reference.bands``.

Degenerate references, documented rather than hidden:

- zero articles: ``fit`` raises ``ReferenceSetError``;
- one article: every standard deviation is 0, z-scores are ``None``, a value is "within" and
  "typical" only when equal to that article's, the distance is ``None`` (it needs
  ``MIN_ARTICLES_FOR_DISTANCE``), and the comparison carries a warning saying so.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

import numpy as np
from sklearn.base import BaseEstimator

from scoring.article import Analysis
from scoring.errors import NotFittedError, ReferenceSetError
from scoring.reference import bands, distance
from scoring.reference.catalogue import (
    CATALOGUE_VERSION,
    COMPOSITE_IDS,
    COMPOSITES,
    METRIC_IDS,
    METRICS,
    composite_values,
    finite,
    metric_readings,
    metric_values,
)
from scoring.reference.readings import Reading
from scoring.reference.results import (
    ActorComparison,
    ActorSummary,
    ArticleValue,
    Comparison,
    CompositeScore,
    Contributor,
    Distance,
    FigureSummary,
    MetricComparison,
    ReferenceInfo,
    ReferenceStats,
    ReferenceSummary,
)
from scoring.reference.topical import TOPICAL_THRESHOLD, TopicModel, fit_topics, topical_fit

__all__ = ["ReferenceSet", "fingerprint"]

# Below this many articles a reference's ranges are indicative only: the caveat says so (from
# this size on, bands come from the reference's empirical distribution).
SMALL_REFERENCE = bands.EMPIRICAL_MIN_ARTICLES
# Largest reference whose articles' values every comparison lists one by one.
MAX_LISTED_ARTICLES = 100
# Metrics named as the main contributors to the distance.
TOP_CONTRIBUTORS = 3
# Hex digits of the fingerprint in the short version string.
VERSION_DIGITS = 12


def fingerprint(texts: Sequence[str]) -> str:
    """SHA-256 over the reference texts, independent of their order."""
    digests = sorted(hashlib.sha256(text.encode("utf-8")).hexdigest() for text in texts)
    return hashlib.sha256("\n".join(digests).encode("ascii")).hexdigest()


def _article_ids(ids: Sequence[str] | None, count: int) -> tuple[str, ...]:
    if ids is None:
        return tuple(f"article-{number}" for number in range(1, count + 1))
    chosen = tuple(str(id) for id in ids)
    if len(chosen) != count:
        raise ReferenceSetError(f"{len(chosen)} ids were given for {count} reference articles")
    if len(set(chosen)) != count:
        raise ReferenceSetError("reference article ids must be unique")
    return chosen


def _actor_scores(analysis: Analysis) -> dict[str, tuple[str, float]]:
    """Actor key -> (name, sentiment toward it) for every actor the article scores."""
    by_id = {actor.id: actor for actor in analysis.actors}
    return {
        by_id[item.actor_id].key: (by_id[item.actor_id].name, finite(item.toward.score))
        for item in analysis.sentiment
        if item.actor_id in by_id and item.toward.mentions > 0
    }


@dataclass(frozen=True, slots=True)
class ArticleFigures:
    """What a reference keeps of one analysed article: its text (for the topic model), its
    metric values, and the sentiment toward each actor it scores (key -> (name, score))."""

    text: str
    values: dict[str, float]
    actors: dict[str, tuple[str, float]]


def article_figures(analysis: Analysis) -> ArticleFigures:
    """One analysed article's figures, as ``ReferenceSet.fit_figures`` takes them."""
    return ArticleFigures(analysis.text, metric_values(analysis), _actor_scores(analysis))


def _fit_actors(
    ids: Sequence[str], figures: Sequence[ArticleFigures]
) -> tuple[dict[str, dict[str, float]], dict[str, str]]:
    """Actor key -> {article id: sentiment toward it}, and each actor's most frequent name."""
    scores_by_key: dict[str, dict[str, float]] = {}
    names: dict[str, Counter[str]] = {}
    for article_id, item in zip(ids, figures, strict=True):
        for key, (name, score) in item.actors.items():
            scores_by_key.setdefault(key, {})[article_id] = score
            names.setdefault(key, Counter())[name] += 1
    return scores_by_key, {key: counts.most_common(1)[0][0] for key, counts in names.items()}


@dataclass(frozen=True)
class FittedRows:
    """What a reference learns from its articles, before statistics: the per-article figures."""

    ids: tuple[str, ...]
    values: np.ndarray
    composite_values: np.ndarray
    actor_scores: dict[str, dict[str, float]]
    actor_names: dict[str, str]
    fingerprint: str


Banded = TypeVar("Banded", MetricComparison, CompositeScore, ActorComparison)


def _listed(result: Banded, listed: bool) -> Banded:
    """The result, its per-article reference values left out unless ``listed``."""
    if listed:
        return result
    return replace(result, reference=replace(result.reference, values=()))


class ReferenceSet(BaseEstimator):  # type: ignore[misc]  # scikit-learn ships no type hints
    """Reference articles to compare an article with: per-metric and per-actor distributions.

    Parameters: ``name`` (reported with every comparison, e.g. "seeds"), ``topical_threshold``
    (the most the topical warning's threshold can be: see ``scoring.reference.topical``) and
    ``band_margin`` (reference standard deviations added to each side of the range before a value
    is "high" or "low", for a reference smaller than ``bands.EMPIRICAL_MIN_ARTICLES``).
    """

    def __init__(
        self,
        name: str = "seeds",
        topical_threshold: float = TOPICAL_THRESHOLD,
        band_margin: float = bands.BAND_MARGIN_STD,
    ) -> None:
        self.name = name
        self.topical_threshold = topical_threshold
        self.band_margin = band_margin

    def fit(self, analyses: Sequence[Analysis], ids: Sequence[str] | None = None) -> ReferenceSet:
        """Learn the reference from analysed articles (``ids`` name them; default article-1...)."""
        return self.fit_figures([article_figures(analysis) for analysis in analyses], ids)

    def fit_figures(
        self, figures: Sequence[ArticleFigures], ids: Sequence[str] | None = None
    ) -> ReferenceSet:
        """``fit`` from each article's figures (``article_figures``): a caller analysing many
        articles keeps these small records rather than every analysis."""
        figures = tuple(figures)
        if not figures:
            raise ReferenceSetError("a reference set needs at least one analysed article; got none")
        article_ids = _article_ids(ids, len(figures))
        composites = [composite_values(item.values) for item in figures]
        scores, names = _fit_actors(article_ids, figures)
        texts = [item.text for item in figures]
        return self.learn(
            FittedRows(
                ids=article_ids,
                # One row per article; columns in catalogue order (METRIC_IDS, COMPOSITE_IDS).
                values=np.array(
                    [[item.values[id] for id in METRIC_IDS] for item in figures], dtype=float
                ),
                composite_values=np.array(
                    [[row[id] for id in COMPOSITE_IDS] for row in composites], dtype=float
                ),
                actor_scores=scores,
                actor_names=names,
                fingerprint=fingerprint(texts),
            ),
            fit_topics(texts, self.topical_threshold),
        )

    def learn(
        self,
        rows: FittedRows,
        topics: TopicModel,
        distance_model: distance.DistanceModel | bool | None = True,
    ) -> ReferenceSet:
        """Set every fitted attribute from the per-article figures (by ``fit``, or loaded from
        plain data by ``scoring.reference.stored``); ``distance_model`` True fits it here."""
        self.ids_ = rows.ids
        self.values_ = rows.values
        self.composite_values_ = rows.composite_values
        self.actor_scores_ = rows.actor_scores
        self.actor_names_ = rows.actor_names
        # Reference statistics are the same for every comparison: computed once here.
        self.metric_stats_ = tuple(self._stats(column) for column in self.values_.T)
        self.metric_limits_ = tuple(bands.empirical_limits(c) for c in self.values_.T)
        finite_values = np.where(np.isfinite(self.values_), self.values_, 0.0)
        self.metric_sorted_ = np.sort(finite_values, axis=0)  # for percentiles in O(log n)
        self.composite_stats_ = tuple(self._stats(column) for column in self.composite_values_.T)
        self.composite_limits_ = tuple(bands.empirical_limits(c) for c in self.composite_values_.T)
        self.actor_stats_ = {key: self._actor_stats(key) for key in self.actor_scores_}
        self.actor_limits_ = {
            key: bands.empirical_limits(list(scores.values()))
            for key, scores in self.actor_scores_.items()
        }
        self.topics_ = topics
        fitted = distance.fit_distance(self.values_) if distance_model is True else distance_model
        self.distance_ = fitted if isinstance(fitted, distance.DistanceModel) else None
        # Comparisons list each reference article's value only for a set this small; a larger
        # one's are in summary() (a 1,000-article set would add 25,000 values to every report).
        self.listed_ = len(self.ids_) <= MAX_LISTED_ARTICLES
        self.fingerprint_ = rows.fingerprint
        self.version_ = f"{self.name}@{self.fingerprint_[:VERSION_DIGITS]}"
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "fingerprint_"):
            raise NotFittedError("this reference set has not been fitted: call fit(analyses) first")

    def __sklearn_is_fitted__(self) -> bool:
        """scikit-learn's fitted check: true once ``fit`` has run."""
        return hasattr(self, "fingerprint_")

    # Comparing -----------------------------------------------------------------------------

    def info(self) -> ReferenceInfo:
        """Name, version, size and the caveat every comparison with this reference carries."""
        self._check_fitted()
        size = len(self.ids_)
        articles = "1 reference article" if size == 1 else f"{size} reference articles"
        caveat = f"compared with {articles}"
        if size < SMALL_REFERENCE:
            caveat += ": a small set; ranges are indicative"
        else:
            low, high = (round(100 * q) for q in bands.EMPIRICAL_QUANTILES)
            caveat += (
                f"; bands from their distribution (low below the {low}th percentile, "
                f"high above the {high}th)"
            )
        return ReferenceInfo(
            name=self.name,
            version=self.version_,
            fingerprint=self.fingerprint_,
            catalogue_version=CATALOGUE_VERSION,
            size=size,
            ids=self.ids_,
            caveat=caveat,
        )

    def compare(self, analysis: Analysis) -> Comparison:
        """Place one analysed article against the reference: metrics, actors, distance, topic."""
        self._check_fitted()
        readings = metric_readings(analysis)
        values = {id: reading.value for id, reading in readings.items()}
        topical = topical_fit(self.topics_, analysis.text, self.ids_, listed=self.listed_)
        warnings = [self.info().caveat]
        if len(self.ids_) == 1:
            warnings.append(
                "the reference has one article: it has no spread, so there are no z-scores and "
                "a value is typical only when equal to that article's"
            )
        if topical.warning:
            warnings.append(topical.warning)
        return Comparison(
            reference=self.info(),
            metrics=tuple(_listed(m, self.listed_) for m in self._metrics(readings)),
            composites=tuple(_listed(c, self.listed_) for c in self._composites(values)),
            actors=tuple(_listed(a, self.listed_) for a in self._actors(analysis)),
            distance=self._distance(values),
            topical_fit=topical,
            warnings=tuple(warnings),
        )

    def _stats(self, column: np.ndarray) -> ReferenceStats:
        return bands.reference_stats(self.ids_, [finite(value) for value in column])

    def _metrics(self, readings: dict[str, Reading]) -> tuple[MetricComparison, ...]:
        return tuple(
            bands.compare_metric(
                spec,
                readings[spec.id],
                self.metric_stats_[j],
                self.band_margin,
                self.metric_limits_[j],
                self.metric_sorted_[:, j],
            )
            for j, spec in enumerate(METRICS)
        )

    def _composites(self, values: dict[str, float]) -> tuple[CompositeScore, ...]:
        mine = composite_values(values)
        return tuple(
            bands.compare_composite(
                spec,
                values,
                mine[spec.id],
                self.composite_stats_[j],
                self.band_margin,
                self.composite_limits_[j],
            )
            for j, spec in enumerate(COMPOSITES)
        )

    def _actor_stats(self, key: str) -> ReferenceStats:
        per_article = self.actor_scores_[key]
        ids = [id for id in self.ids_ if id in per_article]
        return bands.reference_stats(ids, [per_article[id] for id in ids])

    def _actors(self, analysis: Analysis) -> tuple[ActorComparison, ...]:
        here = {actor.key: actor for actor in analysis.actors}
        return tuple(
            bands.compare_actor(
                here[key], score, self.actor_stats_[key], self.band_margin, self.actor_limits_[key]
            )
            for key, (_, score) in _actor_scores(analysis).items()
            if key in self.actor_scores_
        )

    def _distance(self, values: dict[str, float]) -> Distance:
        model = self.distance_
        if model is None:
            return Distance(
                value=None,
                percentile=None,
                reference=(),
                contributors=(),
                explanation=f"no distance: it needs at least {distance.MIN_ARTICLES_FOR_DISTANCE} "
                "reference articles",
            )
        vector = np.array([values[id] for id in METRIC_IDS], dtype=float)
        value, shares = distance.measure(model, vector)
        z = distance.standardized(model, vector)
        order = [j for j in np.argsort(-shares, kind="stable") if shares[j] > 0][:TOP_CONTRIBUTORS]
        contributors = tuple(
            Contributor(METRIC_IDS[j], METRICS[j].name, finite(z[j]), finite(shares[j]))
            for j in order
        )
        return Distance(
            value=finite(value),
            percentile=bands.percentile(value, model.reference_distances),
            reference=tuple(
                ArticleValue(id, finite(d))
                for id, d in zip(self.ids_, model.reference_distances, strict=True)
            )
            if self.listed_
            else (),
            contributors=contributors,
            explanation=bands.distance_explanation(value, model.reference_distances, contributors),
        )

    # Publishing ----------------------------------------------------------------------------

    def summary(self) -> ReferenceSummary:
        """The fitted reference as published: per-metric, per-composite and per-actor stats."""
        self._check_fitted()
        metrics = tuple(
            FigureSummary(spec.id, spec.name, spec.unit, self._stats(self.values_[:, j]))
            for j, spec in enumerate(METRICS)
        )
        composites = tuple(
            FigureSummary(spec.id, spec.name, spec.unit, self._stats(self.composite_values_[:, j]))
            for j, spec in enumerate(COMPOSITES)
        )
        actors = tuple(
            ActorSummary(key, self.actor_names_[key], self._actor_stats(key))
            for key in sorted(self.actor_scores_)
        )
        return ReferenceSummary(self.info(), metrics, composites, actors, self.topics_.terms)
