"""The bad-rating follow-ups (差评整改) as the supervisor screen uses them: list, read, and each step.

Built on `BackOfficeClient` like `review.ReviewClient`; every answer is checked before it reaches
the screen, and a refused step (409: not the next step; 422: words missing) raises `ReviewError`
with the back office's reasons, which name the problem in Chinese and English.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from clerk_app.sync.client import BackOfficeClient, Outcome
from clerk_app.sync.review import MAX_PAGE, ReviewError

MAX_ROWS = 20_000  # bad ratings are few; a list longer than this is cut


@dataclass(frozen=True)
class FollowUpItem:
    id: int
    case_id: str
    number: str
    name: str
    applicant_name: str
    department: str
    stage: str  # acceptance | handout
    rating: int
    reasons: tuple[str, ...]
    comment: str
    clerk: str
    rated_at: datetime
    due: date
    due_estimated: bool
    state: str  # open | called_back | corrected | closed
    attempts: int


@dataclass(frozen=True)
class CallRecord:
    at: datetime
    by: str
    reached: bool
    note: str


@dataclass(frozen=True)
class FollowUpFile:
    """One follow-up with its call attempts, state changes and correction."""

    item: FollowUpItem
    calls: tuple[CallRecord, ...]
    steps: tuple[dict[str, Any], ...]
    correction: dict[str, Any] | None


class FollowUpClient:
    def __init__(self, client: BackOfficeClient) -> None:
        self.client = client

    def listed(self, state: str | None = None) -> list[FollowUpItem]:
        """Every follow-up of one's departments (all pages), by due date; `state` filters."""
        items: list[FollowUpItem] = []
        for page in self._pages(state):
            raw = page.get("items")
            if not isinstance(raw, list):
                raise ReviewError("后台回复缺少列表“items”")
            items.extend(_item(entry, len(items) + i) for i, entry in enumerate(raw))
        return items

    def _pages(self, state: str | None) -> Iterator[dict[str, Any]]:
        params: dict[str, Any] = {"size": MAX_PAGE, **({"state": state} if state else {})}
        page, loaded = 1, 0
        while True:
            body = self._ok(self.client.request("GET", "/follow-ups", params={**params, "page": page}))
            yield body
            loaded += len(body.get("items") or [])
            if not body.get("items") or loaded >= int(body.get("total") or 0) or loaded >= MAX_ROWS:
                return
            page += 1

    def get(self, follow_up_id: int) -> FollowUpFile:
        return _file(self._ok(self.client.request("GET", f"/follow-ups/{follow_up_id}")))

    def call(self, follow_up_id: int, reached: bool, note: str) -> FollowUpFile:
        body = {"reached": reached, "note": note}
        return _file(self._ok(self.client.request("POST", f"/follow-ups/{follow_up_id}/call", json_body=body)))

    def correct(self, follow_up_id: int, measures: str) -> FollowUpFile:
        body = {"measures": measures}
        return _file(self._ok(self.client.request("POST", f"/follow-ups/{follow_up_id}/correction", json_body=body)))

    def close(self, follow_up_id: int, note: str = "") -> FollowUpFile:
        body = {"note": note}
        return _file(self._ok(self.client.request("POST", f"/follow-ups/{follow_up_id}/close", json_body=body)))

    def _ok(self, outcome: Outcome) -> dict[str, Any]:
        if not outcome.ok:
            raise ReviewError(outcome.message, outcome)
        return outcome.body


def _item(raw: Any, position: int) -> FollowUpItem:
    try:
        return FollowUpItem(
            id=int(raw["id"]), case_id=str(raw["case_id"]), number=str(raw["number"]), name=str(raw.get("name", "")),
            applicant_name=str(raw.get("applicant_name") or ""), department=str(raw["department"]),
            stage=str(raw["stage"]), rating=int(raw["rating"]), reasons=tuple(str(r) for r in raw["reasons"]),
            comment=str(raw.get("comment") or ""), clerk=str(raw.get("clerk") or ""),
            rated_at=datetime.fromisoformat(str(raw["rated_at"])), due=date.fromisoformat(str(raw["due"])[:10]),
            due_estimated=bool(raw.get("due_estimated")), state=str(raw["state"]), attempts=int(raw["attempts"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ReviewError(f"后台回复的整改第{position + 1}项格式不对：{error!r}") from None


def _file(raw: dict[str, Any]) -> FollowUpFile:
    item = _item(raw, 0)
    try:
        calls = tuple(CallRecord(datetime.fromisoformat(str(c["at"])), str(c["by"]), bool(c["reached"]),
                                 str(c.get("note") or "")) for c in raw["call_attempts"])
        steps = tuple(dict(s) for s in raw.get("steps") or [])
        correction = dict(raw["correction"]) if raw.get("correction") else None
    except (KeyError, TypeError, ValueError) as error:
        raise ReviewError(f"后台返回的整改 {item.id} 格式不对：{error!r}") from None
    return FollowUpFile(item, calls, steps, correction)
