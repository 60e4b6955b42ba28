"""A hand-out as an operation: commit the case's move and its event first, then print the 出件回执.

Like the window's decisions: the store holds the hand-out (and has queued it for the back
office) before any receipt exists, so a crash in between loses nothing; printing again is safe.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from clerk_app.core.case import Case
from clerk_app.core.handout import Handout
from clerk_app.ui.context import Workstation


def hand_out(ws: Workstation, handout: Handout, on_done: Callable[[Case, Path], None],
             on_error: Callable[[BaseException], None]) -> None:
    """Save on the database runner, render the receipt on the printing runner, then `on_done`."""
    stores, catalogue, hall = ws.stores, ws.catalogue, ws.settings.hall
    out_dir = ws.settings.data_dir / "documents" / handout.at.strftime("%Y%m%d") / handout.case_number

    def render(case: Case) -> None:
        def work() -> Path:
            from clerk_app.documents.handout_receipt import render_handout_receipt

            out_dir.mkdir(parents=True, exist_ok=True)
            path = out_dir / "出件回执.pdf"
            render_handout_receipt(case, handout, catalogue, hall, path)
            return path

        ws.events.case_saved.emit(case)
        ws.events.cases_changed.emit()
        ws.printing.run(work, on_done=lambda path: on_done(case, path), on_error=on_error)

    ws.db.run(lambda: stores.cases.hand_out(handout), on_done=render, on_error=on_error)
