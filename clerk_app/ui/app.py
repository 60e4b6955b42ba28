"""Starting the workstation: settings, catalogue, local store, sign-in, main window.

`build_workstation` assembles everything a session needs and is what tests use; `run_workstation`
adds the QApplication, the sign-in dialog and the event loop.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QApplication, QMessageBox

from clerk_app import __version__
from clerk_app.catalogue.loader import load_default_catalogue
from clerk_app.config.calendar_file import CalendarFileError, load_calendar_files, shipped_calendars_dir
from clerk_app.config.settings import Settings, SettingsError, load_settings
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.search import SearchIndex, catalogue_entries
from clerk_app.core.workdays import WorkCalendar
from clerk_app.store.accounts import AccountStore
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database
from clerk_app.store.errors import AccountError, StoreError
from clerk_app.ui.context import Clerk, Workstation
from clerk_app.ui.i18n import LanguageSwitcher
from clerk_app.ui.login import LoginDialog
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.tasks import TaskRunner
from clerk_app.ui.theme import apply_theme

log = logging.getLogger(__name__)


class StartupError(Exception):
    """Something the workstation cannot start without; the message tells the clerk or admin what to do."""


@dataclass
class Session:
    workstation: Workstation
    search_index: object


@dataclass(frozen=True)
class Library:
    """What a workstation reads but never changes: the catalogue, its search index, the calendar."""

    catalogue: Catalogue
    index: SearchIndex
    calendar: WorkCalendar
    warnings: tuple[str, ...] = ()


def load_library(settings: Settings) -> Library:
    loaded = load_default_catalogue(settings.guides)
    warnings = [f"指南文件有误，已跳过：{issue}" for issue in loaded.issues]
    calendar = _calendar(settings, warnings)
    index = SearchIndex(catalogue_entries(loaded.catalogue))
    gc.freeze()  # the catalogue lives as long as the app: keep it out of full collections
    return Library(loaded.catalogue, index, calendar, tuple(warnings))


def _calendar(settings: Settings, warnings: list[str]) -> WorkCalendar:
    """chinesecalendar, then shipped and administrator calendar files (later ones win)."""
    folders = (shipped_calendars_dir(), settings.data_dir / "calendars")
    files = [p for folder in folders if folder.is_dir() for p in sorted(folder.glob("*.yaml"))]
    try:
        return WorkCalendar.official(load_calendar_files([*files, *settings.calendars]))
    except CalendarFileError as exc:
        warnings.append(str(exc))
        return WorkCalendar.official()


def build_workstation(app: QApplication, settings: Settings, library: Library | None = None) -> Session:
    library = library or load_library(settings)
    languages = LanguageSwitcher(app, settings.language)
    try:
        engine = open_database(settings.database_path)
    except StoreError as exc:
        raise StartupError(str(exc)) from None
    accounts = AccountStore(engine)
    if settings.demo:
        accounts.ensure_demo_accounts()
    ws = Workstation(
        settings=settings,
        catalogue=library.catalogue,
        calendar=library.calendar,
        languages=languages,
        store=CaseStore(engine),
        accounts=accounts,
        db=TaskRunner("database", app),
        printing=TaskRunner("documents", app),
        catalogue_warnings=list(library.warnings),
    )
    return Session(ws, library.index)


def verifier(accounts: AccountStore):
    def verify(username: str, password: str) -> Clerk | None:
        try:
            account = accounts.verify(username, password)
        except AccountError:
            return None
        return Clerk(account.username, account.display_name, str(account.role))

    return verify


def run_workstation(argv: Sequence[str] = ()) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    assert isinstance(app, QApplication)
    app.setApplicationName("clerk_app")
    app.setApplicationVersion(__version__)
    font_warning = apply_theme(app)
    try:
        session = build_workstation(app, load_settings())
    except (SettingsError, StartupError) as exc:
        QMessageBox.critical(None, "综合窗口受理系统", str(exc))
        return 2
    ws = session.workstation
    if font_warning:
        ws.catalogue_warnings.insert(0, font_warning)
    login = LoginDialog(ws.settings.hall, verifier(ws.accounts), ws.languages)  # type: ignore[arg-type]
    if not login.exec() or login.clerk is None:
        return 0
    ws.clerk = login.clerk
    window = MainWindow(ws, session.search_index)
    window.resize(1400, 860)
    window.show()
    window.search.focus_search()
    try:
        return app.exec()
    finally:
        ws.db.shutdown()
        ws.printing.shutdown()
