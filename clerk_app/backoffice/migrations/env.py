"""Alembic runs this for every command: migrate on the connection `migrate()` hands over."""

from __future__ import annotations

from alembic import context

from clerk_app.backoffice.migrations import VERSION_TABLE
from clerk_app.backoffice.schema import metadata


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("the back office migrates on a connection: use clerk_app.backoffice.migrations.migrate")
    context.configure(
        connection=connection, target_metadata=metadata, version_table=VERSION_TABLE, render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
