"""Attributions cued by a phrase rather than a verb: "according to X", reporting nouns and
"Speaker: words".

- "according to X": X is the source; the content is the clause the phrase attaches to, on the
  longer side of the phrase (PolNeAR puts it before the phrase three times in four);
- a reporting noun with its source and a "that" clause ("his claim that...", "claims from
  activists that...", "the governor's warning that..."): the noun is the cue, the possessor or
  the "from"/"by" object the source, the clause the content; a noun with no source ("the claim
  that...") ties the statement to no one and is left out;
- "Speaker: words" on a line of its own (the headline convention, "Zelensky: Ukraine will not
  cede land"): the colon is the cue, the short capitalised name before it the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from scoring.attribution.records import Found, Parse, Range, chars, subtree_chars

# Nouns that name a statement or a view ("claim", "warning", "assertion"): written for this
# project from general English news usage, the families PolNeAR train's missed noun cues showed.
REPORTING_NOUNS = frozenset(
    {
        *("claim", "statement", "assertion", "allegation", "accusation", "warning", "argument"),
        *("contention", "suggestion", "insistence", "denial", "admission", "promise", "pledge"),
        "report",
        *("vow", "assurance", "announcement", "remark", "comment", "belief", "view", "criticism"),
        *("complaint", "charge", "prediction", "insinuation", "threat", "acknowledgment"),
        *("acknowledgement", "declaration", "conclusion", "finding", "estimate", "testimony"),
    }
)
# Statement nouns whose "about" phrase is what was said ("his comment about the plan"), and
# those prepositions.
TOPIC_NOUNS = frozenset({"claim", "comment", "remark", "warning", "complaint", "statement"})
TOPIC_OF = frozenset({"about"})
# Prepositions whose object is who made the statement ("claims from X", "a warning by X").
SOURCE_PREPOSITIONS = frozenset({"from", "by", "of"})
# Dependencies of a "that" clause on its noun (spaCy reads "the claim that..." either way).
NOUN_CLAUSE_DEPS = frozenset({"acl", "ccomp", "appos"})
# Words each side of an "according to" phrase for it to interrupt its clause rather than end it.
MIN_SIDE_WORDS = 2
# Tags of finite verbs and modals: a stretch with one holds a clause.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Longest speaker name before a headline colon ("Kremlin spokesman Peskov: ...").
MAX_HEADLINE_SPEAKER_WORDS = 4
# A credit after a quote: a bar or dash, then a name to the end of the line.
BAR_CREDIT = re.compile(
    r"[ \t\u00a0]*(?P<bar>\u2015|\u2014|\u2013|--)[ \t\u00a0]*"
    r"(?P<name>[^\n]+?)[ \t.\u00a0]*(?:\n|$)"
)
# A line that is a quotation and its credit, found on the line when the quote index has no
# region for it (an opening mark typed as a closing one: "”Fear. I am afraid...” ― Ann Lee").
CREDITED_LINE = re.compile(
    r"(?m)^[ \t\u00a0]*(?P<quote>[\u201c\u201d\"][^\n]*[\u201d\"])"
    r"(?=[ \t\u00a0]*(?:\u2015|\u2014|\u2013|--)[^\n\u201c\u201d\"]*$)"
)
# Labels a line opens with before a colon that name no speaker ("Correction: An earlier
# version...", "Source: NATO", the AP's "The Latest: ...").
COLON_LABELS = frozenset(
    {"correction", "corrections", "clarification", "source", "sources", "note", "editor's note"}
    | {"editor\u2019s note", "update", "updated", "the latest", "related", "photo", "video"}
    | {"watch", "read more", "see also", "caption", "credit", "disclosure"}
)
# Marks a quoted transcript line may open with before its speaker.
OPENING_MARKS = "\"'\u201c\u2018 "
# Fewest tokens after a headline colon for the line to report something.
MIN_HEADLINE_CONTENT_TOKENS = 2


def according_to(parse: Parse, token: Token) -> Iterator[Found]:
    """The attribution an "according" token opens, if it is "according to X"."""
    doc = parse.doc
    to = doc[token.i + 1]
    # "according to show insiders": the parse may read the source as a clause ("show" a verb)
    pobj = next((c for c in to.children if c.dep_ in ("pobj", "pcomp")), None)
    if to.lower_ != "to" or pobj is None:
        return
    cue = (token.idx, to.idx + len(to.text))
    if token.head == token:  # "According to X, the move reeks of fear.": the parse hangs all on X
        yield from _according_to_opening(parse, token, pobj, cue)
        return
    source = subtree_chars(doc, pobj)
    content = around_phrase(parse, token, (cue[0], source[1] if source else cue[1]))
    if content is not None:
        sentence = parse.sents.of_token[token.i]
        yield Found("according_to", content, cue, source, int(pobj.i), sentence)


def _according_to_opening(parse: Parse, token: Token, pobj: Token, cue: Range) -> Iterator[Found]:
    """ "According to X, clause" parsed with the clause inside X: the source runs to the first
    comma, the content from there to the sentence's end (to a quote's end if it opens one)."""
    doc = parse.doc
    sent = parse.sents.spans[parse.sents.of_token[token.i]]
    comma = next((t for t in doc[pobj.left_edge.i : sent.end] if t.text == ","), None)
    if comma is None:
        return
    source = chars(doc, pobj.left_edge.i, comma.i - 1)
    content = chars(doc, comma.i + 1, sent.end - 1)
    if source is None or content is None:
        return
    quote = parse.quotes.covering(content[0])
    if quote is not None and quote[0] == content[0]:
        content = content[0], max(content[1], quote[1])
    yield Found("according_to", content, cue, source, int(pobj.i), parse.sents.of_token[token.i])


def reporting_noun(parse: Parse, token: Token) -> Iterator[Found]:
    """The attribution of a reporting noun with its source and "that" clause, if it has both."""
    clause = next((c for c in token.children if _that_clause(c)), None) or noun_clause(token)
    if clause is None:
        clause = _topic(token)  # "his comment [about 47 percent...]"
    holder = _noun_source(token)
    if clause is None or holder is None or parse.quotes.inside(holder.idx):
        return
    content = chars(parse.doc, clause.left_edge.i, clause.right_edge.i)
    source = _source_chars(parse, token, holder)
    if content is None or source is None:
        return
    cue = (token.idx, token.idx + len(token.text))
    sentence = parse.sents.of_token[token.i]
    yield Found("indirect", content, cue, source, int(holder.i), sentence)


def noun_clause(noun: Token) -> Token | None:
    """A "that" clause right after a reporting noun that the parse hung on the verb above it
    ("seizing upon a Times report [that he lost $915 million]")."""
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    return next(
        (
            c
            for c in verb.rights
            if _that_clause(c) and c.left_edge.i == noun.right_edge.i + 1 and c.i > noun.i
        ),
        None,
    )


def _that_clause(child: Token) -> bool:
    return child.dep_ in NOUN_CLAUSE_DEPS and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in child.children
    )


def _noun_source(noun: Token) -> Token | None:
    """Who made the statement a noun names: "his [claim]", "[claims] from activists", "a [New
    York Times] report"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in SOURCE_PREPOSITIONS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("PROPN", "NOUN", "PRON"):
                return pobj
    names = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return names[-1] if names else None


