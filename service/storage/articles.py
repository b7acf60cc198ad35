"""Articles and their revisions in the database: the CMS's drafts, one revision per distinct
input, numbered from 1; a repeated identical input finds its revision instead of adding one."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from service.storage import Database, StorageUnavailable, aware, now
from service.storage.tables import articles, revisions

# Attempts at numbering a new revision when another worker added one at the same moment.
NUMBERING_ATTEMPTS = 5
LISTED = [c for c in revisions.c if c.name not in ("report", "text")]


@dataclass(frozen=True, slots=True)
class Revision:
    """One stored revision: its number, hashes, time, reference, report, and text if kept."""

    article_id: str
    number: int
    input_sha256: str
    text_sha256: str
    created_at: datetime
    reference: str
    report: dict[str, Any] | None = None
    text: str | None = None
    is_html: bool = False


def _revision(row: Any, full: bool) -> Revision:
    return Revision(
        article_id=row.article_id,
        number=row.number,
        input_sha256=row.input_sha256,
        text_sha256=row.text_sha256,
        created_at=aware(row.created_at),
        reference=row.reference,
        report=json.loads(row.report) if full else None,
        text=row.text if full else None,
        is_html=bool(row.is_html) if full else False,
    )


def find(db: Database, article_id: str, input_sha256: str) -> Revision | None:
    """The revision of this article made from exactly this input, if any."""
    with db.begin() as connection:
        row = connection.execute(
            select(revisions).where(
                revisions.c.article_id == article_id, revisions.c.input_sha256 == input_sha256
            )
        ).first()
    return _revision(row, full=True) if row is not None else None


def _next_number(connection: Connection, article_id: str) -> int:
    latest = connection.execute(
        select(func.max(revisions.c.number)).where(revisions.c.article_id == article_id)
    ).scalar()
    return int(latest or 0) + 1


def _upsert_article(connection: Connection, article_id: str, moment: datetime) -> None:
    changed = connection.execute(
        update(articles).where(articles.c.id == article_id).values(updated_at=moment)
    ).rowcount
    if not changed:
        connection.execute(
            insert(articles).values(id=article_id, created_at=moment, updated_at=moment)
        )


def add(db: Database, revision: Revision) -> tuple[Revision, bool]:
    """Store ``revision`` under the next number; (the stored revision, True if new). When the
    same input was stored meanwhile by another worker, that revision is returned (False)."""
    for _ in range(NUMBERING_ATTEMPTS):
        existing = find(db, revision.article_id, revision.input_sha256)
        if existing is not None:
            return existing, False
        moment = now()
        try:
            with db.begin() as connection:
                _upsert_article(connection, revision.article_id, moment)
                number = _next_number(connection, revision.article_id)
                connection.execute(
                    insert(revisions).values(
                        article_id=revision.article_id,
                        number=number,
                        input_sha256=revision.input_sha256,
                        text_sha256=revision.text_sha256,
                        text=revision.text,
                        is_html=int(revision.is_html),
                        reference=revision.reference,
                        report=json.dumps(revision.report, ensure_ascii=False),
                        created_at=moment,
                    )
                )
        except StorageUnavailable as err:
            if isinstance(err.__cause__, IntegrityError):
                continue  # another worker took this number or stored this input: look again
            raise
        # committed as given: the stored revision is this one with its number and time (reading
        # it back would fetch and parse the whole report again)
        return replace(revision, number=number, created_at=moment), True
    raise StorageUnavailable(f"could not number a new revision of {revision.article_id!r}")


def get(db: Database, article_id: str, number: int) -> Revision | None:
    """One revision with its report, or None."""
    with db.begin() as connection:
        row = connection.execute(
            select(revisions).where(
                revisions.c.article_id == article_id, revisions.c.number == number
            )
        ).first()
    return _revision(row, full=True) if row is not None else None


def history(db: Database, article_id: str) -> list[Revision]:
    """Every revision of the article (without reports), oldest first; [] if none."""
    with db.begin() as connection:
        rows = connection.execute(
            select(*LISTED).where(revisions.c.article_id == article_id).order_by(revisions.c.number)
        ).all()
    return [_revision(row, full=False) for row in rows]


def latest_texts(db: Database, article_ids: list[str]) -> dict[str, tuple[str | None, bool]]:
    """Each article's latest revision: (its stored text or None, whether it was HTML)."""
    latest = (
        select(revisions.c.article_id, func.max(revisions.c.number).label("number"))
        .where(revisions.c.article_id.in_(article_ids))
        .group_by(revisions.c.article_id)
        .subquery()
    )
    query = select(revisions.c.article_id, revisions.c.text, revisions.c.is_html).join(
        latest,
        (revisions.c.article_id == latest.c.article_id) & (revisions.c.number == latest.c.number),
    )
    with db.begin() as connection:
        rows = connection.execute(query).all()
    return {row.article_id: (row.text, bool(row.is_html)) for row in rows}


def remove(db: Database, article_id: str) -> bool:
    """Delete the article and all its revisions; False if there was none."""
    with db.begin() as connection:
        connection.execute(delete(revisions).where(revisions.c.article_id == article_id))
        return bool(
            connection.execute(delete(articles).where(articles.c.id == article_id)).rowcount
        )


def purge(db: Database, older_than: timedelta) -> tuple[int, int]:
    """Delete revisions older than ``older_than`` and articles left without any:
    (revisions deleted, articles deleted)."""
    cutoff = now() - older_than
    with db.begin() as connection:
        gone = connection.execute(delete(revisions).where(revisions.c.created_at < cutoff)).rowcount
        kept = select(revisions.c.article_id).distinct()
        emptied = connection.execute(delete(articles).where(articles.c.id.not_in(kept))).rowcount
    return int(gone), int(emptied)


def counts(db: Database) -> tuple[int, int]:
    """(articles, revisions) stored: for the load benchmark's count-back."""
    with db.begin() as connection:
        n_articles = connection.execute(select(func.count()).select_from(articles)).scalar()
        n_revisions = connection.execute(select(func.count()).select_from(revisions)).scalar()
    return int(n_articles or 0), int(n_revisions or 0)
