"""PUT/GET/DELETE /v1/articles/{id}, one revision, the diff, on both engines; what is stored
without text by default and with it when asked; stored articles as a reference set."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from service.storage import Database
from service.storage import articles as stored
from tests.service.storage.conftest import storage_app

# Two drafts of one story, written for these tests: the second hedges more, quotes a new
# speaker, drops the first quote and turns on the minister.
DRAFT_1 = (
    'Minister Ana Ruiz said the port deal "will bring thousands of jobs". The harbour board '
    "approved the contract on Monday, according to its chair."
)
DRAFT_2 = (
    "Minister Ana Ruiz may have misled parliament about the port deal, which critics called a "
    'disgraceful giveaway. "We were never shown the figures," said Tom Baker, a councillor. The '
    "harbour board reportedly approved the contract on Monday."
)


def _put(client: Any, article_id: str, text: str, **options: Any) -> Any:
    body: dict[str, Any] = {"text": text}
    if options:
        body["options"] = options
    return client.put(f"/v1/articles/{article_id}", json=body)


def test_a_draft_is_a_revision_and_the_same_draft_is_answered_from_storage(
    stored_app: Flask, db: Database
) -> None:
    client = stored_app.test_client()
    first = _put(client, "port-deal", DRAFT_1)
    assert first.status_code == 201 and first.json["unchanged"] is False
    assert first.headers["Location"] == "/v1/articles/port-deal/revisions/1"
    again = _put(client, "port-deal", DRAFT_1)
    assert again.status_code == 200 and again.json["unchanged"] is True
    assert again.json["revision"] == first.json["revision"]
    assert again.json["report"] == first.json["report"]
    assert _put(client, "port-deal", DRAFT_2).json["revision"]["number"] == 2
    assert stored.counts(db) == (1, 2)


def test_a_stored_revision_is_not_also_kept_in_the_report_cache(stored_app: Flask) -> None:
    """Storage answers a repeated draft, so the cache would only hold a second copy: PUT keeps
    nothing there, while the same text through POST /v1/analyze is cached."""
    cache = stored_app.extensions["newsmetrics"].cache
    client = stored_app.test_client()
    assert _put(client, "cache-check", DRAFT_1).status_code == 201
    assert len(cache) == 0
    assert client.post("/v1/analyze", json={"text": DRAFT_1}).status_code == 200
    assert len(cache) == 1


def test_the_article_its_revisions_and_one_revision(stored_app: Flask) -> None:
    client = stored_app.test_client()
    _put(client, "story", DRAFT_1)
    second = _put(client, "story", DRAFT_2).json
    article = client.get("/v1/articles/story").json
    assert [r["number"] for r in article["revisions"]] == [1, 2]
    assert article["latest"]["text_sha256"] == second["report"]["text_sha256"]
    assert article["revisions"][0]["href"] == "/v1/articles/story/revisions/1"
    one = client.get("/v1/articles/story/revisions/1").json
    assert one["revision"]["number"] == 1 and one["report"]["words"] > 0


def test_the_diff_says_what_moved(stored_app: Flask) -> None:
    client = stored_app.test_client()
    _put(client, "moved", DRAFT_1)
    _put(client, "moved", DRAFT_2)
    diff = client.get("/v1/articles/moved/diff?from=1&to=2").json
    assert diff["text_changed"] is True
    figures = {item["id"]: item for item in diff["figures"]}
    assert figures["hedging_density"]["after"] > figures["hedging_density"]["before"]
    assert figures["hedging_density"]["change"] > 0
    actors = {item["name"]: item for item in diff["actors"]}
    assert any("Baker" in name and actors[name]["status"] == "new" for name in actors)
    assert any("thousands of jobs" in q["content"] for q in diff["quotes_dropped"])
    added = [q for q in diff["quotes_added"] if "never shown the figures" in q["content"]]
    assert added and added[0]["kind"] == "direct" and "Baker" in added[0]["source"]
    same = client.get("/v1/articles/moved/diff?from=2&to=2").json
    assert (same["text_changed"], same["figures"], same["actors"]) == (False, [], [])


def test_text_is_not_stored_by_default_and_is_when_asked(app: Flask, database_url: str) -> None:
    private = storage_app(app, database_url).test_client()
    report = _put(private, "draft", DRAFT_1).json["report"]
    assert "text" not in report and report["text_sha256"]
    assert stored.get(Database(database_url), "draft", 1).text is None
    keeping = storage_app(app, database_url, STORE_TEXT=True).test_client()
    kept = _put(keeping, "kept", DRAFT_1).json["report"]
    assert kept["text"] == DRAFT_1
    assert stored.get(Database(database_url), "kept", 1).text == DRAFT_1


def test_stored_articles_with_text_make_a_reference_set(app: Flask, database_url: str) -> None:
    client = storage_app(app, database_url, STORE_TEXT=True).test_client()
    for number, text in enumerate((DRAFT_1, DRAFT_2, DRAFT_1 + " The vote is on Friday.")):
        _put(client, f"port-{number}", text)
    created = client.post(
        "/v1/references", json={"name": "port", "article_ids": ["port-0", "port-1", "port-2"]}
    )
    assert created.status_code == 201, created.json
    assert created.json["summary"]["reference"]["ids"] == ["port-0", "port-1", "port-2"]


def test_articles_stored_without_text_cannot_make_a_reference_set(stored_app: Flask) -> None:
    client = stored_app.test_client()
    for number in range(3):
        _put(client, f"hidden-{number}", DRAFT_1 + " " * number + f" Update {number}.")
    answer = client.post(
        "/v1/references", json={"name": "hidden", "article_ids": ["hidden-0", "hidden-1", "x"]}
    )
    assert answer.status_code == 422
    pointers = {e["pointer"]: e["detail"] for e in answer.json["errors"]}
    assert "without its text" in pointers["/article_ids/0"]
    assert "no article 'x'" in pointers["/article_ids/2"]


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code"),
    [
        ("get", "/v1/articles/none", None, 404, "unknown-article"),
        ("delete", "/v1/articles/none", None, 404, "unknown-article"),
        ("get", "/v1/articles/kept/revisions/9", None, 404, "unknown-revision"),
        ("get", "/v1/articles/kept/revisions/0", None, 404, "unknown-revision"),
        ("get", "/v1/articles/kept/diff?from=1&to=9", None, 404, "unknown-revision"),
        ("get", "/v1/articles/kept/diff?from=one&to=1", None, 422, "validation-failed"),
        ("get", "/v1/articles/kept/diff?to=1", None, 422, "validation-failed"),
        ("put", "/v1/articles/kept", {"text": DRAFT_1, "id": "other"}, 422, "validation-failed"),
        ("put", "/v1/articles/kept", {"text": "   "}, 422, "validation-failed"),
        ("put", "/v1/articles/kept", {"html": "<p></p>"}, 422, "empty-text"),
        (
            "put",
            "/v1/articles/kept",
            {"text": DRAFT_1, "options": {"reference": "nope"}},
            404,
            "unknown-reference",
        ),
    ],
)
def test_errors_are_problem_documents(
    stored_app: Flask, method: str, path: str, body: Any, status: int, code: str
) -> None:
    client = stored_app.test_client()
    _put(client, "kept", DRAFT_1)
    answer = getattr(client, method)(path, json=body)
    assert answer.status_code == status, answer.json
    assert answer.mimetype == "application/problem+json" and answer.json["code"] == code


def test_delete_forgets_every_revision(stored_app: Flask, db: Database) -> None:
    client = stored_app.test_client()
    _put(client, "gone", DRAFT_1)
    _put(client, "gone", DRAFT_2)
    assert client.delete("/v1/articles/gone").status_code == 204
    assert client.get("/v1/articles/gone").status_code == 404
    assert stored.counts(db) == (0, 0)


def test_any_id_is_percent_encoded_in_locations_and_links(stored_app: Flask) -> None:
    client = stored_app.test_client()
    answer = client.put("/v1/articles/E%7C%0D%C2%B8", json={"text": DRAFT_1})  # "E|\r¸"
    assert answer.status_code == 201, answer.json
    assert answer.headers["Location"] == "/v1/articles/E%7C%0D%C2%B8/revisions/1"
    assert answer.json["revision"]["href"] == answer.headers["Location"]
    assert client.get(answer.headers["Location"]).status_code == 200
