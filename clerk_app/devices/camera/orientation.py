"""Turning a page upright (0, 90, 180 or 270 degrees) from the layout of its print.

Two cues that hold for Chinese and Latin documents alike:
- text rows: the ink profile across rows alternates line/gap sharply, the profile along them
  does not, which tells horizontal from vertical text (0/180 versus 90/270);
- ragged line ends: rows start together at the left margin (a first-line indent is short) and
  end unevenly at the right (paragraph ends, left-aligned headings), so the side with the larger
  gaps between the rows' ends and the text block's edge is the right-hand side.
"""

from __future__ import annotations

import cv2
import numpy as np

from clerk_app.devices.camera.enhance import INK_LEVEL

WORK_SIDE = 800


def rotate(image: np.ndarray, degrees: int) -> np.ndarray:
    """Rotate clockwise by a multiple of 90 degrees."""
    turns = {0: None, 90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180,
             270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    code = turns[degrees % 360]
    return image if code is None else cv2.rotate(image, code)


def upright_rotation(page: np.ndarray, rows_along_long_side: bool = False) -> int:
    """Clockwise rotation (0, 90, 180, 270) that makes the page's text read upright.

    `rows_along_long_side` is for cards, which are read landscape whatever their print says.
    """
    ink = _ink(page)
    if rows_along_long_side:
        base = 0 if ink.shape[1] >= ink.shape[0] else 90
    elif ink.mean() < 0.002:
        return 0
    else:
        base = 0 if _row_contrast(ink) >= _row_contrast(ink.T) else 90
    turned = np.ascontiguousarray(np.rot90(ink, k=-1)) if base == 90 else ink
    return base if _ragged_right(turned) >= 0 else (base + 180) % 360


def _ink(page: np.ndarray) -> np.ndarray:
    gray = page if page.ndim == 2 else cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    height, width = gray.shape
    factor = max(1.0, max(height, width) / WORK_SIDE)
    small = cv2.resize(gray, (round(width / factor), round(height / factor)),
                       interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if (small < INK_LEVEL).mean() < 0.002:
        ink[:] = 0
    margin_y, margin_x = small.shape[0] // 40, small.shape[1] // 40
    ink[:margin_y], ink[-margin_y:], ink[:, :margin_x], ink[:, -margin_x:] = 0, 0, 0, 0
    return _text_only(ink).astype(np.float32)


def _text_only(ink: np.ndarray) -> np.ndarray:
    """Ink without ruled lines, frames and pictures, which say nothing about reading order."""
    height, width = ink.shape
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, max(3, width // 25)), np.uint8))
    rules |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((max(3, height // 25), 1), np.uint8))
    ink = ink & ~rules
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    big = stats[:, cv2.CC_STAT_WIDTH] * stats[:, cv2.CC_STAT_HEIGHT] > 0.01 * height * width
    big[0] = False
    ink[big[labels]] = 0
    return ink


def _row_contrast(ink: np.ndarray) -> float:
    """How sharply rows alternate between ink and gap (high for horizontal text)."""
    rows = ink.mean(axis=1)
    return float(np.abs(np.diff(rows)).sum() / (rows.sum() + 1e-6))


def _ragged_right(ink: np.ndarray) -> float:
    """Positive when the right ends of text rows are the ragged ones."""
    rows = ink.mean(axis=1)
    lines = _bands(rows > max(0.01, 0.15 * float(rows.max())))
    if len(lines) < 3:
        return 0.0
    occupied = np.array([ink[top:bottom].any(axis=0) for top, bottom in lines])
    # A vertical frame or table rule also crosses the gaps between the rows; text does not.
    first, last = lines[0][0], lines[-1][1]
    in_gap = np.ones(last - first, bool)
    for top, bottom in lines:
        in_gap[top - first:bottom - first] = False
    rule = ink[first:last][in_gap].mean(axis=0) > 0.5
    starts, ends = [], []
    for row in occupied:
        columns = np.flatnonzero(row & ~rule)
        if len(columns) > 0:
            starts.append(columns[0])
            ends.append(columns[-1])
    if len(starts) < 3:
        return 0.0
    starts_arr, ends_arr = np.array(starts), np.array(ends)
    left, right = np.percentile(starts_arr, 10), np.percentile(ends_arr, 90)
    # Count rows that stop well short of the block (paragraph ends, short headings); an indent
    # of two characters is below the threshold.
    short = 0.1 * max(1.0, right - left)
    return float(np.sum(right - ends_arr > short) - np.sum(starts_arr - left > short))


def _bands(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of each run of True."""
    padded = np.concatenate([[False], mask, [False]]).astype(np.int8)
    changes = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(changes[::2], changes[1::2], strict=True)]
