"""Actors: mentions gathered into one actor per real-world referent."""

from __future__ import annotations

import pytest
from spacy.language import Language

from scoring.actors import (
    Actor,
    ActorQuery,
    actor_at,
    find_actors,
    load_gazetteer,
    name_key,
)
from scoring.errors import InvalidActorError

GAZETTEER = load_gazetteer()


def actors_of(nlp: Language, text: str, *queries: ActorQuery) -> tuple[Actor, ...]:
    return find_actors(nlp(text), gazetteer=GAZETTEER, requested=queries)


def by_key(actors: tuple[Actor, ...], key: str) -> Actor:
    found = [a for a in actors if a.key == key]
    assert len(found) == 1, f"{key} in {[a.key for a in actors]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "key", "surfaces"),
    [
        # full name, surname, titled form and middle initial are one person
        (
            "President Donald Trump met aides. Later Trump spoke, and Donald J. Trump signed.",
            "person:donald-trump",
            {"Donald Trump", "Trump", "Donald J. Trump"},
        ),
        # office titles are not part of the name
        (
            "Councilman Bob Hale voted no. Sheriff Ann Ruiz and Rev. Tom Oakes said little.",
            "person:bob-hale",
            {"Bob Hale"},
        ),
        # transliteration variants of one surname are one person
        (
            "Volodymyr Zelensky arrived. Zelenskyy said little. Zelenskiy left at noon.",
            "person:volodymyr-zelensky",
            {"Volodymyr Zelensky", "Zelenskyy", "Zelenskiy"},
        ),
        # a possessive does not make a new actor
        (
            "Vladimir Putin spoke on Monday. Putin's aides were silent.",
            "person:vladimir-putin",
            {"Vladimir Putin", "Putin"},
        ),
        # demonym and institution stand for the country
        (
            "Russia rejected the plan. The Kremlin said Russian troops would stay.",
            "country:russia",
            {"Russia", "Kremlin", "Russian"},
        ),
        # a capital acting as subject stands for its government
        (
            "Kyiv rejected the offer on Friday, and Ukraine said so again.",
            "country:ukraine",
            {"Kyiv", "Ukraine"},
        ),
        # abbreviations of a country are that country
        (
            "The U.S. imposed tariffs. The United States also sent envoys.",
            "country:united-states",
            {"U.S.", "United States"},
        ),
    ],
)
def test_mentions_gather_into_one_actor(
    nlp: Language, text: str, key: str, surfaces: set[str]
) -> None:
    actor = by_key(actors_of(nlp, text), key)
    assert {m.span.exact.removesuffix("'s") for m in actor.mentions} >= surfaces


def test_capital_as_a_place_is_not_a_mention(nlp: Language) -> None:
    actors = actors_of(nlp, "Ukraine's president flew to Moscow for talks on Tuesday.")
    russia = [a for a in actors if a.key == "country:russia"]
    assert not russia or all(m.span.exact != "Moscow" for m in russia[0].mentions)


def test_model_type_mistake_does_not_split_a_person(nlp: Language) -> None:
    # The small pipeline often tags a bare surname as ORG; it must still join the person.
    text = (
        "Donald Trump addressed reporters. Trump said talks went well. "
        "Trump called it a big day. Aides to Trump agreed."
    )
    actors = actors_of(nlp, text)
    trump = by_key(actors, "person:donald-trump")
    assert len(trump.mentions) == 4
    assert not [a for a in actors if "trump" in a.key and a is not trump]


def test_requested_actor_with_alias_joins_its_mentions(nlp: Language) -> None:
    text = "Steven Uitkoff, the envoy, met officials in Riyadh on Sunday."
    actors = actors_of(nlp, text, ActorQuery("Steve Witkoff", aliases=("Uitkoff",)))
    witkoff = by_key(actors, "person:steven-witkoff")
    assert witkoff.requested and witkoff.name == "Steve Witkoff"
    assert [m.span.exact for m in witkoff.mentions] == ["Steven Uitkoff"]


