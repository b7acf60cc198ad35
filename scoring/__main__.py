"""Command line: ``python -m scoring FILE`` prints the JSON report of one article.

python -m scoring article.txt              plain text
python -m scoring --html body.html         a CMS's HTML body
cat article.txt | python -m scoring -      standard input
python -m scoring --reference seeds/ FILE  compare with the articles in a folder
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from scoring.actors import ActorQuery
from scoring.analyze import analyze, fit_reference
from scoring.errors import ScoringError
from scoring.resources import DEFAULT_MODEL, load_resources
from scoring.text.input import decode_bytes


def _actor(value: str) -> ActorQuery:
    name, _, aliases = value.partition("=")
    return ActorQuery(name=name.strip(), aliases=tuple(a.strip() for a in aliases.split(",") if a))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scoring", description=__doc__.splitlines()[0])
    parser.add_argument("file", help="the article: a file path, or - for standard input")
    parser.add_argument("--html", action="store_true", help="the input is HTML (a CMS body)")
    parser.add_argument(
        "--actor",
        action="append",
        type=_actor,
        default=[],
        metavar="NAME[=ALIAS,...]",
        help="an actor to report even if absent, with aliases (repeatable)",
    )
    parser.add_argument("--reference", type=Path, help="folder of .txt articles to compare with")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline package")
    return parser


def read_folder(folder: Path) -> list[tuple[str, str]]:
    """Every ``.txt`` article of a folder as (file name, text), sorted by name."""
    return [(p.name, decode_bytes(p.read_bytes())) for p in sorted(folder.glob("*.txt"))]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as err:
        print(f"error: cannot read {args.file}: {err.strerror}", file=sys.stderr)
        return 2
    try:
        resources = load_resources(args.model)
        reference = (
            fit_reference(
                read_folder(args.reference), resources=resources, name=args.reference.name
            )
            if args.reference
            else None
        )
        report = analyze(
            decode_bytes(data),
            resources=resources,
            is_html=args.html,
            actors=tuple(args.actor),
            reference=reference,
        )
    except ScoringError as err:
        print(f"error ({err.code}): {err}", file=sys.stderr)
        return 1
    json.dump(dataclasses.asdict(report), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
