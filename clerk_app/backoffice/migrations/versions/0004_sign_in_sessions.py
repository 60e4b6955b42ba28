"""Version 4: sign-in sessions (attendance for the bulletin), and cases indexed by reception.

`sign_in_sessions` holds one row per token issued: who, from which client, when it started, when
it was last used (written at most once a minute) and when it was signed out (NULL while it lasts,
or when the client never signed out: its last use then stands for the end). The statistics read
the cases accepted in a period starting from `ix_cases_received`: a case reaches the back office
at or after its acceptance.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Moment = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sign_in_sessions",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=True),
        sa.Column("client", sa.String(100), nullable=False),
        sa.Column("started_at", Moment, nullable=False),
        sa.Column("last_seen_at", Moment, nullable=False),
        sa.Column("ended_at", Moment, nullable=True),
    )
    op.create_index("ix_sign_in_sessions_started", "sign_in_sessions", ["started_at"])
    op.create_index("ix_sign_in_sessions_token", "sign_in_sessions", ["token_hash"])
    op.create_index("ix_cases_received", "cases", ["received_at"])


def downgrade() -> None:
    op.drop_index("ix_cases_received", table_name="cases")
    op.drop_table("sign_in_sessions")
