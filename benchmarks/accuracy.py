"""Accuracy of the scoring library on an annotated corpus, printed as JSON.

    python benchmarks/accuracy.py --task target_sentiment --data FILE [--predictions OUT.jsonl]
    python benchmarks/accuracy.py --task actors --data basil_actors_dev.jsonl --score-only OUT.jsonl

Each task lives in its own module (``benchmarks/task_<name>.py``) exposing ``predict(records,
resources)`` that yields one prediction dict per record (same ``id``) and ``score(records,
predictions)`` that returns the figures. The figures are always computed from the predictions as
written, so ``--score-only`` scores any other predictions file of the same format.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TASKS = ("target_sentiment", "hedging", "attribution", "actors")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--task", choices=TASKS, required=True)
    parser.add_argument("--data", type=Path, required=True, help="corpus file (JSON Lines)")
    parser.add_argument("--predictions", type=Path, help="write predictions here (JSON Lines)")
    parser.add_argument(
        "--score-only",
        type=Path,
        metavar="PREDICTIONS",
        help="score an existing predictions file instead of running the library",
    )
    parser.add_argument("--limit", type=int, help="only the first N records (for quick looks)")
    args = parser.parse_args(argv)

    task = importlib.import_module(f"benchmarks.task_{args.task}")
    records = read_jsonl(args.data)[: args.limit]
    started = time.perf_counter()
    if args.score_only:
        predictions = read_jsonl(args.score_only)
    else:
        from scoring.resources import load_resources

        predictions = list(task.predict(records, load_resources()))
    seconds = time.perf_counter() - started
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as handle:
            for prediction in predictions:
                handle.write(json.dumps(prediction, ensure_ascii=False) + "\n")
        predictions = read_jsonl(args.predictions)  # score exactly what was written
    figures = {"task": args.task, "data": args.data.name, "records": len(records)}
    figures.update(task.score(records, predictions))
    figures["seconds"] = round(seconds, 1)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
