"""Screenshots of the supervisor's 统计 tab from a real X server (Xvfb), taken by test_dashboard_screens.py.

    xvfb-run -a -s "-screen 0 1440x900x24" python -m tests.ui.dashboard_screens OUT_DIR DATA_DIR

The embedded back office runs on a database holding last quarter (seeded); the supervisor signs in
and opens the tab, which loads the quarter's figures.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication

from clerk_app.config.demo import DEMO_PASSWORD
from clerk_app.config.settings import BackofficeSettings, Settings
from clerk_app.ui.app import build_workstation, load_library
from clerk_app.ui.context import Clerk
from clerk_app.ui.supervisor.window import SupervisorWindow
from clerk_app.ui.theme import apply_theme
from tests.cli.test_embedded import _wait_until_up
from tests.ui.dashboard_seed import seeded_service
from tests.ui.screens import shoot, wait_for

SCREENS = ("11-supervisor-statistics", "12-supervisor-statistics-staff")


def main(out: Path, data: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    apply_theme(app)
    base = Settings(data_dir=data / "sup", demo=False)
    library = load_library(base)
    office, _quarter = seeded_service(data / "bo", library.catalogue, date.today())
    with office as service:
        _wait_until_up(service.url)
        settings = Settings(data_dir=data / "sup", demo=False, backoffice=BackofficeSettings(url=service.url))
        ws = build_workstation(app, settings, library).workstation
        ws.clerk = Clerk("chief", "演示科长", "supervisor")
        window = SupervisorWindow(ws, backoffice_credentials=("chief", DEMO_PASSWORD))
        window.setGeometry(0, 0, 1440, 860)
        window.show()
        wait_for(app, lambda: bool(window.review.departments), timeout=60)
        window.tabs.setCurrentWidget(window.dashboard)
        wait_for(app, lambda: window.dashboard.report is not None, timeout=60)
        shoot(app, window, out / f"{SCREENS[0]}.png")
        window.dashboard.tabs.setCurrentIndex(3)
        shoot(app, window, out / f"{SCREENS[1]}.png")
        window.review.stop()
        ws.db.shutdown()
        ws.printing.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
