"""The ID card reader seen from the UI: a QObject whose signals arrive on the UI thread.

`CardWatcher` runs one reader backend under a `CardMonitor` on its own worker thread (one
thread per device); the UI thread never touches the device. Everything the monitor reports is
handed to the UI thread through one queued signal and re-emitted there as:

- `card_read(CardData)`: once per placement of a card (the intake form fills the applicant or
  the agent from it);
- `card_removed()`;
- `status_changed(ReaderStatus)`: connecting, no reader (with the retry delay), ready, reading,
  card read, read failed, stopped; `ReaderStatusWidget` shows it;
- `error(CardError)`: a card on the reader could not be read; `error.clerk_text(lang)` words it.

Unplugging and replugging the reader is recovered by the monitor (re-discovery with back-off).
Call `stop()` before the application quits.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance, Slot

from clerk_app.devices.idcard.errors import CardError
from clerk_app.devices.idcard.model import CardData
from clerk_app.devices.idcard.monitor import Backoff, CardMonitor, ReaderState, ReaderStatus
from clerk_app.devices.idcard.reader import CardReader, create_reader

log = logging.getLogger(__name__)


class _Relay:
    """The monitor's listener, on the worker thread: forwards each event as one signal."""

    def __init__(self, signal: SignalInstance) -> None:
        self._signal = signal

    def _emit(self, kind: str, payload: object) -> None:
        try:
            self._signal.emit(kind, payload)
        except RuntimeError:  # the watcher was deleted (its window closed): nobody to tell
            log.debug("card watcher gone; %s not delivered", kind)

    def status_changed(self, status: ReaderStatus) -> None:
        self._emit("status", status)

    def card_read(self, card: CardData) -> None:
        self._emit("card", card)

    def card_removed(self) -> None:
        self._emit("removed", None)

    def error(self, error: CardError) -> None:
        self._emit("error", error)


class CardWatcher(QObject):
    card_read = Signal(CardData)
    card_removed = Signal()
    status_changed = Signal(ReaderStatus)
    error = Signal(CardError)

    _event = Signal(str, object)  # emitted on the worker thread, delivered on the UI thread

    def __init__(
        self,
        reader_factory: Callable[[], CardReader],
        parent: QObject | None = None,
        *,
        name: str = "card-reader",
        backoff: Backoff | None = None,
        removal_polls: int = 2,
        repeat_after: float = 1.0,
        read_attempts: int = 3,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._status = ReaderStatus(ReaderState.STOPPED)
        self._monitor = CardMonitor(
            reader_factory,
            _Relay(self._event),
            backoff=backoff,
            removal_polls=removal_polls,
            repeat_after=repeat_after,
            read_attempts=read_attempts,
        )
        self._event.connect(self._deliver)
        stop = self._stop
        self.destroyed.connect(lambda *_: stop.set())  # never outlive the watcher

    @classmethod
    def from_config(
        cls, config: Mapping[str, Any], parent: QObject | None = None, **options: Any
    ) -> CardWatcher:
        """A watcher for the backend `config` names (see `clerk_app.devices.idcard.reader`)."""
        settings = dict(config)
        return cls(lambda: create_reader(settings), parent, **options)

    @property
    def status(self) -> ReaderStatus:
        """The last status delivered to the UI thread."""
        return self._status

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.is_running():
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._monitor.run, args=(self._stop,), name=f"clerk-{self.name}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop the worker; True when it has finished within `timeout` seconds."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    @Slot(str, object)
    def _deliver(self, kind: str, payload: object) -> None:
        if kind == "status" and isinstance(payload, ReaderStatus):
            self._status = payload
            self.status_changed.emit(payload)
        elif kind == "card" and isinstance(payload, CardData):
            self.card_read.emit(payload)
        elif kind == "removed":
            self.card_removed.emit()
        elif kind == "error" and isinstance(payload, CardError):
            self.error.emit(payload)
