"""Service fixtures: one app (pipeline and seed baseline loaded once) for the whole session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient

from service import create_app

ROOT = Path(__file__).resolve().parents[2]
OPENAPI = ROOT / "openapi.yaml"

# A short article written for these tests: a named source, an anonymous one, a hedge, a quote.
ARTICLE = (
    'President Maria Lopez said on Monday that the agreement "is a real step forward". '
    "Officials in the ministry, who spoke on condition of anonymity, said the talks may resume "
    "next week. According to the Harbor Times, the opposition called the plan a dangerous failure."
)


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    database = tmp_path_factory.mktemp("storage") / "session.sqlite3"
    return create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{database}"})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def openapi() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture()
def api_keys(app: Flask) -> Iterator[tuple[str, ...]]:
    """Turn API keys on for one test (the session app starts without any)."""
    keys = ("key-one", "key-two")
    saved = app.config["API_KEY_SET"]
    app.config["API_KEY_SET"] = tuple(key.encode() for key in keys)
    yield keys
    app.config["API_KEY_SET"] = saved
