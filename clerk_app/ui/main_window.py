"""The intake workstation's main window: search and guide, the intake, today's cases."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
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
from clerk_app.ui.intake.guide_panel import GuidePanel
from clerk_app.ui.intake.page import IntakePage
from clerk_app.ui.intake.search import MatterSearch


class MainWindow(Retranslatable, QMainWindow):
    def __init__(self, ws: Workstation, search_index: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setObjectName("main_window")
        self.search = MatterSearch(ws.catalogue, search_index, self)
        self.guide = GuidePanel(ws.catalogue, self)
        self.intake = IntakePage(ws, self)
        self.cases = TodayCases(ws, self)
        self.citizen = CitizenWindow(ws.settings.hall.name)
        self.last_documents: list[Path] = []
        self._build_layout()
        self._build_actions()
        self.status_clerk = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_clerk)
        self.search.chosen.connect(self.start_intake)
        self.intake.summary_changed.connect(self.citizen.show_summary)
        self.intake.documents_ready.connect(self._documents_ready)
        self.translateUI()
        self.cases.refresh()
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
        self.menu_work = self.menuBar().addMenu("")
        for action in (self.find_action, self.new_action, self.open_docs_action, self.citizen_action):
            self.menu_work.addAction(action)
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

    def translateUI(self) -> None:
        hall = self.ws.settings.hall
        self.setWindowTitle(self.tr("综合窗口受理 — %1 %2").replace("%1", hall.name).replace("%2", hall.window_code))
        self.find_action.setText(self.tr("查找事项 (F2)"))
        self.new_action.setText(self.tr("新的受理 (Ctrl+N)"))
        self.open_docs_action.setText(self.tr("打印最近文书 (Ctrl+P)"))
        self.citizen_action.setText(self.tr("群众核对屏"))
        self.menu_work.setTitle(self.tr("受理"))
        self.menu_language.setTitle(self.tr("语言 / Language"))
        clerk = self.ws.clerk
        if clerk is not None:
            self.status_clerk.setText(f"{clerk.display_name} · {hall.window_name or hall.window_code}")

    def start_intake(self, code: str) -> None:
        self.guide.show_guide(code)
        self.intake.start(code)

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
        self.citizen.close()
        super().closeEvent(event)
