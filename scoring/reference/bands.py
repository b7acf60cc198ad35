"""Scores against a reference: statistics, position, band and the one-line explanations.

Rules, the same for every metric, composite and actor:

- **position** is where the value lies against the reference range: "below" the lowest reference
  article, "within" [min, max], or "above" the highest (equality within ``ATOL`` counts as within).
- **band** is "low" / "typical" / "high". For a reference of fewer than ``EMPIRICAL_MIN_ARTICLES``
  articles, against the range widened by ``BAND_MARGIN_STD`` reference standard deviations on each
  side: with five articles the observed range understates the spread, so a value just outside it
  is still "typical". From ``EMPIRICAL_MIN_ARTICLES`` on, against the reference's own distribution:
  below its ``EMPIRICAL_QUANTILES[0]`` quantile "low", above its ``EMPIRICAL_QUANTILES[1]``
  "high", so an article drawn like the reference's is low or high 10% of the time (less for a
  metric whose values tie, such as many zeros).
- **z-score** is (value - mean) / sample standard deviation; ``None`` when the standard deviation
  is 0 (one reference article, or all equal), never NaN or infinity.
- **percentile** is the share of reference values below the value, ties counting half, on 0..100.

With one reference article the range is a point and the standard deviation 0: position and band
only say whether the value is below, equal to or above that article.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from scoring.reference.catalogue import METRICS_BY_ID, CompositeSpec, Display, MetricSpec
from scoring.reference.results import (
    ActorComparison,
    ArticleValue,
    CompositeInput,
    CompositeScore,
    Contributor,
    MetricComparison,
    ReferenceStats,
)

if TYPE_CHECKING:
    from scoring.actors import Actor
    from scoring.reference.readings import Reading

# Half a standard deviation each side: a value must clear the reference range by a visible margin
# before it is called "high" or "low" (a judgment for five articles, not a statistical test).
BAND_MARGIN_STD = 0.5
# From this many reference articles on, bands come from the reference's empirical distribution.
EMPIRICAL_MIN_ARTICLES = 30
# The quantiles outside which a value is "low" / "high" against a reference that large.
EMPIRICAL_QUANTILES = (0.05, 0.95)
# Absolute tolerance for "equal to a reference value": far below every metric's display precision.
ATOL = 1e-9
# How sentiment scores (-1..1) are shown in explanations.
SENTIMENT = Display(1.0, 2, "")
# How composite scores (0..100) are shown.
COMPOSITE = Display(1.0, 0, "/100")


def reference_stats(ids: Sequence[str], values: Sequence[float]) -> ReferenceStats:
    """Min, max, mean, sample standard deviation (0 for one value) and the values by article."""
    array = np.asarray(values, dtype=float)
    std = float(np.std(array, ddof=1)) if array.size > 1 else 0.0
    per_article = tuple(
        ArticleValue(id, float(value)) for id, value in zip(ids, array, strict=True)
    )
    return ReferenceStats(
        min=float(array.min()),
        max=float(array.max()),
        mean=float(array.mean()),
        std=std if math.isfinite(std) else 0.0,
        values=per_article,
    )


def position(value: float, stats: ReferenceStats) -> str:
    """ "below", "within" or "above" the reference range."""
    if value < stats.min - ATOL:
        return "below"
    return "above" if value > stats.max + ATOL else "within"


Limits = tuple[float, float] | None


def empirical_limits(values: Sequence[float]) -> Limits:
    """The reference's quantiles that bound "typical", or None below the minimum size."""
    if len(values) < EMPIRICAL_MIN_ARTICLES:
        return None
    low, high = np.quantile(np.asarray(values, dtype=float), EMPIRICAL_QUANTILES)
    return float(low), float(high)


def band(
    value: float, stats: ReferenceStats, margin: float = BAND_MARGIN_STD, limits: Limits = None
) -> str:
    """ "low", "typical" or "high": outside the empirical ``limits`` when given, else against
    the range widened by ``margin`` standard deviations."""
    if limits is not None:
        if value < limits[0] - ATOL:
            return "low"
        return "high" if value > limits[1] + ATOL else "typical"
    slack = margin * stats.std + ATOL
    if value < stats.min - slack:
        return "low"
    return "high" if value > stats.max + slack else "typical"


def z_score(value: float, stats: ReferenceStats) -> float | None:
    """Standard score against the reference, ``None`` when the reference has no spread."""
    if stats.std <= ATOL:
        return None
    return float((value - stats.mean) / stats.std)


def percentile(value: float, reference: Sequence[float]) -> float:
    """Share of reference values below ``value`` (ties count half), on 0..100."""
    array = np.asarray(reference, dtype=float)
    if array.size == 0:
        return 0.0
    below = np.mean(array < value - ATOL)
    ties = np.mean(np.abs(array - value) <= ATOL)
    return float(100.0 * (below + 0.5 * ties))


def sorted_percentile(value: float, ordered: np.ndarray) -> float:
    """``percentile`` over reference values already sorted ascending, in O(log n)."""
    if ordered.size == 0:
        return 0.0
    below = int(np.searchsorted(ordered, value - ATOL, side="left"))
    upto = int(np.searchsorted(ordered, value + ATOL, side="right"))
    return float(100.0 * (below + 0.5 * (upto - below)) / ordered.size)


