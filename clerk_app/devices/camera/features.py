"""What every page detector looks at: the frame reduced to a small working size.

Detectors search on a frame whose long side is `WORK_SIDE` pixels (a few milliseconds per step
even on one core); corners are then refined on the full frame (`refine.py`). Colour is YCrCb
(Lab costs forty times more in OpenCV), chroma weighted so a tint step counts like a tone step.
"""

from __future__ import annotations

from functools import cached_property

import cv2
import numpy as np

WORK_SIDE = 480
CHROMA_WEIGHT = 1.6


class Features:
    """A frame prepared for detection; coordinates here are `scale` times smaller.

    `small` (BGR) and `colour` (float32 luma and weighted chroma) are made at once; the
    text-free `flat` image and its `edges` only when a detector asks (tracking does not).
    """

    def __init__(self, scale: float, small: np.ndarray) -> None:
        self.scale = scale
        self.small = small
        self.ycc = cv2.cvtColor(cv2.GaussianBlur(small, (3, 3), 0), cv2.COLOR_BGR2YCrCb)
        colour = self.ycc.astype(np.float32)
        colour[..., 1:] = (colour[..., 1:] - 128.0) * CHROMA_WEIGHT
        self.colour = colour

    @property
    def size(self) -> tuple[int, int]:
        return self.small.shape[1], self.small.shape[0]

    @cached_property
    def flat(self) -> np.ndarray:
        """YCrCb, median-smoothed so printed text disappears and outlines stay put."""
        return cv2.medianBlur(cv2.medianBlur(self.ycc, 5), 5)

    @cached_property
    def edges(self) -> np.ndarray:
        """Edges of the text-free image over luma and chroma: outlines and objects, not print."""
        luma, cr, cb = cv2.split(self.flat)
        edges = cv2.Canny(luma, 12, 36, L2gradient=True)
        chroma = cv2.Canny(cv2.addWeighted(cr, 1.5, cb, 1.5, -128), 8, 24, L2gradient=True)
        return cv2.bitwise_or(edges, chroma)


def compute(image: np.ndarray, work_side: int = WORK_SIDE) -> Features:
    height, width = image.shape[:2]
    scale = max(height, width) / work_side
    if scale <= 1.0:
        return Features(1.0, image)
    size = (round(width / scale), round(height / scale))
    if scale > 2.5:
        # INTER_AREA at a fractional ratio is slow on large frames (55 ms at 5 MP); a bilinear
        # step to twice the size, then an exact 2:1 area step, looks the same at a tenth of it.
        double = cv2.resize(image, (size[0] * 2, size[1] * 2), interpolation=cv2.INTER_LINEAR)
        small = cv2.resize(double, size, interpolation=cv2.INTER_AREA)
    else:
        small = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    return Features(width / size[0], small)
