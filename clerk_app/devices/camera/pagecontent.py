"""Flat page artwork for the synthetic photographs: forms, letters, ID-1 cards.

Pages look like the documents clerks photograph: a centred title, indented paragraphs with ragged
line ends, ruled tables, a printed frame near the edge (the inner rectangle that fools contour
detectors), a red seal, a QR code. Text is drawn with OpenCV's Hershey font so no system font is
needed.
"""

from __future__ import annotations

import string

import cv2
import numpy as np
import zxingcpp

from clerk_app.devices.camera.sizes import SIZES

FONT = cv2.FONT_HERSHEY_SIMPLEX
INK = (25, 25, 30)


def render(
    kind: str,
    px_per_mm: float,
    rng: np.random.Generator,
    qr_text: str | None = None,
    blank: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """The page as uint8 BGR and its coverage mask as float32 (rounded corners for cards)."""
    size = SIZES[kind]
    width, height = round(size.width_mm * px_per_mm), round(size.height_mm * px_per_mm)
    if kind == "id1":
        page = _card(rng, width, height, px_per_mm, blank)
        alpha = _rounded_mask(width, height, 3.18 * px_per_mm)
    else:
        page = _paper(rng, width, height)
        if not blank:
            _document(rng, page, px_per_mm)
        alpha = np.ones((height, width), np.float32)
    if qr_text:
        _paste_qr(page, qr_text, px_per_mm, card=(kind == "id1"))
    return page, alpha


def _paper(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    tint = np.array([rng.uniform(232, 246), rng.uniform(238, 250), rng.uniform(240, 252)])
    grain = rng.normal(0, 1.2, (height, width, 1))
    return np.clip(tint[None, None, :] + grain, 0, 255).astype(np.uint8)


def _document(rng: np.random.Generator, page: np.ndarray, px_per_mm: float) -> None:
    height, width = page.shape[:2]
    margin = px_per_mm * rng.uniform(18, 25)
    if rng.random() < 0.35:
        inset = int(px_per_mm * rng.uniform(7, 12))
        cv2.rectangle(page, (inset, inset), (width - inset, height - inset), INK,
                      max(1, int(px_per_mm * 0.5)), cv2.LINE_AA)
    scale = px_per_mm * 3.2 / 22.0  # Hershey cap height is about 22 px at scale 1
    y = margin + px_per_mm * 8
    y = _title(page, rng, y, scale * 1.6, px_per_mm)
    left, right = int(margin), int(width - margin)
    while y < height - margin - px_per_mm * 20:
        if rng.random() < 0.25:
            y = _table(page, rng, y, left, right, px_per_mm)
        else:
            y = _paragraph(page, rng, y, left, right, scale, px_per_mm)
        y += px_per_mm * 4
    if rng.random() < 0.5:
        centre = (int(right - px_per_mm * 25), int(height - margin - px_per_mm * 15))
        cv2.circle(page, centre, int(px_per_mm * 20), (60, 50, 200),
                   max(1, int(px_per_mm * 0.9)), cv2.LINE_AA)


def _words(rng: np.random.Generator, count: int) -> list[str]:
    letters = np.array(list(string.ascii_lowercase))
    return ["".join(rng.choice(letters, int(rng.integers(2, 9)))) for _ in range(count)]


def _title(
    page: np.ndarray, rng: np.random.Generator, y: float, scale: float, px_per_mm: float
) -> float:
    text = " ".join(_words(rng, int(rng.integers(2, 5)))).upper()
    thickness = max(1, int(scale * 2.2))
    (tw, th), _ = cv2.getTextSize(text, FONT, scale, thickness)
    x = (page.shape[1] - tw) // 2
    cv2.putText(page, text, (x, int(y)), FONT, scale, INK, thickness, cv2.LINE_AA)
    return y + th + px_per_mm * 10


def _paragraph(
    page: np.ndarray, rng: np.random.Generator, y: float, left: int, right: int,
    scale: float, px_per_mm: float,
) -> float:
    thickness = max(1, int(scale * 1.6))
    line_gap = px_per_mm * 6.5
    lines = int(rng.integers(2, 7))
    for index in range(lines):
        start = left + (int(px_per_mm * 8) if index == 0 else 0)
        stop = right if index < lines - 1 else left + (right - left) * rng.uniform(0.2, 0.8)
        _text_line(page, rng, start, stop, int(y), scale, thickness)
        y += line_gap
    return y


def _text_line(
    page: np.ndarray, rng: np.random.Generator, start: int, stop: float, y: int,
    scale: float, thickness: int,
) -> None:
    x = start
    space = cv2.getTextSize(" ", FONT, scale, thickness)[0][0]
    for word in _words(rng, 40):
        width = cv2.getTextSize(word, FONT, scale, thickness)[0][0]
        if x + width > stop:
            break
        cv2.putText(page, word, (x, y), FONT, scale, INK, thickness, cv2.LINE_AA)
        x += width + space


def _table(
    page: np.ndarray, rng: np.random.Generator, y: float, left: int, right: int, px_per_mm: float
) -> float:
    rows, cols = int(rng.integers(3, 6)), int(rng.integers(2, 5))
    row_h = px_per_mm * 8
    bottom = min(page.shape[0] - px_per_mm * 30, y + rows * row_h)
    line = max(1, int(px_per_mm * 0.35))
    for r in range(rows + 1):
        yy = int(min(bottom, y + r * row_h))
        cv2.line(page, (left, yy), (right, yy), INK, line, cv2.LINE_AA)
    for c in range(cols + 1):
        xx = int(left + (right - left) * c / cols)
        cv2.line(page, (xx, int(y)), (xx, int(bottom)), INK, line, cv2.LINE_AA)
    return bottom + px_per_mm * 4


def _card(
    rng: np.random.Generator, width: int, height: int, px_per_mm: float, blank: bool
) -> np.ndarray:
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    top = np.array([rng.uniform(215, 240), rng.uniform(225, 240), rng.uniform(225, 245)])
    bottom = np.array([rng.uniform(200, 230), rng.uniform(215, 240), rng.uniform(235, 250)])
    t = (yy / height)[..., None]
    waves = (np.sin(xx / (px_per_mm * 2.0) + yy / (px_per_mm * 5.0)) * 4.0)[..., None]
    page = np.clip(top * (1 - t) + bottom * t + waves, 0, 255).astype(np.uint8)
    if blank:
        return page
    top_left = (int(width * 0.66), int(height * 0.14))
    bottom_right = (int(width * 0.93), int(height * 0.80))
    cv2.rectangle(page, top_left, bottom_right, (150, 160, 175), -1)
    scale = px_per_mm * 2.2 / 22.0
    for row in range(5):
        y = int(height * (0.22 + row * 0.14))
        _text_line(page, rng, int(width * 0.06), width * 0.6, y, scale, max(1, int(scale * 1.5)))
    return page


def _rounded_mask(width: int, height: int, radius: float) -> np.ndarray:
    mask = np.zeros((height, width), np.uint8)
    r = max(1, int(radius))
    cv2.rectangle(mask, (r, 0), (width - 1 - r, height - 1), 255, -1)
    cv2.rectangle(mask, (0, r), (width - 1, height - 1 - r), 255, -1)
    for cx, cy in ((r, r), (width - 1 - r, r), (r, height - 1 - r), (width - 1 - r, height - 1 - r)):
        cv2.circle(mask, (cx, cy), r, 255, -1, cv2.LINE_AA)
    return mask.astype(np.float32) / 255.0


def _paste_qr(page: np.ndarray, text: str, px_per_mm: float, card: bool) -> None:
    """A QR code at the top right of a page, bottom right of a card."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode)
    side_mm = 14.0 if card else 28.0
    symbol = np.asarray(code.to_image(scale=1, add_quiet_zones=True), np.uint8)
    side = int(side_mm * px_per_mm)
    symbol = cv2.resize(symbol, (side, side), interpolation=cv2.INTER_NEAREST)
    margin = int(px_per_mm * (4 if card else 15))
    x0 = page.shape[1] - margin - side
    y0 = margin if not card else page.shape[0] - margin - side
    page[y0:y0 + side, x0:x0 + side] = (symbol[..., None] * 0.9 + 15).astype(np.uint8)
