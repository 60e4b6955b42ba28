"""Version 3: case events (hand-out, evaluation) by event id, and bad-rating follow-up tasks.

`case_events` keeps each event the windows sent under its UUID (the idempotency key), the body as
received and the answer given, so a replay is answered the same; `follow_ups` holds the callback
and correction of each bad rating (差评整改), opened in the transaction that stored the rating.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Moment = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "case_events",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("body_sha256", sa.String(64), nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("at", Moment, nullable=False),
    )
    op.create_index("ix_case_events_case", "case_events", ["case_id"])
    op.create_table(
        "follow_ups",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(36), sa.ForeignKey("case_events.event_id"), nullable=False, unique=True),
        sa.Column("department", sa.String(64), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("clerk", sa.String(64), nullable=False),
        sa.Column("rated_at", Moment, nullable=False),
        sa.Column("due", sa.Date, nullable=False),
        sa.Column("due_estimated", sa.Boolean, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Text, nullable=False),
        sa.Column("steps", sa.Text, nullable=False),
        sa.Column("correction", sa.Text, nullable=True),
        sa.Column("created_at", Moment, nullable=False),
        sa.Column("updated_at", Moment, nullable=False),
    )
    op.create_index("ix_follow_ups_department_state_due", "follow_ups", ["department", "state", "due", "id"])
    op.create_index("ix_follow_ups_case", "follow_ups", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_follow_ups_case", table_name="follow_ups")
    op.drop_index("ix_follow_ups_department_state_due", table_name="follow_ups")
    op.drop_table("follow_ups")
    op.drop_index("ix_case_events_case", table_name="case_events")
    op.drop_table("case_events")
