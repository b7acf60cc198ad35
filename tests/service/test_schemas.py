"""The contract can't drift silently: library dataclasses -> marshmallow schemas -> openapi.yaml."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import types
import typing
from typing import Any

import jsonschema_rs
import pytest
from marshmallow import Schema, fields

import scoring
from scoring.analyze import Report
from scoring.reference.catalogue import CatalogueEntry
from scoring.reference.results import ReferenceSummary
from service import schemas

# Dataclass fields the response leaves out on purpose, with the reason.
OMITTED = {
    # The report's own ``text`` is the same string; sending it twice would double the payload.
    ("Analysis", "text"),
}
# Response schema -> (library dataclass it dumps, attribute path of that dataclass in the object).
DUMPS: list[tuple[type[Schema], type, str]] = [
    (schemas.ArticleResultSchema, Report, "report"),
    (schemas.BaselineResponseSchema, ReferenceSummary, ""),
    (schemas.CatalogueEntrySchema, CatalogueEntry, ""),
]


def _namespace() -> dict[str, Any]:
    """Every name of every scoring module, so string annotations under TYPE_CHECKING resolve."""
    names: dict[str, Any] = {}
    for info in pkgutil.walk_packages(scoring.__path__, prefix="scoring."):
        module = importlib.import_module(info.name)
        names.update({k: v for k, v in vars(module).items() if not k.startswith("_")})
    return names


def _dataclasses_in(hint: Any) -> list[type]:
    """Dataclass types inside an annotation: X, X | None, tuple[X, ...]."""
    if dataclasses.is_dataclass(hint):
        return [hint]  # type: ignore[list-item]
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) in (typing.Union, tuple):
        return [d for arg in typing.get_args(hint) for d in _dataclasses_in(arg)]
    return []


def _schema_fields(schema: Schema, prefix: str) -> dict[str, fields.Field]:
    """Schema fields by the attribute path (relative to ``prefix``) they read."""
    found = {}
    for name, field in schema.fields.items():
        source = field.attribute or name
        if prefix and not source.startswith(prefix + "."):
            continue
        found[source[len(prefix) + 1 :] if prefix else source] = field
    return found


def _nested(field: fields.Field) -> Schema | None:
    inner = field.inner if isinstance(field, fields.List) else field
    return inner.schema if isinstance(inner, fields.Nested) else None


def _missing(cls: type, schema: Schema, prefix: str, names: dict[str, Any]) -> list[str]:
    """Dataclass fields (recursively) that the schema does not dump."""
    hints = typing.get_type_hints(cls, globalns=names)
    by_source = _schema_fields(schema, prefix)
    missing = []
    for field in dataclasses.fields(cls):
        if (cls.__name__, field.name) in OMITTED:
            continue
        path = f"{prefix}.{field.name}" if prefix else field.name
        if field.name in by_source:
            nested = _nested(by_source[field.name])
            for inner in _dataclasses_in(hints[field.name]):
                if nested is None:
                    missing.append(f"{cls.__name__}.{field.name} (not nested)")
                else:
                    missing.extend(_missing(inner, nested, "", names))
        elif any(s.startswith(field.name + ".") for s in by_source):
            for inner in _dataclasses_in(hints[field.name]):
                missing.extend(_missing(inner, schema, path, names))
        else:
            missing.append(f"{cls.__name__}.{field.name}")
    return missing


@pytest.mark.parametrize(
    ("schema_class", "cls", "prefix"), DUMPS, ids=lambda x: getattr(x, "__name__", x)
)
def test_response_schemas_cover_every_dataclass_field(
    schema_class: type[Schema], cls: type, prefix: str
) -> None:
    assert _missing(cls, schema_class(), prefix, _namespace()) == []


def test_field_walk_notices_a_missing_field() -> None:
    class Partial(schemas.Out):
        score = fields.Float()

    from scoring.sentiment import SentimentSummary

    assert "SentimentSummary.label" in _missing(SentimentSummary, Partial(), "", _namespace())


def _resolve(node: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = doc["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _object_schema(node: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any] | None:
    node = _resolve(node, doc)
    if node.get("type") == "array":
        node = _resolve(node["items"], doc)
    for option in node.get("oneOf", []):
        if _resolve(option, doc).get("type") == "object":
            return _resolve(option, doc)
    return node if node.get("type") == "object" and "properties" in node else None


def _differences(schema: Schema, node: dict[str, Any], doc: dict[str, Any], at: str) -> list[str]:
    """Property names that the marshmallow schema and the OpenAPI schema do not share."""
    documented = set(node["properties"])
    differences = [f"{at}.{n} undocumented" for n in set(schema.fields) - documented]
    differences += [f"{at}.{n} not dumped" for n in documented - set(schema.fields)]
    for name, field in schema.fields.items():
        nested, child = _nested(field), node["properties"].get(name)
        inner = _object_schema(child, doc) if child else None
        if nested is not None and inner is not None:
            differences += _differences(nested, inner, doc, f"{at}.{name}")
    return differences


@pytest.mark.parametrize(
    ("schema_class", "component"),
    [
        (schemas.AnalyzeResponseSchema, "AnalyzeResponse"),
        (schemas.ArticleResultSchema, "ArticleResult"),
        (schemas.BaselineResponseSchema, "BaselineResponse"),
        (schemas.MetricsResponseSchema, "MetricsResponse"),
        (schemas.InfoResponseSchema, "InfoResponse"),
        (schemas.ProblemSchema, "Problem"),
        (schemas.AnalyzeRequestSchema, "AnalyzeRequest"),
        (schemas.ArticleSchema, "Article"),
        (schemas.BatchRequestSchema, "BatchRequest"),
    ],
)
def test_openapi_documents_exactly_the_schema_fields(
    schema_class: type[Schema], component: str, openapi: dict[str, Any]
) -> None:
    node = openapi["components"]["schemas"][component]
    assert _differences(schema_class(), node, openapi, component) == []


def _examples(node: Any, path: str = "") -> list[tuple[str, Any, Any]]:
    """(where, schema, example) for every media-type example in the document."""
    found = []
    if isinstance(node, dict):
        if "schema" in node and ("example" in node or "examples" in node):
            values = [node["example"]] if "example" in node else []
            values += [e["value"] for e in node.get("examples", {}).values()]
            found += [(path, node["schema"], value) for value in values]
        for key, value in node.items():
            found += _examples(value, f"{path}/{key}")
    return found


def test_every_example_validates_against_its_schema(openapi: dict[str, Any]) -> None:
    examples = _examples(openapi["paths"]) + _examples(openapi["components"]["responses"])
    assert len(examples) >= 10
    for where, schema, example in examples:
        validator = jsonschema_rs.validator_for({**schema, "components": openapi["components"]})
        errors = [e.message for e in validator.iter_errors(example)]
        assert errors == [], where
