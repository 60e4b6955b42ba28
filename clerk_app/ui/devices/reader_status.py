"""A one-line, always-visible status of the ID card reader: a coloured dot and a sentence.

The sentence is in the UI's language (see `wording`) and is re-worded on a language switch.

The tooltip carries the precise problem (status code, port, library) for support staff.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from clerk_app.devices.idcard.monitor import ReaderState, ReaderStatus
from clerk_app.ui.devices.card_watcher import CardWatcher
from clerk_app.ui.devices.wording import Wording, ui_lang, word
from clerk_app.ui.i18n import Retranslatable

COLOURS = {
    ReaderState.CONNECTING: "#b26a00",
    ReaderState.NO_READER: "#c62828",
    ReaderState.READY: "#1a7f37",
    ReaderState.READING: "#b26a00",
    ReaderState.CARD_READ: "#1a7f37",
    ReaderState.READ_FAILED: "#c62828",
    ReaderState.STOPPED: "#757575",
}


SENTENCES: dict[ReaderState, Wording] = {
    ReaderState.CONNECTING: ("正在连接身份证阅读器…", "Connecting to the ID card reader…"),
    ReaderState.NO_READER: (
        "身份证阅读器未连接：{advice}（{seconds}秒后自动重试）",
        "ID card reader not connected: {advice} (retrying in {seconds} s)",
    ),
    ReaderState.READY: ("身份证阅读器就绪，请放置证件", "ID card reader ready: place a card"),
    ReaderState.READING: ("正在读卡，请勿移动证件…", "Reading the card: do not move it…"),
    ReaderState.CARD_READ: ("证件已读取，可以取回证件", "Card read: it can be taken back"),
    ReaderState.READ_FAILED: ("读卡失败：{advice}", "Card not read: {advice}"),
    ReaderState.STOPPED: ("身份证阅读器已停止", "ID card reader stopped"),
}


def sentence(status: ReaderStatus, lang: str) -> str:
    """What the status line says for `status`."""
    advice = status.error.advice(lang) if status.error else ""
    seconds = f"{status.retry_in or 0:g}"
    return word(SENTENCES[status.state], lang, advice=advice, seconds=seconds)


class ReaderStatusWidget(Retranslatable, QWidget):
    """Shows a `ReaderStatus`; `attach(watcher)` keeps it current."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = ReaderStatus(ReaderState.STOPPED)
        self.dot = QLabel("●", self)
        self.dot.setObjectName("card_reader_dot")
        self.label = QLabel(self)
        self.label.setObjectName("card_reader_status")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.dot)
        layout.addWidget(self.label, 1)
        self.translateUI()

    def attach(self, watcher: CardWatcher) -> None:
        """Follow `watcher` from now on, starting from its current status."""
        watcher.status_changed.connect(self.set_status)
        self.set_status(watcher.status)

    @Slot(object)
    def set_status(self, status: ReaderStatus) -> None:
        self.status = status
        self.translateUI()

    def translateUI(self) -> None:
        status, lang = self.status, ui_lang()
        self.dot.setStyleSheet(f"color: {COLOURS[status.state]};")
        self.label.setText(sentence(status, lang))
        details = [status.reader] if status.reader else []
        if status.error is not None:
            details.append(status.error.text(lang))
        self.setToolTip("\n".join(details))
