"""The metric catalogue: each metric read from real analyses of short hand-written articles.

Every figure below is counted by hand from the article's text (words, sentences, cues, quoted
words), so a row fails when a reader counts the wrong things or divides by the wrong total.
"""

from __future__ import annotations

import dataclasses
import math
import re

import pytest

from scoring.analyze import analyze_doc
from scoring.article import Analysis
from scoring.reference import ReferenceSet
from scoring.reference.catalogue import (
    COMPOSITE_IDS,
    METRIC_IDS,
    METRICS,
    METRICS_BY_ID,
    catalogue_entries,
    composite_values,
    finite,
    metric_readings,
    metric_values,
)
from scoring.reference.readings import MAX_EXAMPLE_CHARS, Reading
from scoring.resources import Resources

# Words a catalogue of measurements must never use: verdicts and political lean.
VERDICT_WORDS = re.compile(
    r"\b(fake|biased|bias|propaganda|misinformation|disinformation|left-wing|right-wing|"
    r"liberal|conservative|trustworthy|untrustworthy)\b",
    re.IGNORECASE,
)

ARTICLES = {
    # 29 words, 4 sentences; hedges: may, reportedly, could, perhaps; booster: clearly;
    # "reportedly" passes on a claim nobody is named for.
    "hedged": "The talks may resume next week. The envoy reportedly left the capital on Sunday. "
    "A deal could perhaps come soon, and the minister is clearly hopeful. Nothing was signed.",
    # 11 words, 2 sentences; "may" is the narrator's, "could" is Peskov's (5 quoted words), so
    # the narrator has 6 words: "The talks may resume", "Peskov said".
    "voiced": 'The talks may resume. "A deal could come soon," Peskov said.',
    # 30 words, 4 sentences, 4 attributions: two direct quotes by named people (7 and 3 words),
    # anonymous officials, a document; the narrator's own words are only the 10 of the cues.
    "quoted": '"We will never give up our land," Zelensky said. "Talks are possible," Putin said. '
    "Officials said the meeting was useful. According to a statement, the talks will continue "
    "in Riyadh.",
    # 20 words, 3 sentences; positive: brave, saved; negative: destroyed, killed, "not good".
    "tonal": "The brave rescuers saved the children. The flood destroyed the village and killed "
    "two people. The weather was not good.",
    # Putin and Zelensky twice each (one cruel, one brave), Macron once; no quotes.
    "portrayed": "Putin ordered deadly strikes on Kyiv. Putin is a cruel tyrant. Zelensky is a "
    "brave and honest leader. Zelensky visited the wounded. Macron arrived later.",
    # 19 words: five hedges, "Perhaps" and "perhaps" among them.
    "repeated": "Perhaps the talks resume. The envoy will perhaps return. The minister could "
    "stay, and the army might possibly withdraw.",
    # One direct quote of 16 words, longer than an evidence string.
    "long_quote": '"We will keep fighting for every village and every field until the last '
    'soldier comes home," Zelensky said.',
    # Three attributions: two to vague sources ("Critics", "Some"), one to Zelensky.
    "vague": 'Critics say the plan is too costly. "It works," Zelensky said. Some have argued '
    "that it came too late.",
    # Nothing to count but two words.
    "bare": "Nothing happened.",
}

# Pielou's evenness of quoted words 7 / 3: H = -(0.7 ln 0.7 + 0.3 ln 0.3) over ln 2.
EVENNESS_7_3 = -(0.7 * math.log(0.7) + 0.3 * math.log(0.3)) / math.log(2)


@pytest.fixture(scope="module")
def analyses(resources: Resources) -> dict[str, Analysis]:
    return {
        name: analyze_doc(resources.nlp(text), resources=resources)
        for name, text in ARTICLES.items()
    }


def read(metric_id: str, analysis: Analysis) -> Reading:
    return METRICS_BY_ID[metric_id].read(analysis)


