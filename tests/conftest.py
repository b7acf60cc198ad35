"""Shared fixtures: the pipeline and resources load once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from scoring.resources import Resources, load_pipeline, load_resources

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def resources() -> Resources:
    return load_resources()


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in SEEDS}
