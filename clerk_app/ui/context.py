"""What the screens of one signed-in session share, handed to each explicitly (no global app object).

`Clerk` (a `clerk_app.core.values.Value`) and `Workstation` are not dataclasses: a dataclass
takes about a millisecond to make (its methods are generated as source and compiled), and
these are made at every start, before the first frame.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QObject, Signal

from clerk_app.catalogue.cache import Listing, listing_of
from clerk_app.config.settings import Settings
from clerk_app.core.values import Value
from clerk_app.ui.i18n import LanguageSwitcher
from clerk_app.ui.stores import Stores
from clerk_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from datetime import date, datetime

    from clerk_app.core.catalogue import Catalogue
    from clerk_app.core.search import SearchIndex
    from clerk_app.core.workdays import WorkCalendar

T = TypeVar("T")


class Lazy(Generic[T]):
    """A value made on first use, from any thread: the first caller makes it, the others wait."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make: Callable[[], T] | None = make
        self._value: T | None = None
        self._lock = threading.Lock()

    @classmethod
    def ready(cls, value: T) -> Lazy[T]:
        made = cls(lambda: value)
        made.get()
        return made

    @property
    def made(self) -> bool:
        return self._make is None

    def get(self) -> T:
        if self._make is not None:
            with self._lock:
                if self._make is not None:
                    self._value, self._make = self._make(), None
        return self._value  # type: ignore[return-value]  # set above


class Library:
    """What a workstation reads but never changes: the catalogue, its search index, the calendar.

    The first screen needs only the search index and the listing (what the search list shows of
    each matter); the catalogue and the calendar are made on first use (`Lazy`), e.g. while the
    main window finishes building itself after its first paint.
    """

    def __init__(self, catalogue: Catalogue | Lazy[Catalogue], index: SearchIndex,
                 calendar: WorkCalendar | Lazy[WorkCalendar], warnings: tuple[str, ...] = (),
                 listing: Listing | None = None) -> None:
        self._catalogue = catalogue if isinstance(catalogue, Lazy) else Lazy.ready(catalogue)
        self._calendar = calendar if isinstance(calendar, Lazy) else Lazy.ready(calendar)
        self.index = index
        self.warnings = tuple(warnings)
        self._listing = listing

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue.get()

    @property
    def calendar(self) -> WorkCalendar:
        return self._calendar.get()

    @property
    def listing(self) -> Listing:
        if self._listing is None:
            self._listing = listing_of(self.catalogue)
        return self._listing

    def with_warnings(self, *first: str) -> Library:
        """The same library, with `first` shown before its own warnings."""
        return Library(self._catalogue, self.index, self._calendar, (*first, *self.warnings), self._listing)


class Clerk(Value):
    """Who is signed in."""

    _fields = ("username", "display_name", "role")
    username: str
    display_name: str
    role: str

    def __init__(self, username: str, display_name: str, role: str) -> None:
        self._set(username=username, display_name=display_name, role=role)


class CaseEvents(QObject):
    """Signals that say what changed, so each view decides whether to redraw."""

    case_saved = Signal(object)  # Case
    cases_changed = Signal()


class Workstation:
    def __init__(self, *, settings: Settings, library: Library, languages: LanguageSwitcher, stores: Stores,
                 db: TaskRunner, printing: TaskRunner, events: CaseEvents | None = None, clerk: Clerk | None = None,
                 catalogue_warnings: list[str] | None = None) -> None:
        self.settings, self.library, self.languages, self.stores = settings, library, languages, stores
        self.db, self.printing = db, printing
        self.events = events if events is not None else CaseEvents()
        self.clerk = clerk
        self.catalogue_warnings = catalogue_warnings if catalogue_warnings is not None else []

    @property
    def catalogue(self) -> Catalogue:
        return self.library.catalogue

    @property
    def calendar(self) -> WorkCalendar:
        return self.library.calendar

    @property
    def lang(self) -> str:
        return self.languages.lang

    def today(self) -> date:
        from datetime import datetime  # not at start-up: the first frame tells no time

        return datetime.now().date()

    def now(self) -> datetime:
        from datetime import datetime

        return datetime.now().replace(microsecond=0)
