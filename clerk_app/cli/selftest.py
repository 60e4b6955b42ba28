"""`clerk-app selftest`: a headless check of an installation, through the real intake path.

For the hall's IT after installing or upgrading, and for the installer's tests. On a throwaway
data folder (the clerk's own data, keys and back office are never touched) it opens the
workstation offscreen, signs in as the demo clerk, lays the demo card of 王𠀀 (a name with a rare
character) on the simulated reader, accepts a 个体工商户设立登记 case, renders its 受理通知书 and
saves it as `--receipt`; `--printed` also paints it through the print path onto a PDF printer.
It also migrates a throwaway back-office database. One line per step, `ok STEP: detail` or
`FAIL STEP: message`; the exit code is 0 only when every step passed.

`--data DIR` runs in that folder instead, under the configured key, and keeps what it made there
(the demo accounts and the case) after listing the cases it found: run before and after an upgrade
on a test account's folder, it shows the new release reading the old one's data. Never a clerk's
own folder: the demo accounts would stay in it.

`--startup` opens the main window only and prints `ready` (benchmarks/bench_frozen_start.py times
a frozen build against the source tree with it).
"""

from __future__ import annotations

import argparse
import base64
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

SETUP = "150200-SCJG-XK-0012-01"  # 个体工商户设立登记
DEMO_NAME = "王𠀀"  # U+20000: printed only with the fallback face (HanaMinB)
ANSWERS = {
    "applicant_phone": "13800138000", "business_address": "包头市昆都仑区钢铁大街12号",
    "business_form": "个人经营", "business_scope": ["日用百货"], "capital": "50000", "staff_count": "2",
}
TIMEOUT = 60.0


class StepFailed(Exception):
    """A step did not pass; the message says what was seen."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "selftest", help="headless check of this installation: intake, accept and print a demo receipt")
    parser.add_argument("--receipt", type=Path, help="save the demo case's 受理通知书 here (PDF)")
    parser.add_argument("--printed", type=Path, help="also print it through the print path into this PDF")
    parser.add_argument("--screenshot", type=Path, help="save the workstation window, the card read, as this PNG")
    parser.add_argument("--startup", action="store_true", help="only open the main window, print `ready`, quit")
    parser.add_argument("--data", type=Path,
                        help="use and keep this data folder, with the configured key (default: a new temporary "
                             "one with its own key); it lists the cases found there first")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="clerk-app-selftest-") as folder:
        if args.startup:
            return _startup(args.data or Path(folder))
        return _selftest(args, Path(folder), args.data)


class Report:
    def __init__(self) -> None:
        self.failed = False

    def step(self, name: str, work: Callable[[], tuple[Any, str]]) -> Any:
        """Run a step; print its line; return its value (raises StepFailed after printing FAIL)."""
        try:
            value, detail = work()
        except StepFailed as error:
            self._fail(name, str(error))
            raise
        except Exception as error:  # a broken installation shows as any error: say which step, briefly
            self._fail(name, f"{type(error).__name__}: {error}")
            raise StepFailed(str(error)) from None
        print(f"ok {name}: {detail}", flush=True)
        return value

    def _fail(self, name: str, message: str) -> None:
        self.failed = True
        print(f"FAIL {name}: {message}", flush=True)


def wait_until(check: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    """Turn the event loop until `check()` is truthy; its value (StepFailed naming `what` after `timeout` s)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise StepFailed(f"{what}: nothing after {timeout:.0f} s")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def _settings(folder: Path, data: Path | None) -> tuple[Any, str]:
    """The configured hall with the demo and the simulator, offline; on a throwaway folder with its own key,
    or on `data` with the configured key."""
    from clerk_app.config.settings import (
        BackofficeSettings,
        DeviceSettings,
        SecuritySettings,
        SettingsError,
        load_settings,
    )

    try:
        configured = load_settings()
    except SettingsError as error:  # it names the file and the key
        raise StepFailed(str(error)) from None
    security = configured.security
    if data is None:
        key = folder / "enrolment.key"
        key.write_bytes(base64.b64encode(os.urandom(32)) + b"\n")
        key.chmod(0o600)
        security = SecuritySettings("enrolment", str(key))
    settings = replace(configured, data_dir=data or folder / "data", demo=True, idle_lock_minutes=0,
                       devices=DeviceSettings(card_reader="simulator"), backoffice=BackofficeSettings(),
                       security=security)
    source = configured.source or "no configuration file (defaults)"
    kept = f"; data kept in {data}" if data is not None else ""
    return settings, f"hall {settings.hall.code} window {settings.hall.window_code} from {source}{kept}"


