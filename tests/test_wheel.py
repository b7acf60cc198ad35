"""The built wheel serves on its own: installed into a fresh virtual environment, run from a folder
outside the source tree, it answers the page, its scripts, /openapi.yaml and POST /v1/analyze.

The fresh environment borrows only the dependencies from the project's environment (a .pth file
naming its site-packages); the project's own packages there are an editable install's finder,
which the .pth does not load, so ``scoring`` and ``service`` can only come from the wheel.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.wheel

CHECK = textwrap.dedent(
    """
    import json, sys
    import scoring, service
    for package in (scoring, service):
        assert "site-packages" in package.__file__, package.__file__
    client = service.create_app({"TESTING": True}).test_client()
    page = client.get("/")
    script = client.get("/static/js/report.js")
    contract = client.get("/openapi.yaml")
    scored = client.post("/v1/analyze", json={"text": "Officials said the talks may resume."})
    print(json.dumps({
        "page": [page.status_code, "<script" in page.get_data(as_text=True)],
        "script": [script.status_code, len(script.data) > 0],
        "contract": [contract.status_code, contract.get_data(as_text=True)[:12]],
        "analyze": [scored.status_code, (scored.get_json().get("comparison") or {}).get(
            "reference", {}).get("name")],
        "files": sys.modules["service"].__file__,
    }))
    """
)


def _build(into: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(into), str(ROOT)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    (wheel,) = into.glob("newsmetrics-*.whl")
    return wheel


def _fresh_env(at: Path) -> Path:
    venv.EnvBuilder(with_pip=False).create(at)
    python = at / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    # Dependencies only: a plain path entry, so the project venv's editable finder never runs.
    Path(purelib, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    python = _fresh_env(tmp_path_factory.mktemp("venv") / "env")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
         str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return python


def test_the_wheel_carries_its_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        "service/openapi.yaml",
        "service/static/index.html",
        "service/static/js/report.js",
        "scoring/lexicons/hedges.tsv",
        "scoring/sentiment/models/target_encoder/model.onnx",
        "scoring/sentiment/models/target_encoder/tokenizer.json",
        "scoring/sentiment/models/target_encoder/config.json",
        *(f"service/seeds/{p.name}" for p in (ROOT / "seeds").glob("*.txt")),
        *(f"service/static/{p.relative_to(ROOT / 'service/static')}"
          for p in (ROOT / "service/static").rglob("*") if p.is_file()),
        *(f"scoring/{p.relative_to(ROOT / 'scoring')}"
          for p in (ROOT / "scoring/sentiment/models").rglob("*") if p.is_file()),
    }  # fmt: skip
    assert wanted - names == set()


def test_installed_wheel_serves_the_page_scripts_contract_and_reports(
    installed: Path, tmp_path: Path
) -> None:
    result = subprocess.run(
        [installed, "-c", CHECK], cwd=tmp_path, capture_output=True, text=True, timeout=600,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["page"] == [200, True]
    assert seen["script"] == [200, True]
    assert seen["contract"] == [200, "openapi: 3.1"]
    assert seen["analyze"] == [200, "seeds"]
