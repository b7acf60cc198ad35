"""A bounded fuzz of the library (issue 11): only typed errors, exact spans, no NaN.

A few hundred seeded examples per run, with the strategies of ``benchmarks/fuzz.py`` (which runs
thousands); derandomized, so a run is repeatable and a failure is found again by the next run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.fuzz import actors, check, texts
from scoring.actors import ActorQuery
from scoring.analyze import analyze, fit_reference
from scoring.errors import ScoringError
from scoring.folder import read_folder
from scoring.reference import ReferenceSet
from scoring.resources import Resources

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = 300


@pytest.fixture(scope="module")
def reference(resources: Resources) -> ReferenceSet:
    return fit_reference(read_folder(ROOT / "seeds"), resources=resources)


@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,  # a busy machine's pauses are not failures; speed is the benchmarks' job
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=texts(), is_html=st.booleans(), queries=actors())
def test_any_article_gives_a_sound_report_or_a_typed_error(
    resources: Resources,
    reference: ReferenceSet,
    text: str,
    is_html: bool,
    queries: tuple[ActorQuery, ...],
) -> None:
    try:
        report = analyze(
            text, resources=resources, is_html=is_html, actors=queries, reference=reference
        )
    except ScoringError:
        return
    check(report)
