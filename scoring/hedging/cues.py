"""Hedging: cues of reduced commitment in an article, with their category, sentence and voice.

Higher ``per_100_words`` and ``hedged_sentence_share`` mean more hedged writing. A cue is a word
or phrase of the hedge lexicon (``lexicons/hedges.tsv``) that passes its rule on the parse, so the
same word is a hedge only where it hedges ("may" the modal, not "May" the month). Hedges are
epistemic: reduced commitment to whether a claim holds (or to a figure), never obligation
("should"), accusation ("accused") or absence ("no evidence"). Boosters ("clearly", "no doubt")
and conditionals ("if", "unless", "whether") are found the same way but reported apart and never
counted: a condition restricts a claim without doubting it.
The categories follow the hedging literature (Hyland 2005; the CoNLL-2010 uncertainty cues).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from scoring.errors import PipelineError
from scoring.hedging.holders import says_vaguely, vague_holder, vague_start
from scoring.hedging.rules import RULES, looks_like, negation_start, passes
from scoring.hedging.syntax import has_complement
from scoring.text.lexicon import lexicon_text, parse_tsv
from scoring.text.quotes import NARRATOR, Voices
from scoring.text.sentences import sentence_index
from scoring.text.spans import TextSpan, doc_text, text_span
from scoring.text.words import count_words, is_word, per_100_words

LEXICON_FILE = "hedges.tsv"

# Hedge categories in the order every report lists them; boosters are kept apart.
HEDGE_CATEGORIES = (
    "modal",
    "epistemic_verb",
    "epistemic_adverb",
    "approximator",
    "phrase",
    "negated_certainty",
    "vague_source",
)
# Categories that make a sentence "hedged": uncertainty about whether a claim holds. Approximators
# ("about 30") hedge the precision of a figure, not the claim: they count in the densities and by
# category, but an approximator alone does not make a hedged sentence (as in the CoNLL-2010 /
# Szeged speculation annotation, and Prince, Frader and Bosk's "shields" vs "approximators").
CLAIM_CATEGORIES = tuple(category for category in HEDGE_CATEGORIES if category != "approximator")
BOOSTER = "booster"
# Conditions and open alternatives: the corpora of speculation count them, editors do not.
CONDITIONAL = "conditional"
CATEGORIES = (*HEDGE_CATEGORIES, CONDITIONAL, BOOSTER)
# Weasel wording: a verb of thinking or saying whose holder is vague ("critics argue", "it is
# believed"); lexicon verbs of thinking take this category when their holder is vague.
VAGUE_SOURCE = "vague_source"
EPISTEMIC_VERB = "epistemic_verb"
PHRASE = "phrase"
# An estimate with a clause ("estimates that the wall would cost") is a verb of judging.
ESTIMATE = "estimate"
# The rule of a vague-source cue found on a verb of saying that the lexicon does not list.
VAGUE_RULE = "any"
# Conditionals that directly follow another hedge ("unclear whether") belong to it: not a new cue.
CLAUSE_RULE = "clause"
# Marker (fifth column) of cues that pass a claim on from an unnamed source.
HEARSAY = "hearsay"


@dataclass(frozen=True, slots=True)
class HedgeCue:
    """One hedge (or booster) cue: where it is, what kind, in which sentence and whose voice."""

    span: TextSpan
    category: str
    sentence: int
    voice: str
    hearsay: bool = False  # passes a claim on from an unnamed source ("reportedly")


@dataclass(frozen=True, slots=True)
class HedgingResult:
    """Hedge cues of one article and their densities; boosters and conditionals are listed but
    never counted."""

    cues: tuple[HedgeCue, ...]
    boosters: tuple[HedgeCue, ...]
    narrator_words: int
    hedged_sentences: int
    per_100_words: float
    narrator_per_100_words: float
    hedged_sentence_share: float
    by_category: tuple[tuple[str, int], ...]
    conditionals: tuple[HedgeCue, ...]  # "if", "unless", "whether": listed, never counted


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One row of the hedge lexicon: its words, category and the rule that says when it hedges."""

    words: tuple[str, ...]
    category: str
    rule: str
    hearsay: bool = False


