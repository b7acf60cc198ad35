"""Train the target-sentiment model and write its weights as plain JSON for the scoring library.

    python training/train_target_sentiment.py [TRAIN.jsonl] [--output OUT.json]

Reads a NewsMTSC-format file (one JSON object a line: ``text``, ``start``, ``end``, ``label``),
parses each sentence once with the project's pipeline, extracts the mention features the library
uses at run time (``scoring.sentiment.features``), chooses the regularisation by cross-validation
on this file alone (folds grouped by sentence, so the targets of one sentence never straddle a
fold), fits a multinomial logistic regression and writes its vocabulary, coefficients and
intercepts with the training figures. Deterministic: fixed fold seed, deterministic solver.
Prints the figures as JSON; never prints the data.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from pathlib import Path

import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, cross_val_score
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.resources import load_pipeline  # noqa: E402
from scoring.sentiment.features import (  # noqa: E402
    FEATURE_SET,
    feature_counts,
    mention_features,
    sentence_table,
)

DEFAULT_DATA = ROOT / "../shared/data/target_sentiment/newsmtsc_train.jsonl"
DEFAULT_OUTPUT = ROOT / "scoring/sentiment/models/target_sentiment.json"
MODEL_VERSION = "1.3.0"
# Inverse regularisation strengths tried by cross-validation.
C_GRID = (0.03, 0.05, 0.1)
FOLDS = 5
SEED = 0
# A feature must occur in at least this many training mentions to be kept (drops one-off words).
MIN_COUNT = 2
# Coefficients are written with this many decimals: far below what changes a prediction.
DECIMALS = 5
MAX_ITER = 3000


def read_records(path: Path) -> list[dict[str, object]]:
    """The annotated mentions of a JSON Lines file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def extract(records: list[dict[str, object]]) -> list[dict[str, float]]:
    """The feature vector of every record, parsing each distinct sentence once."""
    # The weights are what this script makes, so it loads only the pipeline and the lexicon.
    nlp, lexicon = load_pipeline(), SentimentIntensityAnalyzer().lexicon
    texts = list(dict.fromkeys(str(r["text"]) for r in records))
    docs = dict(zip(texts, nlp.pipe(texts, batch_size=64), strict=True))
    vectors = []
    for record in records:
        doc = docs[str(record["text"])]
        span = doc.char_span(int(record["start"]), int(record["end"]), alignment_mode="expand")
        vectors.append(feature_counts(mention_features(span, sentence_table(span.sent, lexicon))))
    return vectors


def prune(vectors: list[dict[str, float]]) -> list[dict[str, float]]:
    """Drop features seen in fewer than ``MIN_COUNT`` mentions."""
    seen: dict[str, int] = {}
    for vector in vectors:
        for name in vector:
            seen[name] = seen.get(name, 0) + 1
    return [{n: v for n, v in vector.items() if seen[n] >= MIN_COUNT} for vector in vectors]


def choose_c(matrix, labels: list[str], groups: list[str]) -> tuple[float, dict[str, float]]:
    """The C with the best mean macro F1 over grouped, stratified folds, and every C's figure."""
    folds = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    figures = {}
    for c in C_GRID:
        model = LogisticRegression(C=c, max_iter=MAX_ITER, class_weight="balanced")
        scores = cross_val_score(model, matrix, labels, cv=folds, groups=groups, scoring="f1_macro")
        figures[str(c)] = round(float(scores.mean()), 4)
        print(f"C={c} cv_f1_macro={figures[str(c)]}", file=sys.stderr, flush=True)
    best = max(C_GRID, key=lambda c: figures[str(c)])
    return best, figures


def artifact(
    vectorizer: DictVectorizer, model: LogisticRegression, data: Path, training: dict[str, object]
) -> dict[str, object]:
    """The JSON document the library loads: vocabulary, coefficients, intercepts, provenance."""
    return {
        "name": "target_sentiment",
        "version": MODEL_VERSION,
        "model": "multinomial logistic regression (scikit-learn LogisticRegression, lbfgs)",
        "feature_set": FEATURE_SET,
        "classes": [str(c) for c in model.classes_],
        "features": list(vectorizer.get_feature_names_out()),
        "coef": [[round(float(w), DECIMALS) for w in row] for row in model.coef_],
        "intercept": [round(float(b), DECIMALS) for b in model.intercept_],
        "training": {
            "data": data.name,
            "date": datetime.date.today().isoformat(),
            "sklearn_version": sklearn.__version__,
            **training,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    records = read_records(args.data)
    labels = [str(r["label"]) for r in records]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(prune(extract(records)))
    best, cv = choose_c(matrix, labels, [str(r["text"]) for r in records])
    model = LogisticRegression(C=best, max_iter=MAX_ITER, class_weight="balanced")
    model.fit(matrix, labels)
    training = {
        "records": len(records),
        "features": matrix.shape[1],
        "C": best,
        "class_weight": "balanced",
        "cv": f"{FOLDS}-fold grouped by sentence, seed {SEED}",
        "cv_f1_macro": cv,
        "train_accuracy": round(float(model.score(matrix, labels)), 4),
    }
    args.output.write_text(
        json.dumps(artifact(vectorizer, model, args.data, training)) + "\n", encoding="utf-8"
    )
    training["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(training, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
