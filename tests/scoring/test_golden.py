"""Each seed through the whole pipeline matches its reviewed golden report."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.golden_reports import GOLDEN, SEEDS, seed_reports

UPDATE = ".venv/bin/python -m tests.golden_reports --update"


@pytest.fixture(scope="module")
def reports() -> dict[str, Any]:
    return seed_reports()


@pytest.mark.parametrize("seed", sorted(path.stem for path in SEEDS.glob("*.txt")))
def test_seed_matches_golden(reports: dict[str, Any], seed: str) -> None:
    path = GOLDEN / f"{seed}.json"
    assert path.exists(), (
        f"{path} is missing: run .venv/bin/python -m tests.golden_reports --update"
    )
    expected = json.loads(path.read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(reports[seed]))  # tuples -> lists, as on disk
    for section in expected:
        assert actual[section] == expected[section], (
            f"section {section!r} of {seed} changed; review it, then update: {UPDATE}"
        )
    assert actual.keys() == expected.keys()
