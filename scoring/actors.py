"""Actors: the people, organisations, countries and groups an article talks about.

Entities from the parse are gathered into one actor per real-world referent: full names, surnames
and titled forms; transliteration variants; entity-type mistakes of the model; demonyms and
institutions that stand for a country. Callers may name actors of interest with aliases.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from scoring.spans import TextSpan

ACTOR_TYPES = ("person", "organisation", "country", "group")


@dataclass(frozen=True, slots=True)
class ActorQuery:
    """An actor the caller asks about by name, with aliases; always reported."""

    name: str
    aliases: tuple[str, ...] = ()
    type: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One place the text names an actor; ``form`` says how (name, demonym, metonym, alias)."""

    span: TextSpan
    sentence: int
    form: str


@dataclass(frozen=True, slots=True)
class Actor:
    """One real-world referent with every mention of it.

    ``id`` is unique within one report; ``key`` matches the same actor across articles
    ("person:putin", "country:russia") and is what reference sets compare by.
    """

    id: str
    key: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    requested: bool = False


def mention_span(doc: Doc, mention: Mention) -> Span:
    """The spaCy span of a mention in the ``Doc`` it was found in."""
    span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if span is None:  # pragma: no cover - offsets come from this doc's tokens
        raise ValueError(f"mention {mention.span.start}..{mention.span.end} is not in this doc")
    return span


def actor_at(actors: tuple[Actor, ...], start: int, end: int) -> Actor | None:
    """The actor with a mention overlapping ``start..end`` (the longest overlap wins), if any."""
    best: tuple[int, Actor] | None = None
    for actor in actors:
        for mention in actor.mentions:
            shared = min(end, mention.span.end) - max(start, mention.span.start)
            if shared > 0 and (best is None or shared > best[0]):
                best = (shared, actor)
    return best[1] if best else None
