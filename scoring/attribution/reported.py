"""Reported speech on the parse: each cue (reporting verb, "according to", headline colon) with
its source and content.

The first stage of attribution: ``find_reported`` reads the tokens once and returns the
attributions found as character ranges with the quotes their cues claimed (the quote next to a
cue comes from ``scoring.attribution.direct``, the speaker from ``scoring.attribution.speakers``);
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

import re
from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass, replace

from spacy.tokens import Token

from scoring.attribution.direct import QuoteLinker
from scoring.attribution.phrases import (
    REPORTING_NOUNS,
    according_to,
    around_phrase,
    bar_credits,
    headline_colons,
    reporting_noun,
)
from scoring.attribution.records import Found, Parse, Range, chars, outermost
from scoring.attribution.speakers import subject_of
from scoring.attribution.statements import (
    FINDING_SOURCES,
    NEEDS_COMPLEMENT_VERBS,
    NOT_STATEMENT_VERBS,
    OBJECT_NOT_SAID_VERBS,
    TOPIC_ONLY_VERBS,
    impersonal,
    intent_clause_allowed,
    occurs,
    speaker,
    tied_to_source,
)
from scoring.text.spans import overlaps

CLAUSE_DEPS = frozenset({"ccomp"})
# The frame of verbs by which a document or study shows something (reporting_verbs.tsv).
EVIDENCE_FRAME = "evidence"
# Dependencies of what a document shows or found, first after the verb.
FINDING_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd"})
# A clause with one of these has a subject of its own.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Dependents that make a word a noun phrase, not a verb the parse misread ("to his claim").
NOUN_MODIFIER_DEPS = frozenset({"poss", "det", "amod", "compound"})
# Subordinators of a narrator's concession after a reported clause (", although he refused").
CONCESSIVE_MARKS = frozenset({"although", "though", "whereas"})
# Marks after which a clause is not what a later cue reports ("...on Friday: Republicans said").
CLAUSE_BREAKS = frozenset({":", ";"})
INTENT_DEPS = frozenset({"xcomp"})
# Dependencies by which a parenthetical cue hangs off the clause it reports ("X will stall,
# officials said" parsed with "said" under "stall").
PARENTHETICAL_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj", "dep"})
OBJECT_DEPS = frozenset({"dobj", "oprd", "prep"})
# What may complete an object content: "called the deal [a disaster]", "accused X [of lying]".
OBJECT_COMPLEMENT_DEPS = frozenset({"oprd", "xcomp", "ccomp"})
OBJECT_PREPOSITIONS = frozenset({"for", "of", "as"})
# Marks around a quoted label, single ones included (no quote for the quote index).
LABEL_OPENING_MARKS = frozenset("\u2018\u201c'\"")
LABEL_CLOSING_MARKS = frozenset("\u2019\u201d'\"")
# Parts of speech of an object's conjunct that the parse hung on the verb ("called X and Y").
NOUN_POS = frozenset({"NOUN", "PROPN", "PRON"})
# Dependents of a conjunct that carry a judgement's label ("Y [a ploy]").
LABEL_DEPS = frozenset({"appos", "oprd"})
# The parser's tag of a closing quotation mark, and prepositions of a time or occasion.
CLOSING_QUOTE_TAG = "''"
ADJUNCT_PREPOSITIONS = frozenset({"during", "at", "after", "before", "on", "while", "since"})
# Prepositions whose phrase right after an object modifies it, and entity types of adjuncts.
OBJECT_MODIFIER_PREPOSITIONS = frozenset({"in", "about", "with", "by", "from", "between"})
ADJUNCT_ENTITIES = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT", "ORG"})
# Occasions of speaking: "in [an interview]" says where something was said, not what.
SPEECH_EVENT_NOUNS = frozenset(
    {"interview", "speech", "remark", "diatribe", "appearance", "address", "hearing", "debate"}
    | {"rally", "conference", "briefing", "tweet", "session", "broadcast", "show", "program"}
)
# Prepositions that complete no judgement's object ("called a strike for Monday").
NOT_COMPLETING_PREPOSITIONS = frozenset({"for"})
# Prepositions whose object is what a source speaks about or stands for ("talked about").
TOPIC_PREPOSITIONS = frozenset({"about", "for", "to", "on", "against", "of"})
# The prepositions whose object is what a source spoke about, for verbs whose other objects are
# whom or how they spoke to ("spoke about the plan", not "talked to reporters"; role
# ``topic_only`` in reporting_verbs.tsv).
SPOKEN_TOPIC_PREPOSITIONS = frozenset({"about", "of", "against"})
# Which kinds of content each verb frame (reporting_verbs.tsv) takes.
CLAUSE_FRAMES = frozenset({"speech", "statement", "belief", "evidence", "stance", "intent"})
QUOTE_FRAMES = frozenset({"speech", "statement"})
INTENT_FRAMES = frozenset({"belief", "desire", "intent", "stance"})
OBJECT_FRAMES = frozenset({"statement", "desire", "stance", "intent"})
# Frames whose object comes before a "to" clause: "urged [voters to act]".
OBJECT_FIRST_FRAMES = frozenset({"stance"})
# Frame given to a verb outside the lexicon that has a "that" clause.
THAT_CLAUSE_FRAME = "belief"
VERBS = ("VERB", "AUX")
# Subjects that make a "that" clause the narrator's ("it appears that", "this means that").
EXPLETIVES = frozenset({"it", "this", "that", "there", "which"})
TIME_ENTITIES = frozenset({"DATE", "TIME"})
# "made it clear that", "made the case that": idioms of stating with their "that" clause.
MADE_CLEAR_WORDS = frozenset({"clear", "plain"})
MADE_CASE_NOUNS = frozenset({"case", "point", "argument", "claim"})
# Nouns of an adverbial of frequency the parser may read as an object ("noted several times").
FREQUENCY_NOUNS = frozenset({"times", "occasions"})
# Most words of a quoted title before a cue ("On "Fox News Sunday," Pence said...").
MAX_TITLE_WORDS = 5
# Particles that make a reporting verb another act unless the lexicon lists the phrasal verb.
OTHER_ACT_PARTICLES = frozenset({"in", "off", "up", "back", "down", "over"})
# A colon that ends a cue's paragraph, before the block of words it introduces.
BLOCK_LEAD = re.compile(r"[ \t\u00a0]*:[ \t\u00a0]*\n+[ \t\u00a0]*")
BLOCK_OPENING_MARKS = frozenset("\"'\u201c\u2018\u201d")
# Fewest words before a quote for them to be part of its content ("Using the tax "is...").
MIN_LEAD_WORDS = 2
# Fewest tokens a content keeps before an aside is cut from it.
MIN_ASIDE_OFFSET = 2
# Tags of relative pronouns ("which", "who", "that") that open a relative clause.
RELATIVE_TAGS = frozenset({"WDT", "WP"})
# Degree words whose "that" clause is a result ("so often that"), read for verbs off the lexicon.
RESULT_DEGREE_WORDS = frozenset({"so", "such"})
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


class _Finder:
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
        if token.lemma_.lower() == "make" and occurs(token):
            yield from self._made_clear(token)
            return
        frame = self._frame(token)
        if frame is None and token.pos_ == "VERB" and self._reports_that(token):
            frame = THAT_CLAUSE_FRAME  # any verb with a "that" clause, but not a deed or "know"
            if token.lemma_.lower() in NOT_STATEMENT_VERBS:
                return
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

    def _frame(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ == "prt" and f"{lemma} {child.lower_}" in self.verbs:
                return self.verbs[f"{lemma} {child.lower_}"]
            if child.dep_ == "prt" and child.lower_ in OTHER_ACT_PARTICLES:
                return None  # "called in to a town hall", "called off the strike": not speech
        frame = self.verbs.get(lemma)
        if frame is None and token.lower_.endswith(("es", "ed")):
            frame = self.verbs.get(token.lower_[:-1])  # the model reads "hoped" as "hop"
        return frame

    def _reports_that(self, token: Token) -> bool:
        """A verb outside the lexicon with a "that" clause and someone to say it."""
        if not _has_that_clause(token) or any(c.dep_ == "dobj" for c in token.children):
            return False  # "fueled fears that...": the clause is the object's
        if _degree_result(token):
            return False  # "laughed so often that...": a result clause, not a report
        if _now_that(token):
            return False  # "are panicking now that the bill is due": a time, not a report
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
        ("Blige sings to Clinton before [asking] her, "...""): the cue stands alone between
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
            content = self._clause(clause, _split_predicate(token, clause) or _goes_on(token))
        if content is None and frame in QUOTE_FRAMES:
            content = self._clause(next((c for c in children if _gerund_clause(c)), None))
        if content is None and frame in QUOTE_FRAMES:
            content = self._parenthetical(token, cluster)
        if content is None and frame in QUOTE_FRAMES:
            content = self._directive(token)
        if content is None and frame in QUOTE_FRAMES:
            content = self._same_thing(token)
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
            content = self._object(children, completed, lemma in TOPIC_ONLY_VERBS)
        return content

    def _block_after(self, cluster: Range) -> Range | None:
        """The paragraph a cue ending its own paragraph with a colon introduces ("Lee added:"
        then the words, set as a block without quotation marks)."""
        match = BLOCK_LEAD.match(self.text, cluster[1])
        if match is None or self.text[match.end() : match.end() + 1] in BLOCK_OPENING_MARKS:
            return None  # a quoted paragraph is the quotes' to link
        end = self.text.find("\n", match.end())
        block = (match.end(), len(self.text) if end < 0 else end)
        span = self.doc.char_span(*block, alignment_mode="expand")
        return None if span is None or not len(span) else chars(self.doc, span.start, span.end - 1)

    def _same_thing(self, token: Token) -> Range | None:
        """What was said by reference to another statement: "said [the same thing]", "said [as
        much]", "said [the same of the mayor]"."""
        said = next((c for c in token.rights if _anaphoric(c)), None)
        if said is None:
            return None
        last = said.i if said.dep_ == "advmod" else said.right_edge.i  # not "much [in an ...]"
        return chars(self.doc, said.left_edge.i, last)

    def _document_subject(self, token: Token) -> bool:
        """True when a verb's subject is a document or figures ("the poll shows")."""
        subject = subject_of(self.parse, token)
        return subject is not None and subject.lemma_.lower() in FINDING_SOURCES

    def _finding(self, token: Token) -> Range | None:
        """What a document shows or found as its object with what completes it ("the average
        shows [Clinton with a lead in the low single digits]"), up to a comma."""
        rights = [c for c in token.rights if c.dep_ != "punct"]
        if not rights or rights[0].dep_ not in FINDING_DEPS:
            return None  # "showed on Tuesday" says when, not what
        first, last = rights[0].left_edge.i, rights[0].right_edge.i
        for child in rights[1:]:
            if self.doc[child.left_edge.i - 1].text == ",":
                break
            last = child.right_edge.i
        return chars(self.doc, first, self._before_aside(first, last))

    def _directive(self, token: Token) -> Range | None:
        """What a speaker asked someone to do: "asked [the crowd to welcome the governor]",
        "pleaded with residents [not to panic]" (a request is said; with no one asked, "asked to
        leave" is no statement)."""
        clause = next((c for c in token.rights if _to_clause(c)), None)
        if clause is None:
            return None
        asked = next((c for c in token.children if c.dep_ == "dobj" and c.i < clause.i), None)
        pleaded = any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
        if asked is None and not pleaded:
            return None
        first = asked.left_edge.i if asked is not None else clause.left_edge.i
        return self.quotes.closing_or_none(chars(self.doc, first, clause.right_edge.i))

    def _reported_clause(self, token: Token) -> Token | None:
        """The clause a verb reports: the first after it ("said [they were convinced]"), else one
        before it joined by a comma or quote ("X, officials said"); a clause before a colon or
        semicolon is the narrator's ("X set off fireworks: Republicans said they...")."""
        clauses = [c for c in token.children if c.dep_ in CLAUSE_DEPS]
        clauses += [c for o in token.children if o.dep_ == "dobj" for c in _misread_that(o)]
        clauses += [c for c in token.rights if c.dep_ == "advcl" and _opens_with_that(c)]
        after = next((c for c in clauses if c.i > token.i), None)
        if after is not None or not clauses:
            return after
        before = clauses[0]
        between = self.doc[before.right_edge.i + 1 : token.left_edge.i]
        return None if any(t.text in CLAUSE_BREAKS for t in between) else before

    def _clause(self, head: Token | None, predicate: Token | None = None) -> Range | None:
        """A reported clause without a trailing reporting participle of the narrator's (", adding
        that"); another participle is the clause's own (", allowing people to see..."). A
        ``predicate`` the parse split off the clause ("that A and B, aged 16 and 13, | should
        stay home") ends it instead of the head."""
        if head is None:
            return None
        first = head.left_edge.i
        last = self._clause_end(predicate if predicate is not None else head)
        return chars(self.doc, first, self._before_aside(first, last))

    def _clause_end(self, head: Token) -> int:
        """The last token of a clause, before a comma and a reporting participle or "according"."""
        for child in head.rights:
            comma = self.doc[child.left_edge.i - 1].text == ","
            participle = child.dep_ == "advcl" and child.tag_ == "VBG"
            reporting = participle and self._frame(child) is not None  # not ", allowing X"
            if comma and (reporting or child.lower_ == "according"):
                return int(child.left_edge.i) - 1  # ", adding that" / ", according to the Post"
            if comma and child.dep_ == "advcl" and _concessive(child):
                return int(child.left_edge.i) - 1  # ", although he again refused to..."
        return int(head.right_edge.i)

    def _before_aside(self, first: int, last: int) -> int:
        """Where a content ends without a trailing aside of the narrator's on its last noun: an
        appositive or a "which"/"who" clause after a comma ("...with NATO, the alliance that
        includes..."; "...Ted Cruz, who says he is honored")."""
        for token in self.doc[first : last + 1]:
            if token.right_edge.i < last or token.i <= first + MIN_ASIDE_OFFSET:
                continue  # an aside runs to the content's end
            comma = self.doc[token.left_edge.i - 1]
            if comma.text != "," or comma.i <= first:
                continue
            if token.dep_ == "appos" or (
                token.dep_ == "relcl" and self.doc[token.left_edge.i].tag_ in RELATIVE_TAGS
            ):
                return comma.i - 1
        return last

    def _object(
        self, children: list[Token], needs_complement: bool, topic_only: bool = False
    ) -> Range | None:
        """The object with what completes it: "called [the deal a disaster]", "accused [X of Y]".

        With ``needs_complement`` a bare object is no content ("called 911").
        """
        index = next((n for n, c in enumerate(children) if _is_object(c, topic_only)), None)
        if index is None:
            return None
        thing = children[index]
        completed = thing.dep_ == "prep"  # "called for a ceasefire", "called on X to..."
        if thing.dep_ == "prep":
            thing = next((c for c in thing.children if c.dep_ in ("pobj", "pcomp")), thing)
        completed = completed or any(c.dep_ == "appos" for c in thing.children)  # X "a con"
        last = thing.right_edge.i
        for sibling in children[index + 1 :]:
            completes = sibling.dep_ in OBJECT_COMPLEMENT_DEPS
            if needs_complement and sibling.lower_ in NOT_COMPLETING_PREPOSITIONS:
                break  # "called a strike [for Monday]" is a deed, not a judgement
            if sibling.dep_ == "cc" and _noun_conjunct(sibling):
                continue
            if sibling.dep_ == "conj" and sibling.pos_ in NOUN_POS:  # "called [X and Y] a ploy"
                last = sibling.right_edge.i
                completed = completed or any(c.dep_ in LABEL_DEPS for c in sibling.children)
                continue
            if not completes and sibling.lower_ not in OBJECT_PREPOSITIONS:
                if sibling.dep_ == "prep" and self._modifies_object(sibling, last):
                    last = sibling.right_edge.i  # "revealed a gulf [in the way they...]"
                    continue
                if sibling.dep_ == "prep":
                    continue  # "describes herself [on Twitter] as ...": look past the aside
                break
            last, completed = sibling.right_edge.i, True
        last = self._before_adjunct(thing.left_edge.i, last)
        bare = chars(self.doc, thing.left_edge.i, self._before_aside(thing.left_edge.i, last))
        content = self.quotes.following(bare)
        if content is not None and self._quoted_label(thing.left_edge.i, last):
            end = self.doc[last].idx + len(self.doc[last].text)  # the label's closing mark too
            return content[0], max(content[1], end)
        if needs_complement and not completed and content == bare:
            return None
        return content

    def _before_adjunct(self, first: int, last: int) -> int:
        """Where an object ends before a time or occasion after its quoted label ("blasted X as
        a "disgrace" [Wednesday on the show]", "as a "crazy system" [during a stop]")."""
        closing = next(
            (t.i for t in reversed(self.doc[first:last]) if t.tag_ == CLOSING_QUOTE_TAG), None
        )
        if closing is None:
            return last
        after = self.doc[closing + 1]
        adjunct = after.ent_type_ in TIME_ENTITIES or after.lower_ in ADJUNCT_PREPOSITIONS
        return closing if adjunct else last

    def _modifies_object(self, prep: Token, last: int) -> bool:
        """True for a preposition right after the object that the parse hung on the verb but
        that modifies the object ("a gulf [in the way...]"), not a time or place adjunct."""
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        return (
            prep.i == last + 1
            and prep.lower_ in OBJECT_MODIFIER_PREPOSITIONS
            and pobj is not None
            and pobj.ent_type_ not in ADJUNCT_ENTITIES
            and pobj.lemma_.lower() not in FINDING_SOURCES | SPEECH_EVENT_NOUNS  # "in a tweet"
        )

    def _quoted_label(self, first: int, last: int) -> bool:
        """True when an object's tokens end in a quoted label after its first word ("calls
        Obamacare 'crazy system'", the parse having made one noun phrase of them)."""
        words = self.doc[first + 1 : last + 1]
        opens = any(t.text in LABEL_OPENING_MARKS for t in words)
        return opens and self.doc[last].text in LABEL_CLOSING_MARKS

    def _parenthetical(self, token: Token, cluster: Range) -> Range | None:
        """Content of a cue that trails or interrupts the clause it reports."""
        head = token.head
        if token.dep_ not in PARENTHETICAL_DEPS or head == token:
            return None
        if _interrupts_subject(token):  # "The difference now, he told me, is that...": the cue
            head = head.head  # hangs on the subject of the clause it interrupts
        sent = self.parse.sents.spans[self.parse.sents.of_token[token.i]]
        first = max(head.left_edge.i, sent.start)
        if _interrupts(token):  # "X, officials said, has become...": the cue sits inside
            return chars(self.doc, first, min(head.right_edge.i, sent.end - 1))
        if self.parse.gaps.last_visible(0, cluster[0]) != ",":
            return None  # a trailing cue follows its clause after a comma ("X, officials said")
        last = max(head.right_edge.i, token.i)
        cue_span = self.doc.char_span(cluster[0], cluster[1], alignment_mode="expand")
        if cue_span is not None and cue_span.end >= min(last + 1, sent.end - 1):
            last = cue_span.start - 1
        return chars(self.doc, first, min(last, sent.end - 1))

    def _inside(self, token: Token, content: Range, cluster: Range) -> bool:
        """True when a cue and its source lie wholly inside the content they report: set inside
        the clause ("X, officials said, has become...") or inside a relative clause whose
        pronoun is the reported clause's subject ("the rule, which officials said will...")."""
        if not (content[0] < cluster[0] and cluster[1] < content[1]):
            return False
        if token.dep_ == "parataxis" or _goes_on(token) is not None:
            return True
        first = self.doc.char_span(content[0], content[1], alignment_mode="expand")
        return token.dep_ == "relcl" and first is not None and first[0].tag_ in RELATIVE_TAGS

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
        clause = next((c for c in child.children if _that_marked(c)), None)
        if (clear or case) and clause is not None:
            return child, clause
    return None


