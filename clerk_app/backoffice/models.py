"""Request and response bodies as published in the OpenAPI document."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

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
    open_tolerance: list[str] = Field(default=[], description=(
        "keys of the tolerated (容缺) materials still owed: not received in the latest revision, no "
        "material_supply event"))


class CaseStateOut(BaseModel):
    case_id: str
    state: str
    claimed_by: str | None
    decision: dict[str, Any] | None


class DecisionIn(BaseModel):
    kind: Literal["approve", "deny", "correction"]
    reason: str = Field(default="", max_length=2000)
    corrections: list[str] = Field(default=[], max_length=200)


class HandoutAgentIn(BaseModel):
    name: str = Field(max_length=100)
    id_number: str = Field(default="", max_length=32)
    authorisation: str = Field(default="", max_length=500)
    phone: str = Field(default="", max_length=40)


class HandoutMailIn(BaseModel):
    carrier: str = Field(max_length=16)
    tracking_number: str = Field(max_length=100)
    recipient: str = Field(max_length=100)
    phone: str = Field(default="", max_length=40)
    address: str = Field(default="", max_length=500)
    postcode: str = Field(default="", max_length=16)
    carrier_name: str = Field(default="", max_length=100)


class HandoutRecordIn(BaseModel):
    """The window's record of the hand-out (`clerk_app.core.handout.handout_to_dict`)."""

    case_id: str = Field(max_length=64)
    case_number: str = Field(max_length=64)
    method: Literal["applicant", "agent", "mail"]
    at: datetime
    clerk: str = Field(max_length=64)
    clerk_name: str = Field(default="", max_length=100)
    receiver_name: str = Field(max_length=100)
    receiver_id_number: str = Field(default="", max_length=32)
    agent: HandoutAgentIn | None = None
    mail: HandoutMailIn | None = None


class HandoutIn(BaseModel):
    event_id: UUID = Field(description="the window's id of this event: the idempotency key")
    to: Literal["applicant", "agent", "mail"]
    note: str = Field(default="", max_length=2000)
    carrier: str = Field(default="", max_length=100)
    tracking_number: str = Field(default="", max_length=100)
    record: HandoutRecordIn | None = None


class EvaluationIn(BaseModel):
    event_id: UUID = Field(description="the window's id of this event: the idempotency key")
    level: int = Field(ge=1, le=5, description="5 非常满意 … 1 非常不满意; 1 and 2 are bad ratings")
    reasons: list[str] = Field(default=[], max_length=20, description="BadReason values (clerk_app.core.evaluation)")
    comment: str = Field(default="", max_length=2000)
    stage: Literal["acceptance", "handout"]
    at: datetime = Field(description="when the applicant rated (a time without offset is taken as UTC+8)")
    clerk: str = Field(default="", max_length=64)


class MaterialSupplyIn(BaseModel):
    """补交: a tolerated (容缺) material the applicant brought to the window after acceptance."""

    event_id: UUID = Field(description="the window's id of this event: the idempotency key")
    material: str = Field(min_length=1, max_length=64, description="the tolerated material's key in the case")
    name: str = Field(default="", max_length=200, description="the material's name as the window showed it")
    form: str = Field(default="", max_length=32, description="原件, 复印件 …")
    copies: int = Field(default=1, ge=1, le=999)
    scanned: bool = Field(default=False, description="whether a scan was attached; then `scans` names it")
    scans: list[Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]] = Field(
        default=[], max_length=20, description="sha256 of each scanned file, uploaded first (PUT /files/{sha256})")
    at: datetime = Field(description="when the window received it (a time without offset is taken as UTC+8)")
    by: str = Field(min_length=1, max_length=64, description="the clerk who received it")
    due: date | None = Field(default=None, description="the promised day")
    late: bool = Field(default=False, description="received after the promised day")


class EventOut(CaseStateOut):
    event_id: str
    follow_up_id: int | None = None  # the follow-up a bad rating opened


class CallAttemptOut(BaseModel):
    at: str
    by: str
    reached: bool
    note: str


class FollowUpStepOut(BaseModel):
    from_state: str
    to_state: str
    at: str
    by: str
    note: str


class CorrectionOut(BaseModel):
    at: str
    by: str
    measures: str


class FollowUpItem(BaseModel):
    id: int
    case_id: str
    number: str
    name: str
    applicant_name: str
    department: str
    stage: Literal["acceptance", "handout"]
    rating: int
    reasons: list[str]
    comment: str
    clerk: str
    rated_at: str
    due: date
    due_estimated: bool
    state: Literal["open", "called_back", "corrected", "closed"]
    attempts: int


class FollowUpsOut(BaseModel):
    items: list[FollowUpItem]
    total: int
    page: int
    size: int


class FollowUpOut(FollowUpItem):
    event_id: str
    call_attempts: list[CallAttemptOut]
    steps: list[FollowUpStepOut]
    correction: CorrectionOut | None
    updated_at: str


class CallAttemptIn(BaseModel):
    reached: bool
    note: str = Field(default="", max_length=1000)


class CorrectionIn(BaseModel):
    measures: str = Field(max_length=1000)


class CloseIn(BaseModel):
    note: str = Field(default="", max_length=1000)
