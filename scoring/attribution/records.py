"""Shared pieces of attribution finding: the raw ``Found`` record and span helpers over a parse."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

Range = tuple[int, int]

# Punctuation that may sit between a quote and its cue ("...," he said / he said: "...").
GLUE = " \t\n\u00a0,;:\u2014\u2013-"
# Most paragraph breaks allowed between a quote and its cue.
MAX_GLUE_NEWLINES = 2
CLOSING_MARKS = frozenset("\"”»'")
OPENING_MARKS = frozenset("\"“„«'`")


@dataclass(slots=True)
class Found:
    """One attribution as character ranges, before its source is typed and resolved."""

    kind: str
    content: Range
    cue: Range | None
    source: Range | None
    source_token: int | None  # token whose referent the source is (antecedent of "who")
    sentence: int
    pieces: list[Range] = field(default_factory=list)  # quotes of a direct content, cue left out


class Sentences:
    """The sentences of a ``Doc`` with a token -> sentence index built once."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc = doc
        self.text = text  # ``Doc.text`` joins every token on each access: read it once
        self.spans: list[Span] = list(doc.sents)
        self.of_token = [0] * len(doc)
        for number, sent in enumerate(self.spans):
            for i in range(sent.start, sent.end):
                self.of_token[i] = number

    def of_content(self, content: Range) -> int:
        """Index of the sentence where a content's first word is (quote marks may dangle)."""
        inner = self.text[content[0] : content[1]]
        return self.at(content[0] + next((n for n, ch in enumerate(inner) if ch.isalnum()), 0))

    def at(self, char: int) -> int:
        """Index of the sentence holding the character offset ``char``."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return self.of_token[span.start] if span is not None and len(span) else 0


def chars(doc: Doc, first: int, last: int) -> Range | None:
    """Characters of tokens ``first..last`` (inclusive) trimmed of edge punctuation, quotes kept."""
    while first <= last and _strip_token(doc[first], OPENING_MARKS):
        first += 1
    while last >= first and _strip_token(doc[last], CLOSING_MARKS):
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


def glue(gap: str) -> bool:
    """True when ``gap`` holds only the punctuation that joins a quote to its cue."""
    return gap.strip(GLUE) == "" and gap.count("\n") <= MAX_GLUE_NEWLINES


def overlap(a: Range, b: Range) -> bool:
    """True when two half-open ranges share a character."""
    return a[0] < b[1] and b[0] < a[1]


def agent(verb: Token) -> Token | None:
    """The "by" agent of a passive reporting verb ("was told by officials")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def referent_of(subject: Token | None) -> int | None:
    """Token that names who the source is: the antecedent of a relative pronoun."""
    if subject is None:
        return None
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        return int(subject.head.head.i)
    return int(subject.i)


def outermost(found: list[Found]) -> list[Found]:
    """Drop attributions whose cue lies in another's content: the outer one reports them."""
    return [f for f in found if f.cue is None or not nested(f, found)]


def nested(candidate: Found, found: list[Found]) -> bool:
    cue = candidate.cue[0] if candidate.cue else -1
    return any(g is not candidate and g.content[0] <= cue < g.content[1] for g in found)


def overlaps_any(candidate: Found, found: list[Found]) -> bool:
    return any(overlap(candidate.content, f.content) for f in found)
