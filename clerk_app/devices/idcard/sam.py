"""The SAM backend: GA 467 frames over a serial (or USB-serial) port at 115200 bps.

A read is find card (20 01) → select card (20 02) → read text and photo (30 01), optionally
followed by the extra address (30 03). Every exchange has a time-out; a reply lost to a bad
checksum, line noise or a time-out is asked for again (`retries`), a status code other than
success becomes its typed error at once. A port that fails (unplugged USB adapter) becomes
`NoReaderError`, so the monitor closes and re-discovers it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol

import serial
from serial.tools import list_ports

from clerk_app.devices.idcard import frames
from clerk_app.devices.idcard.decode import decode_extra_address, decode_text
from clerk_app.devices.idcard.errors import (
    CardError,
    CardTimeoutError,
    FrameError,
    NoCardError,
    NoReaderError,
)
from clerk_app.devices.idcard.frames import FrameParser, Reply, encode_frame
from clerk_app.devices.idcard.model import CardData
from clerk_app.devices.idcard.photo import WltDecoder, attach_photo
from clerk_app.devices.idcard.reader import CardReader, setting_float, setting_int
from clerk_app.devices.idcard.status import CARD_FOUND, NO_CONTENT, OK, status_error

log = logging.getLogger(__name__)

try:  # a vanished tty fails tcflush with termios.error, which is not an OSError
    import termios

    PORT_ERRORS: tuple[type[Exception], ...] = (serial.SerialException, OSError, termios.error)
except ImportError:  # Windows
    PORT_ERRORS = (serial.SerialException, OSError)

AUTO = "auto"
_COMMAND_NAMES = {
    frames.RESET: "10 FF", frames.SAM_STATUS: "11 FF", frames.SAM_ID: "12 FF",
    frames.FIND_CARD: "20 01", frames.SELECT_CARD: "20 02",
    frames.READ_TEXT_PHOTO: "30 01", frames.READ_EXTRA_ADDRESS: "30 03",
}


class SerialPort(Protocol):
    """What the SAM backend needs of a `serial.Serial`."""

    @property
    def in_waiting(self) -> int: ...

    def read(self, size: int = 1) -> bytes: ...

    def write(self, data: bytes, /) -> int | None: ...

    def reset_input_buffer(self) -> None: ...

    def close(self) -> None: ...


def open_serial(port: str, baudrate: int) -> SerialPort:
    """The port, opened exclusively, reads returning after at most 50 ms."""
    return serial.Serial(port, baudrate, timeout=0.05, write_timeout=1.0, exclusive=True)


class SamReader(CardReader):
    backend = "sam"

    def __init__(
        self,
        port: str = AUTO,
        *,
        ports: Sequence[str] = (),
        baudrate: int = 115200,
        poll_interval: float = 0.02,
        command_timeout: float = 0.5,
        read_timeout: float = 2.0,
        retries: int = 2,
        extra_address: bool = True,
        photo_decoder: WltDecoder | None = None,
        opener: Callable[[str, int], SerialPort] = open_serial,
    ) -> None:
        self.port_name = port
        self.candidates = list(ports)
        self.baudrate = baudrate
        self.poll_interval = poll_interval
        self.command_timeout = command_timeout
        self.read_timeout = read_timeout
        self.retries = retries
        self.extra_address = extra_address
        self.photo_decoder = photo_decoder
        self._opener = opener
        self._port: SerialPort | None = None
        self._opened_name = ""
        self._parser = FrameParser()
        self._found = False

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SamReader:
        return cls(
            str(config.get("port") or AUTO),
            ports=[str(p) for p in config.get("ports", ())],
            baudrate=setting_int(config, "baudrate", 115200),
            poll_interval=setting_float(config, "poll_interval", 0.02),
            command_timeout=setting_float(config, "command_timeout", 0.5),
            read_timeout=setting_float(config, "read_timeout", 2.0),
            retries=setting_int(config, "retries", 2),
            extra_address=bool(config.get("extra_address", True)),
            photo_decoder=WltDecoder.from_config(config.get("photo_decoder")),
        )

    # -- connection -------------------------------------------------------------------------

    def discover(self) -> list[str]:
        if self.port_name != AUTO:
            return [self.port_name]
        return self.candidates or sorted(info.device for info in list_ports.comports())

    def open(self) -> str:
        self.close()
        if self.port_name != AUTO:
            self._connect(self.port_name)
            return f"SAM {self.port_name}"
        for name in self.discover():
            try:
                self._connect(name)
            except CardError as error:
                log.debug("no SAM on %s: %s", name, error)
                continue
            return f"SAM {name}"
        raise NoReaderError("card.no_reader", where=", ".join(self.discover()) or "serial")

    def _connect(self, name: str) -> None:
        try:
            self._port = self._opener(name, self.baudrate)
        except (*PORT_ERRORS, ValueError) as error:
            raise NoReaderError("card.port", port=name, reason=_reason(error)) from None
        self._opened_name = name
        try:
            self.sam_status()
        except CardError:
            self.close()
            raise

    def close(self) -> None:
        port, self._port = self._port, None
        self._found = False
        self._parser.clear()
        if port is not None:
            try:
                port.close()
            except PORT_ERRORS as error:
                log.debug("closing %s: %s", self._opened_name, error)

    # -- SAM management ---------------------------------------------------------------------

    def sam_status(self) -> None:
        """Raises the SAM's fault, if any (self-test failed, not authorised, ...)."""
        self.transact(frames.SAM_STATUS).check()

    def sam_id(self) -> str:
        return self.transact(frames.SAM_ID).check().data.hex().upper()

    def reset(self) -> None:
        self.transact(frames.RESET).check()

    # -- cards ------------------------------------------------------------------------------

    def card_present(self) -> bool:
        reply = self.transact(frames.FIND_CARD)
        if reply.status == CARD_FOUND:
            self._found = True
            return True
        if reply.status == 0x80:
            self._found = False
            return False
        raise status_error(reply.status)

    def read(self) -> CardData:
        try:
            if not self._found and not self.card_present():
                raise NoCardError("card.absent")
            self.transact(frames.SELECT_CARD).check()
            reply = self.transact(frames.READ_TEXT_PHOTO, self.read_timeout).check()
        finally:
            self._found = False
        text, photo = frames.split_read_reply(reply)
        card = decode_text(text, photo)
        if self.extra_address:
            card = replace(card, extra_address=self._read_extra_address())
        return attach_photo(card, self.photo_decoder)

    def _read_extra_address(self) -> str | None:
        try:
            reply = self.transact(frames.READ_EXTRA_ADDRESS).check((OK, NO_CONTENT))
            return decode_extra_address(reply.data) if reply.status == OK else None
        except NoReaderError:
            raise
        except CardError as error:
            log.info("extra address not read: %s", error)
            return None

    # -- exchanges --------------------------------------------------------------------------

    def transact(self, body: bytes, timeout: float | None = None) -> Reply:
        """Send one command and return its reply, retrying lost or corrupt replies."""
        last_error: CardError | None = None
        for _attempt in range(self.retries + 1):
            try:
                return self._exchange(body, timeout or self.command_timeout)
            except (FrameError, CardTimeoutError) as error:
                log.debug("SAM %s: %s", _COMMAND_NAMES.get(body, body.hex()), error)
                last_error = error
        assert last_error is not None
        raise last_error

    def _exchange(self, body: bytes, timeout: float) -> Reply:
        port = self._port
        if port is None:
            raise NoReaderError("card.no_reader", where="SAM")
        self._parser.clear()
        try:
            port.reset_input_buffer()
            port.write(encode_frame(body))
            return self._receive(port, body, time.monotonic() + timeout, timeout)
        except PORT_ERRORS as error:
            raise NoReaderError("card.disconnected", reason=_reason(error)) from None

    def _receive(self, port: SerialPort, body: bytes, deadline: float, timeout: float) -> Reply:
        parser = self._parser
        while True:
            reply = parser.pop()
            if reply is not None:
                return reply
            if time.monotonic() >= deadline:
                if parser.last_error is not None:
                    raise parser.last_error
                command = _COMMAND_NAMES.get(body, body.hex(" "))
                raise CardTimeoutError("card.timeout", seconds=f"{timeout:g}", command=command)
            parser.feed(port.read(max(1, port.in_waiting)))


def _reason(error: BaseException) -> str:
    return str(error) or type(error).__name__
