"""What a CMS relies on: the report's shape and options, the cache, API keys, request ids, logs."""

from __future__ import annotations

import hashlib
import json
import logging
import tomllib
from collections.abc import Iterator
from importlib.metadata import version
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

import scoring
import service
from scoring.reference.catalogue import METRIC_IDS
from scoring.text.input import MAX_TEXT_CHARS
from service.logs import JsonFormatter
from tests.service.conftest import ARTICLE, ROOT


def _spans(node: Any) -> Iterator[dict[str, Any]]:
    """Every span object anywhere in a response."""
    if isinstance(node, dict):
        if {"start", "end", "exact", "prefix", "suffix"} <= set(node):
            yield node
        for value in node.values():
            yield from _spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from _spans(value)


def test_analyze_returns_the_scored_report(client: FlaskClient) -> None:
    body = {"text": ARTICLE, "id": "a-1", "title": "Talks", "published_at": "2025-03-11T09:30:00Z"}
    report = client.post("/v1/analyze", json=body).get_json()
    assert report["article"] == {
        "id": "a-1",
        "title": "Talks",
        "url": None,
        "published_at": "2025-03-11T09:30:00Z",
    }
    assert report["text"] == ARTICLE and report["text_length"] == len(ARTICLE)
    assert report["text_sha256"] == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    assert set(report["versions"]) == {
        "service",
        "scoring",
        "pipeline",
        "lexicons",
        "sentiment_model",
        "baseline",
    }
    assert report["comparison"]["reference"]["name"] == "seeds"
    bands = [m["band"] for m in report["comparison"]["metrics"]]
    assert [m["id"] for m in report["comparison"]["metrics"]] == list(METRIC_IDS)
    assert set(bands) <= {"low", "typical", "high"}
    assert all(m["explanation"] for m in report["comparison"]["metrics"])
    assert report["hedging"]["cues"] and report["attribution"]["attributions"]
    spans = list(_spans(report))
    assert spans
    assert all(ARTICLE[s["start"] : s["end"]] == s["exact"] for s in spans)


def test_requested_actor_is_reported(client: FlaskClient) -> None:
    actors = [{"name": "Harbor Times", "aliases": ["the Times"], "type": "organisation"}]
    report = client.post("/v1/analyze", json={"text": ARTICLE, "actors": actors}).get_json()
    requested = [a for a in report["actors"] if a["requested"]]
    assert [a["name"] for a in requested] == ["Harbor Times"]


def test_html_is_converted_and_offsets_refer_to_the_returned_text(client: FlaskClient) -> None:
    html = "<article><h1>Talks</h1><p>Officials said the talks <b>may</b> resume.</p></article>"
    report = client.post("/v1/analyze", json={"html": html}).get_json()
    assert "<" not in report["text"] and "may" in report["text"]
    assert all(report["text"][s["start"] : s["end"]] == s["exact"] for s in _spans(report))


def test_utf16_offsets_count_astral_characters_twice(client: FlaskClient) -> None:
    text = "\U0001f4f0 Breaking: \U0001f600 officials said the minister may resign."
    options = {"offsets": "utf16"}
    report = client.post("/v1/analyze", json={"text": text, "options": options}).get_json()
    spans = list(_spans(report))
    assert spans and report["offsets"] == "utf16"
    for span in spans:
        utf16_start = len(text[: span["start"]].encode("utf-16-le")) // 2
        assert (span["start_utf16"], span["end_utf16"] - span["start_utf16"]) == (
            utf16_start,
            len(span["exact"].encode("utf-16-le")) // 2,
        )
    assert any(s["start_utf16"] != s["start"] for s in spans)


def test_code_point_offsets_have_no_utf16_members(client: FlaskClient) -> None:
    report = client.post("/v1/analyze", json={"text": ARTICLE}).get_json()
    assert all("start_utf16" not in span for span in _spans(report))


def test_evidence_and_text_can_be_left_out(client: FlaskClient) -> None:
    options = {"evidence": False, "include_text": False}
    report = client.post("/v1/analyze", json={"text": ARTICLE, "options": options}).get_json()
    assert "text" not in report and report["text_sha256"]
    assert list(_spans(report)) == []
    assert "cues" not in report["hedging"] and report["hedging"]["per_100_words"] > 0
    assert all("evidence" not in m for m in report["comparison"]["metrics"])


def test_baseline_none_skips_the_comparison(client: FlaskClient) -> None:
    options = {"baseline": "none"}
    report = client.post("/v1/analyze", json={"text": ARTICLE, "options": options}).get_json()
    assert report["comparison"] is None and report["versions"]["baseline"] is None


def test_identical_requests_are_served_from_the_cache(client: FlaskClient) -> None:
    body = {"text": ARTICLE + " Cache check.", "options": {"evidence": False}}
    first = client.post("/v1/analyze", json=body).get_json()
    second = client.post("/v1/analyze", json={**body, "options": {"offsets": "utf16"}}).get_json()
    other_actors = client.post("/v1/analyze", json={**body, "actors": [{"name": "Lopez"}]})
    assert (first["cached"], second["cached"], other_actors.get_json()["cached"]) == (
        False,
        True,
        False,
    )
    assert first["text_sha256"] == second["text_sha256"]
    assert first["request_id"] != second["request_id"]


