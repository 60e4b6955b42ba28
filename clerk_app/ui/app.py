"""Starting the workstation: settings, catalogue, local store, sign-in, main window.

`build_workstation` assembles what a session needs and is what tests use; `run_workstation`
adds the QApplication, the sign-in dialog and the event loop. Start-up stays short: the
catalogue and its index come from a cache, and the database opens on its own thread while the
sign-in dialog is already on screen.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from clerk_app.catalogue.cache import open_indexed_catalogue
from clerk_app.config.paths import calendars_dir, guides_dir
from clerk_app.config.settings import Settings
from clerk_app.ui.context import Clerk, Lazy, Library, Workstation
from clerk_app.ui.i18n import LanguageSwitcher
from clerk_app.ui.stores import Stores
from clerk_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from clerk_app.core.catalogue import Catalogue
    from clerk_app.core.search import SearchIndex
    from clerk_app.core.workdays import WorkCalendar

__all__ = ["Library", "Session", "build_workstation", "load_library", "run_workstation", "verifier"]
log = logging.getLogger(__name__)
DB_OPEN_DELAY_MS = 250


class Session:  # a plain class, as `Workstation` (no dataclass to make at start-up)
    def __init__(self, workstation: Workstation, search_index: SearchIndex) -> None:
        self.workstation, self.search_index = workstation, search_index


def load_library(settings: Settings, *, cached: bool = True) -> Library:
    """The search index at once; from a current cache, the catalogue and calendar on first use."""
    cache_dir = settings.data_dir / "cache" if cached else None
    loaded = open_indexed_catalogue([guides_dir(), *settings.guides], cache_dir)
    warnings = [f"指南文件有误，已跳过：{issue}" for issue in loaded.issues]
    calendar = _calendar(settings, warnings)

    def catalogue() -> Catalogue:
        made = loaded.catalogue
        gc.freeze()  # the catalogue lives as long as the app: keep it out of full collections
        return made

    gc.freeze()  # so does the index (and what start-up imported): collections skip it from now on
    return Library(Lazy(catalogue), loaded.index, calendar, tuple(warnings), loaded.listing)


def _calendar(settings: Settings, warnings: list[str]) -> Lazy[WorkCalendar]:
    """chinesecalendar, then shipped and administrator calendar files (later ones win).

    Without calendar files (the usual case) it is made on first use; files are read at once, so
    that their problems are among the warnings the main window shows.
    """
    folders = (calendars_dir(), settings.data_dir / "calendars")
    files = [p for folder in folders if folder.is_dir() for p in sorted(folder.glob("*.yaml"))]
    if not files and not settings.calendars:
        return Lazy(_official_calendar)
    from clerk_app.config.calendar_file import CalendarFileError, load_calendar_files
    from clerk_app.core.workdays import WorkCalendar

    try:
        return Lazy.ready(WorkCalendar.official(load_calendar_files([*files, *settings.calendars])))
    except CalendarFileError as exc:
        warnings.append(str(exc))
        return Lazy(_official_calendar)


def _official_calendar() -> WorkCalendar:
    from clerk_app.core.workdays import WorkCalendar

    return WorkCalendar.official()


def build_workstation(app: QApplication, settings: Settings, library: Library | None = None) -> Session:
    """The session's parts; the database starts opening on its runner at once."""
    library = library or load_library(settings)
    ws = Workstation(
        settings=settings,
        library=library,
        languages=LanguageSwitcher(app, settings.language),
        stores=Stores(
            settings.database_path,
            demo_accounts=settings.demo,
            security=settings.security,
        ),
        db=TaskRunner("database", app),
        printing=TaskRunner("documents", app),
        catalogue_warnings=list(library.warnings),
    )
    # Open the database on its own thread once the first window is up (the sign-in dialog, or the
    # main window): importing SQLAlchemy would compete with that window's first frame for the
    # interpreter. A job needing the database before then opens it itself (`Stores`).
    QTimer.singleShot(DB_OPEN_DELAY_MS, ws.db,
                      lambda: ws.db.run(ws.stores.open, on_error=lambda e: log.error("local database: %s", e)))
    return Session(ws, library.index)


Verified = Callable[[Clerk | None, str], None]