def _source_chars(parse: Parse, noun: Token, holder: Token) -> Range | None:
    """The source's characters: the holder's subtree, or every name before the noun for a
    compound ("a [New York Times] report")."""
    if holder.dep_ != "compound":
        return subtree_chars(parse.doc, holder)
    first = min(c.left_edge.i for c in noun.lefts if c.dep_ == "compound")
    return chars(parse.doc, first, noun.i - 1)


def _topic(noun: Token) -> Token | None:
    """What a statement noun with a source is about ("North Korea's claims [about the
    test]"), for the nouns that take a topic."""
    if noun.lemma_.lower() not in TOPIC_NOUNS:
        return None
    prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in TOPIC_OF), None)
    return None if prep is None else next((c for c in prep.children if c.dep_ == "pobj"), None)


def around_phrase(parse: Parse, token: Token, phrase: Range) -> Range | None:
    """The clause a sourcing phrase ("according to X", "as X put it") attaches to: all its
    conjuncts ("X rose, but Y fell, according to..."), the phrase left inside when it interrupts
    the main clause ("X, according to Y, and Z"), else the longer side of the phrase."""
    doc = parse.doc
    sent = parse.sents.spans[parse.sents.of_token[token.i]]
    head = token.head
    while head.dep_ == "conj" and head.head != head and head.head.i >= sent.start:
        head = head.head  # the first conjunct: the phrase is about the whole coordination
    span = chars(
        doc,
        max(head.left_edge.i, sent.start),
        min(max(head.right_edge.i, token.i), sent.end - 1),
    )
    if span is None:
        return None
    before, after = (span[0], phrase[0]), (phrase[1], span[1])
    if head.dep_ == "ROOT" and _has_words(parse, before) and _has_words(parse, after):
        return span  # "X, according to Y, and Z": the cue inside its content, as "X, Y said, Z"
    piece = _side(parse, before, after)
    doc_span = doc.char_span(piece[0], piece[1], alignment_mode="expand")
    if doc_span is None or not len(doc_span):
        return None
    return chars(doc, doc_span.start, doc_span.end - 1)


