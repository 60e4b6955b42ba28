"""The scan panel: live preview, capture by Space or automatically, and the page strip.

The panel only wires things together: `CameraFeed` (worker thread) supplies frames and clean
pages, `ScanSession` keeps the pages per material and tells the checklist, `PageStrip` shows
them. Keys: Space captures; Delete deletes the selected page; R rotates it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.devices.camera.process import CleanPage
from clerk_app.ui.i18n import Retranslatable
from clerk_app.ui.scan.feed import STATE_LIVE, STATE_MISSING, CameraFeed
from clerk_app.ui.scan.preview import PreviewWidget
from clerk_app.ui.scan.session import ScanSession
from clerk_app.ui.scan.strip import PageStrip

MODES = ("gray", "color", "bw")


class ScanPanel(Retranslatable, QWidget):
    def __init__(self, feed: CameraFeed, session: ScanSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.feed, self.session = feed, session
        self.preview = PreviewWidget(self)
        self.strip = PageStrip(self)
        self.status = QLabel(self)
        self.auto = QCheckBox(self)
        self.auto.setChecked(feed.auto_capture)
        self.card = QCheckBox(self)
        self.mode = QComboBox(self)
        self.mode.addItems(["", "", ""])
        self.capture_button, self.rotate_button = QPushButton(self), QPushButton(self)
        self.delete_button, self.retake_button = QPushButton(self), QPushButton(self)
        self.left_button, self.right_button = QPushButton(self), QPushButton(self)
        self._layout()
        self._connect()
        self.translateUI()

    def _layout(self) -> None:
        controls = QHBoxLayout()
        for widget in (self.capture_button, self.auto, self.card, self.mode, self.status):
            controls.addWidget(widget)
        controls.addStretch(1)
        edits = QHBoxLayout()
        for button in (self.left_button, self.right_button, self.rotate_button,
                       self.delete_button, self.retake_button):
            edits.addWidget(button)
        edits.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(controls)
        layout.addWidget(self.strip)
        layout.addLayout(edits)

    def _connect(self) -> None:
        self.feed.frame_ready.connect(self._show_frame)
        self.feed.state_changed.connect(self._show_state)
        self.feed.page_captured.connect(self._add_page)
        self.feed.capture_failed.connect(self.status.setText)
        self.session.pages_changed.connect(lambda _key, pages: self.strip.show_pages(pages))
        self.strip.moved.connect(self.session.move)
        self.auto.toggled.connect(self._set_auto)
        self.card.toggled.connect(self._set_card)
        self.mode.currentIndexChanged.connect(self._set_mode)
        self.capture_button.clicked.connect(self.capture)
        self.rotate_button.clicked.connect(lambda: self.session.rotate(self.strip.currentRow()))
        self.delete_button.clicked.connect(lambda: self.session.delete(self.strip.currentRow()))
        self.retake_button.clicked.connect(self.retake)
        self.left_button.clicked.connect(lambda: self._shift(-1))
        self.right_button.clicked.connect(lambda: self._shift(1))
        for key, action in ((Qt.Key.Key_Space, self.capture),
                            (Qt.Key.Key_Delete, self.delete_button.click),
                            (Qt.Key.Key_R, self.rotate_button.click)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)

    def translateUI(self) -> None:
        self.capture_button.setText(self.tr("拍照（空格）"))
        self.auto.setText(self.tr("放稳自动拍摄"))
        self.card.setText(self.tr("身份证模式"))
        for index, text in enumerate((self.tr("灰度"), self.tr("彩色"), self.tr("黑白"))):
            self.mode.setItemText(index, text)
        self.left_button.setText(self.tr("前移"))
        self.right_button.setText(self.tr("后移"))
        self.rotate_button.setText(self.tr("旋转"))
        self.delete_button.setText(self.tr("删除"))
        self.retake_button.setText(self.tr("重拍"))
        self.strip.set_label(self.tr("第{n}页"))
        self.status.setText(self.tr("正在连接高拍仪…"))

    # --- actions -----------------------------------------------------------------------------

    @Slot()
    def capture(self) -> None:
        self.status.setText(self.tr("正在拍摄…"))
        self.feed.request_capture()

    @Slot()
    def retake(self) -> None:
        row = self.strip.currentRow()
        if row >= 0:
            self.session.mark_retake(row)
            self.feed.rearm()
            self.status.setText(self.tr("请放好第{n}页后拍摄").format(n=row + 1))

    def _shift(self, step: int) -> None:
        row = self.strip.currentRow()
        if row >= 0:
            self.session.move(row, row + step)
            self.strip.setCurrentRow(min(max(row + step, 0), self.strip.count() - 1))

    def _set_auto(self, on: bool) -> None:
        self.feed.auto_capture = on

    def _set_card(self, on: bool) -> None:
        self.feed.card = on

    def _set_mode(self, index: int) -> None:
        self.feed.mode = MODES[index]  # type: ignore[assignment]

    # --- from the camera thread (already on the UI thread) ------------------------------------

    @Slot()
    def _show_frame(self) -> None:
        live = self.feed.take_latest()
        if live is not None:
            steady = live.steadiness
            self.preview.show_frame(live.image, steady.corners, steady.steady)

    @Slot(str, str)
    def _show_state(self, state: str, message: str) -> None:
        if state == STATE_MISSING:
            self.preview.show_message(message + "\n" + self.tr("重新连接后将自动恢复"))
            self.status.setText(self.tr("高拍仪未连接"))
        elif state == STATE_LIVE:
            self.status.setText(self.tr("高拍仪已连接"))

    @Slot(object)
    def _add_page(self, page: CleanPage) -> None:
        self.session.add(page)
        note = self.tr("（空白页）") if page.blank else ""
        self.status.setText(self.tr("已拍摄第{n}页").format(n=len(self.session.pages())) + note)
