"""Screenshots of the main screens, taken from a real X server (Xvfb) by test_screenshots.py.

    xvfb-run -a -s "-screen 0 1440x900x24" python -m tests.ui.screens OUT_DIR DATA_DIR

Each screen is shown as a clerk sees it and grabbed from the X screen, not rendered offscreen.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from clerk_app.config.settings import Settings
from clerk_app.core.case import DecisionKind
from clerk_app.core.decide import DecisionInput
from clerk_app.ui.app import build_workstation, verifier
from clerk_app.ui.context import Clerk
from clerk_app.ui.intake import operations
from clerk_app.ui.intake.decisions import NotifyDialog
from clerk_app.ui.login import LoginDialog
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.theme import apply_theme
from tests.ui.kill_after_accept import ANSWERS


def settle(app: QApplication, seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def shoot(app: QApplication, widget: QWidget, path: Path) -> None:
    widget.raise_()
    widget.activateWindow()
    settle(app)
    screen = widget.screen()
    screen.grabWindow(0, widget.x(), widget.y(), widget.frameGeometry().width(),
                      widget.frameGeometry().height()).save(str(path))


def wait_for(app: QApplication, condition: Callable[[], bool], timeout: float = 20) -> None:
    end = time.monotonic() + timeout
    while not condition() and time.monotonic() < end:
        settle(app, 0.05)


def main(out: Path, data: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    apply_theme(app)
    session = build_workstation(app, Settings(data_dir=data, demo=True))
    ws = session.workstation
    login = LoginDialog(ws.settings.hall, verifier(ws), ws.languages)
    login.username.setText("demo")
    login.show()
    shoot(app, login, out / "01-login.png")
    login.close()
    ws.clerk = Clerk("demo", "演示窗口人员", "clerk")
    window = MainWindow(ws, session.search_index)
    window.setGeometry(0, 0, 1440, 860)
    window.show()
    window.ensure_started()  # the whole window, reader and sync running: not the first frame of its start
    window.search.box.setText("gtgsh")
    shoot(app, window, out / "02-search.png")

    window.start_intake("150200-SCJG-XK-0012-01")
    window.intake.form_view.set_answers({**ANSWERS, "applicant_phone": "1380013"})
    window.intake.form_view.mark_all_touched()
    window.intake.materials.mark_all_received()
    window.intake.materials._rows["lease_contract"].received.setChecked(False)
    shoot(app, window, out / "03-intake-problems.png")

    items = window.intake.assessment.notice_items()
    dialog = NotifyDialog(items, window)
    dialog.show()
    shoot(app, dialog, out / "04-one-time-notice.png")
    dialog.close()

    window.intake.form_view.set_answers({"applicant_phone": "13800138000"}, only_empty=False)
    window.intake.materials.mark_all_received()
    saved = []
    operations.commit_decision(ws, window.intake.draft(), DecisionInput(DecisionKind.ACCEPT), saved.append, print)
    wait_for(app, lambda: bool(saved))
    window.intake._saved(saved[0])
    wait_for(app, lambda: window.cases.model.rowCount() > 0)

    window.start_intake("150200-YJS-0001")
    shoot(app, window, out / "05-bundle-newborn.png")

    ws.languages.set_language("en")
    window.start_intake("150200-SCJG-XK-0012-01")
    window.intake.form_view.set_answers(ANSWERS)
    shoot(app, window, out / "06-english.png")
    ws.languages.set_language("zh_CN")

    window.citizen.show_summary(window.intake.summary())
    window.citizen.setGeometry(100, 100, 900, 560)
    window.citizen.show()
    shoot(app, window.citizen, out / "07-citizen-screen.png")
    window.citizen.close()
    ws.db.shutdown()
    ws.printing.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
