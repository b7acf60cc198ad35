"""Attribution accuracy on PolNeAR-style records: ``{"id", "text", "attributions": [...]}``.

Figures (all computed from the written predictions):

- tokens are the runs of letters and digits of the text (``[^\\W_]+``); a span holds every token
  it overlaps by at least one character, so quotation marks and punctuation never count;
- ``content_f1``: a predicted content matches a gold content when they share at least half the
  tokens of the longer of the two (shared / max(|predicted|, |gold|) >= 0.5); pairs are matched
  one to one, greedily by that overlap; precision = matched / predicted, recall = matched / gold;
- ``content_token_f1``: per article, the tokens inside any predicted content against the tokens
  inside any gold content, summed over articles;
- ``source_accuracy``: over matched content pairs, the share whose sources agree: both absent,
  or both present with overlapping character ranges;
- ``cue_f1``: distinct predicted cue spans against distinct gold cue spans, matched one to one
  when their characters overlap;
- ``count_pearson``: Pearson correlation of the number of attributions per article, predicted
  against gold.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Iterator
from typing import Any

Range = tuple[int, int]
TOKEN = re.compile(r"[^\W_]+")
MIN_OVERLAP = 0.5  # the corpus README's match criterion: >= 50% token overlap


def predict(records: Iterable[dict[str, Any]], resources: Any) -> Iterator[dict[str, Any]]:
    """Attributions per article through the service's path: one parse, actors, attributions."""
    from scoring.actors import find_actors
    from scoring.attribution import find_attributions

    records = list(records)
    docs = resources.nlp.pipe(record["text"] for record in records)
    for record, doc in zip(records, docs, strict=True):
        actors = find_actors(doc, gazetteer=resources.gazetteer)
        result = find_attributions(doc, actors=actors, lexicon=resources.attribution_lexicon)
        yield {"id": record["id"], "attributions": [_row(a) for a in result.attributions]}


def _row(attribution: Any) -> dict[str, Any]:
    def span(value: Any) -> dict[str, int] | None:
        return None if value is None else {"start": value.start, "end": value.end}

    return {
        "source": span(attribution.source),
        "cue": span(attribution.cue),
        "content": span(attribution.content),
        "kind": attribution.kind,
        "source_type": attribution.source_type,
    }


def _tokens(text: str) -> list[Range]:
    return [match.span() for match in TOKEN.finditer(text)]


def _held(tokens: list[Range], span: Range) -> frozenset[int]:
    return frozenset(i for i, (s, e) in enumerate(tokens) if s < span[1] and span[0] < e)


def _range(value: dict[str, Any] | None) -> Range | None:
    return None if not value else (int(value["start"]), int(value["end"]))


def _overlap(a: frozenset[int], b: frozenset[int]) -> float:
    longer = max(len(a), len(b))
    return len(a & b) / longer if longer else 0.0


def _match(predicted: list[frozenset[int]], gold: list[frozenset[int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index), greedily by decreasing overlap."""
    scored = [
        (_overlap(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold) if p & g
    ]
    pairs, used_p, used_g = [], set(), set()
    for value, i, j in sorted(scored, reverse=True):
        if value >= MIN_OVERLAP and i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return pairs


def _cue_matches(predicted: set[Range], gold: set[Range]) -> int:
    used: set[Range] = set()
    for p in sorted(predicted):
        hit = next((g for g in sorted(gold) if g not in used and p[0] < g[1] and g[0] < p[1]), None)
        if hit is not None:
            used.add(hit)
    return len(used)


def _f1(matched: int, predicted: int, gold: int) -> dict[str, float]:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def score(records: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> dict[str, Any]:
    by_id = {p["id"]: p["attributions"] for p in predictions}
    totals = dict.fromkeys(
        (
            "matched",
            "pred",
            "gold",
            "tok_tp",
            "tok_pred",
            "tok_gold",
            "src_ok",
            "cue_tp",
            "cue_pred",
            "cue_gold",
        ),
        0,
    )
    gold_counts, pred_counts = [], []
    for record in records:
        gold = [a for a in record["attributions"] if a.get("content")]
        pred = by_id.get(record["id"], [])
        _score_article(record["text"], gold, pred, totals)
        gold_counts.append(len(gold))
        pred_counts.append(len(pred))
    return {
        "content": _f1(totals["matched"], totals["pred"], totals["gold"]),
        "content_f1": _f1(totals["matched"], totals["pred"], totals["gold"])["f1"],
        "content_token": _f1(totals["tok_tp"], totals["tok_pred"], totals["tok_gold"]),
        "source_accuracy": _ratio(totals["src_ok"], totals["matched"]),
        "cue": _f1(totals["cue_tp"], totals["cue_pred"], totals["cue_gold"]),
        "count_pearson": round(_pearson(pred_counts, gold_counts), 3),
        "predicted_attributions": totals["pred"],
        "gold_attributions": totals["gold"],
    }


def _score_article(
    text: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]], totals: dict[str, int]
) -> None:
    tokens = _tokens(text)
    gold_sets = [_held(tokens, _range(a["content"]) or (0, 0)) for a in gold]
    pred_sets = [_held(tokens, _range(a["content"]) or (0, 0)) for a in pred]
    pairs = _match(pred_sets, gold_sets)
    totals["matched"] += len(pairs)
    totals["pred"] += len(pred)
    totals["gold"] += len(gold)
    totals["src_ok"] += sum(_same_source(pred[i], gold[j]) for i, j in pairs)
    covered_gold = frozenset().union(*gold_sets) if gold_sets else frozenset()
    covered_pred = frozenset().union(*pred_sets) if pred_sets else frozenset()
    totals["tok_tp"] += len(covered_gold & covered_pred)
    totals["tok_pred"] += len(covered_pred)
    totals["tok_gold"] += len(covered_gold)
    gold_cues = {c for a in gold if (c := _range(a.get("cue")))}
    pred_cues = {c for a in pred if (c := _range(a.get("cue")))}
    totals["cue_tp"] += _cue_matches(pred_cues, gold_cues)
    totals["cue_pred"] += len(pred_cues)
    totals["cue_gold"] += len(gold_cues)


def _same_source(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    p, g = _range(pred.get("source")), _range(gold.get("source"))
    if p is None or g is None:
        return p is None and g is None
    return p[0] < g[1] and g[0] < p[1]


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def _pearson(xs: list[int], ys: list[int]) -> float:
    if len(xs) < 2 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return 0.0
    return statistics.correlation(xs, ys)
