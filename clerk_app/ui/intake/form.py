"""The intake form generated from a guide (or a bundle): situations, applicant, matter fields.

Situations (情形) switch fields live; each field shows its problem in words under it once the
clerk has touched it (or tried a decision). Shared fields of a bundle appear once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.applicant import PERSON, applicant_kinds, is_applicant_field
from clerk_app.core.fieldcheck import is_empty
from clerk_app.core.formspec import FormSpec
from clerk_app.core.guide import FieldSpec, FieldType, Situation
from clerk_app.core.intake import answers_env
from clerk_app.core.problems import Problem
from clerk_app.ui.i18n import Retranslatable
from clerk_app.ui.intake.field_widgets import ChoiceInput, FieldInput, make_input

KIND_KEY = "applicant_kind"


class _Row:
    def __init__(self, layout: QFormLayout, label: QLabel, editor: QWidget, problem: QLabel) -> None:
        self.layout = layout
        self.label = label
        self.editor = editor
        self.problem = problem
        self.touched = False

    def set_visible(self, visible: bool) -> None:
        self.layout.setRowVisible(self.editor, visible)
        self.problem.setVisible(visible and bool(self.problem.text()))


class FormView(Retranslatable, QWidget):
    """Widgets for every situation and field of a `FormSpec`; `changed` fires on any edit."""

    changed = Signal()

    def __init__(self, form: FormSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.kinds = applicant_kinds(form)
        self.inputs: dict[str, FieldInput] = {}
        self.rows: dict[str, _Row] = {}
        self._updating = False
        layout = QVBoxLayout(self)
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("applicant_kind")
        for kind in self.kinds:
            self.kind_box.addItem(kind, kind)
        self.situation_group = QGroupBox(self)
        self.applicant_group = QGroupBox(self)
        self.matter_group = QGroupBox(self)
        for group in (self.situation_group, self.applicant_group, self.matter_group):
            QFormLayout(group).setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            layout.addWidget(group)
        layout.addStretch(1)
        self._build()
        self.kind_box.currentIndexChanged.connect(self._on_edit)
        self.translateUI()
        self.refresh()

    def translateUI(self) -> None:
        self.situation_group.setTitle(self.tr("办理情形"))
        self.applicant_group.setTitle(self.tr("申请人"))
        self.matter_group.setTitle(self.tr("事项信息"))
        self.rows[KIND_KEY].label.setText(self.tr("申请人类型"))

    # construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        self._add_row(self.situation_group, KIND_KEY, QLabel(self), self.kind_box)
        self.rows[KIND_KEY].set_visible(len(self.kinds) > 1)
        for situation in self.form.situations:
            self._add_situation(situation)
        for form_field in self.form.fields:
            spec = form_field.spec
            group = self.applicant_group if is_applicant_field(spec.key) else self.matter_group
            editor = make_input(spec, self)
            editor.edited.connect(lambda key=spec.key: self._on_edit(key))
            self.inputs[spec.key] = editor
            self._add_row(group, spec.key, QLabel(self._label_text(spec), self), editor)
        if not any(is_applicant_field(f.spec.key) for f in self.form.fields):
            self.applicant_group.hide()
        if all(is_applicant_field(f.spec.key) for f in self.form.fields):
            self.matter_group.hide()

    def _add_situation(self, situation: Situation) -> None:
        spec = FieldSpec(situation.key, situation.label, FieldType.CHOICE, options=situation.options)
        editor = ChoiceInput(spec, self, placeholder=situation.default is None)
        editor.set_value(situation.default)
        editor.edited.connect(lambda key=situation.key: self._on_edit(key))
        self.inputs[situation.key] = editor
        self._add_row(self.situation_group, situation.key, QLabel(situation.label, self), editor)

    def _add_row(self, group: QGroupBox, key: str, label: QLabel, editor: QWidget) -> None:
        layout = group.layout()
        assert isinstance(layout, QFormLayout)
        problem = QLabel(self)
        problem.setProperty("role", "problem")
        problem.setObjectName(f"problem_{key}")
        problem.setWordWrap(True)
        label.setBuddy(editor.focusProxy() or editor)
        layout.addRow(label, editor)
        layout.addRow("", problem)
        self.rows[key] = _Row(layout, label, editor, problem)

    @staticmethod
    def _label_text(spec: FieldSpec) -> str:
        suffix = "（证件读取）" if spec.card else ""
        return f"{'*' if spec.required else ''}{spec.label}{suffix}"

    # values ----------------------------------------------------------------------------------
    def applicant_kind(self) -> str:
        return str(self.kind_box.currentData() or PERSON)

    def raw_answers(self) -> dict[str, Any]:
        fixed = dict(self.form.fixed_answers)  # a bundle's own answers, never asked
        return {**fixed, **{key: editor.value() for key, editor in self.inputs.items()}}

    def env(self) -> dict[str, Any]:
        return answers_env(self.raw_answers(), self.applicant_kind())

    def answers(self) -> dict[str, Any]:
        """Situations and the fields that apply now (hidden fields are not part of the case)."""
        env = self.env()
        active = {f.spec.key for f in self.form.active_fields(env)}
        situations = {s.key for s in self.form.active_situations(env)}
        return {
            key: value for key, value in self.raw_answers().items()
            if (key in active or key in situations or key in self.form.fixed_answers) and not is_empty(value)
        }

    def set_answers(self, values: Mapping[str, Any], *, only_empty: bool = True) -> list[str]:
        """Fill fields by key (e.g. a returning applicant); returns the keys filled."""
        filled: list[str] = []
        self._updating = True
        try:
            for key, value in values.items():
                editor = self.inputs.get(key)
                if editor is None or (only_empty and not is_empty(editor.value())):
                    continue
                editor.set_value(value)
                filled.append(key)
        finally:
            self._updating = False
        self._on_edit()
        return filled

    def set_applicant_kind(self, kind: str) -> None:
        index = self.kind_box.findData(kind)
        if index >= 0:
            self.kind_box.setCurrentIndex(index)

    # live behaviour --------------------------------------------------------------------------
    def _on_edit(self, key: str | None = None) -> None:
        if self._updating:
            return
        if key in self.rows:
            self.rows[key].touched = True
        self.refresh()
        self.changed.emit()

    def refresh(self) -> None:
        env = self.env()
        active = {f.spec.key for f in self.form.active_fields(env)}
        situations = {s.key for s in self.form.active_situations(env)}
        for key, row in self.rows.items():
            if key == KIND_KEY:
                continue
            row.set_visible(key in active or key in situations)

    def show_problems(self, problems: Mapping[str, Problem], lang: str, *, all_rows: bool = False) -> None:
        for key, row in self.rows.items():
            problem = problems.get(key)
            shown = problem is not None and (all_rows or row.touched)
            row.problem.setText(problem.text(lang) if shown and problem else "")
            row.problem.setVisible(shown and self.layout_visible(key))
            editor = self.inputs.get(key)
            if editor is not None:
                editor.set_invalid(shown)

    def layout_visible(self, key: str) -> bool:
        return not self.rows[key].editor.isHidden()

    def focus_field(self, key: str) -> None:
        editor = self.inputs.get(key)
        if editor is not None:
            editor.focus_widget().setFocus()

    def mark_all_touched(self) -> None:
        for row in self.rows.values():
            row.touched = True
