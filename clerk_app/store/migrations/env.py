"""Alembic runs this for every command: migrate on the connection the store hands over."""

from __future__ import annotations

from alembic import context

from clerk_app.store.schema import Base


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("the store's migrations run on a connection: use clerk_app.store.migrations.upgrade")
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run()
