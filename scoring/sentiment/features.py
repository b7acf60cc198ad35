"""Features of one actor mention for the target-sentiment model, read off the parse already made.

Every feature comes from the given ``Doc``: no second parse, no VADER ``polarity_scores`` call, only
plain dict lookups in the VADER lexicon. Words are tagged by where they stand relative to the
mention (the verb that governs it, the path up to that verb, its own modifiers, the rest of its
clause, a nested clause, a small window, the sentence), so that "Smith praised Jones" and "Jones
praised Smith" give different features to each name. The mention's own tokens are masked and tokens
inside named entities never count as sentiment words ("United", "Justice", "Truth" are names).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from scoring.text.negation import is_negated
from scoring.text.quotes import quote_index
from scoring.text.valence import word_weight
from scoring.text.words import in_name

# Name of this feature set: the shipped weights record it, and the loader refuses weights made
# for another (bump it whenever a feature changes name or meaning).
FEATURE_SET = "scoring.sentiment_features/4"
# VADER lexicon weights run from -4 to +4; features divide by this to stay near -1..1.
LEXICON_RANGE = 4.0
# Tokens on each side of the mention read as its immediate window.
WINDOW_TOKENS = 3
# Most tokens read from one scope: bounds the cost of long sentences and long clauses.
SCOPE_LIMIT = 40
# Parts of speech that close the walk up from the mention to the clause that governs it.
CLAUSE_HEAD_POS = frozenset({"VERB", "AUX"})
# Relations of a governing verb's children that open a nested clause (tagged apart from the clause).
NESTED_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "csubj", "parataxis", "xcomp", "conj"})
# Relations of the mention's own children that describe it ("the corrupt X", "X, a hero,").
MODIFIER_DEPS = frozenset({"amod", "appos", "acl", "relcl", "compound", "nmod", "advmod", "prep"})
# The mention's relation coarsened into the role it plays in its clause.
ROLES = {
    "nsubj": "agent",
    "csubj": "agent",
    "agent": "agent",
    "nsubjpass": "patient",
    "dobj": "patient",
    "pobj": "patient",
    "dative": "patient",
    "poss": "possessor",
    "appos": "other",
    "conj": "other",
}
# Scopes whose lexicon weights are crossed with the mention's role.
ROLE_SCOPES = frozenset({"gov", "path", "mod", "clause"})


@dataclass(frozen=True, slots=True)
class Feature:
    """One feature occurrence: its name, its value, and the token it came from (-1 for none)."""

    name: str
    value: float
    token: int = -1


def governor(root: Token) -> Token:
    """The verb whose clause the mention heads or is an argument of (the sentence root at most)."""
    for ancestor in root.ancestors:
        if ancestor.pos_ in CLAUSE_HEAD_POS or ancestor.dep_ == "ROOT":
            return ancestor
    return root


def _word(token: Token) -> str:
    """The feature form of a token: its lower-case lemma, or a placeholder for names and numbers."""
    if token.is_punct or token.is_space:
        return ""
    if in_name(token):
        return "<name>"
    if token.like_num:
        return "<num>"
    return token.lemma_.lower()


@dataclass(frozen=True, slots=True)
class SentenceTable:
    """Feature forms and lexicon weights of one sentence's tokens, read once for all its mentions.

    ``words[k]`` and ``weights[k]`` belong to the token ``start + k``; an empty word is skipped.
    The sentence's bounds and text are kept here because ``Span.sent`` and ``Doc.text`` walk the
    whole ``Doc`` on every call; its sentence-scope features are the same for every mention but
    the mention's own tokens, so they are made once too.
    """

    start: int
    end: int
    start_char: int
    text: str
    words: tuple[str, ...]
    weights: tuple[float, ...]
    sentence_features: tuple[Feature, ...] = ()


def sentence_table(sent: Span, lexicon: Mapping[str, float]) -> SentenceTable:
    """Read the feature form and scaled lexicon weight of every token of ``sent`` once."""
    words = tuple(_word(token) for token in sent)
    weights = tuple(
        word_weight(token, lexicon) / LEXICON_RANGE if word else 0.0
        for token, word in zip(sent, words, strict=True)
    )
    table = SentenceTable(sent.start, sent.end, sent.start_char, sent.text, words, weights)
    scope = list(range(sent.start, sent.end))
    features = tuple(_tagged("sent", scope, range(0), table))
    return replace(table, sentence_features=features)


def _tagged(tag: str, indices: list[int], masked: range, table: SentenceTable) -> Iterator[Feature]:
    """Word and lexicon features of the tokens at ``indices`` under ``tag``, mention masked."""
    for i in indices[:SCOPE_LIMIT]:
        k = i - table.start
        # A mention split across two sentences by the parser can reach outside its table.
        if not 0 <= k < len(table.words) or not table.words[k] or i in masked:
            continue
        yield Feature(f"{tag}:{table.words[k]}", 1.0, i)
        weight = table.weights[k]
        if weight:
            yield Feature(f"lex_pos:{tag}" if weight > 0 else f"lex_neg:{tag}", abs(weight), i)


def _path(root: Token, gov: Token) -> list[Token]:
    """Tokens strictly between the mention's root and its governor, with their modifiers."""
    path: list[Token] = []
    for ancestor in root.ancestors:
        if ancestor == gov:
            break
        path.append(ancestor)
        path.extend(c for c in ancestor.children if c.dep_ in ("amod", "neg", "advmod", "acomp"))
    return path


