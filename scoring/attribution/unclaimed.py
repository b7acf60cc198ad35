"""Quotes no cue claimed: continued, given to the verb governing them or the last speaker, or none.

Conventions (PolNeAR's, which are also what an editor highlighting a speaker's words expects):

- a quote that opens the sentence right after a direct quote and its cue continues that
  attribution (``"A," she said. "B."`` is one content);
- a cue-less quote that opens the sentence after one that only announces it ("Ray noted as
  much in a tweet on Monday." then the tweet) is given to that sentence's reporting verb;
- any other cue-less quote that opens a sentence is given to the speaker of the closest
  attribution before it (within ``CONTINUATION_SENTENCES``) or left unattributed;
- a cue-less quote inside a sentence goes to the reporting verb that governs it and that verb's
  subject; one governed by any other verb ("tickets became "..."") or with no one to say it is a
  title or a mention, not a statement;
- a quote some attribution's content already overlaps is that attribution's.

Quotes are visited in text order, and the closest speaker is kept per sentence as they go, so each
quote costs a few look-ups however long the article is.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import replace

from scoring.attribution.records import Found, Parse, Range, RangeIndex
from scoring.attribution.statements import occurs, speaker

# Shortest cue-less quote opening a sentence read as a statement: shorter ones are titles or
# asides.
MIN_BARE_QUOTE_WORDS = 4
# Shortest cue-less quote inside a sentence read as a statement: shorter ones are scare quotes
# or titles ("the so-called "deal"").
MIN_INLINE_QUOTE_WORDS = 6
# How many sentences back a cue-less quote looks for the speaker it continues.
CONTINUATION_SENTENCES = 3
VERBS = ("VERB", "AUX")
# Dependents by which a reporting verb says something of its own (then it announces no quote).
SAID_DEPS = frozenset({"ccomp", "xcomp", "dobj", "obj", "attr", "oprd", "dative"})


def link_unclaimed(
    parse: Parse, found: tuple[Found, ...], claimed: Set[Range], verbs: Mapping[str, str]
) -> tuple[Found, ...]:
    """``found`` with every quote no cue claimed linked: continued records replaced, others added.

    ``found`` is in content order; the result keeps it, then the added records in text order.
    """
    # A record added or extended here ends at the quote just linked, before any later quote, so
    # whether a later quote is taken depends on the contents stage 1 found only.
    taken = RangeIndex([f.content for f in found])
    linking = _Linking(parse, found, verbs)
    for quote in parse.quotes.regions:
        if quote not in claimed and not taken.overlaps(quote):
            linking.link(quote)
    return tuple(linking.records)


class _Speakers:
    """Per sentence, the record with a source that ends last before the quotes visited so far."""

    def __init__(self, records: list[Found]) -> None:
        ends = [(f.content[1], n) for n, f in enumerate(records) if f.source is not None]
        self._waiting = sorted(ends)
        self._admitted = 0
        self._best: dict[int, tuple[int, int]] = {}  # sentence -> (content end, -position)
        self._last_sentence = -1

    def nearest(self, records: list[Found], before: int, sentence: int) -> int | None:
        """Position of the latest-ending record with a source ending by ``before``, at most
        ``CONTINUATION_SENTENCES`` sentences back (ties: the first)."""
        while self._admitted < len(self._waiting) and self._waiting[self._admitted][0] <= before:
            self.update(records, self._waiting[self._admitted][1])
            self._admitted += 1
        first = sentence - CONTINUATION_SENTENCES
        last = max(sentence, self._last_sentence)
        keys = [self._best[s] for s in range(first, last + 1) if s in self._best]
        return -max(keys)[1] if keys else None

    def update(self, records: list[Found], position: int) -> None:
        """Record that ``records[position]`` (which has a source) now ends where it ends."""
        record = records[position]
        key = (record.content[1], -position)
        if key > self._best.get(record.sentence, (-1, 0)):
            self._best[record.sentence] = key
        self._last_sentence = max(self._last_sentence, record.sentence)


class _Linking:
    """One pass over the unclaimed quotes: the records so far and their speakers."""

    def __init__(self, parse: Parse, found: tuple[Found, ...], verbs: Mapping[str, str]) -> None:
        self.parse = parse
        self.verbs = verbs
        self.records = list(found)
        self.speakers = _Speakers(self.records)

    def link(self, quote: Range) -> None:
        """Add the attribution of one unclaimed quote, or extend the one it continues."""
        parse = self.parse
        sentence = parse.sentence_of(quote)
        words = parse.gaps.words(*quote)
        opens = parse.gaps.only_glue(parse.sents.starts[sentence], quote[0])
        if not opens and words < MIN_INLINE_QUOTE_WORDS:
            return
        if not opens:
            inline = _inline(parse, quote, sentence, self.verbs)
            if inline is not None:
                self._add(inline)
            return
        position = self.speakers.nearest(self.records, quote[0], sentence)
        speaker = self.records[position] if position is not None else None
        announced = self._announced(quote, sentence) if words >= MIN_BARE_QUOTE_WORDS else None
        if speaker is not None and position is not None and self._continues(speaker, sentence):
            self._extend(position, quote)
        elif announced is not None:
            self._add(announced)
        elif words >= MIN_BARE_QUOTE_WORDS:
            source = speaker.source if speaker else None
            holder = speaker.source_token if speaker else None
            self._add(Found("direct", quote, None, source, holder, sentence, (quote,)))

    def _announced(self, quote: Range, sentence: int) -> Found | None:
        """A quote whose sentence follows one that only announces it: a reporting verb heading
        that sentence with a subject and nothing said ("Ray noted as much in a tweet on
        Monday." then the tweet), outside any quote."""
        if sentence == 0:
            return None
        previous = self.parse.sents.spans[sentence - 1]
        verb = previous.root
        if verb.pos_ not in VERBS or verb.lemma_.lower() not in self.verbs:
            return None
        if not occurs(verb) or self.parse.quotes.overlaps(previous.start_char, previous.end_char):
            return None  # a sentence with a quote: its cue is that quote's
        if any(c.dep_ in SAID_DEPS for c in verb.children):
            return None  # it says something of its own
        source, holder, cue = speaker(self.parse, verb)
        if source is None:
            return None
        return Found("direct", quote, cue, source, holder, sentence, (quote,))

    def _add(self, record: Found) -> None:
        self.records.append(record)
        if record.source is not None:
            self.speakers.update(self.records, len(self.records) - 1)

    def _extend(self, position: int, quote: Range) -> None:
        """The quote continues ``records[position]``: a new record replaces it."""
        speaker = self.records[position]
        self.records[position] = replace(
            speaker, content=(speaker.content[0], quote[1]), pieces=(*speaker.pieces, quote)
        )
        self.speakers.update(self.records, position)

    def _continues(self, speaker: Found, sentence: int) -> bool:
        """True when a quote opens the sentence right after a direct quote and its cue."""
        if speaker.kind != "direct":
            return False
        # the cue clause may end with the source and its title ("said Rev. Ann Lee, the pastor.")
        end = max(
            speaker.content[1],
            speaker.cue[1] if speaker.cue else 0,
            speaker.source[1] if speaker.source else 0,
        )
        return sentence - self.parse.sents.at(end - 1) == 1


def _inline(parse: Parse, quote: Range, sentence: int, verbs: Mapping[str, str]) -> Found | None:
    """A quote inside a sentence, given to the reporting verb that governs it and its subject."""
    span = parse.doc.char_span(quote[0], quote[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    verb = span.root
    while verb.pos_ not in VERBS and verb.head != verb:
        verb = verb.head
    if verb.pos_ not in VERBS or verb in span or verb.lemma_.lower() not in verbs:
        return None
    if not occurs(verb):
        return None  # "will discuss "...": a planned event says nothing yet
    source, holder, cue = speaker(parse, verb)
    if source is None:
        return None
    return Found("direct", quote, cue, source, holder, sentence, (quote,))
