"""The documents a window decision produces, rendered into a folder in the order they are handed out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from clerk_app.core.case import Case, DecisionKind
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.hall import HallInfo
from clerk_app.documents import checklist, notices, promise
from clerk_app.documents.facts import DocumentError
from clerk_app.documents.sheet import Output

Renderer = Callable[[Case, Catalogue, HallInfo, Output], int]

DOCUMENTS: dict[DecisionKind, tuple[tuple[str, Renderer], ...]] = {
    DecisionKind.ACCEPT: (
        (notices.ACCEPT_TITLE, notices.render_accept_notice),
        (checklist.TITLE, checklist.render_checklist),
    ),
    DecisionKind.TOLERANCE_ACCEPT: (
        (notices.TOLERANCE_TITLE, notices.render_tolerance_notice),
        (promise.TITLE, promise.render_promise),
        (checklist.TITLE, checklist.render_checklist),
    ),
    DecisionKind.NOTIFY: ((notices.NOTIFY_TITLE, notices.render_notify_notice),),
    DecisionKind.REFUSE: ((notices.REFUSE_TITLE, notices.render_refuse_notice),),
}


def document_path(out_dir: Path, case: Case, title: str) -> Path:
    """`BT01-W07-20260302-0042-受理通知书.pdf` in `out_dir`."""
    return out_dir / f"{case.number}-{title}.pdf"


def render_for_decision(case: Case, catalogue: Catalogue, hall: HallInfo, out_dir: Path) -> list[Path]:
    """Render every document the case's decision produces into `out_dir`; return their paths.

    Raises DocumentError for an undecided case; nothing is left half-written in `out_dir` when a
    document fails (each is written whole, and the ones already written are removed).
    """
    if case.decision is None:
        raise DocumentError(f"case {case.number} has no decision to print")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for title, make in DOCUMENTS[case.decision.kind]:
            path = document_path(out_dir, case, title)
            make(case, catalogue, hall, path)
            written.append(path)
    except Exception:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
