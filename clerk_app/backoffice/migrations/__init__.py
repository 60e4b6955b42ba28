"""The back office's own Alembic environment, run from code (no alembic.ini needed).

Its version table is `backoffice_alembic_version`, so it never mixes with another schema's.
Several instances may start at once against one PostgreSQL database: `migrate` takes an advisory
lock so only one of them upgrades. New revisions are numbered by hand (0002_..., 0003_...).
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Engine

from clerk_app.backoffice import db

SCRIPT_LOCATION = Path(__file__).resolve().parent
VERSION_TABLE = "backoffice_alembic_version"
HEAD_REVISION = "0005"


def alembic_config(connection: sa.Connection | None = None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(connection: sa.Connection) -> str | None:
    if not sa.inspect(connection).has_table(VERSION_TABLE):
        return None
    row = connection.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).first()
    return str(row[0]) if row is not None else None


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema; nothing is written when it is there already."""
    with db.read(engine) as connection:
        if current_revision(connection) == HEAD_REVISION:
            return
    from alembic import command

    with db.write(engine) as connection:
        db.lock_keys(connection, ["backoffice-migrations"])
        if current_revision(connection) != HEAD_REVISION:
            command.upgrade(alembic_config(connection), "head")
