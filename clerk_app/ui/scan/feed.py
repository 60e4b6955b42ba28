"""The document camera's worker thread and what it hands to the UI.

One thread per device: `CameraFeed` owns the frame source on its own thread, which reads frames,
tracks the page and decides auto-capture. The UI never waits on it and never receives a backlog:
the newest processed frame sits in a one-place slot, and `frame_ready` is emitted only when the
UI has taken the previous one, so frames that arrive meanwhile replace each other (latest frame
wins, older ones are dropped). A capture (Space key or auto-capture) grabs a still and cleans it
on the same thread, then `page_captured` delivers the clean page.

A camera that is missing or unplugged is a state (`state_changed("missing", message)`); the
thread retries every `retry_seconds`, so replugging recovers by itself.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from clerk_app.devices.camera.detect import Detection
from clerk_app.devices.camera.enhance import Mode
from clerk_app.devices.camera.errors import CameraError
from clerk_app.devices.camera.process import CARD_DPI, DEFAULT_DPI, clean_page
from clerk_app.devices.camera.sources import FrameSource
from clerk_app.devices.camera.stabilizer import Stabilizer, Steadiness
from clerk_app.devices.camera.track import PageTracker

STATE_LIVE = "live"
STATE_MISSING = "missing"
STATE_STOPPED = "stopped"


@dataclass(frozen=True)
class LiveFrame:
    image: np.ndarray
    detection: Detection
    steadiness: Steadiness


class CameraFeed(QObject):
    frame_ready = Signal()
    state_changed = Signal(str, str)  # state, message for the clerk
    page_captured = Signal(object)  # CleanPage
    capture_failed = Signal(str)
    _relay = Signal(str, object)  # worker thread -> UI thread

    def __init__(self, source: FrameSource, parent: QObject | None = None,
                 retry_seconds: float = 1.0) -> None:
        super().__init__(parent)
        self.source = source
        self.retry_seconds = retry_seconds
        self.auto_capture = True
        self.mode: Mode = "gray"
        self.card = False
        self.dropped = 0
        self._slot: LiveFrame | None = None
        self._waiting_ui = False
        self._lock = threading.Lock()
        self._capture = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._stabilizer = Stabilizer()
        self._relay.connect(self._deliver)

    # --- UI thread ---------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="clerk-camera", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self.source.close()

    def request_capture(self) -> None:
        self._capture.set()

    def rearm(self) -> None:
        """After a retake request: the page now under the camera may auto-capture again."""
        self._stabilizer.rearm()

    def take_latest(self) -> LiveFrame | None:
        with self._lock:
            frame, self._slot, self._waiting_ui = self._slot, None, False
        return frame

    @Slot(str, object)
    def _deliver(self, kind: str, payload: object) -> None:
        if kind == "frame":
            self.frame_ready.emit()
        elif kind == "page":
            self.page_captured.emit(payload)
        elif kind == "failed":
            self.capture_failed.emit(str(payload))
        else:
            self.state_changed.emit(kind, str(payload))

    # --- camera thread -----------------------------------------------------------------------

    def _run(self) -> None:
        tracker = PageTracker()
        while not self._stop.is_set():
            try:
                self.source.open()
            except CameraError as error:
                self._relay.emit(STATE_MISSING, error.text())
                self._stop.wait(self.retry_seconds)
                continue
            self._relay.emit(STATE_LIVE, self.source.describe())
            try:
                self._stream(tracker)
            except CameraError as error:
                self._relay.emit(STATE_MISSING, error.text())
                tracker.reset()
                self._stop.wait(self.retry_seconds)
        self._relay.emit(STATE_STOPPED, "")

    def _stream(self, tracker: PageTracker) -> None:
        while not self._stop.is_set():
            frame = self.source.read()
            detection = tracker.update(frame)
            height, width = frame.shape[:2]
            steadiness = self._stabilizer.update(detection, (width, height))
            self._publish(LiveFrame(frame, detection, steadiness))
            if self._capture.is_set() or (self.auto_capture and steadiness.capture):
                self._capture.clear()
                self._shoot()

    def _publish(self, frame: LiveFrame) -> None:
        with self._lock:
            if self._slot is not None:
                self.dropped += 1
            self._slot = frame
            notify = not self._waiting_ui
            self._waiting_ui = True
        if notify:
            self._relay.emit("frame", None)

    def _shoot(self) -> None:
        try:
            still = self.source.still()
            dpi = CARD_DPI if self.card else DEFAULT_DPI
            mode: Mode = "color" if self.card else self.mode
            self._relay.emit("page", clean_page(still, mode, dpi, card=self.card))
        except CameraError as error:
            self._relay.emit("failed", error.text())
