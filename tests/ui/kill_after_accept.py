"""Run by test_crash.py: accept a case in a real workstation, then die by SIGKILL at once.

Prints the case as JSON the moment the store has committed it, then kills itself before any
document is produced, as a power cut right after "受理" would.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from clerk_app.config.settings import Settings
from clerk_app.core.case import DecisionKind
from clerk_app.core.case_codec import case_to_dict
from clerk_app.core.decide import DecisionInput
from clerk_app.ui.app import build_workstation
from clerk_app.ui.context import Clerk
from clerk_app.ui.intake import operations
from clerk_app.ui.main_window import MainWindow

ANSWERS = {
    "applicant_name": "张三", "applicant_id_number": "11010519491231002X", "applicant_phone": "13800138000",
    "business_address": "包头市昆都仑区钢铁大街12号", "business_form": "个人经营",
    "business_scope": ["日用百货"], "capital": "50000", "staff_count": "2",
}


def die_with(case) -> None:
    print(json.dumps(case_to_dict(case), ensure_ascii=False), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


def main(data_dir: str) -> None:
    app = QApplication([])
    session = build_workstation(app, Settings(data_dir=Path(data_dir), demo=False))
    ws = session.workstation
    ws.clerk = Clerk("demo", "演示窗口人员", "clerk")
    window = MainWindow(ws, session.search_index)
    window.start_intake("150200-SCJG-XK-0012-01")
    window.intake.form_view.set_answers(ANSWERS)
    window.intake.materials.mark_all_received()
    operations.commit_decision(ws, window.intake.draft(), DecisionInput(DecisionKind.ACCEPT), die_with, print)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1])
