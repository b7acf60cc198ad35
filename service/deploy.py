"""What the service adds to gunicorn (hooks in gunicorn.conf.py): a drain on SIGTERM, and
problem+json for the errors gunicorn answers itself.

Drain: on the first SIGTERM the master raises a flag in memory shared with every worker (an
anonymous shared mapping made before the workers fork), so ``/readyz`` answers 503 while requests
are still served; after ``DRAIN_SECONDS`` (or a second SIGTERM) gunicorn's own graceful stop runs:
the listening socket closes, in-flight requests get ``graceful_timeout`` to finish.

Exit: a worker leaves without Python's finalisation (``exit_worker_process``), which hangs in
a worker forked after the ONNX sentiment model was loaded.

Errors: gunicorn answers a request it cannot parse (bad request line, headers over its limits,
broken chunked framing) with an HTML page; ``install_problem_errors`` makes that page an RFC 9457
problem like every other error of the service (with no request id: the app never saw it).
"""

from __future__ import annotations

import contextlib
import json
import logging
import mmap
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from service.problems import PROBLEM_MIMETYPE, problem_object

logger = logging.getLogger(__name__)

# One byte of memory shared across fork: 1 while the server drains before stopping.
_DRAINING = mmap.mmap(-1, 1)


def draining() -> bool:
    """True once the master has been asked to stop (in every worker forked from it)."""
    return _DRAINING[0] == 1


def set_draining(on: bool) -> None:
    """Raise or lower the drain flag (the master's SIGTERM handler; tests)."""
    _DRAINING[0] = 1 if on else 0


def drain_on_term(
    arbiter: Any, seconds: float, clock: Callable[[], float] = time.monotonic
) -> None:
    """Make the first SIGTERM to gunicorn's master raise the drain flag and stop only after
    ``seconds`` (a second SIGTERM stops at once); the master keeps supervising workers meanwhile.
    Gunicorn's main loop calls ``handle_term`` for the signal and ``manage_workers`` about once a
    second; both are replaced on this arbiter instance only."""
    stop = arbiter.handle_term
    manage = arbiter.manage_workers
    deadline: list[float] = []

    def handle_term() -> None:
        if deadline or seconds <= 0:
            stop()
        set_draining(True)
        deadline.append(clock() + seconds)
        arbiter.log.info("SIGTERM: draining %g s (/readyz answers 503), then stopping", seconds)

    def manage_workers() -> None:
        if deadline and clock() >= deadline[0]:
            arbiter.log.info("drain over: stopping gracefully")
            stop()
        manage()

    arbiter.handle_term = handle_term
    arbiter.manage_workers = manage_workers


def problem_bytes(status: int, reason: str, detail: str) -> bytes:
    """A whole HTTP response carrying the problem object of an error gunicorn found."""
    body = problem_object(status, detail, instance="/", request_id="")
    body["title"] = reason
    payload = json.dumps(body).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n"
        f"Content-Type: {PROBLEM_MIMETYPE}\r\nX-Content-Type-Options: nosniff\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode("latin-1") + payload


def install_problem_errors() -> None:
    """Replace gunicorn's HTML error page (``gunicorn.util.write_error``, which its workers call
    for requests they cannot parse) with a problem+json response."""
    from gunicorn import util  # type: ignore[import-untyped]  # only under gunicorn

    def write_error(sock: Any, status_int: int, reason: str, mesg: str) -> None:
        util.write_nonblock(sock, problem_bytes(status_int, reason, mesg))

    util.write_error = write_error


def exit_worker_process() -> None:
    """End a gunicorn worker at once with the exit status it was leaving with (called from the
    ``worker_exit`` hook, inside gunicorn's ``finally`` around the worker's ``SystemExit``), after
    flushing the log handlers and standard streams; Python's finalisation is skipped."""
    leaving = sys.exc_info()[1]
    code = leaving.code if isinstance(leaving, SystemExit) else 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code if isinstance(code, int) else 1)
