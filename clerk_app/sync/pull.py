"""Pulling decisions from the back office's change feed into the local cases.

A page of changes and the cursor after it are committed in ONE local transaction: a crash before
the commit pulls the page again, a crash after it never applies a change twice. Applying is also
idempotent by itself (a case already in the change's state is left alone), so a repeated page is
harmless either way. Changes about cases this workstation does not hold are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from clerk_app.core.case import Case, CaseState
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import write
from clerk_app.sync.client import BackOfficeClient, Outcome
from clerk_app.sync.outbox import Outbox, store_cursor

BACKOFFICE_ACTOR = "backoffice"
PAGE_SIZE = 200
REMOTE_STATES = frozenset(
    {CaseState.CORRECTION_REQUESTED, CaseState.APPROVED, CaseState.DENIED, CaseState.HANDED_OUT}
)
SENT_STATES = frozenset({CaseState.ACCEPTED, CaseState.TOLERANCE_ACCEPTED})


@dataclass(frozen=True)
class PullResult:
    applied: int
    seen: int
    cursor: int
    failure: Outcome | None = None  # the answer that stopped pulling, if any


def pull(client: BackOfficeClient, store: CaseStore, outbox: Outbox, max_pages: int = 50) -> PullResult:
    cursor, applied, seen = outbox.cursor(), 0, 0
    for _ in range(max_pages):
        outcome = client.changes(cursor, PAGE_SIZE)
        if not outcome.ok:
            return PullResult(applied, seen, cursor, outcome)
        changes = list(outcome.body.get("changes") or [])
        following = int(outcome.body.get("next", cursor))
        with write(outbox.engine) as connection:
            applied += sum(apply_change(store, outbox, connection, change) for change in changes)
            if following > cursor:
                store_cursor(connection, following)
        seen += len(changes)
        if not changes or following <= cursor:
            break
        cursor = following
    return PullResult(applied, seen, cursor)


def apply_change(store: CaseStore, outbox: Outbox, connection: Any, change: dict[str, Any]) -> bool:
    """Move the local case to the change's state, with the decision in the step's note."""
    target = _state(change.get("state"))
    case = store.get_in(connection, str(change.get("case_id", "")))
    if target is None or case is None or case.state == target:
        return False
    if outbox.newer_revision_queued(connection, case.id, int(change.get("revision") or 0)):
        return False  # the clerk already resubmitted after this change
    at = _moment(change.get("at"))
    if case.state in SENT_STATES:
        case = case.moved(CaseState.SYNCED, at=at, actor=BACKOFFICE_ACTOR)
    if not case.can_become(target):
        return False
    store.save_in(connection, _moved(case, target, at, change.get("decision") or {}))
    return True


def _moved(case: Case, target: CaseState, at: datetime, decision: dict[str, Any]) -> Case:
    return case.moved(target, at=at, actor=str(decision.get("by") or BACKOFFICE_ACTOR), note=decision_note(decision))


def decision_note(decision: dict[str, Any]) -> str:
    """The back office's words for the clerk: the corrections asked for, or the reason."""
    parts = [str(c) for c in decision.get("corrections") or []]
    if decision.get("reason"):
        parts.insert(0, str(decision["reason"]))
    return "；".join(parts)


def _state(value: Any) -> CaseState | None:
    try:
        state = CaseState(str(value))
    except ValueError:
        return None
    return state if state in REMOTE_STATES else None


def _moment(value: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return datetime.now().astimezone()
    return moment if moment.tzinfo else moment.astimezone()