def _concessive(clause: Token) -> bool:
    """True for an adverbial clause the narrator sets against a reported one (", although...")."""
    return any(c.dep_ == "mark" and c.lower_ in CONCESSIVE_MARKS for c in clause.children)


def _noun_conjunct(cc: Token) -> bool:
    """True for a coordinator before a noun conjunct of the same verb ("and [the demand]")."""
    conjunct = next((c for c in cc.head.rights if c.i > cc.i and c.dep_ == "conj"), None)
    return conjunct is not None and conjunct.pos_ in NOUN_POS


def _verb_read_as_noun(token: Token) -> bool:
    """True for a verb with a subject and a "that" clause that the parse read as a plural noun
    ("Trump [claims] that he should be the exception")."""
    return (
        token.pos_ == "NOUN"
        and token.tag_ == "NNS"
        and any(c.dep_ == "nsubj" for c in token.children)
        and _has_that_clause(token)
    )


def _infinitive_read_as_noun(token: Token) -> bool:
    """True for a verb after "to" and an adjective that the parse read as a noun ("was quick
    to [retort]")."""
    to = token.head
    return (
        token.pos_ == "NOUN"
        and token.dep_ == "pobj"
        and to.lower_ == "to"
        and to.head.pos_ == "ADJ"
        and to.head.head != to.head
        and not any(c.dep_ in NOUN_MODIFIER_DEPS for c in token.children)  # "contrary to his claim"
    )


