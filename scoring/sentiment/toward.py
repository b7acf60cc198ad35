"""Sentiment toward each actor: every mention scored by the fine-tuned target encoder.

A mention is scored on its sentence with the mention marked (``scoring.sentiment.encoder``): its
score is P(positive) - P(negative), -1..1, higher is more favourable, and its label the most
probable class. Where the mention is the source of an attribution in that sentence ("...," Smith
said), the attributed words are left out of its input: they are sentiment *by* the speaker
(``scoring.sentiment.by``), not toward it. Mentions inside quoted or reported words are kept apart
from the narrator's.

Evidence (occlusion): for a non-neutral mention, the content words of its sentence whose removal
lowers the label's probability the most, tried among the tonal and nearest words; never names,
titles, reporting verbs or the mention itself. A polar label that no word explains is shown as
neutral, so every highlighted label has its words.

Actor level: the mention labels decide. An actor is negative (positive) when its negative
(positive) mentions outnumber the opposite ones by at least ``MIN_LEAN`` of all its mentions and
the mean mention score has the same sign, and neutral otherwise; the score is the mean mention
score. A label never contradicts the counts or the score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Span, Token

from scoring.actors import Actor, mention_span
from scoring.sentiment.by import SpeakerTone, speaker_tone
from scoring.sentiment.encoder import TargetEncoder
from scoring.text.negation import is_negation
from scoring.text.quotes import NARRATOR, Voices
from scoring.text.sentences import sentence_index
from scoring.text.spans import TextSpan, doc_text, from_span
from scoring.text.valence import word_weight
from scoring.text.words import in_name

LABELS = ("negative", "neutral", "positive")
# Share of an actor's mentions by which one polar label must outnumber the other before the actor
# gets it. On the BASIL dev articles (narrator's label vs the author's feeling toward each main
# entity) 0.0-0.2 give negative-class F1 0.39; 0.3 drops it to 0.35: 0.2 is the most cautious of
# the best.
MIN_LEAN = 0.2
# Words tried by occlusion per non-neutral mention: tonal words first, then the nearest. Each is
# one more encoder call, the largest cost of the analysis; on the BASIL dev articles 3 instead of
# 6 left more long-sentence labels unexplained (so neutral): span accuracy 0.66 against 0.71.
MAX_CANDIDATES = 6
# At most this many words are kept as the evidence of one mention, the strongest first.
EVIDENCE_LIMIT = 3
# A word is evidence when removing it lowers the label's probability by at least this much; the
# strongest word is kept whatever its drop when it lowers the probability at all.
EVIDENCE_MIN_DROP = 0.1
# Parts of speech whose words can carry a portrayal (proper nouns are names and titles).
CONTENT_POS = frozenset({"ADJ", "ADV", "VERB", "NOUN"})
# Verbs that only report speech: highlighting "said" explains nothing.
SPEECH_LEMMAS = frozenset({"say", "tell", "add", "state", "ask", "write", "announce", "speak"})
# Stands for the attributed words left out of a speaker's own mention.
ELLIPSIS = "…"

# (source start, source end, content start, content end) of each attribution with a source.
SourceContent = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class MentionSentiment:
    """How one mention of an actor is portrayed, with the words that drove it."""

    mention: TextSpan
    score: float
    label: str
    voice: str
    speaker: str | None
    words: tuple[TextSpan, ...]


@dataclass(frozen=True, slots=True)
class SentimentSummary:
    """Mention sentiment aggregated: mean score (-1..1, 0.0 without mentions) and label counts."""

    score: float
    label: str
    mentions: int
    negative: int
    neutral: int
    positive: int


@dataclass(frozen=True, slots=True)
class ActorSentiment:
    """Sentiment toward an actor (all, narrator's, quoted speakers') and by the actor."""

    actor_id: str
    toward: SentimentSummary
    toward_narrator: SentimentSummary
    toward_quoted: SentimentSummary
    by: SpeakerTone
    evidence: tuple[MentionSentiment, ...]


@dataclass(frozen=True, slots=True)
class _Input:
    """The encoder's view of one mention: its sentence, cut where needed, and the doc mapping."""

    text: str
    start: int
    end: int
    base: int  # doc offset of text[0]
    cut: tuple[int, int] | None  # doc range replaced by ELLIPSIS

    def position(self, char: int) -> int:
        """Where the doc offset ``char`` (outside the cut) lies in ``text``."""
        return _position(char, self.base, self.cut)

    def without(self, token: Token) -> tuple[str, int, int]:
        """The input with one word (and the space after it) removed."""
        first = self.position(token.idx)
        last = first + len(token.text) + len(token.whitespace_)
        shift = last - first if first < self.start else 0
        return self.text[:first] + self.text[last:], self.start - shift, self.end - shift

    @property
    def target(self) -> tuple[str, int, int]:
        return self.text, self.start, self.end


