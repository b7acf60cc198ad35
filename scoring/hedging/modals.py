"""When a modal verb hedges: "may", "might", "could" of possibility, tentative "would",
expectation "should", inference "must have"; not obligation, ability, permission, habit,
refusal, the future of a past, or a concession.

Modality in news is mostly not epistemic: "should" and "must" advise and oblige, "could" reports
what someone was able or allowed to do, "would" tells what a proposal would do or what someone
said they would do. Each modal gets the disambiguation its uses need (Palmer, Mood and
Modality, 2001; Coates, The Semantics of the Modal Auxiliaries, 1983).
"""

from __future__ import annotations

from spacy.tokens import Token

from scoring.hedging.syntax import PREDICATIVE_DEPS, is_agent, is_negation, next_token, subject_of

PAST_TAGS = frozenset({"VBD", "VBN"})
AUX_DEPS = frozenset({"aux", "auxpass", "cop"})
# Verbs of speaking out that "would not" refuses ("would not comment on the report").
# fmt: off
DISCLOSURE_VERBS = frozenset({
    "comment", "say", "discuss", "confirm", "deny", "elaborate", "disclose", "reveal", "specify",
    "identify", "name", "answer", "speculate", "predict", "explain", "release",
})
# fmt: on
PERFECT = frozenset({"have", "'ve"})
# Verbs after "would" that make it tentative ("it would seem", "I would guess"); elsewhere "would"
# is the consequence of a proposal or hypothesis ("the bill would cut taxes"), habit ("he would
# call every week") or the future of a past ("said he would"): what would happen, not how surely.
# fmt: off
TENTATIVE_VERBS = frozenset({
    "seem", "appear", "say", "think", "guess", "imagine", "suspect", "suggest", "expect",
    "assume", "suppose", "estimate", "argue", "venture",
})
# fmt: on
# Verbs of saying whose complement "would" is reported future in any tense: "his saying that
# McCain would assume savings".
SAYING = frozenset({"say", "tell", "promise", "announce", "vow", "pledge"})
# "I would (not) be surprised if": a guess put as a reaction to it.
SURPRISED = frozenset({"surprised", "shocked", "astonished"})
# Verbs whose "could" is ability, not possibility ("she could relate", "could afford").
ABILITY_VERBS = frozenset(
    {
        "relate",
        "afford",
        "see",
        "hear",
        "feel",
        "understand",
        "tell",
        "live",  # "could live with"
    }
)
# Purpose clauses take ability "could": "so (that) they could buy insurance", "so he could".
PURPOSE_MARKS = frozenset({"so", "that"})
# Clauses of time take ability "could": "before he could bring up the bill".
TIME_MARKS = frozenset({"before", "until", "till"})
# Subjects that mark a concession, not a doubt: "you might think", "one may argue".
GENERIC_SUBJECTS = frozenset({"you", "one"})
CONCESSIVE_VERBS = frozenset({"think", "say", "argue", "believe", "wonder", "ask", "expect"})
# "you may have heard", "you might know": formulas addressing the reader.
READER_VERBS = frozenset({"hear", "know", "notice", "see", "recall", "remember"})
# Stative verbs of a conceded "may ... but": "He may have a fondness for her, but ...".
CONCEDED_VERBS = frozenset({"be", "have"})
# Adverbs that negate like "not": "could barely stay", "could hardly".
SCARCELY = frozenset({"barely", "hardly", "scarcely", "never"})
WH_TAGS = frozenset({"WP", "WDT"})
# Verbs of outcome whose "should" can be an expectation ("profits should rise", "the talks
# should end by Friday"); with any other verb "should" is advice or obligation.
# fmt: off
OUTCOME_VERBS = frozenset({
    "rise", "fall", "climb", "drop", "grow", "increase", "decrease", "improve", "arrive", "reach",
    "finish", "end", "last", "take", "pass", "come", "begin", "resume", "return", "face",
    "experience", "suffer", "see",
})
# States a thing is expected to be in: "the rules should be in place by May", "ready by Friday".
EXPECTED_STATES = frozenset({
    "ready", "complete", "completed", "finished", "over", "done", "available", "place",
    "operational", "able",
})
# Verbs whose complement "should" is what they direct, not what they expect: "stipulating that
# spending should not grow", "urged that the bill should pass".
DIRECTIVE_VERBS = frozenset({
    "stipulate", "require", "demand", "insist", "urge", "recommend", "propose", "argue", "ask",
    "order", "decide", "agree", "write", "believe", "think",
})
# fmt: on


def _is_month(token: Token) -> bool:
    """True for the month "May": a date entity, a capital inside a sentence, or before a number."""
    following = next_token(token.doc, token.i + 1)
    return (
        token.ent_type_ == "DATE"
        or (token.text[:1].isupper() and not token.is_sent_start)
        or (following is not None and following.like_num)
    )


def negated_modal(token: Token) -> bool:
    """True when the modal's clause is negated ("could not", "couldn’t", "could barely"), or
    its subject is ("not even Gillespie could")."""
    following = next_token(token.doc, token.i + 1)
    if following is not None and (is_negation(following) or following.lower_ in SCARCELY):
        return True
    verb = token.head
    if any(child.dep_ == "neg" or child.lower_ in SCARCELY for child in verb.children):
        return True
    subject = subject_of(verb)
    return subject is not None and any(
        child.dep_ == "neg" or child.lower_ in ("neither", "no") for child in subject.children
    )  # "not even Gillespie could", "neither they nor he could", "no gun law could have"


def _perfect_follows(token: Token) -> bool:
    """True for "could have", "must have", "could not have" (a judgement about the past)."""
    doc = token.doc
    window = doc[token.i + 1 : min(len(doc), token.i + 3)]
    return any(item.lower_ in PERFECT for item in window)


