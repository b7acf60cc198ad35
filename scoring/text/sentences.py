"""The sentences of a parsed article, indexed once per ``Doc``: every metric reads this index."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span

# Key under which a Doc's sentence index is kept in ``doc.user_data`` (built on first use).
SENTENCES_KEY = "scoring.sentences"


@dataclass(frozen=True, slots=True)
class SentenceIndex:
    """A ``Doc``'s sentences with token -> sentence and character -> sentence look-ups."""

    spans: tuple[Span, ...]
    of_token: tuple[int, ...]
    starts: tuple[int, ...]  # first character of each sentence, ascending

    @property
    def count(self) -> int:
        """How many sentences the article has."""
        return len(self.spans)

    def at(self, char: int) -> int:
        """Index of the sentence holding the character offset ``char`` (0 before the first)."""
        return max(0, bisect_right(self.starts, char) - 1)


def sentence_index(doc: Doc) -> SentenceIndex:
    """The sentence index of ``doc``, computed once per ``Doc``."""
    index = doc.user_data.get(SENTENCES_KEY)
    if isinstance(index, SentenceIndex):
        return index
    spans = tuple(doc.sents)
    of_token = [0] * len(doc)
    for number, sent in enumerate(spans):
        of_token[sent.start : sent.end] = [number] * (sent.end - sent.start)
    index = SentenceIndex(spans, tuple(of_token), tuple(sent.start_char for sent in spans))
    doc.user_data[SENTENCES_KEY] = index
    return index
