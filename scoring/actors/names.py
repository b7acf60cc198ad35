"""Names: how actors' names are folded, compared and keyed, and the forms a caller's name takes.

Pure functions of strings (no parse): folding spellings and transliterations, surname skeletons,
given names and suffixes that keep people apart, acronyms, the member forms of a movement, and the
forms of a requested name as found in text (pairs, possessives, hyphens).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

from anyascii import anyascii

NAME_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})
POSSESSIVE = ("'s", "’s", "'", "’")
# Unicode general categories never part of a name: symbols (S: emoji, arrows) and other (C:
# bidi and zero-width format characters, controls, surrogates).
NOT_NAME_CATEGORIES = frozenset("SC")
# Two person surnames are one actor when their consonant skeletons agree and their spellings are
# this similar (difflib ratio): "Witkoff"/"Uitkoff" 0.86, "Zelensky"/"Zelenskiy" 0.94.
SURNAME_SIMILARITY = 0.8


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case ASCII form of a name, possessive removed, for comparing spellings."""
    for ending in POSSESSIVE:
        if text.endswith(ending) and len(text) > len(ending):
            text = text[: -len(ending)]
            break
    visible = clean_name(text)
    # anyascii transliterates every script (Путин -> Putin, 习近平 -> XiJinPing), so distinct
    # non-Latin names stay distinct; a name it cannot spell keeps its own lower-case form.
    folded = re.sub(r"[^a-z0-9 .-]", "", anyascii(visible).lower()).strip()
    return folded or visible.lower()


def clean_name(text: str) -> str:
    """A name without invisible format characters (bidi controls, zero-width joiners), symbols
    (emoji) or unpaired surrogates, with its spaces collapsed."""
    kept = "".join(ch for ch in text if unicodedata.category(ch)[0] not in NOT_NAME_CATEGORIES)
    return " ".join(kept.split())


@lru_cache(maxsize=4096)
def skeleton(surname: str) -> str:
    """Consonant skeleton of a transliterated surname: Zelensky/Zelenskyy/Zelenskiy -> zlnsk."""
    text = fold(surname).replace("-", "")
    if not text:
        return ""
    text = re.sub(r"^[uvw]", "v", text).replace("w", "v").replace("ck", "k").replace("ph", "f")
    head, tail = text[0], re.sub(r"[aeiouyh]", "", text[1:])
    return re.sub(r"(.)\1+", r"\1", head + tail)


def name_key(surname: str) -> str:
    """Spelling-neutral key of a transliterated surname: Zelenskyy/Zelenskiy -> zelensky,
    Uitkoff -> witkoff (the Cyrillic "v" sound written "u" or "w")."""
    key = re.sub(r"(?:yy|iy|ij|ii|yi)$", "y", fold(surname))
    return re.sub(r"^u(?=[aeio])", "w", key)


@lru_cache(maxsize=4096)
def same_surname(a: str, b: str) -> bool:
    if fold(a) == fold(b):
        return True
    return skeleton(a) == skeleton(b) and (
        SequenceMatcher(None, fold(a), fold(b)).ratio() >= SURNAME_SIMILARITY
    )


def looks_like_person(name: str) -> bool:
    """A requested name of two to four capitalised words ("Barack Obama", not "Obama campaign")."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(word[:1].isupper() for word in words)


def spells(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def given_agree(a: str, b: str) -> bool:
    """Two full names' given parts name one person: the same suffix (Jr., Sr.) and, where
    both give middle names or initials, the same ones ("George W." is not "George H. W.")."""
    words_a, words_b = a.split(), b.split()
    suffix_a = [w for w in words_a if w in NAME_SUFFIXES]
    suffix_b = [w for w in words_b if w in NAME_SUFFIXES]
    middle_a = [w for w in words_a[1:] if w not in NAME_SUFFIXES]
    middle_b = [w for w in words_b[1:] if w not in NAME_SUFFIXES]
    return suffix_a == suffix_b and (not middle_a or not middle_b or middle_a == middle_b)


def org_key(text: str) -> str:
    """An organisation's key: its folded name, an acronym's periods dropped (N.A.A.C.P.)."""
    return fold(text).replace(".", "") if re.fullmatch(r"(?:[A-Z]\.){2,}", text) else fold(text)


def member_stem(text: str) -> str:
    """The movement a member noun names: "tea partiers" -> "tea party", "democrats" ->
    "democrat"."""
    stem = re.sub(r"(?:ers|er|s)$", "", text)
    return re.sub(r"i$", "y", stem) if stem != text else text


def pair_forms(name: str) -> tuple[str, ...]:
    """Forms of two people named together ("Sasha and Malia Obama"): either order, with and
    without the shared surname, and each of them (a mention of either is about the pair)."""
    match = re.fullmatch(r"(\w+) and (\w+) (\w+)", name)
    if match is None:
        return ()
    a, b, surname = match.groups()
    together = (f"{a} and {b}", f"{b} and {a}", f"{b} and {a} {surname}")
    return (*together, f"{a} {surname}", f"{b} {surname}", a, b, f"{surname}s")


def part_of_name(forms: Iterable[str], name: str) -> bool:
    """True when a person's forms of two words or more are runs of a requested full name's
    words ("Enrique Peña" and "Peña Nieto" of "Enrique Pena Nieto"); a suffix asked for
    ("Jr.") must be there too."""
    words = [w.rstrip(".") for w in fold(name).split()]
    suffix = {w for w in words if w in NAME_SUFFIXES}
    for form in forms:
        part = [w.rstrip(".") for w in fold(form).split()]
        if len(part) < 2 or len(part) >= len(words) or suffix - set(part):
            continue
        if any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1)):
            return True
    return False


def without_possessive(form: str) -> str:
    """ "Obama's administration" as the text may say it: "Obama administration"."""
    return re.sub(r"['’]s\b", "", form)


def loose(text: str) -> str:
    """A name folded for matching a caller's form: case, accents, hyphens and spaces ignored."""
    return re.sub(r"[\s.-]", "", fold(text))


def stem(word: str) -> str:
    """The party or movement of a word: Democrats, Democratic -> democrat; Partiers -> parti."""
    return re.sub(r"(?:(?<=at)ic|ers|s)$", "", fold(word))


def form_pattern(form: str) -> re.Pattern[str]:
    """A caller's form as found in text: any case, hyphens optional between letters
    ("Walmart" finds "Wal-Mart"), at word boundaries."""
    letters = [re.escape(ch) for ch in form]
    return re.compile(rf"(?<!\w){'-?'.join(letters)}(?!\w)", re.IGNORECASE)


def name_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "actor"
