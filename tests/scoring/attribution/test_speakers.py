"""Who speaks a reporting verb: the subject, inherited where the verb has none of its own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from scoring.attribution.records import Parse
from scoring.attribution.speakers import speaker_of

CASES = [
    # the verb's own subject
    ("Maria Lopez said the plan would fail.", "said", "Maria Lopez"),
    # a verb under "went on to" takes its head's subject
    ("Maria Lopez went on to say the plan would fail.", "say", "Maria Lopez"),
    # a verb under an adjective ("was quick to retort") takes the subject of "was"
    ("Tom Baird was quick to retort that the plan would fail.", "retort", "Tom Baird"),
    # a passive verb's source is its agent
    ("The plan was criticised by Maria Lopez on Monday.", "criticised", "Maria Lopez"),
]


@pytest.mark.parametrize(("text", "verb", "source"), CASES)
def test_the_source_of_a_reporting_verb(nlp: Language, text: str, verb: str, source: str) -> None:
    doc = nlp(text)
    found, _, cue = speaker_of(Parse.of(doc), next(t for t in doc if t.text == verb))
    assert found is not None and text[found[0] : found[1]] == source
    assert text[cue[0] : cue[1]] == verb
