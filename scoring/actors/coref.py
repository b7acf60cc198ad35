"""Coreference: third-person pronouns and definite role nouns resolved to the actors named before.

A salience model in the manner of Lappin and Leass (1994): each earlier mention of an actor weighs
by its grammatical role, halved for every narrator sentence back, and an actor weighs as its
heaviest mention (not the sum: a name repeated long ago does not outweigh the last subject); the
heaviest compatible actor wins
when it clearly outweighs the next one, otherwise the reference stays unresolved. Compatible means:

- type and number: "he"/"she" and role nouns ("the senator") stand for people, "they"/"their" for
  groups, organisations and countries, "its" for organisations and countries;
- gender: a person is male or female by a title before a name (Mr., Mrs., Ms.), a gendered role
  noun next to it ("a spokeswoman") or an unambiguous earlier pronoun; unknown is compatible;
- quotes: outside a quote, names inside quotes are not antecedents (the quote's words are the
  speaker's, so '"... behind Trump," he added' is not Trump speaking);
- binding: an object pronoun is not its own verb's subject ("Obama praised him").

Speakers stay salient: the subject of a reporting verb weighs more, so "he added" after a quote
goes to that quote's speaker rather than to a person the quote named.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from scoring.text.quotes import QuoteIndex, quote_index
from scoring.text.sentences import sentence_index
from scoring.text.spans import doc_text

PARAGRAPHS_KEY = "actors.paragraph_starts"

MALE, FEMALE = "male", "female"
# Pronoun -> (gender or None, actor types it may stand for).
PERSON = ("person",)
# "they" is people: a group or an organisation (a country is "it" or named again).
COLLECTIVE = ("group", "organisation")
PRONOUNS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    **{p: (MALE, PERSON) for p in ("he", "him", "his", "himself")},
    **{p: (FEMALE, PERSON) for p in ("she", "her", "hers", "herself")},
    **{p: (None, COLLECTIVE) for p in ("they", "them", "their", "theirs", "themselves")},
    "its": (None, ("organisation", "country")),
}
ORGANISATIONS = ("organisation", "country")
# Verbs whose subject "it" stands for nothing ("it is clear", "it seems", "it takes time").
EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "take", "rain", "matter", "remain"})
# Words before or beside a name that give a person's gender.
GENDER_TITLES = {"mr.": MALE, "mr": MALE, "mrs.": FEMALE, "mrs": FEMALE, "ms.": FEMALE}
GENDER_TITLES |= {"ms": FEMALE, "miss": FEMALE, "sir": MALE, "lady": FEMALE}
GENDERED_NOUNS = {
    **dict.fromkeys(
        "spokesman congressman chairman husband father son brother businessman "
        "grandfather uncle boyfriend king prince actor".split(),
        MALE,
    ),
    **dict.fromkeys(
        "spokeswoman congresswoman chairwoman wife mother daughter sister businesswoman "
        "grandmother aunt girlfriend queen princess actress".split(),
        FEMALE,
    ),
}
# Definite role nouns that refer back to a person ("the senator said", "the former governor"),
# and to an organisation ("the company", "the magazine").
PERSON_ROLES = frozenset(
    "senator president governor congressman congresswoman lawmaker candidate mayor secretary "
    "speaker nominee chairman chairwoman spokesman spokeswoman minister official front-runner "
    "representative leader aide judge".split()
) | {"vice president"}
ORGANISATION_ROLES = frozenset(
    "company group organization organisation firm agency campaign magazine newspaper "
    "network administration committee department".split()
)
# Organisation nouns that may refer to any organisation; the others ("the campaign", "the
# committee") only to one whose name holds the noun ("the Obama campaign").
GENERIC_ORGANISATION_ROLES = frozenset(
    "company organization organisation firm magazine newspaper group".split()
)
# Nouns for two people named together ("the couple", "the first daughters"): the role of a pair.
PAIR = "pair"
PAIR_NOUNS = frozenset(
    "couple pair daughters sons sisters brothers girls boys teenagers twins spouses".split()
)
# Roles that refer only to an actor given them (the rest fall back on salience).
NAMED_ROLES = (ORGANISATION_ROLES - GENERIC_ORGANISATION_ROLES) | {PAIR}
# Offices one person holds one of at a time: "the senator" is not the actor titled Governor.
OFFICES = frozenset(
    "president governor senator representative mayor secretary minister judge".split()
) | {"vice president"}
# Abbreviated titles and the role they name ("Sen. Rubio" is a senator).
ROLE_ALIASES = {"sen.": "senator", "gov.": "governor", "rep.": "representative"}
ROLE_ALIASES |= {"pres.": "president", "frontrunner": "front-runner"}
ROLE_ALIASES |= {"congressman": "representative", "congresswoman": "representative"}
# Titles reach further back than pronouns: "the president" may be named paragraphs before.
NOMINAL_SENTENCES_BACK = 30
DEFINITE = frozenset({"the", "this", "that"})

# Lappin and Leass (1994) salience weights; a sentence back halves them. A name inside another
# noun phrase ("Trump's idea") gets no head-noun weight.
RECENCY_WEIGHT = 100.0
HEAD_NOUN_WEIGHT = 80.0
NON_ADVERBIAL_WEIGHT = 50.0  # a name not inside an adverbial phrase ("unlike Obama, he ...")
ROLE_WEIGHTS = {"nsubj": 80.0, "nsubjpass": 80.0, "dobj": 50.0, "dative": 40.0}
EMBEDDED_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
# A name in a clause the sentence embeds weighs less than one in its main clause ("Fox isn't
# worried that Trump will win. ... he said": Fox). A penalty, not a bonus: adding to every
# main-clause name would shrink the ratios the margin below is read on.
EMBEDDED_CLAUSE_PENALTY = 40.0
# Extra weight of a reporting verb's subject: speakers stay in focus across their quotes.
SPEAKER_WEIGHT = 60.0
REPORTING_LEMMAS = frozenset(
    "say tell add write note argue claim insist state explain continue ask declare announce "
    "tweet warn reply respond recall acknowledge".split()
)
# How many sentences back an antecedent may be.
MAX_SENTENCES_BACK = 3
# The best actor must outweigh the next by this factor, or the reference stays unresolved.
RESOLVE_MARGIN = 1.1
OBJECT_DEPS = frozenset({"dobj", "dative", "pobj"})
# A verb without a subject shares its head's ("was clear ..., calling him"): how far to look.
SUBJECT_INHERITED_VIA = frozenset({"advcl", "xcomp", "conj", "acl"})
MAX_SUBJECT_HOPS = 3


@dataclass(frozen=True, slots=True)
class Antecedent:
    """An actor's mention a later reference may point back to."""

    actor: int  # position of the actor in the list given to ``resolve``
    char: int
    sentence: int
    weight: float
    quoted: bool
    head: int  # token index of the mention's syntactic head
    speaker: bool  # the subject of a reporting verb (or named in it), outside quotes
    paragraph: int


