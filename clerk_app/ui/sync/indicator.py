"""The status-bar indicator: online or offline, the backlog, and progress while draining.

The state is always written out in words with a symbol; the colour only repeats it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from clerk_app.ui.i18n import Retranslatable

ONLINE, OFFLINE, DRAINING = "#1b7f3b", "#a15c00", "#1f5fa8"


class SyncIndicator(Retranslatable, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_indicator")
        self.label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(120)
        self.progress.setTextVisible(True)
        self.progress.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        self.online, self.backlog, self.draining = False, 0, False
        self._drain_start = 0
        self.translateUI()

    def set_status(self, online: bool, backlog: int, draining: bool) -> None:
        if draining and not self.draining:
            self._drain_start = max(backlog + 1, 1)
        self.online, self.backlog, self.draining = online, backlog, draining
        self.progress.setVisible(draining)
        if draining:
            self._drain_start = max(self._drain_start, backlog)
            self.progress.setRange(0, self._drain_start)
            self.progress.setValue(self._drain_start - backlog)
        self.translateUI()

    def translateUI(self) -> None:
        if self.draining:
            text, colour = self.tr("⟳ 正在同步，剩余 %1 件").replace("%1", str(self.backlog)), DRAINING
        elif self.online:
            text, colour = self.tr("● 后台在线 · 待同步 %1 件").replace("%1", str(self.backlog)), ONLINE
        else:
            text = self.tr("○ 离线 · 待同步 %1 件（不影响受理）").replace("%1", str(self.backlog))
            colour = OFFLINE
        self.label.setText(text)
        self.label.setStyleSheet(f"color: {colour};")
        self.label.setToolTip(self.tr("与后台审批系统的连接状态，以及待推送的办件和办件记录（出件、评价、容缺补交）数"))
