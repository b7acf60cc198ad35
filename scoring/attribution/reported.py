"""Reported speech on the parse: each cue (reporting verb, "according to", headline colon) with
its source and content.

The first stage of attribution: ``find_reported`` reads the tokens once and returns the
attributions found as character ranges with the quotes their cues claimed (the quote next to a
cue comes from ``scoring.attribution.direct``, the speaker from ``scoring.attribution.speakers``,
clause and object contents from ``scoring.attribution.clauses`` and ``.objects``);
``scoring.attribution.unclaimed`` then links the other quotes. Conventions (PolNeAR's, which are
also what an editor highlighting a claim expects):

- the content of indirect speech is the reported clause with its complementiser ("that the
  talks could stall"), without the sentence's final full stop, within one paragraph;
- what a content may be depends on the verb's frame in ``reporting_verbs.tsv``: a "that" clause,
  a quote, the clause a trailing cue follows ("The talks will stall, officials said"), a "to"
  clause ("vowed to veto it") or an object ("called the deal a disaster");
- a cue that interrupts its clause ("X, officials said, will stall") lies inside the content;
- any verb with a "that" clause reports a statement or a view even when not in the lexicon;
- reporting verbs inside a quote, or inside another attribution's content, are the source's own
  words and are left to the outer attribution (PolNeAR annotates nested attributions rarely).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass, replace

from spacy.tokens import Token

from scoring.attribution.clauses import (
    CLAUSE_DEPS,
    INTENT_DEPS,
    RELATIVE_TAGS,
    VERBS,
    ClauseContents,
    degree_result,
    gerund_clause,
    goes_on,
    has_that_clause,
    now_that,
    split_predicate,
    that_marked,
)
from scoring.attribution.direct import QuoteLinker
from scoring.attribution.objects import ObjectContents
from scoring.attribution.phrases import (
    REPORTING_NOUNS,
    according_to,
    around_phrase,
    bar_credits,
    headline_colons,
    noun_clause,
    reporting_noun,
)
from scoring.attribution.records import Found, Parse, Range, chars, outermost
from scoring.attribution.speakers import subject_of
from scoring.attribution.statements import (
    NEEDS_COMPLEMENT_VERBS,
    NOT_STATEMENT_VERBS,
    OBJECT_NOT_SAID_VERBS,
    TOPIC_ONLY_VERBS,
    impersonal,
    intent_clause_allowed,
    occurs,
    source_chars,
    speaker,
    tied_to_source,
)
from scoring.text.spans import overlaps

# The frame of verbs by which a document or study shows something (reporting_verbs.tsv).
EVIDENCE_FRAME = "evidence"
# Dependents that make a word a noun phrase, not a verb the parse misread ("to his claim").
NOUN_MODIFIER_DEPS = frozenset({"poss", "det", "amod", "compound"})
# Which kinds of content each verb frame (reporting_verbs.tsv) takes.
CLAUSE_FRAMES = frozenset({"speech", "statement", "belief", "evidence", "stance", "intent"})
QUOTE_FRAMES = frozenset({"speech", "statement"})
INTENT_FRAMES = frozenset({"belief", "desire", "intent", "stance"})
OBJECT_FRAMES = frozenset({"statement", "desire", "stance", "intent"})
# Frames whose passive subject is what a "by" agent made public or judged ("The plan was
# reported by the Herald", "The bill was endorsed by the union"); a speech verb's passive
# subject is its listener ("was told by").
PASSIVE_SUBJECT_FRAMES = frozenset({"statement", "stance"})
# Frames whose object comes before a "to" clause: "urged [voters to act]".
OBJECT_FIRST_FRAMES = frozenset({"stance"})
# Parts of speech of the words that can cue a statement past "according to".
CUE_POS = frozenset({"VERB", "AUX", "NOUN"})
# The frame of verbs whose object is what was said ("announced a plan", reporting_verbs.tsv).
STATEMENT_FRAME = "statement"
# Frame given to a verb outside the lexicon that has a "that" clause.
THAT_CLAUSE_FRAME = "belief"
# Subjects that make a "that" clause the narrator's ("it appears that", "this means that").
EXPLETIVES = frozenset({"it", "this", "that", "there", "which"})
# Speech verbs of asking, whose "about" phrase is what was asked ("asked the mayor about the
# budget"); not as a passive participle ("Asked about the merger, the chairman smiled": he was
# the one asked).
ASKING_VERBS = frozenset({"ask"})
# Speech verbs of going on, whose "as" clause is a time ("as the strike continued").
ASPECTUAL_VERBS = frozenset({"continue"})
# Verbs whose "as" clause is no "as X said": talking ("as he spoke") and going on.
NOT_AS_SAID_VERBS = TOPIC_ONLY_VERBS | ASPECTUAL_VERBS
# Dependents by which "as X said" has content of its own ("as she said [goodbye]"), not the
# clause it hangs on.
AS_SAID_OWN_CONTENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd", "acomp", "dative"})
# "made it clear that", "made the case that": idioms of stating with their "that" clause.
MADE_CLEAR_WORDS = frozenset({"clear", "plain"})
MADE_CASE_NOUNS = frozenset({"case", "point", "argument", "claim"})
# Most words of a quoted title before a cue ("On "Fox News Sunday," Pence said...").
MAX_TITLE_WORDS = 5
# Fewest words before a quote for them to be part of its content ("Using the tax "is...").
MIN_LEAD_WORDS = 1
# Coordinators a reported clause does not end with ("that X was true and").
TRAILING_COORDINATORS = frozenset({"and", "but", "or"})
# Where a reported clause stops when the narrator names a second source after it.
ACCORDING_TO = ", according to"
# What a reported clause cut at a paragraph end does not keep at its end.
TRAILING_JUNK = " \t\u00a0,;:\u2014\u2013-\"\u201c'`"


@dataclass(frozen=True, slots=True)
class Reported:
    """What the cues of an article report, and the quotes they claimed as their content."""

    found: tuple[Found, ...]  # outermost only, in content order
    claimed: frozenset[Range]  # every quote a cue took, kept or not (a nested cue's too)


def find_reported(parse: Parse, verbs: Mapping[str, str]) -> Reported:
    """Every attribution a reporting verb, "according to" or a headline colon cues."""
    found = _Finder(parse, verbs).run()
    taken = frozenset(piece for f in found for piece in f.pieces)
    found += [f for f in bar_credits(parse) if f.content not in taken]
    claimed = frozenset(piece for f in found for piece in f.pieces)
    colons = [f for f in headline_colons(parse) if not _crossed(parse, f, found)]
    kept = outermost(found + colons)
    kept.sort(key=lambda f: f.content[0])
    return Reported(tuple(kept), claimed)


def _crossed(parse: Parse, colon: Found, found: list[Found]) -> bool:
    """True when a verb's attribution overlaps a "Speaker: words" line: the line is then part of
    what the verb reports, or a label ("The Latest: X urges..."). In a transcript, whose speakers
    are written in capitals ("TAPPER: ... I think ..."), a cue inside the line is the speaker's
    own words, left to the line's attribution."""
    start, end = colon.content
    transcript = colon.source is not None and parse.text[slice(*colon.source)].isupper()
    return any(
        f.content[0] < end
        and start < f.content[1]
        and not (transcript and f.cue is not None and start <= f.cue[0] and f.cue[1] <= end)
        for f in found
    )


