"""How each catalogue metric reads its value and its evidence from an ``Analysis``.

The definitions (names, units, formulas) live in ``scoring.reference.catalogue``; these are the readers it
points to. Shares are computed here from the counts the metric modules report, so every share in
the catalogue is on 0..1 whatever the module's own convenience fields hold.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from scoring.article import Analysis
from scoring.text.words import per_100_words

if TYPE_CHECKING:
    from scoring.attribution import Attribution

# Evidence strings kept per metric in a comparison: enough to show what was counted.
MAX_EXAMPLES = 3
# Longest evidence string (quoted content is cut to this many characters plus an ellipsis).
MAX_EXAMPLE_CHARS = 60
# An actor enters the sentiment spread only with at least this many mentions: one passing
# mention carries too little context to compare portrayals.
MIN_MENTIONS_FOR_SPREAD = 2
# Source types that name who is speaking (Attribution.source_type values).
NAMED_SOURCE_TYPES = frozenset({"named_person", "named_organisation", "document"})


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a metric counted: ``count`` items out of ``of`` (words, sentences...), with examples."""

    count: int
    of: int
    examples: tuple[str, ...]


def share(count: int | float, total: int | float) -> float:
    """``count / total`` on 0..1, 0.0 when there is nothing to divide by."""
    return float(count) / float(total) if total else 0.0


def clip01(value: float) -> float:
    """``value`` limited to 0..1."""
    return float(np.clip(value, 0.0, 1.0))


def _cut(text: str) -> str:
    """One evidence string on one line, cut to ``MAX_EXAMPLE_CHARS``."""
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_EXAMPLE_CHARS else flat[: MAX_EXAMPLE_CHARS - 1] + "…"


def _exact(item: object) -> str:
    """The words of a span-like item (``.exact``, ``.span.exact``) or of a plain string."""
    if isinstance(item, str):
        return item
    span = getattr(item, "span", item)
    exact = getattr(span, "exact", None)
    return exact if isinstance(exact, str) else ""


def examples(items: Iterable[str]) -> tuple[str, ...]:
    """The first distinct non-empty evidence strings (case-blind), at most ``MAX_EXAMPLES``."""
    seen: dict[str, str] = {}
    for text in items:
        cut = _cut(text)
        if cut and cut.lower() not in seen:
            seen[cut.lower()] = cut
    return tuple(seen.values())[:MAX_EXAMPLES]


def _size(items: object) -> int:
    """A count reported either as a number or as the collection of what was counted."""
    if isinstance(items, int | float):
        return int(items)
    return len(items) if isinstance(items, tuple | list) else 0


# Hedging ---------------------------------------------------------------------------------------


def _hedge_words(analysis: Analysis, voice: str | None = None) -> list[str]:
    cues = analysis.hedging.cues
    return [_exact(cue) for cue in cues if voice is None or cue.voice == voice]


def hedging_evidence(analysis: Analysis) -> Evidence:
    words = _hedge_words(analysis)
    return Evidence(len(words), analysis.hedging.words, examples(words))


def narrator_hedging_evidence(analysis: Analysis) -> Evidence:
    words = _hedge_words(analysis, "narrator")
    return Evidence(len(words), analysis.hedging.narrator_words, examples(words))


def hedged_sentences(analysis: Analysis) -> float:
    return share(analysis.hedging.hedged_sentences, analysis.hedging.sentences)


def hedged_sentence_evidence(analysis: Analysis) -> Evidence:
    hedging = analysis.hedging
    words = examples(_hedge_words(analysis))
    return Evidence(hedging.hedged_sentences, hedging.sentences, words)


def _booster_words(analysis: Analysis) -> list[str]:
    boosters: object = analysis.hedging.boosters
    return [_exact(item) for item in boosters] if isinstance(boosters, tuple | list) else []


def booster_density(analysis: Analysis) -> float:
    return per_100_words(_size(analysis.hedging.boosters), analysis.hedging.words)


