"""Actors: the people, organisations, countries and groups an article talks about.

Owns finding every mention of each actor (names, short names, titles, transliterations,
demonyms and metonyms through the gazetteer in ``lexicons/countries.tsv``), gathering mentions
into actors, and the actors a caller requests with aliases (``find``); which entity spans are
actors at all (``entities``); how names are folded, compared and keyed (``names``); and the
pronouns and role nouns that refer to an actor, which become its mentions with the form
``pronoun`` or ``nominal`` (``coref``); the organisations, countries and party groups a person
speaks for (``affiliations``). The values themselves are in ``model``. Other packages read
actors through the names exported here.
"""

from scoring.actors.find import Gazetteer, find_actors, load_gazetteer
from scoring.actors.model import (
    ACTOR_TYPES,
    AFFILIATION_BASES,
    NAME_FORMS,
    Actor,
    ActorQuery,
    Affiliation,
    Mention,
    actor_at,
    mention_span,
)
from scoring.actors.names import name_key

__all__ = [
    "ACTOR_TYPES",
    "AFFILIATION_BASES",
    "NAME_FORMS",
    "Actor",
    "ActorQuery",
    "Affiliation",
    "Gazetteer",
    "Mention",
    "actor_at",
    "find_actors",
    "load_gazetteer",
    "mention_span",
    "name_key",
]
