"""What a cue reports as its object: "called [the deal a disaster]", "accused [X of lying]",
what a document shows ("the poll shows [a close race]"), whom a speaker asked to do what
("asked [the crowd to welcome the chief]") and what a statement points back at ("said [as
much]").
"""

from __future__ import annotations

from spacy.tokens import Token

from scoring.attribution.clauses import INTENT_DEPS, RELATIVE_TAGS, Reading
from scoring.attribution.records import Range, chars
from scoring.attribution.speakers import subject_of
from scoring.attribution.statements import FINDING_SOURCES

# Dependencies of what a document shows or found, first after the verb.
FINDING_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd"})
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
TIME_ENTITIES = frozenset({"DATE", "TIME"})
# Nouns of an adverbial of frequency the parser may read as an object ("noted several times").
FREQUENCY_NOUNS = frozenset({"times", "occasions"})


class ObjectContents(Reading):
    """The object contents of reporting verbs."""

    def _object(
        self,
        children: list[Token],
        needs_complement: bool,
        topic_only: bool = False,
        *,
        said: bool = False,
    ) -> Range | None:
        """The object with what completes it: "called [the deal a disaster]", "accused [X of Y]".

        With ``needs_complement`` a bare object is no content ("called 911"); with ``said`` (a
        verb whose object is what was said) a bare person is none either ("echoing Mr. Putin":
        whom the source echoed, not what).
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
        bare = chars(
            self.doc, thing.left_edge.i, self._before_aside(thing.left_edge.i, last, dashes=True)
        )
        content = self.quotes.following(bare)
        if content is not None and self._quoted_label(thing.left_edge.i, last):
            end = self.doc[last].idx + len(self.doc[last].text)  # the label's closing mark too
            return content[0], max(content[1], end)
        if needs_complement and not completed and content == bare:
            return None
        if said and not completed and content == bare and _person(thing):
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

    def _finding(self, token: Token) -> Range | None:
        """What a document shows or found as its object with what completes it ("the poll
        shows [Ray with a narrow edge among older voters]"), up to a comma."""
        rights = [c for c in token.rights if c.dep_ != "punct"]
        if not rights or rights[0].dep_ not in FINDING_DEPS:
            return None  # "showed on Tuesday" says when, not what
        first, last = rights[0].left_edge.i, rights[0].right_edge.i
        for child in rights[1:]:
            if self.doc[child.left_edge.i - 1].text == ",":
                break
            last = child.right_edge.i
        return chars(self.doc, first, self._before_aside(first, last))

    def _document_subject(self, token: Token) -> bool:
        """True when a verb's subject is a document or figures ("the poll shows")."""
        subject = subject_of(self.parse, token)
        return subject is not None and subject.lemma_.lower() in FINDING_SOURCES

    def _directive(self, token: Token) -> Range | None:
        """What a speaker asked someone to do: "asked [the room to greet the mayor]",
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

    def _passive_subject(self, token: Token) -> Range | None:
        """What a passive verb with a "by" agent reports: its subject before it ("The plan was
        reported by the Herald"); not a relative pronoun ("which was reported by"), nor a
        subject with a cue of its own."""
        if not any(c.dep_ == "agent" for c in token.children):
            return None
        subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if subject is None or subject.i > token.i or subject.tag_ in RELATIVE_TAGS:
            return None
        words = self.doc[subject.left_edge.i : subject.right_edge.i + 1]
        if any(t.pos_ == "VERB" and self._frame(t) is not None for t in words):
            return None  # "A report claiming X was denied by Y": the report's claim stays its own
        return chars(self.doc, subject.left_edge.i, subject.right_edge.i)

    def _same_thing(self, token: Token) -> Range | None:
        """What was said by reference to another statement: "said [the same thing]", "said [as
        much]", "said [the same of the mayor]"."""
        said = next((c for c in token.rights if _anaphoric(c)), None)
        if said is None:
            return None
        last = said.i if said.dep_ == "advmod" else said.right_edge.i  # not "much [in an ...]"
        return chars(self.doc, said.left_edge.i, last)


def _person(token: Token) -> bool:
    """True for a person's name or a personal pronoun."""
    return token.ent_type_ == "PERSON" or token.tag_ == "PRP"


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


def _noun_conjunct(cc: Token) -> bool:
    """True for a coordinator before a noun conjunct of the same verb ("and [the demand]")."""
    conjunct = next((c for c in cc.head.rights if c.i > cc.i and c.dep_ == "conj"), None)
    return conjunct is not None and conjunct.pos_ in NOUN_POS


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
