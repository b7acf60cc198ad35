"""Who speaks a reporting verb: its subject (or passive agent) as the source, the verb as the cue.

- the source is the verb's subject, outside any quote; a verb without one takes its head's
  ("went on to say", "..., adding that", "and said", "was quick to retort"), up to
  ``MAX_SUBJECT_HOPS`` levels up;
- a passive verb's source is its "by" agent ("was told by officials"), or none;
- a clausal subject ("What he said was...") gives no source span;
- the source's referent is the subject, or for a relative pronoun ("who") the noun it modifies.
"""

from __future__ import annotations

from spacy.tokens import Token

from scoring.attribution.records import Parse, Range, subtree_chars

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# Dependencies through which a verb without its own subject takes its head's ("went on to say",
# "..., adding that", "and said"), through an adjective too ("was quick to retort").
SUBJECT_INHERITED_VIA = frozenset({"xcomp", "conj", "advcl", "ccomp", "acomp", "pcomp", "prep"})
# Subjects a verb takes from the verb it hangs on through a preposition ("she was whisked off
# after [saying]..."): a passive subject counts there, as it did the saying.
INHERITED_SUBJECT_DEPS = SUBJECT_DEPS | {"nsubjpass"}
# How far up the tree a verb looks for an inherited subject.
MAX_SUBJECT_HOPS = 4
PASSIVE_DEPS = frozenset({"nsubjpass", "auxpass"})

# Parts of speech the parse sometimes makes a subject that never name a source ("n't" in "didn't
# believe", the "'s" of "Let's say").
NOT_SUBJECT_POS = frozenset({"PART", "PUNCT"})
# A verb's source range, source token and cue range.
Speaker = tuple[Range | None, int | None, Range]


def speaker_of(parse: Parse, verb: Token) -> Speaker:
    """The source range, the token naming who the source is, and the cue of a reporting verb."""
    subject = subject_of(parse, verb)
    source = _source_chars(parse, subject) if subject is not None else None
    return source, referent_of(subject), (verb.idx, verb.idx + len(verb.text))


def subject_of(parse: Parse, verb: Token) -> Token | None:
    """The verb's own or inherited subject outside quotes, or a passive verb's agent."""
    current = verb
    through_preposition = False
    for _ in range(MAX_SUBJECT_HOPS):
        deps = INHERITED_SUBJECT_DEPS if through_preposition else SUBJECT_DEPS
        subject = next(
            (
                child
                for child in current.children
                if child.dep_ in deps
                and not parse.quotes.inside(child.idx)
                and child.pos_ not in NOT_SUBJECT_POS
            ),
            None,
        )
        if subject is not None:
            return subject
        if any(child.dep_ in PASSIVE_DEPS for child in current.children):
            return agent(current)
        if current.dep_ not in SUBJECT_INHERITED_VIA or current.head == current:
            return None
        through_preposition = through_preposition or current.dep_ == "prep"
        current = current.head
    return None


def agent(verb: Token) -> Token | None:
    """The "by" agent of a passive reporting verb ("was told by officials")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def referent_of(subject: Token | None) -> int | None:
    """Token that names who the source is: the antecedent of a relative pronoun."""
    if subject is None:
        return None
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        return int(subject.head.head.i)
    return int(subject.i)


def _source_chars(parse: Parse, subject: Token) -> Range | None:
    return None if subject.dep_ == "csubj" else subtree_chars(parse.doc, subject)
