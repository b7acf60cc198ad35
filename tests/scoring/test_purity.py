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


def test_loading_and_running_the_sentiment_model_needs_no_torch_or_hub() -> None:
    # The service's runtime path: load every resource and score an article. PyTorch,
    # transformers and the model hub client are training-only and must never be imported.
    code = (
        "import sys\n"
        "from scoring import analyze, load_resources\n"
        "report = analyze('Maria Lopez praised the brave nurses.', resources=load_resources())\n"
        "assert report.analysis.sentiment\n"
        "leaked = sorted(m for m in ('torch', 'transformers', 'huggingface_hub') "
        "if m in sys.modules)\n"
        "print(','.join(leaked))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
