"""The library stays pure: importing it never pulls in the web framework or schema layer."""

from __future__ import annotations

import subprocess
import sys


def test_scoring_imports_without_flask_or_marshmallow() -> None:
    code = (
        "import sys, scoring, scoring.analyze, scoring.reference, scoring.reference.catalogue, "
        "scoring.resources\n"
        "leaked = sorted(m for m in ('flask', 'marshmallow', 'werkzeug') if m in sys.modules)\n"
        "print(','.join(leaked))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
