"""How the analysis time grows with the article's length, printed as JSON.

    python benchmarks/scaling.py [--sizes 25000 50000 100000 200000] [--families ...] [--repeats 3]

For each text family (quote-heavy interview text, punctuation-heavy text, plain narrative prose,
each a unit repeated, and distinct real news articles read by path with ``--news``) a text of
each size is built, parsed once (the parse is not timed), then analysed: the time of
``find_attributions`` alone (given the article's actors, found before the clock starts) and of
the whole ``analyze_doc`` (every metric) are taken, each the
best of ``--repeats`` runs (the figure least disturbed by other load on a shared machine) with
the per-``Doc`` caches cleared before every run. Prints each time
and the ratio time(2n)/time(n) between consecutive sizes. Issue 11's floor: every ratio of the
whole analysis <= 2.3 from 25k to 200k characters (a linear stage doubles, a quadratic one
quadruples).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from spacy.tokens import Doc

from scoring.actors import find_actors
from scoring.analyze import analyze_doc
from scoring.attribution import find_attributions
from scoring.resources import Resources, load_resources

DEFAULT_SIZES = (25_000, 50_000, 100_000, 200_000)
# Issue 11: time(2n)/time(n) of the whole analysis must stay at or below this.
FLOOR = 2.3

# The interview text of issue 11, repeated as is.
INTERVIEW = (
    'Smith said, "We will not give up the fight." Jones told reporters: "The deal is dead." '
)
# Marks in every role: lists, brackets, dashes, colons, ellipses, unbalanced and nested quotes,
# headline colons on lines of their own.
PUNCTUATION = (
    'Markets: prices (up 3.2%) rose; costs -- again -- fell... "Why?" she asked.\n'
    "Officials: [see p. 4/5] \u201cno comment\u201d; 'maybe' -- or \"not yet, said aides.\n"
    "Q&A: 1) taxes? 2) rents! 3) fees... (\u00ab so-called \u00bb reforms), the minister said: "
    '"Fine."\n'
)
# Plain narrative prose with reported speech but few quotation marks.
NARRATIVE = (
    "The delegation arrived in the capital on Tuesday morning after a long journey by road. "
    "Officials said the talks would focus on trade and on the future of the border crossings. "
    "According to the ministry, more than forty people took part in the first session, which "
    "lasted until late in the evening. The mayor, who had opposed the meeting, told local radio "
    "that he hoped the visitors would see the damage for themselves. Farmers in the valley "
    "complained that prices had fallen for the third year in a row, and a spokesman for the "
    "union warned the government not to sign any deal without them.\n\n"
)
FAMILIES = {"interview": INTERVIEW, "punctuation": PUNCTUATION, "narrative": NARRATIVE}
# Real news without repetition: distinct whole articles read from a JSON Lines file (``text`` of
# each line, in file order) and joined by blank lines. The repeated families above let the
# analysis reuse work (identical sentences score once); this one does not, so it is the family
# whose time an admission budget must be calibrated on.
DEFAULT_NEWS = Path(__file__).resolve().parents[2] / "shared/data/actors/basil_actors_dev.jsonl"


def build(unit: str, size: int) -> str:
    """``unit`` repeated to at least ``size`` characters."""
    return unit * -(-size // len(unit))


def news_text(path: Path, size: int) -> str:
    """Distinct articles from ``path`` joined by blank lines, cut at a paragraph to ``size``."""
    parts: list[str] = []
    total = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            for paragraph in json.loads(line)["text"].split("\n\n"):
                if total + len(paragraph) + 2 > size:
                    return "\n\n".join(parts)
                parts.append(paragraph)
                total += len(paragraph) + 2
    raise SystemExit(f"{path}: only {total:,} characters of articles, {size:,} asked")


def best_time(run: Callable[[], object], doc: Doc, repeats: int) -> float:
    """Best wall time of ``run`` over ``repeats`` runs, each on a ``Doc`` without our caches."""
    parsed = dict(doc.user_data)
    times = []
    for _ in range(repeats):
        doc.user_data.clear()
        doc.user_data.update(parsed)
        gc.collect()  # start each run from the same heap, not with the last run's garbage
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def measure(resources: Resources, text: str, repeats: int) -> dict[str, float]:
    """Parse ``text`` once, then time attribution alone and the whole analysis on it."""
    started = time.perf_counter()
    doc = resources.nlp(text)
    parse = time.perf_counter() - started
    lexicon = resources.attribution_lexicon
    actors = find_actors(doc, gazetteer=resources.gazetteer, requested=())  # not timed
    attribution = best_time(
        lambda: find_attributions(doc, actors=actors, lexicon=lexicon), doc, repeats
    )
    whole = best_time(lambda: analyze_doc(doc, resources=resources), doc, repeats)
    return {
        "parse": parse,
        "attribution": attribution,
        "analysis": whole,
        # what an admission budget needs: characters per second of parse and analysis together
        "chars_per_s": len(text) / (parse + whole),
    }


def family_figures(
    resources: Resources, make: Callable[[int], str], sizes: list[int], repeats: int
) -> list[dict[str, Any]]:
    """One row per size with its times and the ratios to the size before."""
    rows: list[dict[str, Any]] = []
    for size in sizes:
        times = measure(resources, make(size), repeats)
        row: dict[str, Any] = {"chars": size, **{k: round(v, 3) for k, v in times.items()}}
        if rows:
            before = rows[-1]
            for stage in ("attribution", "analysis"):
                row[f"{stage}_ratio"] = round(times[stage] / max(before[stage], 1e-6), 2)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    names = [*FAMILIES, "news"]
    parser.add_argument("--families", nargs="+", choices=names, default=names)
    parser.add_argument(
        "--news", type=Path, default=DEFAULT_NEWS, help="JSON Lines of articles (a text field)"
    )
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    resources = load_resources()
    makers: dict[str, Callable[[int], str]] = {
        name: (lambda size, unit=unit: build(unit, size)) for name, unit in FAMILIES.items()
    }
    makers["news"] = lambda size: news_text(args.news, size)
    figures = {
        name: family_figures(resources, makers[name], sorted(args.sizes), args.repeats)
        for name in args.families
    }
    ratios = [
        row["analysis_ratio"]
        for rows in figures.values()
        for row in rows
        if "analysis_ratio" in row
    ]
    worst = max(ratios, default=None)
    print(
        json.dumps({"families": figures, "worst_analysis_ratio": worst, "floor": FLOOR}, indent=2)
    )
    return 0 if worst is None or worst <= FLOOR else 1


if __name__ == "__main__":
    raise SystemExit(main())
