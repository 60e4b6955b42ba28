"""New revisions of a case the back office already holds: the resubmission after correction.

`resubmit` commits the corrected case (moved back to `accepted`) as the next revision together
with its outbox row, in one write transaction: either both are on disk or neither is, so a crash
at any point leaves the case returned for correction (nothing half done) or resubmitted and
queued. A copy older than the stored one is refused (`StaleCaseError`), as is a case that is no
longer returned for correction (e.g. resubmitted from another screen meanwhile).
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from clerk_app.core.case import Case, CaseState, state_label
from clerk_app.core.correction import CorrectionError
from clerk_app.store.cases import OUTBOX, CaseStore
from clerk_app.store.engine import read, write
from clerk_app.store.errors import CaseNotFoundError


def resubmit(store: CaseStore, corrected: Case) -> Case:
    """Save `corrected` (from `core.correction.resubmitted`) as a new revision queued for the back office."""
    with write(store.engine) as connection:
        stored = store.get_in(connection, corrected.id)
        if stored is None:
            raise CaseNotFoundError("case.not_found", case_id=corrected.id)
        if stored.state is not CaseState.CORRECTION_REQUESTED:
            raise CorrectionError("correction.not_requested", case=stored.number,
                                  state_zh=state_label(stored.state, "zh"),
                                  state_en=state_label(stored.state, "en"))
        return store.save_in(connection, corrected)  # accepted: queued in the same transaction


def queued_revisions(engine: Engine, case_id: str) -> list[tuple[int, str]]:
    """(revision, outbox state) of every revision of the case queued for the back office, oldest first."""
    with read(engine) as connection:
        rows = connection.execute(
            select(OUTBOX.c.revision, OUTBOX.c.state).where(OUTBOX.c.case_id == case_id).order_by(OUTBOX.c.revision)
        ).all()
    return [(row.revision, row.state) for row in rows]

