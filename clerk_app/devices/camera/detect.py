"""Page detection: candidates from three detectors, one confidence, sub-pixel corners.

Contours, Hough lines and colour segmentation each propose quadrilaterals on a small copy of the
frame; `score.py` ranks them all by the same measure; the best one, if confident enough, is
refined on the full frame. The answer is the page outline in frame pixels, in the project's
corner order, or no page.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clerk_app.devices.camera import detect_color, detect_contour, detect_lines, features, refine
from clerk_app.devices.camera.images import check_image
from clerk_app.devices.camera.quad import (
    Quad,
    angles_many,
    area_many,
    order_corners,
    order_many,
)
from clerk_app.devices.camera.score import score

DETECTORS = {
    "contour": detect_contour.candidates,
    "lines": detect_lines.candidates,
    "color": detect_color.candidates,
}
MIN_CONFIDENCE = 0.3
SNAP_CANDIDATES = 6
SNAP_REACH = 5.0


@dataclass(frozen=True)
class Detection:
    """A page outline in frame pixels (or None) with a confidence in [0, 1]."""

    corners: Quad | None
    confidence: float
    method: str = ""

    @property
    def found(self) -> bool:
        return self.corners is not None

    def as_json(self) -> dict[str, object]:
        if self.corners is None:
            return {"corners": None, "confidence": 0.0}
        corners = [[round(float(x), 1), round(float(y), 1)] for x, y in self.corners]
        return {"corners": corners, "confidence": round(self.confidence, 3)}


NO_PAGE = Detection(None, 0.0)


class PageDetector:
    """Finds the page in a frame. Stateless between frames; `stabilizer.py` adds memory."""

    def __init__(
        self,
        work_side: int = features.WORK_SIDE,
        min_confidence: float = MIN_CONFIDENCE,
        snap: int = SNAP_CANDIDATES,
        passes: int = 2,
    ) -> None:
        self.work_side = work_side
        self.min_confidence = min_confidence
        self.snap = snap
        self.passes = passes

    @classmethod
    def for_preview(cls) -> PageDetector:
        """Lighter settings for live frames: fewer candidates polished, one refinement pass."""
        return cls(snap=3, passes=1)

    def detect(self, image: np.ndarray) -> Detection:
        image = check_image(image)
        feats = features.compute(image, self.work_side)
        quads, methods = propose(feats)
        if not quads:
            return NO_PAGE
        quads, methods, confidence = _snap_best(feats, quads, methods, self.snap)
        best = int(np.argmax(confidence))
        if confidence[best] < self.min_confidence:
            return NO_PAGE
        corners = self.to_frame(image, feats, quads[best])
        return Detection(corners, float(confidence[best]), methods[best])

    def to_frame(self, image: np.ndarray, feats: features.Features, quad: Quad) -> Quad:
        """Small-image corners scaled to the frame and refined there."""
        corners = quad * feats.scale
        reach = max(4.0, 2.0 * feats.scale + 2.0)
        for _ in range(self.passes):
            corners = refine.refine(image, corners, reach)
            reach = 3.0
        return order_corners(corners)


def propose(feats: features.Features) -> tuple[list[Quad], list[str]]:
    """Every detector's candidates, plausible shapes only, near-duplicates merged."""
    quads: list[Quad] = []
    methods: list[str] = []
    for name, detector in DETECTORS.items():
        found = detector(feats)
        quads += found
        methods += [name] * len(found)
    if not quads:
        return [], []
    stack = order_many(np.stack(quads))
    width, height = feats.size
    fraction = area_many(stack) / (width * height)
    angles = angles_many(stack)
    plausible = np.all((angles > 45) & (angles < 135), axis=1) & (fraction > 0.02)
    plausible &= fraction < 0.97
    _, first = np.unique(np.rint(stack / 3.0).reshape(len(stack), -1), axis=0, return_index=True)
    unique = np.zeros(len(stack), bool)
    unique[first] = True
    keep = np.flatnonzero(plausible & unique)
    return [stack[i] for i in keep], [methods[i] for i in keep]


def _snap_best(
    feats: features.Features, quads: list[Quad], methods: list[str], count: int
) -> tuple[list[Quad], list[str], np.ndarray]:
    """The best-scored candidates moved onto nearby edges (a few pixels), then all re-scored."""
    confidence = score(feats, quads)
    ranked = np.argsort(confidence)[::-1]
    top = list(ranked[:count])
    for name in DETECTORS:  # each detector's best two too, so one detector cannot crowd out
        top += [i for i in ranked if methods[i] == name][:2]
    top = list(dict.fromkeys(top))
    snapped = [order_corners(refine.refine(feats.small, quads[i], SNAP_REACH)) for i in top]
    quads = quads + snapped
    methods = methods + [methods[i] for i in top]
    return quads, methods, np.concatenate([confidence, score(feats, snapped)])


def detect_page(image: np.ndarray) -> Detection:
    return PageDetector().detect(image)