def booster_evidence(analysis: Analysis) -> Evidence:
    words = _booster_words(analysis)
    return Evidence(_size(analysis.hedging.boosters), analysis.hedging.words, examples(words))


# Attribution -----------------------------------------------------------------------------------


def _source_phrase(attribution: object) -> str:
    """How the text names an attribution's source ("officials", "Peskov"), or its cue."""
    source = _exact(getattr(attribution, "source", None))
    return source or _exact(getattr(attribution, "cue", None))


def _attributions_of(analysis: Analysis, types: frozenset[str] | None = None) -> list[Attribution]:
    found = analysis.attribution.attributions
    return [item for item in found if types is None or item.source_type in types]


def attribution_evidence(analysis: Analysis) -> Evidence:
    phrases = [_source_phrase(item) for item in _attributions_of(analysis)]
    return Evidence(len(phrases), analysis.attribution.words, examples(phrases))


def attributed_sentences(analysis: Analysis) -> float:
    return share(analysis.attribution.attributed_sentences, analysis.attribution.sentences)


def attributed_sentence_evidence(analysis: Analysis) -> Evidence:
    result = analysis.attribution
    phrases = examples(_source_phrase(item) for item in _attributions_of(analysis))
    return Evidence(result.attributed_sentences, result.sentences, phrases)


def typed_share(types: frozenset[str]) -> Callable[[Analysis], float]:
    def value(analysis: Analysis) -> float:
        return share(len(_attributions_of(analysis, types)), len(_attributions_of(analysis)))

    return value


def typed_evidence(types: frozenset[str]) -> Callable[[Analysis], Evidence]:
    def evidence(analysis: Analysis) -> Evidence:
        chosen = _attributions_of(analysis, types)
        phrases = examples(_source_phrase(item) for item in chosen)
        return Evidence(len(chosen), len(_attributions_of(analysis)), phrases)

    return evidence


def distinct_sources(analysis: Analysis) -> float:
    result = analysis.attribution
    return 10.0 * per_100_words(result.distinct_sources, result.words)


def sources_evidence(analysis: Analysis) -> Evidence:
    result = analysis.attribution
    names = examples(source.name for source in result.sources)
    return Evidence(result.distinct_sources, result.words, names)


def direct_quotes(analysis: Analysis) -> float:
    direct = [item for item in _attributions_of(analysis) if item.kind == "direct"]
    return share(len(direct), len(_attributions_of(analysis)))


def direct_quote_evidence(analysis: Analysis) -> Evidence:
    direct = [item for item in _attributions_of(analysis) if item.kind == "direct"]
    quotes = examples(_exact(item.content) for item in direct)
    return Evidence(len(direct), len(_attributions_of(analysis)), quotes)


def quoted_words(analysis: Analysis) -> float:
    return share(analysis.attribution.quoted_words, analysis.attribution.words)


def quoted_word_evidence(analysis: Analysis) -> Evidence:
    result = analysis.attribution
    direct = [item for item in result.attributions if item.kind == "direct"]
    quotes = examples(_exact(item.content) for item in direct)
    return Evidence(result.quoted_words, result.words, quotes)


def unsourced_claims(analysis: Analysis) -> float:
    return share(len(analysis.unattributed_claims), analysis.sentences)


def unsourced_claim_evidence(analysis: Analysis) -> Evidence:
    claims = analysis.unattributed_claims
    return Evidence(len(claims), analysis.sentences, examples(_exact(span) for span in claims))


def _voice_words(analysis: Analysis) -> list[tuple[str, int]]:
    """(actor name, quoted words) per actor with quoted words, most words first."""
    names = {actor.id: actor.name for actor in analysis.actors}
    voices = [
        (names.get(voice.actor_id, voice.actor_id), int(voice.quoted_words))
        for voice in analysis.attribution.voice_share
        if voice.quoted_words > 0
    ]
    return sorted(voices, key=lambda pair: -pair[1])


