"""Storage fixtures: every storage test runs against SQLite and against PostgreSQL.

PostgreSQL is the server at ``NEWSMETRICS_TEST_POSTGRES_URL`` (``.ci/run`` starts one with
``.ci/postgres.sh``). Without it the PostgreSQL cases are skipped on a workstation, and fail
under CI (``CI`` set), so a CI run can never pass on SQLite alone.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import delete

from service import create_app
from service.cache import ReportCache
from service.scorer import Scorer
from service.storage import Database
from service.storage.tables import articles, reference_sets, revisions

POSTGRES_URL = os.environ.get("NEWSMETRICS_TEST_POSTGRES_URL")


def _postgres() -> str:
    if POSTGRES_URL:
        return POSTGRES_URL
    if os.environ.get("CI"):
        pytest.fail("NEWSMETRICS_TEST_POSTGRES_URL is not set: CI must test PostgreSQL too")
    pytest.skip("no PostgreSQL: set NEWSMETRICS_TEST_POSTGRES_URL (see .ci/postgres.sh)")


def _emptied(url: str) -> Database:
    db = Database(url)
    db.migrate()
    with db.begin() as connection:
        for table in (revisions, articles, reference_sets):
            connection.execute(delete(table))
    return db


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database of each engine."""
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}" if request.param == "sqlite" else _postgres()
    _emptied(url)
    return url


@pytest.fixture()
def db(database_url: str) -> Database:
    return Database(database_url)


def storage_app(app: Flask, url: str, **settings: object) -> Flask:
    """An app on ``url`` sharing the session app's loaded pipeline and seed set."""
    loaded: Scorer = app.extensions["newsmetrics"]
    scorer = Scorer(loaded.resources, loaded.references, ReportCache(16, 1 << 24))
    config = {"TESTING": True, "DATABASE_URL": url, "REFERENCE_SYNC_ARTICLES": 3, **settings}
    return create_app(config, scorer=scorer)


@pytest.fixture()
def stored_app(app: Flask, database_url: str) -> Iterator[Flask]:
    yield storage_app(app, database_url)
