"""A quoted document's issuer: "the statement continued" goes to whoever issued the statement."""

from __future__ import annotations

import pytest
from spacy.language import Language

from scoring.actors import find_actors, load_gazetteer
from scoring.attribution import find_attributions, load_attribution_lexicon

GAZETTEER = load_gazetteer()
LEXICON = load_attribution_lexicon()


def document_sources(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    """(source words, the name of the actor that issued it) of each document source."""
    doc = nlp(text)
    actors = find_actors(doc, gazetteer=GAZETTEER)
    names = {actor.id: actor.name for actor in actors}
    found = find_attributions(doc, actors=actors, lexicon=LEXICON)
    return [
        (a.source.exact, names.get(a.source_actor or ""))
        for a in found.attributions
        if a.source is not None and a.source_type == "document"
    ]


CASES = [
    # introduced through a reporting verb's "in a statement"
    (
        '"We must act," Paula Grant said in a statement. "The bridge is unsafe," the statement '
        "continued.",
        [("the statement", "Paula Grant")],
    ),
    # the agent of a participle on the document
    (
        'The farmers sent a letter signed by the Farm Union. "We have waited long enough," the '
        "letter stated.",
        [("the letter", "Farm Union")],
    ),
    # the subject of the verb whose object the document is; an advertisement is an ad
    (
        'The Harbor Alliance ran a radio advertisement on Tuesday. "Your rent went up again," '
        "the ad says.",
        [("the ad", "Harbor Alliance")],
    ),
    # whoever obtained the document did not issue it; whoever signed it did
    (
        "The letter, obtained by the Daily Ledger and signed by the Farm Union, was sent on "
        'Monday. "We have waited long enough," the letter stated.',
        [("the letter", "Farm Union")],
    ),
    # a document the text never introduces has no issuer
    ('"The figures are wrong," the report said.', [("the report", None)]),
    # an indefinite document is not a reference back to an earlier one
    (
        'Paula Grant wrote a letter. "Nothing has changed," a statement from the city said.',
        [("a statement from the city", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_document_issuer(nlp: Language, text: str, expected: list[tuple[str, str | None]]) -> None:
    assert document_sources(nlp, text) == expected
