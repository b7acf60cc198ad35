"""Attribution's stages pass frozen values, and its indexes answer as the slow ways did."""

from __future__ import annotations

import dataclasses
import random

import pytest
from spacy.language import Language

from scoring.actors import Actor, Mention, actor_at
from scoring.attribution import load_attribution_lexicon
from scoring.attribution.gaps import GLUE, MAX_GLUE_NEWLINES, Gaps
from scoring.attribution.records import Found, Parse, RangeIndex
from scoring.attribution.reported import find_reported
from scoring.attribution.sources import Mentions
from scoring.attribution.unclaimed import link_unclaimed
from scoring.text.spans import overlaps, text_span


def test_found_is_frozen() -> None:
    found = Found("direct", (0, 5), None, None, None, 0, ((0, 5),))
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.content = (0, 9)  # type: ignore[misc]


def test_stages_return_new_records_and_leave_their_input(nlp: Language) -> None:
    text = '"The convoy left at dawn," Smith said. "It reached the border by noon."'
    parse = Parse.of(nlp(text))
    verbs = load_attribution_lexicon().verbs
    reported = find_reported(parse, verbs)
    first, second = parse.quotes.regions
    assert [f.content for f in reported.found] == [first]
    assert reported.claimed == {first}  # the continued quote is no cue's
    linked = link_unclaimed(parse, reported.found, reported.claimed, verbs)
    assert [(f.content, f.pieces) for f in linked] == [((first[0], second[1]), (first, second))]
    assert [f.content for f in reported.found] == [first]  # stage 1's value is unchanged


GAP_TEXTS = [
    'Smith said, "We will not." Jones told reporters on Monday: "Dead."',
    " \t,;: -- \u2014\n\n\nx. y! z? \u00a0 ,\n",
    "",
    "one",
    "a\n\nb \n c\u2013d",
]


@pytest.mark.parametrize("text", GAP_TEXTS)
def test_gaps_answer_as_slicing_does(text: str) -> None:
    gaps = Gaps(text)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            gap = text[start:end]
            assert gaps.words(start, end) == len(gap.split())
            assert gaps.blank(start, end) == (gap.strip() == "")
            assert gaps.only_glue(start, end) == (gap.strip(GLUE) == "")
            glue = gap.strip(GLUE) == "" and gap.count("\n") <= MAX_GLUE_NEWLINES
            assert gaps.glue(start, end) == glue
            assert gaps.first_newline(start, end) == text.find("\n", start, end)
            assert gaps.has_sentence_mark(start, end) == any(m in gap for m in ".!?")
            assert gaps.last_visible(start, end) == gap.rstrip()[-1:]


@pytest.mark.parametrize("seed", range(5))
def test_range_index_answers_as_a_scan_does(seed: int) -> None:
    rng = random.Random(seed)
    ranges = [(s, s + rng.randint(0, 8)) for s in (rng.randint(0, 40) for _ in range(12))]
    index = RangeIndex(ranges)
    for start in range(45):
        for end in range(start, start + 6):
            assert index.overlaps((start, end)) == any(overlaps(r, (start, end)) for r in ranges)
        for position in range(len(ranges)):
            expected = any(n != position and r[0] <= start < r[1] for n, r in enumerate(ranges))
            assert index.holds_other(start, position) == expected


def _actor(actor_id: str, kind: str, text: str, spans: list[tuple[int, int]]) -> Actor:
    mentions = tuple(Mention(span=text_span(text, s, e), sentence=0, form="name") for s, e in spans)
    return Actor(actor_id, f"{kind}:{actor_id}", actor_id, kind, (), mentions)


def test_mentions_resolve_as_the_scans_do() -> None:
    text = "x" * 60
    actors = (
        _actor("a", "person", text, [(0, 5), (20, 30), (41, 44)]),
        _actor("b", "organisation", text, [(3, 9), (20, 30), (50, 58)]),
        _actor("c", "person", text, [(10, 12), (44, 47)]),
    )
    mentions = Mentions(actors)
    for start in range(60):
        for end in range(start + 1, min(start + 12, 61)):
            assert mentions.at(start, end) is actor_at(actors, start, end)
            names = frozenset({"name"})
            assert mentions.at(start, end, names) is actor_at(actors, start, end)
            assert mentions.at(start, end, frozenset({"pronoun"})) is None
