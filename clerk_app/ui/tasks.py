"""The one way the UI does work off its thread.

A `TaskRunner` owns a single worker thread and runs jobs on it one after another, so everything
touching one resource (the local database, a device, the network) is serialized. A job's result
or error comes back to the UI thread by a queued signal; worker code never touches a widget.

    runner.run(lambda: store.save(case), on_done=self.show_receipt, on_error=self.show_error)
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


@dataclass
class _Job:
    fn: Callable[[], Any]
    on_done: Done | None
    on_error: Failed | None


class TaskRunner(QObject):
    """Runs callables on one named worker thread, in order; delivers outcomes on the UI thread."""

    _finished = Signal(object, object)  # (job, result)
    _failed = Signal(object, object)  # (job, exception)
    busy_changed = Signal(bool)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._pending = 0
        self._finished.connect(self._deliver_result)
        self._failed.connect(self._deliver_error)
        self._thread = threading.Thread(target=self._loop, name=f"clerk-{name}", daemon=True)
        self._thread.start()

    def run(self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None) -> None:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._jobs.put(_Job(fn, on_done, on_error))

    @property
    def pending(self) -> int:
        return self._pending

    def shutdown(self, timeout: float = 5.0) -> None:
        """Finish queued jobs and stop the thread (call before the application quits)."""
        self._jobs.put(None)
        self._thread.join(timeout)

    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
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