def test_batch_scores_each_item_in_order(client: FlaskClient) -> None:
    items = [
        {"id": "one", "text": ARTICLE},
        {"id": "two", "html": "<p>The minister may resign.</p>"},
    ]
    body = client.post("/v1/analyze/batch", json={"items": items}).get_json()
    assert (body["count"], body["failed"]) == (2, 0)
    assert [i["result"]["article"]["id"] for i in body["items"]] == ["one", "two"]
    assert all("request_id" not in i["result"] for i in body["items"])
    single = client.post("/v1/analyze", json={"text": ARTICLE}).get_json()
    assert body["items"][0]["result"]["hedging"] == single["hedging"]


def test_reference_and_catalogue_routes(client: FlaskClient) -> None:
    baseline = client.get("/v1/baseline").get_json()
    assert baseline["reference"]["size"] == 5 and baseline["metrics"]
    catalogue = client.get("/v1/metrics").get_json()["metrics"]
    assert {entry["kind"] for entry in catalogue} == {"metric", "composite"}
    info = client.get("/v1/info").get_json()
    assert info["limits"]["max_text_chars"] == MAX_TEXT_CHARS
    assert info["versions"]["baseline"] == baseline["reference"]["version"]


def test_health_routes_and_contract(client: FlaskClient) -> None:
    assert client.get("/healthz").get_json()["status"] == "ok"
    assert client.get("/readyz").get_json()["checks"] == {
        "pipeline": True,
        "sentiment_model": True,
        "lexicons": True,
        "baseline": True,
        "openapi": True,
        "serving": True,
    }
    contract = client.get("/openapi.yaml")
    assert contract.mimetype == "application/yaml"
    assert contract.get_data(as_text=True).startswith("openapi: 3.1")


@pytest.mark.parametrize(
    "header",
    [
        pytest.param({"Authorization": "Bearer key-two"}, id="bearer"),
        pytest.param({"Authorization": "bearer key-one"}, id="bearer-any-case"),
        pytest.param({"X-API-Key": "key-one"}, id="x-api-key"),
    ],
)
def test_api_key_accepted(
    client: FlaskClient, api_keys: tuple[str, ...], header: dict[str, str]
) -> None:
    assert client.get("/v1/info", headers=header).status_code == 200


def test_health_and_page_never_need_a_key(client: FlaskClient, api_keys: tuple[str, ...]) -> None:
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/v1/info").status_code == 401


@pytest.mark.parametrize(
    ("sent", "echoed"),
    [
        pytest.param("cms-save-42", True, id="plain"),
        pytest.param("x" * 129, False, id="too-long"),
        pytest.param("a b", False, id="space"),
    ],
)
def test_request_id_is_echoed_when_plain(client: FlaskClient, sent: str, echoed: bool) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": sent})
    assert (response.headers["X-Request-ID"] == sent) is echoed
    assert response.headers["X-Request-ID"]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(JsonFormatter().format(record))


def test_logs_are_json_lines_with_the_request_id_and_never_the_text(client: FlaskClient) -> None:
    collect = _Collect()
    logging.getLogger("service").addHandler(collect)
    try:
        client.post("/v1/analyze", json={"text": ARTICLE}, headers={"X-Request-ID": "log-check"})
        client.post("/v1/analyze", json={"text": " ", "title": "secret title"})
    finally:
        logging.getLogger("service").removeHandler(collect)
    entries = [json.loads(line) for line in collect.lines]
    access = [e for e in entries if e["logger"] == "service.access"]
    assert access[0]["request_id"] == "log-check"
    assert {"method", "path", "status", "duration_ms"} <= set(access[0])
    assert [e["status"] for e in access] == [200, 422]
    assert not any("Lopez" in line or "secret title" in line for line in collect.lines)


def test_settings_come_from_the_environment(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSMETRICS_API_KEYS", "alpha, beta")
    monkeypatch.setenv("NEWSMETRICS_MAX_BATCH_ITEMS", "3")
    configured = service.create_app({"CACHE_SIZE": 7}, scorer=app.extensions["newsmetrics"])
    assert configured.config["API_KEY_SET"] == (b"alpha", b"beta")
    assert configured.config["MAX_BATCH_ITEMS"] == 3
    client = configured.test_client()
    info = client.get("/v1/info", headers={"X-API-Key": "beta"}).get_json()
    assert (info["limits"]["max_batch_items"], info["cache_size"], info["auth"]) == (3, 7, True)


def test_one_version_everywhere(client: FlaskClient, openapi: dict[str, Any]) -> None:
    """pyproject.toml writes the version; the package metadata, the library, the service, the
    report and the contract all read it (a stale editable install fails here: reinstall)."""
    written = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    info = client.get("/v1/info").get_json()["versions"]
    report = client.post("/v1/analyze", json={"text": ARTICLE}).get_json()["versions"]
    assert {
        written["version"],
        version("newsmetrics"),
        scoring.__version__,
        info["service"],
        info["scoring"],
        report["service"],
        report["scoring"],
        openapi["info"]["version"],
    } == {written["version"]}