@dataclass(frozen=True, slots=True)
class Reference:
    """A pronoun or role noun resolved to an actor: its characters and how it refers."""

    actor: int
    start: int
    end: int
    form: str  # "pronoun" or "nominal"


@dataclass(slots=True)
class Facts:
    """What is known of each actor (by position): its type, gender and the roles it was given
    ("President Trump", "Calderon, the former president": ``{"president"}``)."""

    types: dict[int, str]
    genders: dict[int, str]
    roles: dict[int, set[str]]
    # paragraph -> actors speaking there (a reporting verb's subject outside quotes)
    speakers: dict[int, set[int]] = field(default_factory=dict)


def resolve(doc: Doc, names: Iterable[tuple[int, int, int, str]], facts: Facts) -> list[Reference]:
    """Resolve the article's references, given every name mention as (actor, start, end, type).

    ``facts.genders`` learns from the pronouns resolved along the way.
    """
    quotes = quote_index(doc)
    sents = sentence_index(doc)
    narrator = _narrator_sentences(doc, quotes)
    pending: list[Antecedent] = []
    for actor, start, end, _ in names:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:  # pragma: no cover - mentions come from this doc's tokens
            continue
        sentence = narrator[sents.of_token[span.root.i]]
        pending.append(_antecedent(actor, span.root, sentence, quotes))
        if pending[-1].speaker:
            facts.speakers.setdefault(pending[-1].paragraph, set()).add(actor)
    pending.sort(key=lambda a: a.char, reverse=True)
    found: list[Reference] = []
    seen: list[Antecedent] = []
    seen_actors: set[int] = set()  # the actors of ``seen``, kept as it grows
    for token in doc:
        while pending and pending[-1].char <= token.idx:
            seen.append(pending.pop())
            seen_actors.add(seen[-1].actor)
        sentence = narrator[sents.of_token[token.i]]
        reference = _reference(token, sentence, seen, seen_actors, facts, quotes)
        if reference is not None:
            found.append(reference)
            seen.append(_antecedent(reference.actor, token, sentence, quotes))
            if seen[-1].speaker:
                facts.speakers.setdefault(seen[-1].paragraph, set()).add(reference.actor)
    return found


