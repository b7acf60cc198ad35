"""Hedging: cues of epistemic uncertainty or reduced commitment, and boosters kept apart.

Owns the hedge lexicon (``lexicons/hedges.tsv``), matching its entries on the parse (``cues``),
the rules that keep a matched word only in its hedging sense (``rules``: "May" the month, "about"
meaning "concerning"...; ``modals``: possibility, not obligation or ability; ``holders``: a
belief about a fact, not an opinion, and weasel wording, a claim credited to a vague holder),
each cue's category and voice, and the hedging densities; conditionals and boosters apart.
"""

from scoring.hedging.cues import (
    BOOSTER,
    CATEGORIES,
    CLAIM_CATEGORIES,
    CONDITIONAL,
    HEDGE_CATEGORIES,
    VAGUE_SOURCE,
    HedgeLexicon,
    HedgingResult,
    find_hedges,
    load_hedge_lexicon,
    parse_lexicon,
)

__all__ = [
    "BOOSTER",
    "CATEGORIES",
    "CLAIM_CATEGORIES",
    "CONDITIONAL",
    "HEDGE_CATEGORIES",
    "VAGUE_SOURCE",
    "HedgeLexicon",
    "HedgingResult",
    "find_hedges",
    "load_hedge_lexicon",
    "parse_lexicon",
]
