"""What a cue reports as a clause: the reported clause after it, the one a trailing or
interrupting cue follows, and where a clause ends (before a narrator's aside, concession or
second cue).

``Reading`` holds the facts every content reader of ``scoring.attribution.reported`` reads (the
parse, the verb lexicon, the quotes); ``ClauseContents`` reads clause contents and
``scoring.attribution.objects`` object contents on the same facts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.tokens import Doc, Token

from scoring.attribution.direct import QuoteLinker
from scoring.attribution.records import Parse, Range, chars

CLAUSE_DEPS = frozenset({"ccomp"})
# A clause with one of these has a subject of its own.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Subordinators of a narrator's concession after a reported clause (", although he refused").
CONCESSIVE_MARKS = frozenset({"although", "though", "whereas"})
# Marks after which a clause is not what a later cue reports ("...on Friday: Republicans said").
CLAUSE_BREAKS = frozenset({":", ";"})
INTENT_DEPS = frozenset({"xcomp"})
# Dependencies by which a parenthetical cue hangs off the clause it reports ("X will stall,
# officials said" parsed with "said" under "stall").
PARENTHETICAL_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj", "dep"})
VERBS = ("VERB", "AUX")
# Dependents of a verb that are the narrator's adjuncts, never what the verb reports.
ADJUNCT_DEPS = frozenset({"prep", "advcl", "advmod", "mark", "cc", "intj", "npadvmod", "agent"})
# Dependents that may follow a trailing cue whose content is the words before it: punctuation
# and when, where or how it was said ("the mayor said [Tuesday] [in a statement]").
TRAILING_ADJUNCT_DEPS = frozenset({"punct", "prep", "npadvmod", "advmod"})
# Particles that make a reporting verb another act unless the lexicon lists the phrasal verb.
OTHER_ACT_PARTICLES = frozenset({"in", "off", "up", "back", "down", "over"})
# A colon that ends a cue's paragraph, before the block of words it introduces.
BLOCK_LEAD = re.compile(r"[ \t\u00a0]*:[ \t\u00a0]*\n+[ \t\u00a0]*")
BLOCK_OPENING_MARKS = frozenset("\"'\u201c\u2018\u201d")
# Dashes that set a narrator's aside after a content ("X — a metaphor for Y", "X -- who").
ASIDE_DASHES = frozenset({"\u2014", "--", "\u2013", "-"})
# Fewest tokens a content keeps before an aside is cut from it.
MIN_ASIDE_OFFSET = 2
# Tags of relative pronouns ("which", "who", "that") that open a relative clause.
RELATIVE_TAGS = frozenset({"WDT", "WP"})
# Frames of verbs that say something (reporting_verbs.tsv): coordinated with a reported clause,
# such a verb makes a second statement, not part of the first.
SPEECH_FRAMES = frozenset({"speech", "statement"})
# Coordinators that join a second statement to a reported clause ("would neither confirm, deny
# nor discuss" is one list of what was not done).
STATEMENT_JOINS = frozenset({"and", "but"})
# Verbs of talking, coordinated in a reported clause, report what the source said it did.
TALK_VERBS = frozenset({"talk", "speak"})
# Tags of finite verbs and modals: a clause with one as its head or auxiliary is finite.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Tags of the wh-words that open a subordinate clause ("when", "where", "which").
WH_TAGS = frozenset({"WRB", "WDT", "WP"})
# Degree words whose "that" clause is a result ("so often that"), read for verbs off the lexicon.
RESULT_DEGREE_WORDS = frozenset({"so", "such"})


class Reading:
    """The facts of one parsed article a reader of its cues reads."""

    parse: Parse
    doc: Doc
    text: str
    verbs: Mapping[str, str]
    quotes: QuoteLinker

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

    def _closing_dash(self, token: Token, last: int) -> bool:
        """True for a spaced dash, outside quotes, that opens an aside running to the content's
        end (no second dash closes it: "Shriver — a Kennedy — to replace" goes on)."""
        if token.text not in ASIDE_DASHES or not token.whitespace_:
            return False
        if not self.doc[token.i - 1].whitespace_ or self.parse.quotes.inside(token.idx):
            return False
        return not any(t.text in ASIDE_DASHES for t in self.doc[token.i + 1 : last + 1])

    def _before_aside(self, first: int, last: int, *, dashes: bool = False) -> int:
        """Where a content ends without a trailing aside of the narrator's on its last noun: an
        appositive or a "which"/"who" clause after a comma ("...with NATO, the alliance that
        includes..."; "...Ted Cruz, who says he is honored"); with ``dashes``, for an object, what
        a closing dash sets after it too ("dismissed X as "suburbs" — a metaphor for...": a
        reported clause goes on after a dash more often than not)."""
        for token in self.doc[first : last + 1]:
            if dashes and token.i > first + MIN_ASIDE_OFFSET and self._closing_dash(token, last):
                return token.i - 1  # "...as being in the "suburbs" — a metaphor for..."
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


class ClauseContents(Reading):
    """The clause contents of reporting verbs."""

    def _reported_clause(self, token: Token) -> Token | None:
        """The clause a verb reports: the first after it ("said [they were convinced]"), else one
        before it joined by a comma or quote ("X, officials said"); a clause before a colon or
        semicolon is the narrator's ("X set off fireworks: Republicans said they...")."""
        clauses = [c for c in token.children if c.dep_ in CLAUSE_DEPS]
        clauses += [c for o in token.children if o.dep_ == "dobj" for c in _misread_that(o)]
        clauses += [c for c in token.rights if c.dep_ == "advcl" and _opens_with_that(c)]
        clauses += [c for c in token.rights if c.dep_ == "advcl" and _unmarked_clause(c)]
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
        if head.dep_ == "advcl" and _unmarked_clause(head):  # not the adjunct the parse hung on it
            first = min(c.left_edge.i for c in head.children if c.dep_ in SUBJECT_DEPS)
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
            if self._second_statement(child):
                return self._before_coordinator(child)  # "...supports the plan and said she..."
        return int(head.right_edge.i)

    def _second_statement(self, child: Token) -> bool:
        """True for a speech verb coordinated with a reported clause's head, sharing its subject
        ("says Lee backs the plan and [said] she would vote for it"): a statement of its own."""
        if child.dep_ != "conj" or child.pos_ != "VERB" or self._frame(child) not in SPEECH_FRAMES:
            return False
        if child.lemma_.lower() in TALK_VERBS or any(
            c.dep_ in SUBJECT_DEPS for c in child.children
        ):
            return False  # "...and talked about X": what was said; "...and she said": its own
        if child.tag_ == "VBG" and child.head.tag_ != "VBG":
            return False  # "saying A and noting B" hung on A's verb: B's source is not A's subject
        head = child.head
        joins = [c for c in head.children if c.dep_ == "cc" and c.i < child.i]
        conjuncts = [c for c in head.children if c.dep_ == "conj"]
        return len(conjuncts) == 1 and bool(joins) and joins[-1].lower_ in STATEMENT_JOINS

    def _before_coordinator(self, conjunct: Token) -> int:
        """The last token before a conjunct and the comma or coordinator joining it."""
        last = int(conjunct.left_edge.i) - 1
        while last > 0 and (self.doc[last].dep_ == "cc" or self.doc[last].is_punct):
            last -= 1
        return last

    def _parenthetical(self, token: Token, cluster: Range) -> Range | None:
        """Content of a cue that trails or interrupts the clause it reports."""
        head = token.head
        if token.dep_ not in PARENTHETICAL_DEPS or head == token:
            return None
        if token.tag_ == "VBG" and any(c.dep_ == "dobj" for c in token.rights):
            return None  # "X clashed, each touting a record": the participle's own object
        if token.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in token.children):
            return None  # "said X, had resigned from Y": a second predicate, not "X, he said"
        if token.dep_ == "ccomp" and head.i > token.i:
            return None  # the cue is in a clause a later verb reports, not set after its own
        if _interrupts_subject(token):  # "The difference now, he told me, is that...": the cue
            head = head.head  # hangs on the subject of the clause it interrupts
        sent = self.parse.sents.spans[self.parse.sents.of_token[token.i]]
        first = max(head.left_edge.i, sent.start)
        if _interrupts(token):  # "X, officials said, has become...": the cue sits inside
            return chars(self.doc, first, min(self._clause_end(head), sent.end - 1))
        if self.parse.gaps.last_visible(0, cluster[0]) != ",":
            return None  # a trailing cue follows its clause after a comma ("X, officials said")
        last = max(head.right_edge.i, token.i)
        cue_span = self.doc.char_span(cluster[0], cluster[1], alignment_mode="expand")
        if cue_span is not None and cue_span.end >= min(last + 1, sent.end - 1):
            last = cue_span.start - 1
        return chars(self.doc, first, min(last, sent.end - 1))

    def _fragment_before(self, token: Token, cluster: Range) -> Range | None:
        """Content of a trailing cue the parse made its sentence's root, after a comma: the words
        before it, a clause without its verb or a phrase ("Cheaper rents for all, the mayor
        said."), when only adjuncts follow the cue ("said Tuesday", "said in a statement")."""
        if token.dep_ != "ROOT" or self.parse.gaps.last_visible(0, cluster[0]) != ",":
            return None
        if any(c.dep_ not in TRAILING_ADJUNCT_DEPS for c in token.rights):
            return None
        sent = self.parse.sents.spans[self.parse.sents.of_token[token.i]]
        cue = self.doc.char_span(cluster[0], cluster[1], alignment_mode="expand")
        if cue is None or cue.start - 1 <= sent.start:
            return None
        before = [c for c in token.lefts if c.i < cue.start and c.dep_ != "punct"]
        if not before or any(c.dep_ in ADJUNCT_DEPS for c in before):
            return None  # "After the vote, the mayor said": when, not what
        return chars(self.doc, sent.start, cue.start - 2)  # up to the comma before the source

    def _inside(self, token: Token, content: Range, cluster: Range) -> bool:
        """True when a cue and its source lie wholly inside the content they report: set inside
        the clause ("X, officials said, has become...") or inside a relative clause whose
        pronoun is the reported clause's subject ("the rule, which officials said will...")."""
        if not (content[0] < cluster[0] and cluster[1] < content[1]):
            return False
        if token.dep_ == "parataxis" or goes_on(token) is not None:
            return True
        first = self.doc.char_span(content[0], content[1], alignment_mode="expand")
        return token.dep_ == "relcl" and first is not None and first[0].tag_ in RELATIVE_TAGS

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