@dataclass(frozen=True, slots=True)
class HedgeLexicon:
    """The hedge lexicon, indexed for one pass over the tokens: plain (picklable) data, no spaCy
    objects, so it is built without a pipeline and shared by forked or spawned workers."""

    entries: tuple[LexiconEntry, ...]
    single: Mapping[str, LexiconEntry]
    phrases: Mapping[str, tuple[LexiconEntry, ...]]


def parse_lexicon(text: str) -> tuple[LexiconEntry, ...]:
    """Read the rows of a hedge lexicon file (TSV with '#' comments), checking each field."""
    entries = []
    for fields in parse_tsv(text, name=LEXICON_FILE, columns=(3, 4, 5)):
        if (
            fields[1] not in CATEGORIES
            or fields[2] not in RULES
            or fields[4:] not in ((), (HEARSAY,))
        ):
            raise PipelineError(f"lexicon {LEXICON_FILE}: malformed entry {chr(9).join(fields)!r}")
        hearsay = fields[4:] == (HEARSAY,)
        entries.append(LexiconEntry(tuple(fields[0].split()), fields[1], fields[2], hearsay))
    return tuple(entries)


def build_lexicon(entries: tuple[LexiconEntry, ...]) -> HedgeLexicon:
    """Index entries: single words by word, phrases by first word (longest first)."""
    single = {entry.words[0]: entry for entry in entries if len(entry.words) == 1}
    grouped: dict[str, list[LexiconEntry]] = {}
    for entry in entries:
        if len(entry.words) > 1:
            grouped.setdefault(entry.words[0], []).append(entry)
    phrases = {
        word: tuple(sorted(group, key=lambda entry: -len(entry.words)))
        for word, group in grouped.items()
    }
    return HedgeLexicon(entries, single, phrases)


def load_hedge_lexicon() -> HedgeLexicon:
    """Load the hedge lexicon from the package data (once per process; pass it in)."""
    return build_lexicon(parse_lexicon(lexicon_text(LEXICON_FILE)))


def _words_match(doc: Doc, start: int, words: tuple[str, ...]) -> bool:
    for offset, word in enumerate(words):
        token = doc[start + offset]
        if token.lower_ != word and token.lemma_.lower() != word:
            return False
    return True


def _match_at(
    doc: Doc, i: int, limit: int, lexicon: HedgeLexicon
) -> tuple[int, LexiconEntry] | None:
    """The cue starting at token ``i`` (phrases before single words): its end token and entry."""
    token = doc[i]
    lower, lemma = token.lower_, token.lemma_.lower()
    keys = (lower,) if lower == lemma else (lower, lemma)
    for key in keys:
        for entry in lexicon.phrases.get(key, ()):
            end = i + len(entry.words)
            if (
                end <= limit
                and _words_match(doc, i, entry.words)
                and passes(entry.rule, doc, i, end)
            ):
                return end, entry
    for key in keys:
        found = lexicon.single.get(key)
        if found is not None and passes(found.rule, doc, i, i + 1, found.words[0]):
            return i + 1, found
    return None


def _scan(doc: Doc, lexicon: HedgeLexicon) -> list[tuple[int, int, LexiconEntry, int]]:
    """Every cue as (start_char, end_char, entry, sentence), in one pass over the tokens."""
    found = []
    for number, sent in enumerate(sentence_index(doc).spans):
        i, previous_end = sent.start, -1
        while i < sent.end:
            match = (
                _match_at(doc, i, sent.end, lexicon) or _vague_saying(doc, i) or _look_like(doc, i)
            )
            if match is None:
                i += 1
                continue
            end, entry = match
            if not (entry.rule == CLAUSE_RULE and previous_end == i):
                entry = _recategorised(doc, i, end, entry)
                first = _first_token(doc, i, entry)
                found.append((doc[first].idx, doc[end - 1].idx + len(doc[end - 1]), entry, number))
            i = previous_end = end
    return found