def verifier(ws: Workstation, accepted: Callable[[str, str], None] | None = None
             ) -> Callable[[str, str, Verified], None]:
    """Checks a password on the database thread (scrypt takes a while); answers on the UI thread.

    `accepted(username, password)` hears of a successful sign-in, so that the caller can sign in
    to the back office with the same words once; nothing keeps the password after that.
    """

    def verify(username: str, password: str, answer: Verified) -> None:
        def check() -> Clerk:
            account = ws.stores.accounts.verify(username, password)
            return Clerk(account.username, account.display_name, str(account.role))

        def failed(exc: BaseException) -> None:
            text = exc.text(ws.lang) if hasattr(exc, "text") else str(exc)
            answer(None, text)

        def done(clerk: Clerk) -> None:
            if accepted is not None:
                accepted(clerk.username, password)
            answer(clerk, "")

        ws.db.run(check, on_done=done, on_error=failed)

    return verify


# Wraps the session: given the settings and catalogue, yields the settings to run with (the
# command line uses it to start an embedded back office for the session's lifetime).
Around = Callable[[Settings, "Catalogue"], AbstractContextManager[Settings]]


def run_workstation(argv: Sequence[str] = (), around: Around | None = None) -> int:
    from PySide6.QtWidgets import QMessageBox

    from clerk_app import __version__
    from clerk_app.config.logs import setup_logging
    from clerk_app.config.settings import SettingsError, load_settings
    from clerk_app.ui.theme import apply_theme

    setup_logging()
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    assert isinstance(app, QApplication)
    app.setApplicationName("clerk_app")
    app.setApplicationVersion(__version__)
    font_warning = apply_theme(app)
    try:
        settings = load_settings()
    except SettingsError as exc:
        QMessageBox.critical(None, "综合窗口受理系统", str(exc))
        return 2
    library = load_library(settings)
    if font_warning:
        library = library.with_warnings(font_warning)
    with around(settings, library.catalogue) if around else nullcontext(settings) as session_settings:
        return _run_session(app, build_workstation(app, session_settings, library))


SIGNED_OUT = 75  # the event loop's exit code when the clerk signed out at the lock screen


def _run_session(app: QApplication, session: Session) -> int:
    """Sign-in, the screen, and again after each sign-out, until the window is closed."""
    ws = session.workstation
    try:
        while True:
            code = _signed_in_session(app, session)
            if code != SIGNED_OUT:
                return code
            ws.clerk = None
    finally:
        ws.db.shutdown()
        ws.printing.shutdown()


def _signed_in_session(app: QApplication, session: Session) -> int:
    from clerk_app.ui.idle_lock import IdleLock
    from clerk_app.ui.login import LoginDialog
    from clerk_app.ui.main_window import MainWindow

    ws = session.workstation
    credentials: list[tuple[str, str]] = []
    login = LoginDialog(ws.settings.hall, verifier(ws, lambda *pair: credentials.append(pair)), ws.languages)
    if not login.exec() or login.clerk is None:
        return 0
    ws.clerk = login.clerk
    pair = credentials.pop() if credentials else None
    credentials.clear()
    screen = _screen(ws, session, pair)
    screen.resize(1400, 860)
    screen.show()
    if isinstance(screen, MainWindow):
        screen.search.focus_search()
    lock = IdleLock(screen, ws.clerk, verifier(ws), ws.settings.idle_lock_minutes, blank=_blanker(screen))
    lock.signed_out.connect(lambda: app.exit(SIGNED_OUT))
    code = app.exec()
    if code == SIGNED_OUT:  # close the screen (devices, sync) without quitting the application
        app.setQuitOnLastWindowClosed(False)
        screen.close()
        app.setQuitOnLastWindowClosed(True)
    screen.deleteLater()
    return code


def _screen(ws: Workstation, session: Session, pair: tuple[str, str] | None) -> QMainWindow:
    assert ws.clerk is not None
    if ws.clerk.role == "supervisor":
        from clerk_app.ui.supervisor.window import SupervisorWindow

        return SupervisorWindow(ws, backoffice_credentials=pair)
    from clerk_app.ui.main_window import MainWindow

    return MainWindow(ws, session.search_index, backoffice_credentials=pair)


def _blanker(screen: QMainWindow) -> Callable[[bool], None]:
    """Hides the citizen-facing screen while locked (it may show the last applicant's summary)."""
    shown = [False]

    def blank(covered: bool) -> None:
        citizen = getattr(screen, "citizen", None)  # looked up when needed: the main window builds it late
        if citizen is None:
            return
        if covered:
            shown[0] = citizen.isVisible()
            citizen.hide()
        elif shown[0]:
            citizen.show()

    return blank
