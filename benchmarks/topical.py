"""Topical fit: does the off-topic warning fire for articles on another topic, and stay silent
for articles on the reference's topic? Text only (the topic model reads no analysis), through
``scoring.reference.topical`` exactly as ``ReferenceSet`` uses it.

    .venv/bin/python -m benchmarks.topical [../shared/data/actors/basil_actors_dev.jsonl]

Figures printed (aggregates only, no text):

- ``basil_vs_seeds``: share of BASIL dev articles (US politics 2010-2019) warned against the five
  seeds (the March 2025 Ukraine ceasefire talks); the target is >= 90%.
- ``seed_vs_other_seeds``: share of seeds warned against the other four; the target is 0.
- ``outlet_leave_one_out``: for each outlet, the share of its articles *not* warned against a
  reference of that outlet's other BASIL dev articles; the target is >= 90%.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import defaultdict
from pathlib import Path

from scoring.folder import read_folder
from scoring.reference.topical import TopicModel, fit_topics, topical_fit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "actors" / "basil_actors_dev.jsonl"


def _warned(model: TopicModel, text: str) -> tuple[bool, float]:
    fit = topical_fit(model, text, [f"r{i}" for i in range(model.matrix.shape[0])])
    return fit.warning is not None, fit.similarity


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    records = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]
    seeds = [text for _, text in read_folder(ROOT / "seeds")]
    seed_model = fit_topics(seeds)
    against_seeds = [_warned(seed_model, record["text"]) for record in records]
    own = [_warned(fit_topics(seeds[:i] + seeds[i + 1 :]), seeds[i]) for i in range(len(seeds))]
    print(f"seeds: threshold {seed_model.threshold:.3f}; topic {', '.join(seed_model.terms)}")
    print(
        f"basil_vs_seeds: warned {_share([w for w, _ in against_seeds]):.1%} of {len(records)} "
        f"(similarity median {statistics.median(s for _, s in against_seeds):.3f}, "
        f"max {max(s for _, s in against_seeds):.3f})"
    )
    print(
        f"seed_vs_other_seeds: warned {_share([w for w, _ in own]):.1%} of {len(seeds)} "
        f"(similarity {min(s for _, s in own):.3f}-{max(s for _, s in own):.3f})"
    )
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for record in records:
        by_outlet[record["source"]].append(record["text"])
    for outlet, texts in sorted(by_outlet.items()):
        results = [
            _warned(fit_topics(texts[:i] + texts[i + 1 :]), texts[i]) for i in range(len(texts))
        ]
        whole = fit_topics(texts)
        print(
            f"outlet_leave_one_out {outlet}: silent for {_share([not w for w, _ in results]):.1%} "
            f"of {len(texts)} (threshold of the whole outlet {whole.threshold:.3f}; "
            f"topic {', '.join(whole.terms)})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
