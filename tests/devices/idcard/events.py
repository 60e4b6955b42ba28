"""A monitor listener for tests that queues every event, and helpers to wait for them."""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from clerk_app.devices.idcard.errors import CardError
from clerk_app.devices.idcard.model import CardData
from clerk_app.devices.idcard.monitor import Backoff, ReaderState, ReaderStatus

FAST = Backoff(initial=0.05, maximum=0.2)


@dataclass
class Recorder:
    """A listener that queues every event."""

    events: queue.Queue[tuple[str, object]] = field(default_factory=queue.Queue)
    seen: list[tuple[str, object]] = field(default_factory=list)

    def status_changed(self, status: ReaderStatus) -> None:
        self.events.put(("status", status))

    def card_read(self, card: CardData) -> None:
        self.events.put(("card", card))

    def card_removed(self) -> None:
        self.events.put(("removed", None))

    def error(self, error: CardError) -> None:
        self.events.put(("error", error))

    def wait_for(self, kind: str, match: Callable[[object], bool] = lambda _: True,
                 timeout: float = 5.0) -> object:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                event = self.events.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.seen.append(event)
            if event[0] == kind and match(event[1]):
                return event[1]
        raise AssertionError(f"no {kind} event; seen {[e[0] for e in self.seen]}")

    def drain(self, seconds: float) -> list[str]:
        time.sleep(seconds)
        kinds = []
        while not self.events.empty():
            event = self.events.get()
            self.seen.append(event)
            kinds.append(event[0])
        return kinds


def state_is(state: ReaderState) -> Callable[[object], bool]:
    return lambda status: isinstance(status, ReaderStatus) and status.state is state
