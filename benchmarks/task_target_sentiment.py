"""Target sentiment: which label does the library give a target span of a sentence?

Records: ``{"id", "text", "start", "end", "label"}`` (NewsMTSC format). Predictions:
``{"id", "label"}``. Each distinct sentence is parsed once; all targets go through
``scoring.sentiment.score_mentions`` (batched), the code path of every actor mention in an
analysis, evidence and its rule (a polar label no word explains is neutral) included.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

from scoring.sentiment import LABELS, score_mentions


def predict(records: list[dict[str, Any]], resources: Any) -> Iterator[dict[str, str]]:
    """One ``{"id", "label"}`` per record, in order."""
    texts = list(dict.fromkeys(record["text"] for record in records))
    docs = dict(zip(texts, resources.nlp.pipe(texts, batch_size=64), strict=True))
    spans = [
        docs[r["text"]].char_span(r["start"], r["end"], alignment_mode="expand") for r in records
    ]
    for record, span in zip(records, spans, strict=True):
        ((_, label, _),) = score_mentions([span], encoder=resources.sentiment_model)
        yield {"id": record["id"], "label": label}


def score(records: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> dict[str, Any]:
    """Macro F1, accuracy, per-class F1 and the confusion matrix, from the predictions alone."""
    predicted = {p["id"]: p["label"] for p in predictions}
    gold = [r["label"] for r in records]
    # A record without a prediction counts as wrong ("missing" is in no gold class).
    guess = [predicted.get(r["id"], "missing") for r in records]
    per_class = f1_score(gold, guess, labels=list(LABELS), average=None, zero_division=0)
    matrix = confusion_matrix(gold, guess, labels=[*LABELS, "missing"])[: len(LABELS)]
    return {
        "f1_macro": round(
            float(f1_score(gold, guess, labels=list(LABELS), average="macro", zero_division=0)), 4
        ),
        "accuracy": round(float(accuracy_score(gold, guess)), 4),
        "f1": {label: round(float(f), 4) for label, f in zip(LABELS, per_class, strict=True)},
        "confusion": {
            "labels": list(LABELS),
            "rows_gold_columns_predicted": matrix[:, : len(LABELS)].tolist(),
        },
        "missing": sum(label == "missing" for label in guess),
    }
