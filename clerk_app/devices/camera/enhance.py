"""Making a straightened page clean: white paper, no shadow, sharp ink; colour modes; blanks.

The paper's brightness is estimated everywhere by a closing (max filter) on a reduced copy, which
removes the print and keeps the light falloff and shadows; dividing by it makes the paper white
and evens the light. Then the page is rendered in colour, grey or black-and-white.
"""

from __future__ import annotations

from typing import Literal

import cv2
import numpy as np

Mode = Literal["color", "gray", "bw"]
MODES: tuple[Mode, ...] = ("color", "gray", "bw")
INK_LEVEL = 150  # after whitening, darker than this is ink
BLANK_INK_SHARE = 0.0008


def whiten(page: np.ndarray) -> np.ndarray:
    """Paper to white, shadows and uneven light removed; works on BGR or grey."""
    ratio = cv2.divide(page, _background(page), scale=RATIO_SCALE)
    return cv2.LUT(ratio, LEVELS)


def _levels() -> np.ndarray:
    """Tone curve over page/paper ratios: paper (ratio near 1) to white, ink to solid dark."""
    ratio = np.arange(256, dtype=np.float64) / RATIO_SCALE
    levels = np.clip((ratio - 0.25) / 0.62, 0.0, 1.0)
    return (np.power(levels, 1.3) * 255.0).round().astype(np.uint8)


RATIO_SCALE = 200.0  # a ratio of 1.0 (paper) is stored as 200, leaving room for brighter spots
LEVELS = _levels()


def _background(page: np.ndarray) -> np.ndarray:
    """The paper's brightness everywhere: print closed over on a reduced copy, then smoothed."""
    height, width = page.shape[:2]
    factor = max(1, round(max(height, width) / 400))
    small = cv2.resize(page, (width // factor, height // factor), interpolation=cv2.INTER_AREA)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9))
    paper = cv2.dilate(small, kernel)
    paper = cv2.medianBlur(paper, 5)
    paper = cv2.GaussianBlur(paper, (0, 0), 3.0)
    paper = np.maximum(paper, 1)
    return cv2.resize(paper, (width, height), interpolation=cv2.INTER_LINEAR)


def stretch(page: np.ndarray) -> np.ndarray:
    """Levels: the darkest 0.5 % to black, the brightest 2 % to white, colours kept."""
    gray = page if page.ndim == 2 else cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    low, high = np.percentile(gray[::4, ::4], (0.5, 98.0))
    if high - low < 10:
        return page
    scale = 255.0 / (high - low)
    return cv2.convertScaleAbs(page, alpha=scale, beta=-low * scale)


def clear_border(page: np.ndarray, width: int) -> np.ndarray:
    """Paint a thin white frame: the edge of a cut-out page carries a line of desk."""
    if width > 0:
        page[:width], page[-width:], page[:, :width], page[:, -width:] = 255, 255, 255, 255
    return page


def render(page: np.ndarray, mode: Mode) -> np.ndarray:
    """A whitened page in the chosen mode: BGR for colour, one channel for grey and bw."""
    if mode == "color":
        return page if page.ndim == 3 else cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    gray = page if page.ndim == 2 else cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    if mode == "gray":
        return gray
    if mode == "bw":
        _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        if is_blank(gray):
            bw[:] = 255
        return bw
    raise ValueError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")


def is_blank(page: np.ndarray) -> bool:
    """No print: after whitening, almost no ink inside the margins."""
    gray = page if page.ndim == 2 else cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    height, width = gray.shape
    inner = gray[height // 20: height - height // 20, width // 20: width - width // 20]
    ink = (inner < INK_LEVEL).astype(np.uint8)
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    return float(ink.mean()) < BLANK_INK_SHARE


def deskew_angle(gray: np.ndarray, limit: float = 4.0, step: float = 0.25) -> float:
    """Angle (degrees, counter-clockwise) that makes text rows horizontal; 0 when unsure."""
    height, width = gray.shape
    factor = max(1.0, max(height, width) / 600)
    small = cv2.resize(gray, (round(width / factor), round(height / factor)),
                       interpolation=cv2.INTER_AREA)
    ink = (small < INK_LEVEL).astype(np.float32)
    if ink.mean() < 0.002:
        return 0.0
    centre = (small.shape[1] / 2, small.shape[0] / 2)
    best, best_score = 0.0, -1.0
    for angle in np.arange(-limit, limit + step / 2, step):
        matrix = cv2.getRotationMatrix2D(centre, float(angle), 1.0)
        turned = cv2.warpAffine(ink, matrix, (small.shape[1], small.shape[0]))
        rows = turned.sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = float(angle), score
    return best if abs(best) >= 0.3 else 0.0


def rotate_small(image: np.ndarray, angle: float) -> np.ndarray:
    """Rotate by a small angle (degrees, counter-clockwise) about the centre, edges as paper."""
    if angle == 0.0:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)
