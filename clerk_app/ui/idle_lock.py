"""The idle lock: after a while without keyboard or mouse input the screen hides everything.

`IdleLock` watches the application's input events; when the configured minutes pass with none,
it covers the window with `LockScreen` (nothing of the case behind shows), blanks the
citizen-facing screen, and asks for the signed-in clerk's password. Another clerk taking the desk
signs the first one out ("切换用户"): the session ends and the sign-in dialog comes back. Unlocking
is a sign-in check, throttled and audited like one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from clerk_app.ui.context import Clerk
from clerk_app.ui.i18n import Retranslatable

INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                          QEvent.Type.Wheel, QEvent.Type.TouchBegin})
# verify(username, password, answer(clerk or None, reason)): the login's own check, on the db thread.
Verifier = Callable[[str, str, Callable[[Clerk | None, str], None]], None]


class LockScreen(Retranslatable, QWidget):
    """An opaque cover over the whole window with the unlock form."""

    unlock_requested = Signal(str)  # password
    switch_requested = Signal()

    def __init__(self, clerk: Clerk, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lock_screen { background: #263238; } QLabel { color: white; }")
        self.clerk = clerk
        self.title, self.who, self.error = QLabel(self), QLabel(self), QLabel(self)
        self.title.setStyleSheet("font-size: 22pt;")
        self.error.setStyleSheet("color: #ffcdd2;")
        self.password = QLineEdit(self)
        self.password.setObjectName("lock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaximumWidth(320)
        self.unlock, self.switch = QPushButton(self), QPushButton(self)
        self.unlock.setObjectName("lock_unlock")
        self.switch.setObjectName("lock_switch")
        self.password.returnPressed.connect(self._unlock)
        self.unlock.clicked.connect(self._unlock)
        self.switch.clicked.connect(self.switch_requested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock)
        buttons.addWidget(self.switch)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.title, self.who, self.password, self.error):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.translateUI()

    def _unlock(self) -> None:
        password = self.password.text()
        self.password.clear()
        if password:
            self.error.setText(self.tr("正在验证…"))
            self.unlock_requested.emit(password)

    def cover(self) -> None:
        parent = self.parentWidget()
        assert parent is not None
        self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.password.setFocus()

    def translateUI(self) -> None:
        self.title.setText(self.tr("屏幕已锁定"))
        self.who.setText(self.tr("%1 已离开，输入密码继续").replace("%1", self.clerk.display_name))
        self.unlock.setText(self.tr("解锁"))
        self.switch.setText(self.tr("切换用户（退出登录）"))


class IdleLock(QObject):
    locked = Signal()
    unlocked = Signal()
    signed_out = Signal()

    def __init__(self, window: QWidget, clerk: Clerk, verify: Verifier, minutes: int,
                 blank: Callable[[bool], None] | None = None) -> None:
        super().__init__(window)
        self.window, self.clerk, self.verify = window, clerk, verify
        self.blank = blank or (lambda _covered: None)
        self.screen: LockScreen | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, minutes) * 60_000)
        self.timer.timeout.connect(self.lock)
        if minutes > 0:
            app = QApplication.instance()
            assert app is not None
            app.installEventFilter(self)
            self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self.screen is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and not self.is_locked:
            self.timer.start()  # restarts the countdown
        elif event.type() == QEvent.Type.Resize and watched is self.window and self.screen is not None:
            self.screen.setGeometry(self.window.rect())
        return False

    def lock(self) -> None:
        if self.is_locked:
            return
        self.screen = LockScreen(self.clerk, self.window)
        self.screen.unlock_requested.connect(self._check)
        self.screen.switch_requested.connect(self.signed_out.emit)
        self.screen.cover()
        self.blank(True)
        self.locked.emit()

    def _check(self, password: str) -> None:
        self.verify(self.clerk.username, password, self._answered)

    def _answered(self, clerk: Clerk | None, reason: str) -> None:
        if self.screen is None:
            return
        if clerk is None or clerk.username != self.clerk.username:
            self.screen.error.setText(reason or self.screen.tr("密码不正确"))
            return
        self.screen.hide()
        self.screen.deleteLater()
        self.screen = None
        self.blank(False)
        self.timer.start()
        self.unlocked.emit()
