"""Sentiment toward each actor (from the words about each mention) and by it (its own quotes).

Toward: a linear model over the features of ``scoring.sentiment.features`` (the governing verb,
the path to it, the mention's modifiers, its clause, a window, the sentence, VADER lexicon
weights of those words with negation), trained on NewsMTSC by
``training/train_target_sentiment.py`` and shipped as plain JSON weights. A mention's score is
P(positive) - P(negative), -1..1; higher is more favourable. Mentions inside quoted or reported
content are kept apart from the narrator's.

By: the tone of the words quoted from the actor, from the VADER lexicon with negation (names never
count), normalised as VADER normalises its compound score; higher is more positive.
"""

from __future__ import annotations

import json
import logging
import math
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Span, Token

from scoring.actors import Actor, mention_span
from scoring.errors import PipelineError
from scoring.sentiment.features import (
    FEATURE_SET,
    Feature,
    SentenceTable,
    feature_counts,
    mention_features,
    sentence_table,
)
from scoring.text.negation import NEGATION_WORDS
from scoring.text.quotes import NARRATOR, Voices
from scoring.text.sentences import sentence_index
from scoring.text.spans import TextSpan, from_span
from scoring.text.valence import word_weight
from scoring.text.words import is_word

logger = logging.getLogger(__name__)

MODEL_RESOURCE = "target_sentiment.json"
LABELS = ("negative", "neutral", "positive")
# An actor's mean mention score (P(pos) - P(neg)) within +-0.15 is labelled neutral. Measured on the
# five seeds: two thirds of the mentions the model labels neutral score within +-0.15, while the
# negative and positive ones have medians of -0.32 and +0.43; beyond 0.15 a mean is a lean.
TOWARD_THRESHOLD = 0.15
# VADER's own cut-offs for its compound score (vaderSentiment README): +-0.05.
BY_THRESHOLD = 0.05
# VADER's normalize() alpha (vaderSentiment 3.3.2): maps a sum of weights into -1..1.
VADER_ALPHA = 15.0
# At most this many words are kept as the evidence of one mention, the strongest first.
EVIDENCE_LIMIT = 5
# A word is evidence when it moves the log-odds of the mention's label by at least this much.
EVIDENCE_MIN = 0.2


@dataclass(frozen=True, slots=True)
class TargetSentimentModel:
    """Learned weights of the target-sentiment model as plain values (no scikit-learn object)."""

    version: str
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]


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
class SpeakerTone:
    """Sentiment by an actor: the tone of its own quoted words (-1..1; higher is more positive)."""

    score: float
    label: str
    quoted_words: int
    quotes: int
    words: tuple[TextSpan, ...]


@dataclass(frozen=True, slots=True)
class ActorSentiment:
    """Sentiment toward an actor (all, narrator's, quoted speakers') and by the actor."""

    actor_id: str
    toward: SentimentSummary
    toward_narrator: SentimentSummary
    toward_quoted: SentimentSummary
    by: SpeakerTone
    evidence: tuple[MentionSentiment, ...]


def load_target_model() -> TargetSentimentModel:
    """Read the shipped weights (``scoring/models/target_sentiment.json``) into plain values."""
    text = (
        resources.files("scoring.sentiment.models")
        .joinpath(MODEL_RESOURCE)
        .read_text(encoding="utf-8")
    )
    data = json.loads(text)
    if data.get("feature_set") != FEATURE_SET:
        raise PipelineError(
            f"{MODEL_RESOURCE} was trained on features {data.get('feature_set')!r}, this code "
            f"extracts {FEATURE_SET!r}: retrain with training/train_target_sentiment.py"
        )
    columns = zip(*data["coef"], strict=True)
    return TargetSentimentModel(
        version=str(data["version"]),
        classes=tuple(data["classes"]),
        intercept=tuple(float(b) for b in data["intercept"]),
        weights=dict(zip(data["features"], (tuple(c) for c in columns), strict=True)),
    )


def _probabilities(model: TargetSentimentModel, counts: Mapping[str, float]) -> list[float]:
    """Softmax of the model's class scores for one feature vector."""
    logits = list(model.intercept)
    for name, value in counts.items():
        column = model.weights.get(name)
        if column is not None:
            for k, weight in enumerate(column):
                logits[k] += value * weight
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    return [e / total for e in exps]


def _evidence(
    span: Span, model: TargetSentimentModel, features: list[Feature], label: str
) -> tuple[TextSpan, ...]:
    """Content words that pushed a polar label over its opposite the most (none for neutral).

    Function words carry weight in the model too ("but", "who"), but an editor cannot act on a
    highlighted "the": stop words other than negations are left out of the evidence.
    """
    if label == "neutral":
        return ()
    k = model.classes.index(label)
    other = model.classes.index("negative" if label == "positive" else "positive")
    pushes: dict[int, float] = {}
    for feature in features:
        column = model.weights.get(feature.name)
        if column is not None and feature.token >= 0:
            push = feature.value * (column[k] - column[other])
            pushes[feature.token] = pushes.get(feature.token, 0.0) + push
    doc = span.doc
    strongest = sorted(
        (i for i, p in pushes.items() if p >= EVIDENCE_MIN and _is_content(doc[i])),
        key=lambda i: -pushes[i],
    )
    return tuple(from_span(doc[i : i + 1]) for i in sorted(strongest[:EVIDENCE_LIMIT]))


def _is_content(token: Token) -> bool:
    """True for words worth highlighting: not stop words, except negations."""
    return not token.is_stop or token.lower_ in NEGATION_WORDS


