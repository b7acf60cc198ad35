"""The metric catalogue: the one place every document-level metric and composite score is defined.

Each metric has one reader (``scoring.reference.readings``) that takes an ``Analysis`` and returns
its value with the evidence behind it (what was counted, out of what, and example words): fitting
a reference, comparing an article and explaining the figure all use that one reading. The
catalogue is published as plain entries (no callables) so a client can show what every figure
means, which way is "higher" and how it is computed.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from scoring.article import Analysis
from scoring.reference import readings
from scoring.reference.readings import (
    ANONYMOUS_SOURCE_TYPES,
    NAMED_SOURCE_TYPES,
    Reader,
    Reading,
    clip01,
)

logger = logging.getLogger(__name__)

# Weasel sources ("critics say", "it is believed"): scoring.attribution.sources types them.
VAGUE_SOURCE_TYPES = frozenset({"vague"})

# Bumped whenever a metric or composite is added, removed or redefined.
CATALOGUE_VERSION = "3"


@dataclass(frozen=True, slots=True)
class Display:
    """How a value is shown in explanations: ``value * scale`` to ``decimals`` places + suffix."""

    scale: float
    decimals: int
    suffix: str

    def number(self, value: float) -> str:
        """The number alone, scaled and rounded: "1.4", "35"."""
        return f"{value * self.scale:.{self.decimals}f}"

    def format(self, value: float) -> str:
        """The value as an editor reads it, e.g. "1.4 per 100 words" or "35%"."""
        return f"{self.number(value)}{self.suffix}"


PER_100 = Display(1.0, 1, " per 100 words")
PER_1000 = Display(1.0, 1, " per 1000 words")
SHARE = Display(100.0, 0, "%")
PERCENT_OF_WORDS = Display(1.0, 1, "% of words")
POINTS = Display(1.0, 1, " points")
SCORE = Display(1.0, 2, "")


@dataclass(frozen=True, slots=True)
class MetricSpec:
    """One document-level metric: what it measures, how, and the one reader of its value.

    ``read`` returns the value and its evidence together. ``explanation`` is a template over the
    reading's ``{count}``, ``{of}``, ``{value}``, ``{s}`` (the plural ending for ``count``) and
    ``{examples}`` (", e.g. 'x', 'y'" or empty).
    """

    id: str
    name: str
    unit: str
    direction: str
    formula: str
    explanation: str
    display: Display
    read: Reader


@dataclass(frozen=True, slots=True)
class CompositeSpec:
    """A composite score: a documented formula over catalogue metrics, on 0..100."""

    id: str
    name: str
    unit: str
    direction: str
    formula: str
    explanation: str
    inputs: tuple[str, ...]
    compute: Callable[[Mapping[str, float]], float]


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """A metric or composite as published (GET /v1/metrics): plain values only."""

    id: str
    kind: str
    name: str
    unit: str
    direction: str
    formula: str
    explanation: str
    inputs: tuple[str, ...]


# The catalogue ---------------------------------------------------------------------------------

_PER_100_FORMULA = "100 x {what} / words (a word has a letter or digit; scoring.text.words)"

METRICS: tuple[MetricSpec, ...] = (
    MetricSpec(
        id="hedging_density",
        name="Hedging density",
        unit="hedge cues per 100 words",
        direction="higher: more uncertainty or reduced commitment in the wording",
        formula=_PER_100_FORMULA.format(what="hedge cues (narrator, quotes and reported speech)"),
        explanation="{count} hedge cue{s} in {of} words{examples}",
        display=PER_100,
        read=readings.hedging_density,
    ),
    MetricSpec(
        id="narrator_hedging_density",
        name="Narrator hedging density",
        unit="hedge cues per 100 narrator words",
        direction="higher: the article's own voice commits less to what it reports",
        formula="100 x hedge cues in the narrator's voice / words in the narrator's voice (outside "
        "quotes and reported speech; scoring.text.quotes.Voices)",
        explanation="{count} hedge cue{s} in the narrator's {of} words{examples}",
        display=PER_100,
        read=readings.narrator_hedging_density,
    ),
    MetricSpec(
        id="hedged_sentence_share",
        name="Hedged sentences",
        unit="share of sentences (0-1)",
        direction="higher: uncertainty spread over more of the article",
        formula="sentences with at least one hedge cue / sentences",
        explanation="hedges in {count} of {of} sentences{examples}",
        display=SHARE,
        read=readings.hedged_sentence_share,
    ),
    MetricSpec(
        id="booster_density",
        name="Booster density",
        unit="boosters per 100 words",
        direction="higher: more words of certainty ('clearly', 'undoubtedly')",
        formula=_PER_100_FORMULA.format(what="booster cues"),
        explanation="{count} booster{s} in {of} words{examples}",
        display=PER_100,
        read=readings.booster_density,
    ),
    MetricSpec(
        id="attribution_density",
        name="Attribution density",
        unit="attributed statements per 100 words",
        direction="higher: more statements tied to a source",
        formula=_PER_100_FORMULA.format(what="attributions (direct, indirect, 'according to')"),
        explanation="{count} attributed statement{s} in {of} words{examples}",
        display=PER_100,
        read=readings.attribution_density,
    ),
    MetricSpec(
        id="attributed_sentence_share",
        name="Attributed sentences",
        unit="share of sentences (0-1)",
        direction="higher: more of the article is tied to sources",
        formula="sentences carrying at least one attribution / sentences",
        explanation="attributions in {count} of {of} sentences{examples}",
        display=SHARE,
        read=readings.attributed_sentence_share,
    ),
    MetricSpec(
        id="named_source_share",
        name="Named sources",
        unit="share of attributions (0-1)",
        direction="higher: more statements say who is speaking (person, organisation, document)",
        formula="attributions to a named person, organisation or document / attributions",
        explanation="a named source for {count} of {of} attributions{examples}",
        display=SHARE,
        read=readings.source_type_share(NAMED_SOURCE_TYPES),
    ),
    MetricSpec(
        id="anonymous_source_share",
        name="Anonymous sources",
        unit="share of attributions (0-1)",
        direction="higher: more statements rest on unnamed sources ('officials said')",
        formula="attributions to an anonymous source / attributions",
        explanation="an unnamed source for {count} of {of} attributions{examples}",
        display=SHARE,
        read=readings.source_type_share(ANONYMOUS_SOURCE_TYPES),
    ),
    MetricSpec(
        id="vague_source_share",
        name="Vague sources",
        unit="share of attributions (0-1)",
        direction="higher: more statements rest on weasel sources ('critics say', 'some have "
        "argued', 'it is believed')",
        formula="attributions to a vague source / attributions",
        explanation="a vague source for {count} of {of} attributions{examples}",
        display=SHARE,
        read=readings.source_type_share(VAGUE_SOURCE_TYPES),
    ),
    MetricSpec(
        id="unsourced_claim_share",
        name="Unsourced hearsay",
        unit="share of sentences (0-1)",
        direction="higher: more claims passed on as hearsay ('reportedly', 'allegedly', 'is "
        "said to') that no named or anonymous source carries",
        formula="sentences with a hearsay hedge not covered by a sourced attribution / sentences",
        explanation="hearsay without a source in {count} of {of} sentences{examples}",
        display=SHARE,
        read=readings.unsourced_claim_share,
    ),
    MetricSpec(
        id="distinct_sources_per_1000_words",
        name="Source variety",
        unit="distinct sources per 1000 words",
        direction="higher: more different sources for the article's length",
        formula="1000 x distinct sources / words",
        explanation="{count} distinct source{s} in {of} words{examples}",
        display=PER_1000,
        read=readings.distinct_sources_per_1000_words,
    ),
    MetricSpec(
        id="direct_quote_share",
        name="Direct quotes",
        unit="share of attributions (0-1)",
        direction="higher: sources speak in their own quoted words rather than paraphrased",
        formula="direct-quote attributions / attributions",
        explanation="direct quotes for {count} of {of} attributions{examples}",
        display=SHARE,
        read=readings.direct_quote_share,
    ),
    MetricSpec(
        id="quoted_word_share",
        name="Quoted words",
        unit="share of words (0-1)",
        direction="higher: more of the text is sources' own words",
        formula="words inside quotes / words",
        explanation="{count} of {of} words inside quotes{examples}",
        display=SHARE,
        read=readings.quoted_word_share,
    ),
    MetricSpec(
        id="top_voice_share",
        name="Largest voice",
        unit="share of quoted words (0-1)",
        direction="higher: one actor's words dominate the quotes (0 when nobody is quoted)",
        formula="quoted words of the most-quoted actor / quoted words of all actors",
        explanation="{value} of {of} quoted words from the most-quoted of {count} voice{s}"
        "{examples}",
        display=SHARE,
        read=readings.top_voice_share,
    ),
    MetricSpec(
        id="voice_evenness",
        name="Voice evenness",
        unit="evenness 0-1 (Pielou's J)",
        direction="higher: quoted words spread evenly over the voices (0 with fewer than two)",
        formula="Shannon entropy of the actors' quoted-word shares / ln(number of voices)",
        explanation="{of} quoted words over {count} voice{s}, evenness {value}{examples}",
        display=SCORE,
        read=readings.voice_evenness,
    ),
    MetricSpec(
        id="tone",
        name="Tone (GDELT-style)",
        unit="percentage points",
        direction="higher: more positive than negative wording; lower: more negative",
        formula="positive words % - negative words % (GDELT GKG style, not GDELT-calibrated)",
        explanation="tone {value} over {of} words with {count} tonal word{s}{examples}",
        display=POINTS,
        read=readings.tone,
    ),
    MetricSpec(
        id="polarity",
        name="Polarity (GDELT-style)",
        unit="percent of words",
        direction="higher: more emotionally loaded wording, positive or negative",
        formula="100 x words with a tonal weight / words",
        explanation="{count} tonal word{s} in {of} words{examples}",
        display=PERCENT_OF_WORDS,
        read=readings.polarity,
    ),
    MetricSpec(
        id="positive",
        name="Positive words",
        unit="percent of words",
        direction="higher: more positive wording",
        formula="100 x words with a positive tonal weight / words",
        explanation="{count} positive word{s} in {of} words{examples}",
        display=PERCENT_OF_WORDS,
        read=readings.positive,
    ),
    MetricSpec(
        id="negative",
        name="Negative words",
        unit="percent of words",
        direction="higher: more negative wording",
        formula="100 x words with a negative tonal weight / words",
        explanation="{count} negative word{s} in {of} words{examples}",
        display=PERCENT_OF_WORDS,
        read=readings.negative,
    ),
    MetricSpec(
        id="actor_sentiment_spread",
        name="Sentiment spread across actors",
        unit="score difference (0-2)",
        direction="higher: actors portrayed more differently from one another",
        formula="max - min sentiment toward actors mentioned at least twice (0 with fewer than 2)",
        explanation="sentiment toward {count} actor{s} mentioned at least twice spans {value}"
        "{examples}",
        display=SCORE,
        read=readings.actor_sentiment_spread,
    ),
    MetricSpec(
        id="narrator_sentiment_intensity",
        name="Narrator sentiment intensity",
        unit="mean |score| (0-1)",
        direction="higher: the narrator's own wording about actors is further from neutral",
        formula="mention-weighted mean of |narrator's sentiment toward each actor|",
        explanation="the narrator's wording about {count} actor{s} averages {value} from neutral"
        "{examples}",
        display=SCORE,
        read=readings.narrator_sentiment_intensity,
    ),
)


def _sourcing(values: Mapping[str, float]) -> float:
    terms = (
        values["attributed_sentence_share"],
        values["named_source_share"],
        1.0 - values["unsourced_claim_share"],
    )
    return 100.0 * sum(clip01(term) for term in terms) / len(terms)


def _balance(values: Mapping[str, float]) -> float:
    terms = (values["voice_evenness"], 1.0 - values["narrator_sentiment_intensity"])
    return 100.0 * sum(clip01(term) for term in terms) / len(terms)


COMPOSITES: tuple[CompositeSpec, ...] = (
    CompositeSpec(
        id="sourcing",
        name="Sourcing score",
        unit="score 0-100",
        direction="higher: more of the article tied to sources, more of them named, fewer hedged "
        "claims left without a source",
        formula="100 x mean(attributed_sentence_share, named_source_share, "
        "1 - unsourced_claim_share)",
        explanation="sourcing {value} from {inputs}",
        inputs=(
            "attributed_sentence_share",
            "named_source_share",
            "unsourced_claim_share",
        ),
        compute=_sourcing,
    ),
    CompositeSpec(
        id="balance",
        name="Balance score",
        unit="score 0-100",
        direction="higher: quoted words spread over several voices and the narrator's wording "
        "about actors close to neutral; says nothing about political lean or truth",
        formula="100 x mean(voice_evenness, 1 - narrator_sentiment_intensity)",
        explanation="balance {value} from {inputs}",
        inputs=("voice_evenness", "narrator_sentiment_intensity"),
        compute=_balance,
    ),
)

METRIC_IDS: tuple[str, ...] = tuple(spec.id for spec in METRICS)
COMPOSITE_IDS: tuple[str, ...] = tuple(spec.id for spec in COMPOSITES)
METRICS_BY_ID: dict[str, MetricSpec] = {spec.id: spec for spec in METRICS}


def finite(value: float) -> float:
    """``value`` as a Python float, 0.0 (logged) if a metric module returned NaN or infinity."""
    number = float(value)
    if math.isfinite(number):
        return number
    logger.warning("non-finite metric value %r replaced by 0.0", number)
    return 0.0


def metric_readings(analysis: Analysis) -> dict[str, Reading]:
    """Every catalogue metric of one analysis read once, by id, in catalogue order; the values
    always finite."""
    return {spec.id: _finite_reading(spec.read(analysis)) for spec in METRICS}


def _finite_reading(reading: Reading) -> Reading:
    value = finite(reading.value)
    return reading if value == reading.value else replace(reading, value=value)


def metric_values(analysis: Analysis) -> dict[str, float]:
    """Every catalogue metric's value of one analysis, by id, in catalogue order; always finite."""
    return {id: reading.value for id, reading in metric_readings(analysis).items()}


def composite_values(values: Mapping[str, float]) -> dict[str, float]:
    """Every composite score computed from metric values, by id; always finite."""
    return {spec.id: finite(spec.compute(values)) for spec in COMPOSITES}


def catalogue_entries() -> tuple[CatalogueEntry, ...]:
    """The catalogue as published: every metric then every composite, plain values only."""
    metrics = tuple(
        CatalogueEntry(s.id, "metric", s.name, s.unit, s.direction, s.formula, s.explanation, ())
        for s in METRICS
    )
    composites = tuple(
        CatalogueEntry(
            s.id, "composite", s.name, s.unit, s.direction, s.formula, s.explanation, s.inputs
        )
        for s in COMPOSITES
    )
    return metrics + composites
