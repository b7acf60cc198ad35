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

from spacy.tokens import Doc, Token

from scoring.text.spans import TextSpan, doc_text, text_span
from scoring.text.words import count_words, in_name, per_100_words

# Words that negate what follows without being parsed as ``neg`` (the parser tags "no" as det).
NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "nor", "without", "hardly"})
# VADER's N_SCALAR (vaderSentiment 3.3.2): a negated sentiment word keeps -0.74 of its weight.
NEGATION_SCALAR = -0.74


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


def is_negated(token: Token) -> bool:
    """True when a negation governs the token: its own ``neg`` child or its head's."""
    for word in (token, token.head):
        if any(child.dep_ == "neg" or child.lower_ in NEGATION_WORDS for child in word.children):
            return True
    return False


def word_weight(token: Token, lexicon: Mapping[str, float]) -> float:
    """Tonal weight of a token: its lexicon valence (by form, else lemma), scaled by VADER's
    negation factor when a negation governs it; 0.0 for names and unknown words.

    The one definition of a word's tone: document tone, sentiment features and sentiment by an
    actor all read it.
    """
    if in_name(token):
        return 0.0
    weight = lexicon.get(token.lower_, 0.0) or lexicon.get(token.lemma_.lower(), 0.0)
    return weight * NEGATION_SCALAR if weight and is_negated(token) else weight


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
        words=words,
        tonal_words=tonal,
    )
