"""The values attribution's stages pass between them, and the read-only facts they all read.

``Found`` is one attribution as character ranges (frozen: a stage that changes one returns a new
record); ``Parse`` bundles the facts of one parsed article every stage reads (text, sentence and
quote indexes, gaps); ``RangeIndex`` answers "does another content cover this?" by bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from spacy.tokens import Doc, Token

from scoring.attribution.gaps import Gaps
from scoring.text.quotes import EDGE_CLOSING_MARKS, EDGE_OPENING_MARKS, QuoteIndex, quote_index
from scoring.text.sentences import SentenceIndex, sentence_index
from scoring.text.spans import doc_text

Range = tuple[int, int]
# (end, position) of the two ranges reaching furthest, "nothing" as (-1, -1).
Reach = tuple[tuple[int, int], tuple[int, int]]
NONE: Reach = ((-1, -1), (-1, -1))

# ``[^\W_]`` is exactly the characters ``str.isalnum`` accepts.
ALNUM = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution as character ranges, before its source is typed and resolved."""

    kind: str
    content: Range
    cue: Range | None
    source: Range | None
    source_token: int | None  # token whose referent the source is (antecedent of "who")
    sentence: int
    pieces: tuple[Range, ...] = ()  # quotes of a direct content, cue left out
    impersonal: bool = False  # "it is believed that": an unnamed, unspecified source


@dataclass(frozen=True, slots=True)
class Parse:
    """The facts of one parsed article that every attribution stage reads and none changes."""

    doc: Doc
    text: str  # ``Doc.text`` joins every token on each access: read it once
    sents: SentenceIndex
    quotes: QuoteIndex
    gaps: Gaps

    @classmethod
    def of(cls, doc: Doc) -> Parse:
        """The facts of ``doc``, from the shared per-``Doc`` indexes."""
        text = doc_text(doc)
        return cls(doc, text, sentence_index(doc), quote_index(doc), Gaps(text))

    def first_word(self, content: Range) -> int:
        """Offset of a content's first letter or digit (its start when it has none)."""
        match = ALNUM.search(self.text, content[0], content[1])
        return match.start() if match is not None else content[0]

    def sentence_of(self, content: Range) -> int:
        """Index of the sentence where a content's first word is (quote marks may dangle)."""
        return self.sents.at(self.first_word(content))


def chars(doc: Doc, first: int, last: int) -> Range | None:
    """Characters of tokens ``first..last`` (inclusive) trimmed of edge punctuation, quotes kept."""
    while first <= last and _strip_token(doc[first], EDGE_OPENING_MARKS):
        first += 1
    while last >= first and _strip_token(doc[last], EDGE_CLOSING_MARKS):
        last -= 1
    if first > last:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _strip_token(token: Token, keep: frozenset[str]) -> bool:
    """True for edge tokens left out of a span: spaces and punctuation other than ``keep``."""
    if token.is_space:
        return True
    return bool(token.is_punct) and not (set(token.text) & keep)


def subtree_chars(doc: Doc, token: Token) -> Range | None:
    """Characters of a token's whole subtree, trimmed."""
    return chars(doc, token.left_edge.i, token.right_edge.i)


class RangeIndex:
    """A fixed list of ranges, asked whether any of them overlaps a range or holds a point."""

    def __init__(self, ranges: list[Range]) -> None:
        order = sorted(range(len(ranges)), key=lambda n: ranges[n][0])
        self._starts = [ranges[n][0] for n in order]
        # ``_top[k]``: (end, position) of the two furthest-reaching ranges among the first k.
        reach = ((ranges[n][1], n) for n in order)
        self._top = list(accumulate(reach, _two_furthest, initial=NONE))

    def overlaps(self, span: Range) -> bool:
        """True when some range shares a character with ``span``."""
        count = bisect_left(self._starts, span[1])  # ranges starting before ``span`` ends
        return self._top[count][0][0] > span[0]

    def holds_other(self, char: int, position: int) -> bool:
        """True when a range other than the ``position``-th holds the character ``char``."""
        count = bisect_right(self._starts, char)  # ranges starting at or before ``char``
        best, second = self._top[count]
        end = best[0] if best[1] != position else second[0]
        return end > char


def _two_furthest(top: Reach, item: tuple[int, int]) -> Reach:
    best, second = top
    if item[0] > best[0]:
        return item, best
    return (best, item) if item[0] > second[0] else top


def outermost(found: list[Found]) -> list[Found]:
    """Drop attributions whose cue lies in another's content: the outer one reports them."""
    contents = RangeIndex([f.content for f in found])
    return [
        f for n, f in enumerate(found) if f.cue is None or not contents.holds_other(f.cue[0], n)
    ]
