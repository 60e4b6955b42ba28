"""Version 2 of the local store: the sync outbox and the change-feed cursor.

Every case decided at the window before this version (accepted, tolerance-accepted, notified,
refused) and not yet sent gets its outbox row here, serialised exactly as `CaseStore.save` does,
and becomes `pending`: upgrading a workstation never forgets a case it holds.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DECIDED = ("accepted", "tolerance_accepted", "notified", "refused")


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(26), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("next_attempt_at", sa.String(40), nullable=True),
        sa.Column("last_error", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_outbox_case_id_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("case_id", "revision", name="uq_outbox_case_id_revision"),
    )
    op.create_index("ix_outbox_state_id", "outbox", ["state", "id"])
    op.create_table(
        "sync_cursor",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_sync_cursor"),
    )
    _queue_decided_cases()


def _queue_decided_cases() -> None:
    """Queue what version 1 decided but never sent (`local`, or `pending` without an outbox then)."""
    connection = op.get_bind()
    marks = ", ".join(f"'{state}'" for state in DECIDED)
    rows = connection.exec_driver_sql(
        "SELECT c.id, c.revision, d.data FROM cases c JOIN case_documents d ON d.case_id = c.id"
        f" WHERE c.state IN ({marks}) AND c.sync_state IN ('local', 'pending') ORDER BY c.created_at, c.id"
    ).all()
    now = datetime.now().astimezone().isoformat()
    for case_id, case_revision, data in rows:
        document = json.loads(data) if isinstance(data, str) else data
        payload = json.dumps(document, sort_keys=True, ensure_ascii=False).encode("utf-8")
        connection.exec_driver_sql(
            "INSERT INTO outbox (case_id, revision, payload, sha256, state, attempts, last_error, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, 'pending', 0, '', ?, ?)",
            (case_id, case_revision, payload, hashlib.sha256(payload).hexdigest(), now, now),
        )
        connection.exec_driver_sql("UPDATE cases SET sync_state = 'pending' WHERE id = ?", (case_id,))


def downgrade() -> None:
    op.drop_table("sync_cursor")
    op.drop_index("ix_outbox_state_id", table_name="outbox")
    op.drop_table("outbox")
