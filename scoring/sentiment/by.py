"""Sentiment by an actor: the tone of its own quoted words.

The tone of the words quoted from the actor, from the VADER lexicon with negation (names never
count; ``scoring.text.valence``), normalised as VADER normalises its compound score; -1..1,
higher is more positive. The target encoder answers a different question (how a sentence
portrays a marked target), so the tone of a speaker's own words stays a lexicon measure: every
word that moved it is listed, and the same weights drive the document's tone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from scoring.text.spans import TextSpan, from_span
from scoring.text.valence import word_weight
from scoring.text.words import is_word

# VADER's own cut-offs for its compound score (vaderSentiment README): +-0.05.
BY_THRESHOLD = 0.05
# VADER's normalize() alpha (vaderSentiment 3.3.2): maps a sum of weights into -1..1.
VADER_ALPHA = 15.0


@dataclass(frozen=True, slots=True)
class SpeakerTone:
    """Sentiment by an actor: the tone of its own quoted words (-1..1; higher is more positive)."""

    score: float
    label: str
    quoted_words: int
    quotes: int
    words: tuple[TextSpan, ...]


def _label(score: float) -> str:
    if score >= BY_THRESHOLD:
        return "positive"
    return "negative" if score <= -BY_THRESHOLD else "neutral"


def speaker_tone(
    doc: Doc, regions: Sequence[tuple[int, int]], lexicon: Mapping[str, float]
) -> SpeakerTone:
    """Tone of the words in ``regions`` (one speaker's quotes): VADER weights with negation."""
    if not regions:
        return SpeakerTone(0.0, "none", 0, 0, ())
    words, total, tonal = 0, 0.0, []
    for start, end in regions:
        quote = doc.char_span(start, end, alignment_mode="expand")
        for token in quote if quote is not None else ():
            words += is_word(token)
            weight = word_weight(token, lexicon)
            if weight:
                total += weight
                tonal.append(from_span(doc[token.i : token.i + 1]))
    score = total / math.sqrt(total * total + VADER_ALPHA)
    return SpeakerTone(score, _label(score), words, len(regions), tuple(tonal))
