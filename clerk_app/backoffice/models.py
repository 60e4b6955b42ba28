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


class SubmissionIn(BaseModel):
    case_id: str = Field(max_length=64)
    revision: int
    body: str = Field(max_length=2 * 1024 * 1024, description="the case revision's exact JSON text (UTF-8)")


class SubmissionsIn(BaseModel):
    items: list[SubmissionIn] = Field(min_length=1, max_length=200)


class ItemError(BaseModel):
    error: str
    message: str
    details: list[Any] = []


class SubmissionResult(BaseModel):
    case_id: str
    revision: int
    status: Literal[200, 201, 409, 422]
    result: Literal["created", "replay", "conflict", "invalid"]
    submission: SubmissionOut | None = None  # for created and replay
    error: ItemError | None = None  # for conflict and invalid


class SubmissionsOut(BaseModel):
    results: list[SubmissionResult]


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with its nested models written in place (for `openapi_extra`)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return resolve(defs[ref.removeprefix("#/$defs/")])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(value) for value in node]
        return node

    return resolve(schema)


class FileOut(BaseModel):
    sha256: str
    size: int


class FileResult(BaseModel):
    sha256: str  # as listed
    size: int
    status: Literal[200, 201, 422]
    error: ItemError | None = None


class FilesOut(BaseModel):
    files: list[FileResult]


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
