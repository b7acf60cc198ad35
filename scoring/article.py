"""The raw analysis of one article: every metric module's result over the same parsed text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scoring.actors import Actor
    from scoring.attribution import AttributionResult
    from scoring.hedging import HedgingResult
    from scoring.sentiment import ActorSentiment
    from scoring.text.spans import TextSpan
    from scoring.tone import ToneResult


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the metric modules found in one article, before any comparison with a reference."""

    text: str
    words: int
    sentences: int
    actors: tuple[Actor, ...]
    sentiment: tuple[ActorSentiment, ...]
    hedging: HedgingResult
    attribution: AttributionResult
    unattributed_claims: tuple[TextSpan, ...]
    tone: ToneResult
