"""ID card reads into the intake: the reader from settings, its status, filling applicant or agent.

The watcher runs the reader on its own thread and recovers by itself after unplug and replug;
the same card read twice while it lies on the reader fills nothing twice. With the simulated
reader (the demo), "放置演示证件" places the next demo person on it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from clerk_app.config.settings import DeviceSettings
from clerk_app.devices.idcard.model import CardData
from clerk_app.devices.idcard.reader import CardReader, create_reader
from clerk_app.devices.idcard.simulator import SimulatedReader
from clerk_app.ui.devices.card_watcher import CardWatcher
from clerk_app.ui.devices.reader_status import ReaderStatusWidget


def reader_config(devices: DeviceSettings) -> dict[str, Any]:
    config: dict[str, Any] = {"backend": devices.card_reader}
    if devices.card_port:
        config["port"] = devices.card_port
    if devices.card_library:
        config["library"] = devices.card_library
    return config


class CardInput(QObject):
    """Owns the card watcher of a workstation; emits `card(CardData, as_agent)` for the intake."""

    card = Signal(object, bool)

    def __init__(self, devices: DeviceSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.as_agent = False
        self.simulator: SimulatedReader | None = None
        config = reader_config(devices)
        if devices.card_reader == "simulator":
            self.simulator = SimulatedReader(auto=False)
            simulator = self.simulator
            factory = lambda: simulator  # noqa: E731 - the demo drives this very instance
        else:
            factory = lambda: create_reader(config)  # noqa: E731
        self.watcher = CardWatcher(self._typed(factory), self)
        self.status = ReaderStatusWidget()
        self.status.attach(self.watcher)
        self.watcher.card_read.connect(lambda card: self.card.emit(card, self.as_agent))
        self._next_demo = 0

    @staticmethod
    def _typed(factory: Any) -> Any:
        def make() -> CardReader:
            return factory()

        return make

    def start(self) -> None:
        self.watcher.start()

    def stop(self) -> None:
        self.watcher.stop()

    def place_demo_card(self) -> CardData | None:
        """Simulator only: put the next demo person's card on the reader (removing the last)."""
        if self.simulator is None:
            return None
        cards = self.simulator.cards
        card = cards[self._next_demo % len(cards)]
        self._next_demo += 1
        self.simulator.remove()
        self.simulator.place(card)
        return card
