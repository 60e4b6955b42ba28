"""The back office's one working-day calendar, for every count it makes in working days.

Follow-up deadlines (`follow_ups.open_for`) and the statistics' open days (`statistics.read_report`)
both take `hall_calendar(data_dir)`, so a make-up workday (调休上班) or a holiday counts the same in
both: chinesecalendar's years, then the calendar files shipped with the application, then those an
administrator put in `DATA_DIR/calendars/*.yaml` (a later folder replaces a year). Without a data
folder (`clerk-app report bulletin --db`) the shipped files are the last word.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from clerk_app.core.workdays import WorkCalendar

log = logging.getLogger(__name__)


@functools.cache
def hall_calendar(data_dir: Path | None = None) -> WorkCalendar:
    """The official calendar with the shipped and the administrator's calendar files (read once)."""
    from clerk_app.config.calendar_file import CalendarFileError, load_work_calendar, shipped_calendars_dir

    folders = [shipped_calendars_dir()] + ([data_dir / "calendars"] if data_dir is not None else [])
    try:
        return load_work_calendar(*folders)
    except CalendarFileError as error:
        log.warning("calendar files not used: %s", error)
        return WorkCalendar.official()
