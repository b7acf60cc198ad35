"""Reading a folder of articles: reference sets and bulk runs of the command line and service."""

from __future__ import annotations

from pathlib import Path

from scoring.errors import ReferenceSetError, UndecodableTextError
from scoring.text.input import decode_bytes

ARTICLE_SUFFIX = ".txt"


def read_folder(folder: Path) -> list[tuple[str, str]]:
    """Every ``.txt`` article of a folder as (file name, text), sorted by name.

    Raises ``ReferenceSetError`` naming the folder or file when the folder cannot be read, holds
    no articles, or an article is not text.
    """
    try:
        paths = sorted(p for p in folder.glob(f"*{ARTICLE_SUFFIX}") if p.is_file())
    except OSError as err:
        raise ReferenceSetError(f"cannot read the folder {folder}: {err.strerror}") from err
    if not paths:
        raise ReferenceSetError(f"no articles (*{ARTICLE_SUFFIX}) in {folder}")
    return [(path.name, _read(path)) for path in paths]


def _read(path: Path) -> str:
    try:
        return decode_bytes(path.read_bytes())
    except OSError as err:
        raise ReferenceSetError(f"cannot read {path}: {err.strerror}") from err
    except UndecodableTextError as err:
        raise ReferenceSetError(f"{path} is not a text article: {err}") from err
