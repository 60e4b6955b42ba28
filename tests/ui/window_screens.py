"""Screenshots of the window's after-intake screens, from a real X server (Xvfb), by test_window_screenshots.py.

    xvfb-run -a -s "-screen 0 1440x900x24" python -m tests.ui.window_screens OUT_DIR DATA_DIR

21 a returned case reopened for correction (the banner, the status bar's 容缺 count), 22 the 容缺
follow-up list, 23 the rating on the citizen screen, 24 the same with a bad rating's reasons.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from clerk_app.config.settings import Settings
from clerk_app.core.case import Applicant, CaseState, DecisionKind
from clerk_app.core.decide import DecisionInput
from clerk_app.core.evaluation import BadReason, Rating
from clerk_app.core.reminders import ReminderLevel
from clerk_app.core.window_rating import RatingStage
from clerk_app.ui.app import build_workstation
from clerk_app.ui.context import Clerk
from clerk_app.ui.intake import operations
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.theme import apply_theme
from tests.store.correction_samples import tolerance
from tests.ui.backoffice_seed import deadline_for
from tests.ui.kill_after_accept import ANSWERS
from tests.ui.screens import shoot, wait_for

CORRECTIONS = "租赁合同复印件不清晰，请重新提供；经营场所地址应写到门牌号；经营者联系电话无法接通，请核实"
PEOPLE = (("王建国", "13904721234"), ("李秀兰", "13847265512"), ("赵志强", "15647231108"), ("孙丽娜", "18604728876"))


def seed_promises(ws) -> None:
    today, calendar = ws.today(), ws.calendar
    levels = (ReminderLevel.RED, ReminderLevel.YELLOW, ReminderLevel.WARNING, ReminderLevel.WARNING)
    for index, (level, (name, phone)) in enumerate(zip(levels, PEOPLE, strict=True), start=1):
        case = tolerance(f"BT01-W07-20261109-{index:04d}", deadline_for(level, today, calendar))
        case = replace(case, applicant=Applicant("自然人", name, "11010519491231002X", phone))
        ws.stores.cases.save(case)


def main(out: Path, data: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    apply_theme(app)
    session = build_workstation(app, Settings(data_dir=data, demo=False))
    ws = session.workstation
    ws.clerk = Clerk("demo", "演示窗口人员", "clerk")
    window = MainWindow(ws, session.search_index)
    window.setGeometry(0, 0, 1440, 860)
    window.show()
    window.ensure_built()
    seed_promises(ws)

    window.start_intake("150200-SCJG-XK-0012-01")
    window.intake.form_view.set_answers(ANSWERS)
    window.intake.materials.mark_all_received()
    saved = []
    operations.commit_decision(ws, window.intake.draft(), DecisionInput(DecisionKind.ACCEPT), saved.append, print)
    wait_for(app, lambda: bool(saved))
    window.intake.clear()
    case = saved[0]
    at = case.created_at + timedelta(hours=3)
    case = ws.stores.cases.save(case.moved(CaseState.SYNCED, at=at, actor="backoffice").moved(
        CaseState.CORRECTION_REQUESTED, at=at, actor="scjg-sup", note=CORRECTIONS))
    ws.events.cases_changed.emit()
    window.flows.correct(case)
    wait_for(app, lambda: window.flows.badge.count.due > 0)
    shoot(app, window, out / "21-correction.png")

    listing = window.flows.open_follow_up()
    listing.resize(1100, 420)
    wait_for(app, lambda: listing.table.rowCount() > 0)
    shoot(app, listing, out / "22-tolerance-follow-up.png")
    listing.close()

    citizen = window.citizen
    citizen.setGeometry(100, 60, 1000, 640)
    citizen.show()
    window.flows.rating.ask(case, RatingStage.ACCEPTANCE)
    shoot(app, citizen, out / "23-citizen-rating.png")
    citizen.rating.choose(Rating.DISSATISFIED)
    citizen.rating.reasons[BadReason.LONG_WAIT].setChecked(True)
    citizen.rating.reasons[BadReason.EXTRA_VISITS].setChecked(True)
    shoot(app, citizen, out / "24-citizen-rating-reasons.png")
    citizen.close()
    ws.db.shutdown()
    ws.printing.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
