"""The command line: ``python -m service.cli FILE`` (the ``newsmetrics`` script) prints the API's
document for the article; bad input exits non-zero with a clear message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
ARTICLE = (
    'President Maria Lopez said on Monday that the agreement "is a real step forward". '
    "Officials, who spoke on condition of anonymity, said the talks may resume next week."
)


def run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def response_errors(document: Any) -> list[str]:
    """Where the document breaks the response schema of POST /v1/analyze in openapi.yaml."""
    contract = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    schema = {"$ref": "#/components/schemas/AnalyzeResponse", "components": contract["components"]}
    return [str(error) for error in jsonschema_rs.validator_for(schema).iter_errors(document)]


def test_prints_the_api_document_compared_with_the_seeds() -> None:
    result = run_cli("-", stdin=ARTICLE.encode())
    assert result.returncode == 0, result.stderr.decode()
    document = json.loads(result.stdout)
    assert response_errors(document) == []
    assert document["comparison"]["reference"]["name"] == "seeds"
    assert document["text"] == ARTICLE and document["offsets"] == "codepoint"


def test_the_check_notices_the_library_shape() -> None:
    # The shape the command line used to print (dataclasses.asdict of the report) is refused.
    nested = {"text": ARTICLE, "analysis": {"actors": []}, "comparison": None}
    assert response_errors(nested) != []


def test_reference_folder_and_no_reference(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.txt").write_text("The minister may resign, officials said.", encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    compared = json.loads(run_cli("--reference", str(tmp_path), str(article)).stdout)
    assert compared["comparison"]["reference"]["name"] == tmp_path.name
    assert compared["comparison"]["reference"]["size"] == 3  # article.txt is a .txt too
    alone = json.loads(run_cli("--no-reference", str(article)).stdout)
    assert alone["comparison"] is None and response_errors(alone) == []


def test_html_from_stdin_with_a_requested_actor() -> None:
    html = b"<p>The minister <b>may</b> resign, Steven Uitkoff said.</p>"
    result = run_cli(
        "--html", "--no-reference", "--actor", "Steve Witkoff=Uitkoff", "-", stdin=html
    )
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert report["text"] == "The minister may resign, Steven Uitkoff said."
    assert "Steve Witkoff" in [actor["name"] for actor in report["actors"]]
    assert report["comparison"] is None


def test_empty_input_is_a_clear_error() -> None:
    result = run_cli("--no-reference", "-", stdin=b"   \n")
    assert result.returncode == 1
    assert b"empty-text" in result.stderr and b"Traceback" not in result.stderr


def test_undecodable_bytes_are_a_clear_error() -> None:
    result = run_cli("--no-reference", "-", stdin=b"caf\xe9 au lait")
    assert result.returncode == 1
    assert b"not valid UTF-8" in result.stderr and b"Traceback" not in result.stderr


def test_missing_file_is_a_clear_error() -> None:
    result = run_cli("no/such/article.txt")
    assert result.returncode == 2
    assert b"cannot read" in result.stderr


def test_missing_reference_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("--reference", str(tmp_path / "none"), "-", stdin=ARTICLE.encode())
    assert result.returncode == 1
    assert b"invalid-reference" in result.stderr and b"Traceback" not in result.stderr


def test_a_stored_reference_set_is_saved_once_and_used_again(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "two.txt").write_text("The minister may resign, officials said.", encoding="utf-8")
    saved = tmp_path / "desk.json"
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    fitted = run_cli("--reference", str(folder), "--save-reference", str(saved), str(article))
    assert fitted.returncode == 0, fitted.stderr.decode()
    assert json.loads(saved.read_text(encoding="utf-8"))["ids"] == ["one.txt", "two.txt"]
    loaded = run_cli("--reference", str(saved), str(article))
    assert loaded.returncode == 0, loaded.stderr.decode()
    assert json.loads(loaded.stdout)["comparison"] == json.loads(fitted.stdout)["comparison"]


def test_a_stored_set_of_other_versions_or_damaged_is_a_clear_error(tmp_path: Path) -> None:
    saved = tmp_path / "seeds.json"
    assert run_cli("--save-reference", str(saved), "-", stdin=ARTICLE.encode()).returncode == 0
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["versions"]["pipeline"] = "en_core_web_sm-2.0.0"
    saved.write_text(json.dumps(data), encoding="utf-8")
    stale = run_cli("--reference", str(saved), "-", stdin=ARTICLE.encode())
    assert stale.returncode == 1 and b"reference-version-mismatch" in stale.stderr
    saved.write_text("{not json", encoding="utf-8")
    broken = run_cli("--reference", str(saved), "-", stdin=ARTICLE.encode())
    assert broken.returncode == 1 and b"invalid-reference" in broken.stderr
    assert b"Traceback" not in stale.stderr + broken.stderr
