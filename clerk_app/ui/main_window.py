"""The intake workstation's main window: search and guide, the intake, today's cases."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.case import Case
from clerk_app.ui.cases.today import TodayCases
from clerk_app.ui.citizen import CitizenWindow
from clerk_app.ui.context import Workstation
from clerk_app.ui.i18n import LANGUAGES, Retranslatable
from clerk_app.ui.intake.card_input import CardInput
from clerk_app.ui.intake.guide_panel import GuidePanel
from clerk_app.ui.intake.page import IntakePage
from clerk_app.ui.intake.search import MatterSearch
from clerk_app.ui.sync.controller import SyncController
from clerk_app.ui.sync.dialogs import InboxDialog, ProblemsDialog
from clerk_app.ui.sync.indicator import SyncIndicator


class MainWindow(Retranslatable, QMainWindow):
    def __init__(self, ws: Workstation, search_index: object, parent: QWidget | None = None, *,
                 backoffice_credentials: tuple[str, str] | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setObjectName("main_window")
        self.search = MatterSearch(ws.catalogue, search_index, self)
        self.guide = GuidePanel(ws.catalogue, self)
        self.intake = IntakePage(ws, self)
        self.cases = TodayCases(ws, self)
        self.citizen = CitizenWindow(ws.settings.hall.name)
        self.card_input = CardInput(ws.settings.devices, self)
        self._pending_card: tuple[object, bool] | None = None
        self.last_documents: list[Path] = []
        self.sync = SyncController(ws, self)
        self.sync_indicator = SyncIndicator(self)
        self._build_layout()
        self._build_actions()
        self.status_clerk = QLabel(self)
        self.statusBar().addPermanentWidget(self.card_input.status)
        self.statusBar().addPermanentWidget(self.status_clerk)
        self.statusBar().addPermanentWidget(self.sync_indicator)
        self.sync.status.connect(self.sync_indicator.set_status)
        self.sync.needs_sign_in.connect(self.sign_in_backoffice)
        self.sync.signed_in.connect(self._signed_in)
        ws.events.case_saved.connect(lambda _case: self.sync.sync_now())
        self.card_input.card.connect(self._card_read)
        self.card_input.start()
        self.search.chosen.connect(self.start_intake)
        self.intake.summary_changed.connect(self.citizen.show_summary)
        self.intake.documents_ready.connect(self._documents_ready)
        self.translateUI()
        self.cases.refresh()
        self.sync.start(backoffice_credentials)
        for warning in ws.catalogue_warnings:
            self.statusBar().showMessage(warning, 15000)

    def _build_layout(self) -> None:
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.search)
        left.addWidget(self.guide)
        left.setSizes([360, 360])
        main = QSplitter(Qt.Orientation.Horizontal, self)
        main.addWidget(left)
        main.addWidget(self.intake)
        main.addWidget(self.cases)
        main.setStretchFactor(1, 1)
        main.setSizes([320, 760, 300])
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(main)
        self.setCentralWidget(central)

    def _build_actions(self) -> None:
        self.find_action = QAction(self)
        self.find_action.setShortcuts([QKeySequence("F2"), QKeySequence("Ctrl+K")])
        self.find_action.triggered.connect(self.search.focus_search)
        self.citizen_action = QAction(self)
        self.citizen_action.setCheckable(True)
        self.citizen_action.toggled.connect(self._toggle_citizen)
        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.triggered.connect(self._new_intake)
        self.open_docs_action = QAction(self)
        self.open_docs_action.setShortcut(QKeySequence("Ctrl+P"))
        self.open_docs_action.triggered.connect(self._print_last)
        self.agent_action = QAction(self)
        self.agent_action.setCheckable(True)
        self.agent_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.agent_action.toggled.connect(lambda on: setattr(self.card_input, "as_agent", on))
        self.demo_card_action = QAction(self)
        self.demo_card_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.demo_card_action.triggered.connect(self.card_input.place_demo_card)
        self.demo_card_action.setVisible(self.card_input.simulator is not None)
        self.menu_work = self.menuBar().addMenu("")
        for action in (self.find_action, self.new_action, self.open_docs_action, self.citizen_action):
            self.menu_work.addAction(action)
        self.menu_devices = self.menuBar().addMenu("")
        for action in (self.agent_action, self.demo_card_action):
            self.menu_devices.addAction(action)
            self.addAction(action)
        self._build_sync_menu()
        self.menu_language = self.menuBar().addMenu("")
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = group.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == self.ws.languages.language)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.ws.languages.set_language(c))
            self.menu_language.addAction(action)
        self.addAction(self.find_action)

    def _build_sync_menu(self) -> None:
        self.sync_now_action = QAction(self)
        self.sync_now_action.triggered.connect(self.sync.sync_now)
        self.problems_action = QAction(self)
        self.problems_action.triggered.connect(lambda: ProblemsDialog(self.sync, self).exec())
        self.inbox_action = QAction(self)
        self.inbox_action.triggered.connect(lambda: InboxDialog(self.ws, self).exec())
        self.sign_in_action = QAction(self)
        self.sign_in_action.triggered.connect(self.sign_in_backoffice)
        self.menu_sync = self.menuBar().addMenu("")
        for action in (self.sync_now_action, self.inbox_action, self.problems_action, self.sign_in_action):
            self.menu_sync.addAction(action)

    def sign_in_backoffice(self) -> None:
        """Ask for the back-office password (never stored) and sign in on the sync worker."""
        username = self.ws.settings.backoffice.username or (self.ws.clerk.username if self.ws.clerk else "")
        password, ok = QInputDialog.getText(self, self.tr("登录后台"), self.tr("后台账号 %1 的密码：").replace(
            "%1", username), QLineEdit.EchoMode.Password)
        if ok and password:
            self.sync.sign_in(username, password, self._signed_in)

    def _signed_in(self, ok: bool, message: str) -> None:
        text = self.tr("已登录后台") if ok else self.tr("后台登录失败：%1").replace("%1", message)
        self.statusBar().showMessage(text, 10000)

    def translateUI(self) -> None:
        hall = self.ws.settings.hall
        self.setWindowTitle(self.tr("综合窗口受理 — %1 %2").replace("%1", hall.name).replace("%2", hall.window_code))
        self.find_action.setText(self.tr("查找事项 (F2)"))
        self.new_action.setText(self.tr("新的受理 (Ctrl+N)"))
        self.open_docs_action.setText(self.tr("打印最近文书 (Ctrl+P)"))
        self.citizen_action.setText(self.tr("群众核对屏"))
        self.menu_work.setTitle(self.tr("受理"))
        self.menu_devices.setTitle(self.tr("设备"))
        self.agent_action.setText(self.tr("读卡填入代办人 (Ctrl+Shift+G)"))
        self.demo_card_action.setText(self.tr("放置演示证件 (Ctrl+Shift+D)"))
        self.menu_language.setTitle(self.tr("语言 / Language"))
        self.menu_sync.setTitle(self.tr("同步"))
        self.sync_now_action.setText(self.tr("立即同步"))
        self.inbox_action.setText(self.tr("后台办理结果（退回补正/准予）…"))
        self.problems_action.setText(self.tr("同步冲突与隔离…"))
        self.sign_in_action.setText(self.tr("登录后台…"))
        clerk = self.ws.clerk
        if clerk is not None:
            self.status_clerk.setText(f"{clerk.display_name} · {hall.window_name or hall.window_code}")

    def start_intake(self, code: str) -> None:
        self.guide.show_guide(code)
        self.intake.start(code)
        if self._pending_card is not None:
            card, as_agent = self._pending_card
            self._pending_card = None
            self.intake.fill_from_card(card, as_agent=as_agent)

    def _card_read(self, card: object, as_agent: bool) -> None:
        """Fill the intake; read before a matter is chosen, the card waits for it."""
        if self.intake.form_spec is None:
            self._pending_card = (card, as_agent)
            self.statusBar().showMessage(self.tr("已读取证件，选择事项后自动填入"), 10000)
            return
        self.intake.fill_from_card(card, as_agent=as_agent)

    def _new_intake(self) -> None:
        self.intake.clear()
        self.search.focus_search()

    def _toggle_citizen(self, on: bool) -> None:
        if on:
            self.citizen.place()
        else:
            self.citizen.hide()

    def _documents_ready(self, case: Case, paths: list[Path]) -> None:
        self.last_documents = paths
        names = "、".join(p.stem for p in paths)
        self.statusBar().showMessage(
            self.tr("%1：%2（Ctrl+P 打印）").replace("%1", case.number).replace("%2", names), 30000
        )
        self.search.focus_search()

    def _print_last(self) -> None:
        if not self.last_documents:
            return
        try:
            from clerk_app.ui.printing import print_pdfs
        except ImportError:
            for path in self.last_documents:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            return
        problem = print_pdfs(self.last_documents, self)
        if problem:
            QMessageBox.warning(self, self.tr("打印"), problem)

    def closeEvent(self, event) -> None:
        self.card_input.stop()
        self.sync.stop()
        self.citizen.close()
        super().closeEvent(event)
