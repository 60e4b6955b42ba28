"""One sync round (push the due outbox rows and case events, then pull decisions) and the loop that repeats it.

The backlog a round reports (`backlog`) counts both what is still to push: case revisions in the
outbox and case events (hand-out, evaluation, 补交), so "all synced" means nothing waits.

`run_once()` is blocking and safe to interrupt anywhere, even by SIGKILL: every state it leaves
behind is either before or after a committed local transaction, and every request it repeats is
idempotent on the back office. The loop waits with exponential backoff and jitter while offline.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine

from clerk_app.core.case import CaseState
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import write
from clerk_app.store.schema import OutboxState
from clerk_app.store.vault import FileVault
from clerk_app.sync.audit_head import witness_head
from clerk_app.sync.backoff import Backoff
from clerk_app.sync.client import BackOfficeClient, OutcomeKind
from clerk_app.sync.events_push import EventPusher, pending_events
from clerk_app.sync.outbox import Outbox, OutboxItem
from clerk_app.sync.pull import SENT_STATES, pull
from clerk_app.sync.push import PushAnswer, Pusher, PushResult

SYNC_ACTOR = "sync"
AHEAD = 1  # chunks sent ahead of the one whose answers are being recorded


@dataclass
class SyncSummary:
    pushed: int = 0
    replayed: int = 0
    conflicts: int = 0
    quarantined: int = 0
    pulled: int = 0
    backlog: int = 0  # case revisions and case events still to push
    online: bool = True
    needs_sign_in: bool = False
    uploaded_bytes: int = 0
    errors: list[str] = field(default_factory=list)
    events_sent: int = 0  # hand-out, evaluation and supply events the back office holds now (replays included)
    event_problems: int = 0  # events it refused (409/422): set aside for a person


Progress = Callable[[SyncSummary], None]


class SyncEngine:
    def __init__(self, store: CaseStore, client: BackOfficeClient, files_dir: Path | FileVault, *,
                 backoff: Backoff | None = None, clock: Callable[[], datetime] | None = None,
                 batch: int = 100, concurrency: int = 8, case_batch: int = 100, file_batch: int = 16) -> None:
        self.store = store
        self.client = client
        self.files_dir = files_dir
        self.backoff = backoff or Backoff()
        self.outbox = Outbox(store.engine, clock)
        self.batch = batch
        self.concurrency = concurrency
        # Revisions per POST /submissions and files per POST /files; 1 sends one PUT each.
        self.case_batch = case_batch
        self.file_batch = file_batch
        self._clock = clock or (lambda: datetime.now().astimezone())

    def run_once(self, progress: Progress | None = None) -> SyncSummary:
        """Push every due row, then pull; stops early when offline or signed out."""
        summary = SyncSummary()
        self._push_all(summary, progress)
        if summary.online and not summary.needs_sign_in:
            self._push_events(summary)
        if summary.online and not summary.needs_sign_in:
            self._pull(summary)
        if summary.online and not summary.needs_sign_in:
            witness_head(self.client, self.store.engine)  # keep the server's signed audit head
        summary.backlog = backlog(self.store.engine)
        return summary

    def run_forever(self, stop: threading.Event, idle: float = 5.0, progress: Progress | None = None) -> None:
        """Rounds until `stop` is set: every `idle` seconds online, with growing backoff offline."""
        failures = 0
        while not stop.is_set():
            summary = self.run_once(progress)
            if progress is not None:
                progress(summary)
            failures = 0 if summary.online else failures + 1
            stop.wait(idle if failures == 0 else max(0.2, self.backoff.delay(failures)))

    def _push_all(self, summary: SyncSummary, progress: Progress | None) -> None:
        """Push due rows in rounds of `batch`; stop at the first answer that says offline or signed out."""
        while True:
            due = self.outbox.due(self.batch)
            items = _oldest_per_case(due)  # a case's revisions go one after another
            stopped = self._push_round(items, summary, progress)
            if stopped or len(due) < self.batch:
                return

    def _push_round(self, items: list[OutboxItem], summary: SyncSummary, progress: Progress | None) -> bool:
        """Push the rows in chunks, pipelined: while one chunk's answers are recorded here, the next
        chunk's files and revisions are on their way. True when pushing stopped."""
        size = self.case_batch if self.case_batch > 1 else 2 * self.concurrency
        chunks = [items[i:i + size] for i in range(0, len(items), size)]
        with ThreadPoolExecutor(self.concurrency, thread_name_prefix="sync-push") as pool, \
                ThreadPoolExecutor(1 + AHEAD, thread_name_prefix="sync-rows") as rows_pool:
            pusher = Pusher(self.client, self.files_dir, pool, case_batch=self.case_batch, file_batch=self.file_batch)
            flying: deque[tuple[list[OutboxItem], Future[list[PushAnswer | None]]]] = deque()
            for chunk in chunks:
                if pusher.stop.is_set():
                    break
                flying.append((chunk, rows_pool.submit(pusher.finish, pusher.start_files(chunk))))
                if len(flying) > AHEAD:
                    self._land(*flying.popleft(), summary, progress)
            while flying:
                self._land(*flying.popleft(), summary, progress)
            return pusher.stop.is_set()

    def _land(self, chunk: list[OutboxItem], answers: Future[list[PushAnswer | None]], summary: SyncSummary,
              progress: Progress | None) -> None:
        self._record(chunk, answers.result(), summary)
        if progress is not None:
            summary.backlog = backlog(self.store.engine)
            progress(summary)

    def _record(self, items: list[OutboxItem], answers: list[PushAnswer | None], summary: SyncSummary) -> None:
        """Record a chunk's answers: the settled rows in one local transaction, retries after it."""
        answered = [(item, answer) for item, answer in zip(items, answers, strict=True) if answer is not None]
        with write(self.store.engine) as connection:
            for item, answer in answered:
                self._settle(connection, item, answer, summary)
        for item, answer in answered:
            if answer.result is PushResult.RETRY:
                self._retry_later(item, answer, summary)

    def _settle(self, connection: Connection, item: OutboxItem, answer: PushAnswer, summary: SyncSummary) -> None:
        """One row's answer inside the chunk's transaction (a retry is recorded after it)."""
        summary.uploaded_bytes += answer.uploaded_bytes
        if answer.result in (PushResult.PUSHED, PushResult.REPLAYED):
            self._record_sent(connection, item)
            summary.pushed += answer.result is PushResult.PUSHED
            summary.replayed += answer.result is PushResult.REPLAYED
        elif answer.result is PushResult.CONFLICT:
            self.outbox.finish_in(connection, item, OutboxState.CONFLICT, answer.message)
            summary.conflicts += 1
        elif answer.result is PushResult.QUARANTINED:
            self.outbox.finish_in(connection, item, OutboxState.QUARANTINED, answer.message)
            summary.quarantined += 1
        elif answer.result is PushResult.UNAUTHORISED:
            summary.needs_sign_in = True

    def _retry_later(self, item: OutboxItem, answer: PushAnswer, summary: SyncSummary) -> None:
        self.outbox.mark_retry(item, answer.message, self.backoff.delay(item.attempts))
        summary.errors.append(answer.message)
        summary.online = False

    def _record_sent(self, connection: Connection, item: OutboxItem) -> None:
        """Mark the row sent and, in the same transaction, move an accepted case to `synced`."""
        self.outbox.finish_in(connection, item, OutboxState.SENT, "")
        case = self.store.get_in(connection, item.case_id)
        if case is not None and case.revision == item.revision and case.state in SENT_STATES:
            self.store.save_in(connection, case.moved(CaseState.SYNCED, at=self._clock(), actor=SYNC_ACTOR))

    def _push_events(self, summary: SyncSummary) -> None:
        """Hand-out, evaluation and supply events, once their cases are on the back office (`events_push`)."""
        pushed = EventPusher(self.store.engine, self.client, self.backoff, self._clock,
                             files_dir=self.files_dir).push()
        summary.events_sent += pushed.sent + pushed.replayed
        summary.event_problems += pushed.conflicts + pushed.quarantined
        summary.online = summary.online and pushed.online
        summary.needs_sign_in = summary.needs_sign_in or pushed.needs_sign_in
        summary.errors.extend(pushed.errors or [])

    def _pull(self, summary: SyncSummary) -> None:
        result = pull(self.client, self.store, self.outbox)
        summary.pulled = result.applied
        if result.failure is None:
            return
        if result.failure.kind is OutcomeKind.UNAUTHORISED:
            summary.needs_sign_in = True
        elif result.failure.kind is OutcomeKind.RETRYABLE:
            summary.online = False
        summary.errors.append(result.failure.message)


def backlog(engine: Engine) -> int:
    """What is still to push: pending case revisions plus pending case events."""
    return Outbox(engine).backlog() + pending_events(engine)


def _oldest_per_case(items: list[OutboxItem]) -> list[OutboxItem]:
    seen: set[str] = set()
    first = []
    for item in items:
        if item.case_id not in seen:
            seen.add(item.case_id)
            first.append(item)
    return first
