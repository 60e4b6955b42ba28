"""好差评 at the window: ask on the citizen screen after a visit, store the answer as a case event.

After an acceptance (any of the four decisions, once its documents are ready) and after a
hand-out, the citizen screen asks the applicant for a rating. The clerk is never held up: the
question sits on the citizen screen while the clerk goes on; the answer may come later or never;
the next applicant (a card read into the intake, a new intake) dismisses it, and a dismissed or
timed-out question stores nothing. An answer is stored as one EVALUATION case event
(`core.window_rating.rating_event_body`) on the database runner, never on the UI thread; sync
sends it to the back office.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from clerk_app.core.evaluation import Evaluation
from clerk_app.core.window_rating import RatingEventError, RatingStage, rating_event_body
from clerk_app.ui.context import Workstation

if TYPE_CHECKING:
    from clerk_app.core.case import Case
    from clerk_app.ui.citizen import CitizenWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Visit:
    """The visit a question on the citizen screen is about."""

    case_id: str
    case_number: str
    stage: RatingStage
    clerk: str


class RatingFlow(QObject):
    stored = Signal(object)  # CaseEvent: the rating is in the local store, queued for the back office
    failed = Signal(str)  # why a rating could not be stored, for the clerk's status bar

    def __init__(self, ws: Workstation, citizen: CitizenWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.citizen = citizen
        self.pending: Visit | None = None
        citizen.rating.rated.connect(self._rated)
        citizen.rating.finished.connect(self._finished)

    def ask(self, case: Case, stage: RatingStage) -> None:
        """Put the question for this visit on the citizen screen (replacing any open one)."""
        clerk = self.ws.clerk.username if self.ws.clerk is not None else case.clerk
        self.pending = Visit(case.id, case.number, RatingStage(stage), clerk)
        self.citizen.ask_rating(case.number, clerk)

    def dismiss(self) -> None:
        """The next applicant: the open question, if any, goes away unanswered."""
        if self.pending is not None or self.citizen.rating_open:
            self.pending = None
            self.citizen.dismiss_rating()

    def _finished(self) -> None:
        self.pending = None  # timed out unanswered, or thanked (the rating was taken already)

    def _rated(self, evaluation: Evaluation) -> None:
        visit, self.pending = self.pending, None
        if visit is None or evaluation.case_number != visit.case_number:
            return
        try:
            body = rating_event_body(evaluation, visit.stage, visit.clerk)
        except RatingEventError as error:
            log.warning("rating of %s not stored: %s", visit.case_number, error)
            self.failed.emit(error.text(self.ws.lang))
            return
        stores = self.ws.stores

        def work() -> Any:
            from clerk_app.store.events import CaseEvents, EventKind

            return CaseEvents(stores.cases.engine).add(visit.case_id, EventKind.EVALUATION, body)

        self.ws.db.run(work, on_done=self.stored.emit, on_error=self._not_stored)

    def _not_stored(self, error: BaseException) -> None:
        text = error.text(self.ws.lang) if hasattr(error, "text") else str(error)
        self.failed.emit(text)
