"""Hostile and oversized inputs at the HTTP edge: each answered with a typed problem, never a 500.

One row per attack (issue 11); the problem shape itself is checked by ``assert_problem`` from
test_error_shape.py. Chunked bodies are sent as a WSGI server that de-chunks them presents them:
no Content-Length, ``wsgi.input_terminated`` set (gunicorn does both; test_server.py sends a real
chunked body to a real gunicorn).
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.budget import TimeBudget
from service.cache import ReportCache
from service.deploy import set_draining
from service.scorer import Scorer
from tests.service.conftest import ARTICLE
from tests.service.test_error_shape import TWO_MIB, assert_problem

DEPTH = 10_000  # far past Python's recursion limit (1,000)


def nested(depth: int, open_: str = "[", close: str = "]", inner: str = "1") -> str:
    return open_ * depth + inner + close * depth


def chunked(body: bytes) -> dict[str, Any]:
    """Request arguments for a body sent with Transfer-Encoding: chunked (no Content-Length)."""
    return {
        "input_stream": io.BytesIO(body),
        "headers": {"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        "environ_overrides": {"wsgi.input_terminated": True},
    }


def raw(body: str) -> dict[str, Any]:
    return {"data": body, "content_type": "application/json"}


SURROGATE = '"a\\udc00b"'
DEEP_OBJECTS = nested(DEPTH, '{"a":', "}")

# (id, path, request keyword arguments, status, code, pointers)
HOSTILE: list[tuple[str, str, dict[str, Any], int, str, list[str]]] = [
    # JSON nested beyond the recursion limit, in every kind of place: 400, not a 500.
    ("deep-array-body", "/v1/analyze", raw(nested(DEPTH)), 400, "malformed-json", []),
    ("deep-in-text", "/v1/analyze", raw(f'{{"text": {nested(DEPTH)}}}'), 400, "malformed-json", []),
    (
        "deep-in-actors",
        "/v1/analyze",
        raw(f'{{"text": "a", "actors": {nested(DEPTH)}}}'),
        400,
        "malformed-json",
        [],
    ),
    (
        "deep-objects-in-options",
        "/v1/analyze",
        raw(f'{{"text": "a", "options": {DEEP_OBJECTS}}}'),
        400,
        "malformed-json",
        [],
    ),
    (
        "deep-in-unknown-field",
        "/v1/analyze",
        raw(f'{{"text": "a", "x": {nested(DEPTH)}}}'),
        400,
        "malformed-json",
        [],
    ),
    (
        "deep-in-batch-item",
        "/v1/analyze/batch",
        raw(f'{{"items": [{{"text": "a", "id": {nested(DEPTH)}}}]}}'),
        400,
        "malformed-json",
        [],
    ),
    # Nested just below the limit: read, then refused by the schema.
    (
        "shallow-nesting",
        "/v1/analyze",
        raw(f'{{"text": {nested(900)}}}'),
        422,
        "validation-failed",
        ["/text"],
    ),
    # A chunked body over the limit is refused, never cut at 2 MiB and analysed.
    (
        "chunked-over-limit",
        "/v1/analyze",
        chunked(b'{"text": "' + b"a " * (TWO_MIB // 2 + 10) + b'"}'),
        413,
        "body-too-large",
        [],
    ),
    (
        "chunked-batch-over-limit",
        "/v1/analyze/batch",
        chunked(b'{"items": [' + b'{"text": "a"},' * (TWO_MIB // 14 + 10) + b'{"text": "a"}]}'),
        413,
        "body-too-large",
        [],
    ),
    # Unpaired surrogates in the members that are only echoed back.
    (
        "surrogate-title",
        "/v1/analyze",
        raw(f'{{"text": "a b", "title": {SURROGATE}}}'),
        422,
        "validation-failed",
        ["/title"],
    ),
    (
        "surrogate-id",
        "/v1/analyze",
        raw(f'{{"text": "a b", "id": {SURROGATE}}}'),
        422,
        "validation-failed",
        ["/id"],
    ),
    (
        "surrogate-url",
        "/v1/analyze",
        raw(f'{{"text": "a b", "url": {SURROGATE}}}'),
        422,
        "validation-failed",
        ["/url"],
    ),
    (
        "surrogate-html",
        "/v1/analyze",
        raw(f'{{"html": {SURROGATE}}}'),
        422,
        "validation-failed",
        ["/html"],
    ),
    (
        "surrogate-actor-alias",
        "/v1/analyze",
        raw(f'{{"text": "a b", "actors": [{{"name": "Bo", "aliases": [{SURROGATE}]}}]}}'),
        422,
        "validation-failed",
        ["/actors/0/aliases/0"],
    ),
    (
        "surrogate-batch-id",
        "/v1/analyze/batch",
        raw(f'{{"items": [{{"text": "a b", "id": {SURROGATE}}}]}}'),
        200,
        "",
        [],
    ),
]


@pytest.mark.parametrize(
    ("path", "kwargs", "status", "code", "pointers"),
    [pytest.param(*case[1:], id=case[0]) for case in HOSTILE],
)
def test_hostile_input_is_a_typed_problem(
    client: FlaskClient,
    path: str,
    kwargs: dict[str, Any],
    status: int,
    code: str,
    pointers: list[str],
) -> None:
    response = client.post(path, **kwargs)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    if status == 200:  # a batch: the item carries the problem
        item = response.get_json()["items"][0]
        assert item["status"] == 422 and item["problem"]["errors"][0]["pointer"] == "/items/0/id"
        return
    assert_problem(response, status, code, pointers)


def test_a_chunked_body_under_the_limit_is_read_whole(client: FlaskClient) -> None:
    body = json.dumps({"text": ARTICLE, "options": {"evidence": False}}).encode()
    response = client.post("/v1/analyze", **chunked(body))
    assert response.status_code == 200
    assert response.get_json()["text"] == ARTICLE


@pytest.mark.parametrize(
    "path", ["/healthz", "/readyz", "/v1/info", "/openapi.yaml", "/", "/static/app.js", "/nowhere"]
)
def test_every_response_says_nosniff(client: FlaskClient, path: str) -> None:
    assert client.get(path).headers["X-Content-Type-Options"] == "nosniff"


def budget_client(
    app: Flask, seconds: float, chars_per_second: float, overhead_s: float = 0.1
) -> FlaskClient:
    """A client whose scorer has the given time budget and no cache (every article estimated)."""
    loaded: Scorer = app.extensions["newsmetrics"]
    budget = TimeBudget(seconds, chars_per_second, overhead_s=overhead_s)
    scorer = Scorer(loaded.resources, loaded.references, ReportCache(0), budget)
    return create_app({"TESTING": True}, scorer=scorer).test_client()


def test_an_article_that_can_never_fit_the_budget_is_a_422_before_any_work(app: Flask) -> None:
    # 1 s at 100 chars/s: ARTICLE (about 280 characters) is estimated at 2.9 s.
    response = budget_client(app, 1.0, 100.0).post("/v1/analyze", json={"text": ARTICLE})
    body = assert_problem(response, 422, "over-time-budget", ["/text"])
    assert "refuses articles over 90 characters" in body["detail"]


def test_batch_items_past_the_budget_are_503_items_and_the_rest_are_scored(app: Flask) -> None:
    # 7 s at 100 chars/s: two copies of ARTICLE fit (2.9 s each), the third does not; a short
    # fourth item still fits what is left.
    items = [
        {"text": ARTICLE},
        {"text": ARTICLE + " "},
        {"text": ARTICLE + "  "},
        {"text": "Bo spoke."},
    ]
    response = budget_client(app, 7.0, 100.0).post("/v1/analyze/batch", json={"items": items})
    assert response.status_code == 200
    body = response.get_json()
    assert [item["status"] for item in body["items"]] == [200, 200, 503, 200]
    problem = body["items"][2]["problem"]
    assert problem["code"] == "over-time-budget" and problem["status"] == 503
    assert "send this article again on its own" in problem["detail"]


def test_an_analysis_that_overruns_its_deadline_is_stopped_with_a_503(app: Flask) -> None:
    # The estimate admits the article (a billion chars/s), but the budget is one microsecond: the
    # analysis finds its deadline passed at its first check and stops; the worker goes on.
    client = budget_client(app, 1e-6, 1e9, 0.0)
    response = client.post("/v1/analyze", json={"text": ARTICLE})
    body = assert_problem(response, 503, "over-time-budget", ["/text"])
    assert "did not finish within its time budget" in body["detail"]
    assert response.headers["Retry-After"] == "30"
    assert client.post("/v1/analyze", json={"text": "Bo spoke."}).status_code == 503
    assert (
        budget_client(app, 60.0, 1e9).post("/v1/analyze", json={"text": ARTICLE}).status_code == 200
    )


def test_batch_items_past_the_deadline_are_503_items(app: Flask) -> None:
    items = [{"text": ARTICLE}, {"title": "x"}, {"text": "Bo spoke."}]
    response = budget_client(app, 1e-6, 1e9, 0.0).post("/v1/analyze/batch", json={"items": items})
    assert response.status_code == 200
    statuses = [(i["status"], i["problem"]["code"]) for i in response.get_json()["items"]]
    assert statuses == [
        (503, "over-time-budget"),
        (422, "validation-failed"),
        (503, "over-time-budget"),
    ]


def test_a_cached_article_costs_nothing_against_the_budget(app: Flask) -> None:
    loaded: Scorer = app.extensions["newsmetrics"]
    scorer = Scorer(
        loaded.resources, loaded.references, ReportCache(4), TimeBudget(3.0, 100.0, 0.1)
    )
    client = create_app({"TESTING": True}, scorer=scorer).test_client()
    items = [{"text": ARTICLE}, {"text": ARTICLE}]
    assert client.post("/v1/analyze", json=items[0]).status_code == 200
    statuses = [
        i["status"]
        for i in client.post("/v1/analyze/batch", json={"items": items}).get_json()["items"]
    ]
    assert statuses == [200, 200]


def test_readyz_turns_503_while_draining(client: FlaskClient) -> None:
    set_draining(True)
    try:
        body = assert_problem(client.get("/readyz"), 503, "not-ready", [])
        assert "serving" in body["detail"]
        assert client.post("/v1/analyze", json={"text": ARTICLE}).status_code == 200  # still served
    finally:
        set_draining(False)
    assert client.get("/readyz").status_code == 200


def test_info_gives_the_time_budget_and_the_longest_article_it_allows(app: Flask) -> None:
    limits = budget_client(app, 10.0, 1000.0, 0.0).get("/v1/info").get_json()["limits"]
    assert (limits["time_budget_s"], limits["max_analysed_chars"]) == (10.0, 10_000)
    roomy = budget_client(app, 1e6, 1000.0, 0.0).get("/v1/info").get_json()["limits"]
    assert roomy["max_analysed_chars"] == roomy["max_text_chars"]  # never above the text limit
