"""Reported speech on the parse: each reporting verb or "according to" with its source and content.

This module finds the parts of every attribution as character ranges; ``scoring.attribution``
types the sources, resolves them to actors and builds the result. Conventions (PolNeAR's, which
are also what an editor highlighting a claim expects):

- content of indirect speech is the reported clause with its complementiser ("that the talks
  could stall"), without the sentence's final full stop;
- content of a direct quote is the whole quote with its quotation marks, over every sentence and
  paragraph the quote runs;
- a quote split around its cue (``"...," he said, "..."``) gives two attributions that share the
  cue and the source: each half is one content span and counts as one attributed statement;
- a quote with no cue that opens a sentence continues the speaker of the closest attribution
  before it (within ``CONTINUATION_SENTENCES``), else it is unattributed;
- reporting verbs inside a quote are the speaker's own words and are not read as attributions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

Range = tuple[int, int]

# Punctuation that may sit between a quote and its cue ("...," he said / he said: "...").
GLUE = " \t\n\u00a0,;:—–-"
# Most words allowed between a cue and a following quote ("told reporters on Monday: ...").
MAX_WORDS_BEFORE_QUOTE = 6
# Shortest quote (in words) read as a statement of its own when no cue claims it: shorter ones
# inside a sentence are scare quotes or titles ("the so-called "deal"").
MIN_BARE_QUOTE_WORDS = 4
# Longest speaker name before a headline colon ("Kremlin spokesman Peskov: ...").
MAX_HEADLINE_SPEAKER_WORDS = 4
# Shortest quote inside a sentence read as a statement when no cue claims it.
MIN_INLINE_QUOTE_WORDS = 6
# How many sentences back a cue-less quote looks for the speaker it continues.
CONTINUATION_SENTENCES = 3
CLOSING_MARKS = frozenset("\"”»'")
OPENING_MARKS = frozenset("\"“„«'`")
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# Dependencies through which a verb without its own subject takes its head's ("went on to say",
# "..., adding that", "and said").
SUBJECT_INHERITED_VIA = frozenset({"xcomp", "conj", "advcl", "ccomp"})
CLAUSE_DEPS = frozenset({"ccomp"})
INTENT_DEPS = frozenset({"xcomp"})
# Dependencies by which a parenthetical cue hangs off the clause it reports ("X will stall,
# officials said" parsed with "said" under "stall").
PARENTHETICAL_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj", "dep"})
OBJECT_DEPS = frozenset({"dobj", "oprd", "prep"})
# What may complete an object content: "called the deal [a disaster]", "accused X [of lying]".
OBJECT_COMPLEMENT_DEPS = frozenset({"oprd", "xcomp", "ccomp"})
OBJECT_PREPOSITIONS = frozenset({"for", "of", "as"})
# Prepositions whose object is what a source speaks about or stands for ("talked about", "voted for").
TOPIC_PREPOSITIONS = frozenset({"about", "for", "to", "on", "against", "of"})
# Which kinds of content each verb frame (reporting_verbs.tsv) takes, tried in this order:
# a "that" clause, a direct quote or the clause a trailing cue follows, a "to" clause, an object.
CLAUSE_FRAMES = frozenset({"speech", "statement", "belief", "evidence", "stance"})
QUOTE_FRAMES = frozenset({"speech", "statement"})
INTENT_FRAMES = frozenset({"belief", "desire", "intent", "stance"})
OBJECT_FRAMES = frozenset({"statement", "desire", "stance", "intent"})
# Frames whose object comes before a "to" clause: "urged [voters to act]".
OBJECT_FIRST_FRAMES = frozenset({"stance"})


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


def _chars(doc: Doc, first: int, last: int) -> Range | None:
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
    return token.is_punct and not (set(token.text) & keep)


def _subtree_chars(doc: Doc, token: Token) -> Range | None:
    return _chars(doc, token.left_edge.i, token.right_edge.i)


class Finder:
    """Reads one parsed ``Doc`` once; ``run()`` yields every attribution found."""

    def __init__(self, doc: Doc, quotes: tuple[Range, ...], verbs: Mapping[str, str]) -> None:
        self.doc = doc
        self.text = doc.text
        self.quotes = quotes
        self.verbs = verbs
        self.sents: list[Span] = list(doc.sents)
        self.sent_of = [0] * len(doc)
        for number, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = number
        self.claimed: set[Range] = set()

    def run(self) -> list[Found]:
        found = [f for token in self.doc for f in self._at(token)]
        found = _outermost(found + [f for f in self._headline_colons() if not _claimed(f, found)])
        found.sort(key=lambda f: f.content[0])
        list(self._bare_quotes(found))
        found.sort(key=lambda f: (f.content[0], f.content[1]))
        return found

    def _at(self, token: Token) -> Iterator[Found]:
        if self._in_quote(token.idx):
            return  # the speaker's own words: reported inside the quote's attribution
        if token.lower_ == "according" and token.i + 1 < len(self.doc):
            yield from self._according_to(token)
            return
        frame = self._frame(token)
        if frame is None and token.pos_ == "VERB" and self._that_clause(token):
            frame = "belief"  # any verb with a "that" clause reports a statement or a view
        if frame is not None and token.pos_ in ("VERB", "AUX"):
            yield from self._verb(token, frame)

    def _frame(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ == "prt" and f"{lemma} {child.lower_}" in self.verbs:
                return self.verbs[f"{lemma} {child.lower_}"]
        frame = self.verbs.get(lemma)
        if frame is None and token.lower_.endswith(("es", "ed")):
            frame = self.verbs.get(token.lower_[:-1])  # the model reads "hoped" as "hop"
        return frame

    def _that_clause(self, token: Token) -> bool:
        return any(c.dep_ in CLAUSE_DEPS and any(m.dep_ == "mark" and m.lower_ == "that"
                   for m in c.children) for c in token.children)

    def _in_quote(self, char: int) -> bool:
        return any(start < char < end - 1 for start, end in self.quotes)

    # -- reporting verbs -------------------------------------------------------------------

    def _verb(self, token: Token, frame: str) -> Iterator[Found]:
        subject = self._subject(token)
        source = self._source_chars(subject) if subject is not None else None
        cue = (token.idx, token.idx + len(token.text))
        cluster = (
            min(cue[0], source[0]) if source else cue[0],
            max(cue[1], source[1]) if source else cue[1],
        )
        holder = self._holder(subject)
        sentence = self.sent_of[token.i]
        content = self._content(token, frame, cluster)
        quotes = self._adjacent_quotes(cluster, content) if frame in QUOTE_FRAMES else []
        if quotes:
            self.claimed.update(quotes)
            whole = (quotes[0][0], quotes[-1][1])
            yield Found("direct", whole, cue, source, holder, self._sent_at(whole[0]), quotes)
            return
        interrupts = token.dep_ == "parataxis" and content is not None and (
            content[0] < cluster[0] and cluster[1] < content[1])
        if content is None or (source and _overlap(content, source) and not interrupts):
            return
        kind = "indirect"
        content = self._within_paragraph(content)
        quote = self._quote_covering(content)
        pieces = []
        if quote is not None:
            self.claimed.add(quote)
            content, kind, pieces = quote, "direct", [quote]
        yield Found(
            kind, content, cue, source, holder, min(sentence, self._sent_at(content[0])), pieces
        )

    def _content(self, token: Token, frame: str, cluster: Range) -> Range | None:
        children = list(token.rights)
        if frame in CLAUSE_FRAMES:
            clause = next((c for c in token.children if c.dep_ in CLAUSE_DEPS), None)
            if clause is not None:
                return self._clause(clause)
        if frame in QUOTE_FRAMES:
            trailing = self._parenthetical(token, cluster)
            if trailing is not None:
                return trailing
        if frame in OBJECT_FIRST_FRAMES:
            thing = self._object(children)
            if thing is not None:
                return thing
        if frame in INTENT_FRAMES:
            intent = next((c for c in children if c.dep_ in INTENT_DEPS), None)
            if intent is not None:
                return self._clause(intent)
        return self._object(children) if frame in OBJECT_FRAMES else None

    def _clause(self, head: Token) -> Range | None:
        """A reported clause without a trailing participle of the narrator's (", adding that")."""
        last = head.right_edge.i
        for child in head.rights:
            if child.dep_ == "advcl" and child.tag_ == "VBG" and self.doc[child.left_edge.i - 1].text == ",":
                last = child.left_edge.i - 1
                break
        return _chars(self.doc, head.left_edge.i, last)

    def _object(self, children: list[Token]) -> Range | None:
        """The object with what completes it: "called [the deal a disaster]", "accused [X of Y]"."""
        index = next((n for n, c in enumerate(children) if c.dep_ in OBJECT_DEPS
                      and (c.dep_ != "prep" or c.lower_ in TOPIC_PREPOSITIONS)), None)
        if index is None:
            return None
        thing = children[index]
        if thing.dep_ == "prep":
            thing = next((c for c in thing.children if c.dep_ in ("pobj", "pcomp")), thing)
        last = thing.right_edge.i
        for sibling in children[index + 1 :]:
            if sibling.dep_ not in OBJECT_COMPLEMENT_DEPS and sibling.lower_ not in OBJECT_PREPOSITIONS:
                break
            last = sibling.right_edge.i
        return self._to_adjacent_quote(_chars(self.doc, thing.left_edge.i, last))

    def _to_adjacent_quote(self, content: Range | None) -> Range | None:
        """Extend an object to a quote right after it ("called it "a disaster"")."""
        if content is None:
            return None
        for start, end in self.quotes:
            if start >= content[1] and self.text[content[1] : start].strip() == "":
                return content[0], end
        return content

    def _parenthetical(self, token: Token, cluster: Range) -> Range | None:
        """Content of a cue that trails or interrupts the clause it reports."""
        head = token.head
        if token.dep_ not in PARENTHETICAL_DEPS or head == token:
            return None
        sent = self.sents[self.sent_of[token.i]]
        if head.i > token.i and token.dep_ == "parataxis":  # "X, officials said, has become..."
            return _chars(self.doc, max(head.left_edge.i, sent.start), min(head.right_edge.i, sent.end - 1))
        first = max(head.left_edge.i, sent.start)
        last = max(head.right_edge.i, token.i)
        end_of_clause = self.doc.char_span(cluster[0], cluster[1], alignment_mode="expand")
        if end_of_clause is not None and end_of_clause.end >= min(last + 1, sent.end - 1):
            last = end_of_clause.start - 1
        return _chars(self.doc, first, min(last, sent.end - 1))

    def _subject(self, token: Token) -> Token | None:
        current = token
        for _ in range(4):
            for child in current.children:
                if child.dep_ in SUBJECT_DEPS:
                    return child
            if any(child.dep_ in ("nsubjpass", "auxpass") for child in current.children):
                return next(
                    (
                        c
                        for a in current.children
                        if a.dep_ == "agent"
                        for c in a.children
                        if c.dep_ == "pobj"
                    ),
                    None,
                )
            if current.dep_ not in SUBJECT_INHERITED_VIA or current.head == current:
                return None
            current = current.head
        return None

    def _source_chars(self, subject: Token) -> Range | None:
        if subject.dep_ == "csubj":
            return None
        return _subtree_chars(self.doc, subject)

    def _holder(self, subject: Token | None) -> int | None:
        """Token that names who the source is: the antecedent of a relative pronoun."""
        if subject is None:
            return None
        if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
            return int(subject.head.head.i)
        return int(subject.i)

    # -- quotes ----------------------------------------------------------------------------

    def _adjacent_quotes(self, cluster: Range, content: Range | None) -> list[Range]:
        """The quote just before the cue and the one just after it, when they are its content."""
        before = [q for q in self.quotes if q[1] <= cluster[0] and self._trails(q, cluster)]
        after = [
            q
            for q in self.quotes
            if q[0] >= cluster[1]
            and self._leads_to(cluster[1], q[0])
            and (content is None or bool(before) or _overlap(content, q))
        ]
        return [q for q in before[-1:] + after[:1] if q not in self.claimed]

    def _trails(self, quote: Range, cluster: Range) -> bool:
        """True when the cue follows the quote in the same sentence ("...," he said)."""
        if not _glue(self.text[quote[1] : cluster[0]]):
            return False
        last = self.text[quote[0] : quote[1]].rstrip("\"”»' ")[-1:]
        closes = self.text[cluster[1] :].lstrip(" ")[:1] in (".", "!", "?", "\n", "")
        return last not in ".!?" or self.text[cluster[0]].islower() or closes

    def _leads_to(self, start: int, quote_start: int) -> bool:
        gap = self.text[start:quote_start]
        if _glue(gap):
            return True
        return (
            gap.rstrip().endswith((":", ","))
            and len(gap.split()) <= MAX_WORDS_BEFORE_QUOTE
            and not any(mark in gap for mark in ".!?")
        )

    def _within_paragraph(self, content: Range) -> Range:
        """Cut a reported clause at the end of its paragraph (a quote may run on; a clause not)."""
        stop = self.text.find("\n", content[0], content[1])
        if stop < 0:
            return content
        return content[0], content[0] + len(self.text[content[0] : stop].rstrip(GLUE + "\"“'`"))

    def _to_quote_end(self, content: Range) -> Range:
        """Extend a content that stops inside a quote it started before to the quote's end."""
        for start, end in self.quotes:
            if content[0] <= start < content[1] < end:
                return content[0], end
        return content

    def _quote_covering(self, content: Range) -> Range | None:
        for quote in self.quotes:
            if quote[0] <= content[0] + 1 and content[1] <= quote[1] and quote not in self.claimed:
                return quote
        return None

    def _bare_quotes(self, found: list[Found]) -> Iterator[Found]:
        """Quotes no cue claimed: continuations of the quote before, or statements of their own."""
        for quote in self.quotes:
            if quote in self.claimed or any(_overlap(quote, f.content) for f in found):
                continue
            sentence = self._sent_at(self._first_word(quote))
            words = len(self.text[quote[0] : quote[1]].split())
            opens = self._opens_sentence(quote, sentence)
            if not opens and words < MIN_INLINE_QUOTE_WORDS:
                continue
            inline = None if opens else self._inline(quote, sentence)
            if inline is not None:
                found.append(inline)
                yield inline
                continue
            speaker = self._previous_speaker(found, quote[0], sentence)
            if speaker is not None and self._continues(speaker, quote, sentence):
                speaker.content = (speaker.content[0], quote[1])
                speaker.pieces.append(quote)
                continue
            if words >= MIN_BARE_QUOTE_WORDS:
                source = speaker.source if speaker else None
                holder = speaker.source_token if speaker else None
                bare = Found("direct", quote, None, source, holder, sentence, [quote])
                found.append(bare)
                yield bare

    def _first_word(self, quote: Range) -> int:
        inner = self.text[quote[0] : quote[1]]
        return quote[0] + next((n for n, ch in enumerate(inner) if ch.isalnum()), 0)

    def _inline(self, quote: Range, sentence: int) -> Found | None:
        """A quote inside a sentence, given to the verb that governs it and that verb's subject."""
        span = self.doc.char_span(quote[0], quote[1], alignment_mode="expand")
        verb = span.root if span is not None else None
        while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
            verb = verb.head
        if verb is None or verb.pos_ not in ("VERB", "AUX") or span is None or verb in span:
            return None
        subject = self._subject(verb)
        source = self._source_chars(subject) if subject is not None else None
        cue = (verb.idx, verb.idx + len(verb.text))
        return Found("direct", quote, cue, source, self._holder(subject), sentence, [quote])

    def _opens_sentence(self, quote: Range, sentence: int) -> bool:
        return self.text[self.sents[sentence].start_char : quote[0]].strip(GLUE) == ""

    def _continues(self, speaker: Found, quote: Range, sentence: int) -> bool:
        """True when a quote opens the sentence right after a direct quote and its cue."""
        if speaker.kind != "direct":
            return False
        end = max(speaker.content[1], speaker.cue[1] if speaker.cue else 0)
        return sentence - self._sent_at(end - 1) == 1

    def _previous_speaker(self, found: list[Found], before: int, sentence: int) -> Found | None:
        earlier = [
            f
            for f in found
            if f.content[1] <= before
            and f.source is not None
            and sentence - f.sentence <= CONTINUATION_SENTENCES
        ]
        return max(earlier, key=lambda f: f.content[1]) if earlier else None

    def _sent_at(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return self.sent_of[span.start] if span is not None and len(span) else 0

    # -- headline colons -------------------------------------------------------------------

    def _headline_colons(self) -> Iterator[Found]:
        """Lines of the form "Speaker: what they said", the headline convention."""
        start = 0
        for line in self.text.split("\n"):
            colon = line.find(": ")
            speaker = line[:colon].split() if colon > 0 else []
            if 0 < len(speaker) <= MAX_HEADLINE_SPEAKER_WORDS and all(w[0].isupper() for w in speaker):
                found = self._colon_found(start, start + colon, start + len(line.rstrip()))
                if found is not None:
                    yield found
            start += len(line) + 1

    def _colon_found(self, line_start: int, colon: int, line_end: int) -> Found | None:
        source = self.doc.char_span(line_start, colon, alignment_mode="expand")
        content = self.doc.char_span(colon + 1, line_end, alignment_mode="expand")
        if source is None or content is None or len(content) < 2 or self._in_quote(colon):
            return None
        trimmed = _chars(self.doc, content.start, content.end - 1)
        if trimmed is None:
            return None
        kind = "direct" if trimmed in self.quotes else "indirect"
        sentence = self.sent_of[source.start]
        return Found(kind, trimmed, (colon, colon + 1), (source.start_char, source.end_char),
                     int(source.root.i), sentence)

    # -- according to ----------------------------------------------------------------------

    def _according_to(self, token: Token) -> Iterator[Found]:
        to = self.doc[token.i + 1]
        if to.lower_ != "to":
            return
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return
        source = _subtree_chars(self.doc, pobj)
        cue = (token.idx, to.idx + len(to.text))
        content = self._reported_around(token, (cue[0], source[1] if source else cue[1]))
        if content is not None:
            yield Found("according_to", content, cue, source, int(pobj.i), self.sent_of[token.i])

    def _reported_around(self, token: Token, phrase: Range) -> Range | None:
        """The clause an "according to" phrase attaches to, without the phrase itself."""
        sent = self.sents[self.sent_of[token.i]]
        head = token.head if token.head != token else token
        first = max(head.left_edge.i, sent.start)
        last = min(max(head.right_edge.i, token.i), sent.end - 1)
        span = _chars(self.doc, first, last)
        if span is None:
            return None
        before = (span[0], phrase[0])
        after = (phrase[1], span[1])
        piece = after if after[1] - after[0] > before[1] - before[0] else before
        doc_span = self.doc.char_span(piece[0], piece[1], alignment_mode="expand")
        if doc_span is None or not len(doc_span):
            return None
        return _chars(self.doc, doc_span.start, doc_span.end - 1)


def _outermost(found: list[Found]) -> list[Found]:
    """Drop attributions whose cue lies in another's content: the outer one reports them."""
    return [f for f in found if f.cue is None or not any(
        g is not f and g.content[0] <= f.cue[0] < g.content[1] for g in found)]


def _claimed(candidate: Found, found: list[Found]) -> bool:
    return any(_overlap(candidate.content, f.content) for f in found)


def _glue(gap: str) -> bool:
    return gap.strip(GLUE) == "" and gap.count("\n") <= 2


def _overlap(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]
