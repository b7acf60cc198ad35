"""Speed and memory of the analysis on the seed articles, printed as JSON.

    python benchmarks/speed.py [--rounds 7] [--seeds DIR]

For each round every seed is parsed alone (spaCy only) and analysed whole (parse + every metric +
the comparison with the seed reference), interleaved so both see the same machine load. Prints
median words/s of each, the median per-round ratio whole/parse (the figure to watch on a shared,
noisy machine) and the process's peak resident memory. Then the target encoder alone: every
actor mention of the seeds scored in one batched call (the analysis's own path), on the one
inference thread the service uses: targets/s and ms per target, median over rounds.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scoring import read_folder
from scoring.actors import find_actors, mention_span
from scoring.analyze import analyze, fit_reference
from scoring.resources import load_resources
from scoring.text.words import count_words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--seeds", type=Path, default=Path(__file__).resolve().parent.parent / "seeds"
    )
    args = parser.parse_args(argv)

    resources = load_resources()
    reference = fit_reference(read_folder(args.seeds), resources=resources)
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.seeds.glob("*.txt"))]
    words = sum(count_words(resources.nlp(t)) for t in texts)
    parse_times, whole_times = [], []
    for _ in range(args.rounds):
        started = time.perf_counter()
        for text in texts:
            resources.nlp(text)
        parse_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        for text in texts:
            analyze(text, resources=resources, reference=reference)
        whole_times.append(time.perf_counter() - started)
    ratios = [w / p for w, p in zip(whole_times, parse_times, strict=True)]
    targets = _mention_targets(resources, texts)
    encoder_times = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        resources.sentiment_model.predict(targets)
        encoder_times.append(time.perf_counter() - started)
    per_target = statistics.median(encoder_times) / len(targets)
    figures = {
        "articles": len(texts),
        "words": words,
        "rounds": args.rounds,
        "parse_words_per_s": round(words / statistics.median(parse_times)),
        "analysis_words_per_s": round(words / statistics.median(whole_times)),
        "analysis_over_parse_ratio": round(statistics.median(ratios), 3),
        "ratio_min_max": [round(min(ratios), 3), round(max(ratios), 3)],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "sentiment_model": resources.sentiment_model.version,
        "encoder_targets": len(targets),
        "encoder_targets_per_s": round(1 / per_target, 1),
        "encoder_ms_per_target": round(1000 * per_target, 2),
    }
    print(json.dumps(figures, indent=2))
    return 0


def _mention_targets(resources: Any, texts: list[str]) -> list[tuple[str, int, int]]:
    """(sentence, start, end) of every actor mention of the texts, as the encoder reads them."""
    targets = []
    for text in texts:
        doc = resources.nlp(text)
        for actor in find_actors(doc, gazetteer=resources.gazetteer):
            for mention in actor.mentions:
                span = mention_span(doc, mention)
                sent = span.sent
                base = sent.start_char
                targets.append((sent.text, span.start_char - base, span.end_char - base))
    return targets


if __name__ == "__main__":
    raise SystemExit(main())
