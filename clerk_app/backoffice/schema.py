"""The back office's tables (SQLAlchemy Core). Migrations in `migrations/versions` create them.

- `accounts`, `tokens`: who may sign in; tokens are stored as their sha256 only.
- `cases`: one row per case, its latest revision and server-side state; `case_revisions` holds
  the exact submitted bytes per (case id, revision), whose primary key is the idempotency key.
- `case_files` lists the scans a case's latest revision names; `files` the ones held.
- `queue`: one row per (department, complete case), kept in step with the case's state and
  indexed for the department queue ordered by deadline; `queue_counts` holds how many queue rows
  each (department, state) has, changed in the same transaction as the rows (the page's total).
- `history`: every transition; `changes`: the change feed, `cursor` increasing in commit order.
- `case_events`: hand-out and evaluation events by the window's event id (the idempotency key), the
  body as received and the answer given; `follow_ups`: the callback and correction of each bad rating.
- `audit_log`: the signed, hash-chained audit trail; `audit_keys` its public keys;
  `sign_in_throttle`: wrong passwords in a row per sign-in name.
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
    sa.Index("ix_cases_received", "received_at"),  # the statistics start here (0004)
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

case_events = sa.Table(
    "case_events", metadata,
    sa.Column("event_id", sa.String(36), primary_key=True),  # the window's UUID: the idempotency key
    sa.Column("case_id", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),  # handout | evaluation | material_supply
    sa.Column("body", sa.LargeBinary, nullable=False),  # as received
    sa.Column("body_sha256", sa.String(64), nullable=False),  # of the body's canonical JSON
    sa.Column("answer", sa.Text, nullable=False),  # JSON: what the first request was answered
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("at", Moment, nullable=False),
    sa.Index("ix_case_events_case", "case_id"),
)

follow_ups = sa.Table(
    "follow_ups", metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.String(64), nullable=False),
    sa.Column("event_id", sa.String(36), sa.ForeignKey("case_events.event_id"), nullable=False, unique=True),
    sa.Column("department", sa.String(64), nullable=False),  # the case's lead (first) department
    sa.Column("stage", sa.String(16), nullable=False),  # acceptance | handout
    sa.Column("rating", sa.Integer, nullable=False),
    sa.Column("reasons", sa.Text, nullable=False),  # JSON list of BadReason values
    sa.Column("comment", sa.Text, nullable=False),
    sa.Column("clerk", sa.String(64), nullable=False),
    sa.Column("rated_at", Moment, nullable=False),
    sa.Column("due", sa.Date, nullable=False),
    sa.Column("due_estimated", sa.Boolean, nullable=False),
    sa.Column("state", sa.String(16), nullable=False),  # open | called_back | corrected | closed
    sa.Column("attempts", sa.Text, nullable=False),  # JSON list of call attempts
    sa.Column("steps", sa.Text, nullable=False),  # JSON list of state changes
    sa.Column("correction", sa.Text, nullable=True),  # JSON of the correction, once recorded
    sa.Column("created_at", Moment, nullable=False),
    sa.Column("updated_at", Moment, nullable=False),
    sa.Index("ix_follow_ups_department_state_due", "department", "state", "due", "id"),
    sa.Index("ix_follow_ups_case", "case_id"),
)

# The server's audit trail (clerk_app.backoffice.audit): appended only, `seq` handed out under a
# lock, each entry chained to the one before by `prev_hash` and signed (Ed25519) by the key `key_id`.
audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("at", Moment, nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("subject", sa.String(128), nullable=False),  # the case id, or the account for sign-ins
    sa.Column("detail", sa.Text, nullable=False),  # canonical JSON; identifiers only, no personal data
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Column("signature", sa.String(128), nullable=False),  # base64 Ed25519 signature of the hash
    sa.Column("key_id", sa.String(64), nullable=False),  # sha256 of the raw public key
    sa.Index("ix_audit_log_subject", "subject", "seq"),
)

# Public keys the service signed audit entries with (a verifier should be given the key apart).
audit_keys = sa.Table(
    "audit_keys", metadata,
    sa.Column("key_id", sa.String(64), primary_key=True),
    sa.Column("public_key", sa.Text, nullable=False),  # PEM
    sa.Column("first_used_at", Moment, nullable=False),
)

# Wrong passwords in a row per sign-in name (by sha256: a password typed as the name is not kept).
sign_in_throttle = sa.Table(
    "sign_in_throttle", metadata,
    sa.Column("name_sha256", sa.String(64), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("locked_until", Moment, nullable=True),
    sa.Column("last_failed_at", Moment, nullable=False),
)

# One row per token issued (0004): attendance for the bulletin. `last_seen_at` is written at most once a
# minute per token; `ended_at` at sign-out (NULL while it lasts, or when the client never signed out).
sign_in_sessions = sa.Table(
    "sign_in_sessions", metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=True),
    sa.Column("client", sa.String(100), nullable=False),  # X-Workstation header, else the User-Agent
    sa.Column("started_at", Moment, nullable=False),
    sa.Column("last_seen_at", Moment, nullable=False),
    sa.Column("ended_at", Moment, nullable=True),
    sa.Index("ix_sign_in_sessions_started", "started_at"),
    sa.Index("ix_sign_in_sessions_token", "token_hash"),
)
