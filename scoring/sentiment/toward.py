"""Sentiment toward each actor: its mentions scored by the fine-tuned target encoder.

One sentence portrays one actor once: of the actor's mentions in one sentence, in one voice (and
from one speaker), the most explicit (a name, else a description, else a pronoun; the first of
equals) is scored, and the others take its score, label and words. A pronoun alone says less to
the model than the name beside it, and three mentions in one sentence are one judgement, not
three. A mention is scored on its sentence with the mention marked (``scoring.sentiment.encoder``): its
score is P(positive) - P(negative), -1..1, higher is more favourable, and its label the most
probable class. Where the mention is the source of an attribution in that sentence ("...," Smith
said), the attributed words are left out of its input: they are sentiment *by* the speaker
(``scoring.sentiment.by``), not toward it. Mentions inside quoted or reported words are kept apart
from the narrator's.

Evidence: for a non-neutral mention, the content words of its sentence with the largest part of
the label's logit. The model's head is linear over the mean of the final token states (plus the
mention's own states), so each token's part of that mean's term is exact
(``Explanation.word_share``): the words that carry the label, in the model's own terms, from the
call that labelled the mention. Never names, titles, reporting verbs, the speaker's own words or
the mention itself. A polar label that no word carries is shown as neutral, so every highlighted
label has its words. (Occlusion, one more model call per word tried, was the method before: on
the BASIL dev articles it cost 2.6x the time of the whole actors benchmark and its span accuracy
was lower, 0.647 against 0.661, because more labels ended with no word and so neutral.)

Actor level: the mention labels decide. An actor is negative (positive) when its negative
(positive) mentions outnumber the opposite ones by at least ``MIN_LEAN`` of all its mentions and
the mean mention score has the same sign, and neutral otherwise; the score is the mean mention
score. A label never contradicts the counts or the score.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from scoring.actors import NAME_FORMS, Actor, Mention, mention_span
from scoring.deadline import Deadline
from scoring.sentiment.by import SpeakerTone, speaker_tone
from scoring.sentiment.encoder import Explanation, TargetEncoder
from scoring.text.negation import is_negation
from scoring.text.quotes import NARRATOR, Voices
from scoring.text.sentences import sentence_index
from scoring.text.spans import TextSpan, doc_text, from_span
from scoring.text.words import in_name

LABELS = ("negative", "neutral", "positive")
# Share of an actor's mentions by which one polar label must outnumber the other before the actor
# gets it. On the BASIL dev articles (narrator's label vs the author's feeling toward each main
# entity) 0.0-0.2 give negative-class F1 0.39; 0.3 drops it to 0.35: 0.2 is the most cautious of
# the best.
MIN_LEAN = 0.2
# At most this many words are kept as the evidence of one mention, the strongest first.
EVIDENCE_LIMIT = 3
# A word is kept when its share is at least this part of the strongest word's share.
EVIDENCE_RELATIVE = 0.5
# Parts of speech whose words can carry a portrayal (proper nouns are names and titles).
CONTENT_POS = frozenset({"ADJ", "ADV", "VERB", "NOUN"})
# Verbs that only report speech: highlighting "said" explains nothing.
SPEECH_LEMMAS = frozenset({"say", "tell", "add", "state", "ask", "write", "announce", "speak"})
# Stands for the attributed words left out of a speaker's own mention.
ELLIPSIS = "…"

# (source start, source end, content start, content end) of each attribution with a source.
SourceContent = tuple[int, int, int, int]
Range = tuple[int, int]


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

    @property
    def target(self) -> tuple[str, int, int]:
        return self.text, self.start, self.end


def _position(char: int, base: int, cut: tuple[int, int] | None) -> int:
    """Where the doc offset ``char`` (outside ``cut``) lies in a sentence starting at ``base``."""
    if cut is None or char < cut[0]:
        return char - base
    return char - base - (cut[1] - cut[0]) + len(ELLIPSIS)


class _Regions:
    """Character ranges, each with a value, asked which one first (in the given order) overlaps a
    stretch of text: sorted starts and the furthest end so far, so a look-up is a bisection and a
    short walk back over the ranges that can still reach it."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        self._order = sorted(range(len(ranges)), key=lambda n: ranges[n][0])
        self._ranges = [ranges[n] for n in self._order]
        self._starts = [start for start, _ in self._ranges]
        self._reach = list(accumulate((end for _, end in self._ranges), max))

    def first(self, start: int, end: int) -> int | None:
        """Position (in the given order) of the first range sharing a character with
        ``start..end``, or None."""
        found = None
        k = bisect_left(self._starts, end) - 1  # the last range starting before ``end``
        while k >= 0 and self._reach[k] > start:
            if self._ranges[k][1] > start and (found is None or self._order[k] < found):
                found = self._order[k]
            k -= 1
        return found


