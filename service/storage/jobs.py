"""Jobs, their articles' results and their callbacks in the database.

A worker claims a job with a lease (``lease_owner``, ``lease_until``): on PostgreSQL the claim
reads the oldest claimable row ``FOR UPDATE SKIP LOCKED``, so two workers never take the same job;
on SQLite every write transaction begins IMMEDIATE (service/storage/__init__.py), so claims
queue behind one another. Each article's result is written once, in the transaction that renews
the lease and adds its callback, and only while the worker still holds the lease: a worker whose
lease ran out (it stalled, another took over) writes nothing more. A job whose worker died is
claimable again when its lease runs out, and the next worker skips the articles already stored.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Select, and_, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from service.storage import Database, StorageUnavailable, aware, now
from service.storage.tables import deliveries, delivery_attempts, job_items, jobs

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
PENDING, DELIVERED = "pending", "delivered"  # a delivery is pending, delivered or FAILED
ARTICLES, GHOST = "articles", "ghost"
SUMMARY = [c for c in jobs.c if c.name != "request"]
# Largest position of an article in a job: what a 32-bit integer column holds.
MAX_POSITION = 2**31 - 1


def new_id(prefix: str) -> str:
    """A random id: ``job_`` or ``msg_`` and 32 hex digits."""
    return f"{prefix}_{uuid.uuid4().hex}"


@dataclass(frozen=True, slots=True)
class Job:
    """A job's row without its request."""

    id: str
    kind: str
    status: str
    total: int
    done: int
    failed: int
    error: str | None
    callback_url: str | None
    claims: int
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None


@dataclass(frozen=True, slots=True)
class Delivery:
    """A callback to send (or sent): its webhook-id, event, URL, body and state."""

    id: str
    job_id: str
    event: str
    url: str
    body: str
    status: str = PENDING
    attempts: int = 0


def _job(row: Any) -> Job:
    return Job(
        id=row.id,
        kind=row.kind,
        status=row.status,
        total=row.total,
        done=row.done,
        failed=row.failed,
        error=row.error,
        callback_url=row.callback_url,
        claims=row.claims,
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        finished_at=aware(row.finished_at),
    )


def create(
    db: Database,
    kind: str,
    request: dict[str, Any],
    total: int,
    callback_url: str | None = None,
    dedupe_key: str | None = None,
) -> tuple[Job, bool]:
    """Queue a job: (the job, True); when ``dedupe_key`` was queued before, (that job, False)."""
    moment, job_id = now(), new_id("job")
    values = {"id": job_id, "kind": kind, "status": QUEUED, "total": total, "done": 0}
    values |= {"failed": 0, "request": json.dumps(request, ensure_ascii=False), "claims": 0}
    values |= {"callback_url": callback_url, "dedupe_key": dedupe_key}
    try:
        with db.begin() as connection:
            connection.execute(insert(jobs).values(created_at=moment, updated_at=moment, **values))
    except StorageUnavailable as err:
        if dedupe_key is None or not isinstance(err.__cause__, IntegrityError):
            raise
        found = by_dedupe_key(db, dedupe_key)
        if found is None:
            raise
        return found, False
    # As stored, without reading it back: one transaction on the webhook's acknowledgement path.
    created = Job(job_id, kind, QUEUED, total, 0, 0, None, callback_url, 0, moment, moment, None)
    return created, True


def get(db: Database, job_id: str) -> Job | None:
    """The job's row (without its request), or None."""
    with db.begin() as connection:
        row = connection.execute(select(*SUMMARY).where(jobs.c.id == job_id)).first()
    return _job(row) if row is not None else None


def by_dedupe_key(db: Database, dedupe_key: str) -> Job | None:
    with db.begin() as connection:
        row = connection.execute(select(*SUMMARY).where(jobs.c.dedupe_key == dedupe_key)).first()
    return _job(row) if row is not None else None


def request_of(db: Database, job_id: str) -> dict[str, Any]:
    """What the job was asked to do, as stored."""
    with db.begin() as connection:
        text = connection.execute(select(jobs.c.request).where(jobs.c.id == job_id)).scalar()
    return dict(json.loads(text)) if text is not None else {}


def _claimable(moment: datetime) -> Any:
    # Queued, or running under a lease that ran out (its worker died or stalled).
    expired = and_(jobs.c.status == RUNNING, jobs.c.lease_until < moment)
    return or_(jobs.c.status == QUEUED, expired)


