"""openapi.yaml is generated: the committed file is exactly what the schemas and template make."""

from __future__ import annotations

from service import openapi
from tests.service.conftest import OPENAPI


def test_committed_contract_is_what_the_code_generates() -> None:
    committed = OPENAPI.read_text(encoding="utf-8")
    assert committed == openapi.document(), "stale: run .venv/bin/python -m service.openapi --write"


def test_response_members_are_required_unless_the_dump_may_drop_them() -> None:
    components = openapi.component_schemas()
    assert components["Hedging"]["required"] == [
        name
        for name in components["Hedging"]["properties"]
        if name not in ("cues", "boosters", "conditionals")
    ]
    assert "text" not in components["ArticleResult"]["required"]
    assert {"start_utf16", "end_utf16"}.isdisjoint(components["Span"]["required"])
    assert all(c["additionalProperties"] is False for c in components.values())