def _anaphoric(child: Token) -> bool:
    """True for an object that points back at what someone else said ("the same", "as much")."""
    if child.dep_ == "dobj":
        return child.lower_ == "same" or any(
            c.dep_ == "amod" and c.lower_ == "same" for c in child.children
        )
    return (
        child.dep_ == "advmod"
        and child.lower_ == "much"
        and any(c.lower_ == "as" for c in child.children)
    )


def _to_clause(child: Token) -> bool:
    """True for a "to" clause of a verb ("asked them [to leave]")."""
    return child.dep_ in INTENT_DEPS and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in child.children
    )


def _free_relative(verb: Token) -> bool:
    """True for the verb of a free relative object ("wrote [what she thought]"): its "what"
    comes before it."""
    return verb.dep_ in CLAUSE_DEPS and any(
        c.dep_ == "dobj" and c.tag_ == "WP" and c.i < verb.i for c in verb.children
    )


def _goes_on(verb: Token) -> Token | None:
    """The clause that continues what a trailing cue reports after it ("X paid 8.9 percent, the
    agency said in a report, and Y paid 0.8 percent", the parse coordinating Y's clause with
    "said"): a conjunct with its own subject, after a comma and a coordinator, when the cue
    reports the clause before it."""
    before = [c for c in verb.lefts if c.dep_ in CLAUSE_DEPS]
    conjunct = next((c for c in verb.rights if c.dep_ == "conj"), None)
    if not before or conjunct is None or conjunct.pos_ not in VERBS:
        return None
    if not any(c.dep_ in SUBJECT_DEPS for c in conjunct.children):
        return None  # "X, he said, and left": the cue's own next act
    coordinator = verb.doc[conjunct.left_edge.i - 1]
    comma = verb.doc[coordinator.i - 1] if coordinator.i > 0 else coordinator
    return conjunct if coordinator.dep_ == "cc" and comma.text == "," else None


