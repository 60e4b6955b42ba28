"""The PC/SC backend (pyscard, through pcscd or WinSCard).

Plain PC/SC reaches only the chip: the 8-byte chip serial number (APDU `00 36 00 00 08`); the
card's content is locked behind the SAM. Some readers with a built-in SAM present the decoded
read result (256 bytes of text, then 1,024 of photo) as a transparent file instead; for those,
`content_file` names its file identifier and this backend reads it with SELECT and READ BINARY.
Without it, `read()` reports the chip serial number and says the reader cannot give content.

Connections are always disconnected and the context released (pcscd can deadlock otherwise).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from smartcard import scard

from clerk_app.devices.idcard.decode import decode_text
from clerk_app.devices.idcard.errors import (
    NoCardError,
    NoReaderError,
    ReadFailedError,
    UnsupportedCardError,
)
from clerk_app.devices.idcard.frames import PHOTO_SIZE, TEXT_SIZE
from clerk_app.devices.idcard.model import CardData
from clerk_app.devices.idcard.photo import WltDecoder, attach_photo
from clerk_app.devices.idcard.reader import CardReader, config_error, setting_float

log = logging.getLogger(__name__)

CHIP_SERIAL_APDU = [0x00, 0x36, 0x00, 0x00, 0x08]
_SW_OK = (0x90, 0x00)
_SERVICE_GONE = {
    scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED, scard.SCARD_E_INVALID_HANDLE,
}
_READER_GONE = {
    scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE,
    scard.SCARD_E_NO_READERS_AVAILABLE,
}
_CARD_GONE = {scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_REMOVED_CARD}
_PROTOCOLS = scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1


class PcscReader(CardReader):
    backend = "pcsc"

    def __init__(
        self,
        reader: str = "",
        *,
        poll_interval: float = 0.2,
        content_file: str | None = None,
        chunk: int = 0xE0,
        photo_decoder: WltDecoder | None = None,
    ) -> None:
        self.reader_filter = reader
        self.poll_interval = poll_interval
        self.content_file = _file_id(content_file) if content_file else None
        self.chunk = chunk
        self.photo_decoder = photo_decoder
        self._context: Any = None
        self._reader = ""
        self._state = scard.SCARD_STATE_UNAWARE

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> PcscReader:
        return cls(
            str(config.get("reader", "")),
            poll_interval=setting_float(config, "poll_interval", 0.2),
            content_file=config.get("content_file"),
            chunk=int(config.get("chunk", 0xE0)),
            photo_decoder=WltDecoder.from_config(config.get("photo_decoder")),
        )

    # -- connection -------------------------------------------------------------------------

    def discover(self) -> list[str]:
        if self._context is not None:
            return self._list_readers()
        self._establish()
        try:
            return self._list_readers()
        finally:
            self.close()

    def open(self) -> str:
        self.close()
        self._establish()
        try:
            readers = self._list_readers()
            matching = [name for name in readers if self.reader_filter in name]
            if not matching:
                where = self.reader_filter or "PC/SC"
                raise NoReaderError("card.no_reader", where=where)
        except NoReaderError:
            self.close()
            raise
        self._reader = matching[0]
        self._state = scard.SCARD_STATE_UNAWARE
        return self._reader

    def close(self) -> None:
        context, self._context = self._context, None
        if context is not None:
            scard.SCardReleaseContext(context)

    def _establish(self) -> None:
        result, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if result != scard.SCARD_S_SUCCESS:
            raise NoReaderError("card.no_service")
        self._context = context

    def _list_readers(self) -> list[str]:
        result, readers = scard.SCardListReaders(self._context, [])
        if result == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        _raise_for_service(result)
        return list(readers)

    # -- cards ------------------------------------------------------------------------------

    def card_present(self) -> bool:
        if self._context is None:
            raise NoReaderError("card.no_reader", where="PC/SC")
        result, states = scard.SCardGetStatusChange(
            self._context, 0, [(self._reader, self._state)]
        )
        if result == scard.SCARD_E_TIMEOUT:
            return bool(self._state & scard.SCARD_STATE_PRESENT)
        _raise_for_service(result)
        state = states[0][1] & ~scard.SCARD_STATE_CHANGED
        if state & (scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_UNAVAILABLE):
            raise NoReaderError("card.no_reader", where=self._reader)
        self._state = state
        return bool(state & scard.SCARD_STATE_PRESENT)

    def chip_serial(self) -> str:
        """The chip's 8-byte serial number, in hex."""
        with _Connection(self._context, self._reader) as connection:
            return _chip_serial(connection)

    def read(self) -> CardData:
        if self._context is None:
            raise NoReaderError("card.no_reader", where="PC/SC")
        with _Connection(self._context, self._reader) as connection:
            serial = _chip_serial(connection)
            if self.content_file is None:
                raise UnsupportedCardError("card.chip_only", serial=serial)
            content = self._read_content(connection)
        card = decode_text(content[:TEXT_SIZE], content[TEXT_SIZE:])
        return attach_photo(replace(card, chip_serial=serial), self.photo_decoder)

    def _read_content(self, connection: _Connection) -> bytes:
        assert self.content_file is not None
        connection.apdu([0x00, 0xA4, 0x00, 0x00, 0x02, *self.content_file])
        content = bytearray()
        total = TEXT_SIZE + PHOTO_SIZE
        while len(content) < total:
            offset = len(content)
            size = min(self.chunk, total - offset)
            data = connection.apdu([0x00, 0xB0, offset >> 8, offset & 0xFF, size & 0xFF])
            if not data:
                raise ReadFailedError("card.apdu", command="READ BINARY", sw="no data")
            content += data
        return bytes(content[:total])