def range_text(stats: ReferenceStats, display: Display, joiner: str = "-") -> str:
    """The reference range as an editor reads it: "0.6-1.9 per 100 words", "35%"."""
    low, high = display.number(stats.min), display.number(stats.max)
    if low == high:
        return f"{low}{display.suffix}"
    sep = " to " if stats.min < 0 and joiner == "-" else joiner
    return f"{low}{sep}{high}{display.suffix}"


def placement(
    where: str, grade: str, stats: ReferenceStats, display: Display, limits: Limits = None
) -> str:
    """How the value sits against the reference, with the range: "above every reference ..."."""
    if limits is not None:
        middle = range_text(ReferenceStats(limits[0], limits[1], 0.0, 0.0, ()), display)
        share = round(100 * (EMPIRICAL_QUANTILES[1] - EMPIRICAL_QUANTILES[0]))
        relation = {"low": "below", "high": "above", "typical": "within"}[grade]
        return f"{relation} the middle {share}% of the reference articles ({middle})"
    shown = range_text(stats, display)
    if len(stats.values) == 1:
        relation = {"below": "below", "within": "equal to", "above": "above"}[where]
        return f"{relation} the one reference article ({shown})"
    if where == "within":
        return f"within the reference range ({shown})"
    near = "just " if grade == "typical" else ""
    return f"{near}{where} every reference article ({shown})"


def example_text(examples: Sequence[str]) -> str:
    """ ", e.g. 'x', 'y'" for a non-empty list of evidence strings, else ""."""
    return ", e.g. " + ", ".join(f"'{text}'" for text in examples) if examples else ""


def compare_metric(
    spec: MetricSpec,
    reading: Reading,
    stats: ReferenceStats,
    margin: float = BAND_MARGIN_STD,
    limits: Limits = None,
    ordered: np.ndarray | None = None,
) -> MetricComparison:
    """A metric of one article (its reading) against the reference, explained by its evidence
    (``ordered``: the reference's values sorted, when the caller holds them)."""
    value = reading.value
    where, grade = position(value, stats), band(value, stats, margin, limits)
    facts = spec.explanation.format(
        count=reading.count,
        of=reading.of,
        value=spec.display.format(value),
        s="" if reading.count == 1 else "s",
        examples=example_text(reading.examples),
    )
    return MetricComparison(
        id=spec.id,
        name=spec.name,
        unit=spec.unit,
        value=value,
        reference=stats,
        position=where,
        z_score=z_score(value, stats),
        percentile=sorted_percentile(value, ordered)
        if ordered is not None
        else percentile(value, [item.value for item in stats.values]),
        band=grade,
        explanation=f"{facts}; {placement(where, grade, stats, spec.display, limits)}",
        evidence=reading.examples,
    )


def compare_composite(
    spec: CompositeSpec,
    values: Mapping[str, float],
    value: float,
    stats: ReferenceStats,
    margin: float = BAND_MARGIN_STD,
    limits: Limits = None,
) -> CompositeScore:
    """A composite score of one article against the reference, naming its inputs."""
    where, grade = position(value, stats), band(value, stats, margin, limits)
    inputs = ", ".join(
        f"{METRICS_BY_ID[id].name.lower()} {METRICS_BY_ID[id].display.format(values[id])}"
        for id in spec.inputs
    )
    facts = spec.explanation.format(value=COMPOSITE.format(value), inputs=inputs)
    return CompositeScore(
        id=spec.id,
        name=spec.name,
        value=value,
        formula=spec.formula,
        inputs=tuple(CompositeInput(id, values[id]) for id in spec.inputs),
        reference=stats,
        position=where,
        band=grade,
        explanation=f"{facts}; {placement(where, grade, stats, COMPOSITE, limits)}",
    )


def compare_actor(
    actor: Actor,
    value: float,
    stats: ReferenceStats,
    margin: float = BAND_MARGIN_STD,
    limits: Limits = None,
) -> ActorComparison:
    """Sentiment toward an actor here against the reference articles that cover it."""
    where, grade = position(value, stats), band(value, stats, margin, limits)
    count = len(stats.values)
    articles = "1 reference article" if count == 1 else f"{count} reference articles"
    relation = {"below": "below all of them", "within": "within their range"}.get(
        where, "above all of them"
    )
    explanation = (
        f"sentiment toward {actor.name} here: {SENTIMENT.format(value)}; in {articles}: "
        f"{range_text(stats, SENTIMENT, '..')}; {relation}"
    )
    return ActorComparison(
        actor_id=actor.id,
        key=actor.key,
        name=actor.name,
        value=value,
        reference=stats,
        position=where,
        band=grade,
        explanation=explanation,
    )


def distance_explanation(
    value: float, reference: Sequence[float], contributors: Sequence[Contributor]
) -> str:
    """The distance, how it compares with the reference articles' own, and its main sources."""
    own = np.asarray(reference, dtype=float)
    larger = int(np.sum(own < value - ATOL))
    text = (
        f"distance {value:.1f} from the reference over all metrics; each reference article "
        f"measured against the others lies {own.min():.1f}-{own.max():.1f}, and this article is "
        f"further than {larger} of {own.size}"
    )
    if contributors:
        named = ", ".join(
            f"{item.name.lower()} ({item.standardized:+.1f} sd)" for item in contributors
        )
        text += f"; mostly from {named}"
    return text