def _split_predicate(verb: Token, clause: Token | None) -> Token | None:
    """A second clause of the verb right after the reported one with no subject of its own: the
    reported clause's predicate, which the parse split off after an aside ("wrote that A and B,
    aged 16 and 13 respectively, should stay home": "aged" and "stay" both under "wrote")."""
    if clause is None:
        return None
    following = next((c for c in verb.rights if c.i > clause.i and c.dep_ in CLAUSE_DEPS), None)
    if following is None or following.left_edge.i - clause.right_edge.i > 2:
        return None  # nothing but the aside's comma lies between them
    if clause.doc[following.left_edge.i - 1].text != ",":
        return None
    if any(c.dep_ in SUBJECT_DEPS for c in following.children):
        return None
    return following


def _opens_with_that(clause: Token) -> bool:
    """True for a clause whose first word is "that" ("tweeted in the early hours [that X was
    ...]", parsed as an adverbial clause)."""
    first = clause.doc[clause.left_edge.i]
    return first.lower_ == "that" and first.head == clause


def _misread_that(listener: Token) -> list[Token]:
    """A "that" clause the parse hung on a verb's object as a relative clause ("told a meeting
    [that few people understood...]"): its "that" is a marker, not the clause's subject or
    object, so the clause is what was told."""
    return [c for c in listener.rights if c.dep_ == "relcl" and _that_marked(c)]


