"""Small questions every hedge rule asks of the parse: a verb's subject, its complement, whether
a word negates, whether a subject can act or speak.

Tags and dependency labels are those of the English spaCy pipelines (Penn Treebank tags,
ClearNLP dependency labels).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from scoring.text.negation import NEGATION_WORDS

# Complements that make a verb of thinking or seeming epistemic: a clause ("believe that"), an
# infinitive ("appears to"), a predicative ("seemed calm"); passive subjects ("is thought to").
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "acomp", "attr", "oprd", "nsubjpass", "auxpass"})
# Words right after a verb that open its complement when the parser attaches them elsewhere.
COMPLEMENT_OPENERS = frozenset({"to", "that", "like"})
PREDICATIVE_DEPS = frozenset({"acomp", "attr", "oprd"})
VERB_POS = frozenset({"VERB", "AUX"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
# Sources that act or speak (a proposal, an insinuation), not as evidence does.
SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PERSONAL_PRONOUNS = frozenset(
    {
        "i",
        "we",
        "you",
        "he",
        "she",
        "they",
        "who",
        "me",
        "us",
        "him",
        "her",
        "them",
    }
)
# fmt: off
SPEAKER_NOUNS = frozenset({
    "mayor", "president", "official", "senator", "governor", "lawyer", "critic", "expert",
    "leader", "minister", "aide", "adviser", "advisor", "lawmaker", "candidate", "member",
    "people", "prosecutor", "judge", "justice", "source", "officer", "director", "secretary",
    "chairman", "chairwoman", "representative", "author", "researcher", "investigator", "police",
    "group", "company", "firm", "campaign", "administration", "government", "department",
    "agency", "committee", "party", "team", "office", "spokesperson", "board",
})
# fmt: on
# Endings of nouns for people: "economist", "spokesman", "politician".
SPEAKER_SUFFIXES = ("ist", "man", "woman", "ian")
# The typographic apostrophe of "couldn’t" (U+2019), read as the plain one.
RIGHT_QUOTE = "\u2019"


def next_token(doc: Doc, index: int) -> Token | None:
    return doc[index] if index < len(doc) else None


def subject_of(verb: Token) -> Token | None:
    return next((child for child in verb.children if child.dep_ in SUBJECT_DEPS), None)


def is_negation(token: Token) -> bool:
    """ "not", "n't", "couldn’t"'s "n’t", "never", "no"..."""
    return token.lower_.replace(RIGHT_QUOTE, "'") in NEGATION_WORDS


def has_complement(token: Token) -> bool:
    """A verb with a clausal, infinitival or predicative complement, or in the passive."""
    if token.pos_ not in VERB_POS:
        return False
    if any(child.dep_ in COMPLEMENT_DEPS for child in token.children):
        return True
    following = next_token(token.doc, token.i + 1)
    return following is not None and following.lower_ in COMPLEMENT_OPENERS


def is_agent(subject: Token) -> bool:
    """A subject that can act or speak: a person, an organisation, a people or a place."""
    return (
        subject.ent_type_ in SPEAKER_ENTS
        or subject.lower_ in PERSONAL_PRONOUNS
        or subject.lemma_.lower() in SPEAKER_NOUNS
        or subject.lemma_.lower().endswith(SPEAKER_SUFFIXES)
    )
