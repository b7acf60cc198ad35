"""The worker in this process on both engines: a job's articles scored through the Scorer, each
result stored once with its callback, a lease another worker takes over when it runs out, and
callbacks signed, retried with backoff, every attempt stored, redirects never followed, hosts
checked again at delivery."""

from __future__ import annotations

import threading
from datetime import timedelta

from flask import Flask
from standardwebhooks import Webhook

from service.storage import Database
from service.storage import jobs as rows
from service.worker import Worker
from tests.service.conftest import ARTICLE
from tests.service.jobs.conftest import SECRET, Receiver


def queue(app: Flask, body: dict[str, object]) -> str:
    response = app.test_client().post("/v1/jobs", json=body)
    assert response.status_code == 202, response.json
    return str(response.json["id"])


def deliver_all(worker: Worker) -> list[str]:
    """Send every callback that is due now; their new states."""
    states = []
    while (delivery := rows.claim_delivery(worker.db, timedelta(seconds=10))) is not None:
        states.append(worker.deliver(delivery))
    return states


def test_a_job_is_scored_stored_and_called_back_signed(job_app: Flask, receiver: Receiver) -> None:
    articles = [{"text": ARTICLE, "id": "a"}, {"text": "0"}, {"html": f"<p>{ARTICLE}</p>"}]
    job_id = queue(job_app, {"articles": articles, "callback_url": receiver.url})
    worker = Worker(job_app)
    assert worker.run_one() and not worker.run_one()
    job = job_app.test_client().get(f"/v1/jobs/{job_id}").json
    assert (job["status"], job["done"], job["failed"], job["progress"]) == ("done", 3, 1, 1.0)
    items = job_app.test_client().get(f"/v1/jobs/{job_id}/results").json["items"]
    assert [(i["index"], i["status"]) for i in items] == [(0, 200), (1, 422), (2, 200)]
    assert items[0]["result"]["article"]["id"] == "a" and items[0]["result"]["actors"]
    assert items[1]["problem"]["code"] == "no-letters"
    assert items[1]["problem"]["errors"][0]["pointer"] == "/articles/1/text"
    # The same report as POST /v1/analyze gives (but for its request id).
    direct = job_app.test_client().post("/v1/analyze", json={"text": ARTICLE, "id": "a"}).json
    skipped = ("request_id", "cached")
    assert {k: v for k, v in items[0]["result"].items() if k not in skipped} == {
        k: v for k, v in direct.items() if k not in skipped
    }
    assert deliver_all(worker) == ["delivered"] * 4
    verified = [Webhook(SECRET).verify(body, headers) for headers, body in receiver.received]
    assert [v["type"] for v in verified] == ["job.item.completed"] * 3 + ["job.completed"]
    assert [v["data"]["index"] for v in verified[:3]] == [0, 1, 2]
    assert verified[3]["data"]["id"] == job_id and verified[3]["data"]["status"] == "done"
    state = job_app.test_client().get(f"/v1/jobs/{job_id}").json["callback"]
    assert (state["delivered"], state["pending"], state["failed"]) == (4, 0, 0)


def test_a_job_whose_lease_ran_out_is_taken_over_and_finished_once(job_app: Flask) -> None:
    job_id = queue(job_app, {"articles": [{"text": ARTICLE}, {"text": ARTICLE + " Again."}]})
    db: Database = job_app.extensions["newsmetrics"].named.db
    lease = timedelta(seconds=30)
    first = rows.claim(db, "worker-a", timedelta(seconds=-1))  # a lease that already ran out
    assert first is not None and first.claims == 1
    assert rows.record_item(
        db, job_id, "worker-a", timedelta(seconds=-1), 0, 200, {"result": {}}, None
    )
    taken = rows.claim(db, "worker-b", lease)
    assert taken is not None and taken.id == job_id and taken.claims == 2
    # worker-a wakes up: it holds nothing any more and can write nothing.
    assert not rows.record_item(db, job_id, "worker-a", lease, 1, 200, {"result": {}}, None)
    assert not rows.renew(db, job_id, "worker-a", lease)
    assert not rows.finish(db, job_id, "worker-a", rows.DONE, None)
    assert rows.done_positions(db, job_id) == {0}
    worker = Worker(job_app)
    worker.owner = "worker-b"
    with job_app.app_context():
        worker._run(taken)  # goes on from the first article without a result
    finished = rows.get(db, job_id)
    assert finished is not None
    assert (finished.status, finished.done, finished.total) == (rows.DONE, 2, 2)
    assert rows.claim(db, "worker-c", lease) is None  # done: never claimed again


