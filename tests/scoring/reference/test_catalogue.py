"""The metric catalogue: definitions, values read from an analysis, evidence and composites."""

from __future__ import annotations

import dataclasses
import math
import re
from types import SimpleNamespace
from typing import Any

import pytest

from scoring.article import Analysis
from scoring.reference.catalogue import (
    COMPOSITES,
    METRIC_IDS,
    METRICS,
    catalogue_entries,
    composite_values,
    finite,
    metric_values,
)

# Words a catalogue of measurements must never use: verdicts and political lean.
VERDICT_WORDS = re.compile(
    r"\b(fake|biased|bias|propaganda|misinformation|disinformation|left-wing|right-wing|"
    r"liberal|conservative|trustworthy|untrustworthy)\b",
    re.IGNORECASE,
)


def _span(exact: str) -> SimpleNamespace:
    return SimpleNamespace(start=0, end=len(exact), exact=exact, prefix="", suffix="")


def _cue(exact: str, voice: str = "narrator") -> SimpleNamespace:
    return SimpleNamespace(span=_span(exact), category="c", sentence=0, voice=voice)


def _attribution(kind: str, source_type: str, source: str | None) -> SimpleNamespace:
    return SimpleNamespace(
        kind=kind,
        source=_span(source) if source else None,
        source_type=source_type,
        cue=_span("said"),
        content=_span("x " * 40),  # a long quote: evidence cuts it
        sentence=0,
        words=40,
    )


def _actor(id: str, key: str, name: str) -> SimpleNamespace:
    return SimpleNamespace(id=id, key=key, name=name, mentions=())


def _sentiment(actor_id: str, score: float, mentions: int, narrator: float) -> SimpleNamespace:
    return SimpleNamespace(
        actor_id=actor_id,
        toward=SimpleNamespace(score=score, mentions=mentions),
        toward_narrator=SimpleNamespace(score=narrator, mentions=mentions),
    )


def analysis(**changes: Any) -> Analysis:
    """A 200-word, 10-sentence article with hand-counted figures (see the expected table)."""
    parts: dict[str, Any] = {
        "text": "text",
        "words": 200,
        "sentences": 10,
        "actors": (_actor("a1", "person:putin", "Putin"), _actor("a2", "person:trump", "Trump")),
        "sentiment": (_sentiment("a1", -0.5, 4, -0.4), _sentiment("a2", 0.3, 2, 0.2)),
        "hedging": SimpleNamespace(
            cues=(_cue("may"), _cue("May"), _cue("could", "quoted"), _cue("reportedly")),
            boosters=(_cue("clearly"),),
            words=200,
            narrator_words=150,
            sentences=10,
            hedged_sentences=3,
            per_100_words=2.0,
            narrator_per_100_words=2.0,
        ),
        "attribution": SimpleNamespace(
            attributions=(
                _attribution("direct", "named_person", "Peskov"),
                _attribution("indirect", "anonymous", "officials"),
                _attribution("according_to", "document", "a statement"),
                _attribution("indirect", "unattributed", None),
            ),
            sources=(SimpleNamespace(name="Peskov"), SimpleNamespace(name="officials")),
            words=200,
            sentences=10,
            attributed_sentences=4,
            per_100_words=2.0,
            distinct_sources=3,
            quoted_words=50,
            voice_share=(
                SimpleNamespace(actor_id="a1", quoted_words=30),
                SimpleNamespace(actor_id="a2", quoted_words=10),
            ),
        ),
        "unattributed_claims": (_span("It may end."),),
        "tone": SimpleNamespace(
            tone=-1.5,
            positive=2.0,
            negative=3.5,
            polarity=5.5,
            words=200,
            tonal_words=(
                SimpleNamespace(span=_span("hope"), weight=1.9),
                SimpleNamespace(span=_span("war"), weight=-2.9),
            ),
        ),
    }
    parts.update(changes)
    return Analysis(**parts)


# Evenness of quoted words 30 / 10: H = -(0.75 ln 0.75 + 0.25 ln 0.25) over ln 2.
EVENNESS_30_10 = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25)) / math.log(2)

EXPECTED = {
    "hedging_density": 2.0,  # reported by the hedging module
    "narrator_hedging_density": 2.0,
    "hedged_sentence_share": 0.3,  # 3 of 10 sentences
    "booster_density": 0.5,  # 1 booster in 200 words
    "attribution_density": 2.0,
    "attributed_sentence_share": 0.4,  # 4 of 10
    "named_source_share": 0.5,  # named person + document, of 4
    "anonymous_source_share": 0.25,  # "officials" only; "unattributed" is not anonymous
    "unsourced_claim_share": 0.1,  # 1 claim in 10 sentences
    "distinct_sources_per_1000_words": 15.0,  # 3 in 200 words
    "direct_quote_share": 0.25,
    "quoted_word_share": 0.25,  # 50 of 200
    "top_voice_share": 0.75,  # 30 of 40 actor-quoted words
    "voice_evenness": EVENNESS_30_10,
    "tone": -1.5,
    "polarity": 5.5,
    "positive": 2.0,
    "negative": 3.5,
    "actor_sentiment_spread": 0.8,  # 0.3 - (-0.5): both mentioned at least twice
    "narrator_sentiment_intensity": (0.4 * 4 + 0.2 * 2) / 6,  # mention-weighted |score|
}


