"""Bad-rating follow-ups (差评整改) as a table model: one row per follow-up, with its reminder.

A follow-up not yet corrected has a three-level reminder of its due day (预警 / 黄牌 / 红牌, from
`core.reminders` with the official calendar), shown as words with the colour, never colour
alone; a corrected or closed one shows its state instead. Rows sort by urgency then due day
through `SORT_ROLE`; `FollowUpFilter` keeps the open ones, or one state, and filters by text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from clerk_app.core.evaluation import FOLLOW_UP_LABELS, RATING_LABELS, FollowUpState, Rating
from clerk_app.core.reminders import Reminder, remind
from clerk_app.sync.follow_ups import FollowUpItem
from clerk_app.ui.supervisor.reminder_model import (
    ITEM_ROLE,
    LEVEL_COLOURS,
    SYMBOLS,
    Index,
    ReminderTableModel,
    SortKeyFilter,
)

RUNNING = (FollowUpState.OPEN.value, FollowUpState.CALLED_BACK.value)  # the due day still counts
DONE_COLOURS = ("#eceff1", "#37474f")  # corrected or closed: no reminder
STAGES = {"acceptance": ("受理", "Acceptance"), "handout": ("出件", "Hand-out")}


@dataclass(frozen=True)
class FollowUpRow:
    item: FollowUpItem
    reminder: Reminder | None  # None once corrected


def state_words(state: str, lang: str) -> str:
    try:
        zh, en = FOLLOW_UP_LABELS[FollowUpState(state)]
    except ValueError:
        return state
    return en if lang == "en" else zh


def rating_words(rating: int, lang: str) -> str:
    try:
        zh, en = RATING_LABELS[Rating(rating)]
    except ValueError:
        return str(rating)
    return f"{en if lang == 'en' else zh}（{rating}）"


def stage_words(stage: str, lang: str) -> str:
    zh, en = STAGES.get(stage, (stage, stage))
    return en if lang == "en" else zh


class FollowUpModel(ReminderTableModel[FollowUpRow]):
    HEADERS = (("提醒", "Reminder"), ("整改期限", "Due"), ("办件编号", "Case number"), ("事项", "Matter"),
               ("评价", "Rating"), ("环节", "Stage"), ("状态", "State"), ("回访次数", "Calls"))
    LEVEL, DUE, NUMBER, MATTER, RATING, STAGE, STATE, CALLS = range(8)
    TIP_COLUMNS = (LEVEL, DUE)

    def _row(self, item: FollowUpItem, today: date) -> FollowUpRow:
        running = item.state in RUNNING
        return FollowUpRow(item, remind(item.due, today, self.calendar, self.policy) if running else None)

    def _text(self, row: FollowUpRow, column: int) -> str:
        item = row.item
        texts = {
            self.DUE: lambda: item.due.isoformat() + ("*" if item.due_estimated else ""),
            self.NUMBER: lambda: item.number,
            self.MATTER: lambda: item.name,
            self.RATING: lambda: rating_words(item.rating, self.lang),
            self.STAGE: lambda: stage_words(item.stage, self.lang),
            self.STATE: lambda: state_words(item.state, self.lang),
            self.CALLS: lambda: str(item.attempts),
        }
        if column == self.LEVEL:
            return self.level_text(row)
        return texts[column]()

    def level_text(self, row: FollowUpRow) -> str:
        if row.reminder is None:
            return f"✓ {state_words(row.item.state, self.lang)}"
        level = row.reminder.level
        return f"{SYMBOLS[level]} {level.label(self.lang)}"

    def _tooltip(self, row: FollowUpRow) -> str:
        return self.reminder_text(row)

    def reminder_text(self, row: FollowUpRow) -> str:
        if row.reminder is None:
            return state_words(row.item.state, self.lang)
        return f"{row.reminder.label(self.lang)}：{row.reminder.sentence(self.lang)}"

    def _sort_key(self, row: FollowUpRow, column: int) -> Any:
        due = row.item.due.toordinal()
        if column == self.LEVEL:
            done = row.reminder is None
            return (done, -self._level(row).rank, due, row.item.id)
        if column == self.DUE:
            return (due, row.item.id)
        if column == self.CALLS:
            return (row.item.attempts, due)
        return self._text(row, column)


    def _colours(self, row: FollowUpRow) -> tuple[str, str]:
        return LEVEL_COLOURS[row.reminder.level] if row.reminder is not None else DONE_COLOURS


class FollowUpFilter(SortKeyFilter):
    """Free text over every column; `states` None shows every follow-up, else only those states."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.states: frozenset[str] | None = None

    def set_states(self, states: frozenset[str] | None) -> None:
        self._change_filter(lambda: setattr(self, "states", states))

    def _accepts(self, source_row: int, source_parent: Index) -> bool:
        if self.states is None:
            return True
        item = self.sourceModel().index(source_row, 0, source_parent).data(ITEM_ROLE)
        return item is not None and item.state in self.states
