"""Who an attribution's source is: its type and, where the text allows, the actor it refers to.

Rules, first match wins:

1. no source span: ``unattributed`` ("it was reported that", a quote with no speaker);
2. a vague source, the weasel wording of credibility guides ("some say", "critics argue", "many
   experts", "it is believed that"): a quantifier pronoun, a vague determiner, or a generic plural
   of people with nothing to specify it: ``vague``;
3. a head noun of an unnamed source ("officials", "a source familiar with"), or an anonymity
   phrase in the source or its sentence ("on condition of anonymity"), with no person named in
   the source: ``anonymous``, not resolved (a "White House official" is not the White House);
4. a document or study head noun ("the report", "a statement"): ``document``, with the actor
   that issued it where the text says so ("Diaz said in a statement. ... the statement
   continued": Diaz; see ``issuers``);
5. resolved to an actor: the actor's type (person: ``named_person``; organisation, country,
   group: ``named_organisation``). A name or short name resolves through the actor mention it
   overlaps, the one naming the source's head word first ("Ann Ray, a spokeswoman for Senator
   Luc Morel": Ray); a pronoun or a role noun through the mention coreference made of it, and
   not otherwise (what coreference left unresolved is not guessed); a relative pronoun ("who")
   through the noun it modifies;
6. unresolved: from the parse (person entity or proper noun: ``named_person``; organisation,
   country or nationality entity: ``named_organisation``; "he"/"she": ``named_person``; "the
   president" and other definite role nouns: ``named_person``; other definite nouns ("the
   campaign"): ``named_organisation``; anything else: ``anonymous``).

The actors' mentions are indexed once per article (``Mentions``), so resolving a source looks at
the few mentions near it, not at every mention of every actor.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import Literal, get_args

from spacy.tokens import Span, Token

from scoring.actors import NAME_FORMS, Actor, Mention, actor_at
from scoring.attribution.issuers import DEFINITE, issuer
from scoring.attribution.records import Found, Parse

SourceType = Literal[
    "named_person", "named_organisation", "document", "anonymous", "vague", "unattributed"
]
SOURCE_TYPES: tuple[SourceType, ...] = get_args(SourceType)
# Quantifier pronouns that stand for an unspecified group ("some have said", "many believe").
VAGUE_PRONOUNS = frozenset(
    {"some", "many", "others", "several", "most", "few", "everyone", "everybody", "anyone"}
)
# Determiners that leave a group unspecified ("some residents", "many experts").
VAGUE_DETERMINERS = frozenset(
    {"some", "many", "most", "several", "few", "numerous", "various", "countless", "other"}
)
# Generic plurals of people that, bare, name no one ("critics argue", "experts say").
VAGUE_NOUNS = frozenset(
    {
        "critic",
        "opponent",
        "supporter",
        "skeptic",
        "sceptic",
        "observer",
        "expert",
        "analyst",
        "pundit",
        "commentator",
        "people",
        "economist",
        "scientist",
        "historian",
        "scholar",
        "detractor",
        "proponent",
        "advocate",
        "activist",
    }
)
# Dependents that specify a group ("two experts", "the critics", "critics of the plan").
SPECIFYING_DEPS = frozenset({"nummod", "poss", "det", "compound", "prep", "amod", "appos"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "i"})
# Pronoun -> actor types it may stand for.
PRONOUN_REFERENTS: dict[str, tuple[str, ...]] = {
    **{pronoun: ("person",) for pronoun in PERSON_PRONOUNS},
    "it": ("organisation", "country"),
    "they": ("organisation", "country", "group"),
    "we": ("organisation", "country", "group"),
}
ACTOR_SOURCE_TYPES: dict[str, SourceType] = {
    "person": "named_person",
    "organisation": "named_organisation",
    "country": "named_organisation",
    "group": "named_organisation",
}
# Who speaks for a person without being them: "Trump's campaign said" is the campaign.
AGENTS_OF_A_PERSON = frozenset(
    "campaign lawyer attorney aide adviser advisor spokesman spokeswoman spokesperson son "
    "daughter wife husband brother sister mother father office team staff family ally manager "
    "strategist pollster organizer".split()
)
# Of those, the ones that are bodies rather than people.
BODIES = frozenset({"campaign", "office", "team", "staff", "family"})
# Collectives that name no one even when definite: "the international community", "the public".
VAGUE_COLLECTIVES = frozenset({"community", "public", "world"})
# Determiners that, besides the definite ones, pick out people already named: "both leaders".
NAMED_PLURAL = frozenset({"both", "these", "those"})
PERSON_ENTITIES = frozenset({"PERSON"})
ORGANISATION_ENTITIES = frozenset({"ORG", "GPE", "NORP", "FAC"})
NAMED_ENTITIES = PERSON_ENTITIES | frozenset({"ORG", "GPE", "FAC"})


@dataclass(frozen=True, slots=True)
class SourceLexicon:
    """Words that type a source: unnamed-source nouns and phrases, document nouns, role nouns."""

    anonymous_nouns: frozenset[str]
    anonymous_phrases: tuple[str, ...]
    document_nouns: frozenset[str]
    role_nouns: frozenset[str]


class Mentions:
    """The actors' mentions indexed by position, for the look-ups that resolve a source."""

    def __init__(self, actors: tuple[Actor, ...]) -> None:
        self.actors = actors
        # (actor position, mention) in the order actors and their mentions are listed.
        self._listed = [(n, m) for n, actor in enumerate(actors) for m in actor.mentions]
        self._by_start = sorted(range(len(self._listed)), key=self._start)
        self._starts = [self._start(k) for k in self._by_start]
        self._longest = max((m.span.end - m.span.start for _, m in self._listed), default=0)

    def _start(self, listed: int) -> int:
        return self._listed[listed][1].span.start

    def at(self, start: int, end: int, forms: frozenset[str] | None = None) -> Actor | None:
        """``actor_at`` asked only of the mentions that can overlap ``start..end`` (only of
        mentions of ``forms``, when given)."""
        low = bisect_right(self._starts, start - self._longest)
        near = sorted(self._by_start[low : bisect_left(self._starts, end)])  # in listed order
        kept: dict[int, list[Mention]] = {}
        for k in near:
            mention = self._listed[k][1]
            if forms is None or mention.form in forms:
                kept.setdefault(self._listed[k][0], []).append(mention)
        narrowed = {n: replace(self.actors[n], mentions=tuple(ms)) for n, ms in kept.items()}
        found = actor_at(tuple(narrowed.values()), start, end)
        return next((self.actors[n] for n, actor in narrowed.items() if actor is found), None)