def _side(parse: Parse, before: Range, after: Range) -> Range:
    """The side of a sourcing phrase that holds the clause it sources: the one with a finite
    verb ("X would see gains, according to Y, more than twice what..."), else the longer."""
    clause_before, clause_after = _is_clause(parse, before), _is_clause(parse, after)
    if clause_before != clause_after:
        return before if clause_before else after
    return after if after[1] - after[0] > before[1] - before[0] else before


def _is_clause(parse: Parse, piece: Range) -> bool:
    """True when a stretch holds a finite verb or a modal."""
    span = parse.doc.char_span(piece[0], piece[1], alignment_mode="expand")
    return span is not None and any(t.tag_ in FINITE_TAGS for t in span)


def _has_words(parse: Parse, piece: Range) -> bool:
    """True when a stretch holds at least ``MIN_SIDE_WORDS`` words of its own."""
    return len(parse.text[piece[0] : piece[1]].split()) >= MIN_SIDE_WORDS


def headline_colons(parse: Parse) -> Iterator[Found]:
    """Lines of the form "Speaker: what they said"."""
    start = 0
    for line in parse.text.split("\n"):
        colon = line.find(": ")
        lead = len(line) - len(line.lstrip(OPENING_MARKS))  # a quoted transcript: '"TAPPER: ...'
        speaker = line[lead:colon].split() if colon > lead else []
        if _is_speaker(speaker):
            bounds = (start + lead, start + colon, start + len(line.rstrip()))
            found = _colon_found(parse, bounds)
            if found is not None:
                yield found
        start += len(line) + 1


def _is_speaker(words: list[str]) -> bool:
    """True for a short capitalised name before a headline colon, not a label ("Correction:")."""
    if " ".join(words).lower() in COLON_LABELS:
        return False
    return 0 < len(words) <= MAX_HEADLINE_SPEAKER_WORDS and all(w[0].isupper() for w in words)


def _colon_found(parse: Parse, line: tuple[int, int, int]) -> Found | None:
    doc = parse.doc
    line_start, colon, line_end = line
    source = doc.char_span(line_start, colon, alignment_mode="expand")
    content = doc.char_span(colon + 1, line_end, alignment_mode="expand")
    if source is None or content is None:
        return None
    transcript = parse.text[
        line_start:colon
    ].isupper()  # '"PENCE: Well, ...' in a quoted transcript
    if parse.quotes.inside(colon) and not transcript:
        return None
    trimmed = chars(doc, content.start, content.end - 1)
    if trimmed is None or len(content) < MIN_HEADLINE_CONTENT_TOKENS:
        return None
    quoted = parse.quotes.covering(trimmed[0]) == trimmed
    kind = "direct" if quoted or transcript else "indirect"
    speaker = (source.start_char, source.end_char)
    cue = (colon, colon + 1)
    sentence = parse.sents.of_token[source.start]
    return Found(kind, trimmed, cue, speaker, int(source.root.i), sentence)


def bar_credits(parse: Parse) -> Iterator[Found]:
    """Quotes credited after a bar or dash at the end of their line ("...” ― Ann Lee"), the
    convention of reader panels and epigraphs."""
    text = parse.text
    lines = (m.span("quote") for m in CREDITED_LINE.finditer(text))
    unindexed = [q for q in lines if parse.quotes.covering(q[0]) is None]
    for quote in sorted([*parse.quotes.regions, *unindexed]):
        match = BAR_CREDIT.match(text, quote[1])
        if match is None:
            continue
        name = match.group("name")
        if not _is_speaker(name.split()):
            continue
        start = match.start("name")
        credit = parse.doc.char_span(start, start + len(name), alignment_mode="expand")
        if credit is None or not len(credit):
            continue
        cue = match.span("bar")
        sentence = parse.sentence_of(quote)
        yield Found(
            "direct", quote, cue, (start, start + len(name)), int(credit.root.i), sentence, (quote,)
        )
