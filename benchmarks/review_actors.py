"""Hand-checked actors: every actor found in seeded BASIL articles, as a sheet to judge.

    python benchmarks/review_actors.py --data ../shared/data/actors/basil_actors_dev.jsonl \
        --sheet benchmarks/reviews/actors_basil_dev.tsv [--stage after]

Picks ``--articles`` articles with ``random.Random(--seed)``, finds their actors (every
``entities[].name`` requested, as a CMS would), and writes one row per actor: stage, article id,
actor id, name, type, mention count (names and pronoun/nominal counts apart), verdict, reason.
The sheet holds no article text. Verdicts already in the sheet for the same stage, article, actor
id, name and type are kept, so a re-run after a change shows only the new rows to judge. Prints
correct / judged per stage (higher is better; the issue's floor is 90%).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

COLUMNS = (
    "stage",
    "article",
    "actor",
    "name",
    "type",
    "mentions",
    "references",
    "verdict",
    "reason",
)
VERDICTS = ("correct", "wrong")
REFERENCE_FORMS = frozenset({"pronoun", "nominal"})


def _rows(records: list[dict], stage: str) -> list[dict[str, str]]:
    from scoring.actors import ActorQuery, find_actors, load_gazetteer
    from scoring.resources import load_pipeline

    nlp, gazetteer = load_pipeline(), load_gazetteer()
    rows = []
    for record in records:
        queries = [ActorQuery(name=entity["name"]) for entity in record["entities"]]
        for actor in find_actors(nlp(record["text"]), gazetteer=gazetteer, requested=queries):
            references = sum(m.form in REFERENCE_FORMS for m in actor.mentions)
            rows.append(
                {
                    "stage": stage,
                    "article": record["id"],
                    "actor": actor.id,
                    "name": actor.name,
                    "type": actor.type,
                    "mentions": str(len(actor.mentions) - references),
                    "references": str(references),
                    "verdict": "",
                    "reason": "",
                }
            )
    return rows


def _identity(row: dict[str, str]) -> tuple[str, ...]:
    """What a verdict is about: the same actor (id, name, type) in the same article and stage."""
    return row["stage"], row["article"], row["actor"], row["name"], row["type"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--sheet", type=Path, required=True)
    parser.add_argument("--stage", default="after", help="label of this run (before / after)")
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)

    with args.data.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    chosen = random.Random(args.seed).sample(records, args.articles)
    old: list[dict[str, str]] = []
    if args.sheet.exists():
        with args.sheet.open(encoding="utf-8", newline="") as handle:
            old = list(csv.DictReader(handle, delimiter="\t"))
    judged = {_identity(r): r for r in old}
    rows = [r for r in old if r["stage"] != args.stage]
    for row in _rows(chosen, args.stage):
        kept = judged.get(_identity(row))
        if kept is not None:
            row["verdict"], row["reason"] = kept["verdict"], kept["reason"]
        rows.append(row)
    with args.sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    for stage in sorted({r["stage"] for r in rows}):
        verdicts = Counter(r["verdict"] for r in rows if r["stage"] == stage)
        done = sum(verdicts[v] for v in VERDICTS)
        share = verdicts["correct"] / done if done else 0.0
        total = sum(verdicts.values())
        print(f"{stage}: {verdicts['correct']} correct / {done} judged ({share:.1%}), {total} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
