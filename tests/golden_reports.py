"""Golden seed reports: each seed through the whole pipeline, against the seed reference set.

The reviewed outputs live in ``tests/golden/<seed>.json``. They change only through the explicit
update command, after a person has read the diff:

    .venv/bin/python -m tests.golden_reports --update
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SEEDS = ROOT / "seeds"
# Floats are compared at this many decimals: enough to catch any real change, blind to BLAS noise.
DECIMALS = 4


def rounded(value: Any) -> Any:
    """The report as plain JSON values with floats rounded, for stable comparison."""
    if isinstance(value, float):
        return round(value, DECIMALS)
    if isinstance(value, dict):
        return {key: rounded(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [rounded(item) for item in value]
    return value


def seed_reports() -> dict[str, Any]:
    """Every seed's report, compared with the reference fitted on all the seeds."""
    from scoring import read_folder
    from scoring.analyze import analyze, fit_reference
    from scoring.resources import load_resources

    resources = load_resources()
    reference = fit_reference(read_folder(SEEDS), resources=resources)
    reports = {}
    for path in sorted(SEEDS.glob("*.txt")):
        report = analyze(path.read_text(encoding="utf-8"), resources=resources, reference=reference)
        reports[path.stem] = rounded(dataclasses.asdict(report))
    return reports


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite tests/golden/*.json")
    if not parser.parse_args().update:
        parser.error("pass --update to rewrite the golden files (the tests only compare)")
    GOLDEN.mkdir(exist_ok=True)
    for name, report in seed_reports().items():
        path = GOLDEN / f"{name}.json"
        path.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