def _locked(db: Database, query: Select[Any]) -> Select[Any]:
    # PostgreSQL: lock the row and skip rows other workers hold. SQLite: BEGIN IMMEDIATE already
    # made this transaction the only writer, and FOR UPDATE does not exist there.
    return query.with_for_update(skip_locked=True) if db.dialect == "postgresql" else query


def claim(db: Database, owner: str, lease: timedelta) -> Job | None:
    """Take the oldest claimable job for ``owner`` until now + ``lease``; None if there is none."""
    moment = now()
    query = select(jobs.c.id).where(_claimable(moment)).order_by(jobs.c.created_at).limit(1)
    with db.begin() as connection:
        job_id = connection.execute(_locked(db, query)).scalar()
        if job_id is None:
            return None
        connection.execute(
            update(jobs)
            .where(jobs.c.id == job_id)
            .values(
                status=RUNNING,
                lease_owner=owner,
                lease_until=moment + lease,
                claims=jobs.c.claims + 1,
                updated_at=moment,
            )
        )
    return get(db, job_id)


def _holding(
    connection: Connection, job_id: str, owner: str, lease: timedelta, **values: Any
) -> bool:
    """Renew the lease (with ``values``) if ``owner`` still holds it: True, else False."""
    moment = now()
    changed = connection.execute(
        update(jobs)
        .where(jobs.c.id == job_id, jobs.c.lease_owner == owner, jobs.c.status == RUNNING)
        .values(lease_until=moment + lease, updated_at=moment, **values)
    ).rowcount
    return bool(changed)


def renew(db: Database, job_id: str, owner: str, lease: timedelta) -> bool:
    """Extend the lease; False when ``owner`` lost it (another worker took the job over)."""
    with db.begin() as connection:
        return _holding(connection, job_id, owner, lease)


def release(db: Database, job_id: str, owner: str) -> None:
    """Give the job back at once (a worker stopping cleanly): the next worker resumes it."""
    with db.begin() as connection:
        connection.execute(
            update(jobs)
            .where(jobs.c.id == job_id, jobs.c.lease_owner == owner, jobs.c.status == RUNNING)
            .values(lease_until=now(), lease_owner=None)
        )


def done_positions(db: Database, job_id: str) -> set[int]:
    """Positions of the job's articles whose results are stored."""
    with db.begin() as connection:
        rows = connection.execute(
            select(job_items.c.position).where(job_items.c.job_id == job_id)
        ).all()
    return {row.position for row in rows}


def _add_delivery(connection: Connection, delivery: Delivery) -> None:
    moment = now()
    connection.execute(
        insert(deliveries).values(
            id=delivery.id,
            job_id=delivery.job_id,
            event=delivery.event,
            url=delivery.url,
            body=delivery.body,
            status=PENDING,
            attempts=0,
            next_attempt_at=moment,
            created_at=moment,
        )
    )


def record_item(
    db: Database,
    job_id: str,
    owner: str,
    lease: timedelta,
    position: int,
    status: int,
    result: dict[str, Any],
    delivery: Delivery | None,
) -> bool:
    """Store one article's result, count it, renew the lease and queue its callback, all at
    once; False (nothing written) when ``owner`` no longer holds the job."""
    moment = now()
    failed = jobs.c.failed + (0 if status == 200 else 1)
    try:
        with db.begin() as connection:
            if not _holding(connection, job_id, owner, lease, done=jobs.c.done + 1, failed=failed):
                return False
            connection.execute(
                insert(job_items).values(
                    job_id=job_id,
                    position=position,
                    status=status,
                    result=json.dumps(result, ensure_ascii=False),
                    created_at=moment,
                )
            )
            if delivery is not None:
                _add_delivery(connection, delivery)
    except StorageUnavailable as err:
        if isinstance(err.__cause__, IntegrityError):
            return False  # stored already by a worker that held the job before
        raise
    return True


def finish(
    db: Database,
    job_id: str,
    owner: str,
    status: str,
    delivery: Delivery | None,
    error: str | None = None,
) -> bool:
    """Mark the job done or failed and queue its final callback, once: False when ``owner``
    no longer holds it (then the worker that does finishes it)."""
    moment = now()
    with db.begin() as connection:
        changed = connection.execute(
            update(jobs)
            .where(jobs.c.id == job_id, jobs.c.lease_owner == owner, jobs.c.status == RUNNING)
            .values(
                status=status,
                error=error,
                finished_at=moment,
                updated_at=moment,
                lease_owner=None,
                lease_until=None,
            )
        ).rowcount
        if changed and delivery is not None:
            _add_delivery(connection, delivery)
    return bool(changed)


