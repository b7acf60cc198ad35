"""Alembic's environment: migrations run on the connection ``service.storage.migrate`` opened
(it holds the lock that keeps two processes from migrating at once)."""

from __future__ import annotations

from alembic import context

from service.storage.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
