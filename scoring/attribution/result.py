"""Attribution: statements tied to a source, as evidence spans, with densities and voice share.

Three stages, each passing frozen values to the next: ``find_reported`` (verbs, "according to"
and headline colons, with the quotes next to their cues) returns what the cues report and the
quotes they claimed; ``link_unclaimed`` links the other quotes (continued, inline or bare);
each source is then typed and resolved to the article's actors (``classify_source``).
Higher ``per_100_words`` and ``sentence_share`` mean a more attributed text; higher
``anonymous_share`` means more of it rests on unnamed sources.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from scoring.actors import Actor
from scoring.attribution.records import Found, Parse, Range, RangeIndex
from scoring.attribution.reported import find_reported
from scoring.attribution.sources import (
    SOURCE_TYPES,
    Mentions,
    SourceLexicon,
    SourceType,
    classify_source,
)
from scoring.attribution.statements import read_verb_lexicon, statement_verbs
from scoring.attribution.unclaimed import link_unclaimed
from scoring.errors import PipelineError
from scoring.text.input import CitedQuote
from scoring.text.lexicon import read_tsv
from scoring.text.sentences import sentence_index
from scoring.text.spans import TextSpan, doc_text, overlaps, text_span
from scoring.text.words import count_words, per_100_words

KINDS = ("direct", "indirect", "according_to")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One statement tied to a source: who (source), how (cue) and what (content)."""

    kind: str
    source: TextSpan | None
    source_type: SourceType
    source_actor: str | None
    cue: TextSpan | None
    content: TextSpan
    sentence: int
    words: int
    # The content's parts without the cue: a split or continued quote's quoted parts ("X said."
    # left out), else the content itself.
    pieces: tuple[TextSpan, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """One distinct source of the article with how often and how much it is quoted."""

    name: str
    source_type: SourceType
    actor_id: str | None
    attributions: int
    quoted_words: int


@dataclass(frozen=True, slots=True)
class VoiceShare:
    """An actor's share of all directly quoted words in the article."""

    actor_id: str
    quoted_words: int
    share: float


@dataclass(frozen=True, slots=True)
class AttributionResult:
    """Every attribution of one article with the figures computed from them."""

    attributions: tuple[Attribution, ...]
    sources: tuple[Source, ...]
    attributed_sentences: int
    per_100_words: float
    sentence_share: float
    by_kind: tuple[tuple[str, int], ...]
    by_source_type: tuple[tuple[str, int], ...]
    distinct_sources: int
    anonymous_share: float
    vague_share: float  # share of attributions to vague sources ("critics say", "it is believed")
    voice_share: tuple[VoiceShare, ...]
    quoted_words: int

    def quoted_regions(self) -> tuple[tuple[int, int, str | None], ...]:
        """``(start, end, source_actor)`` of every attribution's content, direct and indirect."""
        return tuple((a.content.start, a.content.end, a.source_actor) for a in self.attributions)


@dataclass(frozen=True, slots=True)
class AttributionLexicon:
    """Reporting verbs by frame and the words that type a source."""

    verbs: dict[str, str]
    sources: SourceLexicon


def _read_pairs(name: str) -> list[tuple[str, str]]:
    """The (key, value) rows of a two-column lexicon, keys in lower case."""
    return [(key.lower(), value) for key, value in read_tsv(name, columns=(2,))]


def load_attribution_lexicon() -> AttributionLexicon:
    """Read ``reporting_verbs.tsv`` and ``source_cues.tsv`` from the package."""
    frames, _ = read_verb_lexicon(read_tsv("reporting_verbs.tsv", columns=(2, 3)))
    verbs = statement_verbs(frames)
    cues: dict[str, set[str]] = {
        "anonymous_noun": set(),
        "anonymous_phrase": set(),
        "document_noun": set(),
        "role_noun": set(),
    }
    for phrase, category in _read_pairs("source_cues.tsv"):
        if category not in cues:
            raise PipelineError(f"lexicon source_cues.tsv: {phrase!r} has no category {category!r}")
        cues[category].add(phrase)
    sources = SourceLexicon(
        anonymous_nouns=frozenset(cues["anonymous_noun"]),
        anonymous_phrases=tuple(sorted(cues["anonymous_phrase"])),
        document_nouns=frozenset(cues["document_noun"]),
        role_nouns=frozenset(cues["role_noun"]),
    )
    return AttributionLexicon(verbs=verbs, sources=sources)


def find_attributions(
    doc: Doc,
    *,
    actors: tuple[Actor, ...],
    lexicon: AttributionLexicon,
    cited: Sequence[CitedQuote] = (),
) -> AttributionResult:
    """Find every attribution in a parsed article and compute the attribution figures.

    ``cited`` are block quotations whose credit line the HTML named (a quote block's ``<cite>``,
    an embedded post's author): each is a direct quote of that source unless the text already
    attributes it.
    """
    parse = Parse.of(doc)
    reported = find_reported(parse, lexicon.verbs)
    credited = frozenset((quote.start, quote.end) for quote in cited)  # never another's quote
    linked = link_unclaimed(parse, reported.found, reported.claimed | credited, lexicon.verbs)
    found = sorted(
        (*linked, *_cited(parse, cited, linked)), key=lambda f: (f.content[0], f.content[1])
    )
    mentions = Mentions(actors)
    attributions = tuple(_attribution(parse, f, mentions, lexicon.sources) for f in found)
    return _result(doc, attributions, {actor.id: actor.name for actor in actors})


def _cited(parse: Parse, cited: Sequence[CitedQuote], found: Sequence[Found]) -> list[Found]:
    """A direct attribution for each credited block quotation the text does not attribute."""
    added = []
    for quote in cited:
        content = (quote.start, quote.end)
        if any(overlaps(content, f.content) for f in found):
            continue
        credit = parse.doc.char_span(quote.cite_start, quote.cite_end, alignment_mode="expand")
        if credit is None or not len(credit):
            continue
        source = (quote.cite_start, quote.cite_end)
        sentence = parse.sentence_of(content)
        added.append(Found("direct", content, None, source, credit.root.i, sentence, (content,)))
    return added


def _attribution(
    parse: Parse, found: Found, mentions: Mentions, lexicon: SourceLexicon
) -> Attribution:
    text = parse.text
    source_type, actor = classify_source(parse, found, mentions, lexicon)
    return Attribution(
        kind=found.kind,
        source=text_span(text, *found.source) if found.source else None,
        source_type=source_type,
        source_actor=actor.id if actor else None,
        cue=text_span(text, *found.cue) if found.cue else None,
        content=text_span(text, *found.content),
        sentence=parse.sentence_of(found.content),
        words=sum(_words(parse.doc, piece) for piece in found.pieces or (found.content,)),
        pieces=tuple(text_span(text, *piece) for piece in found.pieces or (found.content,)),
    )


def _words(doc: Doc, piece: Range) -> int:
    span = doc.char_span(piece[0], piece[1], alignment_mode="expand")
    return count_words(span) if span is not None else 0


def _result(
    doc: Doc, attributions: tuple[Attribution, ...], names: dict[str, str]
) -> AttributionResult:
    words = count_words(doc)
    sentences = sentence_index(doc).count
    attributed = len({a.sentence for a in attributions})
    kinds = Counter(a.kind for a in attributions)
    types = Counter(a.source_type for a in attributions)
    sources = _sources(attributions, names)
    quoted = sum(a.words for a in attributions if a.kind == "direct")
    return AttributionResult(
        attributions=attributions,
        sources=sources,
        attributed_sentences=attributed,
        per_100_words=per_100_words(len(attributions), words),
        sentence_share=attributed / sentences if sentences else 0.0,
        by_kind=tuple((kind, kinds[kind]) for kind in KINDS),
        by_source_type=tuple((kind, types[kind]) for kind in SOURCE_TYPES),
        distinct_sources=len(sources),
        anonymous_share=types["anonymous"] / len(attributions) if attributions else 0.0,
        vague_share=types["vague"] / len(attributions) if attributions else 0.0,
        voice_share=_voice_share(attributions, quoted),
        quoted_words=quoted,
    )


def _source_key(attribution: Attribution) -> str | None:
    if attribution.source_actor is not None:
        return f"actor:{attribution.source_actor}"
    if attribution.source is None:
        return None
    return " ".join(attribution.source.exact.lower().split()).removeprefix("the ")


def _sources(attributions: tuple[Attribution, ...], names: dict[str, str]) -> tuple[Source, ...]:
    groups: dict[str, list[Attribution]] = defaultdict(list)
    for attribution in attributions:
        key = _source_key(attribution)
        if key is not None:
            groups[key].append(attribution)
    return tuple(
        Source(
            name=names.get(members[0].source_actor or "", key),
            source_type=members[0].source_type,
            actor_id=members[0].source_actor,
            attributions=len(members),
            quoted_words=sum(a.words for a in members if a.kind == "direct"),
        )
        for key, members in groups.items()
    )


def _voice_share(attributions: tuple[Attribution, ...], quoted: int) -> tuple[VoiceShare, ...]:
    by_actor: Counter[str] = Counter()
    for attribution in attributions:
        if attribution.kind == "direct" and attribution.source_actor is not None:
            by_actor[attribution.source_actor] += attribution.words
    return tuple(
        VoiceShare(actor_id=actor, quoted_words=count, share=count / quoted if quoted else 0.0)
        for actor, count in by_actor.most_common()
    )


def unattributed_claims(
    doc: Doc, result: AttributionResult, hedge_spans: tuple[Range, ...]
) -> tuple[TextSpan, ...]:
    """Sentences carrying a hearsay hedge ("reportedly") that no sourced attribution covers.

    A hedge is covered when it lies in the content of an attribution with a source, or when its
    sentence holds the cue of such an attribution.
    """
    if not hedge_spans:
        return ()
    text = doc_text(doc)
    sourced = [a for a in result.attributions if a.source is not None]
    contents = RangeIndex([(a.content.start, a.content.end) for a in sourced])
    cues = RangeIndex([(a.cue.start, a.cue.end) for a in sourced if a.cue is not None])
    hedges = RangeIndex(list(hedge_spans))
    covered = RangeIndex([h for h in hedge_spans if contents.overlaps(h)])
    return tuple(
        text_span(text, sent.start_char, sent.end_char)
        for sent in sentence_index(doc).spans
        if _unsourced((sent.start_char, sent.end_char), hedges, covered, cues)
    )


def _unsourced(sentence: Range, hedges: RangeIndex, covered: RangeIndex, cues: RangeIndex) -> bool:
    """True when the sentence has a hedge, none of its hedges is sourced and it holds no cue."""
    return hedges.overlaps(sentence) and not (covered.overlaps(sentence) or cues.overlaps(sentence))