class _Connection:
    """One card connection, always disconnected on exit."""

    def __init__(self, context: Any, reader: str) -> None:
        self._context = context
        self._reader = reader
        self._card: Any = None
        self._protocol = 0

    def __enter__(self) -> _Connection:
        result, card, protocol = scard.SCardConnect(
            self._context, self._reader, scard.SCARD_SHARE_SHARED, _PROTOCOLS
        )
        _raise_for_card(result)
        self._card, self._protocol = card, protocol
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._card is not None:
            scard.SCardDisconnect(self._card, scard.SCARD_LEAVE_CARD)
            self._card = None

    def transmit(self, apdu: list[int]) -> tuple[bytes, tuple[int, int]]:
        result, response = scard.SCardTransmit(self._card, self._protocol, apdu)
        _raise_for_card(result)
        if len(response) < 2:
            raise ReadFailedError("card.apdu", command=_hex(apdu[:4]), sw="no status")
        return bytes(response[:-2]), (response[-2], response[-1])

    def apdu(self, apdu: list[int]) -> bytes:
        data, sw = self.transmit(apdu)
        if sw != _SW_OK:
            raise ReadFailedError("card.apdu", command=_hex(apdu[:4]), sw=_hex(sw))
        return data


def _chip_serial(connection: _Connection) -> str:
    data, sw = connection.transmit(CHIP_SERIAL_APDU)
    if sw != _SW_OK or len(data) != 8:
        raise UnsupportedCardError("card.not_id_card", sw=_hex(sw))
    return data.hex().upper()


def _raise_for_service(result: int) -> None:
    if result == scard.SCARD_S_SUCCESS:
        return
    if result in _SERVICE_GONE:
        raise NoReaderError("card.no_service")
    if result in _READER_GONE:
        raise NoReaderError("card.no_reader", where="PC/SC")
    raise NoReaderError("card.disconnected", reason=_error_message(result))


def _raise_for_card(result: int) -> None:
    if result == scard.SCARD_S_SUCCESS:
        return
    if result in _CARD_GONE:
        raise NoCardError("card.absent")
    if result in _SERVICE_GONE or result in _READER_GONE:
        _raise_for_service(result)
    raise ReadFailedError("card.apdu", command="SCardConnect/Transmit", sw=_error_message(result))


def _error_message(result: int) -> str:
    return f"{scard.SCardGetErrorMessage(result).strip()} (0x{result & 0xFFFFFFFF:08X})"


def _file_id(value: str) -> list[int]:
    try:
        data = bytes.fromhex(str(value))
    except ValueError:
        data = b""
    if len(data) != 2:
        raise config_error("content_file", value, "two bytes in hex, e.g. 6002")
    return list(data)


def _hex(values: tuple[int, ...] | list[int]) -> str:
    return " ".join(f"{v:02X}" for v in values)
