"""Version 5: the server's audit trail (hash-chained, signed) and sign-in throttling.

`audit_log` is only ever appended to: `seq` is handed out under a lock (see
`clerk_app.backoffice.audit`), each entry carries the hash of the one before it and an Ed25519
signature of its own hash by the key `key_id` names; `audit_keys` lists the public keys the
service has signed with (a verifier should rather be given the key itself). `sign_in_throttle`
counts wrong passwords in a row per sign-in name (by its sha256, so a password typed into the
name field is not kept) and holds when the next try is allowed.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

Moment = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("at", Moment, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(128), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("signature", sa.String(128), nullable=False),
        sa.Column("key_id", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_log_subject", "audit_log", ["subject", "seq"])
    op.create_table(
        "audit_keys",
        sa.Column("key_id", sa.String(64), primary_key=True),
        sa.Column("public_key", sa.Text, nullable=False),
        sa.Column("first_used_at", Moment, nullable=False),
    )
    op.create_table(
        "sign_in_throttle",
        sa.Column("name_sha256", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("locked_until", Moment, nullable=True),
        sa.Column("last_failed_at", Moment, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sign_in_throttle")
    op.drop_table("audit_keys")
    op.drop_index("ix_audit_log_subject", table_name="audit_log")
    op.drop_table("audit_log")
