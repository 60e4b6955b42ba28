"""Migrations: a new file gets the whole schema, an old file is upgraded in place with its data."""

from __future__ import annotations

import io
import json
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from clerk_app.core.case_codec import case_to_dict
from clerk_app.store import migrations
from clerk_app.store.accounts import AccountStore
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import make_engine, open_database, read, write
from clerk_app.store.schema import Base
from tests.store.sample import accepted

TABLES = {"alembic_version", "cases", "case_documents", "case_transitions", "window_sequences", "accounts",
          "outbox", "sync_cursor", "audit_log", "case_events"}


def test_new_file_is_at_head(engine: Engine) -> None:
    with read(engine) as connection:
        assert migrations.current_revision(connection) == migrations.head_revision()
        assert set(inspect(connection).get_table_names()) == TABLES


def test_alembic_current_reports_head(engine: Engine) -> None:
    output = io.StringIO()
    with read(engine) as connection:
        config = migrations.alembic_config(connection)
        config.stdout = output
        command.current(config)
    assert f"{migrations.head_revision()} (head)" in output.getvalue()


def test_migrations_build_exactly_the_declared_tables(engine: Engine) -> None:
    with read(engine) as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_first_revision_is_0001() -> None:
    assert "0001" in migrations.known_revisions()
    assert migrations.script_directory().get_revision("0001").down_revision is None


def _v1_database(path: Path) -> Engine:
    """A file as release 1 left it: schema 0001 and rows written with plain SQL of that schema."""
    engine = make_engine(path)
    with write(engine) as connection:
        migrations.upgrade(connection, "0001")
    case = accepted("BT01-W07-20261123-0001")
    with write(engine) as connection:
        connection.exec_driver_sql(
            "INSERT INTO cases (id, number, code, name, state, hall_code, window_code, clerk, applicant_name,"
            " applicant_id_number, created_at, created_day, updated_at, revision, sync_state)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (case.id, case.number, case.code, case.name, case.state.value, case.hall_code, case.window_code,
             case.clerk, case.applicant.name, case.applicant.id_number, case.created_at.isoformat(),
             case.created_at.date().isoformat(), case.created_at.isoformat(), 1, "pending"),
        )
        connection.exec_driver_sql(
            "INSERT INTO case_documents VALUES (?, ?)", (case.id, json.dumps(case_to_dict(case), ensure_ascii=False))
        )
        step = case.transitions[0]
        connection.exec_driver_sql(
            "INSERT INTO case_transitions VALUES (?, 1, ?, ?, ?, ?, ?)",
            (case.id, step.from_state.value, step.to_state.value, step.at.isoformat(), step.actor, step.note),
        )
        connection.exec_driver_sql("INSERT INTO window_sequences VALUES ('BT01', 'W07', '2026-11-23', 1)")
        connection.exec_driver_sql(
            "INSERT INTO accounts VALUES ('old', '老用户', 'clerk', 'scrypt$bad', '2026-01-01T00:00:00', 1)"
        )
    engine.dispose()
    return case


def test_v1_database_with_data_is_upgraded_in_place(db_path: Path) -> None:
    case = _v1_database(db_path)
    engine = open_database(db_path)
    try:
        with read(engine) as connection:
            assert migrations.current_revision(connection) == migrations.head_revision()
        store = CaseStore(engine)
        assert store.get(case.id) == case
        assert store.sync_state(case.id).value == "pending"
        assert store.allocate_number("BT01", "W07", case.created_at.date()) == "BT01-W07-20261123-0002"
        old = AccountStore(engine).get("old")
        assert old is not None and old.disabled and old.display_name == "老用户"
    finally:
        engine.dispose()


def test_reopening_keeps_everything(db_path: Path) -> None:
    engine = open_database(db_path)
    saved = CaseStore(engine).save(accepted("BT01-W07-20261123-0001"))
    engine.dispose()
    engine = open_database(db_path)
    try:
        assert CaseStore(engine).get(saved.id) == saved
    finally:
        engine.dispose()


def test_downgrade_to_nothing_and_back(engine: Engine) -> None:
    with write(engine) as connection:
        command.downgrade(migrations.alembic_config(connection), "base")
    with read(engine) as connection:
        assert set(inspect(connection).get_table_names()) == {"alembic_version"}
    with write(engine) as connection:
        migrations.upgrade(connection)
    with read(engine) as connection:
        assert set(inspect(connection).get_table_names()) == TABLES


def test_head_constant_matches_alembic() -> None:
    from clerk_app.store import migrations

    assert migrations.alembic_head() == migrations.HEAD_REVISION
