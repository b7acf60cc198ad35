"""The database tables (SQLAlchemy Core), one ``MetaData``; Alembic migrations create them.

- ``reference_sets``: a named reference set, its articles (to fit in the background and to refit
  after a version change), its status and progress, and once fitted the set as plain data.
- ``jobs``, ``job_items``, ``deliveries``, ``delivery_attempts``: background jobs, each article's
  result, and the signed callbacks with every attempt at delivering them.
- ``articles`` and ``revisions``: what a CMS stored with ``PUT /v1/articles/{id}``; a revision is
  unique per article and input hash, so a repeated identical draft is the same revision.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# A reference set's name and an article's id: the routes' path segments, bounded.
NAME_CHARS = 64
ID_CHARS = 200
HASH_CHARS = 64

reference_sets = Table(
    "reference_sets",
    metadata,
    Column("name", String(NAME_CHARS), primary_key=True),
    Column("description", Text, nullable=False, default=""),
    # fitting: the articles are being analysed; ready: ``data`` holds the fitted set;
    # failed: ``error`` says why (an article that cannot be analysed, a worker that died).
    Column("status", String(16), nullable=False),
    Column("size", Integer, nullable=False),
    Column("done", Integer, nullable=False, default=0),
    Column("error", Text),
    Column("inputs", Text, nullable=False),  # JSON: [{"id", "text", "is_html"}]
    Column("data", Text),  # JSON: scoring.save_reference's document
    Column("fingerprint", String(HASH_CHARS)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # Renewed while a worker fits the set; a stale one means that worker is gone.
    Column("heartbeat", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(ID_CHARS), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

revisions = Table(
    "revisions",
    metadata,
    Column(
        "article_id",
        String(ID_CHARS),
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("number", Integer, primary_key=True),
    # SHA-256 of what was asked (text or html, actors, reference): an identical draft is found.
    Column("input_sha256", String(HASH_CHARS), nullable=False),
    Column("text_sha256", String(HASH_CHARS), nullable=False),
    Column("text", Text),  # the analysed text, only when STORE_TEXT is on
    Column("is_html", Integer, nullable=False, default=0),
    Column("reference", String(NAME_CHARS), nullable=False),
    Column("report", Text, nullable=False),  # JSON: the response document (text-free if off)
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("article_id", "input_sha256", name="uq_revisions_article_input"),
)

# Background jobs (service/storage/jobs.py) ---------------------------------------------------
# A job's id and a delivery's webhook-id: "job_" / "msg_" and 32 hex digits.
JOB_ID_CHARS = 40
# ghost:<post id>:<updated_at>: a Ghost post's version, enqueued once.
DEDUPE_CHARS = 300

jobs = Table(
    "jobs",
    metadata,
    Column("id", String(JOB_ID_CHARS), primary_key=True),
    Column("kind", String(16), nullable=False),  # articles | ghost
    # queued -> running -> done (every article has its result or its problem) | failed (the
    # reference set to fit first could not be fitted).
    Column("status", String(16), nullable=False),
    Column("total", Integer, nullable=False),
    Column("done", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
    Column("error", Text),
    Column("request", Text, nullable=False),  # JSON: articles, options, reference to fit
    Column("callback_url", Text),
    Column("dedupe_key", String(DEDUPE_CHARS), unique=True),
    Column("claims", Integer, nullable=False, default=0),  # times a worker took it
    Column("lease_owner", String(80)),
    Column("lease_until", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
)

# One row per article of a job once it is analysed: written once (the primary key), in the same
# transaction as the job's progress and the article's callback.
job_items = Table(
    "job_items",
    metadata,
    Column(
        "job_id", String(JOB_ID_CHARS), ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("position", Integer, primary_key=True),
    Column("status", Integer, nullable=False),  # 200, or the problem's status
    Column("result", Text, nullable=False),  # JSON: {"result": ...} or {"problem": ...}
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# A callback to deliver: its webhook-id is fixed when it is made, so every retry (and a delivery
# repeated after a worker died mid-send) carries the same id and the receiver can drop repeats.
deliveries = Table(
    "deliveries",
    metadata,
    Column("id", String(JOB_ID_CHARS), primary_key=True),
    Column(
        "job_id", String(JOB_ID_CHARS), ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False
    ),
    Column("event", String(40), nullable=False),
    Column("url", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("status", String(16), nullable=False),  # pending | delivered | failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("lease_until", DateTime(timezone=True)),
    Column("last_status", Integer),
    Column("last_error", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("delivered_at", DateTime(timezone=True)),
)

delivery_attempts = Table(
    "delivery_attempts",
    metadata,
    Column(
        "delivery_id",
        String(JOB_ID_CHARS),
        ForeignKey("deliveries.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("number", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("status", Integer),  # the HTTP status, None when no answer came
    Column("error", Text),
    Column("seconds", Float, nullable=False),
)
