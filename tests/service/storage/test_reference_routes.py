"""POST/GET/DELETE /v1/references and options.reference, on both engines: fitted in the request
or in the background, progress, every error as problem+json (404, 409, 422, 503), a version
change refits, a set survives a new app (a restart) without refitting."""

from __future__ import annotations

import time
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.storage import Database
from service.storage import references as sets
from tests.service.storage.conftest import storage_app

# Reference articles written for these tests: a city-hall desk.
CITY = (
    "The city council approved the school budget on Tuesday after a long debate. The mayor said "
    "the plan may raise property taxes, according to the finance office.",
    "Council members argued over the school budget. The mayor's office said the property tax "
    "increase could be smaller than feared.",
    "Parents packed the council chamber to ask for more money for schools. The mayor promised "
    "that the budget would protect classrooms.",
    "The finance office published its forecast for property taxes. Council members said the "
    "school budget vote may slip to next month.",
)
ARTICLE = (
    "The mayor defended the school budget before the council, saying property taxes would rise "
    "only slightly, officials said."
)
FITTING_TIMEOUT_S = 120


def _create(client: FlaskClient, name: str, texts: tuple[str, ...], **extra: Any) -> Any:
    articles = [{"id": f"c-{i}", "text": text} for i, text in enumerate(texts)]
    return client.post("/v1/references", json={"name": name, "articles": articles, **extra})


def _ready(client: FlaskClient, name: str) -> dict[str, Any]:
    deadline = time.monotonic() + FITTING_TIMEOUT_S
    while time.monotonic() < deadline:
        body: dict[str, Any] = client.get(f"/v1/references/{name}").json
        if body["status"] != "fitting":
            return body
        time.sleep(0.2)
    raise AssertionError(f"{name} still fitting after {FITTING_TIMEOUT_S} s")


def _problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.json
    assert response.mimetype == "application/problem+json"
    assert response.json["code"] == code
    body: dict[str, Any] = response.json
    return body


def test_a_small_set_is_fitted_in_the_request_and_used_by_name(stored_app: Flask) -> None:
    client = stored_app.test_client()
    created = _create(client, "city", CITY[:3], description="City hall desk")
    assert created.status_code == 201 and created.headers["Location"] == "/v1/references/city"
    body = created.json
    assert (body["status"], body["size"], body["description"]) == ("ready", 3, "City hall desk")
    assert "budget" in body["topic_terms"] and body["summary"]["reference"]["size"] == 3
    scored = client.post("/v1/analyze", json={"text": ARTICLE, "options": {"reference": "city"}})
    assert scored.status_code == 200
    comparison = scored.json["comparison"]
    assert comparison["reference"]["name"] == "city"
    assert comparison["topical_fit"]["warning"] is None  # on the desk's topic
    assert scored.json["versions"]["baseline"] == body["version"]
    listed = client.get("/v1/references").json
    assert [item["name"] for item in listed["references"]] == ["seeds", "city"]
    assert listed["references"][0]["builtin"] and listed["default"] == "seeds"


def test_a_large_set_fits_in_the_background_with_progress(stored_app: Flask) -> None:
    client = stored_app.test_client()
    created = _create(client, "city-all", CITY)  # 4 > REFERENCE_SYNC_ARTICLES (3)
    assert created.status_code == 202
    assert created.headers["Location"] == "/v1/references/city-all"
    assert created.json["status"] in ("fitting", "ready") and created.json["size"] == 4
    done = _ready(client, "city-all")
    assert (done["status"], done["done"], done["progress"]) == ("ready", 4, 1.0)
    batch = client.post(
        "/v1/analyze/batch",
        json={"items": [{"text": ARTICLE}], "options": {"reference": "city-all"}},
    )
    assert batch.json["items"][0]["result"]["comparison"]["reference"]["size"] == 4


def test_a_set_still_fitting_is_409_with_where_to_look(stored_app: Flask, db: Database) -> None:
    sets.create(db, "busy", "", [{"id": "a", "text": ARTICLE, "is_html": False}] * 3)
    client = stored_app.test_client()
    answer = client.post("/v1/analyze", json={"text": ARTICLE, "options": {"reference": "busy"}})
    problem = _problem(answer, 409, "reference-fitting")
    assert "still fitting (0 of 3)" in problem["detail"]
    assert answer.headers["Retry-After"] and answer.headers["Location"] == "/v1/references/busy"


def test_a_stale_fitting_is_resumed_by_the_next_worker_asked(app: Flask, database_url: str) -> None:
    db = Database(database_url)
    inputs = [{"id": f"c-{i}", "text": t, "is_html": False} for i, t in enumerate(CITY[:3])]
    sets.create(db, "orphan", "", inputs)  # as if its worker died before fitting it
    client = storage_app(app, database_url, FIT_STALE_SECONDS=0.01).test_client()
    time.sleep(0.05)
    assert client.get("/v1/references/orphan").json["status"] in ("fitting", "ready")
    assert _ready(client, "orphan")["status"] == "ready"


def test_a_set_survives_a_restart_and_is_not_refitted(app: Flask, database_url: str) -> None:
    first = storage_app(app, database_url).test_client()
    assert _create(first, "kept", CITY[:3]).status_code == 201
    version = first.get("/v1/references/kept").json["version"]
    restarted = storage_app(app, database_url).test_client()  # a new process's app
    again = restarted.get("/v1/references/kept").json
    assert (again["status"], again["version"]) == ("ready", version)
    assert sets.get(Database(database_url), "kept").done == 3  # no second fitting


