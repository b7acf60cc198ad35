"""Hedging accuracy: hedged-sentence and cue-level precision, recall and F1 against gold cues.

Records are sentences (``{"id", "text", "label": 1|0, "cues": [{"start", "end", ...}]}``). A
sentence is predicted hedged when the library finds at least one hedge cue of a category the
corpora annotate: the corpora (CoNLL-2010/Szeged-style "speculation") mark hedges on the writer's
commitment ("shields" in Prince, Frader and Bosk 1982) but not approximators, which hedge the
precision of a figure ("about 30"); so approximator cues are written to the predictions but do not
set the label, and ``sentence_with_approximators`` gives the figures when they do. Boosters never
count. Conditionals ("if", "unless", "whether") are reported apart by the library and never set
its label, but the corpora count them as speculation: they are written to the predictions
(``conditionals``) and ``sentence_with_conditionals`` gives the figures when they do. Vague
sources ("some say", "it is believed") set the label, as they make a hedged sentence for the
library; the Szeged annotation of these corpora has no weasel class (CoNLL-2010 annotates weasels
on Wikipedia only), so ``sentence_without_category["vague_source"]`` shows what they add or cost.
Cue matching rule: a predicted cue is correct when its characters overlap those of a gold
cue of the same record; a gold cue is found when a predicted cue overlaps it. The figures are
computed from the predictions as written, plus, per predicted category, the precision of its cues
and the sentence-level figures with that category left out (an ablation read off the same file).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from scoring.hedging import (
    CLAIM_CATEGORIES,
    HEDGE_CATEGORIES,
    HedgeLexicon,
    find_hedges,
    load_hedge_lexicon,
)
from scoring.text.quotes import voices
from scoring.text.spans import overlaps

# Sentences parsed per spaCy batch: large enough to amortise, small enough for a 2-core machine.
BATCH_SIZE = 256


def _lexicon(resources: Any) -> HedgeLexicon:
    lexicon = getattr(resources, "hedge_lexicon", None)
    return lexicon if isinstance(lexicon, HedgeLexicon) else load_hedge_lexicon()


def predict(records: list[dict[str, Any]], resources: Any) -> Iterator[dict[str, Any]]:
    """One prediction per record: hedged label and hedge cues with offsets into its text."""
    lexicon = _lexicon(resources)
    texts = (record["text"] for record in records)
    for record, doc in zip(records, resources.nlp.pipe(texts, batch_size=BATCH_SIZE), strict=True):
        result = find_hedges(doc, lexicon=lexicon, voices=voices(doc, ()))
        cues = [
            {"start": cue.span.start, "end": cue.span.end, "category": cue.category}
            for cue in result.cues
        ]
        conditionals = [{"start": c.span.start, "end": c.span.end} for c in result.conditionals]
        label = result.hedged_sentences > 0  # the library's own notion of a hedged sentence
        yield {"id": record["id"], "label": int(label), "cues": cues, "conditionals": conditionals}


def _prf(true_positive: int, predicted: int, gold: int) -> dict[str, float]:
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _sentence_figures(pairs: Iterable[tuple[int, int]]) -> dict[str, float]:
    counts = Counter(pairs)
    true_positive = counts[(1, 1)]
    predicted = true_positive + counts[(0, 1)]
    gold = true_positive + counts[(1, 0)]
    return _prf(true_positive, predicted, gold)


def _spans(cues: list[dict[str, Any]]) -> list[tuple[int, int]]:
    return [(cue["start"], cue["end"]) for cue in cues]


def _cue_figures(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    correct_predicted = found_gold = predicted_total = gold_total = 0
    by_category: Counter[str] = Counter()
    correct_by_category: Counter[str] = Counter()
    for record, prediction in pairs:
        gold = _spans(record.get("cues", []))
        for cue in prediction["cues"]:
            hit = any(overlaps((cue["start"], cue["end"]), span) for span in gold)
            correct_predicted += hit
            by_category[cue["category"]] += 1
            correct_by_category[cue["category"]] += hit
        predicted = _spans(prediction["cues"])
        found_gold += sum(any(overlaps(span, other) for other in predicted) for span in gold)
        predicted_total += len(predicted)
        gold_total += len(gold)
    figures: dict[str, Any] = _prf(correct_predicted, predicted_total, gold_total)
    figures["recall"] = round(found_gold / gold_total, 4) if gold_total else 0.0
    p, r = figures["precision"], figures["recall"]
    figures["f1"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    figures["predicted_by_category"] = {
        category: {
            "cues": by_category[category],
            "precision": round(correct_by_category[category] / by_category[category], 4),
        }
        for category in HEDGE_CATEGORIES
        if by_category[category]
    }
    return figures


def _with_categories(categories: Iterable[str], prediction: dict[str, Any]) -> int:
    kept = set(categories)
    return int(any(cue["category"] in kept for cue in prediction["cues"]))


def score(records: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> dict[str, Any]:
    """Sentence-level and cue-level figures of the positive (hedged) class."""
    by_id = {prediction["id"]: prediction for prediction in predictions}
    empty: dict[str, Any] = {"label": 0, "cues": []}
    pairs = [(record, by_id.get(record["id"], empty)) for record in records]
    figures: dict[str, Any] = {
        "gold_hedged": sum(int(record["label"]) for record, _ in pairs),
        "predicted_hedged": sum(int(prediction["label"]) for _, prediction in pairs),
        "sentence": _sentence_figures((int(r["label"]), int(p["label"])) for r, p in pairs),
    }
    if any(record.get("cues") for record in records):
        figures["cue_overlap"] = _cue_figures(pairs)
    figures["sentence_with_approximators"] = _sentence_figures(
        (int(r["label"]), _with_categories(HEDGE_CATEGORIES, p)) for r, p in pairs
    )
    figures["sentence_with_conditionals"] = _sentence_figures(
        (int(r["label"]), int(p["label"]) or int(bool(p.get("conditionals")))) for r, p in pairs
    )
    figures["sentence_without_category"] = {
        category: _sentence_figures(
            (int(r["label"]), _with_categories(set(CLAIM_CATEGORIES) - {category}, p))
            for r, p in pairs
        )
        for category in CLAIM_CATEGORIES
    }
    return figures
