"""GA 467 frames between the host and the ID card reader's SAM.

A frame is `AA AA AA 96 69 | LEN (2, big-endian) | body | checksum`, where LEN counts the body
and the checksum, and the checksum is the XOR of the two length bytes and the body. A command
body is a two-byte command; a reply body starts with three status bytes SW1 SW2 SW3.

`FrameParser` takes bytes as they come off the wire, skips garbage before a preamble, waits for
frames split across reads and resynchronises after a corrupt one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

from clerk_app.devices.idcard.errors import FrameError
from clerk_app.devices.idcard.status import OK, check_status

PREAMBLE = bytes.fromhex("AAAAAA9669")
HEADER_SIZE = len(PREAMBLE) + 2
MIN_REPLY_LENGTH = 4  # SW1 SW2 SW3 + checksum
MAX_REPLY_LENGTH = 0x1000  # text + photo + fingerprints fit well below this

TEXT_SIZE = 256
PHOTO_SIZE = 1024
READ_REPLY_LENGTH = 3 + 2 + 2 + TEXT_SIZE + PHOTO_SIZE + 1  # 0x0508
READ_REPLY_SIZE = HEADER_SIZE + READ_REPLY_LENGTH  # 1,295 bytes

# Command bodies.
RESET = bytes.fromhex("10FF")
SAM_STATUS = bytes.fromhex("11FF")
SAM_ID = bytes.fromhex("12FF")
FIND_CARD = bytes.fromhex("2001")
SELECT_CARD = bytes.fromhex("2002")
READ_TEXT_PHOTO = bytes.fromhex("3001")
READ_EXTRA_ADDRESS = bytes.fromhex("3003")


def checksum(data: bytes) -> int:
    return reduce(lambda acc, byte: acc ^ byte, data, 0)


def encode_frame(body: bytes) -> bytes:
    """The frame carrying `body` (a command, or a reply when simulating a reader)."""
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes([checksum(length + body)])


@dataclass(frozen=True)
class Reply:
    sw1: int
    sw2: int
    sw3: int
    data: bytes = b""

    @property
    def status(self) -> int:
        return self.sw3

    def check(self, accepted: tuple[int, ...] = (OK,)) -> Reply:
        """Self when its status is accepted, else the typed error of the status."""
        check_status(self.sw3, accepted)
        return self


def parse_frame(frame: bytes) -> Reply:
    """One whole reply frame, checked for preamble, length and checksum (not for status)."""
    if len(frame) < HEADER_SIZE + MIN_REPLY_LENGTH:
        raise FrameError("card.frame_short", size=len(frame), minimum=HEADER_SIZE + MIN_REPLY_LENGTH)
    if not frame.startswith(PREAMBLE):
        raise FrameError("card.frame_preamble", got=frame[: len(PREAMBLE)].hex(" ").upper())
    declared = int.from_bytes(frame[5:7], "big")
    if not MIN_REPLY_LENGTH <= declared <= MAX_REPLY_LENGTH:
        raise _range_error(declared)
    actual = len(frame) - HEADER_SIZE
    if declared != actual:
        raise FrameError("card.frame_length", declared=declared, actual=actual)
    expected = checksum(frame[5:-1])
    if frame[-1] != expected:
        raise FrameError("card.frame_checksum", expected=_hex(expected), got=_hex(frame[-1]))
    return Reply(frame[7], frame[8], frame[9], bytes(frame[10:-1]))


def split_read_reply(reply: Reply) -> tuple[bytes, bytes]:
    """(text, photo) from the reply to READ_TEXT_PHOTO: 256 bytes of text, 1,024 of photo."""
    data = reply.data
    if len(data) < 4:
        raise _layout_error("文字信息长度", "text length", len(data), 4)
    text_size = int.from_bytes(data[0:2], "big")
    photo_size = int.from_bytes(data[2:4], "big")
    if text_size != TEXT_SIZE:
        raise _layout_error("文字信息长度", "text length", text_size, TEXT_SIZE)
    if photo_size not in (0, PHOTO_SIZE):
        raise _layout_error("照片信息长度", "photo length", photo_size, PHOTO_SIZE)
    if len(data) != 4 + text_size + photo_size:
        raise _layout_error("应答数据", "reply data", len(data), 4 + text_size + photo_size)
    return bytes(data[4 : 4 + text_size]), bytes(data[4 + text_size :])


class FrameParser:
    """Reassembles reply frames from a byte stream."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self.last_error: FrameError | None = None

    def feed(self, data: bytes) -> None:
        self._buffer += data

    def clear(self) -> None:
        self._buffer.clear()
        self.last_error = None

    @property
    def buffered(self) -> int:
        return len(self._buffer)

    def pop(self) -> Reply | None:
        """The next complete reply, None if more bytes are needed.

        A frame with a bad checksum raises FrameError once it is complete, unless a preamble
        inside it shows it was garbage, in which case parsing resumes there. A header with an
        impossible length is skipped silently (remembered in `last_error`).
        """
        buffer = self._buffer
        while True:
            if not self._skip_to_preamble():
                return None
            declared = int.from_bytes(buffer[5:7], "big")
            if not MIN_REPLY_LENGTH <= declared <= MAX_REPLY_LENGTH:
                self.last_error = _range_error(declared)
                del buffer[:1]
                continue
            total = HEADER_SIZE + declared
            if len(buffer) < total:
                return None
            frame = bytes(buffer[:total])
            try:
                reply = parse_frame(frame)
            except FrameError as error:
                self.last_error = error
                inner = buffer.find(PREAMBLE, 1, total)
                if inner > 0:
                    del buffer[:inner]
                    continue
                del buffer[:total]
                raise
            del buffer[:total]
            return reply

    def _skip_to_preamble(self) -> bool:
        """Drop bytes before the first preamble; True when a whole header is buffered."""
        buffer = self._buffer
        start = buffer.find(PREAMBLE)
        if start < 0:
            del buffer[: max(0, len(buffer) - (len(PREAMBLE) - 1))]
            return False
        del buffer[:start]
        return len(buffer) >= HEADER_SIZE


def _hex(value: int) -> str:
    return f"0x{value:02X}"


def _range_error(declared: int) -> FrameError:
    return FrameError(
        "card.frame_length_range",
        declared=declared,
        minimum=MIN_REPLY_LENGTH,
        maximum=MAX_REPLY_LENGTH,
    )


def _layout_error(field_zh: str, field_en: str, declared: int, expected: int) -> FrameError:
    return FrameError(
        "card.reply_layout",
        field_zh=field_zh,
        field_en=field_en,
        declared=declared,
        expected=expected,
    )