def classify_source(
    parse: Parse, found: Found, mentions: Mentions, lexicon: SourceLexicon
) -> tuple[SourceType, Actor | None]:
    """The source type of one attribution and the actor its source refers to, if any."""
    if found.source is None:
        return ("vague" if found.impersonal else "unattributed"), None
    doc = parse.doc
    span = doc.char_span(found.source[0], found.source[1], alignment_mode="expand")
    if span is None or not len(span):
        return "unattributed", None
    head = doc[found.source_token] if found.source_token is not None else span.root
    phrase = span if span.start <= head.i < span.end else doc[head.left_edge.i : head.i + 1]
    sent = parse.sents.spans[parse.sents.of_token[head.i]]
    sentence = parse.text[sent.start_char : sent.end_char]  # ``Span.text`` joins every token
    named = mentions.at(head.idx, head.idx + len(head.text), NAME_FORMS)
    if named is not None:  # the head word names an actor: "the GOP committee members"
        return ACTOR_SOURCE_TYPES.get(named.type, "named_organisation"), named
    if _vague(phrase, head, lexicon):
        return "vague", None
    if _anonymous(phrase, head, sentence, lexicon):
        return "anonymous", None
    if head.lemma_.lower() in lexicon.document_nouns and not head.ent_type_:  # not "the Post"
        return "document", issuer(
            parse, head, lambda token: _resolve(_phrase(token), token, mentions)
        )
    actor = _resolve(phrase, head, mentions)
    if actor is not None:
        return ACTOR_SOURCE_TYPES.get(actor.type, "named_organisation"), actor
    return _by_form(phrase, head, lexicon), None


def _phrase(token: Token) -> Span:
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def _entity_types(phrase: Span) -> set[str]:
    """Entity labels in a span, read from its tokens (``Span.ents`` rescans the whole doc)."""
    return {token.ent_type_ for token in phrase if token.ent_type_}


