"""Barcodes and QR codes on captured pages (zxing-cpp), e.g. the case number on a form."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import zxingcpp

from clerk_app.devices.camera.images import check_image


@dataclass(frozen=True)
class Code:
    text: str
    format: str  # zxing-cpp's name: "QRCode", "Code128", ...
    corners: tuple[tuple[int, int], ...]


def read_codes(image: np.ndarray) -> list[Code]:
    """Every barcode and QR code zxing-cpp finds, in any orientation."""
    if image.ndim == 3:
        image = check_image(image)
    found = zxingcpp.read_barcodes(image, try_rotate=True, try_downscale=True)
    return [Code(code.text, code.format.name, _corners(code.position)) for code in found
            if code.valid]


def find_text(codes: Sequence[Code], pattern: str) -> str | None:
    """The first code whose whole text matches `pattern` (a regular expression)."""
    compiled = re.compile(pattern)
    for code in codes:
        if compiled.fullmatch(code.text):
            return code.text
    return None


def _corners(position: zxingcpp.Position) -> tuple[tuple[int, int], ...]:
    points = (position.top_left, position.top_right, position.bottom_right, position.bottom_left)
    return tuple((point.x, point.y) for point in points)