def _own_words(span: Span, sources: _Regions, contents: Sequence[tuple[int, int]]) -> Range | None:
    """The content of an attribution whose source the mention is, if any."""
    n = sources.first(span.start_char, span.end_char)
    return None if n is None else contents[n]


def _input(
    span: Span, sent: Span, sources: _Regions, contents: Sequence[tuple[int, int]]
) -> _Input:
    base, stop = sent.start_char, sent.end_char
    text = doc_text(span.doc)[base:stop]
    own = _own_words(span, sources, contents)
    if own is None or own[1] <= base or own[0] >= stop:
        return _Input(text, span.start_char - base, span.end_char - base, base, None)
    cut = (max(own[0], base), min(own[1], stop))
    if cut[0] < span.end_char and span.start_char < cut[1]:  # the mention is inside its own words
        return _Input(text, span.start_char - base, span.end_char - base, base, None)
    text = text[: cut[0] - base] + ELLIPSIS + text[cut[1] - base :]
    start = _position(span.start_char, base, cut)
    return _Input(text, start, start + span.end_char - span.start_char, base, cut)


def _shares(
    span: Span, sent: Span, item: _Input, explained: Explanation, label: int
) -> list[tuple[Token, float]]:
    """Each word that may carry the portrayal of the mention, with its share of the label."""
    shares = []
    for token in sent:
        if (
            token.is_alpha
            and (token.pos_ in CONTENT_POS or is_negation(token))
            and (not token.is_stop or is_negation(token))
            and token.lemma_.lower() not in SPEECH_LEMMAS
            and not in_name(token)
            and not (span.start <= token.i < span.end)
            and not (item.cut is not None and item.cut[0] <= token.idx < item.cut[1])
        ):
            first = item.position(token.idx)
            shares.append((token, explained.word_share(first, first + len(token.text), label)))
    return shares


def _evidence(shares: Sequence[tuple[Token, float]]) -> tuple[TextSpan, ...]:
    """The words with the largest positive shares (at least ``EVIDENCE_RELATIVE`` of the top
    one, at most ``EVIDENCE_LIMIT``), in text order."""
    ranked = sorted((pair for pair in shares if pair[1] > 0), key=lambda pair: -pair[1])
    if not ranked:
        return ()
    floor = ranked[0][1] * EVIDENCE_RELATIVE
    kept = [token for token, share in ranked[:EVIDENCE_LIMIT] if share >= floor]
    return tuple(from_span(t.doc[t.i : t.i + 1]) for t in sorted(kept, key=lambda t: t.i))


