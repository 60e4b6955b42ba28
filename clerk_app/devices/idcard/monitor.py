"""Watching a reader: presence polling, one read per placement, recovery after unplugging.

`CardMonitor.run(stop)` is the loop a device's worker thread runs (the Qt `CardWatcher`, the
`clerk-app card watch` command). It reports through a listener:

- `status_changed(ReaderStatus)` whenever the reader's state changes (connecting, no reader
  with the error and the retry delay, ready, reading, card read, read failed, stopped);
- `card_read(CardData)` once per placement: a card that stays on the reader is not read again,
  and the same card read again within `repeat_after` seconds of a flicker is not reported twice;
- `card_removed()` when a card that was read (or failed) has left the reader;
- `error(CardError)` when a card on the reader cannot be read (after `read_attempts` tries for
  transient faults, at once for a card that cannot be decoded or is not supported).

A reader that fails (unplugged, port gone, service down, SAM fault, time-out) is closed and
opened again with exponential back-off, until `stop` is set.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from clerk_app.devices.idcard.errors import (
    CardDataError,
    CardError,
    NoCardError,
    NoReaderError,
    ReadFailedError,
    UnsupportedCardError,
)
from clerk_app.devices.idcard.model import CardData
from clerk_app.devices.idcard.reader import CardReader

log = logging.getLogger(__name__)


class ReaderState(StrEnum):
    CONNECTING = "connecting"
    NO_READER = "no_reader"
    READY = "ready"
    READING = "reading"
    CARD_READ = "card_read"
    READ_FAILED = "read_failed"
    STOPPED = "stopped"


@dataclass(frozen=True)
class ReaderStatus:
    state: ReaderState
    reader: str = ""
    error: CardError | None = None
    retry_in: float | None = None


class MonitorListener(Protocol):
    def status_changed(self, status: ReaderStatus) -> None: ...

    def card_read(self, card: CardData) -> None: ...

    def card_removed(self) -> None: ...

    def error(self, error: CardError) -> None: ...


@dataclass(frozen=True)
class Backoff:
    """Delays between attempts to reach a reader: initial, doubling, capped."""

    initial: float = 0.5
    maximum: float = 5.0
    factor: float = 2.0

    def delays(self) -> Iterator[float]:
        delay = self.initial
        while True:
            yield delay
            delay = min(self.maximum, delay * self.factor)


class CardMonitor:
    """Runs one reader: connect, poll, read, recover."""

    def __init__(
        self,
        reader_factory: Callable[[], CardReader],
        listener: MonitorListener,
        *,
        backoff: Backoff | None = None,
        removal_polls: int = 2,
        repeat_after: float = 1.0,
        read_attempts: int = 3,
    ) -> None:
        self._factory = reader_factory
        self._listener = listener
        self.backoff = backoff or Backoff()
        self.removal_polls = max(1, removal_polls)
        self.repeat_after = repeat_after
        self.read_attempts = max(1, read_attempts)
        self._reader: CardReader | None = None
        self._name = ""
        self._status: ReaderStatus | None = None
        self._reset_placement()
        self._last_key: tuple[str, str, str] | None = None
        self._absent_since: float | None = None

    def run(self, stop: threading.Event) -> None:
        delays = self.backoff.delays()
        while not stop.is_set():
            if self._status is None or self._status.state is not ReaderState.NO_READER:
                self._set_status(ReaderStatus(ReaderState.CONNECTING))
            try:
                reader = self._connect()
                delays = self.backoff.delays()
                self._watch(reader, stop)
            except CardError as error:
                self._reader_lost(error, next(delays), stop)
            except Exception as error:  # a defect must not kill the device thread
                log.exception("card monitor: unexpected error")
                internal = NoReaderError("card.internal", reason=repr(error))
                self._reader_lost(internal, next(delays), stop)
        self._close()
        self._set_status(ReaderStatus(ReaderState.STOPPED, self._name))

    # -- connection -------------------------------------------------------------------------

    def _connect(self) -> CardReader:
        if self._reader is None:
            self._reader = self._factory()
        self._name = self._reader.open()
        self._reset_placement()
        self._set_status(ReaderStatus(ReaderState.READY, self._name))
        return self._reader

    def _reader_lost(self, error: CardError, delay: float, stop: threading.Event) -> None:
        self._close()
        if self._announced:
            self._listener.card_removed()
        self._reset_placement()
        status = ReaderStatus(ReaderState.NO_READER, self._name, error, delay)
        self._set_status(status)
        stop.wait(delay)

    def _close(self) -> None:
        if self._reader is None:
            return
        try:
            self._reader.close()
        except Exception:  # closing a vanished device may fail in any way
            log.debug("closing the reader failed", exc_info=True)

    # -- polling ----------------------------------------------------------------------------

    def _watch(self, reader: CardReader, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                present = reader.card_present()
            except NoCardError:
                present = False
            if present:
                self._on_present(reader)
            else:
                self._on_absent(time.monotonic())
            stop.wait(reader.poll_interval)

    def _on_present(self, reader: CardReader) -> None:
        self._absent_polls = 0
        self._absent_since = None
        if self._handled:
            return
        self._set_status(ReaderStatus(ReaderState.READING, self._name))
        try:
            card = reader.read()
        except NoCardError:
            self._set_status(ReaderStatus(ReaderState.READY, self._name))
            return
        except ReadFailedError as error:
            self._read_failed(error, retry=not isinstance(error, CardDataError))
            return
        except UnsupportedCardError as error:
            self._read_failed(error, retry=False)
            return
        self._read_succeeded(card)

    def _read_succeeded(self, card: CardData) -> None:
        self._handled = self._announced = True
        self._failures = 0
        if card.identity != self._last_key:
            self._last_key = card.identity
            self._listener.card_read(card)
        else:
            log.debug("same card read again: not reported twice")
        self._set_status(ReaderStatus(ReaderState.CARD_READ, self._name))

    def _read_failed(self, error: CardError, *, retry: bool) -> None:
        self._failures += 1
        if retry and self._failures < self.read_attempts:
            log.info("card read failed (attempt %d): %s", self._failures, error)
            return
        self._handled = self._announced = True
        self._listener.error(error)
        self._set_status(ReaderStatus(ReaderState.READ_FAILED, self._name, error))

    def _on_absent(self, now: float) -> None:
        self._absent_polls += 1
        if self._absent_since is None:
            self._absent_since = now
        if self._absent_polls == self.removal_polls:
            announced = self._announced
            self._reset_placement()
            if announced:
                self._listener.card_removed()
            self._set_status(ReaderStatus(ReaderState.READY, self._name))
        if self._last_key is not None and now - self._absent_since >= self.repeat_after:
            self._last_key = None

    def _reset_placement(self) -> None:
        self._handled = False
        self._announced = False
        self._failures = 0
        self._absent_polls = 0

    def _set_status(self, status: ReaderStatus) -> None:
        if status != self._status:
            self._status = status
            self._listener.status_changed(status)
