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
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from scoring.text.quotes import QuoteIndex, quote_index
from scoring.text.sentences import sentence_index
from scoring.text.spans import doc_text

PARAGRAPHS_KEY = "actors.paragraph_starts"

MALE, FEMALE = "male", "female"
# Pronoun -> (gender or None, actor types it may stand for).
PERSON = ("person",)
COLLECTIVE = ("group", "organisation", "country")
PRONOUNS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    **{p: (MALE, PERSON) for p in ("he", "him", "his", "himself")},
    **{p: (FEMALE, PERSON) for p in ("she", "her", "hers", "herself")},
    **{p: (None, COLLECTIVE) for p in ("they", "them", "their", "theirs", "themselves")},
    "its": (None, ("organisation", "country")),
}
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
# Definite role nouns that refer back to a person ("the senator said"), and to an organisation.
PERSON_ROLES = frozenset(
    "senator president governor congressman congresswoman lawmaker candidate mayor secretary "
    "speaker nominee chairman chairwoman spokesman spokeswoman minister official".split()
)
ORGANISATION_ROLES = frozenset("company group organization organisation firm agency".split())
DEFINITE = frozenset({"the", "this", "that"})

# Lappin and Leass (1994) salience weights; a sentence back halves them. A name inside another
# noun phrase ("Trump's idea") gets no head-noun weight.
RECENCY_WEIGHT = 100.0
HEAD_NOUN_WEIGHT = 80.0
ROLE_WEIGHTS = {"nsubj": 80.0, "nsubjpass": 80.0, "dobj": 50.0, "dative": 40.0}
EMBEDDED_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
# Extra weight of a reporting verb's subject: speakers stay in focus across their quotes.
SPEAKER_WEIGHT = 60.0
REPORTING_LEMMAS = frozenset(
    "say tell add write note argue claim insist state explain continue ask declare announce "
    "tweet warn reply respond recall acknowledge".split()
)
# How many sentences back an antecedent may be.
MAX_SENTENCES_BACK = 3
# The best actor must outweigh the next by this factor, or the reference stays unresolved.
RESOLVE_MARGIN = 1.2
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
    speaker: bool  # the subject of a reporting verb, outside quotes
    paragraph: int


@dataclass(frozen=True, slots=True)
class Reference:
    """A pronoun or role noun resolved to an actor: its characters and how it refers."""

    actor: int
    start: int
    end: int
    form: str  # "pronoun" or "nominal"


def resolve(
    doc: Doc, names: Iterable[tuple[int, int, int, str]], genders: dict[int, str]
) -> list[Reference]:
    """Resolve the article's references, given every name mention as (actor, start, end, type).

    ``genders`` holds what is known of each person actor's gender and learns from the pronouns
    resolved along the way.
    """
    quotes = quote_index(doc)
    sents = sentence_index(doc)
    narrator = _narrator_sentences(doc, quotes)
    types: dict[int, str] = {}
    pending: list[Antecedent] = []
    for actor, start, end, type_ in names:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:  # pragma: no cover - mentions come from this doc's tokens
            continue
        types[actor] = type_
        sentence = narrator[sents.of_token[span.root.i]]
        pending.append(_antecedent(actor, span.root, sentence, quotes))
    pending.sort(key=lambda a: a.char)
    found: list[Reference] = []
    seen: list[Antecedent] = []
    for token in doc:
        while pending and pending[0].char <= token.idx:
            seen.append(pending.pop(0))
        sentence = narrator[sents.of_token[token.i]]
        reference = _reference(token, sentence, seen, types, genders, quotes)
        if reference is not None:
            found.append(reference)
            seen.append(_antecedent(reference.actor, token, sentence, quotes))
    return found


def _antecedent(actor: int, head: Token, sentence: int, quotes: QuoteIndex) -> Antecedent:
    weight = RECENCY_WEIGHT + ROLE_WEIGHTS.get(head.dep_, 0.0)
    weight += 0.0 if head.dep_ in EMBEDDED_DEPS else HEAD_NOUN_WEIGHT
    quoted = quotes.inside(head.idx)
    speaker = head.dep_ == "nsubj" and head.head.lemma_ in REPORTING_LEMMAS and not quoted
    weight += SPEAKER_WEIGHT if speaker else 0.0
    paragraph = _paragraph(head)
    return Antecedent(actor, head.idx, sentence, weight, quoted, head.i, speaker, paragraph)


