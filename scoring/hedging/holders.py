"""Who holds a belief or a claim, and what it is about: when a verb of thinking or saying hedges.

A verb of thinking hedges a claim about what is or will be the case ("police believe the gunman
fled", "I think the vote will be close"): the claim is put as a belief, not as a fact. It does not
hedge an opinion, a judgement of value or of what ought to be done ("I think it's immoral",
"the guild believes the levy must be scrapped"): there the verb marks stance, and nothing is
in doubt.
A belief in a condition, a question or a description of people ("if they believe", "anybody who
thinks") hedges nothing either. A verb of thinking or saying whose holder is vague ("some say",
"critics argue", "many believe", "it is believed", "is widely considered") is weasel wording: a
hedge of its own category (``vague_source``), whatever its complement, since the claim then rests
on nobody in particular (the vague sources of the attribution metric; Wikipedia's "weasel words"
that the CoNLL-2010 shared task annotates).
"""

from __future__ import annotations

from spacy.tokens import Token

from scoring.hedging.syntax import (
    PREDICATIVE_DEPS,
    RIGHT_QUOTE,
    has_complement,
    next_token,
    subject_of,
)

CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
# Pronoun heads of a subject that name nobody: "some say", "many believe", "others argue".
# fmt: off
VAGUE_PRONOUNS = frozenset({"some", "many", "others", "most", "few", "several", "someone",
                            "somebody"})
# Determiners that make a plural subject a vague crowd: "some Republicans", "many experts".
VAGUE_DETERMINERS = frozenset({"some", "many", "most", "several", "few", "other", "numerous",
                               "countless", "certain", "various"})
