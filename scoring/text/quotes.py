"""Direct quotes: the stretches of text between quotation marks, found without a parse.

Straight (") and typographic (“ ” „ « ») double quotation marks are read, and the doubled
apostrophes ('' and ``) some wire and archive texts use for them; single marks are not, because
in running text single marks are far more often apostrophes than quotation marks.

Rules, in order of strength:

- A typographic mark says which way it faces; a straight mark opens after the start of the text,
  white space or an opening bracket or dash, and closes otherwise.
- A quote normally closes in the paragraph where it opens. A paragraph that ends inside a quote
  and is followed by a paragraph starting with an opening mark continues the quote there (the
  typographic convention for a speech of several paragraphs).
- An opening mark while a quote is open restarts the quote there (the earlier mark was stray);
  a closing mark with no quote open is ignored; a quote still open at the end of its paragraph
  that no paragraph continues is dropped. Nothing here raises on unbalanced marks.
- Except: a paragraph whose marks are all typographic and balance, one quote inside another
  (“He apologized for the “f word.””), is read as nested, and the outer quote is the quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

from scoring.text.spans import doc_text

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
STRAIGHT = '"'
MARK = re.compile("''|``|[\"“”„«»]")
# Characters after which a straight mark opens a quote rather than closes one.
OPENS_AFTER = frozenset(" \t\n\r([{\u2014\u2013-/\u00a0")


def _faces_open(text: str, index: int) -> bool:
    """True when the mark at ``index`` opens a quote."""
    mark = text[index]
    if mark in OPENING or text.startswith("``", index):
        return True
    if mark in CLOSING:
        return False
    return index == 0 or text[index - 1] in OPENS_AFTER


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Half-open character ranges of the non-empty lines of ``text``."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            ranges.append((start, end))
        start = end + 1
    return ranges


def _opens_with_quote(text: str, paragraph: tuple[int, int]) -> bool:
    """True when the paragraph's first visible character is an opening mark."""
    stripped = text[paragraph[0] : paragraph[1]].lstrip()
    return bool(stripped) and MARK.match(stripped) is not None and _faces_open(stripped, 0)


def _nested_quotes(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The outer quotes of a paragraph whose typographic marks nest and balance, else None
    (no nesting, or a straight or stray mark: the ordinary rules read it)."""
    depth, deepest, opened = 0, 0, start
    found: list[tuple[int, int]] = []
    for mark in MARK.finditer(text, start, end):
        char = mark.group()
        if char in OPENING:
            opened = mark.start() if depth == 0 else opened
            depth += 1
            deepest = max(deepest, depth)
        elif char in CLOSING and depth > 0:
            depth -= 1
            if depth == 0:
                found.append((opened, mark.end()))
        else:
            return None  # a straight mark, a doubled apostrophe or a closing one with none open
    return found if deepest > 1 and depth == 0 else None


def find_quotes(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of the direct quotes in ``text``, quotation marks included."""
    quotes: list[tuple[int, int]] = []
    paragraphs = _paragraphs(text)
    open_at: int | None = None
    for number, (start, end) in enumerate(paragraphs):
        paragraph = text[start:end]
        nested = _nested_quotes(text, start, end) if open_at is None else None
        if nested is not None:
            quotes.extend(nested)
            continue
        reopening = start + len(paragraph) - len(paragraph.lstrip()) if open_at is not None else -1
        for mark in MARK.finditer(text, start, end):
            index = mark.start()
            if index == reopening:
                continue  # the mark that reopens a quote continued from the paragraph before
            if _faces_open(text, index):
                open_at = index
            elif open_at is not None:
                quotes.append((open_at, mark.end()))
                open_at = None
        following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        if open_at is not None and not (following and _opens_with_quote(text, following)):
            open_at = None
    return tuple(quotes)


# Quotation marks a span's edge keeps when punctuation is trimmed from it (a content that is a
# quote keeps its marks); single marks are included here because a quote inside a quote uses them.
EDGE_OPENING_MARKS = frozenset("\"“„«'`")
EDGE_CLOSING_MARKS = frozenset("\"”»'")
# Key under which a Doc's direct quotes are kept in ``doc.user_data`` (found on first use).
QUOTES_KEY = "scoring.quotes"


@dataclass(frozen=True, slots=True)
class QuoteIndex:
    """The direct quotes of one text, sorted and never overlapping, with look-ups by offset.

    The one answer to "is this inside a quote?" for every metric.
    """

    regions: tuple[tuple[int, int], ...]
    starts: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        # bisected on every look-up: built once, so a look-up costs log(quotes)
        object.__setattr__(self, "starts", tuple(start for start, _ in self.regions))

    def covering(self, char: int) -> tuple[int, int] | None:
        """The quote (marks included) holding the character offset ``char``, if any."""
        index = bisect_right(self.starts, char) - 1
        if index >= 0 and char < self.regions[index][1]:
            return self.regions[index]
        return None

    def overlaps(self, start: int, end: int) -> bool:
        """True when a quote shares a character with ``start..end`` (end exclusive)."""
        if start >= end:
            return False
        first = bisect_right(self.starts, start) - 1
        if first >= 0 and start < self.regions[first][1]:
            return True
        following = first + 1
        return following < len(self.starts) and self.starts[following] < end

    def inside(self, char: int) -> bool:
        """True when ``char`` lies strictly inside a quote, between its marks."""
        quote = self.covering(char)
        return quote is not None and quote[0] < char < quote[1] - 1


def quote_index(doc: Doc) -> QuoteIndex:
    """The direct quotes of a parsed article, found once per ``Doc``."""
    index = doc.user_data.get(QUOTES_KEY)
    if not isinstance(index, QuoteIndex):
        index = doc.user_data[QUOTES_KEY] = QuoteIndex(find_quotes(doc_text(doc)))
    return index


# Whose words a stretch of the article is: the narrator's, a speaker's own words between
# quotation marks, or a speaker's claim in the narrator's paraphrase (reported speech).
NARRATOR = "narrator"
QUOTED = "quoted"
REPORTED = "reported"
VOICES = (NARRATOR, QUOTED, REPORTED)


@dataclass(frozen=True, slots=True)
class Voices:
    """Which voice each character of an article is in: quoted, reported or the narrator's."""

    quotes: QuoteIndex
    reported_starts: tuple[int, ...]
    reported_ends: tuple[int, ...]

    def at(self, char: int) -> str:
        """The voice of the character offset ``char``."""
        if self.quotes.covering(char) is not None:
            return QUOTED
        index = bisect_right(self.reported_starts, char) - 1
        return REPORTED if index >= 0 and char < self.reported_ends[index] else NARRATOR


def voices(doc: Doc, reported: tuple[tuple[int, int], ...]) -> Voices:
    """The voices of a parsed article, given the contents its attributions report."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(reported):  # merged, so one bisect answers
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return Voices(quote_index(doc), tuple(starts), tuple(ends))
