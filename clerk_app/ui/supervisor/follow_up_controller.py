"""The follow-up panel's link to the back office, on the supervisor screen's "review" runner.

Every request goes on the same `TaskRunner` as the queue and the decisions (`ReviewController`),
with the same signed-in client, so a step never overtakes the load before it and nothing touches
the network on the UI thread. Answers come back by signal; failures as words for the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from clerk_app.ui.supervisor.controller import ReviewController

if TYPE_CHECKING:
    from clerk_app.sync.follow_ups import FollowUpClient


class FollowUpController(QObject):
    loaded = Signal(object)  # list[FollowUpItem]
    opened = Signal(object)  # FollowUpFile
    acted = Signal(object)  # FollowUpFile after a step
    failed = Signal(str)

    def __init__(self, review: ReviewController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self._client: FollowUpClient | None = None
        self._loading = False
        self._stale = False  # asked to refresh while a load was under way: load again after it

    def refresh(self) -> None:
        """Reload the list; while a load is under way, once more after it (it may predate a change)."""
        if not self.review.configured:
            return
        if self._loading:
            self._stale = True
            return
        self._loading = True
        self.review.runner.run(lambda: self._follow_ups().listed(), on_done=self._loaded, on_error=self._load_failed)

    def _loaded(self, items: list[Any]) -> None:
        self._settled()
        self.loaded.emit(items)

    def _load_failed(self, error: BaseException) -> None:
        self._settled()
        self._report(error)

    def _settled(self) -> None:
        self._loading = False
        if self._stale:
            self._stale = False
            self.refresh()

    def open(self, follow_up_id: int) -> None:
        self._call(lambda client: client.get(follow_up_id), self.opened.emit)

    def call(self, follow_up_id: int, reached: bool, note: str) -> None:
        self._act(lambda client: client.call(follow_up_id, reached, note))

    def correct(self, follow_up_id: int, measures: str) -> None:
        self._act(lambda client: client.correct(follow_up_id, measures))

    def close(self, follow_up_id: int, note: str = "") -> None:
        self._act(lambda client: client.close(follow_up_id, note))

    def _act(self, fn: Callable[[FollowUpClient], Any]) -> None:
        def done(answer: Any) -> None:
            self.acted.emit(answer)
            self.opened.emit(answer)
            self.refresh()

        self._call(fn, done)

    def _call(self, fn: Callable[[FollowUpClient], Any], on_done: Callable[[Any], None]) -> None:
        self.review.runner.run(lambda: fn(self._follow_ups()), on_done=on_done, on_error=self._report)

    def _report(self, error: BaseException) -> None:
        if getattr(error, "needs_sign_in", False):
            self.review.needs_sign_in.emit()
        self.failed.emit(str(error))

    def _follow_ups(self) -> FollowUpClient:
        """Built on the worker at first use, around the review's signed-in client."""
        if self._client is None:
            from clerk_app.sync.follow_ups import FollowUpClient

            self._client = FollowUpClient(self.review.backoffice_client())
        return self._client
