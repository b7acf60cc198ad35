"""Direct quotes next to a cue: the quote a reporting verb introduces, trails or is given.

Conventions (PolNeAR's, which are also what an editor highlighting a speaker's words expects):

- the content of a direct quote is the whole quote with its quotation marks, over every sentence
  and paragraph it runs;
- a quote is a cue's when only glue lies between them (``"...," he said`` / ``he said, "..."``)
  or a short lead-in ending in a colon or comma (``told reporters on Monday: "..."``);
- a quote split around its cue (``"...," he said, "..."``) is ONE attribution whose content runs
  from the first quotation mark to the last, cue included; its ``pieces`` are the quoted parts,
  and only they count as quoted words; a quote after a lead-in of words (``"...," he said,
  adding: "..."``) is the lead-in's verb's, not the trailing cue's.

Every look-up here reads only the quote(s) nearest the cue, found by bisection, and asks the
``Gaps`` index about the text between them: cost does not grow with the number of quotes.
Quotes no cue claims are linked afterwards by ``scoring.attribution.unclaimed``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Set

from scoring.attribution.records import Parse, Range
from scoring.text.quotes import EDGE_CLOSING_MARKS
from scoring.text.spans import overlaps

# Most words allowed between a cue and a following quote ("told reporters on Monday: ...").
MAX_WORDS_BEFORE_QUOTE = 6
# Most quotes looked at after a cue: a later one can only be its content when every quote
# before it lies in the short lead-in, where quotes set apart by spaces take a word each (more
# would be a run of marks glued together, not a lead-in).
MAX_QUOTES_AFTER_CUE = MAX_WORDS_BEFORE_QUOTE + 1
LEAD_IN_ENDS = (":", ",")
# Most words of an object between a trailing cue and its sentence's end ("asked his daughters").
MAX_OBJECT_WORDS = 3
SENTENCE_ENDS = (".", "!", "?", "\n", "")
# What a quote may end with after its last word: closing marks, a space before them.
QUOTE_TAIL = EDGE_CLOSING_MARKS | frozenset(" ")
SPACES = re.compile(" *")
ALNUM = re.compile(r"[^\W_]")
# Most words of an aside between a split quote's cue and the quote that goes on ("Roe said
# during a rally in Dayton, Ohio, "but..."").
MAX_ASIDE_WORDS = 10
# Most words of a coordinator's phrase before a quote that goes on (", and still "...").
MAX_JOINING_WORDS = 3
# Last words of an aside after which a quote goes on ("he said, but "..."", "and "..."").
CONTINUING_WORDS = frozenset({"but", "and", "or"})


class QuoteLinker:
    """Read-only look-ups of the quotes around a cue in one parsed article."""

    def __init__(self, parse: Parse) -> None:
        self.text = parse.text
        self.gaps = parse.gaps
        self.sents = parse.sents
        self.quotes = parse.quotes.regions  # sorted by start and never overlapping
        self._starts = [start for start, _ in self.quotes]
        self._ends = [end for _, end in self.quotes]

    def adjacent(
        self,
        cluster: Range,
        content: Range | None,
        claimed: Set[Range],
        *,
        colon: bool = True,
        is_object: bool = False,
    ) -> list[Range]:
        """The quote just before the cue and the one just after it, when they are its content.

        With ``colon``, a quote a colon introduces after the cue is its content even when the
        cue has another ("wrote in a post: "...""); not when the cue's source comes after it
        ("Conceding that..., Roe said: "..."": Roe's "said" introduces that quote). When the
        content ``is_object``, a colon after it introduces the quote too ("wrote what she
        thought the council should do: "...""); a clause before a colon is said itself ("said
        she has the quality for the job: "Steadiness."").
        """
        before = self._before(cluster)
        after = self._after(cluster, content, bool(before), (colon, colon and is_object))
        return [q for q in before + after if q not in claimed]

    def _before(self, cluster: Range) -> list[Range]:
        """The quote the cue trails: only the nearest can be, as any other has a quote between."""
        index = bisect_right(self._ends, cluster[0]) - 1
        if index >= 0 and self._trails(self.quotes[index], cluster):
            return [self.quotes[index]]
        return []

    def _after(
        self, cluster: Range, content: Range | None, has_before: bool, colons: tuple[bool, bool]
    ) -> list[Range]:
        """The first quote after the cue that the cue leads to and that is its content."""
        colon, object_colon = colons
        first = bisect_left(self._starts, cluster[1])
        for quote in self.quotes[first : first + MAX_QUOTES_AFTER_CUE]:
            start = cluster[1]
            if has_before and not self.gaps.glue(start, quote[0]):
                # '"A," he said, adding: "B"': the lead-in's own verb reports "B"; but a quote
                # that goes on in lower case after an aside continues the sentence ('"A," he
                # said at a rally in Ohio, "but B"')
                return [quote] if self._goes_on(start, quote) else []
            if object_colon and content is not None and self._introduces(content, quote):
                return [quote]  # "wrote what she thought the council should have done: ..."
            if self._leads_to(start, quote[0]):
                introduced = colon and self.gaps.last_visible(start, quote[0]) == ":"
                if content is None or has_before or introduced or overlaps(content, quote):
                    return [quote]  # a colon introduces the quote ("wrote what she thought: ...")
            elif self.gaps.has_sentence_mark(start, quote[0]):
                break  # every later quote has this sentence end before it too
        return []

    def _introduces(self, content: Range, quote: Range) -> bool:
        """True when a cue's content ends in a colon right before the quote: the content only
        introduces it."""
        gap = (content[1], quote[0])
        return self.gaps.glue(*gap) and self.gaps.last_visible(*gap) == ":"

    def _goes_on(self, start: int, quote: Range) -> bool:
        """True when a quote after a split quote's cue and a short aside ("during a rally in
        Ohio," / ", but") continues the first: it opens in lower case after a comma or a
        coordinator, in the same paragraph."""
        first = self.text[self._first_letter(quote)]
        if not first.islower() or self.gaps.newlines(start, quote[0]):
            return False
        if self.gaps.words(start, quote[0]) > MAX_ASIDE_WORDS:
            return False
        lead = [word for word in self.text[start : quote[0]].split() if word.strip(",;")]
        if not lead:
            return False
        joined = len(lead) <= MAX_JOINING_WORDS and lead[0].lower() in CONTINUING_WORDS
        return lead[-1].endswith(",") or lead[-1].lower() in CONTINUING_WORDS or joined

    def _first_letter(self, quote: Range) -> int:
        """Offset of a quote's first letter or digit (its start when it has none)."""
        match = ALNUM.search(self.text, quote[0], quote[1])
        return match.start() if match is not None else quote[0]

    def _trails(self, quote: Range, cluster: Range) -> bool:
        """True when the cue follows the quote in the same sentence ("...," he said), not a cue
        that opens the paragraph after a finished quote ("...." | "The campaign disputed it.")."""
        if not self.gaps.glue(quote[1], cluster[0]):
            return False
        if self._last_char(quote) not in ".!?":
            return True
        if self.gaps.newlines(quote[1], cluster[0]):
            return False  # a quote that ends its paragraph: the next one's cue is another's
        closes = self._after_spaces(cluster[1]) in SENTENCE_ENDS or self._short_object(cluster)
        return self.text[cluster[0]].islower() or closes

    def _short_object(self, cluster: Range) -> bool:
        """True when only a short object ends the cue's sentence ('Roe asked his aides.')."""
        end = self.sents.spans[self.sents.at(cluster[1] - 1)].end_char
        return 0 < self.gaps.words(cluster[1], end) <= MAX_OBJECT_WORDS

    def _after_spaces(self, char: int) -> str:
        """The character after the spaces at ``char`` ("" at the end of the text)."""
        match = SPACES.match(self.text, char)
        end = match.end() if match is not None else char
        return self.text[end : end + 1]

    def _last_char(self, quote: Range) -> str:
        """The quote's last character before its closing marks ("" when it has none)."""
        end = quote[1]
        while end > quote[0] and self.text[end - 1] in QUOTE_TAIL:
            end -= 1
        return self.text[end - 1] if end > quote[0] else ""

    def _leads_to(self, start: int, quote_start: int) -> bool:
        gaps = self.gaps
        if gaps.glue(start, quote_start):
            return True
        return (
            gaps.last_visible(start, quote_start) in LEAD_IN_ENDS
            and gaps.words(start, quote_start) <= MAX_WORDS_BEFORE_QUOTE
            and not gaps.has_sentence_mark(start, quote_start)
        )

    def following(self, content: Range | None) -> Range | None:
        """Extend an object to a quote right after it ("called it "a disaster""), or to the end
        of the quote its last word is in ("deemed it "a con."")."""
        if content is None:
            return None
        index = bisect_left(self._starts, content[1])  # only the nearest can follow unbroken
        if index < len(self.quotes) and self.gaps.blank(content[1], self.quotes[index][0]):
            return content[0], self.quotes[index][1]
        return self.closing(content)

    def closing_or_none(self, content: Range | None) -> Range | None:
        """``closing`` of a content that may be missing."""
        return None if content is None else self.closing(content)

    def closing(self, content: Range) -> Range:
        """Extend a content whose last word is inside a quote to that quote's end ("should "stay
        home until the inquiry ends."")."""
        index = bisect_left(self._starts, content[1])
        if index > 0 and content[0] < self._ends[index - 1] and self._ends[index - 1] > content[1]:
            return content[0], self._ends[index - 1]
        return content

    def covering(self, content: Range, claimed: Set[Range]) -> Range | None:
        """The unclaimed quote a content lies in (its first mark may be left out), if any."""
        index = bisect_right(self._starts, content[0] + 1) - 1
        holding: list[Range] = []
        while index >= 0 and self._ends[index] >= content[1]:  # ends fall as the index does
            holding.append(self.quotes[index])
            index -= 1
        return next((q for q in reversed(holding) if q not in claimed), None)
