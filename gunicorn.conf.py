"""Gunicorn settings for the newsmetrics API: `gunicorn -c gunicorn.conf.py "service:create_app()"`.

Each setting says why it has its value. PORT and WEB_CONCURRENCY follow the usual platform names.
"""

import os

# All interfaces, so a container's published port reaches it; PORT as platforms set it.
bind = f"0.0.0.0:{int(os.environ.get('PORT', '8000'))}"

# Parsing is CPU-bound and single-threaded: one worker per core (2 on the target machine).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))

# Sync workers, one request at a time each: threads would only contend for the GIL while parsing.
worker_class = "sync"

# Load the app (spaCy pipeline, lexicons, seed baseline: about 1.5 s, ~200 MB) once in the master
# and fork: workers share those pages copy-on-write and a restarted worker is ready at once.
preload_app = True

# Longest legitimate request: a batch at the 2 MiB body limit is about 70 s of parsing at
# 5,000 words/s; a worker silent for longer than this is stuck and is replaced.
timeout = 120

# On SIGTERM, in-flight requests get this long to finish (one article takes well under a second;
# run containers with a stop timeout above it, e.g. `docker run --stop-timeout 35`).
graceful_timeout = 30

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
