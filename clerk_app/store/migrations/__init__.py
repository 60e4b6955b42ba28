"""The Alembic environment of the local store, run from code: users need no alembic.ini.

Revisions live in `versions/` inside the package, so they ship in the wheel and a newer release
upgrades a workstation's file in place when it opens it (`clerk_app.store.engine.open_database`).
Developers write a new revision with `alembic_config()` and `alembic.command.revision`, numbered
after the last one (0002_..., 0003_...), by hand: never generate one from the tables blindly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

SCRIPT_LOCATION = Path(__file__).resolve().parent
# The newest revision in versions/. Opening a file already there needs no Alembic import (it
# costs most of a second at start-up); tests/store checks this equals Alembic's own head.
HEAD_REVISION = "0004"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for this package; with a connection, commands run on it."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return HEAD_REVISION


def alembic_head() -> str:
    """The head as Alembic finds it in versions/ (tests compare it with HEAD_REVISION)."""
    head = script_directory().get_current_head()
    assert head is not None, "the store has no migrations"
    return head


def known_revisions() -> frozenset[str]:
    return frozenset(script.revision for script in script_directory().walk_revisions())


def current_revision(connection: Connection) -> str | None:
    """The revision recorded in the database, or None for a database never migrated."""
    exists = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if exists is None:
        return None
    row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return str(row[0]) if row is not None else None


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Migrate inside the connection's current transaction (the caller commits)."""
    from alembic import command

    command.upgrade(alembic_config(connection), revision)