# Dependencies by which a name belongs to the phrase of the one who speaks: "NAACP President Ben
# Jealous", "the union's leader", "a spokesman for the ministry".
SPEAKER_OWNER_DEPS = frozenset({"compound", "poss", "pobj", "prep", "appos", "nmod"})


def _antecedent(actor: int, head: Token, sentence: int, quotes: QuoteIndex) -> Antecedent:
    role = head
    while role.dep_ == "conj" and role.head is not role:
        role = role.head  # "Reese and Lin met": both are subjects
    weight = RECENCY_WEIGHT + ROLE_WEIGHTS.get(role.dep_, 0.0)
    weight += 0.0 if role.dep_ in EMBEDDED_DEPS else HEAD_NOUN_WEIGHT
    adverbial = role.dep_ == "pobj" and role.head.head.pos_ in ("VERB", "AUX")
    weight += 0.0 if adverbial else NON_ADVERBIAL_WEIGHT
    weight -= 0.0 if _in_main_clause(role) else EMBEDDED_CLAUSE_PENALTY
    quoted = quotes.inside(head.idx)
    speaker = _speaks(role) and not quoted
    weight += SPEAKER_WEIGHT if speaker else 0.0
    # The speaker's organisation named in the speech tag ("NAACP President Ben Jealous said") is
    # not whom the speaker's "they" means either; it speaks through them, without their weight.
    owner = role
    while owner.dep_ in SPEAKER_OWNER_DEPS and owner.head is not owner:
        owner = owner.head
    voiced = speaker or (owner is not role and _speaks(owner) and not quoted)
    paragraph = _paragraph(head)
    return Antecedent(actor, head.idx, sentence, weight, quoted, head.i, voiced, paragraph)


def _in_main_clause(token: Token) -> bool:
    """True when the verb a name depends on heads the sentence (or is joined to it by "and")."""
    clause = token.head
    while (
        clause.pos_ not in ("VERB", "AUX") and clause.dep_ != "ROOT" and clause.head is not clause
    ):
        clause = clause.head  # up from a noun phrase to its verb ("a spokesman for X said")
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    return clause.dep_ == "ROOT"


def _speaks(token: Token) -> bool:
    """The subject of a verb of saying."""
    return token.dep_ == "nsubj" and token.head.lemma_ in REPORTING_LEMMAS


def _paragraph(token: Token) -> int:
    """Number of the paragraph (blank-line separated) holding a token."""
    starts = token.doc.user_data.get(PARAGRAPHS_KEY)
    if starts is None:
        text = doc_text(token.doc)
        starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
        token.doc.user_data[PARAGRAPHS_KEY] = starts
    return bisect_right(starts, token.idx) - 1


