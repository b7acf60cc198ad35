"""Fuzz the library: random hostile articles and requested actors through ``analyze``, by outcome.

    .venv/bin/python -m benchmarks.fuzz [--examples 5000] [--seed 0]

Each example is an article (unicode of every category, long punctuation runs, quotes, HTML,
control and bidi characters, astral characters, lone surrogates) and a few requested actors with
odd names and aliases, analysed against the seed reference set. An example passes when analysis
returns a report whose every span satisfies ``exact == text[start:end]`` and whose every float
is a number (no NaN), or raises a documented ``scoring.errors.ScoringError`` subclass. Prints
counts by outcome (the error code, or "report") and every failure; exits 1 on any failure.
Issue 11's floor: 0 untyped exceptions in 5,000 examples. ``tests/scoring/test_fuzz.py`` runs
the same strategies for a few hundred examples on every test run.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from scoring.actors import ActorQuery
from scoring.analyze import Report, analyze, fit_reference
from scoring.errors import ScoringError
from scoring.folder import read_folder
from scoring.reference import ReferenceSet
from scoring.resources import Resources, load_resources
from scoring.text.spans import TextSpan

ROOT = Path(__file__).resolve().parent.parent
ACTOR_TYPES = (None, "person", "organisation", "country", "group", "place", "planet")

# Pieces hostile articles are made of: news phrasing, quotes of every kind, punctuation runs,
# markup, invisible and direction-changing characters, scripts other than Latin, emoji.
PIECES = (
    'Smith said, "We will not give up the fight." ',
    "Jones told reporters: \u201cThe deal is dead.\u201d ",
    "According to officials, the talks may resume. ",
    "\u00ab Non \u00bb, a dit le ministre. ",
    "Путин и Зеленский встретились в понедельник. ",
    "习近平说：“我们不会放弃。” ",
    "\u202eBob Smith\u202c said it was \u200bfine. ",
    "Zelensky \U0001f642 spoke. ",
    "e\u0301\u0301\u0301 ",
    "<p>The <em>minister</em> said &amp; denied</p>",
    "<script>alert(1)</script><br/><!-- c -->",
    "\x00\x01\x1b[31m",
    "\r\n\r\n\t",
    "\ud800",
    "'",
    '"',
    "(" * 50,
    "." * 40,
    "-" * 30,
    "?!" * 20,
)


def texts() -> st.SearchStrategy[str]:
    """Articles: news pieces, punctuation runs and arbitrary unicode, mixed."""
    run = st.builds(
        lambda ch, n: ch * n, st.sampled_from(list("(\"'.,;:!?-*[]{}/\\|~")), st.integers(1, 400)
    )
    noise = st.text(st.characters(codec=None), max_size=40)
    part = st.one_of(st.sampled_from(PIECES), run, noise)
    return st.lists(part, min_size=1, max_size=12).map("".join)


def actor_names() -> st.SearchStrategy[str]:
    """Names a caller might send: mostly plausible (so most examples reach a report), sometimes
    blank, punctuation-only, invisible, emoji, huge or arbitrary unicode."""
    plausible = st.sampled_from(["Smith", "Jones", "Путин", "习近平", "the ministry", "Bob Smith"])
    odd = st.sampled_from(
        ["", " ", "{", "\u202eBob\u202c", "Zelensky \U0001f642", "a" * 300, "\ud800x", "\u200b"]
    )
    return st.one_of(
        plausible, plausible, plausible, odd, st.text(st.characters(codec=None), max_size=12)
    )


def actors() -> st.SearchStrategy[tuple[ActorQuery, ...]]:
    query = st.builds(
        ActorQuery,
        name=actor_names(),
        aliases=st.lists(actor_names(), max_size=3).map(tuple),
        type=st.sampled_from(ACTOR_TYPES),
    )
    return st.lists(query, max_size=3).map(tuple)


def spans_and_floats(value: object) -> Iterator[TextSpan | float]:
    """Every span and float in a report (walking its dataclasses, tuples, lists and dicts)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, TextSpan | float):
            yield item
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)


def check(report: Report) -> None:
    """Raise AssertionError when a span does not match the text or a float is NaN."""
    for found in spans_and_floats(report):
        if isinstance(found, TextSpan):
            assert found.exact == report.text[found.start : found.end], found
        else:
            assert not math.isnan(found), "NaN in the report"


def outcome(
    text: str,
    is_html: bool,
    queries: tuple[ActorQuery, ...],
    resources: Resources,
    reference: ReferenceSet,
) -> str:
    """ "report" or the ScoringError code; anything else (or a failed check) propagates."""
    try:
        report = analyze(
            text, resources=resources, is_html=is_html, actors=queries, reference=reference
        )
    except ScoringError as err:
        return err.code
    check(report)
    return "report"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    resources = load_resources()
    reference = fit_reference(read_folder(ROOT / "seeds"), resources=resources)
    counts: Counter[str] = Counter()
    failures: list[dict[str, Any]] = []

    @seed(args.seed)
    @settings(
        max_examples=args.examples,
        deadline=None,
        phases=[Phase.generate],  # count every example; no shrinking, no replay database
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(text=texts(), is_html=st.booleans(), queries=actors())
    def run(text: str, is_html: bool, queries: tuple[ActorQuery, ...]) -> None:
        try:
            counts[outcome(text, is_html, queries, resources, reference)] += 1
        except Exception as err:  # the point of the run: anything untyped is counted, not raised
            counts[f"untyped {type(err).__name__}"] += 1
            failures.append(
                {
                    "text": text[:300],
                    "is_html": is_html,
                    "actors": repr(queries)[:300],
                    "error": traceback.format_exc(limit=-3),
                }
            )

    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    untyped = sum(n for name, n in counts.items() if name.startswith("untyped"))
    summary = {
        "examples": sum(counts.values()),
        "seconds": round(seconds, 1),
        "outcomes": dict(counts.most_common()),
        "untyped": untyped,
        "failures": failures[:20],
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 1 if untyped else 0


if __name__ == "__main__":
    sys.exit(main())
