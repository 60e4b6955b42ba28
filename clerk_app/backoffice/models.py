"""Request and response bodies as published in the OpenAPI document."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

Role = Literal["clerk", "supervisor", "admin"]


class SignIn(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class TokenOut(BaseModel):
    token: str
    expires_at: str
    username: str
    display_name: str
    role: Role
    departments: list[str]
    hall_code: str


class Health(BaseModel):
    status: str
    database: Literal["sqlite", "postgresql"]


class AccountIn(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)
    role: Role
    departments: list[str] = Field(default=[], max_length=100)
    display_name: str = Field(default="", max_length=100)
    hall_code: str = Field(default="", max_length=32)


class AccountOut(BaseModel):
    username: str
    display_name: str
    role: Role
    departments: list[str]
    hall_code: str
    disabled: bool


class SubmissionOut(BaseModel):
    case_id: str
    revision: int
    number: str
    state: str
    missing_files: list[str]
    complete: bool


class FileOut(BaseModel):
    sha256: str
    size: int


class Change(BaseModel):
    cursor: int
    case_id: str
    number: str
    kind: Literal["state"] = "state"
    state: str
    revision: int
    at: str
    decision: dict[str, Any] | None


class ChangesOut(BaseModel):
    changes: list[Change]
    next: int


class QueueItem(BaseModel):
    case_id: str
    number: str
    name: str
    department: str
    state: str
    deadline: date | None
    applicant_name: str
    claimed_by: str | None
    received_at: str


class QueueOut(BaseModel):
    items: list[QueueItem]
    total: int
    page: int
    size: int


class Transition(BaseModel):
    kind: str
    from_state: str | None
    to_state: str
    actor: str
    at: str
    revision: int
    detail: dict[str, Any]


class CaseOut(BaseModel):
    case_id: str
    revision: int
    number: str
    state: str
    departments: list[str]
    deadline: date | None
    complete: bool
    missing_files: list[str]
    claimed_by: str | None
    decision: dict[str, Any] | None
    case: dict[str, Any]  # the latest revision exactly as submitted (parsed JSON)
    history: list[Transition]


class CaseStateOut(BaseModel):
    case_id: str
    state: str
    claimed_by: str | None
    decision: dict[str, Any] | None


class DecisionIn(BaseModel):
    kind: Literal["approve", "deny", "correction"]
    reason: str = Field(default="", max_length=2000)
    corrections: list[str] = Field(default=[], max_length=200)


class HandoutIn(BaseModel):
    to: Literal["applicant", "agent", "mail"]
    note: str = Field(default="", max_length=2000)
    carrier: str = Field(default="", max_length=100)
    tracking_number: str = Field(default="", max_length=100)


class EvaluationIn(BaseModel):
    level: int = Field(ge=1, le=5)
    reasons: list[str] = Field(default=[], max_length=50)