def test_every_metric_is_in_the_expected_table() -> None:
    assert set(METRIC_IDS) == set(EXPECTED)


@pytest.mark.parametrize("metric_id", sorted(EXPECTED))
def test_metric_value_from_a_hand_counted_analysis(metric_id: str) -> None:
    assert metric_values(analysis())[metric_id] == pytest.approx(EXPECTED[metric_id])


def test_empty_article_gives_zero_not_nan() -> None:
    empty = analysis(
        actors=(),
        sentiment=(),
        hedging=SimpleNamespace(
            cues=(),
            boosters=(),
            words=0,
            narrator_words=0,
            sentences=0,
            hedged_sentences=0,
            per_100_words=0.0,
            narrator_per_100_words=0.0,
        ),
        attribution=SimpleNamespace(
            attributions=(),
            sources=(),
            words=0,
            sentences=0,
            attributed_sentences=0,
            per_100_words=0.0,
            distinct_sources=0,
            quoted_words=0,
            voice_share=(),
        ),
        unattributed_claims=(),
        words=0,
        sentences=0,
    )
    values = metric_values(empty)
    assert all(math.isfinite(v) for v in values.values())
    assert values["voice_evenness"] == 0.0 and values["actor_sentiment_spread"] == 0.0
    assert all(math.isfinite(v) for v in composite_values(values).values())


def test_evidence_examples_are_distinct_short_and_few() -> None:
    spec = {s.id: s for s in METRICS}
    hedges = spec["hedging_density"].evidence(analysis())
    assert (hedges.count, hedges.of) == (4, 200)
    assert hedges.examples == ("may", "could", "reportedly")  # "May" folds into "may"
    narrator = spec["narrator_hedging_density"].evidence(analysis())
    assert (narrator.count, narrator.of) == (3, 150)  # the quoted "could" is not the narrator's
    quotes = spec["direct_quote_share"].evidence(analysis())
    assert len(quotes.examples[0]) <= 60 and quotes.examples[0].endswith("…")
    anonymous = spec["anonymous_source_share"].evidence(analysis())
    assert anonymous.examples == ("officials",)
    negative = spec["negative"].evidence(analysis())
    assert negative.examples == ("war",)
    voices = spec["top_voice_share"].evidence(analysis())
    assert voices.examples == ("Putin 75%", "Trump 25%")


def test_explanation_templates_format_with_the_documented_fields() -> None:
    for spec in METRICS:
        text = spec.explanation.format(count=2, of=10, value="1.0", s="s", examples="")
        assert "{" not in text, spec.id


def test_catalogue_entries_are_plain_and_complete() -> None:
    entries = catalogue_entries()
    assert [e.id for e in entries] == [*METRIC_IDS, *(c.id for c in COMPOSITES)]
    assert len({e.id for e in entries}) == len(entries)
    for entry in entries:
        for field in dataclasses.fields(entry):
            value = getattr(entry, field.name)
            assert isinstance(value, str | tuple), (entry.id, field.name)
            if isinstance(value, str):
                assert value.strip(), (entry.id, field.name)
                assert not VERDICT_WORDS.search(value), (entry.id, value)
    composites = [e for e in entries if e.kind == "composite"]
    assert all(set(e.inputs) <= set(METRIC_IDS) and e.inputs for e in composites)


@pytest.mark.parametrize(
    ("changes", "sourcing", "balance"),
    [
        # the hand-counted article: mean(0.4, 0.5, 1 - 0.1) and mean(J, 1 - 1/3)
        ({}, 100 * (0.4 + 0.5 + 0.9) / 3, 100 * (EVENNESS_30_10 + 1 - 1 / 3) / 2),
        # nothing sourced, every sentence a hedged claim, one voice, neutral narrator
        (
            {
                "attributed_sentence_share": 0.0,
                "named_source_share": 0.0,
                "unsourced_claim_share": 1.0,
                "voice_evenness": 0.0,
                "narrator_sentiment_intensity": 0.0,
            },
            0.0,
            50.0,
        ),
        # out-of-range inputs are clipped to 0..1 term by term
        (
            {"attributed_sentence_share": 1.5, "narrator_sentiment_intensity": 1.2},
            100 * 2.4 / 3,
            100 * EVENNESS_30_10 / 2,
        ),
    ],
)
def test_composite_formulas(changes: dict[str, float], sourcing: float, balance: float) -> None:
    values = {**metric_values(analysis()), **changes}
    assert composite_values(values) == pytest.approx({"sourcing": sourcing, "balance": balance})


def test_non_finite_values_become_zero() -> None:
    assert finite(float("nan")) == 0.0 and finite(float("inf")) == 0.0 and finite(2.5) == 2.5