def test_requested_actor_is_reported_with_zero_mentions(nlp: Language) -> None:
    actors = actors_of(
        nlp, "The council met on Monday.", ActorQuery("Angela Merkel", type="person")
    )
    merkel = by_key(actors, "person:angela-merkel")
    assert merkel.requested and merkel.mentions == ()


def test_mentions_carry_offsets_into_the_text(nlp: Language) -> None:
    text = "Officials said Marco Rubio would travel. Rubio declined to comment."
    rubio = by_key(actors_of(nlp, text), "person:marco-rubio")
    for mention in rubio.mentions:
        assert text[mention.span.start : mention.span.end] == mention.span.exact
    assert [m.sentence for m in rubio.mentions] == [0, 1]


def test_actor_at_finds_the_overlapping_actor(nlp: Language) -> None:
    text = "Dmitry Peskov said the talks were useful."
    actors = actors_of(nlp, text)
    found = actor_at(actors, 0, 6)
    assert found is not None and found.key == "person:dmitry-peskov"
    assert actor_at(actors, 20, 25) is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Zelensky", "Zelenskyy", True),
        ("Zelensky", "Zelenskiy", True),
        ("Witkoff", "Uitkoff", True),
        ("Putin", "Patton", False),  # same skeleton family, different people
        ("Rubio", "Rubin", False),
    ],
)
def test_transliteration_keys(a: str, b: str, same: bool) -> None:
    assert (name_key(a) == name_key(b)) is same


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Cyrillic: two requested people, two actors, keys spelled in Latin letters
        ("Путин и Зеленский встретились в понедельник.", ("Путин", "Зеленский")),
        # Chinese: likewise
        ("习近平 met 李强 in Beijing on Monday.", ("习近平", "李强")),
    ],
)
def test_non_latin_names_stay_distinct(nlp: Language, text: str, names: tuple[str, ...]) -> None:
    actors = actors_of(nlp, text, *(ActorQuery(name) for name in names))
    requested = [a for a in actors if a.requested]
    assert sorted(a.name for a in requested) == sorted(names)
    keys = [a.key for a in requested]
    assert len(set(keys)) == len(keys)
    assert all(key.split(":", 1)[1] for key in keys), keys  # never an empty key


def test_invisible_characters_and_emoji_are_not_part_of_names(nlp: Language) -> None:
    text = "\u202eBob Smith\u202c met reporters in Kyiv. Zelensky \U0001f642 thanked him."
    names = {a.key: a.name for a in actors_of(nlp, text)}
    assert names["person:bob-smith"] == "Bob Smith"
    assert names["person:zelensky"] == "Zelensky"


@pytest.mark.parametrize(
    "query",
    [
        ActorQuery(""),  # blank
        ActorQuery("  \u200b "),  # only white space and a zero-width space
        ActorQuery("Jane Roe", type="planet"),  # unknown type
    ],
)
def test_a_requested_actor_without_a_name_is_a_typed_error(
    nlp: Language, query: ActorQuery
) -> None:
    with pytest.raises(InvalidActorError):
        actors_of(nlp, "Jane Roe spoke.", query)


def test_blank_aliases_are_ignored(nlp: Language) -> None:
    actors = actors_of(nlp, "Jane Roe spoke on Monday.", ActorQuery("Jane Roe", aliases=(" ", "")))
    roe = by_key(actors, "person:jane-roe")
    assert all(alias.strip() for alias in roe.aliases)
    assert [m.span.exact for m in roe.mentions] == ["Jane Roe"]


def test_a_requested_full_name_absorbs_its_surname_mentions(nlp: Language) -> None:
    text = "Obama spoke on Monday. Later, Obama thanked the senators."
    actors = actors_of(nlp, text, ActorQuery("Barack Obama"), ActorQuery("Obama campaign"))
    obama = [a for a in actors if a.name == "Barack Obama"]
    assert len(obama) == 1 and [m.span.exact for m in obama[0].mentions] == ["Obama", "Obama"]
    # the other requested actor stays apart, even though its name holds "Obama"
    assert [a.mentions for a in actors if a.name == "Obama campaign"] == [()]
    assert len([a for a in actors if a.key == "person:barack-obama"]) == 1
