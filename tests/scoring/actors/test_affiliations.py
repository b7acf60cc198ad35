"""Affiliations: the organisations, countries and party groups a person speaks for, from the words
around the person's name only."""

from __future__ import annotations

import pytest
from spacy.language import Language

from scoring.actors import Actor, ActorQuery, find_actors, load_gazetteer

GAZETTEER = load_gazetteer()


def ties(nlp: Language, text: str, *requested: str) -> dict[str, set[tuple[str, str, str]]]:
    """Person name -> {(affiliated actor's name, basis, the words that say so)}."""
    queries = [ActorQuery(name=name) for name in requested]
    actors: tuple[Actor, ...] = find_actors(nlp(text), gazetteer=GAZETTEER, requested=queries)
    names = {actor.id: actor.name for actor in actors}
    return {
        actor.name: {(names[t.actor_id], t.basis, t.span.exact) for t in actor.affiliations}
        for actor in actors
        if actor.type == "person"
    }


CASES = [
    # an apposition naming the organisation the person speaks for
    (
        'Lis Ward, a spokeswoman for the Harbor Alliance, said the plan "will hurt us."',
        (),
        "Lis Ward",
        {("Harbor Alliance", "title", "a spokeswoman for the Harbor Alliance")},
    ),
    # the organisation in a title before the name
    (
        'Harbor Alliance organizer Tom Reyes wrote that the council "ignored us again."',
        (),
        "Tom Reyes",
        {("Harbor Alliance", "title", "Harbor Alliance organizer")},
    ),
    # "president of the union" after the name
    (
        'Omar Tate, president of the Farm Union, said members "are done waiting."',
        (),
        "Omar Tate",
        {("Farm Union", "title", "president of the Farm Union")},
    ),
    # a party tag ties a senator to the article's group of that party
    (
        '"We will not fold," said Sen. Maria Quill (D-Ore.). Democrats have opposed the bill.',
        ("Democratic lawmakers",),
        "Maria Quill",
        {("Democratic lawmakers", "party", "D-Ore.")},
    ),
    # a party word in the title; a chamber-named group takes only that chamber's members
    (
        'Republican Sen. Dan Pike called the deal "a betrayal." Senate Republicans met on '
        "Tuesday. House Republicans stayed home.",
        ("Senate Republicans", "House Republicans"),
        "Dan Pike",
        {("Senate Republicans", "party", "Republican")},
    ),
    # a group named for the person's role
    (
        'Lead plaintiff Rosa Diaz said the ruling "changes nothing for us."',
        ("plaintiffs",),
        "Rosa Diaz",
        {("plaintiffs", "title", "Lead plaintiff")},
    ),
    # a legislator's title for a group of lawmakers of that party
    (
        'Sen. Maria Quill (D-Ore.) said the bill "is dead." Republican lawmakers cheered.',
        ("Democratic lawmakers", "Republican lawmakers"),
        "Maria Quill",
        {("Democratic lawmakers", "party", "D-Ore.")},
    ),
    # an organisation named for a person (the parser tags the person), in the title before the name
    (
        'Kerry campaign spokeswoman Lia Stone called the ad "a distortion."',
        ("Kerry campaign",),
        "Lia Stone",
        {("Kerry campaign", "title", "Kerry campaign spokeswoman")},
    ),
    # the organisation behind a branch named in the apposition
    (
        '"We are tired," said Ada Price, president of the Dayton, Ohio, branch of the NAACP.',
        (),
        "Ada Price",
        {("NAACP", "title", "president of the Dayton, Ohio, branch of the NAACP")},
    ),
    # a party word as the noun the name apposes
    (
        'Another leading Dem, Sen. Ann Ortiz, called the offer "a bad deal." Democrats left.',
        ("Democratic lawmakers",),
        "Ann Ortiz",
        {("Democratic lawmakers", "party", "Dem")},
    ),
    # "his fellow Republicans" said of the person
    (
        "Sen. Tom Reed praised the deal, like his fellow Republicans. Republican lawmakers met.",
        ("Republican lawmakers",),
        "Tom Reed",
        {("Republican lawmakers", "party", "his fellow Republicans")},
    ),
    # a spokesperson for a person speaks for what that person speaks for
    (
        '"We will see," said Lia Stone, a spokeswoman for Sen. Tom Reed (R-Ohio). Republican '
        "lawmakers met.",
        ("Republican lawmakers",),
        "Lia Stone",
        {("Republican lawmakers", "title", "a spokeswoman for Sen. Tom Reed (R-Ohio)")},
    ),
    # another person's apposition inside the title is that person's, not this one's
    (
        "Mary Cole, the younger sister of Liz Cole, a Harbor Alliance organizer, said no.",
        (),
        "Mary Cole",
        set(),
    ),
    # a past title speaks for no one now; its party word still gives the party
    (
        'Former Harbor Alliance chairman Tom Reyes said the plan "will fail."',
        (),
        "Tom Reyes",
        set(),
    ),
    # a candidate's title ties only a party, not the body the office sits in
    (
        'Ohio Republican Senate candidate Dan Pike said the poll "means nothing." The Senate '
        "met. Republicans cheered.",
        ("Republicans",),
        "Dan Pike",
        {("Republicans", "party", "Republican")},
    ),
    # an envoy speaks for a country, not for the body they are sent to
    (
        'French Ambassador Luc Morel told the United Nations that the plan "cannot wait."',
        (),
        "Luc Morel",
        {("France", "title", "French Ambassador")},
    ),
    # a bare party letter in parentheses
    (
        'Mayor Tom Reed (D) said the toll "keeps the bridge open." Democrats agreed.',
        ("Democrats",),
        "Tom Reed",
        {("Democrats", "party", "D")},
    ),
    # a party tag ties the party, not one state's party body nor the party's leaders
    (
        'Rep. Ann Bell (R-Ohio) said the vote "was rushed." The Iowa Republican Party and GOP '
        "leaders met. Republicans cheered.",
        ("Iowa Republican Party", "GOP leaders", "Republicans"),
        "Ann Bell",
        {("Republicans", "party", "R-Ohio")},
    ),
    # a party-named group needs the person's party, not only the role
    (
        'Committee member Jon Hale said the hearing "went nowhere." GOP committee members left.',
        ("GOP committee members",),
        "Jon Hale",
        set(),
    ),
]