def test_concurrent_claims_give_each_job_to_one_worker(job_app: Flask) -> None:
    ids = {queue(job_app, {"articles": [{"text": ARTICLE}]}) for _ in range(6)}
    db: Database = job_app.extensions["newsmetrics"].named.db
    claimed: list[str] = []
    lock = threading.Lock()

    def take(owner: str) -> None:
        while (job := rows.claim(db, owner, timedelta(seconds=30))) is not None:
            with lock:
                claimed.append(job.id)

    threads = [threading.Thread(target=take, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed) == sorted(ids)


def test_failed_callbacks_are_retried_with_every_attempt_stored(
    job_app: Flask, receiver: Receiver
) -> None:
    receiver.answers = [500, 503]
    job_app.config["CALLBACK_ATTEMPTS"] = 3
    queue(job_app, {"articles": [{"text": ARTICLE}], "callback_url": receiver.url})
    worker = Worker(job_app)
    worker.run_one()
    first = rows.claim_delivery(worker.db, timedelta(seconds=10))
    assert first is not None
    assert worker.deliver(first) == "pending"
    assert sorted(deliver_all(worker)) == ["delivered", "delivered", "pending"]
    job_id = first.job_id
    attempts = [
        a for d in rows.deliveries_of(worker.db, job_id) for a in rows.attempts_of(worker.db, d.id)
    ]
    assert sorted(status for _, status, _ in attempts) == [200, 200, 500, 503]
    mine = rows.attempts_of(worker.db, first.id)
    assert mine[0] == (1, 500, "HTTP 500") and mine[-1][1:] == (200, None)
    assert len(set(receiver.ids())) == 2 and receiver.ids().count(first.id) == len(mine)


def test_a_callback_is_given_up_after_its_last_attempt(job_app: Flask, receiver: Receiver) -> None:
    receiver.answers = [500] * 10
    job_app.config["CALLBACK_ATTEMPTS"] = 2
    job_id = queue(job_app, {"articles": [{"text": ARTICLE}], "callback_url": receiver.url})
    worker = Worker(job_app)
    worker.run_one()
    assert sorted(deliver_all(worker)) == ["failed", "failed", "pending", "pending"]
    state = job_app.test_client().get(f"/v1/jobs/{job_id}").json["callback"]
    assert (state["failed"], state["delivered"]) == (2, 0)


def test_the_backoff_delays_the_next_attempt(job_app: Flask, receiver: Receiver) -> None:
    receiver.answers = [500]
    job_app.config["CALLBACK_BACKOFF_SECONDS"] = 60.0
    queue(job_app, {"articles": [{"text": ARTICLE}], "callback_url": receiver.url})
    worker = Worker(job_app)
    worker.run_one()
    first = rows.claim_delivery(worker.db, timedelta(seconds=10))
    assert first is not None and worker.deliver(first) == "pending"
    # The job.completed callback is due; the failed one waits its 60 s.
    assert deliver_all(worker) == ["delivered"]
    assert len(receiver.received) == 2


def test_a_redirect_is_an_answer_never_followed(job_app: Flask, receiver: Receiver) -> None:
    receiver.answers = [302] * 10
    receiver.location = f"http://localhost:{receiver.port}/followed"  # would be seen here
    job_app.config["CALLBACK_ATTEMPTS"] = 1
    queue(job_app, {"articles": [{"text": ARTICLE}], "callback_url": receiver.url})
    worker = Worker(job_app)
    worker.run_one()
    delivery = rows.claim_delivery(worker.db, timedelta(seconds=10))
    assert delivery is not None and worker.deliver(delivery) == "failed"
    assert rows.attempts_of(worker.db, delivery.id)[0][1:] == (
        302,
        "HTTP 302: a redirect, which is never followed",
    )
    assert len(receiver.received) == 1  # the redirect's target was never asked


def test_hosts_are_checked_again_before_each_attempt(job_app: Flask, receiver: Receiver) -> None:
    job_id = queue(job_app, {"articles": [{"text": ARTICLE}], "callback_url": receiver.url})
    worker = Worker(job_app)
    worker.run_one()
    job_app.config["CALLBACK_HOST_SET"] = frozenset({"cms.example.org"})  # the list shrank
    assert deliver_all(worker) == ["failed", "failed"]
    assert receiver.received == []
    for delivery in rows.deliveries_of(worker.db, job_id):
        [(number, status, error)] = rows.attempts_of(worker.db, delivery.id)
        assert (number, status) == (1, None) and "is not allowed" in str(error)


def test_a_job_with_a_reference_fits_it_first(job_app: Flask) -> None:
    texts = [ARTICLE, ARTICLE.replace("Monday", "Tuesday"), ARTICLE.replace("Lopez", "Ortiz")]
    body = {
        "reference": {"name": "harbour-desk", "articles": [{"text": t} for t in texts]},
        "articles": [{"text": ARTICLE}],
        "options": {"reference": "harbour-desk"},
    }
    job_id = queue(job_app, body)
    Worker(job_app).run_one()
    job = job_app.test_client().get(f"/v1/jobs/{job_id}").json
    assert job["status"] == "done" and job["reference"]["name"] == "harbour-desk"
    reference = job_app.test_client().get("/v1/references/harbour-desk").json
    assert reference["status"] == "ready"
    item = job_app.test_client().get(f"/v1/jobs/{job_id}/results").json["items"][0]
    assert item["result"]["comparison"]["reference"]["name"] == "harbour-desk"
    # A second job naming the same set again fails at once, not on every claim.
    assert job_app.test_client().post("/v1/jobs", json=body).status_code == 409


def test_a_ghost_job_stores_the_post_as_an_article_revision(job_app: Flask) -> None:
    from tests.service.jobs.test_ghost import ghost_body, ghost_header, send

    body = ghost_body(post_id="post-77")
    assert send(job_app, body, ghost_header(body)).status_code == 202
    Worker(job_app).run_one()
    article = job_app.test_client().get("/v1/articles/post-77")
    assert article.status_code == 200
    assert [r["number"] for r in article.json["revisions"]] == [1]
    assert article.json["latest"]["article"]["id"] == "post-77"
    assert article.json["latest"]["article"]["title"] == "Harbour plan"


def test_a_ghost_job_resumed_after_its_post_was_stored_just_finishes(job_app: Flask) -> None:
    from tests.service.jobs.test_ghost import ghost_body, ghost_header, send

    body = ghost_body(post_id="post-78")
    assert send(job_app, body, ghost_header(body)).status_code == 202
    db: Database = job_app.extensions["newsmetrics"].named.db
    gone = rows.claim(db, "died", timedelta(seconds=-1))  # its worker stored the post, then died
    assert gone is not None
    assert rows.record_item(
        db, gone.id, "died", timedelta(seconds=-1), 0, 200, {"revision": {}}, None
    )
    Worker(job_app).run_one()
    finished = rows.get(db, gone.id)
    assert finished is not None and (finished.status, finished.done) == (rows.DONE, 1)
    assert job_app.test_client().get("/v1/articles/post-78").status_code == 404  # not re-scored
