"""Document tone in the style of the GDELT Global Knowledge Graph (GDELT-style, not calibrated).

GDELT's V1.5 tone fields: tone = positive% - negative%, polarity = percentage of words with tonal
weight, over the document's word count. We count words found in the VADER lexicon (Hutto & Gilbert
2014), skip words inside named entities (so "United" in "United States" or "Truth" in "Truth
Social" is not tone) and flip a word preceded closely by a negation ("not good" counts as negative),
which GDELT does not do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from scoring.spans import TextSpan, doc_text, text_span
from scoring.words import count_words, in_name, per_100_words

# Negation words, as in VADER's NEGATE list (vaderSentiment 3.3.2), in their common spellings.
NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor nowhere cannot without n't "
    "isnt arent wasnt werent dont doesnt didnt cant couldnt wont wouldnt shouldnt".split()
)
# How many tokens back a negation still reaches the word it negates (VADER looks 3 back too).
NEGATION_REACH = 3


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
    words: int
    tonal_words: tuple[TonalWord, ...]


def word_weight(token: Token, lexicon: Mapping[str, float]) -> float:
    """Lexicon valence of a token, 0.0 for names and unknown words; a close negation flips it."""
    if in_name(token) or not token.is_alpha:
        return 0.0
    weight = lexicon.get(token.lower_, 0.0)
    if weight and _negated(token):
        return -weight
    return weight


def _negated(token: Token) -> bool:
    doc = token.doc
    window = doc[max(token.sent.start, token.i - NEGATION_REACH) : token.i]
    return any(t.lower_.replace("'", "").replace("’", "") in NEGATIONS for t in window)


def document_tone(doc: Doc, *, lexicon: Mapping[str, float]) -> ToneResult:
    """Tone, positive%, negative% and polarity of the whole text, with the tonal words."""
    words = count_words(doc)
    text = doc_text(doc)
    tonal = tuple(
        TonalWord(span=text_span(text, t.idx, t.idx + len(t.text)), weight=weight)
        for t in doc
        if (weight := word_weight(t, lexicon))
    )
    positive = per_100_words(sum(1 for w in tonal if w.weight > 0), words)
    negative = per_100_words(sum(1 for w in tonal if w.weight < 0), words)
    return ToneResult(
        tone=positive - negative,
        positive=positive,
        negative=negative,
        polarity=positive + negative,
        words=words,
        tonal_words=tonal,
    )
