"""The service's small parts on their own: cache, UTF-16 offsets, JSON pointers, API keys."""

from __future__ import annotations

import pickle
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import pytest
from marshmallow import ValidationError

from service.auth import key_matches, parse_keys, presented_key
from service.cache import ReportCache
from service.models import Utf16Index
from service.problems import field_errors, json_pointer
from service.schemas import ArticleSchema


@dataclass(frozen=True, slots=True)
class Stand:
    """Stands in for a report: the cache pickles what it keeps and gives back an equal copy."""

    text: str = "a report"


REPORT: Any = Stand()


def test_cache_drops_the_least_recently_used() -> None:
    cache = ReportCache(2)
    cache.put("a", REPORT)
    cache.put("b", REPORT)
    assert cache.get("a") == REPORT  # "a" is now the most recent
    cache.put("c", REPORT)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (REPORT, None, REPORT)
    assert (cache.hits, cache.misses, len(cache)) == (3, 1, 2)


def test_cache_is_bounded_in_bytes() -> None:
    one = len(pickle.dumps(Stand("x" * 1000), protocol=pickle.HIGHEST_PROTOCOL))
    cache = ReportCache(100, max_bytes=int(2.5 * one))
    for key in "abc":
        cache.put(key, Stand("x" * 1000))
    assert (cache.get("a"), len(cache), cache.bytes) == (None, 2, 2 * one)  # "a" went first
    cache.put("huge", Stand("x" * 10_000))  # larger than the whole budget: not kept
    assert cache.get("huge") is None and len(cache) == 2
    off = ReportCache(10, max_bytes=0)
    off.put("a", REPORT)
    assert len(off) == 0


def test_cache_of_size_zero_keeps_nothing() -> None:
    cache = ReportCache(0)
    cache.put("a", REPORT)
    assert cache.get("a") is None and len(cache) == 0


class Watched(OrderedDict[Any, Any]):
    """The cache's store, made to notice two threads inside it at once: each operation yields the
    processor half-way, so without the cache's lock another thread gets in."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = 0
        self.overlaps = 0
        self._count = threading.Lock()

    def _visit(self) -> None:
        with self._count:
            self.inside += 1
            self.overlaps += self.inside > 1
        time.sleep(0.0002)
        with self._count:
            self.inside -= 1

    def get(self, key: Any, default: Any = None) -> Any:
        self._visit()
        return super().get(key, default)

    def move_to_end(self, key: Any, last: bool = True) -> None:
        self._visit()
        super().move_to_end(key, last)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._visit()
        super().__setitem__(key, value)


def test_cache_is_thread_safe() -> None:
    cache = ReportCache(50)
    cache._reports = store = Watched()
    start = threading.Barrier(8)

    def work(offset: int) -> None:
        start.wait()
        for i in range(200):
            cache.put((offset + i) % 80, REPORT)
            cache.get((offset * 7 + i) % 80)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.overlaps == 0
    assert len(cache) == 50
    assert cache.hits + cache.misses == 8 * 200


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("plain ascii", id="ascii"),
        pytest.param("caf\u00e9 na\u00efve", id="bmp-only"),
        pytest.param("\U0001f600a\U0001f4f0bc\U0001f600", id="astral"),
    ],
)
def test_utf16_index_matches_javascript_offsets(text: str) -> None:
    index = Utf16Index(text)
    for offset in range(len(text) + 1):
        assert index(offset) == len(text[:offset].encode("utf-16-le")) // 2


@pytest.mark.parametrize(
    ("path", "pointer"),
    [
        pytest.param((), "", id="root"),
        pytest.param(("items", 3, "text"), "/items/3/text", id="nested"),
        pytest.param(("a/b", "m~n"), "/a~1b/m~0n", id="escaped"),
    ],
)
def test_json_pointer(path: tuple[str | int, ...], pointer: str) -> None:
    assert json_pointer(path) == pointer


def test_field_errors_point_at_every_invalid_field() -> None:
    with pytest.raises(ValidationError) as caught:
        ArticleSchema().load({"text": "", "actors": [{"name": "x"}, {"nam": "y"}], "x": 1})
    pointers = sorted(e.pointer for e in field_errors(caught.value.messages))
    assert pointers == ["/actors/1/nam", "/actors/1/name", "/text", "/x"]


@pytest.mark.parametrize(
    ("configured", "keys"),
    [
        pytest.param("", (), id="empty"),
        pytest.param("k1, k2,,", (b"k1", b"k2"), id="comma-separated"),
        pytest.param(12345, (b"12345",), id="number-from-environment-json"),
        pytest.param(["a", " b "], (b"a", b"b"), id="list"),
    ],
)
def test_parse_keys(configured: object, keys: tuple[bytes, ...]) -> None:
    assert parse_keys(configured) == keys


@pytest.mark.parametrize(
    ("authorization", "api_key", "presented"),
    [
        pytest.param("Bearer abc", None, b"abc", id="bearer"),
        pytest.param("BEARER abc", "zzz", b"abc", id="bearer-wins"),
        pytest.param(None, "abc", b"abc", id="header"),
        pytest.param("Basic abc", None, None, id="basic-ignored"),
        pytest.param(None, None, None, id="none"),
    ],
)
def test_presented_key(
    authorization: str | None, api_key: str | None, presented: bytes | None
) -> None:
    assert presented_key(authorization, api_key) == presented


def test_key_matches_only_exact_keys() -> None:
    keys = (b"alpha", b"beta")
    assert key_matches(b"beta", keys)
    assert not key_matches(b"bet", keys) and not key_matches(b"", keys)
