"""The back office as the supervisor screen uses it: the department queue, a case, claim and decide.

Built on `BackOfficeClient` (one pooled session, timeouts, no retries of its own). Every answer is
checked before it reaches the screen: a reply that is not what the API document promises raises
`ReviewError` naming the field, never a KeyError deep in a model.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from clerk_app.sync.client import BackOfficeClient, Outcome, OutcomeKind

MAX_PAGE = 200  # the API's largest page
MAX_ROWS = 100_000  # a queue longer than this is cut, with a note, rather than loading forever


class ReviewError(Exception):
    """A refused request or a malformed reply, in words for the supervisor."""

    def __init__(self, message: str, outcome: Outcome | None = None) -> None:
        super().__init__(message)
        self.outcome = outcome

    @property
    def needs_sign_in(self) -> bool:
        return self.outcome is not None and self.outcome.kind is OutcomeKind.UNAUTHORISED

    @property
    def offline(self) -> bool:
        return self.outcome is not None and self.outcome.kind is OutcomeKind.RETRYABLE


@dataclass(frozen=True)
class QueueItem:
    case_id: str
    number: str
    name: str
    department: str
    state: str
    deadline: date | None
    applicant_name: str
    claimed_by: str | None
    received_at: datetime | None


@dataclass(frozen=True)
class QueuePage:
    items: list[QueueItem]
    total: int
    truncated: bool = False


@dataclass(frozen=True)
class CaseFile:
    """A case as the back office holds it: the latest revision as submitted, and its history."""

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
    case: dict[str, Any]
    history: list[dict[str, Any]]
    full: bool = False  # personal data unmasked (an audited full view), else masked by the back office
    open_tolerance: tuple[str, ...] | None = None  # tolerated materials still owed (None: not said)


class ReviewClient:
    def __init__(self, client: BackOfficeClient) -> None:
        self.client = client

    def queue(self, department: str | None = None, state: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> QueuePage:
        """Every queued case (all pages), ordered by deadline; `progress(loaded, total)` per page."""
        items: list[QueueItem] = []
        total = 0
        for page in self._pages(department, state):
            total = _int(page, "total")
            items.extend(_queue_item(raw, i) for i, raw in enumerate(_list(page, "items")))
            if progress is not None:
                progress(len(items), total)
        return QueuePage(items, total, truncated=len(items) < total)

    def _pages(self, department: str | None, state: str | None) -> Iterator[dict[str, Any]]:
        params: dict[str, Any] = {"size": MAX_PAGE}
        if department:
            params["department"] = department
        if state:
            params["state"] = state
        page, loaded = 1, 0
        while True:
            body = self._ok(self.client.request("GET", "/queue", params={**params, "page": page}))
            yield body
            loaded += len(_list(body, "items"))
            if not body["items"] or loaded >= _int(body, "total") or loaded >= MAX_ROWS:
                return
            page += 1

    def case(self, case_id: str, *, full: bool = False) -> CaseFile:
        """The case as the back office holds it: ID numbers, phones and addresses masked, or with
        `full` unmasked (显示完整信息; the back office audits every such request)."""
        body = self._ok(self.client.request("GET", f"/cases/{case_id}/full" if full else f"/cases/{case_id}"))
        try:
            return CaseFile(
                case_id=str(body["case_id"]), revision=int(body["revision"]), number=str(body["number"]),
                state=str(body["state"]), departments=[str(d) for d in body["departments"]],
                deadline=_date(body.get("deadline")), complete=bool(body["complete"]),
                missing_files=[str(f) for f in body.get("missing_files") or []],
                claimed_by=body.get("claimed_by"), decision=body.get("decision"),
                case=dict(body["case"]), history=[dict(h) for h in body.get("history") or []], full=full,
                open_tolerance=_keys(body.get("open_tolerance")),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ReviewError(f"后台返回的办件 {case_id} 格式不对：{error!r}") from None

    def claim(self, case_id: str) -> dict[str, Any]:
        return self._ok(self.client.request("POST", f"/cases/{case_id}/claim"))

    def release(self, case_id: str) -> dict[str, Any]:
        return self._ok(self.client.request("POST", f"/cases/{case_id}/release"))

    def decide(self, case_id: str, kind: str, reason: str = "", corrections: list[str] | None = None
               ) -> dict[str, Any]:
        body = {"kind": kind, "reason": reason, "corrections": list(corrections or [])}
        return self._ok(self.client.request("POST", f"/cases/{case_id}/decision", json_body=body))

    def file(self, sha256: str) -> bytes:
        """A scanned file's bytes, checked against its name."""
        outcome, data = self.client.download(f"/files/{sha256}")
        if not outcome.ok:
            raise ReviewError(outcome.message, outcome)
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ReviewError(f"扫描件 {sha256[:12]}… 下载后校验不符，请重试")
        return data

    def _ok(self, outcome: Outcome) -> dict[str, Any]:
        if not outcome.ok:
            raise ReviewError(outcome.message, outcome)
        return outcome.body


def _list(body: dict[str, Any], key: str) -> list[Any]:
    value = body.get(key)
    if not isinstance(value, list):
        raise ReviewError(f"后台回复缺少列表“{key}”")
    return value


def _int(body: dict[str, Any], key: str) -> int:
    value = body.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ReviewError(f"后台回复的“{key}”不是整数：{value!r}")
    return value


def _keys(value: Any) -> tuple[str, ...] | None:
    """The material keys of `open_tolerance`, None when the back office did not send it (an older one)."""
    if value is None:
        return None
    if not isinstance(value, list):
        raise TypeError(f"open_tolerance is not a list: {value!r}")
    return tuple(str(key) for key in value)


def _date(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _moment(value: Any) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


def _queue_item(raw: Any, position: int) -> QueueItem:
    try:
        return QueueItem(
            case_id=str(raw["case_id"]), number=str(raw["number"]), name=str(raw["name"]),
            department=str(raw["department"]), state=str(raw["state"]), deadline=_date(raw.get("deadline")),
            applicant_name=str(raw.get("applicant_name") or ""), claimed_by=raw.get("claimed_by") or None,
            received_at=_moment(raw.get("received_at")),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ReviewError(f"后台回复的队列第{position + 1}项格式不对：{error!r}") from None
