"""补正 at the window: a returned case reopened in the intake screen, corrected and resubmitted.

`reopen` starts the intake page on the case's matter, fills it with the case's answers and
checklist (scans included) and puts the correction banner in the decision bar's place. The clerk
fixes fields, ticks, adds or re-scans materials (F6, as at intake: a new scan replaces the
material's pages), then resubmits: `core.correction.resubmitted` checks the corrected intake and
`store.revisions.resubmit` commits the next revision with its outbox row in one transaction on the
database runner. Only then is the page cleared and the decision's notice rendered again (the same
documents as at acceptance, now listing the materials received), so a crash at any moment leaves
the case either still returned, or resubmitted and queued: nothing half done, nothing lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject

from clerk_app.core.case import Case, state_label
from clerk_app.core.correction import corrections_asked, material_states, resubmitted
from clerk_app.core.decide import IntakeDraft
from clerk_app.ui.context import Workstation
from clerk_app.ui.correction.panel import CorrectionPanel
from clerk_app.ui.intake import operations
from clerk_app.ui.intake.page import IntakePage


def commit_resubmission(ws: Workstation, case: Case, draft: IntakeDraft, on_saved: Callable[[Case], None],
                        on_error: Callable[[BaseException], None]) -> None:
    """Check and save the corrected case as its next revision, queued, on the database runner."""
    clerk = ws.clerk
    assert clerk is not None
    stores, now = ws.stores, datetime.now().astimezone().replace(microsecond=0)

    def work() -> Case:
        from clerk_app.store.revisions import resubmit

        return resubmit(stores.cases, resubmitted(case, draft, at=now, actor=clerk.username))

    def saved(result: Case) -> None:
        ws.events.case_saved.emit(result)
        ws.events.cases_changed.emit()
        on_saved(result)

    ws.db.run(work, on_done=saved, on_error=on_error)


class Correction(QObject):
    """One returned case open in the intake page, until resubmitted or left for later."""

    def __init__(self, ws: Workstation, page: IntakePage, case: Case) -> None:
        panel = CorrectionPanel(case, corrections_asked(case), page)
        super().__init__(panel)  # lives as long as its banner
        self.panel = panel
        self.ws, self.page, self.case = ws, page, case
        page.start(case.code)
        page.load(dict(case.answers), case.applicant.kind, material_states(case))
        page.show_panel(self.panel)
        opened = self.tr("已打开退回补正的办件 %1：按后台要求补齐或更换材料（F6 扫描），改正信息后按 F9 重新提交")
        page.notice.setText(opened.replace("%1", case.number))
        self.panel.resubmit_requested.connect(self.resubmit)
        self.panel.leave_requested.connect(page.clear)

    def resubmit(self) -> None:
        draft = self.page.draft()
        if draft is None or self.page.panel is not self.panel:
            return
        self.panel.set_problem("")
        self.panel.set_busy(True)
        page, panel, ws = self.page, self.panel, self.ws
        # The callbacks use locals only: the clerk may leave the correction (Ctrl+N) while it saves,
        # which deletes the banner and this object with it.
        commit_resubmission(ws, self.case, draft, lambda case: _saved(ws, page, panel, case),
                            lambda error: _failed(ws, page, panel, error))


def _saved(ws: Workstation, page: IntakePage, panel: CorrectionPanel, case: Case) -> None:
    label = state_label(case.state, ws.lang)
    text = QCoreApplication.translate("Correction", "已重新提交：%1（%2，第%3版），正在生成文书…")
    page.notice.setText(text.replace("%1", case.number).replace("%2", label).replace("%3", str(case.revision)))
    done = QCoreApplication.translate("Correction", "%1 已重新提交，文书 %2 份").replace("%1", case.number)
    failed = QCoreApplication.translate("Correction", "已重新提交，但文书生成失败：%1")
    page.decided.emit(case)
    if page.panel is panel:
        page.clear()  # the banner goes: the intake is ready for the next applicant

    def ready(paths: list) -> None:
        page.notice.setText(done.replace("%2", str(len(paths))))
        page.documents_ready.emit(case, paths)

    operations.render_documents(ws, case, ready, lambda error: page.notice.setText(failed.replace("%1", str(error))))


def _failed(ws: Workstation, page: IntakePage, panel: CorrectionPanel, error: BaseException) -> None:
    if hasattr(error, "text"):
        text = error.text(ws.lang)
    else:
        text = QCoreApplication.translate("Correction", "保存失败：%1").replace("%1", str(error))
    if page.panel is panel:
        panel.set_busy(False)
        panel.set_problem(text)
    else:
        page.notice.setText(text)


def reopen(ws: Workstation, page: IntakePage, case: Case) -> Correction | str:
    """Open `case` for correction in `page`; a sentence for the clerk when its matter is gone."""
    if case.code not in ws.catalogue:
        text = QCoreApplication.translate("Correction", "办件 %1 的事项“%2”（%3）已不在事项目录中，无法在受理页打开")
        return text.replace("%1", case.number).replace("%2", case.name).replace("%3", case.code)
    return Correction(ws, page, case)