def goes_on(verb: Token) -> Token | None:
    """The clause that continues what a trailing cue reports after it ("X owed 4 percent, the
    board wrote in its review, and Y owed 2 percent", the parse coordinating Y's clause with
    "wrote"): a conjunct with its own subject, after a comma and a coordinator, when the cue
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


def split_predicate(verb: Token, clause: Token | None) -> Token | None:
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


def _unmarked_clause(clause: Token) -> bool:
    """True for a finite clause with a subject and no subordinator that the parse hung on a verb
    as an adverbial clause ("said after the hearing [she would resign]", an adjunct between the
    verb and its clause): it is the reported clause, "that" left out."""
    if any(c.dep_ == "mark" or c.tag_ in WH_TAGS for c in clause.children):
        return False  # "said so before [she left]", "wrote it [when the mill closed]"
    finite = clause.tag_ in FINITE_TAGS or any(
        c.dep_ == "aux" and c.tag_ in FINITE_TAGS for c in clause.children
    )
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(t.tag_ in WH_TAGS for s in subjects for t in s.subtree):
        return False  # "called for X -- [some of which are being drafted]": a relative clause
    return finite and bool(subjects)


def _misread_that(listener: Token) -> list[Token]:
    """A "that" clause the parse hung on a verb's object as a relative clause ("told a meeting
    [that few people understood...]"): its "that" is a marker, not the clause's subject or
    object, so the clause is what was told."""
    return [c for c in listener.rights if c.dep_ == "relcl" and that_marked(c)]


def that_marked(clause: Token) -> bool:
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def _concessive(clause: Token) -> bool:
    """True for an adverbial clause the narrator sets against a reported one (", although...")."""
    return any(c.dep_ == "mark" and c.lower_ in CONCESSIVE_MARKS for c in clause.children)


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


def gerund_clause(child: Token) -> bool:
    """A clause the parser hangs as a gerund ("said [legalizing it could create jobs]")."""
    return (
        child.dep_ in INTENT_DEPS
        and child.tag_ == "VBG"
        and any(c.dep_ == "ccomp" for c in child.children)
    )


def has_that_clause(token: Token) -> bool:
    return any(
        child.dep_ in CLAUSE_DEPS
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children)
        for child in token.children
    )


def now_that(token: Token) -> bool:
    """True for a "that" clause opened by "now that" (a subordinator of time or cause)."""
    marks = [m for c in token.children if c.dep_ in CLAUSE_DEPS for m in c.children]
    return any(_opens_now_that(m) for m in marks)


def _opens_now_that(mark: Token) -> bool:
    """True for the "that" of "now that", not of "heard by now that"."""
    if mark.lower_ != "that" or mark.i < 1 or mark.doc[mark.i - 1].lower_ != "now":
        return False
    return mark.i < 2 or mark.doc[mark.i - 2].pos_ != "ADP"


def degree_result(token: Token) -> bool:
    """True for "so"/"such" on the verb or its adverb ("laughed so often that...")."""
    adverbs = [c for c in token.children if c.dep_ == "advmod"]
    words = adverbs + [g for c in adverbs for g in c.children]
    return any(word.lower_ in RESULT_DEGREE_WORDS for word in words)
