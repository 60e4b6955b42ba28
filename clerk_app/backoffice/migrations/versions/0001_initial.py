"""Version 1 of the back-office database: accounts, tokens, cases, files, queue, history, changes.

Written out by hand, not from the current tables, so that it stays what version 1 was
(tests/backoffice/test_migrations.py checks it matches clerk_app.backoffice.schema).

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Moment = sa.DateTime(timezone=True)


def upgrade() -> None:
    _accounts()
    _cases()
    _files()
    _queue()
    _history()
    _changes()


def _accounts() -> None:
    op.create_table(
        "accounts",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("departments", sa.Text, nullable=False),
        sa.Column("hall_code", sa.String(32), nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("created_at", Moment, nullable=False),
    )
    op.create_table(
        "tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(64), sa.ForeignKey("accounts.username"), nullable=False),
        sa.Column("expires_at", Moment, nullable=False),
        sa.Column("created_at", Moment, nullable=False),
    )


def _cases() -> None:
    op.create_table(
        "cases",
        sa.Column("case_id", sa.String(64), primary_key=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("hall_code", sa.String(32), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("applicant_name", sa.Text, nullable=False),
        sa.Column("departments", sa.Text, nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("deadline", sa.Date, nullable=True),
        sa.Column("complete", sa.Boolean, nullable=False),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        sa.Column("decision", sa.Text, nullable=True),
        sa.Column("received_at", Moment, nullable=False),
        sa.Column("updated_at", Moment, nullable=False),
    )
    op.create_index("ix_cases_hall", "cases", ["hall_code"])
    op.create_table(
        "case_revisions",
        sa.Column("case_id", sa.String(64), primary_key=True),
        sa.Column("revision", sa.Integer, primary_key=True),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("body_sha256", sa.String(64), nullable=False),
        sa.Column("submitted_by", sa.String(64), nullable=False),
        sa.Column("received_at", Moment, nullable=False),
    )


def _files() -> None:
    op.create_table(
        "case_files",
        sa.Column("case_id", sa.String(64), sa.ForeignKey("cases.case_id"), primary_key=True),
        sa.Column("sha256", sa.String(64), primary_key=True),
    )
    op.create_index("ix_case_files_sha256", "case_files", ["sha256"])
    op.create_table(
        "files",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("stored_at", Moment, nullable=False),
    )


def _queue() -> None:
    op.create_table(
        "queue",
        sa.Column("department", sa.String(64), primary_key=True),
        sa.Column("case_id", sa.String(64), sa.ForeignKey("cases.case_id"), primary_key=True),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("deadline", sa.Date, nullable=True),
    )
    op.create_index("ix_queue_department_state_deadline", "queue", ["department", "state", "deadline", "case_id"])
    op.create_index("ix_queue_department_deadline", "queue", ["department", "deadline", "case_id"])
    op.create_index("ix_queue_case", "queue", ["case_id"])


def _history() -> None:
    op.create_table(
        "history",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("from_state", sa.String(32), nullable=True),
        sa.Column("to_state", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("at", Moment, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_history_case", "history", ["case_id", "id"])


def _changes() -> None:
    op.create_table(
        "changes",
        sa.Column("cursor", BigId, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(64), nullable=False),
        sa.Column("hall_code", sa.String(32), nullable=False),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("at", Moment, nullable=False),
        sa.Column("decision", sa.Text, nullable=True),
    )
    op.create_index("ix_changes_hall_cursor", "changes", ["hall_code", "cursor"])


def downgrade() -> None:
    for table in ("changes", "history", "queue", "files", "case_files", "case_revisions", "cases", "tokens",
                  "accounts"):
        op.drop_table(table)
