"""The values the actors package hands to the rest of the library: actors, their mentions and
affiliations, the actors a caller requests, and how to find the actor at a place in the text."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from scoring.text.spans import TextSpan

# Mention forms that spell the actor's name (not a pronoun or a role noun standing for it).
NAME_FORMS = frozenset({"name", "alias"})
# "place" is a city or region acting as an agent ("Brussels said"), not a location.
ACTOR_TYPES = ("person", "organisation", "country", "group", "place")
# How a text ties a person to an actor it speaks for (``affiliations``).
AFFILIATION_BASES = ("title", "party")


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
class Affiliation:
    """Another actor a person speaks for, how the text says so (``title`` or ``party``) and the
    words that say it."""

    actor_id: str
    basis: str
    span: TextSpan


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
    affiliations: tuple[Affiliation, ...] = ()


def mention_span(doc: Doc, mention: Mention) -> Span:
    """The spaCy span of a mention in the ``Doc`` it was found in."""
    span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if span is None:  # pragma: no cover - offsets come from this doc's tokens
        raise ValueError(f"mention {mention.span.start}..{mention.span.end} is not in this doc")
    return span


def actor_at(actors: tuple[Actor, ...], start: int, end: int) -> Actor | None:
    """The actor with a mention overlapping ``start..end``: a person named at either edge of
    the range ("Farm League organizer Ruth Keller", "Omar Tate, the agency's deputy
    director": the person, not the organisation in the title), else the longest overlap."""
    best: tuple[int, Actor] | None = None
    for actor in actors:
        for mention in actor.mentions:
            shared = min(end, mention.span.end) - max(start, mention.span.start)
            if shared <= 0:
                continue
            edge = mention.span.start <= start or mention.span.end >= end
            if actor.type == "person" and edge and mention.form in NAME_FORMS:
                shared += end - start  # outranks any overlap that is not a person at an edge
            if best is None or shared > best[0]:
                best = (shared, actor)
    return best[1] if best else None
