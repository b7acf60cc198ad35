"""The actors layer's cost beside the parse on the seed articles: finding actors, coreference
of pronouns and role nouns, identity rules and affiliations, in CPU time of this process.

    .venv/bin/python benchmarks/actors_speed.py [--rounds 5]

Prints JSON: the median parse time of the five seeds, the median time of ``find_actors`` on
the parsed articles, and their ratio (the actors issue's budget: at most 0.15x the parse).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    from scoring.actors import find_actors, load_gazetteer
    from scoring.resources import load_pipeline

    nlp, gazetteer = load_pipeline(), load_gazetteer()
    texts = [path.read_text("utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    parse, actors = [], []
    for _ in range(args.rounds):
        start = time.process_time()
        docs = [nlp(text) for text in texts]
        parsed = time.process_time()
        found = sum(len(find_actors(doc, gazetteer=gazetteer)) for doc in docs)
        parse.append(parsed - start)
        actors.append(time.process_time() - parsed)
    result = {
        "articles": len(texts),
        "actors_found": found,
        "rounds": args.rounds,
        "parse_cpu_ms": round(1000 * statistics.median(parse), 1),
        "actors_cpu_ms": round(1000 * statistics.median(actors), 1),
        "actors_over_parse": round(statistics.median(actors) / statistics.median(parse), 3),
        "load_average": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
