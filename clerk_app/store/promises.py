"""容缺 follow-up in the local store: the cases with open promises, and supplying a tolerated material.

`promised_cases` reads the tolerance-accepted cases still open (not handed out), their decision
kind picked out of the stored document by SQLite's JSON functions so other cases are never
decoded. `supply` records the material (`core.tolerance.supply_material`), saves the case locally
(never queued as a revision: the back office admits new revisions only of a case returned for
correction) and queues a `material_supply` case event for the back office, with an audit entry, all
in one write transaction. The sync pushes the event exactly once after its case, so the
supervisor's history shows the supply and the back office closes the open tolerance.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from clerk_app.core.case import Case, CaseState, DecisionKind
from clerk_app.core.case_codec import case_from_dict
from clerk_app.core.tolerance import Supplied, SupplyRecord, open_promises, supply_material
from clerk_app.store.audit import AuditLog
from clerk_app.store.cases import CASES, DOCUMENTS, CaseStore
from clerk_app.store.engine import read, write
from clerk_app.store.errors import CaseNotFoundError
from clerk_app.store.events import CaseEvents, EventKind

# Where a promise can still be open: accepted at the window and not yet handed out.
OPEN_STATES = (CaseState.TOLERANCE_ACCEPTED, CaseState.ACCEPTED, CaseState.SYNCED, CaseState.CORRECTION_REQUESTED,
               CaseState.APPROVED, CaseState.DENIED)


def promised_cases(store: CaseStore) -> list[Case]:
    """Tolerance-accepted cases with at least one promise still open, oldest first."""
    kind = DOCUMENTS.c.data["decision"]["kind"].as_string()
    query = (
        select(DOCUMENTS.c.data)
        .join(CASES, CASES.c.id == DOCUMENTS.c.case_id)
        .where(CASES.c.state.in_([s.value for s in OPEN_STATES]), kind == DecisionKind.TOLERANCE_ACCEPT.value)
        .order_by(CASES.c.created_at, CASES.c.id)
    )
    with read(store.engine) as connection:
        documents = connection.execute(query).scalars().all()
    cases = (case_from_dict(document) for document in documents)
    return [case for case in cases if open_promises(case)]


def supply(store: CaseStore, case_id: str, key: str, *, at: datetime, by: str, form: str = "", copies: int = 0,
           scans: tuple[str, ...] = ()) -> Supplied:
    """Tolerated material `key` received: the promise closed, the case saved, the back office told.

    The case is not queued as a revision: the back office admits a new revision only for a case
    returned for correction, and a queued revision would make the pull set aside the decision that
    comes back meanwhile. It hears of the supply by a `material_supply` event instead (and a
    resubmission carries the material too); the local audit trail records the supply.
    """
    with write(store.engine) as connection:
        case = store.get_in(connection, case_id)
        if case is None:
            raise CaseNotFoundError("case.not_found", case_id=case_id)
        supplied = supply_material(case, key, at=at, by=by, form=form, copies=copies, scans=scans)
        saved = store.save_in(connection, supplied.case, queue=False)
        record = supplied.record
        body = supply_event_body(supplied.case, record, scans)
        CaseEvents(store.engine).add_in(connection, case.id, EventKind.MATERIAL_SUPPLY, body)
        AuditLog(store.engine).append_in(connection, record.by, "tolerance_supplied", case.id, {
            "number": case.number, "material": record.material_key, "due": record.due.isoformat() if record.due
            else "", "late": record.late, "revision": saved.revision})
    return Supplied(saved, record)




def supply_event_body(case: Case, record: SupplyRecord, scans: tuple[str, ...]) -> dict[str, object]:
    """The `material_supply` event's body (`POST /cases/{id}/material-supply`; `event_id` is added on queueing)."""
    material = next(m for m in case.materials if m.key == record.material_key)
    return {"material": record.material_key, "name": record.material_name, "form": material.form[:32],
            "copies": max(1, material.copies), "scanned": bool(scans), "scans": list(dict.fromkeys(scans)),
            "at": record.at.isoformat(), "by": record.by, "due": record.due.isoformat() if record.due else None,
            "late": record.late}
