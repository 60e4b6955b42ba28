"""A hand-out as an operation: commit the case's move and its event first, then print the 出件回执.

Like the window's decisions: the store holds the hand-out (and has queued it for the back
office) before any receipt exists, so a crash in between loses nothing; printing again is safe.
The receipt goes to the private print spool, never the data folder (it carries personal data).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from clerk_app.core.case import Case
from clerk_app.core.handout import Handout
from clerk_app.ui.context import Workstation


class ReceiptFailed(Exception):
    """The hand-out is saved, but its receipt could not be rendered (print it again later)."""

    def __init__(self, case: Case, error: BaseException) -> None:
        super().__init__(str(error))
        self.case = case

    def text(self, lang: str = "zh") -> str:
        if lang.startswith("en"):
            return f"Case {self.case.number} is handed out, but its receipt could not be made: {self}"
        return f"办件{self.case.number}已出件，但出件回执生成失败：{self}"


def hand_out(ws: Workstation, handout: Handout, on_done: Callable[[Case, Path], None],
             on_error: Callable[[BaseException], None]) -> None:
    """Save on the database runner, render the receipt on the printing runner, then `on_done`."""
    stores, catalogue, hall = ws.stores, ws.catalogue, ws.settings.hall

    def render(case: Case) -> None:
        def work() -> Path:
            from clerk_app.documents.handout_receipt import render_handout_receipt
            from clerk_app.documents.spool import spool

            path = spool().folder_for(f"{handout.case_number}-出件") / f"{handout.case_number}-出件回执.pdf"
            render_handout_receipt(case, handout, catalogue, hall, path)
            return path

        ws.events.case_saved.emit(case)
        ws.events.cases_changed.emit()
        ws.printing.run(work, on_done=lambda path: on_done(case, path),
                        on_error=lambda error: on_error(ReceiptFailed(case, error)))

    ws.db.run(lambda: stores.cases.hand_out(handout), on_done=render, on_error=on_error)
