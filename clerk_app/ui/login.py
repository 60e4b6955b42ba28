"""Clerk sign-in: local accounts (clerk / supervisor / admin), hall and window shown for confirmation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.hall import HallInfo
from clerk_app.ui.context import Clerk
from clerk_app.ui.i18n import LANGUAGES, LanguageSwitcher, Retranslatable

# verify(username, password, answer): answer(clerk or None, reason) comes later on the UI thread
Verifier = Callable[[str, str, Callable[[Clerk | None, str], None]], None]


class LoginDialog(Retranslatable, QDialog):
    def __init__(self, hall: HallInfo, verify: Verifier, languages: LanguageSwitcher,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verify = verify
        self.languages = languages
        self.clerk: Clerk | None = None
        self.hall_label = QLabel(f"{hall.name} · {hall.window_name or hall.window_code}", self)
        self.hall_label.setProperty("role", "title")
        self.username = QLineEdit(self)
        self.username.setObjectName("login_username")
        self.password = QLineEdit(self)
        self.password.setObjectName("login_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.language = QComboBox(self)
        self.language.setObjectName("login_language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(languages.language))
        self.language.currentIndexChanged.connect(lambda: languages.set_language(self.language.currentData()))
        self.error = QLabel(self)
        self.error.setProperty("role", "problem")
        self.error.setObjectName("login_error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.user_label, self.password_label, self.language_label = QLabel(self), QLabel(self), QLabel(self)
        self.form.addRow(self.user_label, self.username)
        self.form.addRow(self.password_label, self.password)
        self.form.addRow(self.language_label, self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hall_label)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.translateUI()

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("综合窗口受理系统 — 登录"))
        self.user_label.setText(self.tr("用户名"))
        self.password_label.setText(self.tr("密码"))
        self.language_label.setText(self.tr("界面语言"))

    def _try(self) -> None:
        self.buttons.setEnabled(False)
        self.error.setText(self.tr("正在验证…"))
        self.verify(self.username.text().strip(), self.password.text(), self._answered)
        self.password.clear()

    def _answered(self, clerk: Clerk | None, reason: str) -> None:
        self.buttons.setEnabled(True)
        if clerk is None:
            self.error.setText(reason or self.tr("用户名或密码不正确，或账号已停用"))
            self.password.setFocus()
            return
        self.clerk = clerk
        self.accept()
