"""One input widget per guide field type, all speaking the same small interface.

`FieldInput.value()` returns what the clerk entered in the form the core checks (text, list of
options, ISO date), `set_value()` fills it (card reads, returning applicants) and `edited`
fires on every change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from clerk_app.core.guide import FieldSpec, FieldType

_UPPER_CODE = QRegularExpression(r"[0-9A-Za-z]{0,18}")
_PHONE = QRegularExpression(r"[0-9\- ()]{0,20}")
_NUMBER = QRegularExpression(r"-?[0-9,]*\.?[0-9]*")


class FieldInput(QWidget):
    """Base: a labelled input's editor part."""

    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"field_{spec.key}")

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        return self

    def set_invalid(self, invalid: bool) -> None:
        widget = self.focus_widget()
        widget.setProperty("invalid", "true" if invalid else "false")
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class LineInput(FieldInput):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"input_{spec.key}")
        layout.addWidget(self.edit)
        self._configure()
        self.edit.textChanged.connect(self.edited)
        self.setFocusProxy(self.edit)

    def _configure(self) -> None:
        spec = self.spec
        if spec.max_length:
            self.edit.setMaxLength(spec.max_length)
        if spec.type in (FieldType.ID_NUMBER, FieldType.CREDIT_CODE):
            self.edit.setValidator(QRegularExpressionValidator(_UPPER_CODE, self.edit))
            self.edit.textEdited.connect(self._upper)
        elif spec.type is FieldType.PHONE:
            self.edit.setValidator(QRegularExpressionValidator(_PHONE, self.edit))
        elif spec.type in (FieldType.NUMBER, FieldType.MONEY):
            self.edit.setValidator(QRegularExpressionValidator(_NUMBER, self.edit))
            self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)

    def _upper(self, text: str) -> None:
        if text != text.upper():
            position = self.edit.cursorPosition()
            self.edit.setText(text.upper())
            self.edit.setCursorPosition(position)

    def value(self) -> Any:
        return self.edit.text().strip()

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def focus_widget(self) -> QWidget:
        return self.edit


class DateInput(FieldInput):
    """A date typed as digits (yyyy-MM-dd) with a calendar pop-up; empty until set."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QDateEdit(self)
        self.edit.setObjectName(f"input_{spec.key}")
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(QDate(1900, 1, 1))
        self.edit.setSpecialValueText(" ")
        self.edit.setDate(self.edit.minimumDate())
        layout.addWidget(self.edit)
        self.edit.dateChanged.connect(self.edited)
        self.setFocusProxy(self.edit)

    def value(self) -> Any:
        day = self.edit.date()
        return None if day == self.edit.minimumDate() else day.toString("yyyy-MM-dd")

    def set_value(self, value: Any) -> None:
        day = QDate.fromString(str(value or ""), "yyyy-MM-dd")
        self.edit.setDate(day if day.isValid() else self.edit.minimumDate())

    def focus_widget(self) -> QWidget:
        return self.edit


class ChoiceInput(FieldInput):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None, *, placeholder: bool = True) -> None:
        super().__init__(spec, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox(self)
        self.combo.setObjectName(f"input_{spec.key}")
        if placeholder:
            self.combo.addItem("", "")  # never None as item data: PySide6 mis-counts its references
        for option in spec.options:
            self.combo.addItem(option, option)
        layout.addWidget(self.combo)
        self.combo.currentIndexChanged.connect(self.edited)
        self.setFocusProxy(self.combo)

    def value(self) -> Any:
        return self.combo.currentData() or None

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value if value is not None else "")
        self.combo.setCurrentIndex(max(index, 0))

    def focus_widget(self) -> QWidget:
        return self.combo


class MultiChoiceInput(FieldInput):
    """One check box per option, in a row; Tab moves through them, Space ticks."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        for index, option in enumerate(spec.options):
            box = QCheckBox(option, self)
            box.setObjectName(f"input_{spec.key}_{index}")
            box.toggled.connect(self.edited)
            layout.addWidget(box)
            self.boxes.append(box)
        layout.addStretch(1)
        if self.boxes:
            self.setFocusProxy(self.boxes[0])

    def value(self) -> Any:
        return [box.text() for box in self.boxes if box.isChecked()]

    def set_value(self, value: Any) -> None:
        chosen = set(value or ())
        for box in self.boxes:
            box.setChecked(box.text() in chosen)


def make_input(spec: FieldSpec, parent: QWidget | None = None) -> FieldInput:
    if spec.type is FieldType.DATE:
        return DateInput(spec, parent)
    if spec.type is FieldType.CHOICE:
        return ChoiceInput(spec, parent)
    if spec.type is FieldType.MULTI_CHOICE:
        return MultiChoiceInput(spec, parent)
    return LineInput(spec, parent)
