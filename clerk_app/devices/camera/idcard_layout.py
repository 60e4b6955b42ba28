"""ID card front and back on one A4 page at true size, as a 身份证复印件 is laid out.

Each side is a straightened card image (any resolution); it is scaled to exactly 85.6 × 54 mm at
the page's dpi and centred, front in the upper half, back in the lower half.
"""

from __future__ import annotations

import cv2
import numpy as np

from clerk_app.devices.camera.enhance import Mode, render
from clerk_app.devices.camera.errors import CameraError
from clerk_app.devices.camera.process import CARD_DPI, CleanPage
from clerk_app.devices.camera.sizes import A4, ID1, mm_to_px

GAP_MM = 30.0


def card_boxes(dpi: float) -> list[tuple[int, int, int, int]]:
    """(x, y, width, height) of the front and the back on the A4 page, in pixels."""
    page_w, page_h = A4.pixels(dpi)
    card_w, card_h = ID1.pixels(dpi)
    gap = mm_to_px(GAP_MM, dpi)
    top = (page_h // 2 - card_h - gap // 2) - mm_to_px(20, dpi)
    x = (page_w - card_w) // 2
    return [(x, top, card_w, card_h), (x, top + card_h + gap, card_w, card_h)]


def merge_sides(sides: list[np.ndarray], dpi: float = CARD_DPI, mode: Mode = "color") -> (
    np.ndarray
):
    """A white A4 page (BGR, or one channel for grey/bw) with the sides at true size."""
    if len(sides) != 2:
        raise CameraError("idcard.sides", count=len(sides))
    page_w, page_h = A4.pixels(dpi)
    page = np.full((page_h, page_w, 3), 255, np.uint8)
    for side, (x, y, w, h) in zip(sides, card_boxes(dpi), strict=True):
        card = side if side.ndim == 3 else cv2.cvtColor(side, cv2.COLOR_GRAY2BGR)
        if card.shape[0] > card.shape[1]:
            card = cv2.rotate(card, cv2.ROTATE_90_CLOCKWISE)
        page[y:y + h, x:x + w] = cv2.resize(card, (w, h), interpolation=cv2.INTER_AREA)
    return render(page, mode)


def merge_pages(front: CleanPage, back: CleanPage, mode: Mode = "color") -> CleanPage:
    """The two captured card sides as one A4 page."""
    image = merge_sides([front.image, back.image], CARD_DPI, mode)
    return CleanPage(image, CARD_DPI, mode, "a4", 0, False, front.detection)
