"""Shared fixtures: the pipeline and resources load once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from scoring.resources import Resources, load_pipeline, load_resources

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="session", autouse=True)
def _scratch_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every app and server the tests start stores into a scratch SQLite file, never var/."""
    name = "NEWSMETRICS_DATABASE_URL"
    saved = os.environ.get(name)
    os.environ[name] = f"sqlite:///{tmp_path_factory.mktemp('db') / 'tests.sqlite3'}"
    yield
    if saved is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = saved


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def resources() -> Resources:
    return load_resources()


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in SEEDS}