def _vague(phrase: Span, head: Token, lexicon: SourceLexicon) -> bool:
    """True for an unspecified group: "some", "many experts", bare "critics"."""
    if _entity_types(phrase) & PERSON_ENTITIES or head.pos_ == "PROPN":
        return False
    text = phrase.text.lower()
    if any(marker in text for marker in lexicon.anonymous_phrases):
        return False  # "people familiar with the talks" say who they are by what they know
    if head.lower_ in VAGUE_PRONOUNS and not any(c.dep_ == "prep" for c in head.children):
        return True
    if head.lemma_.lower() in VAGUE_COLLECTIVES and not _entity_types(phrase) & NAMED_ENTITIES:
        return True
    if any(c.dep_ in ("det", "amod") and c.lower_ in VAGUE_DETERMINERS for c in head.children):
        return True
    bare = not any(c.dep_ in SPECIFYING_DEPS for c in head.children)
    return bare and head.tag_ in ("NNS",) and head.lemma_.lower() in VAGUE_NOUNS


def _anonymous(phrase: Span, head: Token, sentence: str, lexicon: SourceLexicon) -> bool:
    if _entity_types(phrase) & PERSON_ENTITIES or head.pos_ == "PROPN":
        return False
    if head.lemma_.lower() in lexicon.anonymous_nouns or head.lower_ in lexicon.anonymous_nouns:
        return True
    context = f"{phrase.text} {sentence}".lower()
    return any(marker in context for marker in lexicon.anonymous_phrases)


def _resolve(phrase: Span, head: Token, mentions: Mentions) -> Actor | None:
    """The actor of the source's head word (a name, or a pronoun or nominal resolved by
    coreference: "Ann Ray, a spokeswoman for Senator Luc Morel" is Ray) or of the name it
    apposes, else of the phrase."""
    for word in (head, *(c for c in head.children if c.dep_ == "appos")):
        own = mentions.at(word.idx, word.idx + len(word.text))  # "another Dem, Sen. Ann Ray"
        if own is not None:
            return own
    if head.lower_ in PRONOUN_REFERENTS:
        return None  # a pronoun coreference left unresolved is not guessed
    found = mentions.at(phrase.start_char, phrase.end_char)
    if found is not None and found.type == "person" and _possessor_only(phrase, head, found):
        return None  # "Trump's campaign said", "her lawyer said": not the person speaking
    return found


def _possessor_only(phrase: Span, head: Token, actor: Actor) -> bool:
    """True when the head is someone acting for a person ("Trump's campaign", "her lawyer") and
    every mention of ``actor`` in the phrase is in the head's possessor."""
    owners = [c for c in head.children if c.dep_ == "poss"]
    if head.lemma_.lower() not in AGENTS_OF_A_PERSON or not owners:
        return False  # "Putin's conditions" are his own words
    owned = [(o.left_edge.idx, o.right_edge.idx + len(o.right_edge.text)) for o in owners]
    inside = [
        m.span
        for m in actor.mentions
        if phrase.start_char <= m.span.start and m.span.end <= phrase.end_char
    ]
    return bool(inside) and all(any(a <= m.start and m.end <= b for a, b in owned) for m in inside)


def _by_form(phrase: Span, head: Token, lexicon: SourceLexicon) -> SourceType:
    if head.lemma_.lower() in AGENTS_OF_A_PERSON and any(c.dep_ == "poss" for c in head.children):
        # "Reed's campaign", "her lawyer": typed by who acts, not by whose they are
        return "named_organisation" if head.lemma_.lower() in BODIES else "named_person"
    labels = _entity_types(phrase)
    if labels & PERSON_ENTITIES:
        return "named_person"
    if labels & ORGANISATION_ENTITIES:
        return "named_organisation"
    if head.pos_ == "PROPN" or head.lower_ in PERSON_PRONOUNS:
        return "named_person"
    if head.lower_ == "it":
        return "named_organisation"
    definite = any(
        t.lower_ in DEFINITE or t.lower_ in NAMED_PLURAL or t.dep_ == "poss" for t in head.children
    )
    if definite and head.lemma_.lower() in lexicon.role_nouns:
        return "named_person"
    return "named_organisation" if definite and head.pos_ == "NOUN" else "anonymous"
