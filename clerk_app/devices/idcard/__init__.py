"""Second-generation ID card readers: card data, decoding, and four reader backends.

`reader.create_reader(config)` builds a backend (SAM over serial, PC/SC, a vendor SDK through
ctypes, or the simulator); `monitor.CardMonitor` runs it on a worker thread. Nothing here
imports Qt: the UI side is `clerk_app.ui.devices.card_watcher`.
"""

from clerk_app.devices.idcard.errors import (
    CardDataError,
    CardError,
    CardTimeoutError,
    FrameError,
    NoCardError,
    NoReaderError,
    ReadFailedError,
    SamFaultError,
    UnsupportedCardError,
)
from clerk_app.devices.idcard.model import CardData, CardKind, Expiry

__all__ = [
    "CardData",
    "CardDataError",
    "CardError",
    "CardKind",
    "CardTimeoutError",
    "Expiry",
    "FrameError",
    "NoCardError",
    "NoReaderError",
    "ReadFailedError",
    "SamFaultError",
    "UnsupportedCardError",
]
