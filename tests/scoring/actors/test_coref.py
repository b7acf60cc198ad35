"""Coreference: pronouns and role nouns become mentions of the actor they refer to, or of none."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from scoring.actors import Actor, ActorQuery, find_actors, load_gazetteer

GAZETTEER = load_gazetteer()


def resolved(nlp: Language, text: str, *queries: ActorQuery) -> dict[tuple[str, int], str]:
    """(reference text, its start) -> name of the actor it was resolved to."""
    actors: tuple[Actor, ...] = find_actors(nlp(text), gazetteer=GAZETTEER, requested=queries)
    return {
        (m.span.exact, m.span.start): actor.name
        for actor in actors
        for m in actor.mentions
        if m.form in ("pronoun", "nominal")
    }


def at(text: str, word: str, nth: int = 1) -> tuple[str, int]:
    """The (word, offset) of the nth occurrence of ``word`` as a whole word."""
    found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text)]
    return word, found[nth - 1]


CASES = [
    # a subject pronoun in the next sentence: the last subject
    ("Maria Lopez won the vote. She thanked her staff.", "She", 1, "Maria Lopez"),
    # gender from a title: "she" skips the man titled Mr.
    (
        "Ms. Alvarez met Mr. Becker on Monday. Becker spoke first. Later she left.",
        "she",
        1,
        "Alvarez",
    ),
    # a pronoun after another person's quote goes to the speaker, not to whom the quote names
    (
        'Governor Frank Hale criticised the plan. "Peter Quinn is wrong about taxes," '
        'Hale said. "It will fail," he added.',
        "he",
        1,
        "Frank Hale",
    ),
    # the main clause's subject outweighs a subject in the clause it embeds
    (
        'Maria Lopez is not worried that Paul Kern will win. "Voters will see through him," '
        "she said.",
        "she",
        1,
        "Maria Lopez",
    ),
    (
        'Tom Reed does not think that Ray Cole can win. "He has no plan," he said.',
        "he",
        1,
        "Tom Reed",
    ),
    # a possessive in the same clause as its subject
    ("Senator Ann Ortiz defended her record on Tuesday.", "her", 1, "Ann Ortiz"),
    # a definite role noun goes to the actor given that title, however far back
    (
        "President Laura Kent met Mayor Sam Ruiz. Ruiz asked for funds. "
        "Ruiz also met the press. The president said no.",
        "The president",
        1,
        "Laura Kent",
    ),
    # an office no one was titled with is not held by one titled with another office
    (
        "Rep. Tom Baird met Joe Biden. Baird spoke. Biden spoke. The vice president left.",
        "The vice president",
        1,
        "Joe Biden",
    ),
    # "the congressman" for the one titled Rep.
    ("Rep. Tom Baird met Ann Ortiz. The congressman said no.", "The congressman", 1, "Tom Baird"),
    # "they" for a group
    ("The Democrats met on Monday. They rejected the offer.", "They", 1, "Democrats"),
    # an outlet's noun for the outlet named before
    (
        "Newsweek published a new cover on Monday. The magazine defended the photo.",
        "The magazine",
        1,
        "Newsweek",
    ),
    # "the group" for a group named before
    ("The Democrats met on Monday. The group rejected the offer.", "The group", 1, "Democrats"),
    # "it" for an organisation when it acts
    ("Microsoft reported its results. It said sales rose.", "It", 1, "Microsoft"),
    # a requested organisation and "the campaign"
    (
        "The Brooks campaign released an ad. The campaign said it would run all week.",
        "The campaign",
        1,
        "Brooks campaign",
    ),
]


@pytest.mark.parametrize(("text", "word", "nth", "actor"), CASES)
def test_references_resolve_to_their_actor(
    nlp: Language, text: str, word: str, nth: int, actor: str
) -> None:
    queries = [ActorQuery("Brooks campaign")] if "Brooks" in text else []
    found = resolved(nlp, text, *queries)
    assert found.get(at(text, word, nth), "").endswith(actor), found


UNRESOLVED = [
    # an expletive "it" stands for nothing
    ("Microsoft reported its results. It is clear that sales rose.", "It"),
    # two people of unknown gender, equally salient: no guess
    ("Jordan Reese and Casey Lin met. Later he left.", "he"),
    # an object pronoun is never its own verb's subject
    ("Paul Dorsey praised him on Monday.", "him"),
    # outside a quote, a name inside the quote is not an antecedent
    ('"Victor Stahl must resign," the letter said. He did not reply.', "He"),
    # a third-person pronoun inside a quote is not the quote's own speaker
    ('Nora Blake spoke on Monday. "He should pay for it," Blake said.', "He"),
    # ...nor the organisation named in the speaker's tag
    (
        "The Farmers Union met on Monday. Farmers Union President Ann Ruiz said: "
        '"They have ignored us for years."',
        "They",
    ),
]


@pytest.mark.parametrize(("text", "word"), UNRESOLVED)
def test_unresolvable_references_stay_unresolved(nlp: Language, text: str, word: str) -> None:
    assert at(text, word) not in resolved(nlp, text)


def test_references_are_mentions_with_their_form(nlp: Language) -> None:
    text = "Senator Ann Ortiz spoke. She said the senator would vote no."
    actors = find_actors(nlp(text), gazetteer=GAZETTEER)
    ortiz = next(a for a in actors if a.name == "Ann Ortiz")
    forms = {m.span.exact: m.form for m in ortiz.mentions}
    assert forms == {"Ann Ortiz": "name", "She": "pronoun", "the senator": "nominal"}
    assert "She" not in ortiz.aliases  # a pronoun is a mention, never a name of the actor


def test_gender_from_a_first_name(nlp: Language) -> None:
    text = "Laura Kent met Tom Baird on Monday. Baird spoke first. Later she left."
    assert resolved(nlp, text).get(at(text, "she")) == "Laura Kent"


def test_a_pair_noun_refers_to_a_requested_pair(nlp: Language) -> None:
    text = "Ann and Tom Reed arrived on Monday. The couple left early."
    found = resolved(nlp, text, ActorQuery("Ann and Tom Reed"))
    assert found.get(at(text, "The couple")) == "Ann and Tom Reed"


def test_a_pair_noun_without_a_requested_pair_stays_unresolved(nlp: Language) -> None:
    text = "Ann Reed met the Democrats on Monday. The couple left early."
    assert at(text, "The couple") not in resolved(nlp, text)


def test_a_role_noun_naming_a_requested_actor_refers_to_it(nlp: Language) -> None:
    text = "Critics spoke on Monday. The administration said the e-mails were complete."
    found = resolved(nlp, text, ActorQuery("Obama's administration"))
    assert found.get(at(text, "The administration")) == "Obama's administration"


def test_a_first_name_gender_resource_gives_gender(nlp: Language) -> None:
    text = "Laura Kent met Tom Baird on Monday. Baird spoke first. Later she left."
    genders = {"laura": "female", "tom": "male"}
    actors = find_actors(nlp(text), gazetteer=GAZETTEER, first_names=genders)
    kent = next(a for a in actors if a.name == "Laura Kent")
    assert [m.span.exact for m in kent.mentions if m.form == "pronoun"] == ["she"]
