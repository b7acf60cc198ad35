"""Direct quotes tied to their cues: adjacent, split, continued, inline and cue-less quotes.

Conventions (PolNeAR's, which are also what an editor highlighting a speaker's words expects):

- the content of a direct quote is the whole quote with its quotation marks, over every sentence
  and paragraph it runs;
- a quote split around its cue (``"...," he said, "..."``) is ONE attribution whose content runs
  from the first quotation mark to the last, cue included; its ``pieces`` are the quoted parts,
  and only they count as quoted words;
- a quote that opens the sentence right after a direct quote and its cue continues that
  attribution (``"A," she said. "B."`` is one content);
- any other cue-less quote that opens a sentence is given to the speaker of the closest
  attribution before it (within ``CONTINUATION_SENTENCES``) or left unattributed; a cue-less
  quote inside a sentence goes to the verb that governs it and that verb's subject.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from spacy.tokens import Token

from scoring.attribution.records import GLUE, Found, Range, Sentences, glue, overlap

# Most words allowed between a cue and a following quote ("told reporters on Monday: ...").
MAX_WORDS_BEFORE_QUOTE = 6
# Shortest cue-less quote opening a sentence read as a statement: shorter ones are titles or
# asides.
MIN_BARE_QUOTE_WORDS = 4
# Shortest cue-less quote inside a sentence read as a statement: shorter ones are scare quotes
# or titles ("the so-called "deal"").
MIN_INLINE_QUOTE_WORDS = 6
# How many sentences back a cue-less quote looks for the speaker it continues.
CONTINUATION_SENTENCES = 3
SENTENCE_ENDS = (".", "!", "?", "\n", "")

# Gives a verb's source range, source token and cue range.
SpeakerOf = Callable[[Token], tuple[Range | None, int | None, Range]]


class QuoteLinker:
    """The quotes of one text and which of them a cue has already claimed."""

    def __init__(self, sents: Sentences, quotes: tuple[Range, ...]) -> None:
        self.sents = sents
        self.doc = sents.doc
        self.text = sents.text
        self.quotes = quotes
        self._starts = [start for start, _ in quotes]  # quotes never overlap: sorted by start
        self.claimed: set[Range] = set()

    def inside(self, char: int) -> bool:
        """True when ``char`` lies strictly inside a quote (not on its marks)."""
        index = bisect_right(self._starts, char) - 1
        return index >= 0 and self.quotes[index][0] < char < self.quotes[index][1] - 1

    def adjacent(self, cluster: Range, content: Range | None) -> list[Range]:
        """The quote just before the cue and the one just after it, when they are its content."""
        before = [q for q in self.quotes if q[1] <= cluster[0] and self._trails(q, cluster)]
        after = [
            q
            for q in self.quotes
            if q[0] >= cluster[1]
            and self._leads_to(cluster[1], q[0])
            and (content is None or bool(before) or overlap(content, q))
        ]
        return [q for q in before[-1:] + after[:1] if q not in self.claimed]

    def _trails(self, quote: Range, cluster: Range) -> bool:
        """True when the cue follows the quote in the same sentence ("...," he said)."""
        if not glue(self.text[quote[1] : cluster[0]]):
            return False
        last = self.text[quote[0] : quote[1]].rstrip("\"”»' ")[-1:]
        closes = self.text[cluster[1] :].lstrip(" ")[:1] in SENTENCE_ENDS
        return last not in ".!?" or self.text[cluster[0]].islower() or closes

    def _leads_to(self, start: int, quote_start: int) -> bool:
        gap = self.text[start:quote_start]
        if glue(gap):
            return True
        return (
            gap.rstrip().endswith((":", ","))
            and len(gap.split()) <= MAX_WORDS_BEFORE_QUOTE
            and not any(mark in gap for mark in ".!?")
        )

    def to_end(self, content: Range) -> Range:
        """Extend a content that stops inside a quote it started before to the quote's end."""
        for start, end in self.quotes:
            if content[0] <= start < content[1] < end:
                return content[0], end
        return content

    def following(self, content: Range | None) -> Range | None:
        """Extend an object to a quote right after it ("called it "a disaster"")."""
        if content is None:
            return None
        for start, end in self.quotes:
            if start >= content[1] and self.text[content[1] : start].strip() == "":
                return content[0], end
        return content

    def covering(self, content: Range) -> Range | None:
        """The unclaimed quote a content lies in, if any."""
        for quote in self.quotes:
            if quote[0] <= content[0] + 1 and content[1] <= quote[1] and quote not in self.claimed:
                return quote
        return None

    def unclaimed(self, found: list[Found], speaker_of: SpeakerOf) -> None:
        """Link the quotes no cue claimed, extending ``found`` in place."""
        for quote in self.quotes:
            if quote in self.claimed or any(overlap(quote, f.content) for f in found):
                continue
            linked = self._link(quote, found, speaker_of)
            if linked is not None:
                found.append(linked)

    def _link(self, quote: Range, found: list[Found], speaker_of: SpeakerOf) -> Found | None:
        sentence = self.sents.at(self._first_word(quote))
        words = len(self.text[quote[0] : quote[1]].split())
        opens = self._opens_sentence(quote, sentence)
        if not opens and words < MIN_INLINE_QUOTE_WORDS:
            return None
        inline = None if opens else self._inline(quote, sentence, speaker_of)
        if inline is not None:
            return inline
        speaker = self._previous_speaker(found, quote[0], sentence)
        if speaker is not None and self._continues(speaker, sentence):
            speaker.content = (speaker.content[0], quote[1])
            speaker.pieces.append(quote)
            return None
        if words < MIN_BARE_QUOTE_WORDS:
            return None
        source = speaker.source if speaker else None
        holder = speaker.source_token if speaker else None
        return Found("direct", quote, None, source, holder, sentence, [quote])

    def _first_word(self, quote: Range) -> int:
        inner = self.text[quote[0] : quote[1]]
        return quote[0] + next((n for n, ch in enumerate(inner) if ch.isalnum()), 0)

    def _inline(self, quote: Range, sentence: int, speaker_of: SpeakerOf) -> Found | None:
        """A quote inside a sentence, given to the verb that governs it and that verb's subject."""
        span = self.doc.char_span(quote[0], quote[1], alignment_mode="expand")
        if span is None or not len(span):
            return None
        verb = span.root
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") or verb in span:
            return None
        source, holder, cue = speaker_of(verb)
        return Found("direct", quote, cue, source, holder, sentence, [quote])

    def _opens_sentence(self, quote: Range, sentence: int) -> bool:
        start = self.sents.spans[sentence].start_char
        return self.text[start : quote[0]].strip(GLUE) == ""

    def _continues(self, speaker: Found, sentence: int) -> bool:
        """True when a quote opens the sentence right after a direct quote and its cue."""
        if speaker.kind != "direct":
            return False
        end = max(speaker.content[1], speaker.cue[1] if speaker.cue else 0)
        return sentence - self.sents.at(end - 1) == 1

    def _previous_speaker(self, found: list[Found], before: int, sentence: int) -> Found | None:
        earlier = [
            f
            for f in found
            if f.content[1] <= before
            and f.source is not None
            and sentence - f.sentence <= CONTINUATION_SENTENCES
        ]
        return max(earlier, key=lambda f: f.content[1]) if earlier else None
