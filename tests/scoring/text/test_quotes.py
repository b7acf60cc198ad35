"""Quotes inside quotes with the same typographic marks: the outer quote is the quote."""

from __future__ import annotations

import pytest

from scoring.text.quotes import QuoteIndex, find_quotes


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        # a quote inside a quote, both with double typographic marks
        (
            "\u201cReed, who rails at my plan, apologized for the \u201cf word.\u201d\u201d",
            ["\u201cReed, who rails at my plan, apologized for the \u201cf word.\u201d\u201d"],
        ),
        # nested in the middle, then a plain quote after it
        (
            "x \u201cb \u201cc\u201d d\u201d y \u201ce\u201d",
            ["\u201cb \u201cc\u201d d\u201d", "\u201ce\u201d"],
        ),
        # unbalanced: the ordinary rule (a second opening restarts the quote) still reads it
        ("a \u201cb c \u201cd\u201d", ["\u201cd\u201d"]),
        # a straight mark in the paragraph: no nesting is read
        ('a \u201cb "c" d', ['"c"']),
    ],
)
def test_nested_quotes(text: str, quotes: list[str]) -> None:
    assert [text[s:e] for s, e in find_quotes(text)] == quotes


def test_overlaps_answers_as_a_scan_does() -> None:
    text = 'a "bc" d "ef gh" i \u201cjk\u201d l'
    index = QuoteIndex(find_quotes(text))
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 2):
            expected = start < end and any(s < end and start < e for s, e in index.regions)
            assert index.overlaps(start, end) == expected, (start, end)
