"""What counts as a statement: a communicative or cognitive event that happened, with its source.

A reporting verb's event is a statement only when it occurred and is speech or a view:

- negated or non-occurring events are not statements ("did not respond", "never said", "declined
  to comment", "refused to say", "failed to mention", "is expected to announce", "will discuss",
  "if the board continues to feel that");
- intentions, plans and desires are acts or wishes, not statements: a belief or desire verb with
  a "to" clause ("plans to seek", "was expected to announce", "wants to run", "considered
  making a run") reports nothing said; commissive speech acts ("vowed to", "promised to",
  "threatened to") are said and stay;
- verbs of acts that the lexicon lists for their object frame but that mostly report deeds in
  news ("voted for", "sought", "backed the bill") are left out (role ``deed`` in
  ``reporting_verbs.tsv``, where every verb list of this module lives);
- a relative pronoun is never a source: "the senator who vowed" has the source "the senator";
  a source stops before its relative clause, and a name the parse split off a title ("said Mayor
  Jane Roe") is kept whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.tokens import Doc, Token

from scoring.attribution.records import Parse, Range, chars
from scoring.attribution.speakers import Speaker, speaker_of
from scoring.errors import PipelineError
from scoring.text.lexicon import read_tsv

# The verb lists of what a statement is live in ``reporting_verbs.tsv``: a verb's frame, and its
# roles (deeds, verbs under which an event did not occur, ...; the file's header says each).
LEXICON = "reporting_verbs.tsv"
# A frame that marks a row as no reporting verb, only a verb with roles.
NO_FRAME = "-"
ROLES = (
    "deed",
    "non_occurring",
    "act_intent",
    "raising",
    "object_not_said",
    "needs_complement",
    "topic_only",
)


def read_verb_lexicon(
    rows: Iterable[tuple[str, ...]],
) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """Reporting verbs by frame and the lemmas of each role, from ``reporting_verbs.tsv`` rows."""
    frames: dict[str, str] = {}
    roles: dict[str, set[str]] = {role: set() for role in ROLES}
    for row in rows:
        lemma, frame = row[0].lower(), row[1]
        if frame != NO_FRAME:
            frames[lemma] = frame
        for role in filter(None, (r.strip() for r in (row[2] if len(row) > 2 else "").split(","))):
            if role not in roles:
                raise PipelineError(f"lexicon {LEXICON}: {lemma!r} has no role {role!r}")
            roles[role].add(lemma)
    return frames, {role: frozenset(lemmas) for role, lemmas in roles.items()}


REPORTING_FRAMES, VERB_ROLES = read_verb_lexicon(read_tsv(LEXICON, columns=(2, 3)))
# Nouns of documents and data whose finding is a statement even as an object ("the poll shows
# a close race", "a study found 31 cases"): the document nouns of ``source_cues.tsv`` and the
# words of figures that news reports attribute (written for this project).
FINDING_SOURCES = frozenset(
    phrase.lower()
    for phrase, category in read_tsv("source_cues.tsv", columns=(2,))
    if category == "document_noun"
) | frozenset({"average", "figure", "number", "result", "statistic", "count", "tally", "model"})
# Reporting verbs whose events are deeds, plans or wishes, not statements: on PolNeAR train fewer
# than half of their predictions matched an attribution, and in the BASIL articles read for issue
# 13 they were votes, candidacies and endorsement by deed ("know" is factive: "knowing it would
# fail" is the narrator's claim; "see" is mostly perception, "saw workers enduring hardship").
NOT_STATEMENT_VERBS = VERB_ROLES["deed"]
# Frames whose "to" clause is an intention or expectation, never a statement ("expected to").
NO_INTENT_CLAUSE_FRAMES = frozenset({"belief", "desire"})
# Intent-frame verbs that are not said: "agreed to seek" is an act, "agreed that" a view.
ACT_INTENT_VERBS = VERB_ROLES["act_intent"]
# Commissive "to" clauses that report no act of saying ("the row threatened to become...").
RAISING_CLAUSE_VERBS = VERB_ROLES["raising"]
# Verbs whose object is what they answer or point at, not what was said.
OBJECT_NOT_SAID_VERBS = VERB_ROLES["object_not_said"]
# Verbs whose object is content only with what completes it ("called the deal a disaster").
NEEDS_COMPLEMENT_VERBS = VERB_ROLES["needs_complement"]
# Verbs whose content object is only what they are about ("talked about the plan", not "talked
# to reporters").
TOPIC_ONLY_VERBS = VERB_ROLES["topic_only"]
# Heads that make the reporting verb under them non-occurring ("declined to comment") or not yet
# occurred, an intention or expectation ("is expected to announce", "plans to say").
NON_OCCURRING_HEADS = VERB_ROLES["non_occurring"]
NEGATION_DEPS = frozenset({"neg"})
# Subordinators that make an event a condition, not a statement made ("if Congress continues to
# feel that...").
CONDITIONAL_MARKS = frozenset({"if", "unless"})
# Modals that put a reporting event in the future or the hypothetical ("will discuss", "would
# argue"): not yet, or never, said.
UNREAL_MODALS = frozenset({"will", "'ll", "wo", "would", "'d", "could", "might", "may", "shall"})
# ... and the modal of obligation ("we must ensure that..."): required, not said ("I should
# say that..." is said, so "should" is not here).
UNREAL_MODALS |= frozenset({"must"})
# Dependents that give a conjunct a subject, and its own modals, of its own.
SUBJECT_OF_CLAUSE = frozenset({"nsubj", "nsubjpass", "expl"})
NEGATING_WORDS = frozenset({"never", "not", "n't", "no"})
RELATIVE_TAGS = frozenset({"WDT", "WP"})
TIME_ENTITIES = frozenset({"DATE", "TIME"})
IMPERSONAL_SUBJECTS = frozenset({"it"})
# The parser's tag of a closing quotation mark.
CLOSING_QUOTE_TAG = "''"
# Parts of speech of the words of a name or title, and of words that never are.
NAME_POS = frozenset({"NOUN", "PROPN", "ADJ"})
FUNCTION_POS = frozenset({"SCONJ", "CCONJ", "ADP", "PRON", "DET", "ADV", "PART", "AUX"})
# Most words between a closing quote and a source's subject that the source takes back.
MAX_SPLIT_SOURCE_WORDS = 3
# Dependents at which a source phrase stops: a relative clause is about the source, not it (a
# participle stays: "people briefed on the talks" says who the source is).
SOURCE_STOP_DEPS = frozenset({"relcl"})
# Prepositions of a passive verb's reason that the parse may hang on its "by" agent ("was
# praised by residents for her work", "was criticised by allies over the delay").
AGENT_REASONS = frozenset({"for", "over"})


def statement_verbs(verbs: Mapping[str, str]) -> dict[str, str]:
    """The reporting verbs without deeds and wishes (``deed`` in ``reporting_verbs.tsv``)."""
    return {lemma: frame for lemma, frame in verbs.items() if lemma not in NOT_STATEMENT_VERBS}


def occurs(token: Token) -> bool:
    """False for a negated, conditional or purposed reporting event, or one a governing verb says
    did not happen ("declined to comment", "to emphasize that...")."""
    if _negated(token) or _conditional(token) or _purpose(token) or _unreal(token):
        return False
    current = token
    while current.dep_ in ("xcomp", "ccomp") and current.head != current:
        current = current.head
        if current.lemma_.lower() in NON_OCCURRING_HEADS or _negated(current):
            return False
        if _conditional(current):
            return False
    return True


def _own(token: Token) -> list[Token]:
    """The verb's children outside a quote before it: a quote's "not" or "if" that the parse hung
    on the cue after it (""Probably not," Roe said") is the speaker's word, not the cue's."""
    return [c for c in token.children if not _across_quote(c, token)]


def _across_quote(child: Token, verb: Token) -> bool:
    return child.i < verb.i and any(t.is_quote for t in verb.doc[child.i + 1 : verb.i])


def _unreal(token: Token) -> bool:
    """True for a modal of the verb, or of the verb it is a conjunct of ("could borrow more or
    [consider] a gap year")."""
    shared = token.dep_ == "conj" and not any(c.dep_ in SUBJECT_OF_CLAUSE for c in token.children)
    verbs = [token, token.head] if shared else [token]
    return any(c.dep_ == "aux" and c.lower_ in UNREAL_MODALS for v in verbs for c in _own(v))


def _conditional(token: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in _own(token))


def _purpose(token: Token) -> bool:
    """True for an infinitive of purpose ("[to emphasize that...], she posted"); not for one that
    goes on from its head ("went on to say that...")."""
    return (
        token.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        and not _goes_on(token.head)
    )


def _goes_on(head: Token) -> bool:
    """True for "go on" ("went on to say"): what follows is done next, not aimed at."""
    return head.lemma_.lower() == "go" and any(
        c.dep_ == "prt" and c.lower_ == "on" for c in head.children
    )


def _negated(token: Token) -> bool:
    return any(
        child.dep_ in NEGATION_DEPS or (child.dep_ == "advmod" and child.lower_ in NEGATING_WORDS)
        for child in _own(token)
    )


def intent_clause_allowed(token: Token, frame: str) -> bool:
    """True when a verb's "to" clause can be what it reports ("vowed to veto", not "plans to")."""
    if frame in NO_INTENT_CLAUSE_FRAMES or token.lemma_.lower() in ACT_INTENT_VERBS:
        return False
    clause = next((c for c in token.children if c.dep_ == "xcomp"), None)
    return clause is None or clause.lemma_.lower() not in RAISING_CLAUSE_VERBS


def source_chars(parse: Parse, subject: Token) -> Range | None:
    """The characters of a source phrase: without its relative clause, with a split-off name."""
    doc = parse.doc
    first, last = subject.left_edge.i, subject.right_edge.i
    agent = subject.dep_ == "pobj" and subject.head.dep_ == "agent"
    for child in subject.rights:
        if child.dep_ in SOURCE_STOP_DEPS or (
            # "was praised by residents [for her work]": the parse hangs the verb's reason on
            # its "by" agent
            agent and child.dep_ == "prep" and child.lower_ in AGENT_REASONS
        ):
            last = child.left_edge.i - 1
            break
    sent_end = parse.sents.spans[parse.sents.of_token[subject.i]].end
    while last + 1 < sent_end and _name_goes_on(doc[last], doc[last + 1], parse):
        last += 1
    return chars(doc, _after_quote(doc, first), max(last, subject.i))


def _after_quote(doc: Doc, first: int) -> int:
    """Where a source right after a closing quote starts: at the quote, over the few words the
    parse left out of it (""...," Tulsa police Chief Ann Lee said": "Tulsa" read as a verb)."""
    start = first
    while start > 0 and first - start < MAX_SPLIT_SOURCE_WORDS and _name_word(doc[start - 1]):
        start -= 1
    before = doc[start - 1] if start > 0 else None
    closing = before is not None and before.tag_ == CLOSING_QUOTE_TAG
    return start if closing and start < first else first


def _name_word(token: Token) -> bool:
    """A word that can be part of a source's name or title: a noun or adjective, or a
    capitalised word the parse read as a verb; never a function word ("after she said")."""
    if not token.is_alpha or token.pos_ in FUNCTION_POS:
        return False
    return token.pos_ in NAME_POS or token.is_title


def _name_goes_on(token: Token, following: Token, parse: Parse) -> bool:
    """True when the parse split a title from its name ("Mayor" | "Jane Roe")."""
    return (
        token.pos_ == "PROPN"
        and following.pos_ == "PROPN"
        and following.ent_type_ not in TIME_ENTITIES
        and not parse.quotes.inside(following.idx)
    )


def speaker(parse: Parse, verb: Token) -> Speaker:
    """``speaker_of`` with the source phrase trimmed, a relative pronoun's antecedent for it."""
    source, holder, cue = speaker_of(parse, verb)
    if source is not None and holder is not None:
        source = source_chars(parse, parse.doc[holder])
    elif source is None and _participle_of(verb):
        holder = int(verb.head.i)  # "a report claiming that...": the report claims it
        source = chars(parse.doc, verb.head.left_edge.i, verb.left_edge.i - 1)
    return source, holder, cue


def _participle_of(verb: Token) -> bool:
    """True for a participle that modifies its source noun ("a campaign attacking X")."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBG"
        and verb.head.pos_ in ("NOUN", "PROPN")
        and verb.head.i < verb.i
    )


def tied_to_source(kind: str, source: Range | None, impersonal_cue: bool) -> bool:
    """True when a statement has someone to be tied to: a quote stands by itself, reported
    speech needs a source or an impersonal cue ("it is believed")."""
    return kind == "direct" or source is not None or impersonal_cue


def impersonal(verb: Token) -> bool:
    """True for a passive cue with an empty subject and no agent ("it is believed that")."""
    subjects = [child for child in verb.children if child.dep_ == "nsubjpass"]
    has_agent = any(child.dep_ == "agent" for child in verb.children)
    return not has_agent and any(s.lower_ in IMPERSONAL_SUBJECTS for s in subjects)
