"""The supervisor screen's link to the back office: every request on one worker, answers by signal.

One `TaskRunner` named "review" carries sign-in, queue loads, case loads, claims and decisions in
order, so a decision never overtakes the claim before it. Failures come back as words for the
status bar; a 401 asks for the password again (`needs_sign_in`). Closing the screen gives the
back-office token back on that worker (short timeout, best effort): its session ends there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from clerk_app.ui.context import Workstation
from clerk_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from clerk_app.store.vault import FileVault
    from clerk_app.sync.client import BackOfficeClient
    from clerk_app.sync.review import QueuePage, ReviewClient

REFRESH_MS = 60_000


class ReviewController(QObject):
    signed_in = Signal(bool, str)  # ok, message
    queue_loaded = Signal(object)  # QueuePage
    queue_progress = Signal(int, int)  # loaded, total
    case_loaded = Signal(object)  # CaseFile
    acted = Signal(str, object)  # case id, the answer of claim/release/decision
    failed = Signal(str)  # words for the supervisor
    needs_sign_in = Signal()

    def __init__(self, ws: Workstation, parent: QObject | None = None, refresh_ms: int = REFRESH_MS) -> None:
        super().__init__(parent)
        self.ws = ws
        self.runner = TaskRunner("review", self)
        self.departments: list[str] = []
        self.department: str | None = None  # None: all of one's departments
        self._client: ReviewClient | None = None
        self.revealed: set[str] = set()  # cases shown in full: reloaded in full (each load audited there)
        self._loading = False
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh)

    @property
    def configured(self) -> bool:
        return bool(self.ws.settings.backoffice.url)

    def stop(self) -> None:
        """Stop refreshing and sign out of the back office (after the requests already queued)."""
        self.timer.stop()
        self.runner.run(self._revoke)
        self.runner.shutdown()

    def _revoke(self) -> object:
        return self._client.client.revoke() if self._client is not None else None

    def sign_in(self, username: str, password: str) -> None:
        def job() -> Any:
            return self.backoffice_client().sign_in(username, password)

        self.runner.run(job, on_done=self._signed_in, on_error=lambda e: self.signed_in.emit(False, str(e)))

    def _signed_in(self, outcome: Any) -> None:
        if outcome.ok:
            self.departments = [str(d) for d in outcome.body.get("departments") or []]
            self.timer.start()
            self.refresh()
        self.signed_in.emit(outcome.ok, "" if outcome.ok else outcome.message)

    def refresh(self) -> None:
        """Reload the queue unless a load is under way."""
        if self._loading or not self.configured:
            return
        self._loading = True
        department = self.department

        def job() -> QueuePage:
            return self.review_client().queue(department, progress=self.queue_progress.emit)

        self.runner.run(job, on_done=self._queue_done, on_error=self._queue_failed)

    def _queue_done(self, page: QueuePage) -> None:
        self._loading = False
        self.queue_loaded.emit(page)

    def _queue_failed(self, error: BaseException) -> None:
        self._loading = False
        self._report(error)

    def open_case(self, case_id: str) -> None:
        full = case_id in self.revealed
        self._call(lambda review: review.case(case_id, full=full), self.case_loaded.emit)

    def open_full_case(self, case_id: str) -> None:
        """显示完整信息: the case unmasked from the back office, which audits the request."""

        def done(case: Any) -> None:
            self.revealed.add(case_id)
            self.case_loaded.emit(case)

        self._call(lambda review: review.case(case_id, full=True), done)

    def claim(self, case_id: str) -> None:
        self._act(case_id, lambda review: review.claim(case_id))

    def release(self, case_id: str) -> None:
        self._act(case_id, lambda review: review.release(case_id))

    def decide(self, case_id: str, kind: str, reason: str = "", corrections: list[str] | None = None) -> None:
        self._act(case_id, lambda review: review.decide(case_id, kind, reason, corrections))

    def scan_pages(self, sha256: str, cache: Callable[[], FileVault], dpi: float,
                   on_done: Callable[[list], None]) -> None:
        """A scanned file's pages as images, downloaded once (checked by hash) and rendered on the worker.

        The download is kept in `cache()`, the data folder's vault for downloads: sealed with the
        folder's key like the workstation's own scans; pages are rendered from memory.
        """

        def job(review: ReviewClient) -> list:
            from clerk_app.ui.printing import page_images

            vault = cache()
            if vault.exists(sha256):
                data = vault.get(sha256)
            else:
                data = review.file(sha256)
                vault.put(data)
            return list(page_images([data], dpi))

        self._call(job, on_done)

    def _act(self, case_id: str, fn: Callable[[ReviewClient], Any]) -> None:
        def done(answer: Any) -> None:
            self.acted.emit(case_id, answer)
            self.open_case(case_id)
            self.refresh()

        self._call(fn, done)

    def _call(self, fn: Callable[[ReviewClient], Any], on_done: Callable[[Any], None]) -> None:
        self.runner.run(lambda: fn(self.review_client()), on_done=on_done, on_error=self._report)

    def _report(self, error: BaseException) -> None:
        if getattr(error, "needs_sign_in", False):
            self.needs_sign_in.emit()
        self.failed.emit(str(error))

    def backoffice_client(self) -> BackOfficeClient:
        """The signed-in back-office client the review uses, for the screen's other parts (follow-ups,
        statistics); call it only in a job on `runner`, like `review_client`."""
        return self.review_client().client

    def review_client(self) -> ReviewClient:
        """Built on the worker at first use (requests is imported there, not at start-up); call it only
        in a job on `runner`."""
        if self._client is None:
            from clerk_app.sync.client import BackOfficeClient
            from clerk_app.sync.review import ReviewClient

            office = self.ws.settings.backoffice
            self._client = ReviewClient(BackOfficeClient(office.url or "http://127.0.0.1:9", **office.client_options()))
        return self._client

