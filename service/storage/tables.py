"""The database tables (SQLAlchemy Core), one ``MetaData``; Alembic migrations create them.

- ``reference_sets``: a named reference set, its articles (to fit in the background and to refit
  after a version change), its status and progress, and once fitted the set as plain data.
- ``articles`` and ``revisions``: what a CMS stored with ``PUT /v1/articles/{id}``; a revision is
  unique per article and input hash, so a repeated identical draft is the same revision.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
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
