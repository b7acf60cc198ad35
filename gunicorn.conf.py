"""Gunicorn settings for the newsmetrics API: `gunicorn -c gunicorn.conf.py "service:create_app()"`.

Each setting says why it has its value. PORT and WEB_CONCURRENCY follow the usual platform names;
NEWSMETRICS_TIME_BUDGET and NEWSMETRICS_DRAIN_SECONDS are the service's own (service/config.py).
A bad number stops the start-up with a message naming the variable.
"""

import os

from service.config import StartupError, from_environment
from service.deploy import drain_on_term, exit_worker_process, install_problem_errors


def _whole(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    if not value.strip().isdigit():
        raise StartupError(f"{name} must be a whole number; got {value!r}")
    return int(value)


# All interfaces, so a container's published port reaches it; PORT as platforms set it.
# bin/serve binds 127.0.0.1 instead unless HOST says otherwise (its --bind wins over this).
bind = f"0.0.0.0:{_whole('PORT', '8000')}"

# Parsing is CPU-bound and single-threaded: one worker per core (2 on the target machine).
workers = _whole("WEB_CONCURRENCY", "2")

# Sync workers, one request at a time each: threads would only contend for the GIL while parsing.
worker_class = "sync"

# Load the app (spaCy pipeline, lexicons, seed baseline: about 1.5 s, ~200 MB) once in the master
# and fork: workers share those pages copy-on-write and a restarted worker is ready at once.
preload_app = True

# The app refuses work it estimates beyond its time budget (NEWSMETRICS_TIME_BUDGET, 40 s by
# default; service/budget.py), so no legitimate request comes near this: twice the budget and at
# least 120 s leaves room for an estimate that is off on a slow machine. A worker silent for
# longer is stuck and is replaced.
TIME_BUDGET_S = float(from_environment("TIME_BUDGET"))
timeout = max(120, int(2 * TIME_BUDGET_S) + 1)

# On SIGTERM, /readyz turns 503 at once and requests are still served for this long, so a load
# balancer moves traffic away before the socket closes (NEWSMETRICS_DRAIN_SECONDS; on_starting).
DRAIN_SECONDS = float(from_environment("DRAIN_SECONDS"))

# After the drain, in-flight requests get this long to finish: at least the time budget, so an
# admitted article always completes. Stop timeouts must exceed drain + this
# (compose.yaml's stop_grace_period; `docker run --stop-timeout 75`).
graceful_timeout = max(30, int(TIME_BUDGET_S) + 1)

# A CMS posts a draft on every save over a kept-alive connection; 5 s spans a burst of saves
# without tying up a sync worker for long.
keepalive = 5

# Recycle each worker after about 1,000 requests (jitter: workers do not restart together):
# spaCy's string store grows with every new word it sees, so memory would creep up forever.
max_requests = 1000
max_requests_jitter = 100

# No gunicorn access log: the app writes one JSON line per request with its request id and timing.
accesslog = None
# Gunicorn's own messages (start, worker boot and exit) on standard error, next to the app's lines.
errorlog = "-"
loglevel = "info"

# The worker heartbeat file lives in memory: a slow or overlay disk in a container cannot stall it.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# No control socket: it needs a writable $HOME (the image's user has none), and two servers on one
# machine (tests, benchmarks) would fight over the same default path.
control_socket_disable = True


def on_starting(server):
    """Master hooks before any worker forks: errors gunicorn answers itself become problem+json
    (service/deploy.py), and SIGTERM drains for DRAIN_SECONDS before stopping."""
    install_problem_errors()
    drain_on_term(server, DRAIN_SECONDS)


def worker_exit(server, worker):
    """A stopping worker ends its process here, skipping Python's finalisation: ONNX Runtime's
    process-wide environment is created in the master (the seeds are scored before the fork), and
    finalising it in a forked worker waits forever on a lock (measured: every stop took the whole
    graceful_timeout, even with the master's session closed). Its requests are done by now."""
    exit_worker_process()
