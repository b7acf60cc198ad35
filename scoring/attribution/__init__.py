"""Attribution: statements tied to a source (who said it, the cue, what was said).

Owns finding reported speech on the parse (``reported``: reporting verbs; ``phrases``: "according
to" and headline colons), tying direct quotes to their cues (``direct``), typing each source and
resolving it to an actor (``sources``), and the attribution figures (``result``: densities,
distinct sources, voice share, unattributed claims). ``records`` holds the values the stages
pass between them.
"""

from scoring.attribution.result import (
    KINDS,
    SOURCE_CUE_CATEGORIES,
    SOURCE_TYPES,
    VERB_FRAMES,
    Attribution,
    AttributionLexicon,
    AttributionResult,
    find_attributions,
    load_attribution_lexicon,
    unattributed_claims,
)

__all__ = [
    "KINDS",
    "SOURCE_CUE_CATEGORIES",
    "SOURCE_TYPES",
    "VERB_FRAMES",
    "Attribution",
    "AttributionLexicon",
    "AttributionResult",
    "find_attributions",
    "load_attribution_lexicon",
    "unattributed_claims",
]
