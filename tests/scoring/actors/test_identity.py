"""Identity rules: which names are one actor, which stay apart, and what is not an actor."""

from __future__ import annotations

import pytest
from spacy.language import Language

from scoring.actors import Actor, ActorQuery, actor_at, find_actors, load_gazetteer

GAZETTEER = load_gazetteer()


def actors_of(nlp: Language, text: str, *queries: ActorQuery) -> tuple[Actor, ...]:
    return find_actors(nlp(text), gazetteer=GAZETTEER, requested=queries)


def names_of(actor: Actor) -> list[str]:
    return [m.span.exact for m in actor.mentions if m.form not in ("pronoun", "nominal")]


ONE_ACTOR = [
    # an acronym with and without periods, and its expansion
    (
        "The Federation of Independent Grain Growers met in the hall. "
        "Later the F.I.G.G. said the FIGG would appeal.",
        ["Federation of Independent Grain Growers", "F.I.G.G.", "FIGG"],
    ),
    # a movement and its members
    (
        "The Tea Party held a rally. Tea Partiers cheered.",
        ["Tea Party", "Tea Partiers"],
    ),
    # a party and its members
    ("The Democratic Party met. Democrats said no.", ["Democratic Party", "Democrats"]),
    # a full name with and without a middle initial
    ("Donald J. Trump spoke. Donald Trump left.", ["Donald J. Trump", "Donald Trump"]),
]


@pytest.mark.parametrize(("text", "forms"), ONE_ACTOR)
def test_forms_of_one_actor_are_one_actor(nlp: Language, text: str, forms: list[str]) -> None:
    actors = [a for a in actors_of(nlp, text) if set(names_of(a)) & set(forms)]
    assert len(actors) == 1, [(a.name, names_of(a)) for a in actors]
    assert sorted(set(names_of(actors[0]))) == sorted(set(forms))


APART = [
    # a suffix keeps a son apart from his father
    ("Donald Trump Jr. met Donald Trump on Monday.", "Donald Trump Jr.", "Donald Trump"),
    # middle initials keep two presidents apart
    ("Walter J. K. Marsh and Walter K. Marsh both ran.", "Walter J. K. Marsh", "Walter K. Marsh"),
    # given names keep a family apart
    ("Liz Cheney met Mary Cheney and Dick Cheney.", "Liz Cheney", "Mary Cheney"),
    ("Hillary Clinton and Bill Clinton arrived.", "Hillary Clinton", "Bill Clinton"),
]


@pytest.mark.parametrize(("text", "first", "second"), APART)
def test_different_people_stay_apart(nlp: Language, text: str, first: str, second: str) -> None:
    actors = {a.name: a for a in actors_of(nlp, text)}
    assert first in actors and second in actors, list(actors)
    assert actors[first].key != actors[second].key


def test_the_key_uses_the_fullest_name(nlp: Language) -> None:
    actors = actors_of(nlp, "Hillary Clinton spoke. Clinton left. Chelsea Clinton stayed.")
    assert {a.key for a in actors} == {"person:hillary-clinton", "person:chelsea-clinton"}


def test_a_surname_alone_goes_to_the_person_named_last(nlp: Language) -> None:
    text = "Liz Cheney spoke first. Later Mary Cheney arrived, and Cheney said no."
    mary = next(a for a in actors_of(nlp, text) if a.name == "Mary Cheney")
    assert names_of(mary) == ["Mary Cheney", "Cheney"]


def test_a_gendered_title_picks_the_matching_person(nlp: Language) -> None:
    text = "Bill Clinton and Hillary Clinton arrived. Mr. Clinton spoke."
    bill = next(a for a in actors_of(nlp, text) if a.name == "Bill Clinton")
    assert "Clinton" in names_of(bill)


REQUESTED = [
    # a requested name absorbs every automatic actor it names, partial forms included
    (
        "Enrique Peña spoke. Later Peña Nieto met reporters.",
        ActorQuery("Enrique Pena Nieto"),
        ["Enrique Peña", "Peña Nieto"],
    ),
    # a requested form is found whatever its case or hyphens
    ("Wal-Mart said it would appeal.", ActorQuery("Walmart"), ["Wal-Mart"]),
    # a requested pair of people
    (
        "Malia and Sasha attended with their father.",
        ActorQuery("Sasha and Malia Obama"),
        ["Malia and Sasha"],
    ),
    # a requested group named by its party
    (
        "Senate Democrats met. The Democrats rejected the offer.",
        ActorQuery("Senate Democrats"),
        ["Senate Democrats", "Democrats"],
    ),
]


@pytest.mark.parametrize(("text", "query", "forms"), REQUESTED)
def test_requested_actors_absorb_matching_actors(
    nlp: Language, text: str, query: ActorQuery, forms: list[str]
) -> None:
    actors = actors_of(nlp, text, query)
    requested = [a for a in actors if a.requested]
    assert len(requested) == 1 and requested[0].name == query.name
    assert names_of(requested[0]) == forms
    assert not [a for a in actors if not a.requested and set(names_of(a)) & set(forms)]


NOT_ACTORS = [
    # a party adjective describes; it is not an actor
    ("The Democratic leader spoke on Monday.", "Democratic"),
    # an indefinite apposition describes its person
    ("Tom Baird, a Republican, spoke on Monday.", "Republican"),
    # a hashtag names no one
    ("Critics posted #TrumpShutdown all week.", "TrumpShutdown"),
    # a modifier the model swept into a name is not part of it
    (
        "The St. Paul Tea Party met. Fellow St. Paul Tea Party organizer Dana Cole accused the "
        "NAACP of morphing.",
        "Fellow St. Paul Tea Party",
    ),
    # a party word the model took for a person
    ("Another leading Dem, Sen. Ann Ortiz, said no.", "Dem"),
    # a programme is not an actor
    ("The court ruled on Temporary Protected Status on Monday.", "Temporary Protected Status"),
]


@pytest.mark.parametrize(("text", "word"), NOT_ACTORS)
def test_describing_words_and_things_are_not_actors(nlp: Language, text: str, word: str) -> None:
    assert not [a for a in actors_of(nlp, text) if word in names_of(a)]


def test_a_platform_said_on_is_not_a_person(nlp: Language) -> None:
    actors = actors_of(nlp, "Senator Ann Ortiz wrote on Twitter that she would vote.")
    assert all(a.type != "person" for a in actors if "Twitter" in names_of(a))


TITLED_SOURCES = [
    # an organisation in a person's title before the name
    ("Dayton Farm League organizer Ruth Keller sent a letter.", "Ruth Keller"),
    # an organisation in an apposition after the name
    ("Omar Tate, the Harbor Transit Agency's deputy director, spoke.", "Omar Tate"),
]


@pytest.mark.parametrize(("text", "person"), TITLED_SOURCES)
def test_a_source_titled_by_an_organisation_is_the_person(
    nlp: Language, text: str, person: str
) -> None:
    doc = nlp(text)
    subject = next(t for t in doc if t.dep_ == "nsubj")
    start, end = doc[subject.left_edge.i].idx, subject.right_edge.idx + len(subject.right_edge)
    found = actor_at(find_actors(doc, gazetteer=GAZETTEER), start, end)
    assert found is not None and found.name == person


def test_a_requested_pair_is_found_through_either_member(nlp: Language) -> None:
    text = "Malia and Sasha attended. Later Malia spoke to reporters."
    actors = actors_of(nlp, text, ActorQuery("Sasha and Malia Obama"))
    pair = next(a for a in actors if a.requested)
    assert pair.type == "group" and names_of(pair) == ["Malia and Sasha", "Malia"]