def items(
    db: Database, job_id: str, offset: int, limit: int
) -> list[tuple[int, int, dict[str, Any]]]:
    """Stored results by position: (position, status, {"result"} or {"problem"})."""
    with db.begin() as connection:
        rows = connection.execute(
            select(job_items.c.position, job_items.c.status, job_items.c.result)
            .where(job_items.c.job_id == job_id, job_items.c.position >= offset)
            .order_by(job_items.c.position)
            .limit(limit)
        ).all()
    return [(row.position, row.status, json.loads(row.result)) for row in rows]


def delivery_counts(db: Database, job_id: str) -> dict[str, int]:
    """The job's callbacks by state: pending, delivered, failed."""
    with db.begin() as connection:
        rows = connection.execute(
            select(deliveries.c.status, func.count())
            .where(deliveries.c.job_id == job_id)
            .group_by(deliveries.c.status)
        ).all()
    counted = {PENDING: 0, DELIVERED: 0, FAILED: 0}
    counted.update({row[0]: int(row[1]) for row in rows})
    return counted


def claim_delivery(db: Database, lease: timedelta) -> Delivery | None:
    """Take the oldest callback that is due (pending, its next attempt's time reached, not held
    by another sender) until now + ``lease``; None if none is due."""
    moment = now()
    due = and_(
        deliveries.c.status == PENDING,
        deliveries.c.next_attempt_at <= moment,
        or_(deliveries.c.lease_until.is_(None), deliveries.c.lease_until < moment),
    )
    query = select(deliveries).where(due).order_by(deliveries.c.next_attempt_at).limit(1)
    with db.begin() as connection:
        row = connection.execute(_locked(db, query)).first()
        if row is None:
            return None
        connection.execute(
            update(deliveries).where(deliveries.c.id == row.id).values(lease_until=moment + lease)
        )
    return Delivery(row.id, row.job_id, row.event, row.url, row.body, row.status, row.attempts)


def record_attempt(
    db: Database,
    delivery: Delivery,
    status: int | None,
    error: str | None,
    seconds: float,
    retry_in: float | None,
) -> str:
    """Store one attempt and the delivery's new state (delivered; pending again after
    ``retry_in`` seconds; failed when ``retry_in`` is None): the new state."""
    moment = now()
    number = delivery.attempts + 1
    delivered = status is not None and 200 <= status < 300
    state = DELIVERED if delivered else (PENDING if retry_in is not None else FAILED)
    next_at = moment + timedelta(seconds=retry_in or 0)
    with db.begin() as connection:
        connection.execute(
            insert(delivery_attempts).values(
                delivery_id=delivery.id,
                number=number,
                at=moment,
                status=status,
                error=error,
                seconds=seconds,
            )
        )
        connection.execute(
            update(deliveries)
            .where(deliveries.c.id == delivery.id)
            .values(
                status=state,
                attempts=number,
                next_attempt_at=next_at,
                lease_until=None,
                last_status=status,
                last_error=error,
                delivered_at=moment if delivered else None,
            )
        )
    return state


def attempts_of(db: Database, delivery_id: str) -> list[tuple[int, int | None, str | None]]:
    """A delivery's attempts: (number, HTTP status or None, error)."""
    with db.begin() as connection:
        rows = connection.execute(
            select(
                delivery_attempts.c.number, delivery_attempts.c.status, delivery_attempts.c.error
            )
            .where(delivery_attempts.c.delivery_id == delivery_id)
            .order_by(delivery_attempts.c.number)
        ).all()
    return [(row.number, row.status, row.error) for row in rows]


def deliveries_of(db: Database, job_id: str) -> list[Delivery]:
    """Every callback of a job (for tests and the benchmark's count-back)."""
    with db.begin() as connection:
        rows = connection.execute(
            select(deliveries)
            .where(deliveries.c.job_id == job_id)
            .order_by(deliveries.c.created_at)
        ).all()
    return [Delivery(r.id, r.job_id, r.event, r.url, r.body, r.status, r.attempts) for r in rows]