class _Finder(ClauseContents, ObjectContents):
    """Reads one parsed article's tokens once, in order, for the cues they are."""

    def __init__(self, parse: Parse, verbs: Mapping[str, str]) -> None:
        self.parse = parse
        self.doc = parse.doc
        self.text = parse.text
        self.verbs = verbs
        self.quotes = QuoteLinker(parse)

    def run(self) -> list[Found]:
        """Attributions cued by verbs and "according to", in cue order; a quote one takes is
        not another's."""
        found: list[Found] = []
        claimed: set[Range] = set()
        for token in self.doc:
            for attribution in self._at(token, claimed):
                found.append(attribution)
                claimed.update(attribution.pieces)
        return found

    def _at(self, token: Token, claimed: Set[Range]) -> Iterator[Found]:
        if self.parse.quotes.inside(token.idx):
            return  # the speaker's own words: reported inside the quote's attribution
        if token.lower_ == "according" and token.i + 1 < len(self.doc):
            yield from according_to(self.parse, token)
            return
        if _cue_read_as_modifier(token) and self._frame(token) in QUOTE_FRAMES:
            yield from self._inverted(token, claimed)
            return
        if token.pos_ not in CUE_POS:
            return  # only verbs and nouns cue a statement here: most tokens stop at this test
        if _infinitive_read_as_noun(token) and self.verbs.get(token.lower_) in QUOTE_FRAMES:
            yield from self._quick_to(token, claimed)
            return
        if _verb_read_as_noun(token) and self._frame(token) is not None:
            yield from self._verb(token, str(self._frame(token)), claimed)  # "Trump claims that"
            return
        if token.pos_ == "NOUN" and token.lemma_.lower() in REPORTING_NOUNS:
            yield from reporting_noun(self.parse, token)
            return
        if _as_put_it(token):
            yield from self._put_it(token)
            return
        if self._as_reported(token):
            yield from self._as_said(token)
            return
        if token.lemma_.lower() == "make" and occurs(token):
            yield from self._made_clear(token)
            return
        frame = self._frame(token)
        if frame is None and token.pos_ == "VERB" and self._reports_that(token):
            frame = THAT_CLAUSE_FRAME  # any verb with a "that" clause, but not a deed or "know"
            if token.lemma_.lower() in NOT_STATEMENT_VERBS:
                return
        if self._topic_of_cue(token):
            return  # "said Lee, speaking of the mayor's health": what the quote was about
        if _free_relative(token) and self._frame(token.head) is not None:
            return  # "wrote [what she thought] ...": the view is what the outer verb reports
        if frame is not None and token.pos_ in VERBS and occurs(token):
            yield from self._verb(token, frame, claimed)

    def _quick_to(self, token: Token, claimed: Set[Range]) -> Iterator[Found]:
        """ "X was quick to retort: "..."" with "retort" read as a noun: the quote it leads to,
        said by the subject of the adjective's verb."""
        verb = token.head.head.head  # retort <- to <- quick <- was
        if not occurs(verb):
            return
        source, holder, _ = speaker(self.parse, verb)
        cue = (token.idx, token.idx + len(token.text))
        quotes = self.quotes.adjacent(cue, None, claimed)
        if source is None or not quotes or quotes[0][0] < cue[0]:
            return
        whole = (quotes[0][0], quotes[-1][1])
        yield Found("direct", whole, cue, source, holder, self.parse.sents.at(whole[0]), (*quotes,))

    def _inverted(self, token: Token, claimed: Set[Range]) -> Iterator[Found]:
        """ ""...," added Lauten, who works for..." with "added" read as a modifier of the name:
        the quote before it, said by the name."""
        name = token.head
        phrase = source_chars(self.parse, name)  # the cue is in the name's subtree: start after it
        cue = (token.idx, token.idx + len(token.text))
        if phrase is None:
            return
        source = (self.doc[token.i + 1].idx, phrase[1])
        quotes = self.quotes.adjacent((cue[0], source[1]), None, claimed)
        if not quotes or quotes[0][1] > cue[0]:
            return
        whole = (quotes[0][0], quotes[-1][1])
        sentence = self.parse.sents.at(whole[0])
        yield Found("direct", whole, cue, source, int(name.i), sentence, (*quotes,))

    def _lead_in(self, token: Token, cluster: Range, quote: Range) -> int:
        """Where a content starts whose cue interrupts it before a quote ("The plan, Roe said,
        "is a waste""): at the clause's first word, the words before the cue being part of what
        was said; else at the quote."""
        head = token.head
        if quote[1] <= cluster[0]:
            return self._flows_into(quote)
        if token.dep_ != "parataxis" or head == token or quote[0] < cluster[1]:
            return quote[0]
        if self.parse.gaps.last_visible(0, cluster[0]) != ",":
            return quote[0]
        sent = self.parse.sents.spans[self.parse.sents.of_token[token.i]]
        lead = chars(self.doc, max(head.left_edge.i, sent.start), token.left_edge.i - 1)
        if lead is None or lead[0] >= cluster[0] or self.parse.quotes.inside(lead[0]):
            return quote[0]
        if self.parse.gaps.has_sentence_mark(lead[0], cluster[0]):
            return quote[0]
        return lead[0]

    def _flows_into(self, quote: Range) -> int:
        """Where the content of a quote its cue trails starts: at its sentence's first word when
        the sentence's words run into the quote with no mark between ("Using the tax "is a
        misguided approach," Roe said"), the words before it being part of what was said."""
        start = self.parse.sents.spans[self.parse.sents.at(quote[0])].start_char
        gaps = self.parse.gaps
        if gaps.words(start, quote[0]) < MIN_LEAD_WORDS or self.parse.quotes.inside(start):
            return quote[0]
        if not gaps.last_visible(start, quote[0]).isalnum():
            return quote[0]  # "He said, "...," ...": a mark ends the words before the quote
        lead = self.doc.char_span(start, quote[0], alignment_mode="expand")
        words = [t for t in lead or () if t.idx + len(t.text) <= quote[0]]
        if lead is None or any(t.is_quote or self._reporting_verb(t) for t in words):
            return quote[0]  # "she said, but as Trump went on about "...": another's words
        return self.parse.first_word((start, quote[0]))

    def _topic_of_cue(self, token: Token) -> bool:
        """True for a participle of speaking about something that hangs on another reporting
        verb ("..., said Lee, speaking of the mayor's health"): the topic of that verb's words,
        not a second statement."""
        return (
            token.tag_ == "VBG"
            and token.lemma_.lower() in TOPIC_ONLY_VERBS
            and token.head != token
            and self._reporting_verb(token.head)
        )

    def _noun_before_clause(self, token: Token) -> bool:
        """True when a reporting noun between a verb and its "that" clause owns the clause."""
        clause = next((c for c in token.rights if c.dep_ in CLAUSE_DEPS), None)
        between = self.doc[token.i + 1 : clause.left_edge.i] if clause is not None else ()
        return any(t.lemma_ in REPORTING_NOUNS and noun_clause(t) is not None for t in between)

    def _reporting_verb(self, token: Token) -> bool:
        return token.pos_ == "VERB" and self._frame(token) is not None

    def _put_it(self, token: Token) -> Iterator[Found]:
        """ "As X put it, ..." / "..., as X put it": X said the clause the phrase hangs on."""
        source, holder, _ = speaker(self.parse, token)
        it = next(c for c in token.children if c.dep_ == "dobj")
        phrase = chars(self.doc, token.left_edge.i, token.right_edge.i)
        if source is None or phrase is None:
            return
        content = around_phrase(self.parse, token, phrase)
        if content is None or overlaps(content, phrase):
            return
        cue = (token.idx, it.idx + len(it.text))
        found = self._reported(token, content, (cue, source, holder), frozenset())
        if found is not None:
            yield found

    def _as_reported(self, token: Token) -> bool:
        """True for the verb of "as X said", "as the report showed" hanging on the clause X said:
        a reporting verb with "as" and nothing of its own to report ("as she said goodbye" has
        its object; "as he spoke" is a time)."""
        if token.dep_ != "advcl" or token.head.pos_ not in VERBS:
            return False  # most tokens stop here; "as wealthy as he claims" is a comparison
        frame = self._frame(token)
        return (
            any(c.dep_ == "nsubj" for c in token.children)  # not "failed, as predicted"
            and (frame in QUOTE_FRAMES or frame == EVIDENCE_FRAME)
            and token.lemma_.lower() not in NOT_AS_SAID_VERBS
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
            and not any(c.dep_ in AS_SAID_OWN_CONTENT_DEPS for c in token.children)
            and occurs(token)
        )

    def _as_said(self, token: Token) -> Iterator[Found]:
        """ "..., as police have said": the police said the clause the phrase hangs on."""
        source, holder, cue = speaker(self.parse, token)
        phrase = chars(self.doc, token.left_edge.i, token.right_edge.i)
        if source is None or phrase is None:
            return
        sent = self.parse.sents.spans[self.parse.sents.of_token[token.i]]
        before = [t for t in self.doc[sent.start : token.left_edge.i] if not t.is_punct]
        if before and before[-1].pos_ == "CCONJ":  # "A, and, as the Herald notes, B": X notes B
            content = chars(self.doc, token.right_edge.i + 1, sent.end - 1)
        else:
            content = around_phrase(self.parse, token, phrase)
        if content is None or overlaps(content, phrase):
            return
        found = self._reported(token, content, (cue, source, holder), frozenset())
        if found is not None:
            yield found

    def _made_clear(self, token: Token) -> Iterator[Found]:
        """ "made it clear that...", "made the case that...": a statement by the idiom's subject."""
        found = _idiom_clause(token)
        if found is None:
            return
        last, clause = found
        source, holder, _ = speaker(self.parse, token)
        content = self._clause(clause)
        if source is None or content is None:
            return
        cue = (token.idx, last.idx + len(last.text))
        reported = self._reported(token, content, (cue, source, holder), frozenset())
        if reported is not None:
            yield reported

    def _reports_that(self, token: Token) -> bool:
        """A verb outside the lexicon with a "that" clause and someone to say it."""
        if not has_that_clause(token) or any(c.dep_ == "dobj" for c in token.children):
            return False  # "fueled fears that...": the clause is the object's
        if degree_result(token):
            return False  # "laughed so often that...": a result clause, not a report
        if now_that(token):
            return False  # "are panicking now that the bill is due": a time, not a report
        if self._noun_before_clause(token):
            return False  # "seizing upon a report that...": the report's clause
        subject = subject_of(self.parse, token)
        return subject is not None and subject.lower_ not in EXPLETIVES

    # -- reporting verbs -------------------------------------------------------------------

    def _verb(self, token: Token, frame: str, claimed: Set[Range]) -> Iterator[Found]:
        source, holder, cue = speaker(self.parse, token)
        cluster = cue
        if source is not None and not self._inherited(token):
            cluster = (min(cue[0], source[0]), max(cue[1], source[1]))
        content = self._content(token, frame, cluster)
        colon = source is None or source[1] <= cue[0]
        clause = self._reported_clause(token)  # "what she thought" is an object, not a clause
        is_object = clause is None or self.doc[clause.left_edge.i].tag_ in RELATIVE_TAGS
        quotes = (
            self.quotes.adjacent(cluster, content, claimed, colon=colon, is_object=is_object)
            if frame in QUOTE_FRAMES
            else []
        )
        if quotes and clause is not None and self._says_after(token, clause):
            quotes = [q for q in quotes if not self._title_before(q, cluster)]
        if quotes:
            whole = (self._lead_in(token, cluster, quotes[0]), quotes[-1][1])
            sentence = self.parse.sents.at(whole[0])
            yield Found("direct", whole, cue, source, holder, sentence, tuple(quotes))
            return
        block = self._block_after(cluster) if content is None and frame in QUOTE_FRAMES else None
        if block is not None:  # "The governor added:" and the next paragraph, unquoted
            sentence = self.parse.sents.at(block[0])
            yield Found("direct", block, cue, source, holder, sentence, (block,))
            return
        if content is None:
            return
        if self._inherited(token) and (frame not in QUOTE_FRAMES or clause is None):
            return  # "by saying that...": said; "by using X to prove...", "assuming that": not
        if self._inherited(token) and source is not None and self._expletive(source):
            return  # "It goes without saying that...": the narrator's
        if source and overlaps(content, source) and not self._inside(token, content, cluster):
            return
        reported = self._reported(token, content, (cue, source, holder), claimed)
        empty = source is None and impersonal(token)
        if reported is not None and tied_to_source(reported.kind, source, empty):
            yield replace(reported, impersonal=empty)

    def _says_after(self, token: Token, clause: Token) -> bool:
        """True when a cue's clause comes after it, outside quotes: a quote before the cue is
        then a title ("On "Fox News Sunday," Pence said his running mate...")."""
        first = self.doc[clause.left_edge.i]
        return clause.i > token.i and not self.parse.quotes.inside(first.idx)

    def _title_before(self, quote: Range, cluster: Range) -> bool:
        """True for a short quote before a cue whose clause follows it: a title ("On "Fox News
        Sunday," Pence said...")."""
        return quote[1] <= cluster[0] and self.parse.gaps.words(*quote) <= MAX_TITLE_WORDS

    def _expletive(self, source: Range) -> bool:
        return self.text[source[0] : source[1]].lower() in EXPLETIVES

    def _inherited(self, token: Token) -> bool:
        """True when a verb takes its subject from a verb it hangs on through a preposition
        ("Ray waves at Reed before [telling] him, "...""): the cue stands alone between
        quotes, the subject being far from it."""
        subject = subject_of(self.parse, token)
        if subject is None:
            return False
        current = token
        while current != subject.head and current.head != current:
            if current.dep_ == "prep":
                return True
            current = current.head
        return False

    def _reported(
        self,
        token: Token,
        content: Range,
        speaker: tuple[Range, Range | None, int | None],
        claimed: Set[Range],
    ) -> Found | None:
        content = self._without_coordinator(self._within_paragraph(self._whole_words(content)))
        quote = self.quotes.covering(content, claimed)
        if quote is None and self.parse.quotes.inside(content[0]):
            return None  # a clause starting mid-quote is a misparse of the quote and its cue
        if quote is not None:
            kind, content = "direct", quote
        else:
            kind, content = "indirect", self.quotes.closing(content)
        sents = self.parse.sents
        sentence = min(sents.of_token[token.i], sents.at(content[0]))
        pieces = (quote,) if quote is not None else ()
        return Found(kind, content, speaker[0], speaker[1], speaker[2], sentence, pieces)

    def _content(self, token: Token, frame: str, cluster: Range) -> Range | None:
        children = list(token.rights)
        content = None
        if frame in CLAUSE_FRAMES:
            clause = self._reported_clause(token)
            content = self._clause(clause, split_predicate(token, clause) or goes_on(token))
        if content is None and frame in QUOTE_FRAMES:
            content = self._clause(next((c for c in children if gerund_clause(c)), None))
        if content is None and frame in QUOTE_FRAMES:
            content = self._parenthetical(token, cluster)
        if content is None and frame in QUOTE_FRAMES:
            content = self._fragment_before(token, cluster)
        if content is None and frame in QUOTE_FRAMES:
            content = self._directive(token)
        if content is None and frame in QUOTE_FRAMES:
            content = self._same_thing(token)
        if (
            content is None
            and frame in QUOTE_FRAMES
            and token.lemma_.lower() not in ASPECTUAL_VERBS
        ):
            content = self._gerund_object(children)  # "admitted using the loophole"
        if content is None and token.lemma_.lower() in ASKING_VERBS and token.tag_ != "VBN":
            content = self._object(list(token.rights), False, topic_only=True)  # "asked X about Y"
        if content is None and frame == EVIDENCE_FRAME and self._document_subject(token):
            content = self._finding(token)
        lemma = token.lemma_.lower()
        takes_object = lemma not in OBJECT_NOT_SAID_VERBS
        completed = lemma in NEEDS_COMPLEMENT_VERBS
        if content is None and frame in OBJECT_FIRST_FRAMES and takes_object:
            content = self._object(children, completed, lemma in TOPIC_ONLY_VERBS)
        if content is None and frame in INTENT_FRAMES and intent_clause_allowed(token, frame):
            content = self._clause(next((c for c in children if c.dep_ in INTENT_DEPS), None))
        if content is None and frame in OBJECT_FRAMES and takes_object:
            said = frame == STATEMENT_FRAME
            content = self._object(children, completed, lemma in TOPIC_ONLY_VERBS, said=said)
        if content is None and frame in PASSIVE_SUBJECT_FRAMES and takes_object and not completed:
            content = self._passive_subject(token)
        return content

    def _gerund_object(self, children: list[Token]) -> Range | None:
        """What a speaker admitted, denied or cited as a gerund clause ("admitted using the
        loophole", "denied taking the money"), with what completes it ("cited improving X as a
        priority")."""
        gerund = next((c for c in children if _gerund_object(c)), None)
        if gerund is None:
            return None
        last = gerund.right_edge.i
        for sibling in (c for c in children if c.i > gerund.i):
            if sibling.dep_ != "prep" or sibling.lower_ != "as" or sibling.i != last + 1:
                break
            last = sibling.right_edge.i  # "cited improving X [as a top priority]"
        return chars(self.doc, gerund.left_edge.i, last)

    def _whole_words(self, content: Range) -> Range:
        """Start a content at the start of its first word (the parser splits "e-mails")."""
        start = content[0]
        while start > 0 and (self.text[start - 1].isalnum() or self.text[start - 1] == "-"):
            start -= 1
        return start, content[1]

    def _without_coordinator(self, content: Range) -> Range:
        """Drop a coordinator the parse left at a clause's end ("that X was true and")."""
        words = self.text[content[0] : content[1]].rsplit(None, 1)
        if len(words) == 2 and words[1].lower() in TRAILING_COORDINATORS:
            return content[0], content[0] + len(words[0])
        return content

    def _within_paragraph(self, content: Range) -> Range:
        """Cut a reported clause at the end of its paragraph (a quote may run on; a clause not)
        and before an "according to" the narrator adds after it."""
        cited = self.text.find(ACCORDING_TO, content[0], content[1])
        if cited > content[0] and not self.parse.quotes.inside(cited):
            content = content[0], cited
        stop = self.parse.gaps.first_newline(content[0], content[1])
        if stop < 0:
            return content
        while stop > content[0] and self.text[stop - 1] in TRAILING_JUNK:
            stop -= 1
        return content[0], stop


