"""The real thing on each engine: gunicorn serving the routes, ``python -m service.worker`` as
its own process, a callback receiver on 127.0.0.1. A job's callbacks verify with the
``standardwebhooks`` package; a worker killed with SIGKILL mid-job is replaced and the job ends
with every article stored once and each article's callback under one webhook-id (repeats of an
id are the at-least-once delivery the receiver drops); a signed Ghost webhook becomes a revision."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from standardwebhooks import Webhook

from service.storage import Database
from service.storage import articles as stored_articles
from service.storage import jobs as rows
from tests.servers import gunicorn_server, worker_process
from tests.service.jobs.conftest import GHOST_SECRET, SECRET, Receiver, emptied
from tests.service.jobs.test_ghost import ghost_body, ghost_header
from tests.service.storage.conftest import _postgres

# Settings of the servers: callbacks to localhost, fast retries, a short lease (a killed
# worker's job is free again 4 s after its last renewal).
ENV = {
    "NEWSMETRICS_WEBHOOK_SECRET": SECRET,
    "NEWSMETRICS_CALLBACK_HOSTS": "localhost",
    "NEWSMETRICS_CALLBACK_HTTPS_ONLY": "false",
    "NEWSMETRICS_GHOST_WEBHOOK_SECRET": GHOST_SECRET,
    "NEWSMETRICS_CALLBACK_BACKOFF_SECONDS": "0.2",
    "NEWSMETRICS_JOB_LEASE_SECONDS": "4",
    "NEWSMETRICS_WORKER_POLL_SECONDS": "0.2",
}
WAIT_S = 300.0
NAMES = ["Ana Ruiz", "Tom Becker", "Lena Okafor", "Marco Silva", "Priya Nair", "Jon Holm"]
PAPERS = ["Harbor Times", "Valley Post", "North Ledger"]


def article(n: int) -> dict[str, str]:
    """An invented article, different for each n: a named source, an anonymous one, a hedge."""
    name, paper = NAMES[n % len(NAMES)], PAPERS[n % len(PAPERS)]
    text = (
        f'Council member {name} said on day {n} that the harbour plan "will protect the fishing '
        f'fleet". Officials, who asked not to be named, said the vote may be delayed by '
        f"{n % 7 + 1} weeks. According to the {paper}, critics called plan number {n} a costly "
        "mistake that could hurt the town."
    )
    return {"id": f"story-{n}", "text": text}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def stack(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str, dict[str, str], Path]]:
    """(base URL, database URL, environment, folder) of a gunicorn on a fresh database."""
    folder = tmp_path_factory.mktemp(f"jobs-{request.param}")
    url = f"sqlite:///{folder / 'jobs.sqlite3'}" if request.param == "sqlite" else _postgres()
    emptied(url)
    env = {**ENV, "NEWSMETRICS_DATABASE_URL": url}
    with gunicorn_server(folder, workers=2, env=env) as (base, _):
        yield base, url, env, folder


def wait_for(check: Any, what: str, timeout: float = WAIT_S) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def job_state(base: str, job_id: str) -> dict[str, Any]:
    response = httpx.get(f"{base}/v1/jobs/{job_id}", timeout=10)
    assert response.status_code == 200
    state: dict[str, Any] = response.json()
    return state


def all_results(base: str, job_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    page: str | None = f"/v1/jobs/{job_id}/results?limit=7"
    while page is not None:
        body = httpx.get(base + page, timeout=10).json()
        found += body["items"]
        page = body["next"]
    return found


def delivered(base: str, job_id: str, count: int) -> bool:
    return bool(job_state(base, job_id)["callback"]["delivered"] == count)


@pytest.mark.server
def test_a_job_runs_in_the_worker_and_calls_back_signed(
    stack: tuple[str, str, dict[str, str], Path], receiver: Receiver
) -> None:
    base, _, env, folder = stack
    body = {"articles": [article(n) for n in range(4)], "callback_url": receiver.url}
    response = httpx.post(f"{base}/v1/jobs", json=body, timeout=30)
    assert response.status_code == 202
    job_id = response.json()["id"]
    assert response.headers["location"] == f"/v1/jobs/{job_id}"
    with worker_process(folder, env=env):
        wait_for(lambda: job_state(base, job_id)["status"] == "done", "the job")
        wait_for(lambda: delivered(base, job_id, 5), "the callbacks")
    assert [(r["index"], r["status"]) for r in all_results(base, job_id)] == [
        (n, 200) for n in range(4)
    ]
    verified = [Webhook(SECRET).verify(body, headers) for headers, body in receiver.received]
    assert sorted(v["type"] for v in verified) == ["job.completed"] + ["job.item.completed"] * 4
    assert len(set(receiver.ids())) == 5


@pytest.mark.server
def test_a_worker_killed_mid_job_loses_nothing_and_repeats_no_callback(
    stack: tuple[str, str, dict[str, str], Path], receiver: Receiver
) -> None:
    base, url, env, folder = stack
    total = 24
    body = {"articles": [article(n) for n in range(100, 100 + total)], "callback_url": receiver.url}
    job_id = httpx.post(f"{base}/v1/jobs", json=body, timeout=30).json()["id"]
    with worker_process(folder, env=env, name="doomed") as doomed:
        wait_for(lambda: job_state(base, job_id)["done"] >= 4, "the first articles")
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.wait()
    at_kill = job_state(base, job_id)
    assert at_kill["status"] == "running" and 4 <= at_kill["done"] < total
    with worker_process(folder, env=env, name="successor"):
        wait_for(lambda: job_state(base, job_id)["status"] == "done", "the job after the kill")
        wait_for(lambda: delivered(base, job_id, total + 1), "every callback")
    ended = job_state(base, job_id)
    assert (ended["done"], ended["failed"], ended["total"]) == (total, 0, total)
    results = all_results(base, job_id)
    assert [r["index"] for r in results] == list(range(total))  # each article once, none lost
    assert [r["result"]["article"]["id"] for r in results] == [
        f"story-{n}" for n in range(100, 100 + total)
    ]
    # Every callback received verifies; each article's result went out under one webhook-id
    # (sent again, if at all, only under that id), and the job's end once.
    by_id: dict[str, dict[str, Any]] = {}
    for headers, raw in receiver.received:
        by_id.setdefault(headers["webhook-id"], Webhook(SECRET).verify(raw, headers))
    items = [v["data"]["index"] for v in by_id.values() if v["type"] == "job.item.completed"]
    assert sorted(items) == list(range(total))
    assert [v["type"] for v in by_id.values()].count("job.completed") == 1
    stored = {d.id for d in rows.deliveries_of(Database(url), job_id)}
    assert set(by_id) == stored


@pytest.mark.server
def test_a_signed_ghost_post_is_acknowledged_fast_and_stored_as_a_revision(
    stack: tuple[str, str, dict[str, str], Path],
) -> None:
    base, url, env, folder = stack
    post_id = "ghost-post-5"
    raw = ghost_body(post_id=post_id)
    sent = {"Content-Type": "application/json"}
    started = time.perf_counter()
    first = httpx.post(
        f"{base}/v1/integrations/ghost",
        content=raw,
        timeout=10,
        headers=sent | {"X-Ghost-Signature": ghost_header(raw)},
    )
    acknowledged = time.perf_counter() - started
    assert first.status_code == 202 and acknowledged < 2.0  # Ghost's own timeout
    again = httpx.post(
        f"{base}/v1/integrations/ghost",
        content=raw,
        timeout=10,
        headers=sent | {"X-Ghost-Signature": ghost_header(raw)},
    )
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    unsigned = httpx.post(f"{base}/v1/integrations/ghost", content=raw, timeout=10, headers=sent)
    assert unsigned.status_code == 401
    assert unsigned.headers["content-type"] == "application/problem+json"
    with worker_process(folder, env=env):
        wait_for(
            lambda: httpx.get(f"{base}/v1/articles/{post_id}", timeout=10).status_code == 200,
            "the revision",
        )
    article_state = httpx.get(f"{base}/v1/articles/{post_id}", timeout=10).json()
    assert [r["number"] for r in article_state["revisions"]] == [1]
    assert stored_articles.counts(Database(url))[1] >= 1