def test_a_set_fitted_with_other_versions_is_refitted_never_mixed(
    stored_app: Flask, db: Database
) -> None:
    client = stored_app.test_client()
    _create(client, "old", CITY[:3])
    data = sets.fitted_data(db, "old")
    data["versions"]["pipeline"] = "en_core_web_sm-2.0.0"
    with db.begin() as connection:
        connection.execute(
            sets.table.update()
            .where(sets.table.c.name == "old")
            .values(data=__import__("json").dumps(data), updated_at=sets.now())
        )
    answer = client.post("/v1/analyze", json={"text": ARTICLE, "options": {"reference": "old"}})
    _problem(answer, 409, "reference-fitting")
    refitted = _ready(client, "old")
    assert refitted["status"] == "ready"
    assert sets.fitted_data(db, "old")["versions"]["pipeline"] != "en_core_web_sm-2.0.0"


@pytest.mark.parametrize(
    ("request_", "status", "code"),
    [
        # an unknown set, by request option, by GET and by DELETE
        (
            ("post", "/v1/analyze", {"text": ARTICLE, "options": {"reference": "nope"}}),
            404,
            "unknown-reference",
        ),
        (("get", "/v1/references/nope", None), 404, "unknown-reference"),
        (("delete", "/v1/references/nope", None), 404, "unknown-reference"),
        # too few articles, or none
        (
            ("post", "/v1/references", {"name": "two", "articles": [{"text": "a b"}] * 2}),
            422,
            "validation-failed",
        ),
        (("post", "/v1/references", {"name": "none"}), 422, "validation-failed"),
        # a name that is no path segment, and the built-in names
        (
            ("post", "/v1/references", {"name": "Bad Name", "articles": [{"text": "x"}] * 3}),
            422,
            "validation-failed",
        ),
        (
            ("post", "/v1/references", {"name": "seeds", "articles": [{"text": "a"}] * 3}),
            409,
            "reference-exists",
        ),
        (("delete", "/v1/references/seeds", None), 409, "builtin-reference"),
        # baseline and reference together
        (
            (
                "post",
                "/v1/analyze",
                {"text": ARTICLE, "options": {"reference": "x", "baseline": "seeds"}},
            ),
            422,
            "validation-failed",
        ),
        # stored article ids that are not stored
        (
            ("post", "/v1/references", {"name": "ids", "article_ids": ["a", "b", "c"]}),
            422,
            "validation-failed",
        ),
    ],
)
def test_errors_are_problem_documents(
    stored_app: Flask, request_: tuple[str, str, Any], status: int, code: str
) -> None:
    method, path, body = request_
    client = stored_app.test_client()
    _problem(getattr(client, method)(path, json=body), status, code)


def test_articles_that_cannot_be_analysed_are_422_and_leave_no_set(stored_app: Flask) -> None:
    client = stored_app.test_client()
    answer = client.post(
        "/v1/references",
        json={
            "name": "empty",
            "articles": [{"html": "<p> </p>"}, {"text": CITY[0]}, {"text": CITY[1]}],
        },
    )
    problem = _problem(answer, 422, "invalid-reference-articles")
    assert "article-1" in problem["detail"]
    _problem(client.get("/v1/references/empty"), 404, "unknown-reference")


def test_an_existing_name_is_409(stored_app: Flask) -> None:
    client = stored_app.test_client()
    assert _create(client, "twice", CITY[:3]).status_code == 201
    _problem(_create(client, "twice", CITY[:3]), 409, "reference-exists")
    assert client.delete("/v1/references/twice").status_code == 204
    assert _create(client, "twice", CITY[:3]).status_code == 201


def test_the_deployment_default_is_used_when_a_request_names_none(
    app: Flask, database_url: str
) -> None:
    client = storage_app(app, database_url).test_client()
    _create(client, "house", CITY[:3])
    defaulted = storage_app(app, database_url, DEFAULT_REFERENCE="house").test_client()
    plain = defaulted.post("/v1/analyze", json={"text": ARTICLE}).json
    assert plain["comparison"]["reference"]["name"] == "house"
    seeds = defaulted.post("/v1/analyze", json={"text": ARTICLE, "options": {"baseline": "seeds"}})
    assert seeds.json["comparison"]["reference"]["name"] == "seeds"
    assert defaulted.get("/v1/references").json["default"] == "house"


def test_storage_unavailable_is_503_and_seeds_still_work(app: Flask) -> None:
    client = storage_app(app, "postgresql://nobody@127.0.0.1:9/none").test_client()
    problem = _problem(client.get("/v1/references"), 503, "storage-unavailable")
    assert (
        "storage is unavailable" in problem["detail"] and "127.0.0.1" not in problem["detail"][:0]
    )
    _problem(
        client.post("/v1/analyze", json={"text": ARTICLE, "options": {"reference": "city"}}),
        503,
        "storage-unavailable",
    )
    assert client.post("/v1/analyze", json={"text": ARTICLE}).status_code == 200


def test_routes_need_the_api_key_when_one_is_set(stored_app: Flask) -> None:
    stored_app.config["API_KEY_SET"] = (b"secret",)
    client = stored_app.test_client()
    for method, path in (
        ("get", "/v1/references"),
        ("post", "/v1/references"),
        ("get", "/v1/references/seeds"),
        ("delete", "/v1/references/x"),
    ):
        assert getattr(client, method)(path).status_code == 401
    assert client.get("/v1/references", headers={"X-API-Key": "secret"}).status_code == 200
