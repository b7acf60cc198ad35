"""Hand-checked hedge precision on real news: sample hedge cues, write a review sheet, score it.

    python benchmarks/review_hedges.py --data basil_actors_dev.jsonl --out SHEET.tsv [--seed N]
        [--sample 170] [--previous OLD.tsv] [--context]
    python benchmarks/review_hedges.py --score SHEET.tsv

The first form runs the library's whole analysis (``scoring.analyze.analyze_batch``) on every
article of a BASIL-format file (``{"id", "text", ...}`` per line), samples hedge cues by a seeded
hash of each cue's article and offsets (so a cue keeps its place in the sample when other cues
come or go with a change of rules) and writes a TSV sheet with the columns ``row, article_id,
start, end, category, voice, verdict, reason``: ids and offsets into the analysed text, never
article text (the data is internal development material; the offsets find the words again).
``--previous``
carries the verdicts of a filled sheet over to rows with the same article, offsets and category,
so only changed cues need judging again; ``--context`` prints each sampled cue in its sentence
to the terminal for the reviewer (never to the sheet). The reviewer reads every cue in its
context and fills ``verdict`` with ``y`` (genuine epistemic hedging as an editor means it:
reduced commitment to whether a claim holds, a claim credited to a vague source, or an
approximate figure) or ``n``, with a reason of that row's own. ``--score`` prints precision
over the judged rows, overall and by category, and how many reasons repeat word for word (a
sheet of stock reasons is not a review).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.review_sheet import read_sheet, run, seeded_hash, write_sheet

COLUMNS = ("row", "article_id", "start", "end", "category", "voice", "verdict", "reason")
DEFAULT_SAMPLE = 170  # the floor is a precision on at least 150 judged cues
VERDICTS = ("y", "n")
DIGITS = 3
# Characters either side of a cue printed by --context (terminal only, never the sheet).
CONTEXT_CHARS = 200
Key = tuple[str, int, int, str]  # article, start, end, category


def _cues(records: list[dict]) -> list[dict]:
    """Every hedge cue the library reports in the articles, with its sentence for context."""
    from scoring.analyze import ArticleInput, Report, analyze_batch
    from scoring.resources import load_resources

    reports = analyze_batch(
        [ArticleInput(text=r["text"]) for r in records], resources=load_resources()
    )
    rows = []
    for record, report in zip(records, reports, strict=True):
        if not isinstance(report, Report):
            continue
        text = report.text
        for cue in report.analysis.hedging.cues:
            start, end = cue.span.start, cue.span.end
            left = max(text.rfind("\n", 0, start) + 1, start - CONTEXT_CHARS)
            right = min(text.find("\n", end) % (len(text) + 1), end + CONTEXT_CHARS)
            rows.append(
                {
                    "article_id": record["id"],
                    "start": start,
                    "end": end,
                    "_cue": cue.span.exact,
                    "category": cue.category,
                    "voice": cue.voice,
                    "verdict": "",
                    "reason": "",
                    "_context": f"{text[left:start]}[[{cue.span.exact}]]{text[end:right]}",
                }
            )
    return rows


def _rank(seed: int, row: dict) -> str:
    """A cue's place in the seeded sample: a hash of the seed, its article and its offsets."""
    return seeded_hash(seed, row["article_id"], row["start"], row["end"])


def _key(row: dict) -> Key:
    return (row["article_id"], int(row["start"]), int(row["end"]), row["category"])


def score(rows: list[dict]) -> dict:
    """Precision over the judged rows (verdict y or n), overall and by category."""
    judged = [row for row in rows if row["verdict"] in VERDICTS]
    by_category: dict[str, Counter[str]] = {}
    for row in judged:
        by_category.setdefault(row["category"], Counter())[row["verdict"]] += 1
    good = sum(row["verdict"] == "y" for row in judged)
    reasons = Counter(row["reason"].strip() for row in judged)
    return {
        "rows": len(rows),
        "judged": len(judged),
        "precision": round(good / len(judged), DIGITS) if judged else None,
        "repeated_reasons": sum(count for count in reasons.values() if count > 1),
        "by_category": {
            category: {
                "judged": sum(c.values()),
                "precision": round(c["y"] / sum(c.values()), DIGITS),
            }
            for category, c in sorted(by_category.items())
        },
    }


def sample(args: argparse.Namespace) -> None:
    records = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    rows = _cues(records)
    chosen = sorted(
        rows, key=lambda row: seeded_hash(args.seed, row["article_id"], row["start"], row["end"])
    )[: args.sample]
    chosen.sort(key=lambda row: (row["article_id"], row["start"]))
    for number, row in enumerate(chosen):
        row["row"] = number
    if args.previous:
        judged = {_key(row): row for row in read_sheet(args.previous)}
        for row in chosen:
            old = judged.get(_key(row))
            if old is not None:
                row["verdict"], row["reason"] = old["verdict"], old["reason"]
    write_sheet(args.out, chosen, COLUMNS)
    if args.context:
        for number, row in enumerate(chosen):
            context = " ".join(row["_context"].split())
            print(f"{number}\t{row['_cue']}\t{row['category']}\t{row['voice']}\t{context}")
    print(json.dumps({"cues_found": len(rows), "sampled": len(chosen), "seed": args.seed}))


def main(argv: list[str] | None = None) -> int:
    return run(
        argv,
        __doc__.splitlines()[0],
        items="cues",
        default_sample=DEFAULT_SAMPLE,
        show_flag=("--context", "print cues in context"),
        sample=sample,
        score=score,
    )


if __name__ == "__main__":
    raise SystemExit(main())
