"""The Ghost receiver and the background jobs under load, on 127.0.0.1, printed as JSON.

    .venv/bin/python -m benchmarks.integrations ghost [--rate 20] [--seconds 60]
    .venv/bin/python -m benchmarks.integrations jobs [--articles 200] [--kill-at 0.3]

Both start a real gunicorn (2 workers) and a real ``python -m service.worker`` on a fresh SQLite
file (or ``--database-url``), with the service's shipped settings but for the secrets.

``ghost``: signed post webhooks sent open-loop at ``--rate`` per second for ``--seconds`` (each
on schedule, whatever the previous one's answer time), as Ghost sends them: 1 in 10 a retry of the
previous delivery (same post version, signed anew), 1 in 20 an edit of an earlier post (a new
``updated_at`` and text). Prints the acknowledgement time p50/p95/p99/max (target p99 <= 200 ms,
Ghost's own timeout is 2 s), errors, then waits for the worker to drain the queue and counts back
from the database: every post version stored as exactly one revision, duplicates none.

``jobs``: one job of ``--articles`` articles with a callback to a receiver in this process; the
worker is killed with SIGKILL once ``--kill-at`` of the articles are done and a new one started.
The receiver verifies every callback with the ``standardwebhooks`` package (an implementation
independent of the service's) and drops repeated webhook-ids, as the specification asks. Prints
articles lost (0 expected), articles with more than one webhook-id (0: no article's callback was
made twice), repeats of an id (the at-least-once part), and the job's claims (2: one kill).

The load generator shares the 2 cores with gunicorn and the worker: read the load average
printed beside the figures.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import json
import os
import signal
import statistics
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlalchemy import func, select
from standardwebhooks import Webhook, WebhookVerificationError

from service.storage import Database
from service.storage import jobs as rows
from service.storage.tables import jobs as jobs_table
from service.storage.tables import revisions
from service.webhooks import new_secret
from tests.servers import gunicorn_server, worker_process

GHOST_SECRET = "benchmark-ghost-secret"
# Every 10th webhook repeats the previous one (Ghost retrying), every 20th edits an earlier post.
RETRY_EVERY = 10
EDIT_EVERY = 20
ACK_TARGET_MS = 200.0
DRAIN_TIMEOUT_S = 1800.0
SENDER_THREADS = 16
NAMES = [
    "Ana Ruiz",
    "Tom Becker",
    "Lena Okafor",
    "Marco Silva",
    "Priya Nair",
    "Jon Holm",
    "Eva Lind",
]
PLACES = ["harbour", "rail depot", "old mill", "river bank", "market hall"]


def story(n: int, edit: int = 0) -> str:
    """An invented news story, different for each n (and each edit)."""
    name, place = NAMES[n % len(NAMES)], PLACES[n % len(PLACES)]
    other = NAMES[(n + 3) % len(NAMES)]
    return (
        f"<p>Council member {name} said on Tuesday that the plan for the {place} "
        f'"will bring {n % 90 + 10} jobs back to the town". Officials, who asked not to be '
        f"named, said the vote may be delayed until week {n % 40 + 1 + edit}.</p>"
        f"<p>According to the local paper, {other} called proposal {n} a costly mistake and "
        f"warned that it could push rents up. The mayor's office declined to comment.</p>"
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _worker_env(env: dict[str, str]) -> dict[str, str]:
    # The worker says it is ready at INFO (tests.servers waits for that line).
    return env | {"NEWSMETRICS_LOG_LEVEL": "INFO"}


def _settings(folder: Path, database_url: str | None) -> tuple[str, dict[str, str]]:
    url = database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    env = {"NEWSMETRICS_DATABASE_URL": url, "NEWSMETRICS_LOG_LEVEL": "WARNING"}
    return url, env


# Ghost -----------------------------------------------------------------------------------


def ghost_deliveries(count: int) -> list[tuple[str, str, str]]:
    """(post id, updated_at, html) per webhook, in sending order."""
    sent: list[tuple[str, str, str]] = []
    fresh = 0
    for n in range(count):
        if n and n % RETRY_EVERY == 0:
            sent.append(sent[-1])
        elif n and n % EDIT_EVERY == 5 and fresh > 10:
            earlier = (n * 7) % fresh
            sent.append(
                (
                    f"post-{earlier}",
                    f"2026-03-02T12:{n % 60:02d}:{n % 59:02d}.000Z",
                    story(earlier, edit=n),
                )
            )
        else:
            sent.append((f"post-{fresh}", "2026-03-02T10:00:00.000Z", story(fresh)))
            fresh += 1
    return sent


def ghost_payload(post_id: str, updated_at: str, html: str) -> bytes:
    current = {
        "id": post_id,
        "uuid": post_id,
        "title": f"Story {post_id}",
        "html": html,
        "updated_at": updated_at,
        "status": "published",
    }
    return json.dumps({"post": {"current": current, "previous": {}}}).encode()


def _signed(body: bytes) -> str:
    moment = int(time.time() * 1000)
    digest = hmac.new(GHOST_SECRET.encode(), body + str(moment).encode(), hashlib.sha256)
    return f"sha256={digest.hexdigest()}, t={moment}"


class Sender:
    """One keep-alive connection per sending thread."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.local = threading.local()

    def post(self, body: bytes) -> tuple[int | None, float, str | None]:
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = http.client.HTTPConnection(
                self.host, self.port, timeout=10
            )
        headers = {"Content-Type": "application/json", "X-Ghost-Signature": _signed(body)}
        started = time.perf_counter()
        try:
            connection.request("POST", "/v1/integrations/ghost", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as err:
            self.local.connection = None
            return None, time.perf_counter() - started, type(err).__name__
        return status, time.perf_counter() - started, None


def ghost(
    rate: float, seconds: float, database_url: str | None, worker_after: bool
) -> dict[str, Any]:
    count = int(rate * seconds)
    plan = ghost_deliveries(count)
    with tempfile.TemporaryDirectory() as scratch, ExitStack() as stack:
        folder = Path(scratch)
        url, env = _settings(folder, database_url)
        env["NEWSMETRICS_GHOST_WEBHOOK_SECRET"] = GHOST_SECRET
        base, _ = stack.enter_context(gunicorn_server(folder, workers=2, env=env))
        if not worker_after:  # the worker scores while the webhooks come in, as in production
            stack.enter_context(worker_process(folder, env=_worker_env(env)))
        sender = Sender(base)
        load_before = load()
        outcomes: list[tuple[int | None, float, str | None]] = [None] * count  # type: ignore[list-item]

        def fire(index: int) -> None:
            outcomes[index] = sender.post(ghost_payload(*plan[index]))

        started = time.monotonic()
        with ThreadPoolExecutor(SENDER_THREADS) as pool:
            for index in range(count):
                delay = started + index / rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                pool.submit(fire, index)
        sending = time.monotonic() - started
        load_sent = load()
        if worker_after:  # the receiver alone was measured: now score the queue
            stack.enter_context(worker_process(folder, env=_worker_env(env)))
        drained = _drain(Database(url), started)
        counted = _count_back(Database(url), plan)
    ack_ms = [o[1] * 1000 for o in outcomes if o is not None]
    statuses = Counter(str(o[0]) if o[0] is not None else str(o[2]) for o in outcomes)
    errors = sum(n for status, n in statuses.items() if status not in ("200", "202"))
    return {
        "webhooks": count,
        "rate_per_s": rate,
        "worker_during_sending": not worker_after,
        "sending_s": round(sending, 2),
        "ack_ms": {
            "p50": round(statistics.median(ack_ms), 1),
            "p95": round(percentile(ack_ms, 0.95), 1),
            "p99": round(percentile(ack_ms, 0.99), 1),
            "max": round(max(ack_ms), 1),
            "target_p99": ACK_TARGET_MS,
        },
        "statuses": dict(statuses),
        "errors": errors,
        "drain_s_after_first_send": drained,
        "count_back": counted,
        "load_before": load_before,
        "load_after_sending": load_sent,
    }


def _drain(db: Database, started: float) -> float:
    deadline = time.monotonic() + DRAIN_TIMEOUT_S
    while time.monotonic() < deadline:
        with db.begin() as connection:
            waiting = connection.execute(
                select(func.count()).where(jobs_table.c.status.in_([rows.QUEUED, rows.RUNNING]))
            ).scalar()
        if not waiting:
            return round(time.monotonic() - started, 1)
        time.sleep(1)
    raise RuntimeError("the worker did not drain the queue in time")


def _count_back(db: Database, plan: list[tuple[str, str, str]]) -> dict[str, Any]:
    versions = {(post_id, updated) for post_id, updated, _ in plan}
    expected = Counter(post_id for post_id, _ in versions)
    with db.begin() as connection:
        stored = Counter(
            row.article_id for row in connection.execute(select(revisions.c.article_id)).all()
        )
        done = connection.execute(
            select(jobs_table.c.status, func.count()).group_by(jobs_table.c.status)
        ).all()
    return {
        "post_versions_sent": len(versions),
        "duplicates_sent": len(plan) - len(versions),
        "revisions_stored": sum(stored.values()),
        "posts_with_wrong_revision_count": sum(
            1 for post_id in expected if stored.get(post_id, 0) != expected[post_id]
        ),
        "jobs_by_status": {status: int(n) for status, n in done},
        "scored_exactly_once": stored == expected,
    }


# Jobs ------------------------------------------------------------------------------------


class Receiver:
    """Callbacks received: verified with standardwebhooks, repeats of a webhook-id dropped."""

    def __init__(self, secret: str) -> None:
        self.verifier = Webhook(secret)
        self.lock = threading.Lock()
        self.requests = 0
        self.bad = 0
        self.first: dict[str, dict[str, Any]] = {}
        self.repeats = 0

    def take(self, headers: dict[str, str], body: bytes) -> None:
        try:
            message = self.verifier.verify(body, headers)
        except WebhookVerificationError:
            with self.lock:
                self.requests += 1
                self.bad += 1
            return
        with self.lock:
            self.requests += 1
            if headers["webhook-id"] in self.first:
                self.repeats += 1
            else:
                self.first[headers["webhook-id"]] = message


@contextmanager
def receiving(receiver: Receiver) -> Iterator[int]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            receiver.take({k.lower(): v for k, v in self.headers.items()}, body)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def _job(base: str, job_id: str) -> dict[str, Any]:
    state: dict[str, Any] = httpx.get(f"{base}/v1/jobs/{job_id}", timeout=10).json()
    return state


def _wait(base: str, job_id: str, done: Any, timeout: float = DRAIN_TIMEOUT_S) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = _job(base, job_id)
        if done(state):
            return state
        time.sleep(0.2)
    raise RuntimeError(f"job {job_id} did not get there in time: {_job(base, job_id)}")


def jobs(articles: int, kill_at: float, database_url: str | None) -> dict[str, Any]:
    secret = new_secret()
    receiver = Receiver(secret)
    texts = [{"id": f"story-{n}", "html": story(n)} for n in range(articles)]
    with tempfile.TemporaryDirectory() as scratch, receiving(receiver) as port:
        folder = Path(scratch)
        url, env = _settings(folder, database_url)
        env |= {
            "NEWSMETRICS_WEBHOOK_SECRET": secret,
            "NEWSMETRICS_CALLBACK_HOSTS": "localhost",
            "NEWSMETRICS_CALLBACK_HTTPS_ONLY": "false",
            "NEWSMETRICS_JOB_LEASE_SECONDS": "10",
        }
        with gunicorn_server(folder, workers=2, env=env) as (base, _):
            load_before = load()
            body = {"articles": texts, "callback_url": f"http://localhost:{port}/callbacks"}
            started = time.monotonic()
            job_id = httpx.post(f"{base}/v1/jobs", json=body, timeout=60).json()["id"]
            with worker_process(folder, env=_worker_env(env), name="doomed") as doomed:
                _wait(base, job_id, lambda s: s["done"] >= kill_at * articles)
                os.kill(doomed.pid, signal.SIGKILL)
                doomed.wait()
            killed = _job(base, job_id)
            killed_after = time.monotonic() - started
            with worker_process(folder, env=_worker_env(env), name="successor"):
                ended = _wait(base, job_id, lambda s: s["status"] == rows.DONE)
                finished_after = time.monotonic() - started
                ended = _wait(
                    base,
                    job_id,
                    lambda s: s["callback"]["delivered"] + s["callback"]["failed"] == articles + 1,
                )
            load_after = load()
        stored = rows.deliveries_of(Database(url), job_id)
        claims = rows.get(Database(url), job_id)
    items = Counter(
        m["data"]["index"] for m in receiver.first.values() if m["type"] == "job.item.completed"
    )
    return {
        "articles": articles,
        "killed_at_done": killed["done"],
        "killed_after_s": round(killed_after, 1),
        "job_done_after_s": round(finished_after, 1),
        "job": {k: ended[k] for k in ("status", "total", "done", "failed")},
        "claims": claims.claims if claims else None,
        "callbacks": {
            "made": len(stored),
            "delivered": ended["callback"]["delivered"],
            "failed": ended["callback"]["failed"],
            "requests_received": receiver.requests,
            "distinct_webhook_ids": len(receiver.first),
            "repeats_dropped": receiver.repeats,
            "signature_failures": receiver.bad,
            "articles_lost": articles - len(items),
            "articles_with_two_ids": sum(1 for n in items.values() if n > 1),
            "job_completed_events": sum(
                1 for m in receiver.first.values() if m["type"] == "job.completed"
            ),
        },
        "load_before": load_before,
        "load_after": load_after,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.integrations", description=__doc__)
    modes = parser.add_subparsers(dest="mode", required=True)
    ghost_mode = modes.add_parser("ghost", help="the Ghost receiver at a steady rate")
    ghost_mode.add_argument("--rate", type=float, default=20.0)
    ghost_mode.add_argument("--seconds", type=float, default=60.0)
    ghost_mode.add_argument(
        "--worker-after",
        action="store_true",
        help="start the worker once the sending is over: the receiver's own floor",
    )
    jobs_mode = modes.add_parser("jobs", help="one large job, its worker killed mid-way")
    jobs_mode.add_argument("--articles", type=int, default=200)
    jobs_mode.add_argument("--kill-at", type=float, default=0.3)
    for mode in (ghost_mode, jobs_mode):
        mode.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    if args.mode == "ghost":
        result = ghost(args.rate, args.seconds, args.database_url, args.worker_after)
    else:
        result = jobs(args.articles, args.kill_at, args.database_url)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
