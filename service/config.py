"""Default settings of the service; each can be overridden by an environment variable
``NEWSMETRICS_<NAME>`` (``app.config.from_prefixed_env("NEWSMETRICS")``) or by ``test_config``.

``checked`` validates them at start-up, so a bad value stops the service with a message naming
the variable and the value rather than a traceback (or a 500) later.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, MutableMapping
from typing import Any

from scoring.resources import DEFAULT_MODEL, TIER_VARIABLE
from scoring.sentiment.encoder import DEFAULT_TIER, TIERS

PREFIX = "NEWSMETRICS_"

# Largest request body in bytes, refused with 413 before it is parsed (Flask's own setting).
# 2 MiB holds one text of the maximum length (MAX_TEXT_CHARS = 200,000 code points)
# even as 4-byte UTF-8; what a batch may cost in time is bounded by TIME_BUDGET below.
MAX_CONTENT_LENGTH = 2 * 1024 * 1024

# Most articles in one POST /v1/analyze/batch: a CMS page of drafts, or a slice of an archive.
MAX_BATCH_ITEMS = 20

# Reports kept in the in-memory LRU cache of each worker; 0 turns the cache off.
CACHE_SIZE = 128

# Bytes the cached reports of one worker may take, kept pickled (service/cache.py): a
# 200,000-character quote-heavy report is about 3 MB, a seed article's about 35 KB. 64 MiB per
# worker keeps master + 2 workers (about 450 MB warmed up) well under compose.yaml's 1 GB limit.
CACHE_BYTES = 64 * 1024 * 1024

# Seconds of analysis one request may spend (a batch's items share it). Each uncached article
# is admitted only if its estimated time (ITEM_OVERHEAD_S + characters / CHARS_PER_SECOND) fits
# what is left, and an admitted one is stopped (503) if it is still running when the budget is
# spent; gunicorn.conf.py sets the worker timeout to at least twice this. 40 s: a batch of 20
# articles of 5,000 characters fits, and so does one article of up to 119,700 characters.
TIME_BUDGET = 40.0

# Characters analysed per second (parse included), for the estimate above: the slowest text is
# real news, whose many actor mentions each cost an encoder call (distinct news articles,
# benchmarks/scaling.py --families news: 3,600-5,400 chars/s from 25,000 to 200,000 characters
# on the 2-core machine at load average 5-8; through the service, 4,000 for 119,500 characters
# of it; the repeated families 5,500-20,000), so 3,000: what is admitted finishes in time even on
# a busy machine. README "Reliability" gives the command that measures it; recalibrate on slower
# hardware.
CHARS_PER_SECOND = 3000.0

# Estimated fixed cost of one article (parse set-up, comparison, dump), in seconds.
ITEM_OVERHEAD_S = 0.1

# Seconds between SIGTERM and closing the listening socket: /readyz answers 503 and requests
# are still served, so a load balancer moves traffic first (read by gunicorn.conf.py).
DRAIN_SECONDS = 10.0

# Comma-separated API keys; empty means the /v1 routes are open (the service sits next to the CMS).
API_KEYS = ""

# Folder of the reference articles (*.txt, UTF-8) fitted as the "seeds" baseline at start-up;
# None means the seeds shipped in the package (the repository's seeds/).
SEEDS_DIR: str | None = None

# The OpenAPI document served at GET /openapi.yaml; None means the one shipped in the package
# (the repository's openapi.yaml). A path that is not a file stops the start-up.
OPENAPI_PATH: str | None = None

# spaCy pipeline package (or pipeline folder) loaded once per process
# (scoring.resources.DEFAULT_MODEL by default; "en_core_web_sm" where the official package is).
SPACY_MODEL = DEFAULT_MODEL

# Sentiment model: "fast" (MiniLM int8, in every image) or "accurate" (mpnet int8: NewsMTSC dev
# F1m 0.845 / 0.875 against 0.828 / 0.758, at about 14x the CPU per target and 860 MB peak RSS
# per process against 388; only in the image built with --build-arg SENTIMENT_TIER=accurate,
# which sets it).
# Loaded once per process by scoring.resources, which reads the same variable,
# NEWSMETRICS_SENTIMENT_TIER; each report's versions.sentiment_model names the model that ran.
SENTIMENT_TIER = DEFAULT_TIER

# Level of the service's JSON log lines on standard error.
LOG_LEVEL = "INFO"

# The SQLite file used when DATABASE_URL is not set, relative to the working directory.
DEFAULT_SQLITE = "var/newsmetrics.sqlite3"

# Where reference sets, articles and revisions are stored: any SQLAlchemy URL. None means a
# SQLite file, var/newsmetrics.sqlite3 under the working directory (no set-up needed);
# postgresql://user:password@host/db for replicas that share one store (psycopg 3).
DATABASE_URL: str | None = None

# The reference set a request compares with when it names none ("seeds", "none", or a stored
# set's name; a stored set that is missing or still fitting answers 404 / 409 then).
DEFAULT_REFERENCE = "seeds"

# Whether PUT /v1/articles/{id} keeps the article's text. Off by default: drafts are unpublished
# and the CMS already holds them, so the service keeps only each revision's text hash, figures
# and span offsets (no quoted words), which is all a diff between revisions needs.
STORE_TEXT = False

# Days a stored revision is kept; 0 keeps them until deleted. `python -m service.storage purge`
# deletes older ones (run it from cron or a scheduled job).
RETENTION_DAYS = 0

# Reference sets of at most this many articles are fitted inside POST /v1/references (201);
# larger ones in the background (202 with a Location to poll).
REFERENCE_SYNC_ARTICLES = 20

# Most articles in one reference set, and the largest POST /v1/references body in bytes.
REFERENCE_MAX_ARTICLES = 2000
REFERENCE_MAX_BODY = 64 * 1024 * 1024

# Seconds without progress after which a background fitting counts as abandoned (its worker
# died) and the next worker asked about the set starts it again.
FIT_STALE_SECONDS = 120.0

# Background jobs (POST /v1/jobs, service/jobs.py; run by `python -m service.worker`).
# Largest POST /v1/jobs body in bytes, and most articles in one job: a night's archive.
JOBS_MAX_BODY = 64 * 1024 * 1024
JOBS_MAX_ARTICLES = 10_000

# Seconds a worker's claim on a job (or on a callback delivery) lasts without renewal; it renews
# it after every article and every third of this. A worker that died (kill -9, a lost machine)
# stops renewing, and another worker takes the job over this long after its last renewal.
JOB_LEASE_SECONDS = 60.0

# Seconds an idle worker waits before looking for work again.
WORKER_POLL_SECONDS = 1.0

# Niceness the worker adds to itself at start (0 to 19): its analyses are background work, so
# on a machine it shares with gunicorn the requests (a Ghost webhook's acknowledgement, which
# Ghost waits 2 s for) get the processor first.
WORKER_NICE = 10

# Secret that signs the callbacks (Standard Webhooks: "whsec_" and base64 of 24 to 64 random
# bytes; `python -c "from service.webhooks import new_secret; print(new_secret())"` makes one).
# Empty: jobs are still run and stored, but a job with a callback_url is refused (422).
WEBHOOK_SECRET = ""

# Comma-separated host names a callback_url may name, optionally with a port ("cms.example.org",
# "hooks.example.org:8443"). Empty, the default: no callback is allowed, so the service sends no
# request anywhere until an operator names the hosts. IP addresses are never accepted (name the
# host), and redirects are never followed.
CALLBACK_HOSTS = ""

# Whether callback URLs must be https (turn off only for a receiver on this machine or a test).
CALLBACK_HTTPS_ONLY = True

# Delivery of one callback: seconds to wait for the receiver, most attempts, and the backoff
# before attempt n+1 (CALLBACK_BACKOFF_SECONDS * 2**(n-1), at most CALLBACK_MAX_DELAY_SECONDS):
# 8 attempts at 5 s doubling retry for about 10 minutes before the delivery counts as failed.
CALLBACK_TIMEOUT_SECONDS = 10.0
CALLBACK_ATTEMPTS = 8
CALLBACK_BACKOFF_SECONDS = 5.0
CALLBACK_MAX_DELAY_SECONDS = 3600.0

# Ghost webhooks (POST /v1/integrations/ghost): the secret of the webhook as Ghost Admin shows it
# (empty: the route refuses every request with 401), the oldest signature timestamp accepted
# (Ghost retries a failed delivery a few times within seconds; 5 minutes also allows for clock
# skew) and the largest body (Ghost sends each post's HTML and plain text, current and previous).
GHOST_WEBHOOK_SECRET = ""
GHOST_TOLERANCE_SECONDS = 300.0
GHOST_MAX_BODY = 8 * 1024 * 1024

# Numeric settings: (type, smallest value allowed, whether the smallest value is excluded).
NUMBERS: dict[str, tuple[type, float, bool]] = {
    "MAX_CONTENT_LENGTH": (int, 1, False),
    "MAX_BATCH_ITEMS": (int, 1, False),
    "CACHE_SIZE": (int, 0, False),
    "CACHE_BYTES": (int, 0, False),
    "TIME_BUDGET": (float, 0, True),
    "CHARS_PER_SECOND": (float, 0, True),
    "ITEM_OVERHEAD_S": (float, 0, False),
    "DRAIN_SECONDS": (float, 0, False),
    "RETENTION_DAYS": (float, 0, False),
    "REFERENCE_SYNC_ARTICLES": (int, 0, False),
    "REFERENCE_MAX_ARTICLES": (int, 1, False),
    "REFERENCE_MAX_BODY": (int, 1, False),
    "FIT_STALE_SECONDS": (float, 0, True),
    "JOBS_MAX_BODY": (int, 1, False),
    "JOBS_MAX_ARTICLES": (int, 1, False),
    "JOB_LEASE_SECONDS": (float, 0, True),
    "WORKER_POLL_SECONDS": (float, 0, True),
    "WORKER_NICE": (int, 0, False),
    "CALLBACK_TIMEOUT_SECONDS": (float, 0, True),
    "CALLBACK_ATTEMPTS": (int, 1, False),
    "CALLBACK_BACKOFF_SECONDS": (float, 0, False),
    "CALLBACK_MAX_DELAY_SECONDS": (float, 0, False),
    "GHOST_TOLERANCE_SECONDS": (float, 0, True),
    "GHOST_MAX_BODY": (int, 1, False),
}


class StartupError(RuntimeError):
    """The service cannot start as configured; the message names the setting or file."""


def number(name: str, value: Any) -> int | float:
    """The numeric setting ``name`` as its type, or a StartupError naming it and the value."""
    kind, lowest, exclusive = NUMBERS[name]
    text = value.strip() if isinstance(value, str) else value
    try:
        if isinstance(text, bool):
            raise ValueError(text)
        parsed = kind(float(text)) if kind is float else _whole(text)
    except (TypeError, ValueError, OverflowError) as err:
        raise StartupError(_bad(name, value, kind, lowest, exclusive)) from err
    if parsed < lowest or (exclusive and parsed == lowest) or parsed != parsed:
        raise StartupError(_bad(name, value, kind, lowest, exclusive))
    return parsed


def _whole(value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) or (isinstance(value, str) and value.lstrip("+-").isdigit()):
        return int(value)
    raise ValueError(value)


def _bad(name: str, value: Any, kind: type, lowest: float, exclusive: bool) -> str:
    what = "a whole number" if kind is int else "a number"
    bound = f"{'>' if exclusive else '>='} {lowest:g}"
    return f"{PREFIX}{name} must be {what} {bound}; got {value!r}"


def checked(settings: MutableMapping[str, Any]) -> None:
    """Turn every numeric setting into its type and check the others, in place."""
    for name in NUMBERS:
        settings[name] = number(name, settings[name])
    level = str(settings["LOG_LEVEL"]).upper()
    if not isinstance(logging.getLevelName(level), int):
        raise StartupError(f"{PREFIX}LOG_LEVEL must be a logging level name; got {level!r}")
    settings["LOG_LEVEL"] = level
    tier = str(settings["SENTIMENT_TIER"]).strip().lower()
    if tier not in TIERS:
        raise StartupError(f"{TIER_VARIABLE} must be one of {', '.join(TIERS)}; got {tier!r}")
    settings["SENTIMENT_TIER"] = tier
    settings["STORE_TEXT"] = flag("STORE_TEXT", settings["STORE_TEXT"])
    settings["CALLBACK_HTTPS_ONLY"] = flag("CALLBACK_HTTPS_ONLY", settings["CALLBACK_HTTPS_ONLY"])
    _check_webhook_settings(settings)
    if not settings["DATABASE_URL"]:
        settings["DATABASE_URL"] = f"sqlite:///{os.path.abspath(DEFAULT_SQLITE)}"


def flag(name: str, value: Any) -> bool:
    """A true/false setting: a bool, or "true"/"false"/"1"/"0" from the environment."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise StartupError(f"{PREFIX}{name} must be true or false; got {value!r}")


def from_environment(name: str, environ: Mapping[str, str] = os.environ) -> int | float:
    """A numeric setting as the environment gives it (for gunicorn.conf.py), else its default."""
    raw = environ.get(PREFIX + name)
    return number(name, globals()[name] if raw is None else raw)


def _check_webhook_settings(settings: MutableMapping[str, Any]) -> None:
    """The callback secret and allow-list, parsed once (a bad one stops the start-up)."""
    from service.webhooks import WebhookConfigError, parse_hosts, parse_secret

    for name in ("WEBHOOK_SECRET", "GHOST_WEBHOOK_SECRET"):
        # from_prefixed_env reads a value that parses as JSON as JSON: a secret of digits
        # would arrive as a number and sign differently.
        if not isinstance(settings[name], str):
            raise StartupError(f'{PREFIX}{name} must be text; quote it as JSON ("...")')
    try:
        settings["WEBHOOK_KEY"] = parse_secret(str(settings["WEBHOOK_SECRET"] or ""))
        settings["CALLBACK_HOST_SET"] = parse_hosts(settings["CALLBACK_HOSTS"])
    except WebhookConfigError as err:
        raise StartupError(f"{PREFIX}{err}") from err