def _vague_saying(doc: Doc, i: int) -> tuple[int, LexiconEntry] | None:
    """A verb of saying with a vague source ("critics argue", "some say", "it is said that"):
    a vague-source cue though the lexicon, which lists hedging words, does not list it."""
    token = doc[i]
    if not says_vaguely(token):
        return None
    return i + 1, LexiconEntry((token.lemma_.lower(),), VAGUE_SOURCE, VAGUE_RULE)


def _look_like(doc: Doc, i: int) -> tuple[int, LexiconEntry] | None:
    """Evidential "it looks like", "looked as if": a phrase cue told from resemblance on the
    parse (the lexicon leaves "look like" out for that ambiguity)."""
    end = looks_like(doc, i)
    if not end or end > len(doc):
        return None
    return end, LexiconEntry(tuple(t.lower_ for t in doc[i:end]), PHRASE, VAGUE_RULE)


def _recategorised(doc: Doc, start: int, end: int, entry: LexiconEntry) -> LexiconEntry:
    """The entry with the category its context gives it: a vague holder makes a verb of thinking
    or saying a vague-source cue; a clause makes "estimate" a verb of judging, not of figures."""
    token = doc[end - 1]
    if entry.category == EPISTEMIC_VERB and end - start == 1 and vague_holder(token):
        return replace(entry, category=VAGUE_SOURCE)
    judged = token.tag_ != "VBN" or any(child.dep_ == "ccomp" for child in token.children)
    if entry.words == (ESTIMATE,) and token.pos_ == "VERB" and has_complement(token) and judged:
        return replace(entry, category=EPISTEMIC_VERB)
    return entry


def _first_token(doc: Doc, start: int, entry: LexiconEntry) -> int:
    """Where a cue's span starts: its negation or its vague holder when that comes first."""
    if entry.rule == "negated":
        return negation_start(doc, start)
    if entry.category == VAGUE_SOURCE and len(entry.words) == 1:
        return min(start, vague_start(doc[start]))
    return start


def _narrator_words(doc: Doc, voices: Voices) -> int:
    """Words in the narrator's own voice: outside quotes and reported speech."""
    return sum(1 for token in doc if is_word(token) and voices.at(token.idx) == NARRATOR)


def find_hedges(doc: Doc, *, lexicon: HedgeLexicon, voices: Voices) -> HedgingResult:
    """Hedge cues, boosters and conditionals of a parsed article, each in the voice ``voices``
    gives it."""
    found: dict[str, list[HedgeCue]] = {BOOSTER: [], CONDITIONAL: [], "": []}
    text = doc_text(doc)
    for start, end, entry, sentence in _scan(doc, lexicon):
        cue = HedgeCue(
            text_span(text, start, end), entry.category, sentence, voices.at(start), entry.hearsay
        )
        found[entry.category if entry.category in found else ""].append(cue)
    return _result(
        doc,
        tuple(found[""]),
        tuple(found[BOOSTER]),
        tuple(found[CONDITIONAL]),
        _narrator_words(doc, voices),
    )


def _result(
    doc: Doc,
    cues: tuple[HedgeCue, ...],
    boosters: tuple[HedgeCue, ...],
    conditionals: tuple[HedgeCue, ...],
    narrator_words: int,
) -> HedgingResult:
    words = count_words(doc)
    sentences = sentence_index(doc).count
    hedged = len({cue.sentence for cue in cues if cue.category in CLAIM_CATEGORIES})
    narrator_cues = sum(1 for cue in cues if cue.voice == NARRATOR)
    counts = Counter(cue.category for cue in cues)
    return HedgingResult(
        cues=cues,
        boosters=boosters,
        narrator_words=narrator_words,
        hedged_sentences=hedged,
        per_100_words=per_100_words(len(cues), words),
        narrator_per_100_words=per_100_words(narrator_cues, narrator_words),
        hedged_sentence_share=hedged / sentences if sentences else 0.0,
        by_category=tuple((category, counts[category]) for category in HEDGE_CATEGORIES),
        conditionals=conditionals,
    )