def _voice_examples(voices: list[tuple[str, int]]) -> tuple[str, ...]:
    total = sum(words for _, words in voices)
    return examples(f"{name} {share(words, total):.0%}" for name, words in voices)


def top_voice(analysis: Analysis) -> float:
    voices = _voice_words(analysis)
    return share(voices[0][1], sum(words for _, words in voices)) if voices else 0.0


def voice_evidence(analysis: Analysis) -> Evidence:
    voices = _voice_words(analysis)
    return Evidence(len(voices), sum(words for _, words in voices), _voice_examples(voices))


def voice_evenness(analysis: Analysis) -> float:
    """Pielou's evenness J = H / ln(k) of the quoted-word shares of k >= 2 voices, else 0."""
    counts = np.array([words for _, words in _voice_words(analysis)], dtype=float)
    if counts.size < 2:
        return 0.0
    shares = counts / counts.sum()
    return float(-np.sum(shares * np.log(shares)) / math.log(counts.size))


# Tone and sentiment ----------------------------------------------------------------------------


def _tonal_words(analysis: Analysis, sign: int = 0) -> list[str]:
    """Tonal words of the text; with ``sign`` only those of that sign of weight."""
    chosen = []
    for word in analysis.tone.tonal_words:
        weight = float(getattr(word, "weight", 0.0))
        if sign == 0 or weight * sign > 0:
            chosen.append(_exact(word))
    return chosen


def tone_evidence(sign: int) -> Callable[[Analysis], Evidence]:
    def evidence(analysis: Analysis) -> Evidence:
        words = _tonal_words(analysis, sign)
        return Evidence(len(words), analysis.tone.words, examples(words))

    return evidence


def _scored_actors(analysis: Analysis, min_mentions: int = 1) -> list[tuple[str, float]]:
    """(actor name, sentiment toward it) for actors with enough mentions, by actor order."""
    names = {actor.id: actor.name for actor in analysis.actors}
    return [
        (names.get(item.actor_id, item.actor_id), float(item.toward.score))
        for item in analysis.sentiment
        if item.toward.mentions >= min_mentions
    ]


def spread(analysis: Analysis) -> float:
    scores = [score for _, score in _scored_actors(analysis, MIN_MENTIONS_FOR_SPREAD)]
    return max(scores) - min(scores) if len(scores) >= 2 else 0.0


def spread_evidence(analysis: Analysis) -> Evidence:
    scored = sorted(_scored_actors(analysis, MIN_MENTIONS_FOR_SPREAD), key=lambda pair: pair[1])
    ends = [scored[0], scored[-1]] if len(scored) >= 2 else []
    return Evidence(len(scored), len(analysis.actors), examples(f"{n} {s:+.2f}" for n, s in ends))


def _narrator_scores(analysis: Analysis) -> list[tuple[str, float, int]]:
    """(actor name, narrator's sentiment toward it, narrator mentions), strongest first."""
    names = {actor.id: actor.name for actor in analysis.actors}
    found = [
        (names.get(item.actor_id, item.actor_id), item.toward_narrator)
        for item in analysis.sentiment
        if item.toward_narrator is not None and item.toward_narrator.mentions > 0
    ]
    scored = [(name, float(summary.score), int(summary.mentions)) for name, summary in found]
    return sorted(scored, key=lambda row: -abs(row[1]))


def narrator_intensity(analysis: Analysis) -> float:
    """Mention-weighted mean of |narrator's sentiment toward each actor|, on 0..1."""
    scored = _narrator_scores(analysis)
    mentions = sum(count for _, _, count in scored)
    return share(sum(abs(score) * count for _, score, count in scored), mentions)


def narrator_intensity_evidence(analysis: Analysis) -> Evidence:
    scored = _narrator_scores(analysis)
    shown = examples(f"{name} {score:+.2f}" for name, score, _ in scored)
    return Evidence(len(scored), len(analysis.actors), shown)
