"""Job and webhook fixtures: both database engines, an app with callbacks configured, and a
callback receiver on 127.0.0.1 that records every request (and can be told to fail first)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import delete

from service.storage import Database
from service.storage.tables import (
    articles,
    deliveries,
    delivery_attempts,
    job_items,
    jobs,
    reference_sets,
    revisions,
)
from tests.service.storage.conftest import _postgres, storage_app

# A Standard Webhooks secret made for these tests (24 random bytes), and a Ghost webhook secret.
SECRET = "whsec_dGVzdHMgb25seTogbm90IGEgcmVhbCBrZXkh"
GHOST_SECRET = "harbour-desk-webhook-secret"
# Callbacks go to "localhost": the allow-list names hosts, never addresses.
CALLBACK_SETTINGS = {
    "WEBHOOK_SECRET": SECRET,
    "CALLBACK_HOSTS": "localhost",
    "CALLBACK_HTTPS_ONLY": False,
    "GHOST_WEBHOOK_SECRET": GHOST_SECRET,
    "CALLBACK_BACKOFF_SECONDS": 0.0,
    "CALLBACK_TIMEOUT_SECONDS": 5.0,
    "JOB_LEASE_SECONDS": 30.0,
}


def emptied(url: str) -> None:
    db = Database(url)
    db.migrate()
    with db.begin() as connection:
        tables = (
            delivery_attempts,
            deliveries,
            job_items,
            jobs,
            revisions,
            articles,
            reference_sets,
        )
        for table in tables:
            connection.execute(delete(table))


@pytest.fixture(params=["sqlite", "postgresql"])
def job_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated database of each engine without jobs."""
    url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}" if request.param == "sqlite" else _postgres()
    emptied(url)
    return url


@pytest.fixture()
def job_app(app: Flask, job_database: str) -> Flask:
    return storage_app(app, job_database, **CALLBACK_SETTINGS)


@dataclass
class Receiver:
    """What the callback receiver got, and how it answers (``answers`` first, then 200)."""

    port: int = 0
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    location: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}/hooks/newsmetrics"

    def bodies(self) -> list[dict[str, Any]]:
        with self.lock:
            return [json.loads(body) for _, body in self.received]

    def ids(self) -> list[str]:
        with self.lock:
            return [headers["webhook-id"] for headers, _ in self.received]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with receiver.lock:
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                status = receiver.answers.pop(0) if receiver.answers else 200
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", receiver.location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture()
def receiver() -> Iterator[Receiver]:
    """A callback receiver on 127.0.0.1, reached as localhost:<port>."""
    found = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(found))
    found.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield found
    server.shutdown()
    server.server_close()


__all__ = ["job_app", "job_database", "receiver"]
