"""Version 1 of the local store: cases, their documents and transitions, window sequences, accounts.

Written out by hand, not from the current tables, so that it stays what version 1 was.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    _cases()
    _case_documents()
    _case_transitions()
    _window_sequences()
    _accounts()


def _cases() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(26), nullable=False),
        sa.Column("number", sa.String(40), nullable=True),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("hall_code", sa.String(8), nullable=False),
        sa.Column("window_code", sa.String(8), nullable=False),
        sa.Column("clerk", sa.String(64), nullable=False),
        sa.Column("applicant_name", sa.Text(), nullable=False),
        sa.Column("applicant_id_number", sa.String(32), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("created_day", sa.Date(), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("sync_state", sa.String(16), server_default="local", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
        sa.UniqueConstraint("number", name="uq_cases_number"),
    )
    op.create_index("ix_cases_applicant_id_number", "cases", ["applicant_id_number"])
    op.create_index("ix_cases_created_at_id", "cases", ["created_at", "id"])
    op.create_index("ix_cases_created_day", "cases", ["created_day"])


def _case_documents() -> None:
    op.create_table(
        "case_documents",
        sa.Column("case_id", sa.String(26), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_case_documents_case_id_cases"),
        sa.PrimaryKeyConstraint("case_id", name="pk_case_documents"),
    )


def _case_transitions() -> None:
    op.create_table(
        "case_transitions",
        sa.Column("case_id", sa.String(26), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("from_state", sa.String(32), nullable=False),
        sa.Column("to_state", sa.String(32), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_case_transitions_case_id_cases"),
        sa.PrimaryKeyConstraint("case_id", "seq", name="pk_case_transitions"),
    )


def _window_sequences() -> None:
    op.create_table(
        "window_sequences",
        sa.Column("hall_code", sa.String(8), nullable=False),
        sa.Column("window_code", sa.String(8), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("hall_code", "window_code", "day", name="pk_window_sequences"),
    )


def _accounts() -> None:
    op.create_table(
        "accounts",
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("disabled", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.PrimaryKeyConstraint("username", name="pk_accounts"),
    )


def downgrade() -> None:
    op.drop_table("accounts")
    op.drop_table("window_sequences")
    op.drop_table("case_transitions")
    op.drop_table("case_documents")
    op.drop_table("cases")
