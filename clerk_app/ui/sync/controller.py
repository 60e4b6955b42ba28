"""Runs the sync engine on its own worker thread and reports status to the UI thread.

Every sync job (a round, a retry, a sign-in, a list of problems) is queued on one `TaskRunner`
named "sync", so they never overlap and never run on the UI thread. With no back-office address
configured, or with the network down, intake goes on: the controller only reports the backlog.
Stopping (sign-out, switching clerk, closing the window) gives the back-office token back on the
same worker (`BackOfficeClient.revoke`, a short timeout, best effort): the back office ends the
session and refuses the token afterwards; offline the token is just dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from clerk_app.ui.context import Workstation
from clerk_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from clerk_app.sync.engine import SyncEngine, SyncSummary

ROUND_INTERVAL_MS = 10_000


class SyncController(QObject):
    status = Signal(bool, int, bool)  # online, backlog, draining
    needs_sign_in = Signal()
    signed_in = Signal(bool, str)  # ok, message: the answer to signing in at start
    round_done = Signal(object)  # SyncSummary
    _progress = Signal(object)  # SyncSummary, from the worker while draining

    def __init__(self, ws: Workstation, parent: QObject | None = None, interval_ms: int = ROUND_INTERVAL_MS) -> None:
        super().__init__(parent)
        self.ws = ws
        self.runner = TaskRunner("sync", self)
        self.online = False
        self.backlog = 0
        self.token: str | None = None  # a back-office token, once signed in
        self._engine: SyncEngine | None = None
        self._round_queued = False
        self._again = False  # asked for while a round was under way: run one more after it
        self._progress.connect(self._on_progress)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.sync_now)

    @property
    def configured(self) -> bool:
        return bool(self.ws.settings.backoffice.url)

    def start(self, credentials: tuple[str, str] | None = None) -> None:
        """Start the rounds; with the clerk's sign-in credentials, first try them on the back office.

        Halls usually give a clerk one account for the window and the back office: when the names
        match, the password just typed signs in to both, and is kept nowhere.
        """
        self.timer.start()
        username = self.ws.settings.backoffice.username
        if credentials is not None and self.configured and username in ("", credentials[0]):
            self.sign_in(*credentials, answer=lambda ok, message: self.signed_in.emit(ok, message))
        self.sync_now()

    def stop(self) -> None:
        """Stop the rounds and sign out of the back office (queued after any round under way)."""
        self.timer.stop()
        self.sign_out()
        self.runner.shutdown()

    def sign_out(self, on_done: Callable[[object], None] | None = None) -> None:
        """End the back-office session on the sync worker, never on the UI thread; the token is
        forgotten whether or not the back office could be told (`on_done` gets its answer or None)."""
        token, self.token = self.token, None
        self.runner.run(lambda: self._revoke(token), on_done=on_done)

    def _revoke(self, token: str | None) -> object:
        """On the worker: the engine's client gives its token back (the newest), else the one given at start."""
        if self._engine is not None:
            return self._engine.client.revoke()
        if not (token and self.configured):
            return None
        client = self._client(token)
        try:
            return client.revoke()
        finally:
            client.close()

    def sync_now(self) -> None:
        """Queue one round; asked while one is under way, one more follows it (it may have passed
        the step that would have sent what was just saved)."""
        if self._round_queued:
            self._again = True
            return
        self._round_queued, self._again = True, False
        self.runner.run(self._round, on_done=self._settled, on_error=self._failed)

    def sign_in(self, username: str, password: str, answer: Callable[[bool, str], None]) -> None:
        def job() -> Any:
            return self._get_engine().client.sign_in(username, password)

        self.runner.run(job, on_done=lambda o: (answer(o.ok, o.message), o.ok and self.sync_now()),
                        on_error=lambda e: answer(False, str(e)))

    def problems(self, on_done: Callable[[list], None]) -> None:
        self.runner.run(lambda: self._outbox().problems(), on_done=on_done)

    def retry(self, row_id: int, on_done: Callable[[object], None]) -> None:
        self.runner.run(lambda: self._outbox().retry(row_id), on_done=lambda r: (on_done(r), self._changed()))

    def _round(self) -> SyncSummary:
        from clerk_app.sync.engine import SyncSummary, backlog

        if not self.configured:
            return SyncSummary(online=False, backlog=backlog(self.ws.stores.cases.engine))
        return self._get_engine().run_once(progress=self._progress.emit)

    def _settled(self, summary: SyncSummary) -> None:
        self._round_queued = False
        if self._again and summary.online and not summary.needs_sign_in:
            self.sync_now()
        self.online, self.backlog = summary.online, summary.backlog
        self.status.emit(summary.online, summary.backlog, False)
        self.round_done.emit(summary)
        if summary.needs_sign_in:
            self.needs_sign_in.emit()
        if summary.pushed or summary.replayed or summary.pulled or summary.conflicts or summary.quarantined:
            self._changed()

    def _failed(self, _error: BaseException) -> None:
        self._round_queued = self._again = False
        self.online = False
        self.status.emit(False, self.backlog, False)

    def _on_progress(self, summary: SyncSummary) -> None:
        self.backlog = summary.backlog
        self.status.emit(True, summary.backlog, True)

    def _changed(self) -> None:
        self.ws.events.cases_changed.emit()

    def _outbox(self) -> Any:
        from clerk_app.sync.outbox import Outbox

        return Outbox(self.ws.stores.cases.engine)

    def _get_engine(self) -> SyncEngine:
        """Built on the worker at first use (imports requests and the store there, not at start-up)."""
        if self._engine is None:
            from clerk_app.sync.engine import SyncEngine

            client = self._client(self.token)
            self._engine = SyncEngine(self.ws.stores.cases, client, self.ws.stores.files)  # scans decrypted to send
        return self._engine

    def _client(self, token: str | None) -> Any:
        from clerk_app.sync.client import BackOfficeClient

        office = self.ws.settings.backoffice
        return BackOfficeClient(office.url or "http://127.0.0.1:9", token=token, **office.client_options())
