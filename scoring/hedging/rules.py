"""When a hedge-lexicon word hedges: rules on the spaCy parse, one per lexicon ``rule`` value,
and the sense tests some words need on top of their row's rule.

Each rule looks at the cue's tokens ``doc[start:end]`` and its neighbours only, so the whole
analysis stays one pass over the tokens. Modals are told apart in ``modals``, verbs of thinking
and their holders in ``holders``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from scoring.hedging.holders import considered_as, expectation, holds_belief
from scoring.hedging.modals import is_modal_hedge
from scoring.hedging.syntax import (
    PREDICATIVE_DEPS,
    VERB_POS,
    has_complement,
    is_agent,
    is_negation,
    next_token,
    subject_of,
)

ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS"})
# Tokens looked back for a negation; only adverbs may stand between ("not yet clear").
NEGATION_WINDOW = 3
# Entity types of amounts an approximator can modify (spaCy's OntoNotes labels).
AMOUNT_ENTS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "TIME"})
# Nouns of amount or duration: "nearly half", "about a dozen", "around an hour".
# fmt: off
QUANTITY_NOUNS = frozenset({
    "half", "third", "quarter", "dozen", "score", "hundred", "thousand", "million", "billion",
    "minute", "hour", "day", "week", "month", "year", "decade", "mile", "kilometre", "kilometer",
})
# fmt: on
ARTICLES = frozenset({"a", "an"})
CURRENCY_TAGS = frozenset({"$"})
# Words that take "about" as "concerning": "spoke about 30 soldiers who died" is a topic.
# fmt: off
TOPIC_HEADS = frozenset({
    "talk", "speak", "say", "tell", "ask", "know", "learn", "hear", "think", "worry", "care",
    "complain", "write", "read", "report", "question", "information", "detail", "news", "story",
    "concern", "concerned", "something", "nothing", "anything", "everything", "more", "warn",
})
# fmt: on
SUPERLATIVE_TAGS = frozenset({"JJS", "RBS"})
# Words before "possible" that make it an idiom: "as soon as possible", "wherever possible".
OPPORTUNITY_WORDS = frozenset({"as", "wherever", "whenever", "where", "when", "if"})
# Roles a person may come to hold: "potential challengers", "a likely nominee" name people by a
# prospective role rather than doubt a claim (as "a possible deal" or "possible violations" do).
# fmt: off
ROLE_NOUNS = frozenset({
    "opponent", "challenger", "rival", "buyer", "purchaser", "bidder", "successor", "nominee",
    "voter", "donor", "partner", "ally", "investor", "customer", "client", "juror", "recruit",
    "suitor", "contender", "runner", "caucusgoer",
})
# fmt: on
# Prepositions that give "uncertainty" the claim it is about: "uncertainty about what".
ABOUT = frozenset({"about", "over", "as", "surrounding", "around", "whether"})
# Words that open the claim a noun or adjective of doubt is about ("the possibility that").
CLAIM_OPENERS = frozenset({"that", "whether"})
# Nouns the polling term "likely" classifies ("likely voters") rather than hedges.
# Subjects of an evidential "look like": "it looks like", "what looked like", "this looks like".
EVIDENTIAL_SUBJECTS = frozenset({"it", "what", "this", "that"})
# Infinitive and participle clauses take their subject from the clause above them.
CONTROLLED_DEPS = frozenset({"advcl", "xcomp", "conj", "acl"})


def evidential(token: Token) -> bool:
    """ "suggest", "indicate", "imply" as evidence does ("the figures suggest that"), not as a
    speaker proposing or insinuating ("the mayor suggested it was...", "Roberts ...,
    suggesting that"). A participle or infinitive takes its subject from the clause above."""
    if not has_complement(token):
        return False
    verb, subject = token, subject_of(token)
    while subject is None and verb.dep_ in CONTROLLED_DEPS and verb.head is not verb:
        controller = _object_of(verb.head) if verb.dep_ == "xcomp" else None
        verb = verb.head
        subject = controller or subject_of(verb)
    return subject is not None and not is_agent(subject)


def _object_of(verb: Token) -> Token | None:
    """The object that controls an infinitive: "prompted him to hint" (he hints)."""
    return next((child for child in verb.children if child.dep_ == "dobj"), None)


def attributive(token: Token) -> bool:
    """ "alleged" before its noun ("the alleged plot") or passive ("is alleged to"), not the
    reporting verb "prosecutors alleged that" (an accusation, which attribution reports)."""
    if token.dep_ == "amod" or token.tag_ in ADJECTIVE_TAGS:
        return True
    return token.tag_ == "VBN" and any(child.dep_ == "auxpass" for child in token.children)


def _is_amount(token: Token | None) -> bool:
    if token is None:
        return False
    if token.like_num or token.tag_ == "CD" or token.lemma_.lower() in QUANTITY_NOUNS:
        return True
    return token.ent_type_ in AMOUNT_ENTS and token.ent_iob_ == "B"


def before_number(doc: Doc, start: int, end: int) -> bool:
    """An approximator right before an amount: "about 30", "some $5m", "nearly a third"."""
    if start > 0 and doc[start].lower_ == "about" and doc[start - 1].lemma_ in TOPIC_HEADS:
        return False
    following = next_token(doc, end)
    if following is not None and (following.tag_ in CURRENCY_TAGS or following.lower_ in ARTICLES):
        following = next_token(doc, end + 1)
    return _is_amount(following)


def not_degree(token: Token) -> bool:
    """Not an idiom of degree or opportunity: "as soon as possible", "the best possible
    outcome", "wherever possible", "if possible"; a person's prospective role ("a possible
    successor") is not a doubt either (``_not_prospective``)."""
    previous = token.nbor(-1) if token.i > token.sent.start else None
    if previous is not None and (
        previous.lower_ in OPPORTUNITY_WORDS or previous.tag_ in SUPERLATIVE_TAGS
    ):
        return False
    return _not_prospective(token)


def opens_clause(token: Token) -> bool:
    return token.dep_ == "mark" or token.pos_ == "SCONJ"


def _negation_before(token: Token) -> Token | None:
    """A negation just before ``token``, with only adverbs between ("not yet clear")."""
    doc = token.doc
    for back in range(token.i - 1, max(token.sent.start, token.i - NEGATION_WINDOW) - 1, -1):
        if is_negation(doc[back]):
            return doc[back]
        if doc[back].pos_ != "ADV":
            break
    return None


def negation_of(token: Token) -> Token | None:
    """The negation before a certainty word and scoping over it: "not clear", "no guarantee",
    "has not been confirmed"; not "made clear he was not" (the negation is in the complement)."""
    before = _negation_before(token)
    if before is not None:
        return before
    holders = (token, token.head) if token.dep_ in PREDICATIVE_DEPS else (token,)
    for holder in holders:
        for child in holder.children:
            negates = child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no")
            if negates and child.i < token.i:
                return child
    return None


def negation_start(doc: Doc, index: int) -> int:
    """Index where a negated-certainty cue starts: its negation when that comes first."""
    negation = negation_of(doc[index])
    return min(index, negation.i) if negation is not None else index


def _likely(token: Token) -> bool:
    """ "is likely to", "would likely", "a likely outcome"; not the polling term "likely
    voters", a prospective role ("a likely nominee"), nor "unlikely allies" (surprising ones)."""
    if token.dep_ != "amod":
        return True
    return token.lower_ != "unlikely" and _not_prospective(token)


def _with_claim(token: Token) -> bool:
    """A noun or adjective of possibility or doubt with the claim it is about: "the possibility
    that", "skeptical that", "there is a possibility", "the belief that"; not "asked about the
    possibility of" (a topic), "skeptical about the tax cuts" (opposition), "religious beliefs"."""
    following = next_token(token.doc, token.i + 1)
    if following is not None and following.is_quote:  # Tate is "skeptical" that ...
        following = next_token(token.doc, token.i + 2)
    if following is not None and following.lower_ in CLAIM_OPENERS:
        return True
    if any(child.dep_ in ("acl", "ccomp") for child in token.children):
        return True
    if token.head.lower_ == "in" and any(child.dep_ == "poss" for child in token.children):
        return True  # "in my personal belief"
    return token.dep_ == "attr" and any(child.dep_ == "expl" for child in token.head.children)


def _not_negated(token: Token) -> bool:
    """ "possibly", unless a negation governs it: "couldn't possibly meet" asserts the opposite."""
    return not any(is_negation(token.doc[i]) for i in range(max(0, token.i - 2), token.i))


def _not_prospective(token: Token) -> bool:
    """Not an adjective naming people by a prospective role: "potential purchasers", "a
    potential challenger", "likely voters" (who may become buyers, rivals, voters)."""
    if token.dep_ != "amod":
        return True
    head = token.head
    return head.lemma_.lower() not in ROLE_NOUNS and not is_agent(head)


def _potential(token: Token) -> bool:
    """The adjective "a potential deal"; not the noun "has potential" nor a prospective role."""
    return token.tag_ in ADJECTIVE_TAGS and _not_prospective(token)


def _uncertainty(token: Token) -> bool:
    """ "uncertainty about what the position is"; not "workers who face uncertainty" (a
    hardship) or "the uncertainty of gun politics" (a quality), which doubt no claim."""
    return any(child.lower_ in ABOUT for child in token.children) or _with_claim(token)


def _negated_predicate(token: Token) -> bool:
    """ "it is not known"; not "no known reelection team" (an absence, not a doubt)."""
    return token.dep_ != "amod" and negation_of(token) is not None


TokenRule = Callable[[Token], bool]

TOKEN_RULES: dict[str, TokenRule] = {
    "any": lambda token: True,
    "complement": has_complement,
    "verb": lambda token: token.pos_ in VERB_POS,
    "adjective": lambda token: token.tag_ in ADJECTIVE_TAGS,
    "predicative": lambda token: token.dep_ in PREDICATIVE_DEPS,
    "clause": opens_clause,
    "not_degree": not_degree,
    "negated": lambda token: negation_of(token) is not None,
    "belief": holds_belief,
    "evidential": evidential,
    "considered": considered_as,
    "attributive": attributive,
}
RULES = frozenset({*TOKEN_RULES, "modal", "number"})
# A word's own sense test, in place of its lexicon row's rule where that rule cannot tell the
# word's hedging sense from its others; each test includes what the row's rule asks.
SENSES: dict[str, TokenRule] = {
    "likely": _likely,
    "unlikely": _likely,
    "belief": _with_claim,
    "assumption": _with_claim,
    "skeptical": _with_claim,
    "sceptical": _with_claim,
    "possibly": _not_negated,
    "known": _negated_predicate,
    "potential": _potential,
    "uncertainty": _uncertainty,
    "questionable": _with_claim,  # "it is questionable whether"; not "questionable purchases"
    "expect": expectation,
    "hint": evidential,
}


def looks_like(doc: Doc, i: int) -> int:
    """End of an evidential "look like" / "look as if" at token ``i``: "it looks like the talks
    will fail", "what looked like the inevitable", "he looked as if he could"; not resemblance
    ("he looks like his father"). 0 when there is none."""
    token = doc[i]
    following = next_token(doc, i + 1)
    if token.lemma_ != "look" or token.pos_ != "VERB" or following is None:
        return 0
    if following.lower_ == "as" and (after := next_token(doc, i + 2)) is not None:
        return i + 3 if after.lower_ in ("if", "though") else 0
    if following.lower_ != "like":
        return 0
    subject = subject_of(token)
    clause = following.dep_ == "mark" or any(child.dep_ == "advcl" for child in token.children)
    evidential = subject is not None and subject.lower_ in EVIDENTIAL_SUBJECTS
    return i + 2 if clause or evidential else 0


def passes(rule: str, doc: Doc, start: int, end: int, word: str = "") -> bool:
    """True when the cue ``doc[start:end]`` (lexicon word ``word``) hedges under ``rule``."""
    if rule == "number":
        return before_number(doc, start, end)
    if rule == "modal":
        return is_modal_hedge(doc[end - 1], word)
    return SENSES.get(word, TOKEN_RULES[rule])(doc[end - 1])
