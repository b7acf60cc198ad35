"""Article structure in the parse: a line break that ends a block starts a sentence.

spaCy's parser reads "Senator responds\\n\\n“We will not back down,” said Senator Jane Roe" as
one sentence, so the heading becomes the quote's content. The parser respects sentence starts
set before it runs, so this component, placed before the parser, sets them where the text's
lines say a block ended:

- after a blank line, always (``prepare_article`` puts every HTML block in its own paragraph);
- after a single line break when the next line is a list item ("- ", "• "), or when it starts
  like a sentence (capital, digit, opening mark) and the line before is complete (ends with
  . ! ? …, before any closing marks) or title-like: at most ``TITLE_MAX_WORDS`` words, not ending
  with a comma, colon, dash or a word that cannot end a title ("the", "of", "and").

Inside a line with no sentence-final mark (a heading, a list item, a name alone) no sentence
starts; every other token is left to the parser. A line that does not end a block (text
hard-wrapped at 72 columns, "He said:\\n“We...") is read across the break as one text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

# Name of the pipeline component; add it with ``nlp.add_pipe(BLOCK_BOUNDARIES, before="parser")``.
BLOCK_BOUNDARIES = "block_boundaries"
# Longest title line, in words: news headlines run 6-12 words (a line of text hard-wrapped at
# 72 columns holds about 12, so a wrapped line ending in a content word can still pass for one).
TITLE_MAX_WORDS = 12
SENTENCE_FINAL = frozenset(".!?…")
CLOSING_MARKS = "”’\"')]»"
# A line ending with one of these goes on in the next line.
CONTINUING = frozenset(",;:-–—(/&+")
# Words no title ends with: a line ending with one is a sentence broken across lines.
FUNCTION_WORDS = frozenset("a an the and or but nor of to".split())
OPENING = frozenset("“\"‘'([«¿¡—–-")
LIST_ITEM = re.compile(r"[-–—•*·▪●]\s|\d{1,2}[.)]\s")
_LINE = re.compile(r"\S[^\n]*")


def _is_complete(line: str) -> bool:
    """True when the line ends a sentence (. ! ? … before any closing marks)."""
    stripped = line.rstrip(CLOSING_MARKS)
    return bool(stripped) and stripped[-1] in SENTENCE_FINAL


def _is_title_like(line: str) -> bool:
    """True when the line reads as a title: short, with nothing left open at its end."""
    words = line.split()
    stripped = line.rstrip(CLOSING_MARKS)
    return (
        len(words) <= TITLE_MAX_WORDS
        and bool(stripped)
        and stripped[-1] not in CONTINUING
        and words[-1].lower() not in FUNCTION_WORDS
    )


def _starts_like_sentence(line: str) -> bool:
    """True when the line can open a sentence: a capital, a digit or an opening mark."""
    first = line[0]
    return first.isupper() or first.isdigit() or first in OPENING


def ends_block(previous: str, following: str) -> bool:
    """True when a single line break between these two lines is a sentence boundary."""
    if LIST_ITEM.match(following):
        return True
    return _starts_like_sentence(following) and (_is_complete(previous) or _is_title_like(previous))


def block_lines(text: str) -> Iterator[tuple[int, int, bool]]:
    """Each non-blank line as (start, end, starts a block), its end before trailing spaces."""
    previous: re.Match[str] | None = None
    for line in _LINE.finditer(text):
        starts = previous is not None and (
            text.count("\n", previous.end(), line.start()) > 1
            or ends_block(previous.group().rstrip(), line.group().rstrip())
        )
        yield line.start(), line.start() + len(line.group().rstrip()), starts
        previous = line


def sentence_starts(text: str) -> list[int]:
    """Character offsets where the text's line structure starts a sentence."""
    return [start for start, _, starts in block_lines(text) if starts]


@Language.component(BLOCK_BOUNDARIES)
def set_block_boundaries(doc: Doc) -> Doc:
    """Mark the first token of each line that starts a block as a sentence start.

    Runs first in the pipeline and returns a new ``Doc`` with the same tokens: setting
    ``Token.is_sent_start`` one token at a time re-checks the whole ``Doc`` on every call
    (quadratic in the article's length), while ``Doc(sent_starts=...)`` sets them all at once.
    """
    starts: list[bool | int | None] = [None] * len(doc)
    token_at = {token.idx: token.i for token in doc}
    text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
    for start_char, end_char, begins in block_lines(text):
        start = token_at.get(start_char)
        if start is None:
            continue
        if begins and start > 0:
            _start_sentence(doc, start, starts)
        if not SENTENCE_FINAL.intersection(text[start_char:end_char]):
            # a line with no sentence-final mark (a heading, a list item, a name) is one piece
            following = start + 1
            while following < len(doc) and doc[following].idx < end_char:
                starts[following] = False
                following += 1
    if len(doc):
        starts[0] = True
    words = [token.text for token in doc]
    spaces = [bool(token.whitespace_) for token in doc]
    return Doc(doc.vocab, words=words, spaces=spaces, sent_starts=starts)


def _start_sentence(doc: Doc, start: int, starts: list[bool | int | None]) -> None:
    """Start a sentence at token ``start``, not before it nor just after its opening marks."""
    starts[start] = True
    before = start - 1
    while before > 0 and doc[before].is_space:  # the line break ends the sentence before
        starts[before] = False
        before -= 1
    # the parser may still start a sentence after a line's opening marks ("“" + "We"): not so
    after = start
    while doc[after].is_punct and after + 1 < len(doc) and not doc[after + 1].is_space:
        starts[after + 1] = False
        after += 1