def _narrator_sentences(doc: Doc, quotes: QuoteIndex) -> list[int]:
    """For each sentence, how many sentences before it are not wholly inside one quote:
    distance in narrator sentences, so a long quote does not push its speaker out of reach."""
    counts, total = [], 0
    for sent in sentence_index(doc).spans:
        counts.append(total)
        words = [t for t in sent if t.is_alpha or t.is_digit]
        first = quotes.covering(words[0].idx) if words else None
        inside = first is not None and all(quotes.inside(t.idx) for t in (words[0], words[-1]))
        total += not (inside and quotes.covering(words[-1].idx) == first)
    return counts


def _reference(
    token: Token,
    sentence: int,
    seen: list[Antecedent],
    seen_actors: set[int],
    facts: Facts,
    quotes: QuoteIndex,
) -> Reference | None:
    """The actor a pronoun or definite role noun refers to, when one clearly stands out."""
    lower = token.lower_
    role = ""
    if (lower in PRONOUNS and token.pos_ in ("PRON", "DET")) or _referring_it(token):
        gender, allowed = PRONOUNS.get(lower, (None, ORGANISATIONS))
    elif _role_noun(token):
        role, gender = _role(token), None
        allowed = (
            PERSON
            if role in PERSON_ROLES
            else ("group",)
            if role == PAIR
            else COLLECTIVE
            if role == "group"
            else ("organisation",)
        )
    else:
        return None
    quoted = quotes.inside(token.idx)
    # Inside a quote the speaker says "I": a third-person pronoun there is someone else.
    speakers = facts.speakers.get(_paragraph(token), set()) if quoted else set()
    # A role noun goes to an actor given that role when there is one, however far back.
    titled = {a for a in seen_actors if role in facts.roles.get(a, ())} if role else set()
    if role and not titled and role in NAMED_ROLES:
        return None
    reach = NOMINAL_SENTENCES_BACK if titled else MAX_SENTENCES_BACK
    bound = _bound_subject(token)
    own = _own_subject(token) if lower.endswith(("self", "selves")) else None
    scores: dict[int, float] = {}
    for antecedent in reversed(seen):
        back = sentence - antecedent.sentence
        if back > reach:
            break
        actor = antecedent.actor
        if facts.types.get(actor) not in allowed or (antecedent.quoted and not quoted):
            continue
        if actor in speakers or (titled and actor not in titled):
            continue
        if not titled and role in OFFICES and facts.roles.get(actor, set()) & (OFFICES - {role}):
            continue  # "the vice president" is not the one titled Representative
        if gender is not None and facts.genders.get(actor, gender) != gender:
            continue
        if bound is not None and antecedent.head == bound and own is None:
            continue
        if own is not None and antecedent.head != own:
            continue  # a reflexive is its own clause's subject ("he defended himself")
        scores[actor] = max(scores.get(actor, 0.0), antecedent.weight * 0.5**back)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] < RESOLVE_MARGIN * ranked[1][1]):
        return None
    actor = ranked[0][0]
    if gender is not None and not quoted:
        # a resolved "he" or "she" in the narrator's words: learn the gender (inside a quote the
        # pronoun is the speaker's, whom the quote may not yet have named)
        facts.genders.setdefault(actor, gender)
    if role:
        return Reference(actor, _determiner(token).idx, token.idx + len(token.text), "nominal")
    return Reference(actor, token.idx, token.idx + len(token.text), "pronoun")


def _referring_it(token: Token) -> bool:
    """An "it" that can stand for an organisation: the subject of an action or a saying
    ("the company said it would appeal"), not an expletive ("it is clear that")."""
    if token.lower_ != "it" or token.dep_ != "nsubj" or quote_index(token.doc).inside(token.idx):
        return False  # inside a quote "it" is mostly the matter at hand
    return token.head.lemma_ not in EXPLETIVE_HEADS and token.head.pos_ != "AUX"


