"""Perspective correction: the page outline in the photograph becomes a flat, straight page.

The output size comes from the paper the outline most resembles (A4 or A5; an ID-1 card when the
clerk is in card mode) at the requested dpi, or from the outline itself when it matches none.
A4 and A5 have the same shape: without a camera scale (`px_per_mm`) an ISO page is taken as A4.
"""

from __future__ import annotations

import cv2
import numpy as np

from clerk_app.devices.camera.quad import Quad, order_corners, side_lengths
from clerk_app.devices.camera.sizes import A4, A5, MM_PER_INCH, PaperSize

ISO_RANGE = (1.30, 1.50)  # A-series 1.414; perspective and placement blur it a little


def measured_size(quad: Quad) -> tuple[float, float]:
    """(width, height) of the outline in pixels as it lies: mean of opposite sides."""
    top, right, bottom, left = side_lengths(order_corners(quad))
    return (top + bottom) / 2.0, (left + right) / 2.0


def guess_paper(quad: Quad, px_per_mm: float | None = None) -> PaperSize | None:
    """A4 or A5 for an ISO-shaped outline, else None (kept as found).

    ID-1 cards are never guessed: a tilted A4 sheet can measure card-shaped, so card mode is
    the clerk's choice (the ID card button, `--idcard`).
    """
    width, height = measured_size(quad)
    ratio = max(width, height) / max(1.0, min(width, height))
    if not ISO_RANGE[0] <= ratio < ISO_RANGE[1]:
        return None
    if px_per_mm is not None and max(width, height) / px_per_mm < 250:
        return A5
    return A4


def output_size(quad: Quad, dpi: float, paper: PaperSize | None, px_per_mm: float | None) -> (
    tuple[int, int]
):
    """Output (width, height) in pixels, keeping the page's lie (landscape stays landscape)."""
    width, height = measured_size(quad)
    if paper is not None:
        long_px, short_px = (max(paper.pixels(dpi)), min(paper.pixels(dpi)))
    else:
        scale = dpi / MM_PER_INCH / px_per_mm if px_per_mm else 1.0
        long_px = round(max(width, height) * scale)
        short_px = round(min(width, height) * scale)
    return (long_px, short_px) if width >= height else (short_px, long_px)


def warp(image: np.ndarray, quad: Quad, size: tuple[int, int]) -> np.ndarray:
    """The outline's content mapped onto a `size` (width, height) rectangle."""
    width, height = size
    src = order_corners(quad).astype(np.float32)
    dst = np.array([[-0.5, -0.5], [width - 0.5, -0.5], [width - 0.5, height - 0.5],
                    [-0.5, height - 0.5]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(image, matrix, (width, height), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)
