"""A fitted reference set as plain data: the same comparisons after a JSON round trip, versions
checked, damaged data refused; bands from the empirical distribution of a large reference."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from scoring.errors import ReferenceSetError
from scoring.reference import ReferenceSet, bands, stored
from scoring.reference.catalogue import METRIC_IDS
from scoring.reference.stored import ReferenceVersionError
from tests.scoring.reference.test_estimator import COOKING, TOPIC_TEXTS, reference_articles, standin

VERSIONS = {"scoring": "1", "pipeline": "p-1", "lexicons": "l-1", "sentiment_model": "m-1"}


@pytest.fixture(scope="module")
def reference() -> ReferenceSet:
    return ReferenceSet(name="desk").fit(reference_articles(), ids=[f"r{i}" for i in range(5)])


def _round_trip(reference: ReferenceSet) -> ReferenceSet:
    return stored.load(json.loads(json.dumps(stored.dump(reference, VERSIONS))), VERSIONS)


@pytest.mark.parametrize(
    "article",
    [
        standin(TOPIC_TEXTS[0], words=900, hedges=("may",) * 9),  # on topic, far on hedging
        standin(COOKING),  # off topic: the warning must survive the round trip
    ],
)
def test_a_loaded_set_compares_exactly_as_the_fitted_one(
    reference: ReferenceSet, article: Any
) -> None:
    before = dataclasses.asdict(reference.compare(article))
    after = dataclasses.asdict(_round_trip(reference).compare(article))
    assert after == before


def test_the_data_is_plain_json_with_its_versions(reference: ReferenceSet) -> None:
    data = stored.dump(reference, VERSIONS)
    assert json.loads(json.dumps(data)) == data  # nothing but JSON values
    assert data["format"] == stored.FORMAT
    assert data["versions"] == stored.fitted_with(VERSIONS)
    assert {"catalogue", "topics"} <= set(data["versions"])
    assert data["ids"] == [f"r{i}" for i in range(5)]


@pytest.mark.parametrize("changed", [*VERSIONS, "catalogue", "topics"])
def test_another_version_is_refused_naming_it(reference: ReferenceSet, changed: str) -> None:
    data = stored.dump(reference, VERSIONS)
    data["versions"][changed] = "other"
    with pytest.raises(ReferenceVersionError, match=changed):
        stored.load(data, VERSIONS)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data.pop("metrics"),  # a missing part
        lambda data: data.update(format="pickle"),  # not this format at all
        lambda data: data["topics"].update(version="tfidf-0"),  # an older topic model
        # a value that is not a number
        lambda data: data["metrics"].update({METRIC_IDS[0]: ["many"] * 5}),
    ],
)
def test_damaged_data_is_refused_with_a_reference_error(
    reference: ReferenceSet, damage: Any
) -> None:
    data = stored.dump(reference, VERSIONS)
    damage(data)
    with pytest.raises(ReferenceSetError):
        stored.load(data, VERSIONS)


def _large_reference(size: int) -> ReferenceSet:
    articles = [
        standin(TOPIC_TEXTS[i % 5], words=400, hedges=("may",) * (1 + i % 10)) for i in range(size)
    ]
    return ReferenceSet().fit(articles)


def _hedging_band(reference: ReferenceSet, hedges: int) -> str:
    article = standin(TOPIC_TEXTS[0], words=400, hedges=("may",) * hedges)
    metric = next(m for m in reference.compare(article).metrics if m.id == "hedging_density")
    return metric.band


def test_a_large_reference_bands_by_its_percentiles() -> None:
    reference = _large_reference(40)  # hedges 1..10 per 400 words, four articles each
    # The range rule would call 10 hedges typical (the reference's own maximum); the 95th
    # percentile of 1..10 is 10 - ties: so 10 is typical, 1 typical, only beyond is high/low.
    assert _hedging_band(reference, 10) == "typical"
    assert _hedging_band(reference, 11) == "high"
    assert _hedging_band(reference, 0) == "low"
    assert "bands from their distribution" in reference.info().caveat
    comparison = reference.compare(standin(TOPIC_TEXTS[0], words=400, hedges=("may",) * 11))
    hedging = next(m for m in comparison.metrics if m.id == "hedging_density")
    assert "above the middle 90% of the reference articles" in hedging.explanation


def test_percentile_bands_differ_from_the_range_rule() -> None:
    values = [float(v) for v in range(1, 41)]  # 1..40
    limits = bands.empirical_limits(values)
    assert limits == pytest.approx((2.95, 38.05))
    stats = bands.reference_stats([str(v) for v in values], values)
    assert bands.band(2.0, stats, limits=limits) == "low"  # inside the range, below the 5th pct
    assert bands.band(2.0, stats) == "typical"  # the range rule: within [1, 40]
    assert bands.empirical_limits(values[:29]) is None  # below 30 articles: the range rule


def test_a_small_reference_keeps_the_range_rule_and_its_caveat(reference: ReferenceSet) -> None:
    assert all(limits is None for limits in reference.metric_limits_)
    assert "a small set; ranges are indicative" in reference.info().caveat


def test_a_large_reference_lists_its_articles_in_the_summary_not_in_every_comparison() -> None:
    reference = _large_reference(120)
    comparison = reference.compare(standin(TOPIC_TEXTS[0], words=400, hedges=("may",) * 3))
    assert all(metric.reference.values == () for metric in comparison.metrics)
    assert comparison.topical_fit.similarities == () and comparison.distance.reference == ()
    assert comparison.metrics[0].reference.min <= comparison.metrics[0].reference.max
    assert len(reference.summary().metrics[0].reference.values) == 120
    small = _large_reference(40).compare(standin(TOPIC_TEXTS[0]))
    assert len(small.metrics[0].reference.values) == 40
