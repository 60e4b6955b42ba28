"""容缺 promises as the window shows them: read on the database runner, coloured by reminder level.

`promise_rows_of` runs on the database runner (it reads the store and counts working days with
the official calendar); the colours go with the level's words (预警 / 黄牌 / 红牌), never alone,
in the palette the supervisor's queue uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from clerk_app.core.reminders import ReminderLevel

if TYPE_CHECKING:
    from clerk_app.core.tolerance import PromiseRow
    from clerk_app.ui.context import Library
    from clerk_app.ui.stores import Stores

# (background, text) per level: the text keeps its contrast on the background.
LEVEL_COLOURS: dict[ReminderLevel, tuple[str, str]] = {
    ReminderLevel.NONE: ("#e8f5e9", "#1b5e20"),
    ReminderLevel.WARNING: ("#e3f2fd", "#0d47a1"),
    ReminderLevel.YELLOW: ("#fff3b0", "#5d4300"),
    ReminderLevel.RED: ("#ffcdd2", "#8e0000"),
}


@dataclass(frozen=True)
class DueCount:
    """How many open promises are due (warning or later) and how many of them are overdue."""

    due: int
    overdue: int


def promise_rows_of(stores: Stores, library: Library, today: date, *, all_open: bool = False) -> list[PromiseRow]:
    """The open promises due on `today` (or every open one), earliest first. Database runner only."""
    from clerk_app.core.tolerance import promise_rows
    from clerk_app.store.promises import promised_cases

    at_least = ReminderLevel.NONE if all_open else ReminderLevel.WARNING
    return promise_rows(promised_cases(stores.cases), today, library.calendar, at_least=at_least)


def due_count(stores: Stores, library: Library, today: date) -> DueCount:
    rows = promise_rows_of(stores, library, today)
    return DueCount(len(rows), sum(1 for row in rows if row.overdue))