def score_mentions(
    spans: Sequence[Span],
    *,
    encoder: TargetEncoder,
    sources: Sequence[SourceContent] = (),
    deadline: Deadline | None = None,
) -> list[tuple[float, str, tuple[TextSpan, ...]]]:
    """Score, label and evidence words of each target span, one encoder call per mention."""
    if not spans:
        return []
    index = sentence_index(spans[0].doc)
    sents = [index.spans[index.of_token[span.start]] for span in spans]
    regions = _Regions([(source[0], source[1]) for source in sources])
    contents = [(source[2], source[3]) for source in sources]
    items = [_input(span, sent, regions, contents) for span, sent in zip(spans, sents, strict=True)]
    timer = deadline.check if deadline is not None else None
    explained = encoder.explain([item.target for item in items], check=timer)
    positive, negative = encoder.labels.index("positive"), encoder.labels.index("negative")
    results = []
    for span, sent, item, ex in zip(spans, sents, items, explained, strict=True):
        k = int(ex.probs.argmax())
        label = encoder.labels[k]
        score = float(ex.probs[positive] - ex.probs[negative])
        words = _evidence(_shares(span, sent, item, ex, k)) if label != "neutral" else ()
        results.append(
            (score, label, words) if words or label == "neutral" else (score, "neutral", ())
        )
    return results


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


def _speaker(char: int, quotes: _Regions, speakers: Sequence[str | None]) -> str | None:
    """The actor whose attributed words hold the offset ``char``, if any."""
    n = quotes.first(char, char + 1)
    return None if n is None else speakers[n]


def actor_sentiment(
    doc: Doc,
    actors: tuple[Actor, ...],
    *,
    encoder: TargetEncoder,
    lexicon: Mapping[str, float],
    voices: Voices,
    quotes: tuple[tuple[int, int, str | None], ...] = (),
    sources: Sequence[SourceContent] = (),
    deadline: Deadline | None = None,
) -> tuple[ActorSentiment, ...]:
    """Sentiment toward and by each actor.

    ``quotes`` are (start, end, speaker id) regions of attributed content, ``sources`` each
    attribution's source and content ranges, ``voices`` whose words each mention is in.
    """
    mentions = [(actor, mention) for actor in actors for mention in actor.mentions]
    regions = _Regions([(start, end) for start, end, _ in quotes])
    speakers = [speaker for _, _, speaker in quotes]
    said = [voices.at(mention.span.start) for _, mention in mentions]
    who = [
        _speaker(mention.span.start, regions, speakers) if voice != NARRATOR else None
        for (_, mention), voice in zip(mentions, said, strict=True)
    ]
    stands_for = _representatives(mentions, said, who)
    chosen = sorted(set(stands_for))
    spans = [mention_span(doc, mentions[n][1]) for n in chosen]
    labelled = score_mentions(spans, encoder=encoder, sources=sources, deadline=deadline)
    results = dict(zip(chosen, labelled, strict=True))
    scored: dict[str, list[MentionSentiment]] = {actor.id: [] for actor in actors}
    for n, (actor, mention) in enumerate(mentions):
        score, label, words = results[stands_for[n]]
        scored[actor.id].append(
            MentionSentiment(mention.span, score, label, said[n], who[n], words)
        )
    return tuple(_actor(doc, actor, scored[actor.id], quotes, lexicon) for actor in actors)


def _representatives(
    mentions: Sequence[tuple[Actor, Mention]], voices: Sequence[str], speakers: Sequence[str | None]
) -> list[int]:
    """For each mention, the mention scored for it: the most explicit mention of the same actor
    in the same sentence and the same voice (a name before a description, a description before a
    pronoun; the first of equals). One sentence portrays one actor once, whether it names it
    once or three times ("Ames denied it; his lawyer called him..."): the pronouns take the
    label of the name, whose input says the most about whom it is."""
    best: dict[tuple[str, int, str, str | None], int] = {}
    keys = []
    for n, (actor, mention) in enumerate(mentions):
        key = (actor.id, mention.sentence, voices[n], speakers[n])
        keys.append(key)
        held = best.get(key)
        if held is None or _explicitness(mention) < _explicitness(mentions[held][1]):
            best[key] = n
    return [best[key] for key in keys]


def _explicitness(mention: Mention) -> int:
    """How little a mention says of whom it is: 0 a name, 1 another noun phrase, 2 a pronoun."""
    if mention.form in NAME_FORMS:
        return 0
    return 2 if mention.form == "pronoun" else 1


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
