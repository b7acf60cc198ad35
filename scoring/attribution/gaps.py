"""What lies between a quote and its cue, answered from indexes built once, never by slicing.

A cue and its quote are tied when only "glue" (spaces and the punctuation of ``"...," he said``)
lies between them, or a short lead-in ("told reporters on Monday: ..."). Asking that of the text
between every cue and every quote was what made quote linking grow with the cube of the article;
here each question is a few binary searches over the positions of words, sentence marks, glue
runs and line breaks, found once per text by regular expressions.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

# Punctuation that may sit between a quote and its cue ("...," he said / he said: "...").
GLUE = " \t\n\u00a0,;:\u2014\u2013-"
# Most paragraph breaks allowed between a quote and its cue.
MAX_GLUE_NEWLINES = 2
# ``\S`` matches exactly the characters ``str.isspace`` rejects, so runs of it are what
# ``str.split()`` returns.
WORD = re.compile(r"\S+")
SENTENCE_MARK = re.compile("[.!?]")
GLUE_RUN = re.compile(f"[{re.escape(GLUE)}]+")
NEWLINE = re.compile("\n")


def _starts(pattern: re.Pattern[str], text: str) -> list[int]:
    return [match.start() for match in pattern.finditer(text)]


class Gaps:
    """Questions about the stretch ``text[start:end]`` of one text, each in logarithmic time."""

    def __init__(self, text: str) -> None:
        self.text = text
        words = [match.span() for match in WORD.finditer(text)]
        self._word_starts = [start for start, _ in words]
        self._word_ends = [end for _, end in words]
        glue = [match.span() for match in GLUE_RUN.finditer(text)]
        self._glue_starts = [start for start, _ in glue]
        self._glue_ends = [end for _, end in glue]
        self._marks = _starts(SENTENCE_MARK, text)
        self._newlines = _starts(NEWLINE, text)

    def words(self, start: int, end: int) -> int:
        """``len(text[start:end].split())``."""
        if start >= end:
            return 0
        first = bisect_right(self._word_ends, start)  # first word ending after ``start``
        last = bisect_left(self._word_starts, end) - 1  # last word starting before ``end``
        return max(0, last - first + 1)

    def blank(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` is empty or only white space."""
        return self.words(start, end) == 0

    def only_glue(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` holds glue characters only (or nothing)."""
        if start >= end:
            return True
        run = bisect_right(self._glue_starts, start) - 1
        return run >= 0 and self._glue_ends[run] >= end

    def glue(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` only joins a quote to its cue (glue, few line breaks)."""
        return self.only_glue(start, end) and self.newlines(start, end) <= MAX_GLUE_NEWLINES

    def newlines(self, start: int, end: int) -> int:
        """How many line breaks ``text[start:end]`` holds."""
        return max(0, bisect_left(self._newlines, end) - bisect_left(self._newlines, start))

    def first_newline(self, start: int, end: int) -> int:
        """``text.find("\\n", start, end)``."""
        index = bisect_left(self._newlines, start)
        found = index < len(self._newlines) and self._newlines[index] < end
        return self._newlines[index] if found else -1

    def has_sentence_mark(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` holds a full stop, question or exclamation mark."""
        index = bisect_left(self._marks, start)
        return index < len(self._marks) and self._marks[index] < end

    def last_visible(self, start: int, end: int) -> str:
        """``text[start:end].rstrip()[-1:]``: the last character that is not white space."""
        last = bisect_left(self._word_starts, end) - 1
        if start >= end or last < 0 or self._word_ends[last] <= start:
            return ""
        return self.text[min(self._word_ends[last], end) - 1]
