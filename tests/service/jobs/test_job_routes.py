"""POST /v1/jobs, GET /v1/jobs/{id} and its results, on both engines: 202 with Location,
progress, pages of results, and every error as problem+json (unknown job 404, invalid articles
422 with pointers, refused callbacks 422, bodies over the jobs' own limit 413, storage 503)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask

from service.storage import Database
from service.storage import jobs as rows
from tests.service.conftest import ARTICLE
from tests.service.jobs.conftest import CALLBACK_SETTINGS
from tests.service.storage.conftest import storage_app

CALLBACK = "http://localhost:8999/hooks"


def post(app: Flask, body: Any) -> Any:
    return app.test_client().post("/v1/jobs", json=body)


def test_a_job_is_accepted_with_202_and_its_location(job_app: Flask) -> None:
    response = post(
        job_app,
        {
            "articles": [{"text": ARTICLE, "id": "a"}, {"html": "<p>Hi</p>"}],
            "callback_url": CALLBACK,
        },
    )
    assert response.status_code == 202
    job = response.json
    assert response.headers["Location"] == job["href"] == f"/v1/jobs/{job['id']}"
    assert (job["status"], job["total"], job["done"], job["progress"]) == ("queued", 2, 0, 0.0)
    assert job["callback"] == {"url": CALLBACK, "pending": 0, "delivered": 0, "failed": 0}
    again = job_app.test_client().get(job["href"])
    assert again.status_code == 200 and again.json["id"] == job["id"]
    results = job_app.test_client().get(job["results_href"])
    assert results.status_code == 200
    assert results.json == {"job_id": job["id"], "items": [], "next": None}


def test_results_come_in_pages_by_position(job_app: Flask) -> None:
    response = post(
        job_app, {"articles": [{"text": f"Item {n} said the mayor."} for n in range(5)]}
    )
    job_id = response.json["id"]
    db: Database = job_app.extensions["newsmetrics"].named.db
    claimed = rows.claim(db, "tester", timedelta(seconds=30))
    assert claimed is not None and claimed.id == job_id
    for position in range(5):
        assert rows.record_item(
            db,
            job_id,
            "tester",
            timedelta(seconds=30),
            position,
            200,
            {"result": {"n": position}},
            None,
        )
    client = job_app.test_client()
    first = client.get(f"/v1/jobs/{job_id}/results?limit=2").json
    assert [item["index"] for item in first["items"]] == [0, 1]
    assert first["next"] == f"/v1/jobs/{job_id}/results?offset=2&limit=2"
    last = client.get(f"/v1/jobs/{job_id}/results?offset=4&limit=2").json
    assert [item["index"] for item in last["items"]] == [4] and last["next"] is None
    assert client.get(f"/v1/jobs/{job_id}").json["progress"] == 1.0


def test_an_unknown_job_is_a_404_problem(job_app: Flask) -> None:
    for path in ("/v1/jobs/job_missing", "/v1/jobs/job_missing/results"):
        response = job_app.test_client().get(path)
        assert response.status_code == 404
        assert response.mimetype == "application/problem+json"
        assert response.json["code"] == "unknown-job"


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "offset=-1", "offset=x"])
def test_bad_page_parameters_are_422(job_app: Flask, query: str) -> None:
    job_id = post(job_app, {"articles": [{"text": ARTICLE}]}).json["id"]
    response = job_app.test_client().get(f"/v1/jobs/{job_id}/results?{query}")
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({}, "/articles"),  # nothing to do
        ({"articles": []}, "/articles"),
        ({"articles": [{"text": ARTICLE}, {"title": "no text"}]}, "/articles/1/text"),
        ({"articles": [{"text": ARTICLE, "html": "<p>x</p>"}]}, "/articles/0/html"),
        ({"articles": [{"text": ARTICLE}], "extra": 1}, "/extra"),
        ({"articles": [{"text": ARTICLE}], "callback_url": ""}, "/callback_url"),
    ],
)
def test_invalid_jobs_are_422_with_a_pointer(job_app: Flask, body: Any, pointer: str) -> None:
    response = post(job_app, body)
    assert response.status_code == 422
    assert pointer in [error["pointer"] for error in response.json["errors"]]


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("http://127.0.0.1:8999/hooks", "IP address"),
        ("http://[::1]:8999/hooks", "IP address"),
        ("http://metadata.internal/hooks", "is not allowed"),
        ("http://localhost.evil.example/hooks", "is not allowed"),
        ("file:///etc/passwd", "must be https or http"),
    ],
)
def test_callbacks_to_hosts_off_the_allow_list_are_refused(
    job_app: Flask, url: str, detail: str
) -> None:
    response = post(job_app, {"articles": [{"text": ARTICLE}], "callback_url": url})
    assert response.status_code == 422
    assert response.json["code"] == "callback-refused"
    assert detail in response.json["detail"]
    assert response.json["errors"][0]["pointer"] == "/callback_url"


def test_by_default_no_callback_host_is_allowed(app: Flask, job_database: str) -> None:
    settings = {**CALLBACK_SETTINGS, "CALLBACK_HOSTS": ""}
    response = post(
        storage_app(app, job_database, **settings),
        {"articles": [{"text": ARTICLE}], "callback_url": CALLBACK},
    )
    assert response.status_code == 422
    assert "the list is empty" in response.json["detail"]


def test_without_a_signing_secret_callbacks_are_refused(app: Flask, job_database: str) -> None:
    settings = {**CALLBACK_SETTINGS, "WEBHOOK_SECRET": ""}
    response = post(
        storage_app(app, job_database, **settings),
        {"articles": [{"text": ARTICLE}], "callback_url": CALLBACK},
    )
    assert response.status_code == 422
    assert response.json["code"] == "callbacks-disabled"


def test_jobs_have_their_own_body_limit(app: Flask, job_database: str) -> None:
    big = {"articles": [{"text": ARTICLE}] * 40}  # about 12 KB
    small_limit = storage_app(app, job_database, **CALLBACK_SETTINGS, JOBS_MAX_BODY=4096)
    assert post(small_limit, big).status_code == 413
    # The same body is over the analyze routes' limit here, yet within the jobs' own.
    roomy = storage_app(app, job_database, **CALLBACK_SETTINGS, MAX_CONTENT_LENGTH=4096)
    assert post(roomy, big).status_code == 202
    few = storage_app(app, job_database, **CALLBACK_SETTINGS, JOBS_MAX_ARTICLES=3)
    assert post(few, big).status_code == 422


def test_a_reference_to_fit_is_checked_for_a_free_name(job_app: Flask) -> None:
    articles = [{"text": ARTICLE}] * 3
    builtin = post(job_app, {"reference": {"name": "seeds", "articles": articles}})
    assert builtin.status_code == 409
    queued = post(job_app, {"reference": {"name": "city-desk", "articles": articles}})
    assert queued.status_code == 202
    assert queued.json["reference"] == {"name": "city-desk", "href": "/v1/references/city-desk"}
    assert queued.json["total"] == 0


def test_the_jobs_need_the_api_key(job_app: Flask) -> None:
    job_app.config["API_KEY_SET"] = (b"key-one",)
    assert post(job_app, {"articles": [{"text": ARTICLE}]}).status_code == 401
    response = job_app.test_client().post(
        "/v1/jobs", json={"articles": [{"text": ARTICLE}]}, headers={"X-API-Key": "key-one"}
    )
    assert response.status_code == 202


def test_an_unreachable_database_is_a_503_problem(app: Flask) -> None:
    down = storage_app(app, "postgresql://nobody@127.0.0.1:9/none", **CALLBACK_SETTINGS)
    for response in (
        post(down, {"articles": [{"text": ARTICLE}]}),
        down.test_client().get("/v1/jobs/job_x"),
    ):
        assert response.status_code == 503
        assert response.json["code"] == "storage-unavailable"
