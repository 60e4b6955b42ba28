"""The supervisor's back-office screen: the department queue beside the chosen case, and a
second tab with the follow-ups of bad ratings (差评整改).

The same application, signed in as a supervisor, opens this window instead of the intake. It
talks to the back office only (the queue lives there); without a back-office address it says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QImage, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMainWindow, QSplitter, QTabWidget, QWidget

from clerk_app.ui.context import Workstation
from clerk_app.ui.i18n import Retranslatable
from clerk_app.ui.supervisor.case_view import CaseView
from clerk_app.ui.supervisor.controller import ReviewController
from clerk_app.ui.supervisor.dashboard import DashboardPanel
from clerk_app.ui.supervisor.decision_dialogs import DecisionDialog
from clerk_app.ui.supervisor.follow_up_controller import FollowUpController
from clerk_app.ui.supervisor.follow_up_panel import FollowUpPanel
from clerk_app.ui.supervisor.queue_panel import QueuePanel
from clerk_app.ui.supervisor.scan_viewer import ScanViewer
from clerk_app.ui.supervisor.statistics_loader import StatisticsLoader

SCAN_DPI = 110


class SupervisorWindow(Retranslatable, QMainWindow):
    def __init__(self, ws: Workstation, parent: QWidget | None = None, *,
                 backoffice_credentials: tuple[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisor_window")
        self.ws = ws
        self.review = ReviewController(ws, self)
        self.queue = QueuePanel(ws.catalogue, ws.calendar, self)
        self.case_view = CaseView(ws.catalogue, ws.calendar, self)
        self.case_view.username = ws.settings.backoffice.username or (ws.clerk.username if ws.clerk else "")
        self.viewers: list[ScanViewer] = []
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.queue)
        splitter.addWidget(self.case_view)
        splitter.setSizes([760, 640])
        self.follow_up_control = FollowUpController(self.review, self)
        self.follow_ups = FollowUpPanel(ws.calendar, self.follow_up_control, ws.today, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("supervisor_tabs")
        self.tabs.addTab(splitter, "")
        self.tabs.addTab(self.follow_ups, "")
        self.dashboard = DashboardPanel(StatisticsLoader(self.review, self), ws.today, self)
        self.tabs.addTab(self.dashboard, "")
        self.setCentralWidget(self.tabs)
        self.status_user = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_user)
        self._asking_password = False  # the back-office password prompt is open
        self._wire()
        self._actions()
        self.translateUI()
        self._start(backoffice_credentials)

    def _wire(self) -> None:
        review, queue, view = self.review, self.queue, self.case_view
        review.signed_in.connect(self._signed_in)
        review.queue_loaded.connect(lambda page: queue.show_page(page, self.ws.today()))
        review.queue_progress.connect(self._progress)
        review.case_loaded.connect(lambda case: view.show_case(case, self.ws.today()))
        review.failed.connect(lambda message: self.statusBar().showMessage(message, 15000))
        review.needs_sign_in.connect(self.ask_password)
        review.acted.connect(lambda _case, _answer: self.statusBar().showMessage(self.tr("已提交后台"), 5000))
        queue.department_changed.connect(self._department)
        queue.refresh_requested.connect(review.refresh)
        queue.case_chosen.connect(review.open_case)
        view.claim_requested.connect(review.claim)
        view.release_requested.connect(review.release)
        view.decide_requested.connect(self.decide)
        view.scan_requested.connect(self.show_scan)
        view.full_view_requested.connect(self.reveal)
        self.ws.languages.changed.connect(lambda _: self._language())
        follow_ups = self.follow_up_control
        review.signed_in.connect(lambda ok, _message: ok and follow_ups.refresh())
        review.timer.timeout.connect(follow_ups.refresh)
        follow_ups.failed.connect(lambda message: self.statusBar().showMessage(message, 15000))
        follow_ups.acted.connect(lambda _file: self.statusBar().showMessage(self.tr("已提交后台"), 5000))

    def _actions(self) -> None:
        refresh = QAction(self)
        refresh.setShortcut(QKeySequence(Qt.Key.Key_F5))
        refresh.triggered.connect(self.review.refresh)
        refresh.triggered.connect(self.follow_up_control.refresh)
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.queue.filter.setFocus())
        for action in (refresh, find):
            self.addAction(action)

    def _start(self, credentials: tuple[str, str] | None) -> None:
        if not self.review.configured:
            self.statusBar().showMessage(self.tr("未配置后台地址（[backoffice] url），无法载入审批队列"))
            return
        if credentials is not None and self.ws.settings.backoffice.username in ("", credentials[0]):
            self.review.sign_in(*credentials)
        else:
            self.ask_password()

    def ask_password(self) -> None:
        """One prompt at a time: refreshes refused while it waits do not stack more prompts."""
        if self._asking_password:
            return
        username = self.case_view.username
        self._asking_password = True
        try:
            password, ok = QInputDialog.getText(self, self.tr("登录后台"), self.tr("后台账号 %1 的密码：")
                                                .replace("%1", username), QLineEdit.EchoMode.Password)
        finally:
            self._asking_password = False
        if ok and password:
            self.review.sign_in(username, password)

    def _signed_in(self, ok: bool, message: str) -> None:
        if ok:
            self.queue.set_departments(self.review.departments)
            self.statusBar().showMessage(self.tr("已登录后台，正在载入队列…"), 5000)
        else:
            self.statusBar().showMessage(self.tr("后台登录失败：%1").replace("%1", message), 15000)

    def _department(self, department: str | None) -> None:
        self.review.department = department
        self.review.refresh()

    def _progress(self, loaded: int, total: int) -> None:
        self.statusBar().showMessage(self.tr("正在载入队列：%1 / %2").replace("%1", str(loaded))
                                     .replace("%2", str(total)), 3000)

    def decide(self, case_id: str, kind: str) -> None:
        case = self.case_view.case
        if case is None or case.case_id != case_id:
            return
        materials = [str(m.get("name", "")) for m in case.case.get("materials") or []]
        dialog = DecisionDialog(kind, case.number, materials, self)
        if dialog.exec():
            self.review.decide(case_id, kind, dialog.reason, dialog.corrections)

    def reveal(self, case_id: str) -> None:
        """Ask the back office for the case unmasked once the local audit trail holds who looked, and when."""
        case = self.case_view.case
        number = case.number if case is not None and case.case_id == case_id else ""
        actor = self.case_view.username or "?"
        stores = self.ws.stores

        def audit() -> None:
            from clerk_app.store.audit import AuditLog

            AuditLog(stores.cases.engine).append(actor, "view_full", case_id, {"number": number})

        self.ws.db.run(audit, on_done=lambda _r: self.review.open_full_case(case_id),  # audited there too
                       on_error=lambda error: self.statusBar().showMessage(
                           self.tr("无法记录审计日志，未显示完整信息：%1").replace("%1", str(error)), 15000))

    def show_scan(self, sha256: str, name: str) -> None:
        stores = self.ws.stores
        self.review.scan_pages(sha256, lambda: stores.review_cache, SCAN_DPI,
                               lambda pages: self._open_viewer(name, pages))

    def _open_viewer(self, name: str, pages: list[QImage]) -> None:
        viewer = ScanViewer(name, pages, self)
        self.viewers.append(viewer)
        viewer.finished.connect(lambda _r: self.viewers.remove(viewer))
        viewer.show()

    def _language(self) -> None:
        self.queue.model.set_lang(self.ws.lang)
        self.case_view.lang = self.ws.lang
        self.case_view.translateUI()
        self.follow_ups.set_lang(self.ws.lang)
        self.dashboard.set_lang(self.ws.lang)

    def translateUI(self) -> None:
        hall = self.ws.settings.hall
        self.setWindowTitle(self.tr("后台审批 — %1").replace("%1", hall.name))
        self.tabs.setTabText(0, self.tr("审批队列"))
        self.tabs.setTabText(1, self.tr("差评整改"))
        self.tabs.setTabText(self.tabs.indexOf(self.dashboard), self.tr("统计"))
        clerk = self.ws.clerk
        self.status_user.setText(self.tr("审批人：%1").replace("%1", clerk.display_name if clerk else ""))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.review.stop()
        super().closeEvent(event)
