"""Storage of reference sets, articles and revisions: SQLAlchemy 2 Core, Alembic migrations.

One setting, ``NEWSMETRICS_DATABASE_URL``, takes any SQLAlchemy URL: a SQLite file by default
(WAL journal, a busy timeout, write transactions begun IMMEDIATE so several gunicorn workers and
processes queue for the one writer instead of failing), PostgreSQL by URL (``postgresql://...``
runs on psycopg 3) for replicated deployments, where every replica reads the same fitted sets.

The engine is made in the process that uses it (gunicorn forks workers from a master that ran
the migrations): a connection never crosses a fork. Any database failure becomes
``StorageUnavailable`` (503, with the reason), never a 500.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

logger = logging.getLogger(__name__)

# Milliseconds a SQLite connection waits for the writer's lock before giving up.
SQLITE_BUSY_MS = 30_000
# Key of the PostgreSQL advisory lock that serialises migrations across processes and replicas.
MIGRATION_LOCK = 7_417_001


class StorageUnavailable(RuntimeError):
    """The database cannot be reached or used; the message says which and why."""


def now() -> datetime:
    """The current time, timezone-aware UTC (as every stored time)."""
    return datetime.now(UTC)


def aware(value: Any) -> Any:
    """A stored time as timezone-aware UTC (SQLite hands back naive times); others unchanged."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def normalised_url(url: str) -> str:
    """The URL with PostgreSQL on psycopg 3 (SQLAlchemy's default driver would be psycopg2)."""
    try:
        parsed = make_url(url)
    except ArgumentError as err:
        raise StorageUnavailable(f"NEWSMETRICS_DATABASE_URL is not a database URL: {err}") from err
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL keeps it durable against crashes
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock at BEGIN, waiting up to the busy timeout; a deferred
        # transaction that reads then writes could fail at once when another worker writes.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """The database behind one URL; its engine is opened per process, on first use."""

    def __init__(self, url: str) -> None:
        self.url = normalised_url(url)
        self.dialect = make_url(self.url).get_backend_name()
        self._engine: Engine | None = None
        self._pid = 0
        self._migrated = False

    @property
    def engine(self) -> Engine:
        """This process's engine (a forked worker makes its own)."""
        if self._engine is None or self._pid != os.getpid():
            if self._engine is not None:
                self._engine.dispose(close=False)  # the parent's connections stay the parent's
            self._engine = self._make_engine()
            self._pid = os.getpid()
        return self._engine

    def _make_engine(self) -> Engine:
        if self.dialect == "sqlite":
            database = make_url(self.url).database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(self.url)
            _sqlite_setup(engine)
            return engine
        try:
            return create_engine(self.url, pool_pre_ping=True)
        except (ArgumentError, ImportError) as err:
            raise StorageUnavailable(f"cannot use the database URL: {err}") from err

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A transaction, committed on success, on a migrated schema (migrated on first use if
        start-up could not); database errors become StorageUnavailable."""
        if not self._migrated:
            self.migrate()
        with self._transaction() as connection:
            yield connection

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as connection:
                yield connection
        except DBAPIError as err:
            raise StorageUnavailable(f"the database failed: {_reason(err)}") from err
        except SQLAlchemyError as err:
            raise StorageUnavailable(f"the database failed: {err}") from err

    def migrate(self) -> None:
        """Bring the schema to the newest migration, one process at a time."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(files("service.storage") / "migrations"))
        with self._transaction() as connection:
            if self.dialect == "postgresql":
                lock = text("SELECT pg_advisory_xact_lock(:key)")
                connection.execute(lock, {"key": MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        self._migrated = True

    def check(self) -> None:
        """Raise StorageUnavailable unless the database answers."""
        with self.begin() as connection:
            connection.execute(text("SELECT 1"))

    def describe(self) -> str:
        """The URL without its password, for logs and messages."""
        return make_url(self.url).render_as_string(hide_password=True)


def _reason(err: DBAPIError) -> str:
    """The driver's message, first line only (no SQL, no parameters)."""
    return str(err.orig).strip().splitlines()[0] if err.orig is not None else type(err).__name__


def open_database(url: str) -> Database:
    """The database at ``url``, migrated now if it answers; if it does not, the service still
    starts (analysis needs no storage), logs why, and migrates on first use."""
    try:
        db = Database(url)
    except StorageUnavailable as err:
        from service.config import StartupError

        raise StartupError(str(err)) from err
    try:
        db.migrate()
    except StorageUnavailable as err:
        logger.error("storage unavailable at start-up", extra={"fields": {"why": str(err)}})
    return db
