"""The one way the UI does work off its thread.

A `TaskRunner` owns a single worker thread and runs jobs on it one after another, so everything
touching one resource (the local database, a device, the network) is serialized. A job's result
or error comes back to the UI thread by a queued signal; worker code never touches a widget.

    runner.run(lambda: store.save(case), on_done=self.show_receipt, on_error=self.show_error)
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Job:
    __slots__ = ("fn", "on_done", "on_error")

    def __init__(self, fn: Callable[[], Any], on_done: Done | None, on_error: Failed | None) -> None:
        self.fn, self.on_done, self.on_error = fn, on_done, on_error


class TaskRunner(QObject):
    """Runs callables on one named worker thread, in order; delivers outcomes on the UI thread."""

    _finished = Signal(object, object)  # (job, result)
    _failed = Signal(object, object)  # (job, exception)
    busy_changed = Signal(bool)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._jobs: deque[_Job | None] = deque()  # a deque and a count, not `queue`: one import less at start-up
        self._queued = threading.Semaphore(0)
        self._pending = 0
        self._finished.connect(self._deliver_result)
        self._failed.connect(self._deliver_error)
        self._thread: threading.Thread | None = None  # started by the first job, not at start-up
        self._stopped = False

    def run(self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None) -> None:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._put(_Job(fn, on_done, on_error))
        if self._thread is None and not self._stopped:
            self._thread = threading.Thread(target=self._loop, name=f"clerk-{self.name}", daemon=True)
            self._thread.start()

    @property
    def pending(self) -> int:
        return self._pending

    def shutdown(self, timeout: float = 5.0) -> None:
        """Finish queued jobs and stop the thread (call before the application quits)."""
        self._stopped = True
        self._put(None)
        if self._thread is not None:
            self._thread.join(timeout)

    def _put(self, job: _Job | None) -> None:
        self._jobs.append(job)
        self._queued.release()

    def _loop(self) -> None:
        while True:
            self._queued.acquire()
            job = self._jobs.popleft()
            if job is None:
                return
            try:
                result = job.fn()
            except Exception as exc:  # handed to the UI thread, which reports it
                log.warning("task on %s failed: %s", self.name, exc, exc_info=True)
                self._failed.emit(job, exc)
            else:
                self._finished.emit(job, result)

    def _settle(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)

    @Slot(object, object)
    def _deliver_result(self, job: _Job, result: Any) -> None:
        self._settle()
        if job.on_done is not None:
            job.on_done(result)

    @Slot(object, object)
    def _deliver_error(self, job: _Job, error: BaseException) -> None:
        self._settle()
        if job.on_error is not None:
            job.on_error(error)