# Groups that stay vague without a quantifier: "critics say", "experts warn". "Officials said" is
# anonymous, not vague: the attribution metric tells the two apart, and only vague is a hedge.
VAGUE_GROUPS = frozenset({
    "critic", "expert", "analyst", "observer", "skeptic", "sceptic", "opponent", "supporter",
    "commentator", "pundit", "people", "insider", "detractor", "proponent", "advocate",
})
# Verbs of thinking whose holder may be vague ("many predict", "it is believed"); verbs of seeming
# ("others appeared worried") are the speaker's own inference, whoever their subject.
HOLDER_VERBS = frozenset({
    "believe", "think", "assume", "suppose", "reckon", "suspect", "guess", "expect", "predict",
    "anticipate", "consider", "speculate", "suggest", "doubt",
})
# Verbs of saying that hedge only with a vague source: "some say", "critics argue". With a named
# or anonymous source they report a statement, which is the attribution metric's.
SAYING_VERBS = frozenset({
    "say", "argue", "claim", "contend", "insist", "warn", "assert", "maintain", "allege",
    "charge", "complain", "worry", "fear", "question", "wonder", "see", "note", "rumor",
    "rumour",
})
# Verbs whose agentless passive credits an opinion to nobody ("it is believed", "is thought to",
# "is widely considered", "it is said"); "is expected to" is a forecast, not weasel wording.
PASSIVE_OPINION_VERBS = frozenset({
    "believe", "think", "assume", "reckon", "consider", "say", "claim", "allege", "see",
    "suggest", "rumor", "rumour",
})
# fmt: on
# Adverbs that make a passive verb of thinking a claim of common opinion: "is widely believed".
COMMON_OPINION = frozenset({"widely", "generally", "commonly", "largely", "often", "long"})
# Words opening a complement after a passive verb of thinking ("is believed to", "... that").
PASSIVE_OPENERS = frozenset({"to", "that", "as"})
# Marks of a clause that states no claim: a condition or an open question.
OPEN_MARKS = frozenset({"if", "whether", "unless"})
# Subjects that describe anyone who might hold a view ("anybody who thinks"), not a holder.
ANY_HOLDER = frozenset({"whoever", "anybody", "anyone"})
# Modals of obligation in a complement make it an opinion of what ought to be ("should resign").
DEONTIC_WORDS = frozenset({"should", "must", "ought", "cannot", "shall"})
# Verbs of need and obligation: "we need to", "you have to", "people ought to", "deserve".
DEONTIC_VERBS = frozenset({"need", "ought", "deserve", "have"})
# A modal or future auxiliary makes a copular complement a prediction ("will be close"), not a
# judgement of value ("it's immoral").
PREDICTIVE_AUX = frozenset({"will", "would", "may", "might", "could", "'ll", "wo", "ca", "can"})
PREDICATE_DEPS = frozenset({"acomp", "attr"})
ADJECTIVES = frozenset({"JJ", "JJR", "JJS"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
CONTRACTED_BE = frozenset({"'s", "'re", "'m"})
INDEFINITE = frozenset({"a", "an", "some", "more", "no"})
# Modifiers that make "people" an anonymous source ("people close to the talks"), not a vague one.
PERSON_MODIFIERS = frozenset({"prep", "acl", "amod", "relcl"})
# Past verbs of saying whose complement backshifts a present belief ("said he believed").
PAST_REPORTING = frozenset({"say", "tell", "add", "insist", "acknowledge", "argue", "claim"})
# Verbs of thinking that also voice an opinion ("I think it's immoral"); "guess", "suspect",
# "suppose", "assume", "reckon" always conjecture.
OPINION_VERBS = frozenset({"think", "believe"})
# Verbs whose complement someone is asked to believe, not holds: "expects us to believe".
DEMANDING_VERBS = frozenset({"expect", "want", "ask", "urge", "lead"})
# Objects of "expect" that make it a demand: "expects us to believe", "expect you to pay".
ADDRESSEES = frozenset({"us", "you", "me"})
# Clauses looked up from a past verb of thinking for the verb of saying that reports it.
REPORTING_DEPTH = 4
# Generic subjects grant a view rather than hold it: "you think", "one believes".
GENERIC_SUBJECTS = frozenset({"you", "one"})
# Tokens between a vague subject's first word and its verb beyond which the cue starts at the
# subject's head: "several of her donors as well as a few party strategists believe" stays short.
MAX_HOLDER_TOKENS = 6
# Words that say a vague verb of saying or seeing is about a claim, not a sight: "seen as".
SEEN_AS = "as"


def _is_passive(verb: Token) -> bool:
    return verb.tag_ == "VBN" and (
        any(child.dep_ == "auxpass" for child in verb.children) or verb.dep_ == "acl"
    )


def _named_agent(verb: Token) -> bool:
    """A "by" agent that is not itself a vague crowd ("by the police", not "by many")."""
    for agent in (child for child in verb.children if child.dep_ == "agent"):
        objects = [child for child in agent.children if child.dep_ == "pobj"]
        if not objects or not _vague_subject(objects[0]):
            return True
    return False


def _agentless_passive(verb: Token) -> bool:
    """ "is believed to", "it is thought that", "is widely considered", "the gun believed to
    have been used": a passive verb of thinking with no named agent and a complement."""
    if not _is_passive(verb) or _named_agent(verb):
        return False
    following = next_token(verb.doc, verb.i + 1)
    return (
        any(child.dep_ in CLAUSE_DEPS or child.dep_ in PREDICATIVE_DEPS for child in verb.children)
        or (following is not None and following.lower_ in PASSIVE_OPENERS)
        or any(child.lower_ in COMMON_OPINION for child in verb.children)
    )


def _vague_subject(subject: Token) -> bool:
    lemma = subject.lemma_.lower()
    if subject.lower_ in VAGUE_PRONOUNS:
        return True
    if subject.tag_ not in ("NNS", "NNPS") and lemma != "people":
        return False
    modifiers = {child.lower_ for child in subject.children if child.dep_ in ("det", "amod")}
    if modifiers & VAGUE_DETERMINERS:
        return True  # "some Republicans", "many people"
    if lemma == "people" and any(child.dep_ in PERSON_MODIFIERS for child in subject.children):
        return False  # "people familiar with the inquiry", "people close to": anonymous
    named = any(child.ent_type_ == "PERSON" for child in subject.subtree)
    return lemma in VAGUE_GROUPS and not named


def vague_holder(verb: Token) -> bool:
    """True when a verb of thinking or saying has no identifiable holder: a vague crowd as its
    subject ("some in the party believe", "critics argue") or an agentless passive."""
    if verb.lemma_ not in HOLDER_VERBS and verb.lemma_ not in SAYING_VERBS:
        return False
    if _agentless_passive(verb):
        return verb.lemma_ in PASSIVE_OPINION_VERBS
    subject = subject_of(verb)
    return subject is not None and _vague_subject(subject)


def vague_start(verb: Token) -> int:
    """Token index where a vague-source cue starts: its vague subject when that comes first,
    else the passive's subject "it" or auxiliary ("it is believed", "is widely believed")."""
    subject = subject_of(verb)
    if (
        subject is not None
        and subject.i < verb.i
        and (subject.lower_ == "it" or _vague_subject(subject))
    ):
        first = subject.left_edge.i
        return first if verb.i - first <= MAX_HOLDER_TOKENS else subject.i
    aux = [child.i for child in verb.children if child.dep_ == "auxpass" and child.i < verb.i]
    return min(aux, default=verb.i)


def states_no_claim(verb: Token) -> bool:
    """True for a verb of thinking in a condition, a question, or said of anyone who might
    hold the view ("if they believe", "do you think?", "anybody who thinks")."""
    if any(token.text == "?" for token in verb.doc[verb.i + 1 : verb.sent.end]):
        return True  # "what were the editors thinking?", "do you think ...?"
    if verb.head.dep_ in ("dobj", "attr") and any(
        child.dep_ == "det" and child.lower_ == "no" for child in verb.head.children
    ):
        return True  # "she had no grounds to believe": an absence of grounds, not a belief
    if verb.head.lemma_ in DEMANDING_VERBS and verb.dep_ in CLAUSE_DEPS:
        return True  # "expects us to believe": what someone is asked to believe
    subject = subject_of(verb)
    if subject is not None and subject.dep_ != "expl":
        described = subject.head.head if subject.lower_ in ("who", "that") else subject
        if described.lower_ in ANY_HOLDER:
            return True
    return any(child.dep_ == "mark" and child.lower_ in OPEN_MARKS for child in verb.children)


def says_vaguely(verb: Token) -> bool:
    """A verb of saying (or "seen as") with a vague source: "some say", "critics argue", "it is
    said that", "was widely seen as": weasel wording even without a lexicon entry."""
    if verb.lemma_ not in SAYING_VERBS or verb.pos_ != "VERB" or states_no_claim(verb):
        return False
    if verb.lemma_ == "see":
        following = next_token(verb.doc, verb.i + 1)
        seen_as = following is not None and following.lower_ == SEEN_AS
        return seen_as and _is_passive(verb) and not _named_agent(verb)
    return vague_holder(verb)


def _complement_of(verb: Token) -> Token | None:
    """The clause a verb of thinking governs, or the one it interrupts ("are, I think, wrong")."""
    clause = next((child for child in verb.children if child.dep_ in CLAUSE_DEPS), None)
    if clause is None and verb.dep_ == "parataxis":
        return verb.head
    return clause


def _obliges(verb: Token) -> bool:
    """ "we need to", "you have to", "people ought to": need or obligation with an infinitive."""
    if verb.lemma_ not in DEONTIC_VERBS:
        return False
    return verb.lemma_ != "have" or any(child.dep_ == "xcomp" for child in verb.children)


def _is_copula(verb: Token) -> bool:
    """ "is", "was", "’s" (the parser leaves the typographic contraction without its lemma)."""
    return verb.lemma_ == "be" or verb.lower_.replace(RIGHT_QUOTE, "'") in CONTRACTED_BE


def is_opinion(clause: Token) -> bool:
    """A complement of value or obligation, not of fact: "it's immoral", "this is a big
    mistake", "we need to", "the governor should resign"; "the vote will be close" predicts."""
    auxes = {child.lower_ for child in clause.children if child.dep_ in ("aux", "auxpass")}
    if auxes & DEONTIC_WORDS or _obliges(clause):
        return True
    if not _is_copula(clause) or auxes & PREDICTIVE_AUX:
        return False
    subject = subject_of(clause)
    if subject is not None and subject.dep_ == "expl":
        return False  # "there is a big wave": existence is a matter of fact
    for child in clause.children:
        if child.dep_ == "acomp":
            return True  # "it's immoral", "the plan is unfair"
        if child.dep_ == "attr" and _characterises(child):
            return True  # "a big mistake", "scaredy-cats"; not "the demise of Saddam"
    return False


def _characterises(noun: Token) -> bool:
    """A predicate noun that characterises ("a big mistake", "a debate we want", "cowards"),
    not one that identifies ("the demise of Saddam", "his father")."""
    if any(child.dep_ == "amod" for child in noun.children):
        return True
    determiners = [child.lower_ for child in noun.children if child.dep_ in ("det", "poss")]
    return not determiners or determiners[0] in INDEFINITE


def _backshifted(verb: Token) -> bool:
    """A past verb of thinking inside reported speech ("said he believed", "said she did not
    call the clinic because he did not believe"): a belief reported, not told as story."""
    node = verb
    for _ in range(REPORTING_DEPTH):
        if node.head is node:
            return False
        node = node.head
        if node.lemma_ in PAST_REPORTING:
            return True
    return False


def _past_story(verb: Token) -> bool:
    """A past belief or expectation told as part of the story ("Tate believed it was
    pointless", "the champion she once hoped to become"), not backshifted reported speech."""
    return verb.tag_ == "VBD" and not _backshifted(verb)


def holds_belief(token: Token) -> bool:
    """A verb of thinking as a hedge on a claim of fact: a present belief ("police believe the
    gunman fled", "I think the vote will be close"), a passive ("is believed to"), or a vague
    holder's whatever it holds ("some believe"). Not an opinion ("I think it's immoral"), a past
    belief told as part of the story, a belief in a condition, a question or a description
    ("if they think", "anybody who thinks"), nor "is supposed to" (what was planned)."""
    if any(child.dep_ == "prt" for child in token.children):
        return False  # "thought out", "thought through": planned, not believed
    if token.tag_ == "VBN":
        following = next_token(token.doc, token.i + 1)
        planned = token.lemma_ == "suppose" and following is not None and following.lower_ == "to"
        return not planned and token.dep_ != "amod" and has_complement(token)
    aside = token.dep_ == "parataxis" and subject_of(token) is not None
    if not (has_complement(token) or aside) or states_no_claim(token):
        return False
    if vague_holder(token):
        return True
    subject = subject_of(token)
    if _past_story(token) or (subject is not None and subject.lower_ in GENERIC_SUBJECTS):
        return False
    if token.lemma_ not in OPINION_VERBS:
        return True  # "I guess", "I suspect": conjecture, whatever it is about
    if any(child.dep_ in PREDICATE_DEPS for child in token.children):
        return False  # "is, I think, dangerous": the parser hangs the judgement on "think"
    clause = _complement_of(token)
    if clause is not None and clause.left_edge.tag_ == "WP" and clause.left_edge.i > token.i:
        return False  # "I believe what my grandmother taught me": trust in a source, not a doubt
    return clause is None or not is_opinion(clause)


def expectation(token: Token) -> bool:
    """ "is expected to", "expects the talks to", "expects margins of 10%": a forecast; not a
    past expectation told as part of the story, nor one in a condition or a question."""
    if token.tag_ == "VBN":
        return has_complement(token)
    forecast = has_complement(token) or (
        token.tag_ in PRESENT_TAGS and any(child.dep_ == "dobj" for child in token.children)
    )
    demand = any(
        grand.lower_ in ADDRESSEES and grand.dep_ in ("nsubj", "dobj")
        for child in token.children
        if child.dep_ in CLAUSE_DEPS
        for grand in child.children
    )
    return forecast and not (demand or _past_story(token) or states_no_claim(token))


def considered_as(token: Token) -> bool:
    """ "is considered to be", "is widely considered the favourite": an opinion without its
    holder; not a classification ("is considered second-degree abuse"), "the bill is being
    considered" (deliberated) or "considered making a run" (weighed)."""
    if token.tag_ != "VBN":
        return False
    following = next_token(token.doc, token.i + 1)
    if following is not None and following.lower_ == "to":
        return True
    if any(child.dep_ == "acomp" or child.tag_ in ADJECTIVES for child in token.children):
        return True  # "is considered responsible for": a judgement, not a class
    return any(child.lower_ in COMMON_OPINION for child in token.children) and any(
        child.dep_ in PREDICATIVE_DEPS or child.dep_ in CLAUSE_DEPS or child.dep_ == "prep"
        for child in token.children
    )
