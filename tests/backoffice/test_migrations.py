"""Revision 0001 creates exactly the tables of clerk_app.backoffice.schema, and migrating is idempotent."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from clerk_app.backoffice.db import make_engine
from clerk_app.backoffice.migrations import HEAD_REVISION, VERSION_TABLE, current_revision, migrate
from clerk_app.backoffice.schema import metadata


def test_migrated_database_matches_the_schema(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate(engine)
        migrate(engine)
        with engine.connect() as connection:
            assert current_revision(connection) == HEAD_REVISION
            context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()
