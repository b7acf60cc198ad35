"""How each catalogue metric reads one article: its value and the evidence behind it, together.

The definitions (names, units, formulas) live in ``scoring.reference.catalogue``; these are the
readers its entries point to, one per metric. A reader computes its value from the very counts it
reports as evidence (``count`` of ``of``), so a figure and its explanation cannot disagree. Word
and sentence totals are the article's own (``Analysis.words``, ``Analysis.sentences``); every
share is on 0..1.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from scoring.article import Analysis
from scoring.attribution import Attribution
from scoring.text.quotes import NARRATOR
from scoring.text.words import per_100_words

# Evidence strings kept per metric in a comparison: enough to show what was counted.
MAX_EXAMPLES = 3
# Longest evidence string (quoted content is cut to this many characters plus an ellipsis).
MAX_EXAMPLE_CHARS = 60
# An actor enters the sentiment spread only with at least this many mentions: one passing
# mention carries too little context to compare portrayals.
MIN_MENTIONS_FOR_SPREAD = 2
# Source types that name who is speaking (Attribution.source_type values).
NAMED_SOURCE_TYPES = frozenset({"named_person", "named_organisation", "document"})
ANONYMOUS_SOURCE_TYPES = frozenset({"anonymous"})


@dataclass(frozen=True, slots=True)
class Reading:
    """One metric of one article: its ``value``, computed from ``count`` items out of ``of``
    (words, sentences, attributions...), and ``examples`` of what was counted."""

    value: float
    count: int
    of: int
    examples: tuple[str, ...]


Reader = Callable[[Analysis], Reading]


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


def examples(items: Iterable[str]) -> tuple[str, ...]:
    """The first distinct non-empty evidence strings (case-blind), at most ``MAX_EXAMPLES``."""
    seen: dict[str, str] = {}
    for text in items:
        cut = _cut(text)
        if cut and cut.lower() not in seen:
            seen[cut.lower()] = cut
    return tuple(seen.values())[:MAX_EXAMPLES]


def _density(count: int, words: int, found: Iterable[str]) -> Reading:
    """``count`` per 100 of ``words``."""
    return Reading(per_100_words(count, words), count, words, examples(found))


def _share(count: int, of: int, found: Iterable[str]) -> Reading:
    """``count`` as a share of ``of``."""
    return Reading(share(count, of), count, of, examples(found))


# Hedging ---------------------------------------------------------------------------------------


def hedging_density(analysis: Analysis) -> Reading:
    cues = analysis.hedging.cues
    return _density(len(cues), analysis.words, (cue.span.exact for cue in cues))


def narrator_hedging_density(analysis: Analysis) -> Reading:
    cues = [cue for cue in analysis.hedging.cues if cue.voice == NARRATOR]
    words = analysis.hedging.narrator_words
    return _density(len(cues), words, (cue.span.exact for cue in cues))


def hedged_sentence_share(analysis: Analysis) -> Reading:
    cues = analysis.hedging.cues
    hedged = analysis.hedging.hedged_sentences
    return _share(hedged, analysis.sentences, (cue.span.exact for cue in cues))


def booster_density(analysis: Analysis) -> Reading:
    boosters = analysis.hedging.boosters
    return _density(len(boosters), analysis.words, (cue.span.exact for cue in boosters))


# Attribution -----------------------------------------------------------------------------------


def _source_phrase(attribution: Attribution) -> str:
    """How the text names an attribution's source ("officials", "Peskov"), or its cue."""
    source = attribution.source.exact if attribution.source is not None else ""
    return source or (attribution.cue.exact if attribution.cue is not None else "")


def _direct(analysis: Analysis) -> list[Attribution]:
    return [item for item in analysis.attribution.attributions if item.kind == "direct"]


def attribution_density(analysis: Analysis) -> Reading:
    found = analysis.attribution.attributions
    return _density(len(found), analysis.words, map(_source_phrase, found))


def attributed_sentence_share(analysis: Analysis) -> Reading:
    result = analysis.attribution
    phrases = map(_source_phrase, result.attributions)
    return _share(result.attributed_sentences, analysis.sentences, phrases)


def source_type_share(types: frozenset[str]) -> Reader:
    """The reader of the share of attributions whose source is of one of ``types``."""

    def read(analysis: Analysis) -> Reading:
        found = analysis.attribution.attributions
        chosen = [item for item in found if item.source_type in types]
        return _share(len(chosen), len(found), map(_source_phrase, chosen))

    return read


def unsourced_claim_share(analysis: Analysis) -> Reading:
    claims = analysis.unattributed_claims
    return _share(len(claims), analysis.sentences, (span.exact for span in claims))


def distinct_sources_per_1000_words(analysis: Analysis) -> Reading:
    sources = analysis.attribution.sources
    reading = _density(len(sources), analysis.words, (source.name for source in sources))
    return Reading(10.0 * reading.value, reading.count, reading.of, reading.examples)


