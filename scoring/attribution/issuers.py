"""Who issued a document the text quotes ("the statement continued", "the letter said").

A definite document noun refers back to a document the article introduced; whoever the text says
issued that one is the source's actor, while the source stays of type ``document``. The
introduction is the nearest earlier token of the same noun (or a synonym: an ad is an
advertisement or a commercial) within ``LOOKBACK_SENTENCES``, and its issuer is, first match wins:

1. its possessor ("the mayor's statement", "the council's letter");
2. the agent of an issuing participle on it ("a statement released by her office", "a letter
   signed by every member of the board"; not "a letter obtained by a newspaper");
3. the subject of the issuing verb it is the object of ("The union issued a statement", "The
   campaign ran an ad"), or of any verb through "in", "with", "through" ("Diaz said in a
   statement", "The alliance hit back with an advertisement").

An indefinite document noun is its own introduction. No introduction, or one with no issuer
the actors resolve, leaves the document without an actor.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from scoring.actors import Actor
from scoring.attribution.records import Parse

LOOKBACK_SENTENCES = 5
# Nouns that name the same kind of document ("the ad" after "a television commercial").
SYNONYMS = {
    "advertisement": "ad",
    "commercial": "ad",
    "advert": "ad",
    "spot": "ad",
    "release": "statement",
}
# Determiners of a noun that refers back ("the statement"); source typing reads them too.
DEFINITE = frozenset({"the", "this", "that"})
# Prepositions through which a verb's subject issues a document ("said in", "answered with").
CARRIERS = frozenset({"in", "with", "through", "via"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
# Verbs whose subject or agent made the document ("signed by", "the union issued"); "obtained by
# a newspaper", "the court received" name who has it, not who wrote it.
ISSUING_VERBS = frozenset(
    {
        "issue",
        "release",
        "sign",
        "write",
        "send",
        "publish",
        "post",
        "pen",
        "draft",
        "author",
        "circulate",
        "put",
        "run",
        "air",
        "launch",
        "file",
        "submit",
        "deliver",
        "produce",
        "distribute",
        "tweet",
        "share",
        "pass",
        "adopt",
        "approve",
        "conduct",
        "commission",
        "unveil",
        "propose",
        "introduce",
    }
)

# Resolves a token (a name, a pronoun) to the actor it refers to, as sources do.
Resolver = Callable[[Token], Actor | None]


def issuer(parse: Parse, head: Token, resolve: Resolver) -> Actor | None:
    """The actor that issued the document a document noun names ("Diaz said in a statement")
    or, for a definite one, refers back to ("the statement continued"), if any."""
    if not any(child.lower_ in DEFINITE for child in head.children):
        return _issued_by(head, resolve)
    kind = _kind(head)
    first_sentence = max(0, parse.sents.of_token[head.i] - LOOKBACK_SENTENCES)
    start = parse.sents.spans[first_sentence].start
    for token in reversed(parse.doc[start : head.i]):
        if token.pos_ == "NOUN" and _kind(token) == kind:
            found = _issued_by(token, resolve)
            if found is not None:
                return found
    return None


def _kind(token: Token) -> str:
    lemma = token.lemma_.lower()
    return SYNONYMS.get(lemma, lemma)


def _issued_by(document: Token, resolve: Resolver) -> Actor | None:
    for child in document.children:
        if child.dep_ == "poss":
            return resolve(child)
    participles = [c for c in document.children if c.dep_ == "acl"]
    participles += [c for p in participles for c in p.children if c.dep_ == "conj"]
    for participle in participles:
        if participle.lemma_.lower() in ISSUING_VERBS:
            agent = next((c for c in participle.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            found = resolve(by) if by is not None else None
            if found is not None:
                return found  # else who said it in the document may still be named below
    verb = None
    if document.dep_ in OBJECT_DEPS and document.head.lemma_.lower() in ISSUING_VERBS:
        verb = document.head
    elif document.dep_ == "pobj" and document.head.lower_ in CARRIERS:
        verb = document.head.head
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return resolve(subject) if subject is not None else None
