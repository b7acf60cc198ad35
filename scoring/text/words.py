"""What counts as a word: the one definition every per-100-words density divides by."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token


def is_word(token: Token) -> bool:
    """A word is a token with at least one letter or digit (punctuation and spaces are not)."""
    return not (token.is_punct or token.is_space) and any(ch.isalnum() for ch in token.text)


# Key of the running word count kept in ``doc.user_data``: every metric counts words of the whole
# text and of many spans, so the tokens are looked at once per Doc, not once per count.
WORD_PREFIX_KEY = "scoring.word_prefix"


def _word_prefix(doc: Doc) -> list[int]:
    """``prefix[i]`` = words among the first ``i`` tokens, computed once per ``Doc``."""
    prefix = doc.user_data.get(WORD_PREFIX_KEY)
    if not isinstance(prefix, list):
        prefix = [0]
        for token in doc:
            prefix.append(prefix[-1] + is_word(token))
        doc.user_data[WORD_PREFIX_KEY] = prefix
    return prefix


def count_words(doc: Doc | Span) -> int:
    """Number of words in a ``Doc`` or span, as every density in the report counts them."""
    if isinstance(doc, Span):
        prefix = _word_prefix(doc.doc)
        return prefix[doc.end] - prefix[doc.start]
    return _word_prefix(doc)[-1]


def per_100_words(count: int, words: int) -> float:
    """``count`` per 100 words, 0.0 for a text without words."""
    return 100.0 * count / words if words else 0.0


# Entity labels that name something (OntoNotes): their words are names, never tone ("United" in
# "United States", "Truth" in "Truth Social"). DATE, TIME, MONEY and number labels are not names.
NAME_LABELS = frozenset(
    {
        "PERSON",
        "NORP",
        "FAC",
        "ORG",
        "GPE",
        "LOC",
        "PRODUCT",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
    }
)


def in_name(token: Token) -> bool:
    """True for a token inside a named entity (a person's, organisation's, place's... name)."""
    return token.ent_iob_ != "O" and token.ent_type_ in NAME_LABELS
