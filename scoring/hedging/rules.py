"""When a hedge-lexicon word hedges: rules on the spaCy parse, one per lexicon ``rule`` value.

Each rule looks at the cue's tokens ``doc[start:end]`` and its neighbours only, so the whole
analysis stays one pass over the tokens. Tags and dependency labels are those of the English
spaCy pipelines (Penn Treebank tags, ClearNLP dependency labels).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from scoring.text.negation import NEGATION_WORDS

# Complements that make a verb of thinking or seeming epistemic: a clause ("believe that"), an
# infinitive ("appears to"), a predicative ("seemed calm"); passive subjects ("is thought to").
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "acomp", "attr", "oprd", "nsubjpass", "auxpass"})
# Words right after a verb that open its complement when the parser attaches them elsewhere.
COMPLEMENT_OPENERS = frozenset({"to", "that", "like"})
PREDICATIVE_DEPS = frozenset({"acomp", "attr", "oprd"})
# Words after passive "considered" that open what it is considered to be.
CONSIDERED_OPENERS = frozenset({"to", "as", "like", "a", "an", "the", "one"})
ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS"})
VERB_POS = frozenset({"VERB", "AUX"})
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
# Verbs whose "could" is ability, not possibility ("she could relate", "could afford").
ABILITY_VERBS = frozenset({"relate", "afford", "see", "hear", "feel", "understand", "tell"})
# Purpose clauses take ability "could": "so (that) they could buy insurance".
PURPOSE_MARKS = frozenset({"so", "that"})
# Subjects that make a verb of thinking the speaker's own hedge ("I think", "we believe").
FIRST_PERSON = frozenset({"i", "we"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
# Subjects that mark a concession, not a doubt: "you might think", "one may argue".
GENERIC_SUBJECTS = frozenset({"you", "one"})
CONCESSIVE_VERBS = frozenset({"think", "say", "argue", "believe", "wonder", "ask", "expect"})
# Sources that "suggest" as speakers (a proposal or an insinuation), not as evidence does.
SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PERSONAL_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "who"})
# fmt: off
SPEAKER_NOUNS = frozenset({
    "mayor", "president", "official", "senator", "governor", "lawyer", "critic", "expert",
    "leader", "minister", "aide", "adviser", "advisor", "lawmaker", "candidate", "member",
    "people", "prosecutor", "judge", "justice", "source", "officer", "director", "secretary",
    "chairman", "chairwoman", "representative", "author", "researcher", "investigator", "police",
})
# fmt: on
# Endings of nouns for people: "economist", "spokesman", "politician".
SPEAKER_SUFFIXES = ("ist", "man", "woman", "ian")
SUPERLATIVE_TAGS = frozenset({"JJS", "RBS"})


def _next(doc: Doc, index: int) -> Token | None:
    return doc[index] if index < len(doc) else None


def _is_month(token: Token) -> bool:
    """True for the month "May": a date entity, a capital inside a sentence, or before a number."""
    following = _next(token.doc, token.i + 1)
    return (
        token.ent_type_ == "DATE"
        or (token.text[:1].isupper() and not token.is_sent_start)
        or (following is not None and following.like_num)
    )


def _negated_verb(token: Token) -> bool:
    """True when the modal's clause is negated ("could not", "couldn't")."""
    following = _next(token.doc, token.i + 1)
    if following is not None and following.lower_ in NEGATION_WORDS:
        return True
    return any(child.dep_ == "neg" for child in token.head.children)


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
    return verb.dep_ == "ccomp" and _past_matrix(verb.head)


def _refusal(token: Token) -> bool:
    """True for "would not comment", "wouldn't say": a refusal to speak, reported as a fact."""
    return _negated_verb(token) and token.head.lemma_ in DISCLOSURE_VERBS


def _subject(verb: Token) -> Token | None:
    return next((child for child in verb.children if child.dep_ in SUBJECT_DEPS), None)


def _ability(token: Token) -> bool:
    """True for ability or request "could": "could relate", "so they could buy", "asked if she
    could comment", "could you"."""
    verb = token.head
    if verb.lemma_ in ABILITY_VERBS:
        return True
    marks = {child.lower_ for child in verb.children if child.dep_ == "mark"}
    if marks & PURPOSE_MARKS and verb.dep_ == "advcl":
        return True
    if "if" in marks and verb.dep_ == "ccomp" and verb.head.lemma_ == "ask":
        return True
    subject = _subject(verb)
    return subject is not None and subject.i > token.i  # inverted: a question or a request


def _concessive(token: Token) -> bool:
    """True for "you might think", "one may argue": granting a view, not doubting a claim."""
    subject = _subject(token.head)
    return (
        subject is not None
        and subject.lower_ in GENERIC_SUBJECTS
        and token.head.lemma_ in CONCESSIVE_VERBS
    )


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
        return not (_negated_verb(token) or _ability(token) or _concessive(token))
    if word == "would":
        return token.head.lemma_ in TENTATIVE_VERBS and not (
            _future_in_past(token) or _refusal(token) or _perfect_follows(token)
        )
    if word == "must":
        return _perfect_follows(token)
    if word == "should":
        return _expectation(token)
    return True


