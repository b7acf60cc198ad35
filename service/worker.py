"""The background worker: runs queued jobs and delivers their signed callbacks.

    python -m service.worker        (bin/serve starts one beside gunicorn; compose.yaml runs one)

It builds the same app as gunicorn (settings, pipeline, seed set, storage) and scores through
the same ``Scorer``: one parse per article, the same time budget per article, the same cache.
A job is claimed with a lease renewed after every article and by a heartbeat thread; each
article's result is stored once with its callback, so a worker killed mid-job loses nothing: the
next worker (this one restarted, or another) claims the job when the lease runs out and goes on
from the first article without a result. Callbacks are sent by a second thread, oldest first,
retried with exponential backoff up to CALLBACK_ATTEMPTS, every attempt stored.

On PostgreSQL any number of workers may run (claims skip rows another worker has locked); on
SQLite run one (its single writer serialises the claims, and one worker keeps it from waiting).
SIGTERM or SIGINT stops it after the current article, handing the job back at once.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import threading
import uuid
from datetime import timedelta
from typing import Any

from flask import Flask
from marshmallow import ValidationError

from scoring.errors import InputError, ScoringError, TimeBudgetError
from service import create_app, jobs, webhooks
from service.articles import put_article, reference_articles
from service.bodies import dump_article, input_pointer
from service.budget import OverBudget
from service.models import ArticleRequest, ArticleResult, ReferenceArticle, reference_name
from service.problems import (
    ApiProblem,
    input_problem,
    over_budget_problem,
    problem_object,
    time_budget_problem,
    validation_problem,
)
from service.references import ReferenceNotReady, UnknownReference
from service.schemas import ArticleSchema, RevisionSchema
from service.scorer import Scorer
from service.storage import StorageUnavailable, now
from service.storage import jobs as rows
from service.storage.jobs import Delivery, Job
from service.storage.references import FAILED, FITTING, SetExists

# Named, not __name__: run as `python -m service.worker` this module is __main__, outside the
# "service" logger that configure_logging sets up.
logger = logging.getLogger("service.worker")

# Seconds a sender holds a callback beyond its timeout before another sender may take it.
DELIVERY_LEASE_MARGIN_S = 5.0
# Renewals per lease period by the heartbeat thread (a third of the lease between renewals).
RENEWALS_PER_LEASE = 3


class LostLease(RuntimeError):
    """Another worker took the job over: this one must stop writing to it."""


class Worker:
    """One worker process's loop over jobs, and its callback sender."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.settings = app.config
        self.scorer: Scorer = app.extensions["newsmetrics"]
        assert self.scorer.named is not None  # create_app always attaches the storage
        self.named = self.scorer.named
        self.db = self.named.db
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.lease = timedelta(seconds=self.settings["JOB_LEASE_SECONDS"])
        self.poll = float(self.settings["WORKER_POLL_SECONDS"])
        self.stop = threading.Event()

    # The loops ---------------------------------------------------------------------------

    def run(self) -> None:
        """Run jobs and send callbacks until ``stop`` is set."""
        sender = threading.Thread(target=self.send_callbacks, name="callbacks", daemon=True)
        sender.start()
        logger.info("worker ready", extra={"fields": {"owner": self.owner}})
        while not self.stop.is_set():
            if not self.run_one():
                self.stop.wait(self.poll)
        sender.join(timeout=self.settings["CALLBACK_TIMEOUT_SECONDS"] + 1)

    def run_one(self) -> bool:
        """Claim and run one job; False when none was waiting (or storage failed)."""
        try:
            job = rows.claim(self.db, self.owner, self.lease)
        except StorageUnavailable as err:
            logger.error("cannot claim jobs", extra={"fields": {"why": str(err)}})
            return False
        if job is None:
            return False
        logger.info("job claimed", extra={"fields": {"job": job.id, "claims": job.claims}})
        beat = threading.Event()
        threading.Thread(target=self._heartbeat, args=(job.id, beat), daemon=True).start()
        try:
            with self.app.app_context():
                self._run(job)
        except LostLease:
            logger.warning("job taken over by another worker", extra={"fields": {"job": job.id}})
        except StorageUnavailable as err:
            # The lease runs out and the job is claimed again once the database answers.
            logger.error("job stopped", extra={"fields": {"job": job.id, "why": str(err)}})
        except Exception as err:  # a bug, not the job's input: fail it once, not on every claim
            logger.error("job failed unexpectedly", exc_info=err, extra={"fields": {"job": job.id}})
            rows.finish(self.db, job.id, self.owner, rows.FAILED, None, "the worker failed")
        finally:
            beat.set()
        return True

    def _heartbeat(self, job_id: str, done: threading.Event) -> None:
        interval = self.lease.total_seconds() / RENEWALS_PER_LEASE
        while not done.wait(interval):
            try:
                if not rows.renew(self.db, job_id, self.owner, self.lease):
                    return
            except StorageUnavailable:
                continue

    def send_callbacks(self) -> None:
        """Deliver due callbacks until ``stop`` is set."""
        timeout = float(self.settings["CALLBACK_TIMEOUT_SECONDS"])
        lease = timedelta(seconds=timeout + DELIVERY_LEASE_MARGIN_S)
        while not self.stop.is_set():
            try:
                delivery = rows.claim_delivery(self.db, lease)
                if delivery is None:
                    self.stop.wait(self.poll)
                    continue
                self.deliver(delivery)
            except StorageUnavailable as err:
                logger.error("cannot deliver callbacks", extra={"fields": {"why": str(err)}})
                self.stop.wait(self.poll)

    # Jobs -------------------------------------------------------------------------------

    def _run(self, job: Job) -> None:
        request = rows.request_of(self.db, job.id)
        if job.kind == rows.GHOST:
            # A worker that died after storing the post but before finishing left it stored.
            if not rows.done_positions(self.db, job.id):
                self._item(job, 0, self._ghost_post(job, request["post"]))
            self._finish(job, rows.DONE)
            return
        reference = request.get("reference")
        error = self._fit(job, reference) if reference else None
        if error is not None:
            self._finish(job, rows.FAILED, error)
            return
        options = jobs.options_of(request)
        baseline = reference_name(options, self.settings["DEFAULT_REFERENCE"])
        stored = rows.done_positions(self.db, job.id)
        for position, raw in enumerate(request["articles"]):
            if position in stored:
                continue
            if self.stop.is_set():
                rows.release(self.db, job.id, self.owner)
                return
            self._item(job, position, self._score(job, position, raw, options, baseline))
        self._finish(job, rows.DONE)

    def _item(self, job: Job, position: int, outcome: tuple[int, dict[str, Any]]) -> None:
        status, item = outcome
        delivery = None
        if job.callback_url is not None:
            data = {"job_id": job.id, "index": position, "status": status, **item}
            delivery = _delivery(job, "job.item.completed", data)
        if not rows.record_item(
            self.db, job.id, self.owner, self.lease, position, status, item, delivery
        ):
            raise LostLease(job.id)

    def _finish(self, job: Job, status: str, error: str | None = None) -> None:
        delivery = None
        if job.callback_url is not None:
            ended = rows.get(self.db, job.id)
            assert ended is not None
            summary = jobs.describe(self.db, ended, None)
            summary |= {"status": status, "error": error, "finished_at": now().isoformat()}
            summary.pop("callback", None)
            delivery = _delivery(job, "job.completed", summary)
        if not rows.finish(self.db, job.id, self.owner, status, delivery, error):
            raise LostLease(job.id)
        logger.info("job finished", extra={"fields": {"job": job.id, "status": status}})

    def _problem(self, job: Job, error: ApiProblem) -> tuple[int, dict[str, Any]]:
        body = problem_object(
            error.status,
            error.detail,
            instance=f"{jobs.job_path(job.id)}/results",
            request_id=job.id,
            code=error.code,
            errors=error.errors,
        )
        return error.status, {"problem": body}

    def _score(
        self, job: Job, position: int, raw: Any, options: Any, baseline: str
    ) -> tuple[int, dict[str, Any]]:
        """One article's (status, {"result"} or {"problem"}), as POST /v1/analyze scores it."""
        try:
            asked: ArticleRequest = ArticleSchema().load(raw)
        except ValidationError as err:
            with self.app.test_request_context(jobs.job_path(job.id)):
                problem = validation_problem(err, ("articles", position))
            return 422, {"problem": problem}
        pointer = input_pointer(asked.article, "articles", position)
        try:
            scored = self.scorer.analyze(asked.article, baseline=baseline)
        except InputError as err:
            return self._problem(job, input_problem(err, pointer))
        except OverBudget as err:
            return self._problem(job, over_budget_problem(err, pointer))
        except TimeBudgetError as err:
            return self._problem(job, time_budget_problem(err, pointer))
        except UnknownReference as err:
            detail = f"no reference set is called {err.args[0]!r}"
            return self._problem(job, ApiProblem(404, detail, code="unknown-reference"))
        except ReferenceNotReady as err:
            return self._problem(job, ApiProblem(409, str(err), code="reference-fitting"))
        except ScoringError as err:
            logger.error("scoring failed", exc_info=err, extra={"fields": {"job": job.id}})
            detail = "the analysis failed on the server"
            return self._problem(job, ApiProblem(500, detail, code=err.code))
        result = ArticleResult(asked.meta, options, scored.report, scored.cached)
        return 200, {"result": dump_article(result)}

    def _ghost_post(self, job: Job, post: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """A Ghost post scored and stored as the next revision of the article ``post.id``,
        through PUT /v1/articles/{id}'s own function."""
        given = {"html": post["html"], "id": post["id"]}
        given |= {k: post[k] for k in ("title", "url") if post.get(k)}
        try:
            asked: ArticleRequest = ArticleSchema().load(given)
            stored = put_article(self.scorer, post["id"], asked)
        except ValidationError as err:
            with self.app.test_request_context(jobs.job_path(job.id)):
                problem = validation_problem(err, ("post", "current"))
            return 422, {"problem": problem}
        except ApiProblem as err:
            return self._problem(job, err)
        except (UnknownReference, ReferenceNotReady) as err:
            return self._problem(job, ApiProblem(409, str(err), code="reference-unavailable"))
        except ScoringError as err:
            logger.error("scoring failed", exc_info=err, extra={"fields": {"job": job.id}})
            return self._problem(job, ApiProblem(500, "the analysis failed on the server"))
        return 200, {"revision": RevisionSchema().dump(stored.revision)}

    def _fit(self, job: Job, reference: dict[str, Any]) -> str | None:
        """Fit the job's reference set (or wait for a fitting this job began before its worker
        died); the error when it cannot be fitted, else None."""
        name = reference["name"]
        try:
            stored = self.named.status(name)
        except UnknownReference:
            stored = None
        if stored is not None and job.claims == 1:
            return f"a reference set called {name!r} exists; DELETE it first to replace it"
        if stored is None:
            try:
                articles = [ReferenceArticle(**item) for item in reference["articles"]]
                if not articles:
                    articles = reference_articles(self.scorer, tuple(reference["article_ids"]))
                stored = self.named.create(name, reference["description"], articles, wait=True)
            except ApiProblem as err:
                return err.detail
            except SetExists:
                return f"a reference set called {name!r} was made meanwhile by another request"
        while stored.status == FITTING and not self.stop.is_set():
            self.stop.wait(self.poll)
            stored = self.named.status(name)  # resumes a fitting whose worker died
        if stored.status == FAILED:
            self.named.delete(name)  # as POST /v1/references does: a failed set is not kept
            return stored.error or "the reference set could not be fitted"
        return None

    # Callbacks ----------------------------------------------------------------------------

    def deliver(self, delivery: Delivery) -> str:
        """One attempt at a callback, stored with the delivery's new state (returned)."""
        settings = self.settings
        key = settings["WEBHOOK_KEY"]
        try:
            if key is None:
                raise webhooks.CallbackRefused("NEWSMETRICS_WEBHOOK_SECRET is no longer set")
            target = webhooks.check_url(
                delivery.url,
                settings["CALLBACK_HOST_SET"],
                https_only=settings["CALLBACK_HTTPS_ONLY"],
            )
        except webhooks.CallbackRefused as err:
            return rows.record_attempt(self.db, delivery, None, str(err), 0.0, None)
        body = delivery.body.encode()
        sent = webhooks.headers(key, delivery.id, body)
        attempt = webhooks.send(target, sent, body, settings["CALLBACK_TIMEOUT_SECONDS"])
        made = delivery.attempts + 1
        retry_in = None
        if not attempt.delivered and made < settings["CALLBACK_ATTEMPTS"]:
            retry_in = webhooks.backoff(
                made, settings["CALLBACK_BACKOFF_SECONDS"], settings["CALLBACK_MAX_DELAY_SECONDS"]
            )
        state = rows.record_attempt(
            self.db, delivery, attempt.status, attempt.error, attempt.seconds, retry_in
        )
        fields = {"delivery": delivery.id, "job": delivery.job_id, "state": state}
        logger.info("callback attempt", extra={"fields": fields | {"status": attempt.status}})
        return state


def _delivery(job: Job, event: str, data: dict[str, Any]) -> Delivery:
    assert job.callback_url is not None
    body = {"type": event, "timestamp": now().isoformat(), "data": data}
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return Delivery(rows.new_id("msg"), job.id, event, job.callback_url, text)


def main() -> int:
    app = create_app()
    os.nice(min(19, int(app.config["WORKER_NICE"])))
    worker = Worker(app)

    def _stop(signum: int, _frame: Any) -> None:
        logger.info("worker stopping", extra={"fields": {"signal": signum}})
        worker.stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    worker.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
