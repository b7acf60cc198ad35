"""Attribution: statements tied to a source (who said it, the cue, what was said).

Owns finding what each cue reports (``reported``: reporting verbs, with ``speakers`` for who
speaks them, ``clauses`` and ``objects`` for what they report as a clause or an object, and
``direct`` for the quote next to a cue; ``statements``: which events are statements;
``phrases``: "according to" and headline colons), linking the quotes no cue claimed
(``unclaimed``), typing each source and resolving it to an actor (``sources``, with ``issuers``
for who issued a document), and the attribution figures (``result``: densities, distinct
sources, voice share, unattributed claims). ``records`` holds the frozen values the stages pass
between them and the facts they all read; ``gaps`` answers what lies between a quote and its
cue.
"""

from scoring.attribution.result import (
    KINDS,
    Attribution,
    AttributionLexicon,
    AttributionResult,
    find_attributions,
    load_attribution_lexicon,
    unattributed_claims,
)
from scoring.attribution.sources import SOURCE_TYPES, SourceType

__all__ = [
    "KINDS",
    "SOURCE_TYPES",
    "Attribution",
    "AttributionLexicon",
    "AttributionResult",
    "SourceType",
    "find_attributions",
    "load_attribution_lexicon",
    "unattributed_claims",
]