def _idiom_clause(make: Token) -> tuple[Token, Token] | None:
    """The last word of "made it clear" / "made the case" and the "that" clause it reports."""
    for child in make.children:
        clear = child.dep_ == "ccomp" and child.lower_ in MADE_CLEAR_WORDS  # "made it clear"
        case = child.dep_ == "dobj" and child.lemma_.lower() in MADE_CASE_NOUNS  # "the case"
        clause = next((c for c in child.children if that_marked(c)), None)
        if (clear or case) and clause is not None:
            return child, clause
    return None


def _gerund_object(child: Token) -> bool:
    """True for a gerund clause a verb takes as its object ("admitted [using the loophole]"):
    no mark between them, not a participle of manner after a comma ("said, smiling"), not a
    "to" clause."""
    head = child.head
    return (
        child.dep_ == "xcomp"
        and child.tag_ == "VBG"
        and head.i < child.i
        and not any(t.is_punct for t in child.doc[head.i + 1 : child.i])
        and not any(c.dep_ == "aux" for c in child.children)
    )


def _verb_read_as_noun(token: Token) -> bool:
    """True for a verb with a subject and a "that" clause that the parse read as a plural noun
    ("Reed [claims] that he is owed a refund")."""
    return (
        token.pos_ == "NOUN"
        and token.tag_ == "NNS"
        and any(c.dep_ == "nsubj" for c in token.children)
        and has_that_clause(token)
    )


