"""Named reference sets in the database: create, read, list, delete, and the fitting's progress."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from service.storage import Database, StorageUnavailable, aware, now
from service.storage.tables import reference_sets as table

FITTING, READY, FAILED = "fitting", "ready", "failed"
# Everything but the two large columns (the articles and the fitted data).
SUMMARY_COLUMNS = [c for c in table.c if c.name not in ("inputs", "data")]


class SetExists(Exception):
    """A reference set of that name is already stored."""


@dataclass(frozen=True, slots=True)
class StoredSet:
    """A stored reference set's row, without its articles and fitted data."""

    name: str
    description: str
    status: str
    size: int
    done: int
    error: str | None
    fingerprint: str | None
    created_at: datetime
    updated_at: datetime
    heartbeat: datetime


def _row(row: Any) -> StoredSet:
    return StoredSet(**{c.name: aware(getattr(row, c.name)) for c in SUMMARY_COLUMNS})


def create(db: Database, name: str, description: str, inputs: list[dict[str, Any]]) -> StoredSet:
    """Store a new set, status fitting; ``SetExists`` if the name is taken."""
    moment = now()
    values = {
        "name": name,
        "description": description,
        "status": FITTING,
        "size": len(inputs),
        "done": 0,
        "inputs": json.dumps(inputs, ensure_ascii=False),
        "created_at": moment,
        "updated_at": moment,
        "heartbeat": moment,
    }
    try:
        with db.begin() as connection:
            connection.execute(insert(table).values(**values))
    except StorageUnavailable as err:
        if isinstance(err.__cause__, IntegrityError):
            raise SetExists(name) from err
        raise
    found = get(db, name)
    assert found is not None  # just written in a committed transaction
    return found


def get(db: Database, name: str) -> StoredSet | None:
    """The set's row, or None."""
    with db.begin() as connection:
        row = connection.execute(select(*SUMMARY_COLUMNS).where(table.c.name == name)).first()
    return _row(row) if row is not None else None


def all_sets(db: Database) -> list[StoredSet]:
    """Every stored set, by name."""
    with db.begin() as connection:
        rows = connection.execute(select(*SUMMARY_COLUMNS).order_by(table.c.name)).all()
    return [_row(row) for row in rows]


def fitted_data(db: Database, name: str) -> dict[str, Any] | None:
    """The fitted set's plain data, or None when it is not ready."""
    with db.begin() as connection:
        value = connection.execute(
            select(table.c.data).where(table.c.name == name, table.c.status == READY)
        ).scalar()
    return json.loads(value) if value else None


def inputs(db: Database, name: str) -> list[dict[str, Any]]:
    """The articles the set is fitted from: [{"id", "text", "is_html"}]."""
    with db.begin() as connection:
        value = connection.execute(select(table.c.inputs).where(table.c.name == name)).scalar()
    return json.loads(value) if value else []


def remove(db: Database, name: str) -> bool:
    """Delete the set; False when there was none."""
    with db.begin() as connection:
        return bool(connection.execute(delete(table).where(table.c.name == name)).rowcount)


def _set(db: Database, name: str, where: Any = None, **values: Any) -> bool:
    moment = now()
    statement = update(table).where(table.c.name == name)
    if where is not None:
        statement = statement.where(where)
    with db.begin() as connection:
        result = connection.execute(statement.values(updated_at=moment, heartbeat=moment, **values))
    return bool(result.rowcount)


def progress(db: Database, name: str, done: int) -> bool:
    """Record how many articles are analysed (and that the fitting worker is alive)."""
    return _set(db, name, table.c.status == FITTING, done=done)


def finish(db: Database, name: str, data: dict[str, Any], fingerprint: str) -> bool:
    """Store the fitted set: status ready."""
    document = json.dumps(data, ensure_ascii=False)
    return _set(
        db, name, table.c.status == FITTING, status=READY, data=document, fingerprint=fingerprint
    )


def fail(db: Database, name: str, error: str) -> bool:
    """Mark the fitting failed, saying why."""
    return _set(db, name, table.c.status == FITTING, status=FAILED, error=error)


def claim(db: Database, name: str, stale_after: timedelta) -> bool:
    """Take over a fitting whose worker stopped renewing its heartbeat; True if this caller won
    (one UPDATE, so of several workers exactly one does)."""
    cutoff = now() - stale_after
    return _set(db, name, (table.c.status == FITTING) & (table.c.heartbeat < cutoff), done=0)


def refit(db: Database, name: str) -> bool:
    """Start the set over (its data was fitted with other versions); True if this caller did."""
    return _set(db, name, table.c.status == READY, status=FITTING, done=0, data=None)
