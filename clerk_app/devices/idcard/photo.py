"""The card photo: 1,024 bytes of WLT, a proprietary codec only vendors' libraries decode.

The raw WLT bytes are always kept. When a decoder library is configured, the photo is also
decoded into a BMP (102 × 126, 24-bit). The usual library call is
`int unpack(char *wlt, char *out, int mode)` returning 1 on success (libwlt.so and its Windows
counterparts); function name, mode and success value are configurable. Its output is taken as a
BMP file when it starts with `BM`, else as bottom-up BGR rows padded to 4 bytes, which this
module wraps into a BMP.
"""

from __future__ import annotations

import ctypes
import logging
import struct
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from clerk_app.devices.idcard.errors import CardError, NoReaderError, ReadFailedError
from clerk_app.devices.idcard.model import PHOTO_WLT_SIZE, CardData

log = logging.getLogger(__name__)

WIDTH = 102
HEIGHT = 126
ROW_SIZE = (WIDTH * 3 + 3) // 4 * 4
PIXELS_SIZE = ROW_SIZE * HEIGHT
BMP_HEADER_SIZE = 54
BMP_SIZE = BMP_HEADER_SIZE + PIXELS_SIZE  # 38,862 bytes
_OUTPUT_SIZE = BMP_SIZE + 4096  # room for libraries that write a little more


class WltDecoder:
    """Calls a vendor's WLT decoder library."""

    def __init__(self, library: str, function: str = "unpack", mode: int = 708, success: int = 1):
        self.library_path = library
        self.mode = mode
        self.success = success
        try:
            lib = ctypes.CDLL(library)
            self._unpack = getattr(lib, function)
        except (OSError, AttributeError) as error:
            raise NoReaderError("card.library", path=library, reason=str(error)) from None
        self._unpack.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int]
        self._unpack.restype = ctypes.c_int

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None) -> WltDecoder | None:
        if not config or not config.get("library"):
            return None
        return cls(
            str(config["library"]),
            function=str(config.get("function", "unpack")),
            mode=int(config.get("mode", 708)),
            success=int(config.get("success", 1)),
        )

    def decode(self, wlt: bytes) -> bytes:
        """The photo as BMP file bytes."""
        if len(wlt) != PHOTO_WLT_SIZE:
            raise ReadFailedError("card.photo", reason=f"{len(wlt)} bytes of WLT, not 1024")
        out = ctypes.create_string_buffer(_OUTPUT_SIZE)
        result = self._unpack(bytes(wlt), out, self.mode)
        if result != self.success:
            raise ReadFailedError("card.photo", reason=f"decoder returned {result}")
        return _as_bmp(out.raw)


def attach_photo(card: CardData, decoder: WltDecoder | None) -> CardData:
    """`card` with its decoded photo when a decoder is configured and the photo decodes."""
    if decoder is None or not card.photo_wlt or card.photo_bmp is not None:
        return card
    try:
        return replace(card, photo_bmp=decoder.decode(card.photo_wlt))
    except CardError as error:
        log.warning("photo not decoded: %s", error)
        return card


def bmp_from_bgr_rows(pixels: bytes, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """A 24-bit BMP file around bottom-up BGR rows padded to 4 bytes."""
    row = (width * 3 + 3) // 4 * 4
    size = row * height
    header = b"BM" + struct.pack("<IHHI", BMP_HEADER_SIZE + size, 0, 0, BMP_HEADER_SIZE)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, size, 2835, 2835, 0, 0)
    return header + info + pixels[:size]


def _as_bmp(raw: bytes) -> bytes:
    if raw.startswith(b"BM"):
        declared = struct.unpack_from("<I", raw, 2)[0]
        if BMP_HEADER_SIZE < declared <= len(raw):
            return raw[:declared]
        raise ReadFailedError("card.photo", reason=f"BMP header declares {declared} bytes")
    return bmp_from_bgr_rows(raw[:PIXELS_SIZE])
