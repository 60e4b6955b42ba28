"""The tables of the workstation's local store, as SQLAlchemy declarative classes.

The case itself is kept whole as the JSON of `case_to_dict` in `case_documents`: that is what is
read back and what sync sends. The columns of `cases` copy what lists, searches and sync ask
about, so they never parse JSON. The document has its own table so that `cases` stays narrow: a
search scans ~300-byte rows instead of rows with a 2–5 kB document between their columns
(measured: 10,000 cases searched 5–10 times faster), and later columns added to `cases` never
land behind a large value. These classes describe the schema at the newest migration; the
schema in a file is created and changed only by the migrations in `clerk_app.store.migrations`,
and a test checks that both agree.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class SyncState(StrEnum):
    """Where a case stands with the back office, apart from its lifecycle state.

    `local` is the default: nothing has been queued for sending yet. The outbox migration can
    therefore queue every decided `local` case and mark it `pending`, in one step.
    """

    LOCAL = "local"  # only on this workstation, not queued
    PENDING = "pending"  # queued in the outbox, waiting for the network
    SYNCED = "synced"  # the back office holds this revision
    CONFLICT = "conflict"  # the back office holds a different revision
    QUARANTINED = "quarantined"  # refused by the back office; needs a person


class IsoDateTime(TypeDecorator[datetime]):
    """A date-time kept as ISO 8601 text, with its UTC offset when it has one."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> str | None:
        return value.isoformat() if value is not None else None

    def process_result_value(self, value: str | None, dialect: Any) -> datetime | None:
        return datetime.fromisoformat(value) if value is not None else None


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(26), primary_key=True)  # ULID
    number: Mapped[str | None] = mapped_column(String(40), unique=True)  # NULL until allocated
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(32))
    hall_code: Mapped[str] = mapped_column(String(8))
    window_code: Mapped[str] = mapped_column(String(8))
    clerk: Mapped[str] = mapped_column(String(64))
    applicant_name: Mapped[str] = mapped_column(Text)
    applicant_id_number: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    created_day: Mapped[date] = mapped_column(Date, index=True)  # the hall's calendar day
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)
    revision: Mapped[int]
    sync_state: Mapped[str] = mapped_column(String(16), default=SyncState.LOCAL.value, server_default="local")

    __table_args__ = (Index("ix_cases_created_at_id", "created_at", "id"),)  # newest first, in a stable order


class CaseDocumentRow(Base):
    """The whole case as `case_to_dict` gives it, at the revision of its `cases` row."""

    __tablename__ = "case_documents"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class TransitionRow(Base):
    """One lifecycle step of a case; seq counts from 1 in the order of `Case.transitions`."""

    __tablename__ = "case_transitions"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True)
    from_state: Mapped[str] = mapped_column(String(32))
    to_state: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(IsoDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")


class WindowSequenceRow(Base):
    """The last case number sequence handed out for one window on one day."""

    __tablename__ = "window_sequences"

    hall_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    window_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_value: Mapped[int]


class AccountRow(Base):
    __tablename__ = "accounts"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))  # scrypt with its parameters and salt
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    disabled: Mapped[bool] = mapped_column(default=False, server_default=text("0"))
    failed_sign_ins: Mapped[int] = mapped_column(default=0, server_default=text("0"))  # since the last success
    locked_until: Mapped[datetime | None] = mapped_column(IsoDateTime, nullable=True)  # throttled until then



class OutboxState(StrEnum):
    """Where one queued case revision stands; `sent` rows are kept as the record of what was sent."""

    PENDING = "pending"
    SENT = "sent"
    CONFLICT = "conflict"
    QUARANTINED = "quarantined"


class OutboxRow(Base):
    """One case revision to send to the back office, as the exact bytes serialised once when saved.

    Written in the same transaction as the case, so a saved decision is always queued; a replay
    sends the stored bytes again, byte for byte, which the back office recognises as harmless.
    """

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    revision: Mapped[int]
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16), default=OutboxState.PENDING.value)
    attempts: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    next_attempt_at: Mapped[datetime | None] = mapped_column(IsoDateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)

    __table_args__ = (
        UniqueConstraint("case_id", "revision"),
        Index("ix_outbox_state_id", "state", "id"),
    )


class SyncCursorRow(Base):
    """Small key/value state of sync, such as the change-feed cursor of the back office."""

    __tablename__ = "sync_cursor"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditRow(Base):
    """One entry of the workstation's audit trail, chained to the one before by its hash (core.audit)."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(IsoDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text)  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class CaseEventRow(Base):
    """Something that happened to a case after the window's decision (hand-out, evaluation), kept as
    the exact bytes to send; its id is the back office's idempotency key. State as in the outbox."""

    __tablename__ = "case_events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(16))  # handout | evaluation | material_supply
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String(16), default=OutboxState.PENDING.value)
    attempts: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    next_attempt_at: Mapped[datetime | None] = mapped_column(IsoDateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)

    __table_args__ = (
        Index("ix_case_events_state_created", "state", "created_at"),
        Index("ix_case_events_case", "case_id"),
    )
