"""Attributions cued by a phrase rather than a verb: "according to X" and "Speaker: words".

- "according to X": X is the source; the content is the clause the phrase attaches to, on the
  longer side of the phrase (PolNeAR puts it before the phrase three times in four);
- "Speaker: words" on a line of its own (the headline convention, "Zelensky: Ukraine will not
  cede land"): the colon is the cue, the short capitalised name before it the source.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from scoring.attribution.records import Found, Parse, Range, chars, subtree_chars

# Longest speaker name before a headline colon ("Kremlin spokesman Peskov: ...").
MAX_HEADLINE_SPEAKER_WORDS = 4
# Fewest tokens after a headline colon for the line to report something.
MIN_HEADLINE_CONTENT_TOKENS = 2


def according_to(parse: Parse, token: Token) -> Iterator[Found]:
    """The attribution an "according" token opens, if it is "according to X"."""
    doc = parse.doc
    to = doc[token.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if to.lower_ != "to" or pobj is None:
        return
    source = subtree_chars(doc, pobj)
    cue = (token.idx, to.idx + len(to.text))
    content = _reported_around(parse, token, (cue[0], source[1] if source else cue[1]))
    if content is not None:
        sentence = parse.sents.of_token[token.i]
        yield Found("according_to", content, cue, source, int(pobj.i), sentence)


def _reported_around(parse: Parse, token: Token, phrase: Range) -> Range | None:
    """The clause an "according to" phrase attaches to, on the longer side of the phrase."""
    doc = parse.doc
    sent = parse.sents.spans[parse.sents.of_token[token.i]]
    head = token.head
    span = chars(
        doc,
        max(head.left_edge.i, sent.start),
        min(max(head.right_edge.i, token.i), sent.end - 1),
    )
    if span is None:
        return None
    before, after = (span[0], phrase[0]), (phrase[1], span[1])
    piece = after if after[1] - after[0] > before[1] - before[0] else before
    doc_span = doc.char_span(piece[0], piece[1], alignment_mode="expand")
    if doc_span is None or not len(doc_span):
        return None
    return chars(doc, doc_span.start, doc_span.end - 1)


def headline_colons(parse: Parse) -> Iterator[Found]:
    """Lines of the form "Speaker: what they said"."""
    start = 0
    for line in parse.text.split("\n"):
        colon = line.find(": ")
        speaker = line[:colon].split() if colon > 0 else []
        if _is_speaker(speaker):
            found = _colon_found(parse, (start, start + colon, start + len(line.rstrip())))
            if found is not None:
                yield found
        start += len(line) + 1


def _is_speaker(words: list[str]) -> bool:
    """True for a short capitalised name before a headline colon."""
    return 0 < len(words) <= MAX_HEADLINE_SPEAKER_WORDS and all(w[0].isupper() for w in words)


def _colon_found(parse: Parse, line: tuple[int, int, int]) -> Found | None:
    doc = parse.doc
    line_start, colon, line_end = line
    source = doc.char_span(line_start, colon, alignment_mode="expand")
    content = doc.char_span(colon + 1, line_end, alignment_mode="expand")
    if source is None or content is None or parse.quotes.inside(colon):
        return None
    trimmed = chars(doc, content.start, content.end - 1)
    if trimmed is None or len(content) < MIN_HEADLINE_CONTENT_TOKENS:
        return None
    kind = "direct" if parse.quotes.covering(trimmed[0]) == trimmed else "indirect"
    speaker = (source.start_char, source.end_char)
    cue = (colon, colon + 1)
    sentence = parse.sents.of_token[source.start]
    return Found(kind, trimmed, cue, speaker, int(source.root.i), sentence)
