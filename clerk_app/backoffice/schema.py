"""The back office's tables (SQLAlchemy Core). Migrations in `migrations/versions` create them.

- `accounts`, `tokens`: who may sign in; tokens are stored as their sha256 only.
- `cases`: one row per case, its latest revision and server-side state; `case_revisions` holds
  the exact submitted bytes per (case id, revision), whose primary key is the idempotency key.
- `case_files` lists the scans a case's latest revision names; `files` the ones held.
- `queue`: one row per (department, complete case), kept in step with the case's state and
  indexed for the department queue ordered by deadline; `queue_counts` holds how many queue rows
  each (department, state) has, changed in the same transaction as the rows (the page's total).
- `history`: every transition; `changes`: the change feed, `cursor` increasing in commit order.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# BIGINT identity on PostgreSQL, INTEGER PRIMARY KEY (the rowid) on SQLite.
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Moment = sa.DateTime(timezone=True)

accounts = sa.Table(
    "accounts", metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("display_name", sa.String(100), nullable=False),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("departments", sa.Text, nullable=False),  # JSON list of department keys
    sa.Column("hall_code", sa.String(32), nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False),
    sa.Column("created_at", Moment, nullable=False),
)

tokens = sa.Table(
    "tokens", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(64), sa.ForeignKey("accounts.username"), nullable=False),
    sa.Column("expires_at", Moment, nullable=False),
    sa.Column("created_at", Moment, nullable=False),
)

cases = sa.Table(
    "cases", metadata,
    sa.Column("case_id", sa.String(64), primary_key=True),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("number", sa.String(64), nullable=False),
    sa.Column("hall_code", sa.String(32), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("applicant_name", sa.Text, nullable=False),
    sa.Column("departments", sa.Text, nullable=False),  # JSON list
    sa.Column("state", sa.String(32), nullable=False),
    sa.Column("deadline", sa.Date, nullable=True),
    sa.Column("complete", sa.Boolean, nullable=False),
    sa.Column("claimed_by", sa.String(64), nullable=True),
    sa.Column("decision", sa.Text, nullable=True),  # JSON of the back-office decision
    sa.Column("received_at", Moment, nullable=False),
    sa.Column("updated_at", Moment, nullable=False),
    sa.Index("ix_cases_hall", "hall_code"),
)

case_revisions = sa.Table(
    "case_revisions", metadata,
    sa.Column("case_id", sa.String(64), primary_key=True),
    sa.Column("revision", sa.Integer, primary_key=True),
    sa.Column("body", sa.LargeBinary, nullable=False),
    sa.Column("body_sha256", sa.String(64), nullable=False),
    sa.Column("submitted_by", sa.String(64), nullable=False),
    sa.Column("received_at", Moment, nullable=False),
)

case_files = sa.Table(
    "case_files", metadata,
    sa.Column("case_id", sa.String(64), sa.ForeignKey("cases.case_id"), primary_key=True),
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Index("ix_case_files_sha256", "sha256"),
)

files = sa.Table(
    "files", metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("stored_at", Moment, nullable=False),
)

queue = sa.Table(
    "queue", metadata,
    sa.Column("department", sa.String(64), primary_key=True),
    sa.Column("case_id", sa.String(64), sa.ForeignKey("cases.case_id"), primary_key=True),
    sa.Column("state", sa.String(32), nullable=False),
    sa.Column("deadline", sa.Date, nullable=True),
    sa.Index("ix_queue_department_state_deadline", "department", "state", "deadline", "case_id"),
    sa.Index("ix_queue_department_deadline_state", "department", "deadline", "case_id", "state"),
    sa.Index("ix_queue_case", "case_id"),
)

queue_counts = sa.Table(
    "queue_counts", metadata,
    sa.Column("department", sa.String(64), primary_key=True),
    sa.Column("state", sa.String(32), primary_key=True),
    sa.Column("n", sa.BigInteger, nullable=False),
)

history = sa.Table(
    "history", metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.String(64), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),  # submission/claim/release/decision/handout/evaluation
    sa.Column("from_state", sa.String(32), nullable=True),
    sa.Column("to_state", sa.String(32), nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("at", Moment, nullable=False),
    sa.Column("detail", sa.Text, nullable=False),  # JSON
    sa.Index("ix_history_case", "case_id", "id"),
)

changes = sa.Table(
    "changes", metadata,
    sa.Column("cursor", BigId, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.String(64), nullable=False),
    sa.Column("hall_code", sa.String(32), nullable=False),
    sa.Column("number", sa.String(64), nullable=False),
    sa.Column("state", sa.String(32), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("at", Moment, nullable=False),
    sa.Column("decision", sa.Text, nullable=True),  # JSON
    sa.Index("ix_changes_hall_cursor", "hall_code", "cursor"),
)
