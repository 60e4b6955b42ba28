"""The intake page: the generated form, the materials checklist and the decision bar, wired.

It keeps the assessment current on every edit, pre-fills a returning applicant's shared
fields, takes ID-card reads into the applicant or agent, and runs a decision through
`operations` (commit first, documents after).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.applicant import AGENT_SITUATION, AGENT_YES, card_field_of, with_applicant_parts
from clerk_app.core.case import Case, DecisionKind, state_label
from clerk_app.core.decide import DecisionError, DecisionInput, IntakeDraft
from clerk_app.core.formspec import FormSpec
from clerk_app.core.idnumber import is_valid_id_number
from clerk_app.core.intake import Assessment, MaterialState, assess
from clerk_app.ui.context import Workstation
from clerk_app.ui.i18n import Retranslatable
from clerk_app.ui.intake import operations
from clerk_app.ui.intake.decisions import (
    AcceptDialog,
    DecisionBar,
    NotifyDialog,
    RefuseDialog,
    ToleranceDialog,
)
from clerk_app.ui.intake.form import FormView
from clerk_app.ui.intake.materials import MaterialsView

if TYPE_CHECKING:
    from clerk_app.ui.intake.scanning import MaterialScanner

CARD_TO_FIELD = {"name": "name", "sex": "sex", "nation": "nation", "birth": "birth_date",
                 "address": "address", "id_number": "id_number", "authority": "authority",
                 "valid_from": "valid_from", "valid_to": "valid_to"}


class IntakePage(Retranslatable, QWidget):
    """One intake at a time; `decided(case)` after a decision is committed."""

    decided = Signal(object)
    documents_ready = Signal(object, list)  # case, [Path]
    summary_changed = Signal(dict)  # what the citizen-facing window mirrors

    def __init__(self, ws: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.form_spec: FormSpec | None = None
        self.form_view: FormView | None = None
        self.assessment: Assessment | None = None
        self._prefilled_for = ""
        self.heading = QLabel(self)
        self.heading.setProperty("role", "title")
        self.heading.setObjectName("intake_heading")
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.materials = MaterialsView(self)
        self.bar = DecisionBar(self)
        self.notice = QLabel(self)
        self.notice.setObjectName("intake_notice")
        self.notice.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.scroll)
        splitter.addWidget(self.materials)
        splitter.setSizes([420, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.bar)
        self._scanner: MaterialScanner | None = None
        self.panel: QWidget | None = None  # in the decision bar's place (a correction), see show_panel
        self.materials.changed.connect(self._reassess)
        self.materials.scan_requested.connect(self._scan)
        QShortcut(QKeySequence("F4"), self, self.focus_next_needed)
        self.bar.requested.connect(self._decide)
        ws.languages.changed.connect(lambda _: self._reassess())
        self.translateUI()

    def translateUI(self) -> None:
        if self.form_spec is None:
            self.heading.setText(self.tr("请在左侧查找并选择事项（F2）"))

    # starting an intake ----------------------------------------------------------------------
    def start(self, code: str) -> None:
        form = self.ws.catalogue.form(code)
        self.show_panel(None)
        kinds = tuple(dict.fromkeys(k for m in form.matters for k in m.applicant_kinds))
        self.form_spec = with_applicant_parts(form, kinds)
        view = FormView(self.form_spec, self)
        view.changed.connect(self._reassess)
        self.form_view = view
        self.scroll.setWidget(view)
        self._prefilled_for = ""
        self.materials.reset()
        self._reset_scans()
        self.heading.setText(("【一件事】" if form.is_bundle else "") + form.name)
        self.notice.clear()
        self._reassess()
        view.focusNextChild()

    def clear(self) -> None:
        self.show_panel(None)
        self.form_spec = None
        self.form_view = None
        self.scroll.takeWidget()
        self.materials.reset()
        self._reset_scans()
        self.assessment = None
        self.bar.update_from(None, self.ws.lang)
        self.translateUI()

    def load(self, answers: dict[str, Any], applicant_kind: str, materials: dict[str, MaterialState]) -> None:
        """Fill the started form with a stored case's answers and checklist (reopened for correction)."""
        if self.form_view is None:
            return
        self.form_view.set_applicant_kind(applicant_kind)
        self.materials.load(materials)
        self._prefilled_for = str(answers.get("applicant_id_number") or "")  # its own answers: no pre-filling
        self.form_view.set_answers(answers, only_empty=False)
        self.form_view.mark_all_touched()
        self._reassess()

    def show_panel(self, panel: QWidget | None) -> None:
        """Show `panel` above the form in place of the decision bar (e.g. a correction), or none."""
        if self.panel is not None:
            self.panel.hide()
            self.panel.deleteLater()
        self.panel = panel
        if panel is not None:
            self.layout().insertWidget(1, panel)
            panel.show()
        self.bar.setVisible(panel is None)

    # live assessment -------------------------------------------------------------------------
    def _reassess(self) -> None:
        if self.form_spec is None or self.form_view is None:
            return
        env = self.form_view.env()
        self.materials.set_active(self.form_spec.active_materials(env))
        answers = self.form_view.answers()
        self.assessment = assess(self.form_spec, answers, self.materials.states(),
                                 applicant_kind=self.form_view.applicant_kind(), today=self.ws.today())
        self.form_view.show_problems(self.assessment.field_problems, self.ws.lang)
        self.bar.update_from(self.assessment, self.ws.lang)
        self._maybe_prefill(answers)
        self.summary_changed.emit(self.summary())

    def summary(self) -> dict[str, Any]:
        answers = self.form_view.answers() if self.form_view else {}
        return {
            "matter": self.form_spec.name if self.form_spec else "",
            "name": answers.get("applicant_name") or answers.get("company_name") or "",
            "id_number": answers.get("applicant_id_number") or answers.get("credit_code") or "",
            "phone": answers.get("applicant_phone") or "",
            "agent": answers.get("agent_name") if answers.get(AGENT_SITUATION) == AGENT_YES else "",
        }

    def _maybe_prefill(self, answers: dict[str, Any]) -> None:
        number = str(answers.get("applicant_id_number") or "")
        if not is_valid_id_number(number) or number == self._prefilled_for:
            return
        self._prefilled_for = number
        operations.previous_answers(self.ws, number, self._apply_previous)

    def _apply_previous(self, previous: dict[str, Any]) -> None:
        if self.form_view is None or not previous:
            return
        shared = {k: v for k, v in previous.items() if k in self.form_view.inputs and k != "applicant_id_number"}
        focused = next((k for k, e in self.form_view.inputs.items() if e.focus_widget().hasFocus()), None)
        filled = self.form_view.set_answers(shared, only_empty=True)
        if filled:
            self.notice.setText(self.tr("回头客：已根据以往办件预填 %1 项").replace("%1", str(len(filled))))
        if focused in filled:  # the field the clerk was about to type is done: move on
            self.focus_next_needed()

    # ID card ---------------------------------------------------------------------------------
    def focus_next_needed(self) -> bool:
        """Focus the first field (in form order) that still needs the clerk; False when none does."""
        if self.form_view is None or self.assessment is None:
            return False
        problems = self.assessment.field_problems
        for key in self.form_view.inputs:
            if key in problems and self.form_view.layout_visible(key):
                self.form_view.focus_field(key)
                return True
        return False

    def fill_from_card(self, card: Any, *, as_agent: bool = False) -> list[str]:
        """Fill the applicant (or the agent) from a card read; returns the keys filled."""
        if self.form_view is None or self.form_spec is None:
            return []
        values: dict[str, Any] = {}
        if as_agent:
            values[AGENT_SITUATION] = AGENT_YES
        for form_field in self.form_spec.fields:
            spec = form_field.spec
            source = card_field_of(spec.key, spec.card)
            if source is None or spec.key.startswith("agent_") != as_agent:
                continue
            value = getattr(card, CARD_TO_FIELD.get(source, source), None)
            if value is not None:
                values[spec.key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
        filled = self.form_view.set_answers(values, only_empty=False)
        self.focus_next_needed()
        return filled

    # scanning ----------------------------------------------------------------------------------
    @property
    def scanner(self) -> MaterialScanner:
        """Created on first use: it brings in OpenCV, which start-up does not need."""
        if self._scanner is None:
            from clerk_app.ui.intake.scanning import MaterialScanner

            self._scanner = MaterialScanner(self.ws, self)
        return self._scanner

    def _reset_scans(self) -> None:
        if self._scanner is not None:
            self._scanner.reset()

    def _scan(self, key: str, name: str) -> None:
        self.scanner.scan(key, name, self.materials.attach_scans)

    # decisions -------------------------------------------------------------------------------
    def draft(self) -> IntakeDraft | None:
        if self.form_spec is None or self.form_view is None:
            return None
        return IntakeDraft(self.form_spec, self.form_view.answers(), self.materials.all_states(),
                           self.form_view.applicant_kind())

    def _decide(self, kind: DecisionKind) -> None:
        draft = self.draft()
        if draft is None or self.assessment is None or self.form_view is None:
            return
        self.form_view.mark_all_touched()
        self.form_view.show_problems(self.assessment.field_problems, self.ws.lang, all_rows=True)
        decision = self._ask(kind, draft)
        if decision is not None:
            operations.commit_decision(self.ws, draft, decision, self._saved, self._failed)

    def _ask(self, kind: DecisionKind, draft: IntakeDraft) -> DecisionInput | None:
        assert self.assessment is not None
        today = self.ws.today()
        env = {**draft.answers, "applicant_kind": draft.applicant_kind}
        promised, warning = operations.promised_date(self.ws, today, draft.form.promised_days(env))
        if warning:
            self.notice.setText(warning)
        if kind is DecisionKind.ACCEPT:
            dialog = AcceptDialog(promised, self.materials.summary.text(), self)
        elif kind is DecisionKind.TOLERANCE_ACCEPT:
            names = [m.material.name for m in self.assessment.tolerated]
            dialog = ToleranceDialog(names, today, promised, self)
        elif kind is DecisionKind.NOTIFY:
            dialog = NotifyDialog(self.assessment.notice_items(self.ws.lang), self)
        else:
            dialog = RefuseDialog(self)
        dialog.setObjectName(f"dialog_{kind.value}")
        return dialog.result_input if dialog.exec() else None

    def _saved(self, case: Case) -> None:
        label = state_label(case.state, self.ws.lang)
        self.notice.setText(self.tr("已保存：%1（%2），正在生成文书…").replace("%1", case.number).replace("%2", label))
        self.decided.emit(case)
        operations.render_documents(self.ws, case, lambda paths: self._documents(case, paths), self._print_failed)
        self.clear()

    def _documents(self, case: Case, paths: list[Path]) -> None:
        self.notice.setText(self.tr("%1 已办结，文书 %2 份").replace("%1", case.number).replace("%2", str(len(paths))))
        self.documents_ready.emit(case, paths)

    def _failed(self, error: BaseException) -> None:
        text = str(error) if isinstance(error, DecisionError) else self.tr("保存失败：%1").replace("%1", str(error))
        QMessageBox.warning(self, self.tr("未能办结"), text)

    def _print_failed(self, error: BaseException) -> None:
        self.notice.setText(self.tr("案件已保存，但文书生成失败：%1").replace("%1", str(error)))
