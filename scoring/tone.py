"""Document tone in the style of the GDELT Global Knowledge Graph (GDELT-style, not calibrated).

GDELT's V1.5 tone fields: tone = positive% - negative%, polarity = percentage of words with tonal
weight, over the document's word count. We count words found in the VADER lexicon (Hutto & Gilbert
2014), skip words inside named entities (so "United" in "United States" or "Truth" in "Truth
Social" is not tone) and flip a word a negation governs ("not good" counts as negative), which
GDELT does not do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc

from scoring.text.spans import TextSpan, doc_text, text_span
from scoring.text.valence import word_weight
from scoring.text.words import count_words, per_100_words


@dataclass(frozen=True, slots=True)
class TonalWord:
    """A word with tonal weight: VADER valence, sign flipped when negated (-4..4)."""

    span: TextSpan
    weight: float


@dataclass(frozen=True, slots=True)
class ToneResult:
    """GDELT-style tone; higher tone is more positive wording, higher polarity more charged."""

    tone: float
    positive: float
    negative: float
    polarity: float
    tonal_words: tuple[TonalWord, ...]


def document_tone(doc: Doc, *, lexicon: Mapping[str, float]) -> ToneResult:
    """Tone, positive%, negative% and polarity of the whole text, with the tonal words."""
    words = count_words(doc)
    text = doc_text(doc)
    tonal = tuple(
        TonalWord(span=text_span(text, t.idx, t.idx + len(t.text)), weight=weight)
        for t in doc
        if t.is_alpha and (weight := word_weight(t, lexicon))
    )
    positive = per_100_words(sum(1 for w in tonal if w.weight > 0), words)
    negative = per_100_words(sum(1 for w in tonal if w.weight < 0), words)
    return ToneResult(
        tone=positive - negative,
        positive=positive,
        negative=negative,
        polarity=positive + negative,
        tonal_words=tonal,
    )
