"""Default settings of the service; each can be overridden by an environment variable
``NEWSMETRICS_<NAME>`` (``app.config.from_prefixed_env("NEWSMETRICS")``) or by ``test_config``."""

from __future__ import annotations

from scoring.resources import DEFAULT_MODEL

# Largest request body in bytes, refused with 413 before it is parsed (Flask's own setting).
# 2 MiB holds one text of the maximum length (MAX_TEXT_CHARS = 200,000 code points)
# even as 4-byte UTF-8, and bounds a batch to about 70 s of parsing at 5,000 words/s, inside
# gunicorn's timeout.
MAX_CONTENT_LENGTH = 2 * 1024 * 1024

# Most articles in one POST /v1/analyze/batch: a CMS page of drafts, or a slice of an archive.
MAX_BATCH_ITEMS = 20

# Reports kept in the in-memory LRU cache of each worker; 0 turns the cache off. A report of a
# 1,000-word article takes a few hundred kilobytes of Python objects, so 128 stay well under 100 MB.
CACHE_SIZE = 128

# Comma-separated API keys; empty means the /v1 routes are open (the service sits next to the CMS).
API_KEYS = ""

# Folder of the reference articles (*.txt, UTF-8) fitted as the "seeds" baseline at start-up;
# None means the seeds shipped in the package (the repository's seeds/).
SEEDS_DIR: str | None = None

# The OpenAPI document served at GET /openapi.yaml; None means the one shipped in the package
# (the repository's openapi.yaml).
OPENAPI_PATH: str | None = None

# spaCy pipeline package loaded once per process (scoring.resources.DEFAULT_MODEL by default;
# "en_core_web_sm" where the official package is installed).
SPACY_MODEL = DEFAULT_MODEL

# Level of the service's JSON log lines on standard error.
LOG_LEVEL = "INFO"