def _position(char: int, base: int, cut: tuple[int, int] | None) -> int:
    """Where the doc offset ``char`` (outside ``cut``) lies in a sentence starting at ``base``."""
    if cut is None or char < cut[0]:
        return char - base
    return char - base - (cut[1] - cut[0]) + len(ELLIPSIS)


def _own_words(span: Span, sources: Sequence[SourceContent]) -> tuple[int, int] | None:
    """The content of an attribution whose source the mention is, if any."""
    for source_start, source_end, content_start, content_end in sources:
        if source_start < span.end_char and span.start_char < source_end:
            return content_start, content_end
    return None


def _input(span: Span, sent: Span, sources: Sequence[SourceContent]) -> _Input:
    base, stop = sent.start_char, sent.end_char
    text = doc_text(span.doc)[base:stop]
    own = _own_words(span, sources)
    if own is None or own[1] <= base or own[0] >= stop:
        return _Input(text, span.start_char - base, span.end_char - base, base, None)
    cut = (max(own[0], base), min(own[1], stop))
    if cut[0] < span.end_char and span.start_char < cut[1]:  # the mention is inside its own words
        return _Input(text, span.start_char - base, span.end_char - base, base, None)
    text = text[: cut[0] - base] + ELLIPSIS + text[cut[1] - base :]
    start = _position(span.start_char, base, cut)
    return _Input(text, start, start + span.end_char - span.start_char, base, cut)


def _candidates(span: Span, sent: Span, item: _Input, lexicon: Mapping[str, float]) -> list[Token]:
    """Words that may carry the portrayal of the mention: tonal words first, then the nearest."""
    pool = [
        token
        for token in sent
        if token.is_alpha
        and (token.pos_ in CONTENT_POS or is_negation(token))
        and (not token.is_stop or is_negation(token))
        and token.lemma_.lower() not in SPEECH_LEMMAS
        and not in_name(token)
        and not (span.start <= token.i < span.end)
        and not (item.cut is not None and item.cut[0] <= token.idx < item.cut[1])
    ]

    def rank(token: Token) -> tuple[int, int]:
        distance = span.start - token.i if token.i < span.start else token.i - span.end
        return (0 if word_weight(token, lexicon) else 1, distance)

    return sorted(pool, key=rank)[:MAX_CANDIDATES]


def _evidence(
    drops: Sequence[tuple[Token, float]],
) -> tuple[TextSpan, ...]:
    """The strongest words by probability drop, in text order."""
    ranked = sorted((pair for pair in drops if pair[1] > 0), key=lambda pair: -pair[1])
    kept = [pair for pair in ranked if pair[1] >= EVIDENCE_MIN_DROP][:EVIDENCE_LIMIT]
    if not kept and ranked:
        kept = ranked[:1]
    tokens = sorted((token for token, _ in kept), key=lambda token: token.i)
    return tuple(from_span(token.doc[token.i : token.i + 1]) for token in tokens)


def score_mentions(
    spans: Sequence[Span],
    *,
    encoder: TargetEncoder,
    lexicon: Mapping[str, float],
    sources: Sequence[SourceContent] = (),
) -> list[tuple[float, str, tuple[TextSpan, ...]]]:
    """Score, label and evidence words of each target span, in two batched encoder calls."""
    if not spans:
        return []
    index = sentence_index(spans[0].doc)
    sents = [index.spans[index.of_token[span.start]] for span in spans]
    items = [_input(span, sent, sources) for span, sent in zip(spans, sents, strict=True)]
    probs = encoder.predict([item.target for item in items])
    labels = [encoder.labels[int(k)] for k in probs.argmax(axis=1)]
    trials: list[tuple[int, Token]] = []
    for n, (span, sent, item) in enumerate(zip(spans, sents, items, strict=True)):
        if labels[n] != "neutral":
            trials.extend((n, token) for token in _candidates(span, sent, item, lexicon))
    occluded = encoder.predict([items[n].without(token) for n, token in trials])
    drops: dict[int, list[tuple[Token, float]]] = {}
    for (n, token), row in zip(trials, occluded, strict=True):
        k = encoder.labels.index(labels[n])
        drops.setdefault(n, []).append((token, float(probs[n, k] - row[k])))
    return [_scored(encoder, probs[n], labels[n], drops.get(n, [])) for n in range(len(spans))]


