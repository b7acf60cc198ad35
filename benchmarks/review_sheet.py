"""What the hand-review scripts share: the TSV sheet, the seeded draw and the command line.

A review script samples items (hedge cues, attributions) from the analysis of a data file into a
sheet of ids, offsets, verdicts and reasons (never article text); a reviewer fills the verdicts;
``--score`` prints precision from the filled sheet.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path("../shared/data/actors/basil_actors_dev.jsonl")
DEFAULT_SEED = 13


def read_sheet(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def write_sheet(path: Path, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, delimiter="\t", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def seeded_hash(seed: int, *parts: object) -> str:
    """An item's place in the seeded draw: stable across code changes that do not touch it."""
    return hashlib.sha256("\t".join(map(str, (seed, *parts))).encode("utf-8")).hexdigest()


def run(
    argv: list[str] | None,
    description: str,
    *,
    items: str,
    default_sample: int,
    show_flag: tuple[str, str],
    sample: Callable[[argparse.Namespace], None],
    score: Callable[[list[dict[str, str]]], dict[str, Any]],
) -> int:
    """The command line every review script has: sample into ``--out``, or ``--score`` a sheet."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="BASIL-format JSON Lines")
    parser.add_argument("--out", type=Path, help="review sheet to write (TSV)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--sample", type=int, default=default_sample, help=f"{items} to sample")
    parser.add_argument("--previous", type=Path, help="filled sheet whose verdicts carry over")
    parser.add_argument(show_flag[0], action="store_true", help=show_flag[1])
    parser.add_argument("--score", type=Path, metavar="SHEET", help="print precision of a sheet")
    args = parser.parse_args(argv)
    if args.score:
        print(json.dumps(score(read_sheet(args.score)), indent=2))
        return 0
    if args.out is None:
        parser.error("--out is required unless --score is given")
    sample(args)
    return 0
