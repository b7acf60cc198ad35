"""Playwright's async API on an event loop of its own thread, with a blocking face for tests.

Playwright's sync API refuses to start while another sync instance is alive in the same thread
(tests/browser keeps one for the whole session): the other's event loop counts as running. The
WordPress tests therefore run the async API on a loop in a thread of their own and call it
through ``Blocking``, which looks like the sync API: every call is made on that loop's thread
and run to completion there, every Playwright object returned is wrapped in turn, event handlers
get wrapped objects, and ``with page.expect_navigation():`` works as it does in the sync API.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import Callable, Coroutine
from typing import Any


class Loop:
    """An asyncio event loop running in a daemon thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.proxies: dict[int, Blocking] = {}

    def run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        """Run a coroutine on the loop; its result, or its exception raised here."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=30)

    def wrap(self, value: Any) -> Any:
        """A Playwright object made blocking (the same proxy each time); data as it is."""
        if isinstance(value, list):
            return [self.wrap(item) for item in value]
        if not type(value).__module__.startswith("playwright."):
            return value
        proxy = self.proxies.get(id(value))
        if proxy is None or proxy._target is not value:
            proxy = self.proxies[id(value)] = Blocking(value, self)
        return proxy


async def _awaited(awaitable: Any) -> Any:
    return await awaitable


async def _called(function: Callable[..., Any], args: Any, kwargs: Any) -> Any:
    result = function(*args, **kwargs)
    return (await result) if inspect.isawaitable(result) else result


class Blocking:
    """One async Playwright object seen through blocking calls. Attributes set on the proxy
    (``page.errors = []``) stay on it: the loop hands out one proxy per object."""

    def __init__(self, target: Any, loop: Loop) -> None:
        self._target = target
        self._loop = loop

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if name == "on":
            return self._on
        if not callable(value):
            return self._loop.wrap(value)

        def call(*args: Any, **kwargs: Any) -> Any:
            # Called on the loop's thread too: some calls make their futures at once, on the
            # loop of the thread they run in (expect_navigation).
            return self._loop.wrap(self._loop.run(_called(value, args, kwargs)))

        return call

    def _on(self, event: str, handler: Callable[..., Any]) -> None:
        """An event handler, called (on the loop's thread) with wrapped objects. It must not
        call Playwright itself: it would wait on the loop it runs on."""
        self._target.on(event, lambda *args: handler(*(self._loop.wrap(arg) for arg in args)))

    def __enter__(self) -> Any:
        return self._loop.wrap(self._loop.run(_awaited(self._target.__aenter__())))

    def __exit__(self, *exc: Any) -> Any:
        return self._loop.run(_awaited(self._target.__aexit__(*exc)))

    def __bool__(self) -> bool:
        return True
