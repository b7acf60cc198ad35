"""Text spans as plain values: offsets plus the quote selector a CMS needs to re-anchor them."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

# Key under which a Doc's text is kept in ``doc.user_data``: spaCy rebuilds ``doc.text`` from every
# token on each access, which made span building quadratic in the article's length.
TEXT_KEY = "scoring.text"

# Characters of context kept on each side of a span, as in the W3C Web Annotation
# TextQuoteSelector: enough to find the span again in the CMS's HTML when offsets drift.
CONTEXT_CHARS = 32


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of the plain text: ``start``/``end`` are 0-based, end-exclusive code points."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def text_span(text: str, start: int, end: int) -> TextSpan:
    """Build the span ``text[start:end]`` with its prefix and suffix context."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}..{end} is outside a text of {len(text)} characters")
    return TextSpan(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def doc_text(doc: Doc) -> str:
    """The text of a ``Doc``, computed once per ``Doc`` (use it instead of ``doc.text``)."""
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def from_span(span: Span) -> TextSpan:
    """Build a ``TextSpan`` from a spaCy span over the same text."""
    return text_span(doc_text(span.doc), span.start_char, span.end_char)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when the half-open character ranges ``a`` and ``b`` share at least one character."""
    return a[0] < b[1] and b[0] < a[1]