def _scored(
    encoder: TargetEncoder, probs: np.ndarray, label: str, drops: list[tuple[Token, float]]
) -> tuple[float, str, tuple[TextSpan, ...]]:
    score = float(probs[encoder.labels.index("positive")] - probs[encoder.labels.index("negative")])
    words = _evidence(drops) if label != "neutral" else ()
    return (score, label, words) if words or label == "neutral" else (score, "neutral", ())


def summarise(mentions: Iterable[MentionSentiment]) -> SentimentSummary:
    """Mean mention score with the label the mention counts give (``none`` without mentions)."""
    scored = list(mentions)
    counts = {label: sum(m.label == label for m in scored) for label in LABELS}
    if not scored:
        return SentimentSummary(0.0, "none", 0, 0, 0, 0)
    score = sum(m.score for m in scored) / len(scored)
    return SentimentSummary(
        score=score,
        label=_label(counts["negative"], counts["positive"], len(scored), score),
        mentions=len(scored),
        negative=counts["negative"],
        neutral=counts["neutral"],
        positive=counts["positive"],
    )


def _label(negative: int, positive: int, mentions: int, score: float) -> str:
    """The actor's label from its mention counts and mean score (see the module docstring)."""
    lean = (negative - positive) / mentions
    if negative > positive and lean >= MIN_LEAN and score < 0:
        return "negative"
    if positive > negative and -lean >= MIN_LEAN and score > 0:
        return "positive"
    return "neutral"


def _speaker(char: int, quotes: Sequence[tuple[int, int, str | None]]) -> str | None:
    """The actor whose attributed words hold the offset ``char``, if any."""
    for start, end, speaker in quotes:
        if start <= char < end:
            return speaker
    return None


def actor_sentiment(
    doc: Doc,
    actors: tuple[Actor, ...],
    *,
    encoder: TargetEncoder,
    lexicon: Mapping[str, float],
    voices: Voices,
    quotes: tuple[tuple[int, int, str | None], ...] = (),
    sources: Sequence[SourceContent] = (),
) -> tuple[ActorSentiment, ...]:
    """Sentiment toward and by each actor.

    ``quotes`` are (start, end, speaker id) regions of attributed content, ``sources`` each
    attribution's source and content ranges, ``voices`` whose words each mention is in.
    """
    mentions = [(actor, mention) for actor in actors for mention in actor.mentions]
    spans = [mention_span(doc, mention) for _, mention in mentions]
    results = score_mentions(spans, encoder=encoder, lexicon=lexicon, sources=sources)
    scored: dict[str, list[MentionSentiment]] = {actor.id: [] for actor in actors}
    for (actor, mention), (score, label, words) in zip(mentions, results, strict=True):
        voice = voices.at(mention.span.start)
        speaker = _speaker(mention.span.start, quotes) if voice != NARRATOR else None
        scored[actor.id].append(MentionSentiment(mention.span, score, label, voice, speaker, words))
    return tuple(_actor(doc, actor, scored[actor.id], quotes, lexicon) for actor in actors)


def _actor(
    doc: Doc,
    actor: Actor,
    scored: list[MentionSentiment],
    quotes: tuple[tuple[int, int, str | None], ...],
    lexicon: Mapping[str, float],
) -> ActorSentiment:
    own = [(start, end) for start, end, speaker in quotes if speaker == actor.id]
    return ActorSentiment(
        actor_id=actor.id,
        toward=summarise(scored),
        toward_narrator=summarise(m for m in scored if m.voice == NARRATOR),
        # in sources' words: their quotes and the narrator's paraphrase of them
        toward_quoted=summarise(m for m in scored if m.voice != NARRATOR),
        by=speaker_tone(doc, own, lexicon),
        evidence=tuple(scored),
    )
