"""The command line: ``python -m scoring FILE`` prints the JSON report; bad input exits non-zero."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def test_html_from_stdin_with_a_requested_actor() -> None:
    html = b"<p>The minister <b>may</b> resign, Steven Uitkoff said.</p>"
    result = run_cli("--html", "--actor", "Steve Witkoff=Uitkoff", "-", stdin=html)
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert report["text"] == "The minister may resign, Steven Uitkoff said."
    names = [actor["name"] for actor in report["analysis"]["actors"]]
    assert "Steve Witkoff" in names
    assert report["comparison"] is None


def test_empty_input_is_a_clear_error() -> None:
    result = run_cli("-", stdin=b"   \n")
    assert result.returncode == 1
    assert b"empty-text" in result.stderr and b"Traceback" not in result.stderr


def test_undecodable_bytes_are_a_clear_error() -> None:
    result = run_cli("-", stdin=b"caf\xe9 au lait")
    assert result.returncode == 1
    assert b"not valid UTF-8" in result.stderr and b"Traceback" not in result.stderr


def test_missing_file_is_a_clear_error() -> None:
    result = run_cli("no/such/article.txt")
    assert result.returncode == 2
    assert b"cannot read" in result.stderr