def _paragraph(token: Token) -> int:
    """Number of the paragraph (blank-line separated) holding a token."""
    starts = token.doc.user_data.get(PARAGRAPHS_KEY)
    if starts is None:
        text = doc_text(token.doc)
        starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
        token.doc.user_data[PARAGRAPHS_KEY] = starts
    return bisect_right(starts, token.idx) - 1


def _narrator_sentences(doc: Doc, quotes: QuoteIndex) -> list[int]:
    """For each sentence, how many sentences before it start outside a quote: distance in
    narrator sentences, so a long quote does not push its speaker out of reach."""
    sents = sentence_index(doc)
    counts, total = [], 0
    for start in sents.starts:
        counts.append(total)
        total += not quotes.inside(start + 1)
    return counts


def _reference(
    token: Token,
    sentence: int,
    seen: list[Antecedent],
    types: dict[int, str],
    genders: dict[int, str],
    quotes: QuoteIndex,
) -> Reference | None:
    """The actor a pronoun or definite role noun refers to, when one clearly stands out."""
    lower = token.lower_
    if lower in PRONOUNS and token.pos_ in ("PRON", "DET"):
        gender, allowed = PRONOUNS[lower]
        form = "pronoun"
    elif _role_noun(token):
        gender, allowed = None, PERSON if lower in PERSON_ROLES else ("organisation",)
        form = "nominal"
    else:
        return None
    quoted = quotes.inside(token.idx)
    bound = _bound_subject(token)
    scores: dict[int, float] = {}
    # Inside a quote the speaker says "I": a third-person pronoun there is someone else.
    paragraph = _paragraph(token)
    speakers = {a.actor for a in seen if quoted and a.speaker and a.paragraph == paragraph}
    for antecedent in reversed(seen):
        back = sentence - antecedent.sentence
        if back > MAX_SENTENCES_BACK:
            break
        actor = antecedent.actor
        if types.get(actor) not in allowed or (antecedent.quoted and not quoted):
            continue
        if actor in speakers:
            continue
        if gender is not None and genders.get(actor, gender) != gender:
            continue
        if bound is not None and antecedent.head == bound:
            continue
        scores[actor] = max(scores.get(actor, 0.0), antecedent.weight * 0.5**back)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] < RESOLVE_MARGIN * ranked[1][1]):
        return None
    actor = ranked[0][0]
    if gender is not None and len(ranked) == 1:
        genders.setdefault(actor, gender)  # the only candidate: learn its gender
    end = token.idx + len(token.text)
    start = token.idx if form == "pronoun" else _determiner(token).idx
    return Reference(actor, start, end, form)


def _role_noun(token: Token) -> bool:
    """A definite singular role noun heading its phrase: "the senator", "the company"."""
    lower = token.lower_
    if lower not in PERSON_ROLES and lower not in ORGANISATION_ROLES:
        return False
    if token.tag_ != "NN" or token.dep_ == "compound":
        return False
    return any(c.lower_ in DEFINITE and c.dep_ == "det" for c in token.children) and not any(
        c.dep_ in ("compound", "amod", "prep", "relcl", "acl") for c in token.children
    )


def _determiner(token: Token) -> Token:
    return next((c for c in token.children if c.dep_ == "det"), token)


def _bound_subject(token: Token) -> int | None:
    """For an object pronoun, the token index of its own verb's subject (never its antecedent)."""
    if token.dep_ not in OBJECT_DEPS:
        return None
    verb = token.head.head if token.dep_ == "pobj" else token.head
    for _ in range(MAX_SUBJECT_HOPS):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return int(subject.i)
        if verb.dep_ not in SUBJECT_INHERITED_VIA:
            return None
        verb = verb.head
    return None


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
