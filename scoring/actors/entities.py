"""What an actor is: which entity spans of the parse name an actor, and the name inside them.

Predicates on spaCy spans: a place acts only as a subject, possessor or agent; a group word that
describes (an adjective, "a registered Republican") is not a group; datelines, hashtags, outlets
something was said on, programmes and titles the model took for organisations are not actors.
"""

from __future__ import annotations

from spacy.tokens import Span

from scoring.actors.names import POSSESSIVE, spells

# Words that title a name without being part of it ("President Donald Trump", "Sen. Rubio").
TITLES = frozenset(
    "president vice prime minister secretary state foreign defense defence senator sen. "
    "rep. representative gov. governor mr. mrs. ms. dr. gen. general chancellor king queen "
    "pope envoy ambassador spokesman spokeswoman spokesperson press adviser advisor "
    "special national security leader chairman chief director deputy mayor judge justice "
    "councilman councilwoman councillor councilor alderman assemblyman assemblywoman "
    "congressman congresswoman commissioner sheriff superintendent attorney officer detective "
    "inspector sgt. lt. col. capt. cmdr. adm. prof. professor rev. reverend rabbi imam pastor "
    "bishop cardinal coach former u.s. us".split()
)
LEADING_WORDS = frozenset({"the", "The"})
# Modifiers the model sweeps into a name at its start ("Fellow St. Louis Tea Party organizer"):
# never part of an actor's name.
LEADING_MODIFIERS = frozenset({"fellow", "former", "longtime", "onetime"})
# Parts of speech never at the start of a name: "Plus Obama", "And Trump" at a sentence start.
NOT_NAME_POS = frozenset({"ADV", "CCONJ", "SCONJ", "ADP", "DET", "PRON", "INTJ", "PART"})
# Nouns a programme's name modifies ("DACA protections"), and last words of programme names.
PROGRAMME_NOUNS = frozenset(
    "program programme protection law act bill benefit recipient plan policy fund trust "
    "status coverage beneficiary cut".split()
)
PROGRAMME_WORDS = frozenset({"act", "status", "program", "programme", "arrivals"})
# Last words of an "organisation" that is a person's title ("RNC Co-Chairwoman").
ROLE_WORDS = frozenset(
    "chairman chairwoman chair spokesman spokeswoman president director secretary".split()
)
# Words for a party and its members, with the party's letter ("Dem", "a Republican", "GOP").
PARTY_WORDS = {
    "democrat": "D",
    "democrats": "D",
    "democratic": "D",
    "dem": "D",
    "dems": "D",
    "republican": "R",
    "republicans": "R",
    "gop": "R",
}
# A hashtag or a handle ("#TrumpShutdown", "@DCGopGirl") is not an actor's name.
HANDLE_MARKS = frozenset({"#", "@"})
# Dependency labels under which a place acts ("Moscow said", "Kyiv's offer", "rejected by Kyiv").
AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})


def trim(span: Span) -> Span | None:
    """The name inside an entity span: no leading "the", titles, function words or possessive
    ("’s son"), no trailing possessive, and for a person nothing after an inner possessive
    ("Mitt Romney’s Medicare" names Mitt Romney); a hashtag or handle names no one."""
    start, end = span.start, span.end
    doc = span.doc
    if (start > 0 and doc[start - 1].text in HANDLE_MARKS) or doc[start].text[:1] in HANDLE_MARKS:
        return None
    while start < end and doc[start].lower_ in LEADING_MODIFIERS:
        start += 1
    while start < end and (doc[start].text in LEADING_WORDS or doc[start].lower_ in TITLES):
        if span.label_ != "PERSON" and doc[start].lower_ not in LEADING_WORDS:
            break  # "Foreign Ministry" is an organisation's name, not a title before one
        start += 1
    while start < end and (doc[start].tag_ == "POS" or doc[start].pos_ in NOT_NAME_POS):
        start += 1  # "Plus Obama" at a sentence start, "’s son"
    if span.label_ == "PERSON":
        inner = next((t.i for t in doc[start:end] if t.tag_ == "POS"), end)
        end = min(end, inner)
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].tag_ == "POS"):
        end -= 1
    while start < end and not spells(doc[start].text):
        start += 1  # an emoji or stray mark is never part of a name
    while end > start and not spells(doc[end - 1].text):
        end -= 1
    return doc[start:end] if end > start else None


def in_title(span: Span) -> bool:
    """True for the "State" of "Secretary of State": part of a person's title, not an actor."""
    before = span.doc[max(0, span.start - 2) : span.start]
    return len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in TITLES


def describes(span: Span) -> bool:
    """True for a group word that describes rather than names a group: an adjective or noun
    modifier ("Democratic leader", "Republican officials") or a predicate or apposition with
    an indefinite article ("a registered Republican", "Smith, a Democrat")."""
    root = span.root
    if root.dep_ in ("amod", "compound", "nmod") or root.pos_ == "ADJ":
        return True
    if root.tag_ not in ("NNPS", "NNS"):
        return True  # a group is people, plural: "Islam" names a faith, "Democrats" a party
    indefinite = any(c.lower_ in ("a", "an") for c in root.children)
    return indefinite and root.dep_ in ("attr", "appos", "acomp", "pobj")


def modifies_programme(span: Span) -> bool:
    """True for a name used as a programme's ("DACA protections", "the Medicare trust fund")."""
    root = span.root
    return root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in PROGRAMME_NOUNS


def dateline(span: Span) -> bool:
    """True for a dateline's place in capitals at a paragraph's start ("WASHINGTON —")."""
    doc = span.doc
    starts_paragraph = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    return starts_paragraph and span.text.isupper() and len(span.text) > 2


def party_member(span: Span) -> bool:
    """True for one party word the model took for a person ("another leading Dem")."""
    return len(span) == 1 and span.root.lower_ in PARTY_WORDS


def medium(span: Span) -> bool:
    """True for a one-word "person" that is where something was said ("on Twitter", "on
    Politico"): a platform or outlet the small model took for a person."""
    root = span.root
    return len(span) == 1 and root.dep_ == "pobj" and root.head.lower_ == "on"


def is_agent(span: Span) -> bool:
    """True when a place name acts in its clause (subject, possessor, passive agent)."""
    root = span.root
    while root.dep_ in ("conj", "appos", "compound") and root.head is not root:
        root = root.head
    return root.dep_ in AGENT_DEPS or (root.dep_ == "pobj" and root.head.dep_ == "agent")