# (metric, article, value, count, of): value computed by hand from count and of.
HAND_COUNTED = [
    # every hedge cue, the narrator's and the quoted, per 100 words
    ("hedging_density", "hedged", 100 * 4 / 29, 4, 29),
    ("hedging_density", "voiced", 100 * 2 / 11, 2, 11),
    # only the narrator's cues, per 100 of the narrator's words
    ("narrator_hedging_density", "voiced", 100 * 1 / 6, 1, 6),
    # three sentences carry a hedge, the last does not
    ("hedged_sentence_share", "hedged", 3 / 4, 3, 4),
    # "clearly" is a booster, never a hedge
    ("booster_density", "hedged", 100 * 1 / 29, 1, 29),
    # "reportedly" with nobody named: hearsay without a source in one sentence of four
    ("unsourced_claim_share", "hedged", 1 / 4, 1, 4),
    # four attributions, each in its own sentence
    ("attribution_density", "quoted", 100 * 4 / 30, 4, 30),
    ("attributed_sentence_share", "quoted", 4 / 4, 4, 4),
    # Zelensky, Putin and "a statement" are named; "Officials" is not
    ("named_source_share", "quoted", 3 / 4, 3, 4),
    ("anonymous_source_share", "quoted", 1 / 4, 1, 4),
    ("distinct_sources_per_1000_words", "quoted", 1000 * 4 / 30, 4, 30),
    # "Critics" and "Some" name nobody; none of the four in "quoted" is vague
    ("vague_source_share", "vague", 2 / 3, 2, 3),
    ("vague_source_share", "quoted", 0 / 4, 0, 4),
    # the two quotes are direct, the officials' and the statement's are not
    ("direct_quote_share", "quoted", 2 / 4, 2, 4),
    # 7 + 3 words between quotation marks
    ("quoted_word_share", "quoted", 10 / 30, 10, 30),
    # two voices with 7 and 3 quoted words
    ("top_voice_share", "quoted", 7 / 10, 2, 10),
    ("voice_evenness", "quoted", EVENNESS_7_3, 2, 10),
    # one voice has no evenness
    ("voice_evenness", "voiced", 0.0, 1, 5),
    # GDELT tone over 20 words: 2 positive, 3 negative ("not good" flips "good")
    ("tone", "tonal", 100 * 2 / 20 - 100 * 3 / 20, 5, 20),
    ("polarity", "tonal", 100 * 5 / 20, 5, 20),
    ("positive", "tonal", 100 * 2 / 20, 2, 20),
    ("negative", "tonal", 100 * 3 / 20, 3, 20),
]
# Metrics over the sentiment model's scores, checked against those scores below.
MODEL_SCORED = {"actor_sentiment_spread", "narrator_sentiment_intensity"}


def test_every_metric_is_checked_on_a_real_article() -> None:
    assert {row[0] for row in HAND_COUNTED} | MODEL_SCORED == set(METRIC_IDS)


@pytest.mark.parametrize(
    ("metric_id", "article", "value", "count", "of"),
    HAND_COUNTED,
    ids=[f"{row[0]}-{row[1]}" for row in HAND_COUNTED],
)
def test_metric_counted_by_hand(
    analyses: dict[str, Analysis], metric_id: str, article: str, value: float, count: int, of: int
) -> None:
    reading = read(metric_id, analyses[article])
    assert (reading.count, reading.of) == (count, of)
    assert reading.value == pytest.approx(value)
    assert metric_values(analyses[article])[metric_id] == pytest.approx(value)


def test_sentiment_metrics_follow_the_scores_toward_each_actor(
    analyses: dict[str, Analysis],
) -> None:
    portrayed = analyses["portrayed"]
    names = {actor.id: actor.name for actor in portrayed.actors}
    toward = {names[item.actor_id]: item for item in portrayed.sentiment}
    putin, zelensky, macron = (toward[name] for name in ("Putin", "Zelensky", "Macron"))
    assert putin.toward.score < macron.toward.score < zelensky.toward.score  # the wording
    spread = read("actor_sentiment_spread", portrayed)
    # Macron, mentioned once, is left out: two of the three actors are compared
    assert (spread.count, spread.of) == (2, 3)
    assert spread.value == pytest.approx(zelensky.toward.score - putin.toward.score)
    assert spread.examples == (
        f"Putin {putin.toward.score:+.2f}",
        f"Zelensky {zelensky.toward.score:+.2f}",
    )
    intensity = read("narrator_sentiment_intensity", portrayed)
    # all in the narrator's voice, weighted by mentions: 2, 2 and 1
    narrator = [
        (abs(item.toward_narrator.score), item.toward_narrator.mentions)
        for item in (putin, zelensky, macron)
    ]
    assert [mentions for _, mentions in narrator] == [2, 2, 1]
    assert (intensity.count, intensity.of) == (3, 3)
    assert intensity.value == pytest.approx(sum(s * m for s, m in narrator) / 5)
    strongest = max((putin, zelensky, macron), key=lambda item: abs(item.toward_narrator.score))
    assert intensity.examples[0].startswith(names[strongest.actor_id] + " ")  # strongest first


