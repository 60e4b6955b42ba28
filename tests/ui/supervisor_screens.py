"""Screenshots of the supervisor's screens from a real X server (Xvfb), taken by test_screenshots.py.

    xvfb-run -a -s "-screen 0 1440x900x24" python -m tests.ui.supervisor_screens OUT_DIR DATA_DIR

A real back office runs on loopback (the embedded one); a window pushes a busy day's cases to it
with the real sync engine, then the supervisor signs in and works the queue.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication

from clerk_app.cli.embedded import EmbeddedBackOffice, free_port
from clerk_app.config.demo import DEMO_PASSWORD
from clerk_app.config.settings import BackofficeSettings, Settings
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database
from clerk_app.sync.client import BackOfficeClient
from clerk_app.sync.engine import SyncEngine
from clerk_app.ui.app import build_workstation, load_library
from clerk_app.ui.context import Clerk
from clerk_app.ui.supervisor.decision_dialogs import DecisionDialog
from clerk_app.ui.supervisor.window import SupervisorWindow
from clerk_app.ui.theme import apply_theme
from tests.cli.test_embedded import _wait_until_up
from tests.ui.backoffice_seed import busy_day, drain
from tests.ui.screens import shoot, wait_for


def push_busy_day(url: str, data: Path, settings: Settings) -> None:
    library = load_library(settings)
    engine = open_database(data / "window" / "store.sqlite3")
    store, files = CaseStore(engine), data / "window" / "files"
    busy_day(store, files, date.today(), library.catalogue, 40)
    client = BackOfficeClient(url)
    assert client.sign_in("demo", DEMO_PASSWORD).ok
    drain(SyncEngine(store, client, files))
    client.close()
    engine.dispose()


def main(out: Path, data: Path) -> None:
    app = QApplication([sys.argv[0]])
    apply_theme(app)
    base = Settings(data_dir=data / "sup", demo=False)
    library = load_library(base)
    with EmbeddedBackOffice(Settings(data_dir=data / "bo"), sorted(library.catalogue.departments),
                            port=free_port(0)) as service:
        _wait_until_up(service.url)
        push_busy_day(service.url, data, base)
        settings = Settings(data_dir=data / "sup", demo=False, backoffice=BackofficeSettings(url=service.url))
        ws = build_workstation(app, settings, library).workstation
        ws.clerk = Clerk("chief", "演示科长", "supervisor")
        window = SupervisorWindow(ws, backoffice_credentials=("chief", DEMO_PASSWORD))
        window.setGeometry(0, 0, 1440, 860)
        window.show()
        wait_for(app, lambda: window.queue.proxy.rowCount() > 0)
        first = window.queue.proxy.index(0, 0)
        window.queue.view.setCurrentIndex(first)
        wait_for(app, lambda: window.case_view.case is not None)
        window.case_view.buttons["claim"].click()
        wait_for(app, lambda: bool(window.case_view.case and window.case_view.case.claimed_by))
        shoot(app, window, out / "08-supervisor-queue.png")

        case = window.case_view.case
        dialog = DecisionDialog("correction", case.number, ["身份证", "营业执照"], window)
        dialog.text.setPlainText("请补正：身份证（复印件不清晰，请提供原件）")
        dialog.show()
        shoot(app, dialog, out / "09-supervisor-correction.png")
        dialog.close()

        window.case_view.tabs.setCurrentIndex(1)
        window.case_view.materials.cellDoubleClicked.emit(0, 0)
        wait_for(app, lambda: bool(window.viewers))
        viewer = window.viewers[0]
        viewer.setGeometry(200, 40, 760, 820)
        shoot(app, viewer, out / "10-scan-viewer.png")
        viewer.close()
        window.review.stop()
        ws.db.shutdown()
        ws.printing.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