def role_nouns(doc: Doc) -> list[tuple[int, int, str]]:
    """Every definite role noun of the text as (start, end, role): "the administration"."""
    return [
        (_determiner(token).idx, token.idx + len(token.text), _role(token))
        for token in doc
        if _role_noun(token)
    ]


def _role(token: Token) -> str:
    """The role a role noun names: "vice president" apart from "president"; "the couple" and
    "the daughters" name a pair of people asked about together."""
    if token.lower_ in PAIR_NOUNS:
        return PAIR
    role = ROLE_ALIASES.get(token.lower_, token.lower_)
    if role == "president" and any(c.lower_ == "vice" for c in token.children):
        return "vice president"
    return role


def _role_noun(token: Token) -> bool:
    """A definite role noun heading its phrase: "the senator", "the company", "the couple",
    "the two teenagers"."""
    lower = ROLE_ALIASES.get(token.lower_, token.lower_)
    if lower in PAIR_NOUNS:
        tags: tuple[str, ...] = ("NN", "NNS", "NNPS")
    elif lower in PERSON_ROLES or lower in ORGANISATION_ROLES:
        tags = ("NN", "NNP")
    else:
        return False
    if token.tag_ not in tags or token.dep_ in ("compound", "appos"):
        return False
    if any(c.ent_type_ for c in token.children if c.dep_ == "compound"):
        return False  # "the Obama campaign" names its actor: a name, not a reference
    return any(c.lower_ in DEFINITE and c.dep_ == "det" for c in token.children) and not any(
        c.dep_ in ("prep", "acl", "poss") for c in token.children
    )


def _determiner(token: Token) -> Token:
    return next((c for c in token.children if c.dep_ == "det"), token)


def _bound_subject(token: Token) -> int | None:
    """For an object pronoun, the token index of its own verb's subject (never its antecedent)."""
    if token.dep_ not in OBJECT_DEPS:
        return None
    return _own_subject(token)


def _own_subject(token: Token) -> int | None:
    """The token index of the subject of the verb a pronoun depends on (inherited through
    "and", "to" and adverbial clauses)."""
    verb = token.head.head if token.dep_ == "pobj" else token.head
    for _ in range(MAX_SUBJECT_HOPS):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return int(subject.i)
        if verb.dep_ not in SUBJECT_INHERITED_VIA:
            return None
        verb = verb.head
    return None


def roles_of(doc: Doc, start: int, end: int) -> set[str]:
    """The roles a name is given: titles before it ("Senator", "Sen.", "former President") and
    role nouns in apposition ("Calderon, the former president")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:  # pragma: no cover - mentions come from this doc's tokens
        return set()
    words = [t.lower_ for t in doc[max(0, span.start - 3) : span.start]]
    words += [t.lower_ for t in span]
    root = span.root
    words += [c.lower_ for c in root.children if c.dep_ == "appos"]
    if root.dep_ in ("appos", "compound"):
        words.append(root.head.lower_)  # "Calderon, the former president"; "Newsweek magazine"
    roles = {ROLE_ALIASES.get(w, w) for w in words}
    if "vice" in words and "president" in roles:
        roles = (roles - {"president"}) | {"vice president"}
    return roles & (PERSON_ROLES | ORGANISATION_ROLES)


def gender_of(doc: Doc, start: int, end: int) -> str | None:
    """A person's gender from a title before the name or a gendered noun in apposition."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:  # pragma: no cover - mentions come from this doc's tokens
        return None
    if span.start > 0 and doc[span.start - 1].lower_ in GENDER_TITLES:
        return GENDER_TITLES[doc[span.start - 1].lower_]
    if span[0].lower_ in GENDER_TITLES:
        return GENDER_TITLES[span[0].lower_]
    root = span.root
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        nouns.append(root.head)
    return next((GENDERED_NOUNS[n.lower_] for n in nouns if n.lower_ in GENDERED_NOUNS), None)
