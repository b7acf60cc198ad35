"""The one reader of the package's lexicon files (``scoring/lexicons/*.tsv``), validating each.

A lexicon file is UTF-8 tab-separated text: a header of ``#`` lines stating its source, licence,
date and columns, then one entry per line. Blank lines and ``#`` lines are skipped; every other
line must have the stated number of columns and must not repeat an earlier key (the fields at the
``key`` positions), so a lexicon can never carry conflicting weights for one entry.
"""

from __future__ import annotations

import hashlib
from importlib import resources

from scoring.errors import PipelineError

LEXICON_PACKAGE = "scoring.lexicons"
# Fields every lexicon header states, each on a "# <field>:" line (a test checks all files).
HEADER_FIELDS = ("source:", "licence:", "date:", "columns:")


def lexicon_text(name: str) -> str:
    """The raw text of one lexicon file of the package."""
    try:
        return resources.files(LEXICON_PACKAGE).joinpath(name).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise PipelineError(f"lexicon {name} cannot be read: {err}") from err


def parse_tsv(
    text: str, *, name: str, columns: tuple[int, ...], key: tuple[int, ...] = (0,)
) -> list[tuple[str, ...]]:
    """The entries of a lexicon text, each a tuple of stripped fields; raise on a bad line.

    ``columns`` lists the field counts a line may have (optional trailing fields).
    """
    rows: list[tuple[str, ...]] = []
    seen: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = tuple(field.strip() for field in line.split("\t"))
        if len(fields) not in columns or not all(fields[i] for i in key):
            expected = " or ".join(str(count) for count in columns)
            raise PipelineError(
                f"lexicon {name} line {number}: expected {expected} tab-separated fields, "
                f"got {len(fields)}: {line!r}"
            )
        entry = tuple(fields[i] for i in key)
        if entry in seen:
            raise PipelineError(
                f"lexicon {name} line {number}: {' '.join(entry)!r} repeats line {seen[entry]}"
            )
        seen[entry] = number
        rows.append(fields)
    return rows


def read_tsv(
    name: str, *, columns: tuple[int, ...], key: tuple[int, ...] = (0,)
) -> list[tuple[str, ...]]:
    """The validated entries of the package lexicon ``name`` (see ``parse_tsv``)."""
    return parse_tsv(lexicon_text(name), name=name, columns=columns, key=key)


def lexicons_version() -> str:
    """Short SHA-256 over every lexicon file shipped in the package (changes when any changes)."""
    digest = hashlib.sha256()
    folder = resources.files(LEXICON_PACKAGE)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".tsv", ".txt")):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:12]
