"""The dashboard's link to the back office: `GET /statistics` on the supervisor screen's "review" runner.

The request goes on the same worker and with the same signed-in client as the queue and the
decisions (`ReviewController`), so nothing touches the network on the UI thread. The answer is
read by `core.bulletin_codec` (every field checked) and handed back by signal; a failure comes back
as words, and a 401 asks for the password again like any other request of the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from clerk_app.core.bulletin import Period
from clerk_app.core.bulletin_codec import BulletinFormatError, BulletinReport, report_from_dict
from clerk_app.ui.supervisor.controller import ReviewController

if TYPE_CHECKING:
    from clerk_app.sync.client import BackOfficeClient


def fetch_report(client: BackOfficeClient, period: Period) -> BulletinReport:
    """The figures of `period` as the signed-in account may see them (raises ReviewError)."""
    from clerk_app.sync.review import ReviewError

    outcome = client.request("GET", "/statistics", params={"from": period.start.isoformat(),
                                                           "to": period.end.isoformat()})
    if not outcome.ok:
        raise ReviewError(outcome.message, outcome)
    try:
        return report_from_dict(outcome.body)
    except BulletinFormatError as error:
        raise ReviewError(f"后台返回的统计数据格式不对：{error}") from None


class StatisticsLoader(QObject):
    loaded = Signal(object)  # BulletinReport
    failed = Signal(str)

    def __init__(self, review: ReviewController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self.loading = False

    @property
    def configured(self) -> bool:
        return self.review.configured

    def load(self, period: Period) -> None:
        if not self.review.configured:
            self.failed.emit(self.tr("未配置后台地址（[backoffice] url），无法载入统计"))
            return
        self.loading = True
        review = self.review
        # the review's own signed-in client (built on the worker at first use), as the follow-ups do
        self.review.runner.run(lambda: fetch_report(review.backoffice_client(), period),
                               on_done=self._done, on_error=self._failed)

    def _done(self, report: BulletinReport) -> None:
        self.loading = False
        self.loaded.emit(report)

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        if getattr(error, "needs_sign_in", False):
            self.review.needs_sign_in.emit()
        self.failed.emit(str(error))
