"""Who a source is: the actor its words name, typed; a document with the actor that issued it."""

from __future__ import annotations

import pytest
from spacy.language import Language

from scoring.actors import ActorQuery, find_actors, load_gazetteer
from scoring.attribution import find_attributions, load_attribution_lexicon

GAZETTEER = load_gazetteer()
LEXICON = load_attribution_lexicon()


def sources(nlp: Language, text: str, *requested: str) -> list[tuple[str, str, str | None]]:
    """(source words, source type, the source actor's name) of each attribution."""
    doc = nlp(text)
    queries = [ActorQuery(name) for name in requested]
    actors = find_actors(doc, gazetteer=GAZETTEER, requested=queries)
    names = {actor.id: actor.name for actor in actors}
    found = find_attributions(doc, actors=actors, lexicon=LEXICON)
    return [
        (a.source.exact, a.source_type, names.get(a.source_actor or ""))
        for a in found.attributions
        if a.source is not None
    ]


CASES = [
    # the person the source's head names, not the person named in their title
    (
        '"We are ready," said Ann Ray, a spokeswoman for Senator Luc Morel.',
        (),
        [("Ann Ray, a spokeswoman for Senator Luc Morel", "named_person", "Ann Ray")],
    ),
    # the name apposed to a head that names no actor; a party word is not a person
    (
        'Another leading Dem, Sen. Ann Ortiz of Ohio, said the offer was "a bad deal."',
        (),
        [("Another leading Dem, Sen. Ann Ortiz of Ohio", "named_person", "Ann Ortiz")],
    ),
    # a person's campaign is not the person; a country's ministry speaks for the country
    (
        'Donald Trump spoke in Ohio. Trump\u2019s campaign said the poll was "fake."',
        (),
        [("Trump\u2019s campaign", "named_organisation", None)],
    ),
    (
        "Russia\u2019s foreign ministry said the talks would resume.",
        (),
        [("Russia\u2019s foreign ministry", "named_organisation", "Russia")],
    ),
    # a person's campaign manager is a person, not the candidate
    (
        "Ann Roe spoke on Monday. Roe\u2019s campaign manager said she would win.",
        (),
        [("Roe\u2019s campaign manager", "named_person", None)],
    ),
    # a person's lawyer is a person with no actor of their own
    (
        "Ann Roe spoke on Monday. Her lawyer said she would appeal.",
        (),
        [("Her lawyer", "named_person", None)],
    ),
    # figures and cables are documents
    (
        "Polling averages show the race is close.",
        (),
        [("Polling averages", "document", None)],
    ),
    # a requested group named by a plural role noun is that group, not an anonymous source
    (
        'The GOP committee members said the report "settles nothing."',
        ("GOP committee members",),
        [("The GOP committee members", "named_organisation", "GOP committee members")],
    ),
    # an indefinite document with the agent of its issuing participle
    (
        '"Nothing has changed," said a statement released by the Farm Union.',
        (),
        [("a statement released by the Farm Union", "document", "Farm Union")],
    ),
    # a document with its possessor
    (
        'Mayor Ruiz sent a letter to the council. Ruiz\u2019s letter said the bridge "must close."',
        (),
        [("Ruiz\u2019s letter", "document", "Ruiz")],
    ),
    # an outlet whose name ends in a document noun is an organisation, not a document
    (
        "The Daily Post reported that the mayor had resigned.",
        (),
        [("The Daily Post", "named_organisation", "Daily Post")],
    ),
    # a definite role names one person even when no name is near; a collective names no one
    (
        "The coach said the team had trained hard all winter.",
        (),
        [("The coach", "named_person", None)],
    ),
    (
        "The clerk said the ballots were counted twice.",
        (),
        [("The clerk", "named_person", None)],
    ),
    (
        "The international community warned that the blockade would starve the city.",
        (),
        [("The international community", "vague", None)],
    ),
    (
        "The public told pollsters that the tax was unfair.",
        (),
        [("The public", "vague", None)],
    ),
    # a passive verb's reason is not part of its "by" agent, where the parse may hang it
    (
        "The harbour chief was praised by residents for her calm handling of the flood.",
        (),
        [("residents", "anonymous", None)],
    ),
    # leaders already named, taken together, are no anonymous source
    (
        "Ruiz met Okafor on Monday. Both leaders said the border would reopen.",
        (),
        [("Both leaders", "named_person", None)],
    ),
]


@pytest.mark.parametrize(("text", "requested", "expected"), CASES)
def test_source(
    nlp: Language,
    text: str,
    requested: tuple[str, ...],
    expected: list[tuple[str, str, str | None]],
) -> None:
    assert sources(nlp, text, *requested) == expected
