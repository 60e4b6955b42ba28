"""Cases accepted at a window and pushed to a real back office, for the supervisor screen's tests and pictures."""

from __future__ import annotations

import hashlib
import random
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from clerk_app.core.case import Case, MaterialReceipt
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.reminders import ReminderLevel, level_of
from clerk_app.core.workdays import WorkCalendar
from clerk_app.store.cases import CaseStore
from clerk_app.sync.engine import SyncEngine
from tests.store.sample import accepted

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超")


def deadline_for(level: ReminderLevel, today: date, calendar: WorkCalendar) -> date:
    """A deadline that is at `level` today, found with the same calendar the screen uses."""
    for offset in range(-15, 30):
        day = today + timedelta(days=offset)
        if level_of(day, today, calendar) is level:
            return day
    raise AssertionError(f"no deadline is {level} on {today}")


def scanned_pdf(files: Path, text: str) -> str:
    """A real one-page PDF (the viewer renders it), stored by its sha256 like a scan."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    files.mkdir(parents=True, exist_ok=True)
    path = files / "page.tmp"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica-Bold", 28)
    page.drawString(72, 740, "SCAN")
    page.setFont("Helvetica", 14)
    page.drawString(72, 700, text)
    for line in range(20):
        page.line(72, 660 - line * 24, 520, 660 - line * 24)
    page.save()
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    path.replace(files / f"{digest}.pdf")
    return digest


def window_case(index: int, deadline: date, files: Path, *, name: str, matter: tuple[str, str, str]) -> Case:
    """An accepted case of `matter` (code, name, department key) with one scanned material."""
    code, title, department = matter
    case = accepted(f"BT01-W07-20261123-{index:04d}", name=name, matter=(code, title))
    material = MaterialReceipt(key="id", name="身份证", necessity="必要", required=True, received=True,
                               form="复印件", copies=1, scans=(scanned_pdf(files, f"{code} #{index}"),))
    decision = replace(case.decision, promised_date=deadline)
    return replace(case, departments=(department,), decision=decision, materials=(material,))


def one_per_level(store: CaseStore, files: Path, today: date, calendar: WorkCalendar) -> dict[ReminderLevel, Case]:
    matter = ("gaj-jzz", "居住证签注", "gaj")
    return {
        level: store.save(window_case(i, deadline_for(level, today, calendar), files, name=f"申请人{i}",
                                      matter=matter))
        for i, level in enumerate(ReminderLevel, start=1)
    }


def busy_day(store: CaseStore, files: Path, today: date, catalogue: Catalogue, count: int, seed: int = 5
             ) -> list[Case]:
    """`count` cases of real matters and names, deadlines from a week overdue to three weeks ahead."""
    rng = random.Random(seed)
    matters = sorted((m.code, m.name, m.department) for m in catalogue.matters.values())
    cases = []
    for index in range(1, count + 1):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        deadline = today + timedelta(days=rng.randint(-7, 21))
        cases.append(store.save(window_case(100 + index, deadline, files, name=name, matter=rng.choice(matters))))
    return cases


def drain(engine: SyncEngine, timeout: float = 60.0) -> None:
    """Sync rounds until nothing waits (a busy machine may time a request out once)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        summary = engine.run_once()
        if summary.backlog == 0 and summary.online:
            return
        time.sleep(0.2)
    raise AssertionError(f"the outbox did not drain: {engine.outbox.backlog()} left")