def _clause(gov: Token, skip: set[int]) -> tuple[list[int], list[int]]:
    """The governor's clause split into its own words and the words of nested clauses."""
    own: list[int] = []
    nested: list[int] = []
    for child in gov.children:
        if child.i in skip:
            continue
        (nested if child.dep_ in NESTED_CLAUSE_DEPS else own).extend(t.i for t in child.subtree)
    return own, nested


def in_quotes(span: Span) -> bool:
    """True when the mention sits inside a direct quote of the article (``scoring.text.quotes``)."""
    return quote_index(span.doc).covering(span.start_char) is not None


def _structure(span: Span, root: Token, gov: Token, table: SentenceTable) -> Iterator[Feature]:
    """Features of where the mention stands: its relation, its governor, negation, quotes."""
    yield Feature("bias", 1.0)
    yield Feature(f"role:{root.dep_}", 1.0)
    yield Feature(f"role_gov:{root.dep_}:{gov.lemma_.lower()}", 1.0, gov.i)
    if root.pos_ == "PRON":
        yield Feature("pronoun", 1.0)
    if gov is not root and is_negated(gov):
        yield Feature("gov_negated", 1.0, gov.i)
    if in_quotes(span):
        yield Feature("in_quotes", 1.0)


def mention_features(span: Span, table: SentenceTable) -> list[Feature]:
    """All features of the mention ``span``, given the table of its sentence."""
    root, masked = span.root, range(span.start, span.end)
    gov = governor(root)
    path = _path(root, gov)
    branch = {root.i, *(t.i for t in path)}
    own, nested = _clause(gov, branch | set(masked)) if gov is not root else ([], [])
    modifiers = [t.i for c in root.children if c.dep_ in MODIFIER_DEPS for t in c.subtree]
    before = range(max(table.start, span.start - WINDOW_TOKENS), span.start)
    after = range(span.end, min(table.end, span.end + WINDOW_TOKENS))
    features = list(_structure(span, root, gov, table))
    scopes: tuple[tuple[str, list[int]], ...] = (
        ("gov", [gov.i] if gov is not root else []),
        ("path", [t.i for t in path]),
        ("mod", modifiers),
        ("clause", own),
        ("nested", nested),
        ("win", [*before, *after]),
    )
    for tag, indices in scopes:
        features.extend(_tagged(tag, indices, masked, table))
    features.extend(f for f in table.sentence_features if f.token not in masked)
    features.extend(_role_polarity(features, _role(root)))
    return features


def _role(root: Token) -> str:
    """The mention's relation, coarsened: agent, patient, possessor or other."""
    return ROLES.get(root.dep_, "other")


def _role_polarity(features: list[Feature], role: str) -> Iterator[Feature]:
    """Lexicon weights near the mention crossed with its role: praising is not being praised."""
    for feature in features:
        if feature.name.startswith("lex_") and feature.name.rsplit(":", 1)[1] in ROLE_SCOPES:
            yield Feature(f"{feature.name}:{role}", feature.value, feature.token)


def feature_counts(features: list[Feature]) -> dict[str, float]:
    """Sum the feature occurrences by name: the sparse vector the linear model reads."""
    counts: dict[str, float] = {}
    for feature in features:
        counts[feature.name] = counts.get(feature.name, 0.0) + feature.value
    return counts
