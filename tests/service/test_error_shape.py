"""Every error path of the API answers with the same RFC 9457 problem shape, never a stack trace."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from scoring.errors import (
    InvalidActorError,
    NotFittedError,
    PipelineError,
    ReferenceSetError,
    ScoringError,
)
from service import create_app
from service.problems import PROBLEM_MIMETYPE, TYPE_PREFIX
from service.scorer import Scored, Scorer

TOO_LONG = "word " * 40_001  # 200,005 code points: just over scoring.text.input.MAX_TEXT_CHARS
TWO_MIB = 2 * 1024 * 1024

# (id, method, path, request keyword arguments, status, code, pointers expected in "errors")
CASES: list[tuple[str, str, str, dict[str, Any], int, str, list[str]]] = [
    (
        "malformed-json",
        "post",
        "/v1/analyze",
        {"data": '{"text": "a', "content_type": "application/json"},
        400,
        "malformed-json",
        [],
    ),
    (
        "not-json-at-all",
        "post",
        "/v1/analyze",
        {"data": b"\xff\xfe\x00", "content_type": "application/json"},
        400,
        "malformed-json",
        [],
    ),
    (
        "nan-is-not-json",
        "post",
        "/v1/analyze",
        {"data": '{"text": NaN}', "content_type": "application/json"},
        400,
        "malformed-json",
        [],
    ),
    (
        "wrong-content-type",
        "post",
        "/v1/analyze",
        {"data": "some text", "content_type": "text/plain"},
        415,
        "unsupported-media-type",
        [],
    ),
    (
        "form-encoded",
        "post",
        "/v1/analyze/batch",
        {"data": {"text": "x"}},
        415,
        "unsupported-media-type",
        [],
    ),
    (
        "body-too-large",
        "post",
        "/v1/analyze",
        {"data": b"{" + b" " * TWO_MIB + b"}", "content_type": "application/json"},
        413,
        "body-too-large",
        [],
    ),
    (
        "missing-text",
        "post",
        "/v1/analyze",
        {"json": {"title": "t"}},
        422,
        "validation-failed",
        ["/text"],
    ),
    (
        "text-and-html",
        "post",
        "/v1/analyze",
        {"json": {"text": "a", "html": "<p>a</p>"}},
        422,
        "validation-failed",
        ["/html"],
    ),
    (
        "empty-text",
        "post",
        "/v1/analyze",
        {"json": {"text": ""}},
        422,
        "validation-failed",
        ["/text"],
    ),
    (
        "white-space-text",
        "post",
        "/v1/analyze",
        {"json": {"text": " \n\t "}},
        422,
        "validation-failed",
        ["/text"],
    ),
    (
        "text-too-long",
        "post",
        "/v1/analyze",
        {"json": {"text": TOO_LONG}},
        422,
        "validation-failed",
        ["/text"],
    ),
    (
        "unknown-field",
        "post",
        "/v1/analyze",
        {"json": {"text": "a", "lang": "en"}},
        422,
        "validation-failed",
        ["/lang"],
    ),
    (
        "wrong-type-text",
        "post",
        "/v1/analyze",
        {"json": {"text": 42}},
        422,
        "validation-failed",
        ["/text"],
    ),
    (
        "wrong-type-actors",
        "post",
        "/v1/analyze",
        {"json": {"text": "a", "actors": "Lopez"}},
        422,
        "validation-failed",
        ["/actors"],
    ),
    (
        "actor-without-name",
        "post",
        "/v1/analyze",
        {"json": {"text": "a", "actors": [{"aliases": ["x"]}]}},
        422,
        "validation-failed",
        ["/actors/0/name"],
    ),
    (
        "string-for-boolean",
        "post",
        "/v1/analyze",
        {"json": {"text": "a", "options": {"evidence": "yes"}}},
        422,
        "validation-failed",
        ["/options/evidence"],
    ),
    (
        "unknown-offsets",
        "post",
        "/v1/analyze",
        {"json": {"text": "a", "options": {"offsets": "bytes"}}},
        422,
        "validation-failed",
        ["/options/offsets"],
    ),
    (
        "bad-date",
        "post",
        "/v1/analyze",
        {"json": {"text": "a", "published_at": "2025-02-30T10:00:00Z"}},
        422,
        "validation-failed",
        ["/published_at"],
    ),
    (
        "lone-surrogate",
        "post",
        "/v1/analyze",
        {"data": '{"text": "a\\ud800b"}', "content_type": "application/json"},
        422,
        "validation-failed",
        ["/text"],
    ),
    (
        "body-not-an-object",
        "post",
        "/v1/analyze",
        {"json": ["text"]},
        422,
        "validation-failed",
        [""],
    ),
    (
        "too-many-batch-items",
        "post",
        "/v1/analyze/batch",
        {"json": {"items": [{"text": "a"}] * 21}},
        422,
        "validation-failed",
        ["/items"],
    ),
    (
        "no-batch-items",
        "post",
        "/v1/analyze/batch",
        {"json": {"items": []}},
        422,
        "validation-failed",
        ["/items"],
    ),
    (
        "batch-item-not-object",
        "post",
        "/v1/analyze/batch",
        {"json": {"items": ["a"]}},
        422,
        "validation-failed",
        ["/items/0"],
    ),
    (
        "library-empty-html",
        "post",
        "/v1/analyze",
        {"json": {"html": "<p> </p><br>"}},
        422,
        "empty-text",
        ["/html"],
    ),
    (
        "library-no-letters",
        "post",
        "/v1/analyze",
        {"json": {"text": "12 + 34 = 46"}},
        422,
        "no-letters",
        ["/text"],
    ),
    (
        "library-html-too-long",
        "post",
        "/v1/analyze",
        {"json": {"html": f"<p>{TOO_LONG}</p>"}},
        422,
        "text-too-long",
        ["/html"],
    ),
    (
        "actor-name-without-a-letter",
        "post",
        "/v1/analyze",
        {"json": {"text": "Jane Roe spoke.", "actors": [{"name": "{"}]}},
        422,
        "validation-failed",
        ["/actors/0/name"],
    ),
    ("unknown-route", "get", "/v1/nothing-here", {}, 404, "not-found", []),
    ("unknown-top-route", "get", "/admin", {}, 404, "not-found", []),
    ("wrong-method", "get", "/v1/analyze", {}, 405, "method-not-allowed", []),
    ("wrong-method-health", "post", "/healthz", {}, 405, "method-not-allowed", []),
]


def assert_problem(response: Any, status: int, code: str, pointers: list[str]) -> dict[str, Any]:
    """The one problem shape: media type, members, status, code, pointers, no stack trace."""
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == PROBLEM_MIMETYPE
    body: dict[str, Any] = response.get_json()
    required = {"type", "title", "status", "detail", "instance", "code", "request_id"}
    assert required <= set(body)
    assert set(body) - required <= {"errors"}
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == TYPE_PREFIX + code
    assert body["title"] and body["detail"]
    assert body["instance"].startswith("/")
    assert body["request_id"] == response.headers["X-Request-ID"]
    assert "Traceback" not in response.get_data(as_text=True)
    if status == 422:
        assert [e["pointer"] for e in body["errors"]] == pointers
        assert all(e["detail"] for e in body["errors"])
    else:
        assert "errors" not in body
    return body


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code", "pointers"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_error_shape(
    client: FlaskClient,
    method: str,
    path: str,
    kwargs: dict[str, Any],
    status: int,
    code: str,
    pointers: list[str],
) -> None:
    response = getattr(client, method)(path, **kwargs)
    assert_problem(response, status, code, pointers)


def test_wrong_method_lists_allowed_methods(client: FlaskClient) -> None:
    response = client.delete("/v1/analyze/batch")
    assert_problem(response, 405, "method-not-allowed", [])
    assert "POST" in response.headers["Allow"]


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no-key"),
        pytest.param({"Authorization": "Bearer nope"}, id="wrong-bearer"),
        pytest.param({"X-API-Key": "key-three"}, id="wrong-header-key"),
        pytest.param({"Authorization": "Basic a2V5LW9uZQ=="}, id="basic-is-not-bearer"),
    ],
)
def test_missing_or_wrong_api_key(
    client: FlaskClient, api_keys: tuple[str, ...], headers: dict[str, str]
) -> None:
    response = client.post("/v1/analyze", json={"text": "a"}, headers=headers)
    assert_problem(response, 401, "unauthorized", [])
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


class FailingScorer(Scorer):
    """The session's loaded scorer, except that analysing raises ``error``."""

    def __init__(self, loaded: Scorer, error: Exception) -> None:
        super().__init__(loaded.resources, loaded.references, loaded.cache)
        self.error = error

    def analyze(self, *_: Any, **__: Any) -> Scored:
        raise self.error


