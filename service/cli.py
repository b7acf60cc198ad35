"""Command line: ``newsmetrics FILE`` prints the JSON document ``POST /v1/analyze`` returns.

newsmetrics article.txt                   plain text, compared with the seed articles
newsmetrics --html body.html              a CMS's HTML body
cat article.txt | newsmetrics -           standard input
newsmetrics --reference DIR FILE          compare with the .txt articles in DIR instead
newsmetrics --reference SET.json FILE     compare with a stored reference set (plain JSON)
newsmetrics --reference DIR --save-reference SET.json FILE
                                          fit DIR once, keep it as SET.json, and compare
newsmetrics --no-reference FILE           no comparison

A stored set fitted with other versions (library, pipeline, lexicons, model) is refused: refit it.

(``python -m service.cli`` is the same command.) The document is dumped by the API's own
response schema, so a data team scoring an archive gets what the CMS gets; ``request_id`` is
empty and ``cached`` false.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from scoring.actors import ActorQuery
from scoring.analyze import analyze, fit_reference, load_reference, save_reference
from scoring.errors import ReferenceSetError, ScoringError
from scoring.folder import read_folder
from scoring.reference import ReferenceSet
from scoring.resources import DEFAULT_MODEL, Resources, load_resources
from scoring.text.input import decode_bytes
from service.bodies import dump_article
from service.models import SEEDS, ArticleMeta, ArticleResult, Options
from service.schemas import AnalyzeResponseSchema
from service.scorer import packaged_seeds


def _actor(value: str) -> ActorQuery:
    name, _, aliases = value.partition("=")
    return ActorQuery(name=name.strip(), aliases=tuple(a.strip() for a in aliases.split(",") if a))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsmetrics", description=__doc__.splitlines()[0])
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
    reference = parser.add_mutually_exclusive_group()
    reference.add_argument(
        "--reference",
        type=Path,
        help="folder of .txt articles, or a stored set (.json), to compare with (default: seeds)",
    )
    reference.add_argument("--no-reference", action="store_true", help="do not compare")
    parser.add_argument(
        "--save-reference", type=Path, metavar="SET.json", help="write the fitted reference set"
    )
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline package")
    return parser


def _document(args: argparse.Namespace, data: bytes) -> dict[str, Any]:
    """Score the article as the service would and dump it with the API's response schema."""
    resources = load_resources(args.model)
    reference = None if args.no_reference else _reference(args, resources)
    text = decode_bytes(data)
    report = analyze(
        text, resources=resources, is_html=args.html, actors=tuple(args.actor), reference=reference
    )
    result = ArticleResult(ArticleMeta(), Options(), report, cached=False)
    return dump_article(result, AnalyzeResponseSchema)


def _reference(args: argparse.Namespace, resources: Resources) -> ReferenceSet:
    """The stored set named by --reference FILE, or one fitted on a folder (the seeds by
    default), written to --save-reference when asked."""
    if args.reference is not None and args.reference.is_file():
        try:
            data = json.loads(args.reference.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise ReferenceSetError(
                f"cannot read the reference set {args.reference}: {err}"
            ) from err
        return load_reference(data, resources=resources)
    folder = args.reference or packaged_seeds()
    name = args.reference.name if args.reference else SEEDS
    reference = fit_reference(read_folder(folder), resources=resources, name=name)
    if args.save_reference is not None:
        document = json.dumps(save_reference(reference, resources=resources))
        try:
            args.save_reference.write_text(document, encoding="utf-8")
        except OSError as err:
            raise ReferenceSetError(f"cannot write {args.save_reference}: {err.strerror}") from err
    return reference


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as err:
        sys.stderr.write(f"error: cannot read {args.file}: {err.strerror}\n")
        return 2
    try:
        document = _document(args, data)
    except ScoringError as err:
        sys.stderr.write(f"error ({err.code}): {err}\n")
        return 1
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
