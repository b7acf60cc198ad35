"""openapi.yaml is the contract: schemathesis drives the app in-process with every check, and the
documented routes are exactly the app's routes."""

from __future__ import annotations

from typing import Any

import schemathesis
from flask import Flask
from schemathesis.config import SchemathesisConfig

from tests.service.conftest import OPENAPI

# Methods Flask adds to every route by itself.
IMPLICIT_METHODS = {"HEAD", "OPTIONS"}

CONFIG = {
    "seed": 1,
    "generation": {"mode": "all", "max-examples": 30},
    "checks": {"enabled": True},
    "operations": [
        {
            # JSON Schema cannot say "contains a letter once HTML tags are removed": schema-valid
            # text such as "0" or "<p></p>" is refused by the library with 422 (no-letters,
            # empty-text), so 422 is an accepted answer to valid data here; and a well-formed
            # options.reference may name no stored set (404).
            "include-operation-id": "analyzeArticle",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "404", "422"]}},
        },
        {
            "include-operation-id": "analyzeBatch",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "404"]}},
        },
        {
            # A draft as analyzeArticle takes it, under a generated id.
            "include-operation-id": "putArticle",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "404", "422"]}},
        },
        {
            # Generated names repeat (409 exists) and generated texts may hold no letters (422).
            "include-operation-id": "createReference",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "409", "422"]}},
        },
        {
            # Generated names and ids are mostly not stored: 404 is the right answer to them.
            "include-operation-id": [
                "getReference",
                "deleteReference",
                "getArticle",
                "deleteArticle",
                "getRevision",
                "diffRevisions",
            ],
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "404", "409"]}},
        },
        {
            # A generated callback_url names no allowed host (the session app allows none and
            # has no signing secret: 422), and a generated reference name may exist (409).
            "include-operation-id": "createJob",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "409", "422"]}},
        },
        {
            "include-operation-id": ["getJob", "getJobResults"],
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "404"]}},
        },
        {
            # Signed by Ghost, not by an API key: the session app has no Ghost secret, so every
            # generated request (signature header included) is refused with 401 problem+json.
            "include-operation-id": "ghostWebhook",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["401"]}},
        },
        # Generated file names are 404s; one real file lets the 200 response be checked too.
        {"include-operation-id": "getPageAsset", "parameters": {"filename": "app.css"}},
    ],
}


# Loaded at import so each operation is its own test; the app is passed at call time (pytest 9
# breaks schemathesis.pytest.from_fixture, which renames test nodes through a private attribute).
schema = schemathesis.openapi.from_path(OPENAPI, config=SchemathesisConfig.from_dict(CONFIG))


@schema.parametrize()
def test_api_honours_its_contract(case: Any, app: Flask) -> None:
    case.call_and_validate(app=app)


def _documented(openapi: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (path, method.upper())
        for path, operations in openapi["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }


def _routes(app: Flask) -> set[tuple[str, str]]:
    """(path in OpenAPI form, method) for every rule of the app."""
    found = set()
    for rule in app.url_map.iter_rules():
        path = rule.rule
        for argument in rule.arguments:
            path = path.replace(f"<path:{argument}>", f"{{{argument}}}")
            path = path.replace(f"<{argument}>", f"{{{argument}}}")
        found |= {(path, method) for method in (rule.methods or set()) - IMPLICIT_METHODS}
    return found


def test_every_route_is_documented_and_every_documented_route_exists(
    app: Flask, openapi: dict[str, Any]
) -> None:
    assert _routes(app) == _documented(openapi)
