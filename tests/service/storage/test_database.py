"""The storage layer on both engines: migrations, revisions numbered once each under
concurrency, an identical input found again, purge by age, the reference rows' life cycle."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import inspect, update

from service.storage import Database, StorageUnavailable, normalised_url, now
from service.storage import articles as stored
from service.storage import references as sets
from service.storage.articles import Revision
from service.storage.tables import revisions


def _revision(article_id: str, digest: str) -> Revision:
    return Revision(
        article_id=article_id,
        number=0,
        input_sha256=digest.rjust(64, "0"),
        text_sha256="a" * 64,
        created_at=now(),
        reference="seeds",
        report={"words": 3},
    )


def test_migrating_twice_is_harmless_and_makes_every_table(db: Database) -> None:
    db.migrate()
    db.migrate()
    tables = set(inspect(db.engine).get_table_names())
    assert {"reference_sets", "articles", "revisions", "alembic_version"} <= tables


def test_the_same_input_is_the_same_revision(db: Database) -> None:
    first, created = stored.add(db, _revision("a-1", "1"))
    again, created_again = stored.add(db, _revision("a-1", "1"))
    second, _ = stored.add(db, _revision("a-1", "2"))
    assert (first.number, created) == (1, True)
    assert (again.number, created_again) == (1, False)
    assert second.number == 2
    assert [r.number for r in stored.history(db, "a-1")] == [1, 2]
    assert stored.get(db, "a-1", 2).report == {"words": 3}


def test_concurrent_drafts_get_distinct_numbers_and_none_is_lost(db: Database) -> None:
    # Eight workers store 40 distinct drafts of one article and repeat 10 of them.
    digests = [str(n) for n in range(40)] + [str(n) for n in range(10)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda d: stored.add(db, _revision("busy", d)), digests))
    numbers = sorted(r.number for r, created in results if created)
    assert numbers == list(range(1, 41))
    assert sum(created for _, created in results) == 40
    assert stored.counts(db) == (1, 40)


def test_purge_deletes_old_revisions_and_emptied_articles(db: Database) -> None:
    stored.add(db, _revision("old", "1"))
    stored.add(db, _revision("mixed", "1"))
    stored.add(db, _revision("mixed", "2"))
    with db.begin() as connection:
        connection.execute(
            update(revisions)
            .where((revisions.c.article_id == "old") | (revisions.c.number == 1))
            .values(created_at=now() - timedelta(days=40))
        )
    assert stored.purge(db, timedelta(days=30)) == (2, 1)
    assert stored.history(db, "old") == []
    assert [r.number for r in stored.history(db, "mixed")] == [2]


def test_a_reference_row_fits_once_and_a_stale_fitting_is_claimed_once(db: Database) -> None:
    inputs = [{"id": "a", "text": "x", "is_html": False}]
    sets.create(db, "desk", "City desk", inputs)
    with pytest.raises(sets.SetExists):
        sets.create(db, "desk", "again", inputs)
    assert not sets.claim(db, "desk", timedelta(minutes=5))  # its heartbeat is fresh
    assert sets.claim(db, "desk", timedelta(0))  # stale at once: one claimant wins
    assert sets.progress(db, "desk", 1)
    assert sets.finish(db, "desk", {"format": "x"}, "f" * 64)
    assert sets.fitted_data(db, "desk") == {"format": "x"}
    assert not sets.fail(db, "desk", "too late")  # only a fitting set can fail
    assert sets.inputs(db, "desk") == inputs
    assert [s.name for s in sets.all_sets(db)] == ["desk"]
    assert sets.remove(db, "desk") and not sets.remove(db, "desk")


def test_an_unreachable_database_is_storage_unavailable_with_its_reason() -> None:
    db = Database("postgresql://nobody@127.0.0.1:9/none")
    with pytest.raises(StorageUnavailable, match="connection"):
        db.check()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u:p@h/db", "postgresql+psycopg://u:p@h/db"),  # psycopg 3, not psycopg2
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///var/x.sqlite3", "sqlite:///var/x.sqlite3"),
    ],
)
def test_urls_are_normalised_to_the_installed_drivers(url: str, expected: str) -> None:
    assert normalised_url(url) == expected


def test_a_malformed_url_is_refused_clearly() -> None:
    with pytest.raises(StorageUnavailable, match="not a database URL"):
        Database("not a url")
