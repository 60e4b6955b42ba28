"""The intake workstation's main window: search and guide, the intake, today's cases.

It comes up in stages, so that the clerk can type a search as soon as the window shows: the
first frame has the frame, the menus and the matter search (which needs only the search index).
After the first paint, the rest (guide, intake page, today's cases, citizen screen, card reader,
sync, what follows the intake: `ui.window_flows`) is built a piece at a time from the event loop,
with typing answered in between; devices and the first sync round start a little later, so that
their work does not compete with the start-up for the interpreter. Whatever needs a part before
then (choosing a matter, a test touching `window.intake`) gets everything built at once
(`ensure_built`), and started too when it needs the card reader or sync (`ensure_started`).

The first frame also keeps off PySide6's `Qt` namespace, whose enums are all made at first touch
(some 30 ms; see `clerk_app.ui.intake.search`): splitters get their parent by keyword (the
positional overload would look for a `Qt.Orientation`), the left one its orientation as a
property, and shortcuts are set as lists. Nor does Qt call Python with an event while the window
comes up (PySide6 would build the event classes' types for it): the window retranslates on
`LanguageSwitcher.changed` rather than in `changeEvent`, and learns it is shown from `setVisible`
rather than `paintEvent`. And the application style sheet is off until the first step after the
first frame (`clerk_app.ui.theme`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from clerk_app.ui.context import Workstation
from clerk_app.ui.i18n import LANGUAGES
from clerk_app.ui.intake.search import MatterSearch
from clerk_app.ui.theme import suspend_style_sheet

if TYPE_CHECKING:
    from clerk_app.core.case import Case
    from clerk_app.ui.cases.today import TodayCases
    from clerk_app.ui.citizen import CitizenWindow
    from clerk_app.ui.intake.card_input import CardInput
    from clerk_app.ui.intake.guide_panel import GuidePanel
    from clerk_app.ui.intake.page import IntakePage
    from clerk_app.ui.sync.controller import SyncController
    from clerk_app.ui.sync.indicator import SyncIndicator
    from clerk_app.ui.window_flows import WindowFlows

FIRST_STEP_DELAY_MS = 200  # after the first paint: the window answers the first keystrokes first
BUILD_FALLBACK_MS = 500  # build the rest even if the window is never painted (e.g. hidden)
START_DELAY_MS = 1500  # after the last part is built: card reader polling and the first sync round
_VERTICAL = 2  # Qt.Orientation.Vertical


def _put(splitter: QSplitter, index: int, widget: QWidget) -> None:
    """In place of the placeholder at `index`, keeping the sizes the first frame showed."""
    sizes = splitter.sizes()
    splitter.replaceWidget(index, widget).deleteLater()
    splitter.setSizes(sizes)


class MainWindow(QMainWindow):
    def __init__(self, ws: Workstation, search_index: object, parent: QWidget | None = None, *,
                 backoffice_credentials: tuple[str, str] | None = None) -> None:
        super().__init__(parent)
        self._restore_style_sheet = suspend_style_sheet()  # the first step, or closing, puts it back
        self.ws = ws
        self.setObjectName("main_window")
        self.search = MatterSearch(ws.library.listing, search_index, self)
        self._guide: GuidePanel | None = None
        self._intake: IntakePage | None = None
        self._cases: TodayCases | None = None
        self._citizen: CitizenWindow | None = None
        self._card_input: CardInput | None = None
        self._sync: SyncController | None = None
        self._sync_indicator: SyncIndicator | None = None
        self._flows: WindowFlows | None = None  # after the intake: card routing, ratings, inbox, 容缺
        self._credentials = backoffice_credentials
        self._pending_card: tuple[object, bool] | None = None
        self._asking_password = False  # the back-office password prompt is open
        self.last_documents: list[Path] = []
        # One step per turn of the event loop, each a few milliseconds to a few tens: importing
        # the heavier modules is a step of its own, so that a keystroke never waits long.
        self._steps: list[Callable[[], object]] = [
            self._restore_style_sheet,
            self.search.after_first_frame,
            partial(import_module, "clerk_app.core.catalogue"),  # guides, forms and their rules
            lambda: ws.catalogue,  # unpickled from the start-up cache
            self._build_guide,
            partial(import_module, "clerk_app.core.decide"),
            partial(import_module, "clerk_app.ui.intake.field_widgets"),
            self._build_intake,
            self._build_cases,
            partial(import_module, "clerk_app.core.evaluation"),
            self._build_citizen,
            self._build_card_input,
            self._build_sync,
            partial(import_module, "clerk_app.ui.window_flows"),
            self._build_flows,
            lambda: ws.calendar,  # ready for the first promised date
        ]
        self._scheduled = False
        self._started = False
        self._closed = False
        self._build_layout()
        self._build_actions()
        self.status_clerk = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_clerk)
        self.search.chosen.connect(self.start_intake)
        ws.languages.changed.connect(self._language_changed)
        self.translateUI()
        for warning in ws.catalogue_warnings:
            self.statusBar().showMessage(warning, 15000)
        QTimer.singleShot(BUILD_FALLBACK_MS, self, self._schedule_building)  # timers die with the window

    # the parts built after the first paint -------------------------------------------------------
    @property
    def guide(self) -> GuidePanel:
        if self._guide is None:
            self.ensure_built()
        assert self._guide is not None
        return self._guide

    @property
    def intake(self) -> IntakePage:
        if self._intake is None:
            self.ensure_built()
        assert self._intake is not None
        return self._intake

    @property
    def cases(self) -> TodayCases:
        if self._cases is None:
            self.ensure_built()
        assert self._cases is not None
        return self._cases

    @property
    def citizen(self) -> CitizenWindow:
        if self._citizen is None:
            self.ensure_built()
        assert self._citizen is not None
        return self._citizen

    @property
    def card_input(self) -> CardInput:
        self.ensure_started()
        assert self._card_input is not None
        return self._card_input

    @property
    def sync(self) -> SyncController:
        self.ensure_started()
        assert self._sync is not None
        return self._sync

    @property
    def sync_indicator(self) -> SyncIndicator:
        if self._sync_indicator is None:
            self.ensure_built()
        assert self._sync_indicator is not None
        return self._sync_indicator

    @property
    def flows(self) -> WindowFlows:
        if self._flows is None:
            self.ensure_built()
        assert self._flows is not None
        return self._flows

    def ensure_built(self) -> None:
        """Build every part not built yet, now."""
        while self._steps:
            self._steps.pop(0)()

    def ensure_started(self) -> None:
        """Every part built, the card reader watched and the sync rounds running (unless closed)."""
        self.ensure_built()
        if self._started or self._closed:
            return
        self._started = True
        assert self._card_input is not None and self._sync is not None
        self._card_input.start()
        credentials, self._credentials = self._credentials, None
        self._sync.start(credentials)

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if visible:
            self._schedule_building()  # its first frame is painted before the first step

    def _schedule_building(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(FIRST_STEP_DELAY_MS if self.isVisible() else 0, self, self._build_next)

    def _build_next(self) -> None:
        """One part per turn of the event loop, so that typing is answered in between."""
        if self._closed:
            return
        if self._steps:
            self._steps.pop(0)()
            QTimer.singleShot(0, self, self._build_next)
        elif not self._started:
            QTimer.singleShot(START_DELAY_MS, self, lambda: None if self._closed else self.ensure_started())

    def _build_guide(self) -> None:
        from clerk_app.ui.intake.guide_panel import GuidePanel

        self._guide = GuidePanel(self.ws.catalogue, self)
        _put(self._left, 1, self._guide)

    def _build_intake(self) -> None:
        from clerk_app.ui.intake.page import IntakePage

        self._intake = IntakePage(self.ws, self)
        self._intake.documents_ready.connect(self._documents_ready)
        _put(self._main, 1, self._intake)

    def _build_cases(self) -> None:
        from clerk_app.ui.cases.today import TodayCases

        self._cases = TodayCases(self.ws, self)
        _put(self._main, 2, self._cases)
        self._cases.refresh()

    def _build_citizen(self) -> None:
        from clerk_app.ui.citizen import CitizenWindow

        assert self._intake is not None
        self._citizen = CitizenWindow(self.ws.settings.hall.name)
        self._intake.summary_changed.connect(self._citizen.show_summary)

    def _build_card_input(self) -> None:
        from clerk_app.ui.intake.card_input import CardInput

        card_input = self._card_input = CardInput(self.ws.settings.devices, self)
        self.statusBar().insertPermanentWidget(0, card_input.status)
        card_input.card.connect(self._card_read)

    def _build_sync(self) -> None:
        from clerk_app.ui.sync.controller import SyncController
        from clerk_app.ui.sync.indicator import SyncIndicator

        sync = self._sync = SyncController(self.ws, self)
        self._sync_indicator = SyncIndicator(self)
        self.statusBar().addPermanentWidget(self._sync_indicator)
        sync.status.connect(self._sync_indicator.set_status)
        sync.needs_sign_in.connect(self.sign_in_backoffice)
        sync.signed_in.connect(self._signed_in)
        self.ws.events.case_saved.connect(lambda _case: sync.sync_now())

    def _build_flows(self) -> None:
        from clerk_app.ui.window_flows import WindowFlows

        self._flows = WindowFlows(self, self._card_to_intake)

    # the first frame -----------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self._left = QSplitter(parent=self)
        self._left.setProperty("orientation", _VERTICAL)
        self._left.addWidget(self.search)
        self._left.addWidget(QWidget(self))  # the guide's place until it is built
        self._left.setSizes([360, 360])
        self._main = QSplitter(parent=self)  # horizontal
        self._main.addWidget(self._left)
        self._main.addWidget(QWidget(self))  # the intake's
        self._main.addWidget(QWidget(self))  # today's cases'
        self._main.setStretchFactor(1, 1)
        self._main.setSizes([320, 760, 300])
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._main)
        self.setCentralWidget(central)

    def _build_actions(self) -> None:
        self.find_action = QAction(self)
        self.find_action.setShortcuts([QKeySequence("F2"), QKeySequence("Ctrl+K")])
        self.find_action.triggered.connect(self.search.focus_search)
        self.citizen_action = QAction(self)
        self.citizen_action.setCheckable(True)
        self.citizen_action.toggled.connect(self._toggle_citizen)
        self.new_action = QAction(self)
        self.new_action.setShortcuts([QKeySequence("Ctrl+N")])
        self.new_action.triggered.connect(self._new_intake)
        self.open_docs_action = QAction(self)
        self.open_docs_action.setShortcuts([QKeySequence("Ctrl+P")])
        self.open_docs_action.triggered.connect(self._print_last)
        self.agent_action = QAction(self)
        self.agent_action.setCheckable(True)
        self.agent_action.setShortcuts([QKeySequence("Ctrl+Shift+G")])
        self.agent_action.toggled.connect(lambda on: setattr(self.card_input, "as_agent", on))
        self.demo_card_action = QAction(self)
        self.demo_card_action.setShortcuts([QKeySequence("Ctrl+Shift+D")])
        self.demo_card_action.triggered.connect(lambda: self.card_input.place_demo_card())
        self.demo_card_action.setVisible(self.ws.settings.devices.card_reader == "simulator")  # as CardInput
        self.tolerance_action = QAction(self)
        self.tolerance_action.setShortcuts([QKeySequence("Ctrl+Shift+T")])
        self.tolerance_action.triggered.connect(lambda: self.flows.open_follow_up())
        self.menu_work = self.menuBar().addMenu("")
        for action in (self.find_action, self.new_action, self.open_docs_action, self.tolerance_action,
                       self.citizen_action):
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
        self.sync_now_action.triggered.connect(lambda: self.sync.sync_now())
        self.problems_action = QAction(self)
        self.problems_action.triggered.connect(self._show_problems)
        self.inbox_action = QAction(self)
        self.inbox_action.setShortcuts([QKeySequence("Ctrl+Shift+I")])
        self.inbox_action.triggered.connect(self._show_inbox)
        self.sign_in_action = QAction(self)
        self.sign_in_action.triggered.connect(self.sign_in_backoffice)
        self.menu_sync = self.menuBar().addMenu("")
        for action in (self.sync_now_action, self.inbox_action, self.problems_action, self.sign_in_action):
            self.menu_sync.addAction(action)

    def _show_problems(self) -> None:
        from clerk_app.ui.sync.dialogs import ProblemsDialog

        ProblemsDialog(self.sync, self).exec()

    def _show_inbox(self) -> None:
        self.flows.open_inbox()

    def sign_in_backoffice(self) -> None:
        """Ask for the back-office password (never stored) and sign in on the sync worker.

        One prompt at a time: rounds refused while it waits (every 10 s) do not stack more prompts.
        """
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        if self._asking_password:
            return
        username = self.ws.settings.backoffice.username or (self.ws.clerk.username if self.ws.clerk else "")
        self._asking_password = True
        try:
            password, ok = QInputDialog.getText(self, self.tr("登录后台"), self.tr("后台账号 %1 的密码：").replace(
                "%1", username), QLineEdit.EchoMode.Password)
        finally:
            self._asking_password = False
        if ok and password:
            self.sync.sign_in(username, password, self._signed_in)

    def _signed_in(self, ok: bool, message: str) -> None:
        text = self.tr("已登录后台") if ok else self.tr("后台登录失败：%1").replace("%1", message)
        self.statusBar().showMessage(text, 10000)

    def _language_changed(self, _language: str) -> None:
        self.translateUI()

    def translateUI(self) -> None:
        self.search.translateUI()
        hall = self.ws.settings.hall
        self.setWindowTitle(self.tr("综合窗口受理 — %1 %2").replace("%1", hall.name).replace("%2", hall.window_code))
        self.find_action.setText(self.tr("查找事项 (F2)"))
        self.new_action.setText(self.tr("新的受理 (Ctrl+N)"))
        self.open_docs_action.setText(self.tr("打印最近文书 (Ctrl+P)"))
        self.tolerance_action.setText(self.tr("容缺材料跟踪 (Ctrl+Shift+T)"))
        self.citizen_action.setText(self.tr("群众核对屏"))
        self.menu_work.setTitle(self.tr("受理"))
        self.menu_devices.setTitle(self.tr("设备"))
        self.agent_action.setText(self.tr("读卡填入代办人 (Ctrl+Shift+G)"))
        self.demo_card_action.setText(self.tr("放置演示证件 (Ctrl+Shift+D)"))
        self.menu_language.setTitle(self.tr("语言 / Language"))
        self.menu_sync.setTitle(self.tr("同步"))
        self.sync_now_action.setText(self.tr("立即同步"))
        self.inbox_action.setText(self.tr("后台办理结果（退回补正/准予）… (Ctrl+Shift+I)"))
        self.problems_action.setText(self.tr("同步冲突与隔离…"))
        self.sign_in_action.setText(self.tr("登录后台…"))
        clerk = self.ws.clerk
        if clerk is not None:
            self.status_clerk.setText(f"{clerk.display_name} · {hall.window_name or hall.window_code}")

    # intake ----------------------------------------------------------------------------------------
    def start_intake(self, code: str) -> None:
        self.guide.show_guide(code)
        self.intake.start(code)
        if self._pending_card is not None:
            card, as_agent = self._pending_card
            self._pending_card = None
            self.intake.fill_from_card(card, as_agent=as_agent)

    def _card_read(self, card: object, as_agent: bool) -> None:
        """To the active consumer of card reads (`flows.cards`): the intake, or an open hand-out dialog."""
        self.flows.card_read(card, as_agent)

    def _card_to_intake(self, card: object, as_agent: bool) -> None:
        """Fill the intake; read before a matter is chosen, the card waits for it."""
        if self.intake.form_spec is None:
            self._pending_card = (card, as_agent)
            self.statusBar().showMessage(self.tr("已读取证件，选择事项后自动填入"), 10000)
            return
        self.intake.fill_from_card(card, as_agent=as_agent)

    def _new_intake(self) -> None:
        self.flows.new_intake()
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
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            for path in self.last_documents:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            return
        problem = print_pdfs(self.last_documents, self)
        if problem:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, self.tr("打印"), problem)

    def closeEvent(self, event) -> None:
        self._closed = True
        self._restore_style_sheet()
        if self._card_input is not None:
            self._card_input.stop()
        if self._sync is not None:
            self._sync.stop()
        if self._citizen is not None:
            self._citizen.close()
        super().closeEvent(event)