def failing_client(app: Flask, error: Exception) -> FlaskClient:
    """A client of an app built around a scorer that fails with ``error``."""
    return create_app(
        {"TESTING": True}, scorer=FailingScorer(app.extensions["newsmetrics"], error)
    ).test_client()


def test_unexpected_exception_is_a_500_problem_without_details(app: Flask) -> None:
    client = failing_client(app, RuntimeError("secret internal state"))
    response = client.post("/v1/analyze", json={"text": "A sentence about Lopez."})
    body = assert_problem(response, 500, "internal-error", [])
    assert "secret" not in body["detail"]


def test_not_ready_is_a_503_problem(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.extensions, "newsmetrics", None)
    assert_problem(client.get("/readyz"), 503, "not-ready", [])


def test_batch_item_problems_have_the_same_shape(client: FlaskClient) -> None:
    items = [{"text": "The minister spoke."}, {"text": " "}, {"html": "<br>"}, {"txt": "a"}]
    response = client.post("/v1/analyze/batch", json={"items": items})
    assert response.status_code == 200
    body = response.get_json()
    assert [item["status"] for item in body["items"]] == [200, 422, 422, 422]
    assert body["failed"] == 3
    problems = [item["problem"] for item in body["items"][1:]]
    assert [p["code"] for p in problems] == ["validation-failed", "empty-text", "validation-failed"]
    assert [[e["pointer"] for e in p["errors"]] for p in problems] == [
        ["/items/1/text"],
        ["/items/2/html"],
        ["/items/3/txt", "/items/3/text"],
    ]
    assert all(p["type"].startswith(TYPE_PREFIX) and p["request_id"] for p in problems)


def test_a_library_actor_error_is_a_422(app: Flask) -> None:
    error = InvalidActorError("a requested actor needs a name with a letter; got '{'")
    client = failing_client(app, error)
    response = client.post("/v1/analyze", json={"text": "A sentence about Lopez."})
    assert response.status_code == 422
    assert response.get_json()["code"] == "invalid-actor"


@pytest.mark.parametrize(
    ("error", "status"),
    [
        pytest.param(PipelineError("model package missing"), 503, id="pipeline-unavailable"),
        pytest.param(NotFittedError("reference not fitted"), 503, id="reference-not-fitted"),
        pytest.param(ReferenceSetError("bad reference"), 500, id="invalid-reference"),
    ],
)
def test_server_side_library_errors_are_problems_without_their_message(
    app: Flask, error: ScoringError, status: int
) -> None:
    response = failing_client(app, error).post(
        "/v1/analyze", json={"text": "A sentence about Lopez."}
    )
    body = assert_problem(response, status, error.code, [])
    assert str(error) not in body["detail"]
