"""The supervisor's decision dialogs: 准予 (confirm), 不予 (reason required), 补正 (the list of corrections).

OK stays disabled until the dialog holds what the back office requires, and the reason why is
written under it, so a decision never fails for a missing reason.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clerk_app.ui.i18n import Retranslatable

MAX_REASON = 2000


class DecisionDialog(Retranslatable, QDialog):
    """kind: approve | deny | correction; `materials` are offered as corrections by double-click."""

    def __init__(self, kind: str, number: str, materials: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"decision_{kind}")
        self.kind, self.number = kind, number
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("decision_text")
        self.suggestions = QListWidget(self)
        self.suggestions.addItems(materials)
        self.suggestions.itemDoubleClicked.connect(lambda item: self._add_line(self.tr("请补正：%1")
                                                                               .replace("%1", item.text())))
        self.why = QLabel(self)
        self.why.setProperty("role", "problem")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.text)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.why)
        layout.addWidget(self.buttons)
        self.text.setVisible(kind != "approve")
        self.suggestions.setVisible(kind == "correction" and bool(materials))
        self.text.textChanged.connect(self._check)
        self.resize(560, 420 if kind != "approve" else 160)
        self.translateUI()

    @property
    def reason(self) -> str:
        return self.text.toPlainText().strip() if self.kind == "deny" else ""

    @property
    def corrections(self) -> list[str]:
        if self.kind != "correction":
            return []
        return [line.strip() for line in self.text.toPlainText().splitlines() if line.strip()]

    def _add_line(self, line: str) -> None:
        if line not in self.corrections:
            self.text.appendPlainText(line)

    def _check(self) -> None:
        problem = ""
        if self.kind == "deny" and not self.reason:
            problem = self.tr("不予许可必须写明理由。")
        elif self.kind == "correction" and not self.corrections:
            problem = self.tr("补正须列出至少一项需补正的内容（每行一项）。")
        elif len(self.text.toPlainText()) > MAX_REASON:
            problem = self.tr("内容过长（最多 %1 字）。").replace("%1", str(MAX_REASON))
        self.why.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def translateUI(self) -> None:
        titles = {"approve": self.tr("准予许可"), "deny": self.tr("不予许可"), "correction": self.tr("退回补正")}
        intros = {
            "approve": self.tr("确认对办件 %1 作出准予许可决定？决定将推送回窗口，待出件。"),
            "deny": self.tr("对办件 %1 作出不予许可决定。请写明理由（将告知申请人）："),
            "correction": self.tr("退回办件 %1 补正。每行写一项需补正的内容；双击下方材料可加入："),
        }
        self.setWindowTitle(titles[self.kind])
        self.intro.setText(intros[self.kind].replace("%1", self.number))
        self._check()