def holds_belief(token: Token) -> bool:
    """A verb of thinking as a hedge on its complement: the speaker's own ("I think"), a present
    belief that leaves the claim open ("police believe the gunman fled"), or passive without a
    source ("is believed to"). Not a past belief told as part of the story ("Morell believed it
    was irrelevant") or a question to the reader ("do you think")."""
    if token.tag_ == "VBN":
        return True
    if not has_complement(token) or token.tag_ == "VBD":
        return False
    subject = _subject(token)
    return subject is None or subject.lower_ not in GENERIC_SUBJECTS


def evidential(token: Token) -> bool:
    """ "suggest", "indicate", "imply" as evidence does ("the figures suggest that"), not as a
    speaker proposing or insinuating ("the mayor suggested it was...")."""
    if not has_complement(token):
        return False
    subject = _subject(token)
    return subject is None or not _is_agent(subject)


def _is_agent(subject: Token) -> bool:
    """A subject that can act or speak: a person, an organisation, a people or a place."""
    return (
        subject.ent_type_ in SPEAKER_ENTS
        or subject.lower_ in PERSONAL_PRONOUNS
        or subject.lemma_.lower() in SPEAKER_NOUNS
        or subject.lemma_.lower().endswith(SPEAKER_SUFFIXES)
    )


def _expectation(token: Token) -> bool:
    """Epistemic "should", an expectation: a subject that cannot be obliged with an active verb
    ("profits should rise"), or a progressive ("we should be seeing"). "The minister should
    resign" and "the files should be redacted" (passive) are obligations."""
    verb = token.head
    following = _next(token.doc, token.i + 1)
    if following is not None and following.lower_ == "be" and verb.tag_ == "VBG":
        return True
    subject = _subject(verb)
    passive = any(child.dep_ == "auxpass" for child in verb.children)
    return subject is not None and not passive and verb.lemma_ != "be" and not _is_agent(subject)


def considered_as(token: Token) -> bool:
    """Passive "is considered (to be) the favourite": an opinion without its holder; not
    "the bill is being considered" (deliberated) or "considered making a run" (weighed)."""
    if token.tag_ != "VBN":
        return False
    if any(child.dep_ in PREDICATIVE_DEPS or child.dep_ == "xcomp" for child in token.children):
        return True
    following = _next(token.doc, token.i + 1)
    return following is not None and following.lower_ in CONSIDERED_OPENERS


def attributive(token: Token) -> bool:
    """ "alleged" before its noun ("the alleged plot") or passive ("is alleged to"), not the
    reporting verb "prosecutors alleged that" (an accusation, which attribution reports)."""
    if token.dep_ == "amod" or token.tag_ in ADJECTIVE_TAGS:
        return True
    return token.tag_ == "VBN" and any(child.dep_ == "auxpass" for child in token.children)


def has_complement(token: Token) -> bool:
    """A verb with a clausal, infinitival or predicative complement, or in the passive."""
    if token.pos_ not in VERB_POS:
        return False
    if any(child.dep_ in COMPLEMENT_DEPS for child in token.children):
        return True
    following = _next(token.doc, token.i + 1)
    return following is not None and following.lower_ in COMPLEMENT_OPENERS


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
    following = _next(doc, end)
    if following is not None and (following.tag_ in CURRENCY_TAGS or following.lower_ in ARTICLES):
        following = _next(doc, end + 1)
    return _is_amount(following)


def not_degree(token: Token) -> bool:
    """Not an idiom of degree: "as soon as possible", "the best possible outcome"."""
    previous = token.nbor(-1) if token.i > token.sent.start else None
    return previous is None or (previous.lower_ != "as" and previous.tag_ not in SUPERLATIVE_TAGS)


def opens_clause(token: Token) -> bool:
    return token.dep_ == "mark" or token.pos_ == "SCONJ"


def _negation_before(token: Token) -> Token | None:
    """A negation just before ``token``, with only adverbs between ("not yet clear")."""
    doc = token.doc
    for back in range(token.i - 1, max(token.sent.start, token.i - NEGATION_WINDOW) - 1, -1):
        if doc[back].lower_ in NEGATION_WORDS:
            return doc[back]
        if doc[back].pos_ != "ADV":
            break
    return None


def negation_of(token: Token) -> Token | None:
    """The negation scoping over a certainty word: "not clear", "no evidence", "not confirmed"."""
    before = _negation_before(token)
    if before is not None:
        return before
    holders = (token, token.head) if token.dep_ in PREDICATIVE_DEPS else (token,)
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return child
    return None


def negation_start(doc: Doc, index: int) -> int:
    """Index where a negated-certainty cue starts: its negation when that comes first."""
    negation = negation_of(doc[index])
    return min(index, negation.i) if negation is not None else index


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


def passes(rule: str, doc: Doc, start: int, end: int, word: str = "") -> bool:
    """True when the cue ``doc[start:end]`` (lexicon word ``word``) hedges under ``rule``."""
    if rule == "number":
        return before_number(doc, start, end)
    if rule == "modal":
        return is_modal_hedge(doc[end - 1], word)
    return TOKEN_RULES[rule](doc[end - 1])
