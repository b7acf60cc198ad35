"""A word's tonal weight: the one definition document tone and both sentiment directions read."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Token

from scoring.text.negation import is_negated
from scoring.text.words import in_name

# VADER's N_SCALAR (vaderSentiment 3.3.2): a negated sentiment word keeps -0.74 of its weight.
NEGATION_SCALAR = -0.74


def word_weight(token: Token, lexicon: Mapping[str, float]) -> float:
    """Tonal weight of a token: its lexicon valence (by form, else lemma), scaled by VADER's
    negation factor when a negation governs it; 0.0 for names and unknown words."""
    if in_name(token):
        return 0.0
    weight = lexicon.get(token.lower_, 0.0) or lexicon.get(token.lemma_.lower(), 0.0)
    return weight * NEGATION_SCALAR if weight and is_negated(token) else weight
