"""Page detection across live frames: follow the page found before, search only when lost.

Under a document camera the page mostly lies still. Re-measuring last frame's outline on the new
frame (snap to nearby edges, score) costs a fraction of a full search, so the tracker does that
and falls back to the full search when the outline no longer scores well, and every
`RESEARCH_EVERY` frames in case a better outline appeared (a second page laid on top).
"""

from __future__ import annotations

import numpy as np

from clerk_app.devices.camera import features, refine
from clerk_app.devices.camera.detect import NO_PAGE, SNAP_REACH, Detection, PageDetector
from clerk_app.devices.camera.images import check_image
from clerk_app.devices.camera.quad import order_corners
from clerk_app.devices.camera.score import score

KEEP_CONFIDENCE = 0.5
RESEARCH_EVERY = 15


class PageTracker:
    def __init__(self, detector: PageDetector | None = None) -> None:
        self.detector = detector or PageDetector(passes=1)
        self._last: Detection = NO_PAGE
        self._since_search = 0
        self.searches = 0

    def reset(self) -> None:
        self._last = NO_PAGE

    def update(self, frame: np.ndarray) -> Detection:
        frame = check_image(frame)
        followed = self._follow(frame) if self._since_search < RESEARCH_EVERY else None
        if followed is None:
            followed = self.detector.detect(frame)
            self._since_search = 0
            self.searches += 1
        else:
            self._since_search += 1
        self._last = followed
        return followed

    def _follow(self, frame: np.ndarray) -> Detection | None:
        last = self._last
        if last.corners is None:
            return None
        feats = features.compute(frame, self.detector.work_side)
        quad = order_corners(refine.refine(feats.small, last.corners / feats.scale, SNAP_REACH))
        confidence = float(score(feats, [quad])[0])
        if confidence < max(KEEP_CONFIDENCE, 0.8 * last.confidence):
            return None
        corners = self.detector.to_frame(frame, feats, quad)
        return Detection(corners, confidence, "track")
