"""Hand-checked affiliations: a sample of the ties made in BASIL articles, as a sheet to judge.

    python benchmarks/review_affiliations.py --data ../shared/data/actors/basil_actors_dev.jsonl \
        --sheet benchmarks/reviews/affiliations_basil_dev.tsv [--ties 80] [--seed 5] [--show]

Finds every person's affiliations in every article (each ``entities[].name`` requested, as a CMS
would), samples ``--ties`` of them with ``random.Random(--seed)`` and writes one row per tie:
article id, person, the actor tied to, basis, verdict, reason. The sheet holds no article text;
``--show`` prints each tie's evidence words and sentence to the terminal for judging. A tie is
``correct`` when the text says the person speaks for that actor (a member, officer, spokesperson
or party member of it). Verdicts already in the sheet for the same article, person, actor and
basis are kept, so a re-run after a change shows only the new rows. Prints correct / judged.
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

COLUMNS = ("article", "person", "actor", "basis", "verdict", "reason")
VERDICTS = ("correct", "wrong")


def _ties(records: list[dict], show: bool) -> list[tuple[dict[str, str], str]]:
    """Every tie as (sheet row, evidence to show), in article and actor order."""
    from scoring.actors import ActorQuery, find_actors, load_gazetteer
    from scoring.resources import load_pipeline

    nlp, gazetteer = load_pipeline(), load_gazetteer()
    found = []
    for record in records:
        doc = nlp(record["text"])
        queries = [ActorQuery(name=entity["name"]) for entity in record["entities"]]
        actors = find_actors(doc, gazetteer=gazetteer, requested=queries)  # with affiliations
        names = {actor.id: actor.name for actor in actors}
        for actor in actors:
            for tie in actor.affiliations:
                row = {
                    "article": record["id"],
                    "person": actor.name,
                    "actor": names[tie.actor_id],
                    "basis": tie.basis,
                    "verdict": "",
                    "reason": "",
                }
                evidence = ""
                if show:
                    text = record["text"]
                    mention = next(m for m in actor.mentions if m.form in ("name", "alias"))
                    near = min(mention.span.start, tie.span.start)
                    far = max(mention.span.end, tie.span.end)
                    context = " ".join(text[max(0, near - 60) : far + 60].split())
                    evidence = f"[{tie.span.exact}] ... {context}"
                found.append((row, evidence))
    return found


def _identity(row: dict[str, str]) -> tuple[str, ...]:
    return row["article"], row["person"], row["actor"], row["basis"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--sheet", type=Path, required=True)
    parser.add_argument("--ties", type=int, default=80)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--show", action="store_true", help="print each tie's evidence")
    args = parser.parse_args(argv)

    with args.data.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    ties = _ties(records, args.show)
    chosen = random.Random(args.seed).sample(ties, min(args.ties, len(ties)))
    old: dict[tuple[str, ...], dict[str, str]] = {}
    if args.sheet.exists():
        with args.sheet.open(encoding="utf-8", newline="") as handle:
            old = {_identity(r): r for r in csv.DictReader(handle, delimiter="\t")}
    rows = []
    for number, (row, evidence) in enumerate(chosen, start=1):
        kept = old.get(_identity(row))
        if kept is not None:
            row["verdict"], row["reason"] = kept["verdict"], kept["reason"]
        if args.show:
            print(f"{number}\t{row['person']} -> {row['actor']} ({row['basis']})\t{evidence}")
        rows.append(row)
    with args.sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    verdicts = Counter(row["verdict"] for row in rows)
    done = sum(verdicts[v] for v in VERDICTS)
    share = verdicts["correct"] / done if done else 0.0
    print(f"{verdicts['correct']} correct / {done} judged ({share:.1%}) of {len(ties)} ties")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