def test_sentiment_metrics_are_zero_without_actors(analyses: dict[str, Analysis]) -> None:
    values = metric_values(analyses["hedged"])
    assert values["actor_sentiment_spread"] == values["narrator_sentiment_intensity"] == 0.0


def test_an_article_with_nothing_to_count_gives_zero_not_nan(
    analyses: dict[str, Analysis],
) -> None:
    values = metric_values(analyses["bare"])
    assert values == dict.fromkeys(METRIC_IDS, 0.0)
    readings = metric_readings(analyses["bare"])
    assert readings["hedging_density"] == Reading(0.0, 0, 2, ())
    assert readings["named_source_share"] == Reading(0.0, 0, 0, ())  # no attributions at all
    assert all(math.isfinite(v) for v in composite_values(values).values())


def test_evidence_examples_are_distinct_short_and_few(analyses: dict[str, Analysis]) -> None:
    hedges = read("hedging_density", analyses["repeated"])
    assert (hedges.count, hedges.of) == (5, 19)
    assert hedges.examples == ("Perhaps", "could", "might")  # "perhaps" folds into "Perhaps"
    quote = read("direct_quote_share", analyses["long_quote"]).examples[0]
    assert len(quote) == MAX_EXAMPLE_CHARS and quote.endswith("…")
    assert quote.startswith('"We will keep fighting')
    assert read("anonymous_source_share", analyses["quoted"]).examples == ("Officials",)
    assert read("negative", analyses["tonal"]).examples == ("destroyed", "killed", "good")
    assert read("top_voice_share", analyses["quoted"]).examples == ("Zelensky 70%", "Putin 30%")


def test_a_comparison_scores_and_explains_the_same_reading(
    analyses: dict[str, Analysis],
) -> None:
    reference = ReferenceSet().fit([analyses[name] for name in ("hedged", "quoted", "tonal")])
    comparison = reference.compare(analyses["voiced"])
    readings = metric_readings(analyses["voiced"])
    assert [m.id for m in comparison.metrics] == list(METRIC_IDS)
    for metric in comparison.metrics:
        reading = readings[metric.id]
        assert (metric.value, metric.evidence) == (reading.value, reading.examples), metric.id
    hedging = next(m for m in comparison.metrics if m.id == "hedging_density")
    assert hedging.explanation.startswith("2 hedge cues in 11 words, e.g. 'may', 'could'; ")


def test_sourcing_of_a_well_sourced_article(analyses: dict[str, Analysis]) -> None:
    # every sentence attributed, 3 of 4 sources named, no unsourced hearsay
    scores = composite_values(metric_values(analyses["quoted"]))
    assert scores["sourcing"] == pytest.approx(100 * (1.0 + 0.75 + 1.0) / 3)


def test_explanation_templates_format_with_the_documented_fields() -> None:
    for spec in METRICS:
        text = spec.explanation.format(count=2, of=10, value="1.0", s="s", examples="")
        assert "{" not in text, spec.id


def test_catalogue_entries_are_plain_and_complete() -> None:
    entries = catalogue_entries()
    assert [e.id for e in entries] == [*METRIC_IDS, *COMPOSITE_IDS]
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
    ("inputs", "sourcing", "balance"),
    [
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
        # the mean of each composite's terms
        (
            {
                "attributed_sentence_share": 0.4,
                "named_source_share": 0.5,
                "unsourced_claim_share": 0.1,
                "voice_evenness": EVENNESS_7_3,
                "narrator_sentiment_intensity": 1 / 3,
            },
            100 * (0.4 + 0.5 + 0.9) / 3,
            100 * (EVENNESS_7_3 + 1 - 1 / 3) / 2,
        ),
        # out-of-range inputs are clipped to 0..1 term by term
        (
            {
                "attributed_sentence_share": 1.5,
                "named_source_share": 0.5,
                "unsourced_claim_share": 0.1,
                "voice_evenness": EVENNESS_7_3,
                "narrator_sentiment_intensity": 1.2,
            },
            100 * 2.4 / 3,
            100 * EVENNESS_7_3 / 2,
        ),
    ],
)
def test_composite_formulas(inputs: dict[str, float], sourcing: float, balance: float) -> None:
    values = {**dict.fromkeys(METRIC_IDS, 0.0), **inputs}
    assert composite_values(values) == pytest.approx({"sourcing": sourcing, "balance": balance})


def test_non_finite_values_become_zero() -> None:
    assert finite(float("nan")) == 0.0 and finite(float("inf")) == 0.0 and finite(2.5) == 2.5