@pytest.mark.parametrize(("text", "requested", "person", "expected"), CASES)
def test_affiliation(
    nlp: Language,
    text: str,
    requested: tuple[str, ...],
    person: str,
    expected: set[tuple[str, str, str]],
) -> None:
    assert ties(nlp, text, *requested)[person] == expected


NO_TIES = [
    # a party word deeper in the apposition is what the person criticises, not their party
    ('Rep. Ann Bell, a critic of the Republican plan, said it "cannot pass." Republicans agreed.'),
    # nothing in the text says which party or organisation: nothing is guessed
    ('Paul Moran said the vote "was rushed." Democrats and Republicans both voted for it.'),
    # a person in another person's title is a relation, not someone spoken for
    ('Moran adviser Ruth Keller said the campaign "is on track."'),
    # an organisation in a clause or another preposition of the apposition is not the title's
    (
        'Dan Pike, a farmer running for the Senate, said the toll "is a tax". Lena Ortiz, a '
        'candidate in the Harbor Alliance primary, said it "can wait."'
    ),
]


@pytest.mark.parametrize("text", NO_TIES)
def test_no_affiliation_without_words_that_say_so(nlp: Language, text: str) -> None:
    found = ties(nlp, text)
    assert found, "the case needs a person"
    assert all(not tied for tied in found.values()), found


def test_a_coordinated_title_belongs_to_its_own_name(nlp: Language) -> None:
    # the parser hangs the second title and name under the first person's name
    text = "Talks between U.S. President Donald Trump and Russian President Luc Morel ended."
    found = ties(nlp, text)
    assert found["Luc Morel"] == {("Russia", "title", "Russian President")}