def _that_marked(clause: Token) -> bool:
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def _as_put_it(token: Token) -> bool:
    """True for the "put" of "as X put it" hanging on the clause X said."""
    return (
        token.lemma_.lower() == "put"
        and token.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    )


def _has_that_clause(token: Token) -> bool:
    return any(
        child.dep_ in CLAUSE_DEPS
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children)
        for child in token.children
    )


def _gerund_clause(child: Token) -> bool:
    """A clause the parser hangs as a gerund ("said [legalizing it could create jobs]")."""
    return (
        child.dep_ in INTENT_DEPS
        and child.tag_ == "VBG"
        and any(c.dep_ == "ccomp" for c in child.children)
    )


def _now_that(token: Token) -> bool:
    """True for a "that" clause opened by "now that" (a subordinator of time or cause)."""
    marks = [m for c in token.children if c.dep_ in CLAUSE_DEPS for m in c.children]
    return any(_opens_now_that(m) for m in marks)


def _opens_now_that(mark: Token) -> bool:
    """True for the "that" of "now that", not of "heard by now that"."""
    if mark.lower_ != "that" or mark.i < 1 or mark.doc[mark.i - 1].lower_ != "now":
        return False
    return mark.i < 2 or mark.doc[mark.i - 2].pos_ != "ADP"


