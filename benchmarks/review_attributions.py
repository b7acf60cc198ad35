"""Hand-checked attribution precision on real news: sample attributions, write a sheet, score it.

    python benchmarks/review_attributions.py --data basil_actors_dev.jsonl --out SHEET.tsv
        [--seed N] [--sample 160] [--previous OLD.tsv] [--show]
    python benchmarks/review_attributions.py --score SHEET.tsv

The first form parses every article of a BASIL-format file (``{"id", "text", ...}`` per line) the
way the service does (one parse, the article's actors, then ``find_attributions``), samples
attributions by a seeded hash of each one's article and offsets (so a change to the library that
adds or drops attributions leaves the rest of the sample as it was) and writes a TSV sheet of ids
and character offsets only: ``article_id, kind, source_type, cue_start, cue_end, source_start,
source_end, content_start, content_end, verdict, reason``. No article text goes into the sheet (the
data is internal development material); ``--show`` prints each sampled attribution with its
sentence to the terminal for the reviewer, read from the data path. ``--previous`` carries the
verdicts of a filled sheet over to rows with the same article and offsets.

The reviewer fills ``verdict`` with ``ok`` (a statement that is a statement: something said,
written or held as a view, with the right cue and a reasonable content) or ``wrong``, and a
specific reason. ``--score`` prints precision over the judged rows, overall and by kind and
source type.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.review_sheet import read_sheet, run, seeded_hash, write_sheet

COLUMNS = (
    "article_id",
    "kind",
    "source_type",
    "cue_start",
    "cue_end",
    "source_start",
    "source_end",
    "content_start",
    "content_end",
    "verdict",
    "reason",
)
OFFSETS = COLUMNS[3:9]
DEFAULT_SAMPLE = 160
VERDICTS = ("ok", "wrong")
DIGITS = 3
# Characters of context either side of an attribution printed by --show (terminal only).
CONTEXT_CHARS = 160
Key = tuple[str, ...]


def _attributions(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every attribution the library finds in the articles, as sheet rows (offsets only)."""
    from scoring.actors import find_actors
    from scoring.attribution import find_attributions
    from scoring.resources import load_resources

    resources = load_resources()
    docs = resources.nlp.pipe(record["text"] for record in records)
    rows = []
    for record, doc in zip(records, docs, strict=True):
        actors = find_actors(doc, gazetteer=resources.gazetteer)
        result = find_attributions(doc, actors=actors, lexicon=resources.attribution_lexicon)
        rows.extend(_row(record["id"], a) for a in result.attributions)
    return rows


def _row(article_id: str, attribution: Any) -> dict[str, Any]:
    def offsets(span: Any) -> tuple[Any, Any]:
        return ("", "") if span is None else (span.start, span.end)

    cue, source, content = (
        offsets(attribution.cue),
        offsets(attribution.source),
        offsets(attribution.content),
    )
    return {
        "article_id": article_id,
        "kind": attribution.kind,
        "source_type": attribution.source_type,
        "cue_start": cue[0],
        "cue_end": cue[1],
        "source_start": source[0],
        "source_end": source[1],
        "content_start": content[0],
        "content_end": content[1],
        "verdict": "",
        "reason": "",
    }


def _draw(row: dict[str, Any], seed: int) -> str:
    """A row's place in the seeded draw: a hash of the seed, article, cue and content offsets."""
    return seeded_hash(seed, row["article_id"], *(row[c] for c in ("cue_start", *OFFSETS[4:])))


def _key(row: dict[str, Any]) -> Key:
    return (row["article_id"], *(str(row[column]) for column in OFFSETS))


def _precision(counts: Counter[str]) -> dict[str, Any]:
    judged = counts["ok"] + counts["wrong"]
    return {"judged": judged, "precision": round(counts["ok"] / judged, DIGITS) if judged else None}


def score(rows: list[dict[str, str]]) -> dict[str, Any]:
    """Precision over the judged rows (verdict ok or wrong), overall, by kind and source type."""
    judged = [row for row in rows if row["verdict"] in VERDICTS]
    overall = Counter(row["verdict"] for row in judged)
    figures: dict[str, Any] = {"rows": len(rows), **_precision(overall)}
    for column in ("kind", "source_type"):
        groups: dict[str, Counter[str]] = {}
        for row in judged:
            groups.setdefault(row[column], Counter())[row["verdict"]] += 1
        figures[f"by_{column}"] = {name: _precision(c) for name, c in sorted(groups.items())}
    return figures


def _mark(text: str, row: dict[str, Any]) -> str:
    """The attribution's neighbourhood with [content], {cue} and <source> marked."""
    spans = [
        (row[f"{name}_start"], row[f"{name}_end"], mark)
        for name, mark in (("content", "[]"), ("cue", "{}"), ("source", "<>"))
        if row[f"{name}_start"] != ""
    ]
    start = min(int(s) for s, _, _ in spans)
    end = max(int(e) for _, e, _ in spans)
    inserts = sorted(
        [(int(s), m[0]) for s, _, m in spans] + [(int(e), m[1]) for _, e, m in spans],
        key=lambda item: item[0],
        reverse=True,
    )
    left, right = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    shown = text[left:right]
    for offset, mark in inserts:
        shown = shown[: offset - left] + mark + shown[offset - left :]
    return " ".join(shown.split())


def show(rows: list[dict[str, Any]], records: list[dict[str, Any]]) -> None:
    """Print each row in its context for the reviewer (terminal only, never the sheet)."""
    texts = {record["id"]: record["text"] for record in records}
    for number, row in enumerate(rows):
        print(
            f"{number}\t{row['kind']}\t{row['source_type']}\t{row['verdict']}\t"
            f"{_mark(texts[row['article_id']], row)}"
        )


def sample(args: argparse.Namespace) -> None:
    records = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    rows = _attributions(records)
    chosen = sorted(rows, key=lambda row: _draw(row, args.seed))[: args.sample]
    chosen.sort(key=lambda row: (row["article_id"], row["content_start"]))
    if args.previous:
        judged = {_key(row): row for row in read_sheet(args.previous)}
        for row in chosen:
            old = judged.get(_key(row))
            if old is not None:
                row["verdict"], row["reason"] = old["verdict"], old["reason"]
    write_sheet(args.out, chosen, COLUMNS)
    if args.show:
        show(chosen, records)
    print(json.dumps({"attributions_found": len(rows), "sampled": len(chosen), "seed": args.seed}))


def main(argv: list[str] | None = None) -> int:
    return run(
        argv,
        __doc__.splitlines()[0],
        items="attributions",
        default_sample=DEFAULT_SAMPLE,
        show_flag=("--show", "print attributions in context"),
        sample=sample,
        score=score,
    )


if __name__ == "__main__":
    raise SystemExit(main())
