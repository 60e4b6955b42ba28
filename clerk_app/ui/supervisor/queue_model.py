"""The department queue as a table model: one row per queued case, with its three-level reminder.

The reminder (正常 / 预警 / 黄牌 / 红牌) is computed here from the deadline with the official
calendar, once per refresh, and always shown as text with the colour (never colour alone). Rows
sort by urgency and deadline through `SORT_ROLE`, so a proxy sorts thousands of rows without
re-parsing text. `QueueFilter` filters by free text and by reminder level.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from clerk_app.core.case import STATE_LABELS, CaseState
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.reminders import Reminder, ReminderLevel, remind
from clerk_app.core.workdays import WorkCalendar
from clerk_app.sync.review import QueueItem
from clerk_app.ui.supervisor.reminder_model import (
    LEVEL_ROLE,
    SYMBOLS,
    Index,
    ReminderTableModel,
    SortKeyFilter,
)


@dataclass(frozen=True)
class QueueRow:
    item: QueueItem
    reminder: Reminder | None  # None: no deadline recorded


class QueueModel(ReminderTableModel[QueueRow]):
    HEADERS = (("提醒", "Reminder"), ("办结期限", "Deadline"), ("办件编号", "Case number"), ("事项", "Matter"),
               ("申请人", "Applicant"), ("部门", "Department"), ("状态", "State"), ("认领人", "Claimed by"))
    LEVEL, DEADLINE, NUMBER, MATTER, APPLICANT, DEPARTMENT, STATE, CLAIMED = range(8)
    TIP_COLUMNS = (LEVEL, DEADLINE)

    def __init__(self, catalogue: Catalogue, calendar: WorkCalendar, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(calendar, lang, parent)
        self.catalogue = catalogue

    def _row(self, item: QueueItem, today: date) -> QueueRow:
        reminder = remind(item.deadline, today, self.calendar, self.policy) if item.deadline is not None else None
        return QueueRow(item, reminder)

    def _text(self, row: QueueRow, column: int) -> str:
        item = row.item
        if column == self.LEVEL:
            level = self._level(row)
            return f"{SYMBOLS[level]} {level.label(self.lang)}"
        if column == self.DEADLINE:
            return item.deadline.isoformat() if item.deadline else "—"
        if column == self.NUMBER:
            return item.number
        if column == self.MATTER:
            return item.name
        if column == self.APPLICANT:
            return item.applicant_name
        if column == self.DEPARTMENT:
            return self.catalogue.department_name(item.department)
        if column == self.STATE:
            return state_text(item.state, self.lang)
        return item.claimed_by or ""

    def _tooltip(self, row: QueueRow) -> str:
        if row.reminder is None:
            return "未记录办结期限" if self.lang != "en" else "No deadline recorded"
        return f"{row.reminder.label(self.lang)}：{row.reminder.sentence(self.lang)}"

    def _sort_key(self, row: QueueRow, column: int) -> Any:
        deadline = row.item.deadline.toordinal() if row.item.deadline else 10**7
        if column == self.LEVEL:
            return (-self._level(row).rank, deadline, row.item.number)
        if column == self.DEADLINE:
            return (deadline, row.item.number)
        return self._text(row, column)


# The back office's own words where the window's differ ("sent to the back office" is, here, waiting).
BACKOFFICE_STATES = {"synced": ("待审批", "Awaiting decision")}


def state_text(state: str, lang: str) -> str:
    if state in BACKOFFICE_STATES:
        zh, en = BACKOFFICE_STATES[state]
        return en if lang == "en" else zh
    try:
        zh, en = STATE_LABELS[CaseState(state)]
    except (ValueError, KeyError):
        return state
    return en if lang == "en" else zh


class QueueFilter(SortKeyFilter):
    """Free text over every column, and optionally one reminder level."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.level: ReminderLevel | None = None

    def set_level(self, level: ReminderLevel | None) -> None:
        self._change_filter(lambda: setattr(self, "level", level))

    def _accepts(self, source_row: int, source_parent: Index) -> bool:
        if self.level is None:
            return True
        level = self.sourceModel().index(source_row, QueueModel.LEVEL, source_parent).data(LEVEL_ROLE)
        return bool(level == self.level.value)
