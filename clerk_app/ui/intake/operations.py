"""The clerk's decision as an operation: commit the case first, then produce its documents.

The case is durable in the local store before anything is printed or shown (a crash after
"受理" never loses a case whose receipt the applicant holds). Store work runs on the database
runner, document rendering on the printing runner; results come back by callbacks on the UI
thread, and `events.case_saved` tells every view what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from clerk_app.core.case import Case
from clerk_app.core.decide import DecisionInput, IntakeDraft, Stamp, check_decision, decide_case
from clerk_app.core.workdays import CalendarGapError
from clerk_app.ui.context import Workstation


def promised_date(ws: Workstation, start: date, days: int) -> tuple[date, str | None]:
    """The promised completion date, and a warning when the official calendar has no data."""
    try:
        return ws.calendar.add_workdays(start, days), None
    except CalendarGapError as exc:
        reckoned = ws.calendar.fallback().add_workdays(start, days)
        return reckoned.value, exc.text(ws.lang)


def commit_decision(
    ws: Workstation,
    draft: IntakeDraft,
    decision: DecisionInput,
    on_saved: Callable[[Case], None],
    on_error: Callable[[BaseException], None],
) -> None:
    """Decide, allocate the number and save, all on the database runner."""
    clerk = ws.clerk
    assert clerk is not None
    now = ws.now()
    env = {**draft.answers, "applicant_kind": draft.applicant_kind}
    promised, _ = promised_date(ws, now.date(), draft.form.promised_days(env))
    hall = ws.settings.hall
    stores = ws.stores

    def work() -> Case:
        from ulid import ULID  # imported here: its metadata lookup costs start-up time

        check_decision(draft, decision, accepted_on=now.date(), promised=promised)  # before taking a number
        number = stores.cases.allocate_number(hall.code, hall.window_code, now.date())
        stamp = Stamp(str(ULID()), number, hall, clerk.username, clerk.display_name, now, promised)
        return stores.cases.save(decide_case(draft, decision, stamp))

    def saved(case: Case) -> None:
        ws.events.case_saved.emit(case)
        ws.events.cases_changed.emit()
        on_saved(case)

    ws.db.run(work, on_done=saved, on_error=on_error)


def render_documents(
    ws: Workstation,
    case: Case,
    on_done: Callable[[list[Path]], None],
    on_error: Callable[[BaseException], None],
) -> None:
    """Render the decision's documents into the private print spool (never the data folder).

    They carry the applicant's name and ID number and are regenerable from the stored case, so
    none is kept at rest: the spool holds the last few sets in memory-backed temporary storage
    and is removed when the program ends (`clerk_app.documents.spool`).
    """
    from clerk_app.documents.render import render_for_decision
    from clerk_app.documents.spool import spool

    catalogue, hall = ws.catalogue, ws.settings.hall

    def render() -> list[Path]:
        return render_for_decision(case, catalogue, hall, spool().folder_for(case.number))

    ws.printing.run(render, on_done=on_done, on_error=on_error)


def previous_answers(ws: Workstation, id_number: str, on_done: Callable[[dict], None]) -> None:
    stores = ws.stores
    ws.db.run(lambda: stores.cases.previous_answers(id_number), on_done=on_done)
