"""Time attribution finding against the spaCy parse it runs on, printed as JSON.

    python benchmarks/attribution_speed.py [--data FILE.jsonl] [--limit N]

Parses every record's ``text`` once, then runs ``find_attributions`` on the parsed docs; prints
both times and their ratio (the whole analysis must stay within 1.3x the parse alone).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_DATA = Path("../shared/data/attribution/polnear_dev.jsonl")


def main(argv: list[str] | None = None) -> int:
    from scoring.attribution import find_attributions, load_attribution_lexicon
    from scoring.resources import load_pipeline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSON Lines with 'text'")
    parser.add_argument("--limit", type=int, help="only the first N records")
    args = parser.parse_args(argv)
    with args.data.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()][: args.limit]
    nlp, lexicon = load_pipeline(), load_attribution_lexicon()
    started = time.perf_counter()
    docs = [nlp(text) for text in texts]
    parse = time.perf_counter() - started
    started = time.perf_counter()
    for doc in docs:
        find_attributions(doc, actors=(), lexicon=lexicon)
    attribution = time.perf_counter() - started
    figures = {
        "articles": len(texts),
        "parse_seconds": round(parse, 2),
        "attribution_seconds": round(attribution, 2),
        "attribution_over_parse": round(attribution / parse, 3) if parse else None,
    }
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