def _degree_result(token: Token) -> bool:
    """True for "so"/"such" on the verb or its adverb ("laughed so often that...")."""
    adverbs = [c for c in token.children if c.dep_ == "advmod"]
    words = adverbs + [g for c in adverbs for g in c.children]
    return any(word.lower_ in RESULT_DEGREE_WORDS for word in words)


def _is_object(child: Token, topic_only: bool = False) -> bool:
    target = next((c for c in child.children if c.dep_ == "pobj"), child)
    if target.ent_type_ in TIME_ENTITIES:
        return False  # "announced [on Tuesday]" says when, not what
    if target.lower_ in FREQUENCY_NOUNS:
        return False  # "has noted [multiple times] that": how often, not what
    if topic_only:  # "spoke [about the plan]", not "spoke [to reporters]" or "[on the phone]"
        return child.dep_ == "prep" and child.lower_ in SPOKEN_TOPIC_PREPOSITIONS
    if child.dep_ == "prep":
        return child.lower_ in TOPIC_PREPOSITIONS
    return child.dep_ in OBJECT_DEPS


def _interrupts(token: Token) -> bool:
    """True for a cue set inside the clause it reports ("X, officials said, has become...")."""
    return token.dep_ == "parataxis" and (token.head.i > token.i or _interrupts_subject(token))


def _interrupts_subject(token: Token) -> bool:
    """True for a cue the parse hung on the subject of the clause it interrupts ("The
    difference now, he told me, is that...")."""
    head = token.head
    return (
        token.dep_ == "parataxis" and head.dep_ in SUBJECT_DEPS and head.i < token.i < head.head.i
    )
