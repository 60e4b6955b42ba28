"""Where frames come from: a UVC document camera, or files standing in for one.

`CameraSource` drives a UVC camera through OpenCV: MJPEG at a preview resolution for the live
view, a switch to the still resolution for a capture. `FileSource` plays images, an image
sequence pattern (`frame_%03d.png`) or a video, for tests and demos. Both raise
`CameraUnavailable` when there is nothing to read, so the UI can show the state and retry.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

from clerk_app.devices.camera.errors import CameraError, CameraUnavailable
from clerk_app.devices.camera.images import load_image

PREVIEW_SIZE = (1920, 1080)
STILL_SIZE = (2592, 1944)
VIDEO_SUFFIXES = {".mp4", ".avi", ".mkv", ".mov", ".webm"}


class FrameSource(Protocol):
    def open(self) -> None: ...
    def read(self) -> np.ndarray: ...
    def still(self) -> np.ndarray: ...
    def close(self) -> None: ...
    def describe(self) -> str: ...


@dataclass(frozen=True)
class CameraInfo:
    index: int
    width: int
    height: int


def list_cameras(max_index: int = 6) -> list[CameraInfo]:
    """Cameras that open, by index (OpenCV cannot list names portably)."""
    found = []
    for index in range(max_index):
        capture = cv2.VideoCapture(index)
        if capture.isOpened():
            width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH))
            height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
            found.append(CameraInfo(index, width, height))
        capture.release()
    return found


class CameraSource:
    """A UVC camera: MJPEG preview frames, full-resolution stills on request."""

    def __init__(
        self,
        index: int = 0,
        preview_size: tuple[int, int] = PREVIEW_SIZE,
        still_size: tuple[int, int] = STILL_SIZE,
    ) -> None:
        self.index = index
        self.preview_size = preview_size
        self.still_size = still_size
        self._capture: cv2.VideoCapture | None = None

    def describe(self) -> str:
        return f"高拍仪 {self.index}"

    def open(self) -> None:
        self.close()
        capture = cv2.VideoCapture(self.index)
        if not capture.isOpened():
            capture.release()
            raise CameraUnavailable("camera.missing", index=self.index)
        capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        self._capture = capture
        self._resize(self.preview_size)

    def read(self) -> np.ndarray:
        if self._capture is None:
            raise CameraUnavailable("camera.missing", index=self.index)
        ok, frame = self._capture.read()
        if not ok or frame is None:
            self.close()
            raise CameraUnavailable("camera.lost", index=self.index)
        return frame

    def still(self) -> np.ndarray:
        """One frame at the still resolution; the preview resolution is restored after."""
        self._resize(self.still_size)
        try:
            self.read()  # the first frame after a mode switch is often stale or dark
            return self.read()
        finally:
            if self._capture is not None:
                self._resize(self.preview_size)

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None

    def _resize(self, size: tuple[int, int]) -> None:
        if self._capture is not None:
            self._capture.set(cv2.CAP_PROP_FRAME_WIDTH, size[0])
            self._capture.set(cv2.CAP_PROP_FRAME_HEIGHT, size[1])


class FileSource:
    """Images, an image sequence or a video played like a camera, optionally looping and paced."""

    def __init__(self, paths: Sequence[str | Path] | str | Path, fps: float = 0.0,
                 loop: bool = True) -> None:
        self.paths = [Path(p) for p in ([paths] if isinstance(paths, str | Path) else paths)]
        self.fps = fps
        self.loop = loop
        self._frames: list[np.ndarray] = []
        self._video: cv2.VideoCapture | None = None
        self._position = 0
        self._last: np.ndarray | None = None
        self._next_time = 0.0

    def describe(self) -> str:
        return ", ".join(p.name for p in self.paths[:3]) + ("…" if len(self.paths) > 3 else "")

    def open(self) -> None:
        self.close()
        first = self.paths[0] if self.paths else None
        if first is not None and len(self.paths) == 1 and (
            "%" in first.name or first.suffix.lower() in VIDEO_SUFFIXES
        ):
            self._video = cv2.VideoCapture(str(first))
            if not self._video.isOpened():
                raise CameraUnavailable("source.empty", index=str(first), what=str(first))
        else:
            self._frames = [load_image(path) for path in self.paths]
            if not self._frames:
                raise CameraError("source.empty", what="（无文件）")
        self._position = 0

    def read(self) -> np.ndarray:
        self._pace()
        frame = self._next_frame()
        if frame is None:
            raise CameraUnavailable("source.empty", index=self.describe(), what=self.describe())
        self._last = frame
        return frame

    def still(self) -> np.ndarray:
        return self._last if self._last is not None else self.read()

    def close(self) -> None:
        if self._video is not None:
            self._video.release()
            self._video = None
        self._frames = []

    def _next_frame(self) -> np.ndarray | None:
        if self._video is not None:
            ok, frame = self._video.read()
            if not ok and self.loop:
                self._video.set(cv2.CAP_PROP_POS_FRAMES, 0)
                ok, frame = self._video.read()
            return frame if ok else None
        if self._position >= len(self._frames):
            if not self.loop or not self._frames:
                return None
            self._position = 0
        frame = self._frames[self._position]
        self._position += 1
        return frame

    def _pace(self) -> None:
        if self.fps <= 0:
            return
        now = time.monotonic()
        if now < self._next_time:
            time.sleep(self._next_time - now)
        self._next_time = max(now, self._next_time) + 1.0 / self.fps
