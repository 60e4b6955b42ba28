"""What the screens of one signed-in session share, handed to each explicitly (no global app object)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from PySide6.QtCore import QObject, Signal

from clerk_app.config.settings import Settings
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.workdays import WorkCalendar
from clerk_app.ui.i18n import LanguageSwitcher
from clerk_app.ui.stores import Stores
from clerk_app.ui.tasks import TaskRunner


@dataclass(frozen=True)
class Clerk:
    username: str
    display_name: str
    role: str


class CaseEvents(QObject):
    """Signals that say what changed, so each view decides whether to redraw."""

    case_saved = Signal(object)  # Case
    cases_changed = Signal()


@dataclass
class Workstation:
    settings: Settings
    catalogue: Catalogue
    calendar: WorkCalendar
    languages: LanguageSwitcher
    stores: Stores
    db: TaskRunner
    printing: TaskRunner
    events: CaseEvents = field(default_factory=CaseEvents)
    clerk: Clerk | None = None
    catalogue_warnings: list[str] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.languages.lang

    def today(self) -> date:
        return datetime.now().date()

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)