def _past_matrix(verb: Token) -> bool:
    """True when the governing clause is in a past tense: its verb, an auxiliary of it, or the
    copula of a governing adjective ("was confident that")."""
    if verb.tag_ in PAST_TAGS or any(
        child.tag_ == "VBD" for child in verb.children if child.dep_ in AUX_DEPS
    ):
        return True
    return verb.dep_ in PREDICATIVE_DEPS and verb.head.tag_ == "VBD"


def _future_in_past(token: Token) -> bool:
    """True for the backshifted "will" of reported speech or thought: "would" in the complement
    of a past-tense clause ("said he would visit", "was confident it would pass")."""
    verb = token.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    matrix = verb.head
    return verb.dep_ == "ccomp" and (_past_matrix(matrix) or matrix.lemma_ in SAYING)


def _refusal(token: Token) -> bool:
    """True for "would not comment", "wouldn't say": a refusal to speak, reported as a fact."""
    return negated_modal(token) and token.head.lemma_ in DISCLOSURE_VERBS


def _ability(token: Token) -> bool:
    """True for ability, options or a request: "could relate", "so they could buy", "before he
    could bring up", "what they could do", "could care less", "asked if she could", "could you"."""
    verb = token.head
    if verb.lemma_ in ABILITY_VERBS:
        return True
    marks = {child.lower_ for child in verb.children if child.dep_ in ("mark", "advmod")}
    if (marks & PURPOSE_MARKS and verb.dep_ == "advcl") or marks & TIME_MARKS:
        return True
    following = next_token(token.doc, verb.i + 1)
    if verb.lemma_ == "care" and following is not None and following.lower_ == "less":
        return True
    if verb.lemma_ == "do" and any(child.tag_ in WH_TAGS for child in verb.children):
        return True
    if "if" in marks and verb.dep_ == "ccomp" and verb.head.lemma_ == "ask":
        return True
    subject = subject_of(verb)
    return subject is not None and subject.i > token.i  # inverted: a question or a request


def _concessive(token: Token) -> bool:
    """True for "you might think", "one may argue", "you may have heard", "He may have a
    fondness for her, but": granting a view or addressing the reader, not doubting a claim."""
    verb = token.head
    subject = subject_of(verb)
    if subject is not None and subject.lower_ in GENERIC_SUBJECTS:
        return verb.lemma_ in CONCESSIVE_VERBS or verb.lemma_ in READER_VERBS
    if verb.lemma_ in CONCESSIVE_VERBS | {"claim"} and any(
        child.tag_ in WH_TAGS for child in verb.children
    ):
        return True  # "despite what Trump may claim", "whatever he might say"
    conceded = verb.lemma_ in CONCEDED_VERBS and verb.dep_ == "ROOT"
    return conceded and any(child.lower_ == "but" for child in verb.children)


def _tentative_verb(verb: Token) -> bool:
    """A verb of seeming or saying, or "be surprised" ("I would not be surprised if")."""
    if verb.lemma_ == "be":
        return any(child.lower_ in SURPRISED for child in verb.children)
    return verb.lemma_ in TENTATIVE_VERBS


def _tentative(token: Token) -> bool:
    """Tentative "would" ("it would seem", "I would guess"): the verb it helps, to its right
    ("as he said he would" has none), is one of seeming or saying."""
    return (
        _tentative_verb(token.head)
        and token.head.i > token.i
        and not (
            _future_in_past(token)
            or _refusal(token)
            or _perfect_follows(token)
            or _concessive(token)
        )
    )


def _expectation(token: Token) -> bool:
    """Epistemic "should", an expectation: a progressive ("we should be seeing"), or a subject
    that cannot be obliged with a verb of outcome ("profits should rise"). "The minister should
    resign", "conservatives should steer away", "spending should not grow", "should have told
    him" and "the files should be redacted" (passive) are obligation or advice."""
    verb = token.head
    following = next_token(token.doc, token.i + 1)
    if _perfect_follows(token) or (verb.dep_ == "ccomp" and verb.head.lemma_ in DIRECTIVE_VERBS):
        return False
    if following is not None and following.lower_ == "be" and verb.tag_ == "VBG":
        return True  # "we should (not) be seeing": what is expected to be under way
    subject = subject_of(verb)
    if subject is None or is_agent(subject) or any(c.dep_ == "auxpass" for c in verb.children):
        return False
    if verb.lemma_ == "be":
        return _expected_state(verb)
    return verb.lemma_ in OUTCOME_VERBS


def _expected_state(verb: Token) -> bool:
    """ "should be in place", "should be ready": a state expected, not one prescribed."""
    for child in verb.children:
        if child.lower_ in EXPECTED_STATES:
            return True
        if child.dep_ == "prep" and any(g.lower_ in EXPECTED_STATES for g in child.children):
            return True
    return False


def is_modal_hedge(token: Token, word: str) -> bool:
    """A modal verb in its epistemic sense (possibility, inference), with the disambiguations
    each modal needs; deontic "should", "must" are not hedges, "have to" is not in the lexicon."""
    if token.tag_ != "MD":
        return False
    if word in ("may", "might"):
        return not (word == "may" and _is_month(token)) and not _concessive(token)
    if word == "could":
        # Negated "could" reports a past inability ("could not be reached for comment") or an
        # impossibility ("could not have come at a worse time"): a statement, not a hedge.
        return not (negated_modal(token) or _ability(token) or _concessive(token))
    if word == "would":
        return _tentative(token)
    if word == "must":
        return _perfect_follows(token)
    if word == "should":
        return _expectation(token)
    return True
