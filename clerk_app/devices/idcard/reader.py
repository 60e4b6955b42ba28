"""One interface for every ID card reader backend, and the factory that builds one from config.

A backend is used from a single worker thread (see `monitor.CardMonitor`): `open()` it, poll
`card_present()` every `poll_interval` seconds, `read()` a present card, `close()` it when the
reader goes away (any `NoReaderError`) and `open()` it again later. Every call either returns or
raises a `CardError`; none blocks longer than its own time-outs.

The configuration is a plain mapping, e.g. from the workstation's settings file:

    {"backend": "sam", "port": "/dev/ttyUSB0"}
    {"backend": "sam", "port": "auto"}                 # probe every serial port for a SAM
    {"backend": "pcsc", "reader": "Virtual PCD"}       # substring of the PC/SC reader name
    {"backend": "vendor", "api": "sdtapi", "library": "/opt/reader/libsdtapi.so", "port": 1001}
    {"backend": "simulator", "people": [...]}
    ... and, for any backend, "photo_decoder": {"library": "/opt/reader/libwlt.so"}
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Mapping
from types import TracebackType
from typing import Any, ClassVar, Self

from clerk_app.devices.idcard.errors import NoReaderError
from clerk_app.devices.idcard.model import CardData

BACKENDS: dict[str, str] = {
    "sam": "clerk_app.devices.idcard.sam:SamReader",
    "pcsc": "clerk_app.devices.idcard.pcsc:PcscReader",
    "vendor": "clerk_app.devices.idcard.vendor:VendorReader",
    "simulator": "clerk_app.devices.idcard.simulator:SimulatedReader",
}


class CardReader(ABC):
    """An ID card reader, whatever talks to it."""

    backend: ClassVar[str] = ""
    poll_interval: float = 0.1

    def discover(self) -> list[str]:
        """Names of the readers this backend can reach now (may be empty)."""
        return []

    @classmethod
    @abstractmethod
    def from_config(cls, config: Mapping[str, Any]) -> CardReader:
        """A reader configured from the settings mapping (not opened)."""

    @abstractmethod
    def open(self) -> str:
        """Connect; returns the reader's display name. Raises NoReaderError."""

    @abstractmethod
    def close(self) -> None:
        """Release the reader; safe to call twice or after a failed open."""

    @abstractmethod
    def card_present(self) -> bool:
        """One presence poll. Raises NoReaderError when the reader has gone away."""

    @abstractmethod
    def read(self) -> CardData:
        """Read the card on the reader."""

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def create_reader(config: Mapping[str, Any]) -> CardReader:
    """The backend named by `config["backend"]`, configured but not opened."""
    backend = str(config.get("backend", "simulator"))
    target = BACKENDS.get(backend)
    if target is None:
        raise config_error("backend", backend, ", ".join(BACKENDS))
    module_name, _, attribute = target.partition(":")
    reader_class: type[CardReader] = getattr(importlib.import_module(module_name), attribute)
    return reader_class.from_config(config)


def config_error(key: str, value: object, expected: str) -> NoReaderError:
    return NoReaderError("card.config", key=key, value=value, expected=expected)


def setting_float(config: Mapping[str, Any], key: str, default: float) -> float:
    value = config.get(key, default)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise config_error(key, value, "a number") from None
    if number < 0:
        raise config_error(key, value, ">= 0")
    return number


def setting_int(config: Mapping[str, Any], key: str, default: int) -> int:
    value = config.get(key, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise config_error(key, value, "an integer") from None
