"""From per-frame detections to a steady outline and the moment to auto-capture.

The outline drawn over the preview is smoothed so it does not jitter. The page counts as still
when no corner has moved more than `tolerance` (a share of the frame diagonal) for `still_frames`
frames in a row. Auto-capture fires once per page: it re-arms only after the page has gone, or
moved by more than `rearm_move` of the diagonal (the next page laid on the pad).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clerk_app.devices.camera.detect import Detection
from clerk_app.devices.camera.quad import Quad


@dataclass(frozen=True)
class Steadiness:
    corners: Quad | None
    still_for: int
    steady: bool
    capture: bool


class Stabilizer:
    def __init__(
        self,
        still_frames: int = 8,
        tolerance: float = 0.006,
        min_confidence: float = 0.5,
        rearm_move: float = 0.05,
        lost_frames: int = 3,
    ) -> None:
        self.still_frames = still_frames
        self.tolerance = tolerance
        self.min_confidence = min_confidence
        self.rearm_move = rearm_move
        self.lost_frames = lost_frames
        self._smooth: Quad | None = None
        self._still = 0
        self._missing = 0
        self._armed = True
        self._captured_at: Quad | None = None

    def rearm(self) -> None:
        """Allow another auto-capture of the page now under the camera (e.g. retake)."""
        self._armed = True
        self._captured_at = None

    def update(self, detection: Detection, frame_size: tuple[int, int]) -> Steadiness:
        diagonal = float(np.hypot(*frame_size))
        if detection.corners is None or detection.confidence < self.min_confidence:
            return self._lost()
        self._missing = 0
        corners = detection.corners
        move = np.inf if self._smooth is None else _max_move(self._smooth, corners)
        if move <= self.tolerance * diagonal:
            self._still += 1
            self._smooth = 0.6 * self._smooth + 0.4 * corners
        else:
            self._still = 0
            self._smooth = corners.copy()
        if self._captured_at is not None and _max_move(self._captured_at, corners) > (
            self.rearm_move * diagonal
        ):
            self._armed = True
        steady = self._still >= self.still_frames
        capture = steady and self._armed
        if capture:
            self._armed = False
            self._captured_at = self._smooth.copy()
        return Steadiness(self._smooth.copy(), self._still, steady, capture)

    def _lost(self) -> Steadiness:
        self._missing += 1
        self._still = 0
        if self._missing >= self.lost_frames:
            self._smooth = None
            self._armed = True
            self._captured_at = None
        return Steadiness(None, 0, False, False)


def _max_move(a: Quad, b: Quad) -> float:
    return float(np.linalg.norm(a - b, axis=1).max())
