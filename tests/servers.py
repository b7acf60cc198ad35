"""A real gunicorn server for the tests and the load benchmark.

Started from the repository root with ``gunicorn.conf.py`` on a free loopback port, ready once
``/readyz`` answers 200, stopped at the end by the PID its master wrote (``--pid``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
# Start-up loads the pipeline and fits the seed baseline (a few seconds); allow for a busy machine.
READY_TIMEOUT_S = 120.0
# Longer than gunicorn.conf.py's drain and graceful_timeout, so in-flight requests may finish.
STOP_TIMEOUT_S = 90.0
# A short drain on SIGTERM (the default is 10 s): test servers stop quickly; env may override it.
DEFAULT_ENV = {"NEWSMETRICS_DRAIN_SECONDS": "0.5"}


class ServerError(RuntimeError):
    """gunicorn exited or did not become ready; the message carries the end of its log."""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def is_ready(base_url: str) -> bool:
    """True when the server answers ``/readyz`` with 200."""
    try:
        with urllib.request.urlopen(f"{base_url}/readyz", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextlib.contextmanager
def gunicorn_server(
    folder: Path, *, workers: int = 2, env: Mapping[str, str] | None = None
) -> Iterator[tuple[str, int]]:
    """Run gunicorn with ``workers`` workers; yield (base URL, master PID); stop it by that PID."""
    if not GUNICORN.exists():
        raise ServerError(f"gunicorn is not installed next to {sys.executable}")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    pid_file, log_file = folder / f"gunicorn-{port}.pid", folder / f"gunicorn-{port}.log"
    command = [str(GUNICORN), "-c", "gunicorn.conf.py", "--pid", str(pid_file)]
    command += ["--bind", f"127.0.0.1:{port}", "service:create_app()"]  # loopback only
    environment = {**os.environ, **DEFAULT_ENV, **(env or {})}
    environment |= {"PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    with log_file.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        _wait_ready(base_url, process, log_file)
        yield base_url, int(pid_file.read_text().strip())
    finally:
        _stop(pid_file, process)


def _wait_ready(base_url: str, process: subprocess.Popen[bytes], log_file: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while not is_ready(base_url):
        if process.poll() is not None or time.monotonic() > deadline:
            tail = log_file.read_text(errors="replace")[-3000:]
            raise ServerError(f"gunicorn did not become ready at {base_url}:\n{tail}")
        time.sleep(0.25)


def _stop(pid_file: Path, process: subprocess.Popen[bytes]) -> None:
    """Stop gunicorn by the PID its master wrote, falling back to the process started."""
    pid = int(pid_file.read_text().strip()) if pid_file.exists() else process.pid
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# A worker loads the pipeline and fits the seed set before it says it is ready.
WORKER_READY_LINE = b'"worker ready"'


@contextlib.contextmanager
def worker_process(
    folder: Path, *, env: Mapping[str, str] | None = None, name: str = "worker"
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``python -m service.worker`` until it logs that it is ready; yield the process; stop
    it with SIGTERM (it finishes its article and hands its job back) unless it is gone already."""
    log_file = folder / f"{name}-{time.monotonic_ns()}.log"
    environment = {**os.environ, **(env or {})}
    with log_file.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.worker"],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while WORKER_READY_LINE not in log_file.read_bytes():
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log_file.read_text(errors="replace")[-3000:]
                raise ServerError(f"the worker did not become ready:\n{tail}")
            time.sleep(0.25)
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