def direct_quote_share(analysis: Analysis) -> Reading:
    direct = _direct(analysis)
    found = analysis.attribution.attributions
    return _share(len(direct), len(found), (item.content.exact for item in direct))


def quoted_word_share(analysis: Analysis) -> Reading:
    quoted = analysis.attribution.quoted_words
    contents = (item.content.exact for item in _direct(analysis))
    return _share(quoted, analysis.words, contents)


def _voice_words(analysis: Analysis) -> list[tuple[str, int]]:
    """(actor name, quoted words) per actor with quoted words, most words first."""
    names = {actor.id: actor.name for actor in analysis.actors}
    voices = [
        (names[voice.actor_id], voice.quoted_words)
        for voice in analysis.attribution.voice_share
        if voice.quoted_words > 0
    ]
    return sorted(voices, key=lambda pair: -pair[1])


def _voices(analysis: Analysis, value: Callable[[list[int]], float]) -> Reading:
    """A reading over the actors' quoted-word counts: voices of quoted words, with shares."""
    voices = _voice_words(analysis)
    counts = [words for _, words in voices]
    total = sum(counts)
    shown = examples(f"{name} {share(words, total):.0%}" for name, words in voices)
    return Reading(value(counts), len(voices), total, shown)


def _top_share(counts: list[int]) -> float:
    return share(counts[0], sum(counts)) if counts else 0.0


def _evenness(counts: list[int]) -> float:
    """Pielou's evenness J = H / ln(k) of the shares of k >= 2 counts, else 0."""
    if len(counts) < 2:
        return 0.0
    shares = np.array(counts, dtype=float) / sum(counts)
    return float(-np.sum(shares * np.log(shares)) / math.log(len(counts)))


def top_voice_share(analysis: Analysis) -> Reading:
    return _voices(analysis, _top_share)


def voice_evenness(analysis: Analysis) -> Reading:
    return _voices(analysis, _evenness)


# Tone ------------------------------------------------------------------------------------------


def _tonal(analysis: Analysis, sign: int) -> list[str]:
    """The tonal words whose weight has ``sign`` (1 positive, -1 negative)."""
    return [word.span.exact for word in analysis.tone.tonal_words if word.weight * sign > 0]


def positive(analysis: Analysis) -> Reading:
    found = _tonal(analysis, 1)
    return _density(len(found), analysis.words, found)


def negative(analysis: Analysis) -> Reading:
    found = _tonal(analysis, -1)
    return _density(len(found), analysis.words, found)


def _all_tonal(analysis: Analysis, value: float) -> Reading:
    words = [word.span.exact for word in analysis.tone.tonal_words]
    return Reading(value, len(words), analysis.words, examples(words))


def tone(analysis: Analysis) -> Reading:
    """GDELT tone: positive words % minus negative words %."""
    return _all_tonal(analysis, positive(analysis).value - negative(analysis).value)


def polarity(analysis: Analysis) -> Reading:
    """GDELT polarity: positive words % plus negative words %."""
    return _all_tonal(analysis, positive(analysis).value + negative(analysis).value)


# Sentiment toward actors -----------------------------------------------------------------------


def _scored_actors(analysis: Analysis) -> list[tuple[str, float]]:
    """(actor name, sentiment toward it) for actors mentioned enough to compare, by score."""
    names = {actor.id: actor.name for actor in analysis.actors}
    scored = [
        (names[item.actor_id], item.toward.score)
        for item in analysis.sentiment
        if item.toward.mentions >= MIN_MENTIONS_FOR_SPREAD
    ]
    return sorted(scored, key=lambda pair: pair[1])


def actor_sentiment_spread(analysis: Analysis) -> Reading:
    scored = _scored_actors(analysis)
    ends = [scored[0], scored[-1]] if len(scored) >= 2 else []
    value = scored[-1][1] - scored[0][1] if ends else 0.0
    shown = examples(f"{name} {score:+.2f}" for name, score in ends)
    return Reading(value, len(scored), len(analysis.actors), shown)


def narrator_sentiment_intensity(analysis: Analysis) -> Reading:
    """Mention-weighted mean of |narrator's sentiment toward each actor|, on 0..1."""
    names = {actor.id: actor.name for actor in analysis.actors}
    scored = sorted(
        (
            (names[item.actor_id], item.toward_narrator.score, item.toward_narrator.mentions)
            for item in analysis.sentiment
            if item.toward_narrator.mentions > 0
        ),
        key=lambda row: -abs(row[1]),
    )
    mentions = sum(count for _, _, count in scored)
    value = share(sum(abs(score) * count for _, score, count in scored), mentions)
    shown = examples(f"{name} {score:+.2f}" for name, score, _ in scored)
    return Reading(value, len(scored), len(analysis.actors), shown)