def _cue_read_as_modifier(token: Token) -> bool:
    """True for a past-tense cue right after a closing quote that the parse read as a modifier
    of the name after it (""...," [added] Lauten, who...": "added" an adjective of "Lauten")."""
    if token.dep_ != "amod" or token.tag_ != "VBD" or token.i == 0:
        return False
    name = token.head
    return name.pos_ == "PROPN" and name.i > token.i and token.doc[token.i - 1].is_quote


def _infinitive_read_as_noun(token: Token) -> bool:
    """True for a verb after "to" and an adjective that the parse read as a noun ("was quick
    to [retort]")."""
    if token.pos_ != "NOUN" or token.dep_ != "pobj":
        return False
    to = token.head
    return (
        to.lower_ == "to"
        and to.head.pos_ == "ADJ"
        and to.head.head != to.head
        and not any(c.dep_ in NOUN_MODIFIER_DEPS for c in token.children)  # "contrary to his claim"
    )


def _free_relative(verb: Token) -> bool:
    """True for the verb of a free relative object ("wrote [what she thought]"): its "what"
    comes before it."""
    return verb.dep_ in CLAUSE_DEPS and any(
        c.dep_ == "dobj" and c.tag_ == "WP" and c.i < verb.i for c in verb.children
    )


def _as_put_it(token: Token) -> bool:
    """True for the "put" of "as X put it" hanging on the clause X said."""
    return (
        token.lemma_.lower() == "put"
        and token.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    )