def _fonts(app: Any) -> tuple[None, str]:
    from clerk_app.documents.fonts import document_fonts
    from clerk_app.ui.theme import apply_theme, find_cjk_font

    warning = apply_theme(app)
    if warning:
        raise StepFailed(warning)
    fonts = document_fonts()
    if fonts.warnings:
        raise StepFailed(" ".join(fonts.warnings))
    files = ", ".join(Path(face.face.filename).name for face in fonts.faces)
    return None, f"screen {find_cjk_font()}; documents {files}"


def _selftest(args: argparse.Namespace, folder: Path, data: Path | None) -> int:
    from PySide6.QtWidgets import QApplication

    from clerk_app import __version__

    report = Report()
    frozen = " (frozen build)" if getattr(sys, "frozen", False) else ""
    print(f"ok version: clerk-app {__version__}{frozen} at {sys.executable}", flush=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    try:
        settings = report.step("settings", lambda: _settings(folder, data))
        report.step("fonts", lambda: _fonts(app))
        _intake(report, app, settings, args)
        report.step("backoffice", lambda: _backoffice_migrations(folder))
    except StepFailed:
        pass
    print("selftest: " + ("FAILED" if report.failed else "all steps passed"), flush=True)
    return 1 if report.failed else 0


def _intake(report: Report, app: Any, settings: Any, args: argparse.Namespace) -> None:
    from clerk_app.ui.app import build_workstation

    session = report.step("catalogue", lambda: _session(app, settings, build_workstation))
    ws = session.workstation
    try:
        report.step("sign-in", lambda: _sign_in(ws))
        if args.data is not None:
            report.step("kept", lambda: _kept(ws))
        window = report.step("window", lambda: _window(ws, session))
        report.step("card", lambda: _card(window))
        if args.screenshot is not None:
            window.grab().save(str(args.screenshot))
        case = report.step("accept", lambda: _accept(ws, window))
        receipt = report.step("receipt", lambda: _receipt(ws, case, args.receipt))
        if args.printed:
            report.step("print", lambda: _print(receipt, args.printed))
        window.close()
    finally:
        ws.db.shutdown()
        ws.printing.shutdown()


def _session(app: Any, settings: Any, build: Callable[..., Any]) -> tuple[Any, str]:
    session = build(app, settings)
    catalogue = session.workstation.catalogue
    if session.workstation.catalogue_warnings:
        raise StepFailed("; ".join(session.workstation.catalogue_warnings))
    return session, f"{len(catalogue.matters)} matters, {len(catalogue.bundles)} bundles"


def _sign_in(ws: Any) -> tuple[None, str]:
    from clerk_app.ui.app import verifier

    answers: list[tuple[Any, str]] = []
    verifier(ws)("demo", "demo1234", lambda clerk, problem: answers.append((clerk, problem)))
    clerk, problem = wait_until(lambda: answers and answers[0], "sign-in as demo")
    if clerk is None:
        raise StepFailed(problem)
    ws.clerk = clerk
    return None, f"{clerk.display_name} ({clerk.role}), encrypted database {ws.settings.database_path.name}"


def _kept(ws: Any) -> tuple[None, str]:
    """The cases already in the folder, each read in full (an older release's, after an upgrade)."""
    summaries = ws.stores.cases.list_cases(limit=10_000)
    for summary in summaries:
        case = ws.stores.cases.get(summary.id)
        if case is None or case.number != summary.number:
            raise StepFailed(f"case {summary.number} is listed but cannot be read")
    listed = ", ".join(f"{s.number} {s.state.value}" for s in reversed(summaries))
    count = f"{len(summaries)} case" + ("" if len(summaries) == 1 else "s")
    return None, f"{count} in {ws.settings.database_path}" + (f": {listed}" if listed else "")


def _window(ws: Any, session: Any) -> tuple[Any, str]:
    from PySide6.QtGui import QGuiApplication

    from clerk_app.ui.main_window import MainWindow

    window = MainWindow(ws, session.search_index)
    window.resize(1400, 860)
    window.show()
    window.ensure_started()
    wait_until(window.isVisible, "main window shown")
    return window, f"{window.windowTitle()} ({QGuiApplication.platformName()} platform)"


def _card(window: Any) -> tuple[None, str]:
    window.start_intake(SETUP)
    reader = window.card_input.simulator
    if reader is None:
        raise StepFailed("the simulated card reader is not in use")
    card = next(c for c in reader.cards if c.name == DEMO_NAME)
    reader.remove()
    reader.place(card)
    name = wait_until(lambda: window.intake.form_view.answers().get("applicant_name"), "card read into the form")
    if name != DEMO_NAME:
        raise StepFailed(f"the form holds {name!r}, the card {DEMO_NAME!r}")
    return None, f"{name} read from the simulated reader"


def _accept(ws: Any, window: Any) -> tuple[Any, str]:
    from clerk_app.core.case import CaseState, DecisionKind
    from clerk_app.core.decide import DecisionInput
    from clerk_app.ui.intake import operations

    window.intake.form_view.set_answers(ANSWERS)
    window.intake.materials.mark_all_received()
    outcome: list[Any] = []
    operations.commit_decision(ws, window.intake.draft(), DecisionInput(DecisionKind.ACCEPT),
                               outcome.append, outcome.append)
    case = wait_until(lambda: outcome and outcome[0], "the accepted case saved")
    if isinstance(case, BaseException):
        raise StepFailed(str(case))
    if case.state is not CaseState.ACCEPTED or ws.stores.cases.get(case.id) != case:
        raise StepFailed(f"case {case.number} is {case.state} in the store")
    return case, f"{case.number} {case.state.value}"


def _receipt(ws: Any, case: Any, target: Path | None) -> tuple[Path, str]:
    from clerk_app.ui.intake import operations

    outcome: list[Any] = []
    operations.render_documents(ws, case, outcome.append, outcome.append)
    paths = wait_until(lambda: outcome and outcome[0], "documents rendered")
    if isinstance(paths, BaseException):
        raise StepFailed(str(paths))
    receipt = paths[0]
    text, codes = _read_pdf(receipt)
    if DEMO_NAME not in text or "受理通知书" not in text.replace(" ", ""):
        raise StepFailed(f"{receipt.name} does not show 受理通知书 and {DEMO_NAME}")
    if not any(case.number in code for code in codes):
        raise StepFailed(f"{receipt.name}: no QR code with {case.number} (found {codes})")
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(receipt, target)
        receipt = target
    return receipt, f"{receipt} ({len(paths)} documents; QR {codes[0]})"


def _read_pdf(path: Path) -> tuple[str, list[str]]:
    """The first page's text (PDFium) and the codes zxing finds on it rendered at 200 dpi."""
    import pypdfium2

    from clerk_app.devices.camera.barcodes import read_codes

    document = pypdfium2.PdfDocument(str(path))
    try:
        page = document[0]
        text = page.get_textpage().get_text_range()
        image = page.render(scale=200 / 72).to_numpy()
    finally:
        document.close()
    return text, [code.text for code in read_codes(image[:, :, :3].copy())]


def _print(receipt: Path, target: Path) -> tuple[None, str]:
    from PySide6.QtPrintSupport import QPrinter

    from clerk_app.ui.printing import a4_printer, paint_pdfs

    printer = a4_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    pages = paint_pdfs([receipt], printer)
    return None, f"{pages} page(s) painted into {target}"


def _backoffice_migrations(folder: Path) -> tuple[None, str]:
    from clerk_app.backoffice import db
    from clerk_app.backoffice.db import make_engine
    from clerk_app.backoffice.migrations import HEAD_REVISION, current_revision, migrate

    engine = make_engine(f"sqlite:///{folder / 'backoffice.sqlite3'}")
    try:
        migrate(engine)
        with db.read(engine) as connection:
            revision = current_revision(connection)
    finally:
        engine.dispose()
    if revision != HEAD_REVISION:
        raise StepFailed(f"migrated to {revision}, not {HEAD_REVISION}")
    return None, f"a new back-office database migrated to {revision}"


def _startup(folder: Path) -> int:
    """The main window on an empty folder, shown and painted, as bench_startup.py measures it."""
    from PySide6.QtWidgets import QApplication

    from clerk_app.config.settings import SecuritySettings, Settings
    from clerk_app.ui.app import build_workstation
    from clerk_app.ui.context import Clerk
    from clerk_app.ui.main_window import MainWindow
    from clerk_app.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([sys.argv[0]])
    apply_theme(app)
    session = build_workstation(app, Settings(data_dir=folder, demo=False, security=SecuritySettings("none")))
    session.workstation.clerk = Clerk("demo", "演示窗口人员", "clerk")
    window = MainWindow(session.workstation, session.search_index)
    window.resize(1400, 860)
    window.show()
    window.search.focus_search()
    app.processEvents()
    print("ready", flush=True)
    window.ensure_built()
    session.workstation.db.shutdown()
    session.workstation.printing.shutdown()
    return 0
