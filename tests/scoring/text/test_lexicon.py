"""The one lexicon reader: every shipped lexicon states its provenance and parses cleanly."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from scoring.errors import PipelineError
from scoring.text.lexicon import HEADER_FIELDS, LEXICON_PACKAGE, lexicons_version, parse_tsv

LEXICON_FILES = sorted(
    entry.name
    for entry in resources.files(LEXICON_PACKAGE).iterdir()
    if entry.name.endswith(".tsv")
)
ISO_DATE = re.compile(r"date: \d{4}-\d{2}-\d{2}\b")


def test_every_lexicon_is_found() -> None:
    assert LEXICON_FILES == [
        "countries.tsv",
        "first_names.tsv",
        "hedges.tsv",
        "reporting_verbs.tsv",
        "source_cues.tsv",
    ]


@pytest.mark.parametrize("name", LEXICON_FILES)
def test_lexicon_states_source_licence_date_and_columns(name: str) -> None:
    text = resources.files(LEXICON_PACKAGE).joinpath(name).read_text("utf-8")
    header = "\n".join(line for line in text.splitlines() if line.startswith("#")).lower()
    assert [field for field in HEADER_FIELDS if field not in header] == []
    assert ISO_DATE.search(header), "the date is an ISO date"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a\tb\nc\n", "line 2: expected 2 tab-separated fields, got 1"),  # missing column
        ("a\tb\n# note\na\tc\n", "line 3: 'a' repeats line 1"),  # conflicting duplicate
        ("\tb\n", "line 1: expected 2"),  # empty key
    ],
)
def test_bad_lines_are_refused_with_their_number(text: str, message: str) -> None:
    with pytest.raises(PipelineError, match=re.escape(message)):
        parse_tsv(text, name="test.tsv", columns=(2,))


def test_key_columns_choose_what_may_not_repeat() -> None:
    rows = parse_tsv("x\tname\tA\ny\tname\tB\n", name="t.tsv", columns=(3,), key=(2,))
    assert rows == [("x", "name", "A"), ("y", "name", "B")]
    with pytest.raises(PipelineError, match="repeats line 1"):
        parse_tsv("x\tname\tA\ny\tname\tA\n", name="t.tsv", columns=(3,), key=(2,))


def test_version_is_a_short_digest() -> None:
    assert re.fullmatch(r"[0-9a-f]{12}", lexicons_version())
