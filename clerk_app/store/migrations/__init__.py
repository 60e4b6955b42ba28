"""The Alembic environment of the local store, run from code: users need no alembic.ini.

Revisions live in `versions/` inside the package, so they ship in the wheel and a newer release
upgrades a workstation's file in place when it opens it (`clerk_app.store.engine.open_database`).
Developers write a new revision with `alembic_config()` and `alembic.command.revision`, numbered
after the last one (0002_..., 0003_...), by hand: never generate one from the tables blindly.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

SCRIPT_LOCATION = Path(__file__).resolve().parent


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for this package; with a connection, commands run on it."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "the store has no migrations"
    return head


def known_revisions() -> frozenset[str]:
    return frozenset(script.revision for script in script_directory().walk_revisions())


def current_revision(connection: Connection) -> str | None:
    """The revision recorded in the database, or None for a database never migrated."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Migrate inside the connection's current transaction (the caller commits)."""
    command.upgrade(alembic_config(connection), revision)
