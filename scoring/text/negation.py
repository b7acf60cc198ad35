"""Negation: the one list of negating words and the one test of whether a negation governs a word.

Tone, sentiment and hedging all ask it: "not good" is negative, "not clear" is a hedge.
"""

from __future__ import annotations

from spacy.tokens import Token

# Words that negate what they govern or precede, including those the parser does not label
# ``neg`` ("no" is a determiner, "without" a preposition, "hardly" an adverb).
NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "nor", "without", "hardly"})


def is_negation(token: Token) -> bool:
    """True for a token that negates: labelled ``neg`` by the parser, or a negating word."""
    return token.dep_ == "neg" or token.lower_ in NEGATION_WORDS


def is_negated(token: Token) -> bool:
    """True when a negation governs the token: one of its own children or of its head's."""
    return any(is_negation(child) for word in (token, token.head) for child in word.children)