def _score(
    span: Span, model: TargetSentimentModel, table: SentenceTable
) -> tuple[float, str, tuple[TextSpan, ...]]:
    """Score, label and evidence words of one mention, given its sentence table."""
    features = mention_features(span, table)
    probabilities = _probabilities(model, feature_counts(features))
    label = model.classes[probabilities.index(max(probabilities))]
    score = (
        probabilities[model.classes.index("positive")]
        - probabilities[model.classes.index("negative")]
    )
    return score, label, _evidence(span, model, features, label)


def score_mention(
    span: Span, *, model: TargetSentimentModel, lexicon: Mapping[str, float]
) -> tuple[float, str, tuple[TextSpan, ...]]:
    """Sentiment toward the target ``span`` (a span of its parsed ``Doc``): score, label, words."""
    return _score(span, model, sentence_table(span.sent, lexicon))


def summarise(mentions: Iterable[MentionSentiment]) -> SentimentSummary:
    """Mean mention score with a label (``none`` without mentions) and the label counts."""
    scored = list(mentions)
    counts = {label: sum(m.label == label for m in scored) for label in LABELS}
    if not scored:
        return SentimentSummary(0.0, "none", 0, 0, 0, 0)
    score = sum(m.score for m in scored) / len(scored)
    return SentimentSummary(
        score=score,
        label=_label(score, TOWARD_THRESHOLD),
        mentions=len(scored),
        negative=counts["negative"],
        neutral=counts["neutral"],
        positive=counts["positive"],
    )


def _label(score: float, threshold: float) -> str:
    """The polar label of an aggregate score, neutral within +-``threshold``."""
    if score >= threshold:
        return "positive"
    return "negative" if score <= -threshold else "neutral"


def _speaker(span: Span, quotes: tuple[tuple[int, int, str | None], ...]) -> str | None:
    """The actor whose attributed words hold the mention, if any."""
    for start, end, speaker in quotes:
        if start <= span.start_char < end:
            return speaker
    return None


def speaker_tone(
    doc: Doc, regions: list[tuple[int, int]], lexicon: Mapping[str, float]
) -> SpeakerTone:
    """Tone of the words in ``regions`` (one speaker's quotes): VADER weights with negation."""
    if not regions:
        return SpeakerTone(0.0, "none", 0, 0, ())
    words, total, tonal = 0, 0.0, []
    for start, end in regions:
        quote = doc.char_span(start, end, alignment_mode="expand")
        for token in quote if quote is not None else ():
            words += is_word(token)
            weight = word_weight(token, lexicon)
            if weight:
                total += weight
                tonal.append(from_span(doc[token.i : token.i + 1]))
    score = total / math.sqrt(total * total + VADER_ALPHA)
    return SpeakerTone(score, _label(score, BY_THRESHOLD), words, len(regions), tuple(tonal))


class _Tables:
    """The sentence tables of one ``Doc``, each read once, found without ``Span.sent``.

    ``Span.sent`` walks the ``Doc`` from its start on every call: over a long article that cost
    more than all the features of the mention, so the sentences are listed once here.
    """

    def __init__(self, doc: Doc, lexicon: Mapping[str, float]) -> None:
        self._sents = sentence_index(doc).spans
        self._starts = [sent.start for sent in self._sents]
        self._lexicon = lexicon
        self._tables: dict[int, SentenceTable] = {}

    def of(self, span: Span) -> SentenceTable:
        """The table of the sentence in which ``span`` starts."""
        k = bisect_right(self._starts, span.start) - 1
        if k not in self._tables:
            self._tables[k] = sentence_table(self._sents[k], self._lexicon)
        return self._tables[k]


def _actor_mentions(
    doc: Doc,
    actor: Actor,
    quotes: tuple[tuple[int, int, str | None], ...],
    voices: Voices,
    model: TargetSentimentModel,
    tables: _Tables,
) -> tuple[MentionSentiment, ...]:
    """Score every mention of ``actor``."""
    scored = []
    for mention in actor.mentions:
        span = mention_span(doc, mention)
        table = tables.of(span)
        score, label, words = _score(span, model, table)
        voice = voices.at(span.start_char)
        speaker = _speaker(span, quotes) if voice != NARRATOR else None
        scored.append(MentionSentiment(mention.span, score, label, voice, speaker, words))
    return tuple(scored)


def actor_sentiment(
    doc: Doc,
    actors: tuple[Actor, ...],
    *,
    model: TargetSentimentModel,
    lexicon: Mapping[str, float],
    quotes: tuple[tuple[int, int, str | None], ...] = (),
    voices: Voices,
) -> tuple[ActorSentiment, ...]:
    """Sentiment toward and by each actor; ``quotes`` are (start, end, speaker id) regions of
    attributed content, ``voices`` says whose words each mention is in."""
    tables = _Tables(doc, lexicon)
    results = []
    for actor in actors:
        scored = _actor_mentions(doc, actor, quotes, voices, model, tables)
        own = [(start, end) for start, end, speaker in quotes if speaker == actor.id]
        results.append(
            ActorSentiment(
                actor_id=actor.id,
                toward=summarise(scored),
                toward_narrator=summarise(m for m in scored if m.voice == "narrator"),
                # in sources' words: their quotes and the narrator's paraphrase of them
                toward_quoted=summarise(m for m in scored if m.voice != NARRATOR),
                by=speaker_tone(doc, own, lexicon),
                evidence=scored,
            )
        )
    return tuple(results)
