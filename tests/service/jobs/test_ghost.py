"""The Ghost receiver: Ghost's signature checked both ways (a signature made as Ghost makes it
is accepted; anything else is 401 problem+json), deduplication on post id + updated_at, a fast
202 with no analysis in the request, and never a 410 (Ghost deletes a webhook answered 410)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import pytest
from flask import Flask

from service import ghost
from service.problems import TYPE_PREFIX
from service.storage import Database
from service.storage import articles as stored_articles
from service.storage import jobs as rows
from tests.service.jobs.conftest import GHOST_SECRET

ROUTE = "/v1/integrations/ghost"


def ghost_body(
    post_id: str = "6651f0c2a1b2c3d4e5f60718",
    updated: str = "2026-03-02T10:15:00.000Z",
    html: str | None = '<p>The harbour master said the plan "will work".</p>',
) -> bytes:
    """A post webhook body as Ghost sends it: {"post": {"current": ..., "previous": ...}}."""
    current = {
        "id": post_id,
        "uuid": "a1b2",
        "title": "Harbour plan",
        "html": html,
        "plaintext": "...",
        "updated_at": updated,
        "status": "published",
    }
    return json.dumps({"post": {"current": current, "previous": {"updated_at": "x"}}}).encode()


def ghost_header(body: bytes, secret: str = GHOST_SECRET, at_ms: int | None = None) -> str:
    """X-Ghost-Signature as Ghost's webhook trigger writes it, computed here on its own."""
    moment = int(time.time() * 1000) if at_ms is None else at_ms
    digest = hmac.new(secret.encode(), body + str(moment).encode(), hashlib.sha256).hexdigest()
    return f"sha256={digest}, t={moment}"


def send(app: Flask, body: bytes, header: str | None, query: str = "") -> Any:
    sent = {"Content-Type": "application/json"}
    if header is not None:
        sent["X-Ghost-Signature"] = header
    return app.test_client().post(ROUTE + query, data=body, headers=sent)


def test_our_signature_is_ghosts() -> None:
    body = ghost_body()
    assert ghost.signature(GHOST_SECRET, body, 1700000000123) == ghost_header(
        body, at_ms=1700000000123
    )


def test_a_signed_post_is_queued_then_answered_as_duplicate(job_app: Flask) -> None:
    body = ghost_body()
    first = send(job_app, body, ghost_header(body), "?event=post.published")
    assert first.status_code == 202
    assert first.json["status"] == "queued"
    assert first.json["article_href"] == "/v1/articles/6651f0c2a1b2c3d4e5f60718"
    assert first.json["job"]["kind"] == "ghost" and first.json["job"]["status"] == "queued"
    again = send(job_app, body, ghost_header(body))  # Ghost's retry, signed at another time
    assert again.status_code == 200
    assert again.json["status"] == "duplicate"
    assert again.json["job"]["id"] == first.json["job"]["id"]
    edited = ghost_body(updated="2026-03-02T11:00:00.000Z")  # a new version of the post
    assert send(job_app, edited, ghost_header(edited)).status_code == 202
    db: Database = job_app.extensions["newsmetrics"].named.db
    assert stored_articles.counts(db) == (0, 0)  # nothing analysed in the request


@pytest.mark.parametrize(
    ("case", "detail"),
    [
        ("missing", "no X-Ghost-Signature"),
        ("malformed", "is not 'sha256="),
        ("wrong-secret", "does not match"),
        ("tampered", "does not match"),
        ("stale", "more than 300 s"),
        ("future", "more than 300 s"),
        ("seconds", "more than 300 s"),  # a timestamp in seconds, not milliseconds
    ],
)
def test_unsigned_or_wrongly_signed_bodies_are_401_problems(
    job_app: Flask, case: str, detail: str
) -> None:
    body = ghost_body()
    now_ms = int(time.time() * 1000)
    header = {
        "missing": None,
        "malformed": "sha1=abc",
        "wrong-secret": ghost_header(body, secret="another-secret"),
        "tampered": ghost_header(body),
        "stale": ghost_header(body, at_ms=now_ms - 301_000),
        "future": ghost_header(body, at_ms=now_ms + 301_000),
        "seconds": ghost_header(body, at_ms=now_ms // 1000),
    }[case]
    sent = body.replace(b"will work", b"will fail") if case == "tampered" else body
    response = send(job_app, sent, header)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.json["type"] == TYPE_PREFIX + "bad-signature"
    assert detail in response.json["detail"]


def test_without_a_configured_secret_every_webhook_is_refused(app: Flask) -> None:
    body = ghost_body()
    response = send(app, body, ghost_header(body))  # the session app has no Ghost secret
    assert response.status_code == 401
    assert "NEWSMETRICS_GHOST_WEBHOOK_SECRET" in response.json["detail"]


def test_the_api_keys_do_not_apply_but_the_signature_does(job_app: Flask) -> None:
    job_app.config["API_KEY_SET"] = (b"key-one",)
    body = ghost_body(post_id="keyed")
    assert send(job_app, body, ghost_header(body)).status_code == 202
    assert send(job_app, body, None).status_code == 401
    assert job_app.test_client().get("/v1/jobs/none").status_code == 401  # /v1/jobs still needs one


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"not json", 400, "malformed-json"),
        (b'{"tag": {"current": {}}}', 422, "validation-failed"),  # a tag webhook, not a post
        (b'{"post": {"current": []}}', 422, "validation-failed"),
        (
            b'{"post": {"current": {"id": 7, "updated_at": "x", "html": "<p>x</p>"}}}',
            422,
            "validation-failed",
        ),
        (  # an id longer than an article id may be
            ghost_body(post_id="p" * 201),
            422,
            "validation-failed",
        ),
    ],
)
def test_bodies_that_are_not_post_webhooks_are_problems_never_410(
    job_app: Flask, body: bytes, status: int, code: str
) -> None:
    response = send(job_app, body, ghost_header(body))
    assert response.status_code == status != 410
    assert response.json["code"] == code


def test_a_deleted_post_or_one_without_html_is_acknowledged_and_ignored(job_app: Flask) -> None:
    for body in (b'{"post": {"current": {}, "previous": {"id": "gone"}}}', ghost_body(html=None)):
        response = send(job_app, body, ghost_header(body))
        assert response.status_code == 200
        assert response.json["status"] == "ignored"
    db: Database = job_app.extensions["newsmetrics"].named.db
    assert rows.claim(db, "test", __import__("datetime").timedelta(seconds=5)) is None


def test_an_unknown_event_name_is_a_422(job_app: Flask) -> None:
    body = ghost_body()
    response = send(job_app, body, ghost_header(body), "?event=member.added")
    assert response.status_code == 422
    assert response.json["errors"][0]["pointer"] == "/event"


def test_a_body_over_the_ghost_limit_is_413(job_app: Flask) -> None:
    job_app.config["GHOST_MAX_BODY"] = 1000
    body = ghost_body(html="<p>" + "word " * 400 + "</p>")
    assert send(job_app, body, ghost_header(body)).status_code == 413
