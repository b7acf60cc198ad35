"""Hedge cues: one row per phenomenon, on sentences written for these tests."""

from __future__ import annotations

import pickle
from collections import Counter
from importlib.resources import files

import pytest
from spacy.language import Language

from scoring.errors import PipelineError
from scoring.hedging import (
    BOOSTER,
    CATEGORIES,
    HEDGE_CATEGORIES,
    HedgeLexicon,
    HedgingResult,
    find_hedges,
    load_hedge_lexicon,
    parse_lexicon,
)
from scoring.hedging.rules import RULES
from scoring.text.quotes import voices

Cues = set[tuple[str, str]]


@pytest.fixture(scope="module")
def lexicon() -> HedgeLexicon:
    return load_hedge_lexicon()


def hedges(nlp: Language, lexicon: HedgeLexicon, text: str) -> HedgingResult:
    doc = nlp(text)
    return find_hedges(doc, lexicon=lexicon, voices=voices(doc, ()))


def cues_of(result: HedgingResult) -> Cues:
    return {(cue.span.exact, cue.category) for cue in result.cues}


CASES = [
    # "May" the month is not the modal; the modal beside it is.
    ("The talks resumed in May 2025.", set()),
    ("Talks may resume in May.", {("may", "modal")}),
    # "can" the noun; modal "can" (ability, general possibility) is not in the lexicon either.
    ("He opened a can of beans.", set()),
    ("The army can reach the border in a day.", set()),
    # "would": future in the past of reported speech, refusal and volition are not hedges.
    ("He said he would visit Kyiv next week.", set()),
    ("The Kremlin would not comment on the report.", set()),
    ("He would like to visit Kyiv.", set()),
    ("He was confident the bill would pass.", set()),
    ("A ceasefire would save lives.", {("would", "modal")}),
    # Negated "would" hedges unless it refuses to speak out.
    ("That would not be wise.", {("would", "modal")}),
    # "could": negated past inability is a fact; possibility is a hedge.
    ("Officials could not be reached for comment.", set()),
    ("She could not swim as a child.", set()),
    ("The talks could collapse this week.", {("could", "modal")}),
    # "will" states; "must" hedges only as an inference ("must have").
    ("Russia will attend the talks.", set()),
    ("Troops must leave the city.", set()),
    ("The attackers must have known the route.", {("must", "modal")}),
    # "about": approximator before a number, "concerning" elsewhere or after a verb of speaking.
    ("About 30 soldiers died in the attack.", {("About", "approximator")}),
    ("The meeting lasted about an hour.", {("about", "approximator")}),
    ("The minister spoke about the soldiers who died.", set()),
    ("The minister spoke about 30 soldiers who died.", set()),
    ("Some people left early, but some 40 people stayed.", {("some", "approximator")}),
    # Negated certainty counts, with its negation in the span.
    ("It is not clear who fired first.", {("not clear", "negated_certainty")}),
    ("There is no guarantee the truce will hold.", {("no guarantee", "negated_certainty")}),
    ("The claim has not been confirmed.", {("not been confirmed", "negated_certainty")}),
    ("The offer is not necessarily final.", {("not necessarily", "negated_certainty")}),
    # Unnegated certainty words and boosters are not hedges.
    ("The ceasefire has clearly failed.", set()),
    ("It is clear that the ceasefire failed.", set()),
    # Conditionals.
    ("If the talks fail, fighting will resume.", {("If", "conditional")}),
    ("Fighting will resume unless the talks succeed.", {("unless", "conditional")}),
    # Multi-word phrases, matched through inflection ("is", "'s", "remains").
    ("It is unclear whether Moscow will agree.", {("It is unclear whether", "phrase")}),
    ("It's unclear if Moscow will agree.", {("It's unclear if", "phrase")}),
    ("It remains to be seen whether Moscow will agree.", {("remains to be seen", "phrase")}),
    ("The general is said to be ill.", {("is said to", "phrase")}),
    ("According to some analysts, the deal is fragile.", {("According to some", "phrase")}),
    # Epistemic verbs hedge with a complement or in the passive, not in other senses.
    ("The talks appear to have stalled.", {("appear", "epistemic_verb")}),
    ("He appeared in court on Monday.", set()),
    ("Officials believe the talks will fail.", {("believe", "epistemic_verb")}),
    ("The commander is believed to have fled.", {("believed", "epistemic_verb")}),
    ("He thought about the offer for a week.", set()),
    ("The figures suggest that the economy is slowing.", {("suggest", "epistemic_verb")}),
    ("He suggested a compromise.", set()),
    ("The suspect was arrested on Friday.", set()),
    # Epistemic adverbs and adjectives, but not idioms of degree.
    ("The envoy reportedly left Moscow.", {("reportedly", "epistemic_adverb")}),
    ("The plan is likely to fail.", {("likely", "epistemic_adverb")}),
    ("We will reply as soon as possible.", set()),
    # "unknown" hedges as a predicate; a conditional right after a cue belongs to it.
    ("It is unknown whether the envoy survived.", {("unknown", "epistemic_adverb")}),
    ("Police found an unknown substance.", set()),
    # An estimate hedges the precision of a figure, like "about".
    ("The attack killed an estimated 30,000 people.", {("estimated", "approximator")}),
    # Known misses.
    pytest.param(
        "As a child she could swim for hours.",
        set(),
        marks=pytest.mark.xfail(reason="past ability without negation needs tense reasoning"),
    ),
    pytest.param(
        "It looks like the talks will fail.",
        {("looks like", "phrase")},
        marks=pytest.mark.xfail(reason='"look like" is left out: it also means resemblance'),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_hedge_cues(nlp: Language, lexicon: HedgeLexicon, text: str, expected: Cues) -> None:
    assert cues_of(hedges(nlp, lexicon, text)) == expected


@pytest.mark.parametrize(
    ("text", "booster"),
    [
        ("The ceasefire has clearly failed.", "clearly"),
        ("Moscow will undoubtedly refuse.", "undoubtedly"),
        ("There is no doubt that the ceasefire failed.", "There is no doubt"),
    ],
)
def test_boosters_are_reported_apart(
    nlp: Language, lexicon: HedgeLexicon, text: str, booster: str
) -> None:
    result = hedges(nlp, lexicon, text)
    assert [cue.span.exact for cue in result.boosters] == [booster]
    assert {cue.category for cue in result.boosters} == {BOOSTER}
    assert result.cues == ()
    assert result.hedged_sentences == 0


def test_voice_quoted_reported_and_narrator(nlp: Language, lexicon: HedgeLexicon) -> None:
    # A quote is a quote by its marks alone; reported speech is what attribution says it is.
    text = 'The deal may hold. "It could collapse tomorrow," the envoy said. He said it might last.'
    doc = nlp(text)
    reported = (text.index("it might"), len(text) - 1)
    result = find_hedges(doc, lexicon=lexicon, voices=voices(doc, (reported,)))
    by_cue = {cue.span.exact: cue.voice for cue in result.cues}
    assert by_cue == {"may": "narrator", "could": "quoted", "might": "reported"}
    # 16 words; "It could collapse tomorrow" is quoted and "it might last" reported
    assert result.narrator_words == 16 - 4 - 3
    assert result.narrator_per_100_words == pytest.approx(100 / result.narrator_words)


def test_figures(nlp: Language, lexicon: HedgeLexicon) -> None:
    text = "Talks may resume. Troops left the city. About 30 soldiers died."
    result = hedges(nlp, lexicon, text)
    assert result.per_100_words == pytest.approx(100 * 2 / 11)  # "may", "About" in 11 words
    assert result.hedged_sentence_share == pytest.approx(1 / 3)
    # "About 30" is a cue and counts in the density, but an approximator alone hedges the
    # figure, not the claim: only the "may" sentence is a hedged sentence.
    assert result.hedged_sentences == 1
    assert result.hedged_sentence_share == pytest.approx(1 / 3)
    assert result.per_100_words == pytest.approx(200 / 11)
    assert [cue.sentence for cue in result.cues] == [0, 2]
    assert [name for name, _ in result.by_category] == list(HEDGE_CATEGORIES)
    counts = dict(result.by_category)
    assert counts["modal"] == counts["approximator"] == 1
    assert sum(counts.values()) == 2


def test_spans_point_at_the_text(nlp: Language, lexicon: HedgeLexicon) -> None:
    text = "Officials said the envoy reportedly left, and it is not clear why."
    for cue in hedges(nlp, lexicon, text).cues:
        assert text[cue.span.start : cue.span.end] == cue.span.exact


def test_empty_document(nlp: Language, lexicon: HedgeLexicon) -> None:
    result = hedges(nlp, lexicon, "")
    figures = (result.narrator_words, result.per_100_words, result.hedged_sentence_share)
    assert figures == (0, 0.0, 0.0)


def lexicon_text() -> str:
    return files("scoring").joinpath("lexicons", "hedges.tsv").read_text(encoding="utf-8")


def test_lexicon_has_no_duplicates_or_conflicts() -> None:
    entries = parse_lexicon(lexicon_text())
    counts = Counter(entry.words for entry in entries)
    assert [words for words, count in counts.items() if count > 1] == []
    assert {entry.category for entry in entries} == set(CATEGORIES)
    assert {entry.rule for entry in entries} <= RULES


def test_malformed_lexicon_line_is_rejected() -> None:
    with pytest.raises(PipelineError):
        parse_lexicon("perhaps\tguesswork\tany\t\n")


def test_lexicon_is_plain_data(lexicon: HedgeLexicon) -> None:
    # Workers of a bulk run receive the lexicon by pickling.
    assert pickle.loads(pickle.dumps(lexicon)) == lexicon
