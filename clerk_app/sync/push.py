"""Pushing outbox rows: each row's scanned files first, then the case revision's stored bytes.

Each step is idempotent on the back office (a file is named by its hash, a revision by its key and
bytes), so after a crash, a timeout or a lost reply the whole row is simply pushed again. A row is
answered as pushed only when the back office said that it holds the revision and every file.

`Pusher` does this for many rows at once: every file of the rows is uploaded on a thread pool
(several connections), and the revisions whose files are all held go together in one
`POST /submissions` (or, with `case_batch=1` or against a back office without that route, one
`PUT` each); a row is answered exactly as `push_item` would answer it.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from clerk_app.store.errors import StoreError
from clerk_app.store.vault import FileVault
from clerk_app.sync.client import BackOfficeClient, Outcome, OutcomeKind
from clerk_app.sync.outbox import OutboxItem

GROUP_BYTES = 4 * 1024 * 1024  # payload bytes per POST /submissions (the back office takes 16 MB)
PARCEL_BYTES = 4 * 1024 * 1024  # file bytes per POST /files (the back office takes 64 MB)


class PushResult(StrEnum):
    PUSHED = "pushed"
    REPLAYED = "replayed"
    CONFLICT = "conflict"
    QUARANTINED = "quarantined"
    UNAUTHORISED = "unauthorised"
    RETRY = "retry"


@dataclass(frozen=True)
class PushAnswer:
    result: PushResult
    message: str = ""
    uploaded_bytes: int = 0

    @property
    def stops(self) -> bool:
        """Whether pushing should stop for now (offline or signed out)."""
        return self.result in (PushResult.RETRY, PushResult.UNAUTHORISED)


def scans_of(payload: bytes) -> list[str]:
    """The sha256 of every scanned file the case lists, in order, each once."""
    document = json.loads(payload)
    seen: dict[str, None] = {}
    for material in document.get("materials") or []:
        for digest in material.get("scans") or []:
            seen.setdefault(str(digest), None)
    return list(seen)


def push_item(client: BackOfficeClient, files_dir: Path | FileVault, item: OutboxItem) -> PushAnswer:
    """Send one row; the caller records the answer in the outbox."""
    uploaded = 0
    for digest in scans_of(item.payload):
        sent = upload_file(client, files_dir, digest)
        if isinstance(sent, PushAnswer):
            return sent
        uploaded += sent
    return case_answer(client.put_case(item.case_id, item.revision, item.payload), item, uploaded)


def upload_file(client: BackOfficeClient, files_dir: Path | FileVault, digest: str) -> int | PushAnswer:
    """Upload one scanned file: its size, or the row's answer when that failed."""
    data = _local_file(files_dir, digest)
    if data is None:
        return PushAnswer(PushResult.QUARANTINED, f"本地扫描文件缺失或已损坏：{digest}.pdf")
    outcome = client.put_file(digest, data)
    return len(data) if outcome.ok else _failed(outcome)


def case_answer(outcome: Outcome, item: OutboxItem, uploaded: int) -> PushAnswer:
    """The row's answer from the back office's answer to its revision."""
    if not outcome.ok:
        return _failed(outcome)
    missing = outcome.body.get("missing_files") or []
    if missing:  # uploaded above, yet not held: never mark synced with files missing
        return PushAnswer(PushResult.RETRY, f"后台缺少文件：{', '.join(missing)}", uploaded)
    kind = PushResult.PUSHED if outcome.kind is OutcomeKind.OK else PushResult.REPLAYED
    return PushAnswer(kind, "", uploaded + len(item.payload))


Upload = Callable[[], "int | PushAnswer | None"]  # waits for one file's upload: bytes sent, failure, or skipped


@dataclass(eq=False)
class Row:
    """An outbox row being pushed: its files' uploads, and whether its push began."""

    item: OutboxItem
    uploads: list[Upload] = field(default_factory=list)
    started: bool = False


class Pusher:
    """Pushes rows many at a time: files on the pool, then the revisions (see the module's text).

    Files go `file_batch` per `POST /files` (1: one `PUT` each). Once pushing stops (an answer said
    offline or signed out), rows not begun are skipped (no answer); a row already begun is pushed to
    its end, as `push_item` would have been.
    """

    def __init__(self, client: BackOfficeClient, files_dir: Path | FileVault, pool: ThreadPoolExecutor, *,
                 case_batch: int = 1, file_batch: int = 1) -> None:
        self.client = client
        self.files_dir = files_dir
        self.pool = pool
        self.case_batch = case_batch
        self.file_batch = file_batch
        self.stop = threading.Event()
        self._lock = threading.Lock()

    def start_files(self, items: Sequence[OutboxItem]) -> list[Row]:
        """Begin uploading every file of the rows (in the rows' order) on the pool."""
        rows = [Row(item) for item in items]
        files = [(row, digest) for row in rows for digest in scans_of(row.item.payload)]
        if self.file_batch <= 1:
            for row, digest in files:
                row.uploads.append(self.pool.submit(self._upload, row, digest).result)
            return rows
        for start in range(0, len(files), self.file_batch):
            parcel = files[start:start + self.file_batch]
            future = self.pool.submit(self._upload_parcel, parcel)
            for index, (row, _digest) in enumerate(parcel):
                row.uploads.append(lambda f=future, i=index: f.result()[i])
        return rows

    def finish(self, rows: Sequence[Row]) -> list[PushAnswer | None]:
        """Wait for the rows' files, send the revisions of the rows whose files are held; the answers
        in order (None for a row skipped after pushing stopped)."""
        answers: list[PushAnswer | None] = []
        ready: list[tuple[int, int]] = []  # (row index, uploaded bytes)
        for index, row in enumerate(rows):
            answer = _files_answer([wait() for wait in row.uploads]) if self._begin(row) else None
            if isinstance(answer, int):
                ready.append((index, answer))
                answer = None
            answers.append(answer)
        for index, answer in self._send_cases([row.item for row in rows], ready):
            answers[index] = answer
        return answers

    def _begin(self, row: Row) -> bool:
        """Mark the row begun unless pushing stopped first; whether it is (or was) begun."""
        with self._lock:
            if not row.started and not self.stop.is_set():
                row.started = True
            return row.started

    def _upload(self, row: Row, digest: str) -> int | PushAnswer | None:
        if not self._begin(row):
            return None
        return self._noted(upload_file(self.client, self.files_dir, digest))

    def _upload_parcel(self, parcel: list[tuple[Row, str]]) -> list[int | PushAnswer | None]:
        """Upload files of several rows by POST /files, about PARCEL_BYTES a request."""
        results: list[int | PushAnswer | None] = [None] * len(parcel)
        batch: list[tuple[int, str, bytes]] = []
        for index, (row, digest) in enumerate(parcel):
            if not self._begin(row):
                continue
            data = _local_file(self.files_dir, digest)
            if data is None:
                results[index] = PushAnswer(PushResult.QUARANTINED, f"本地扫描文件缺失或已损坏：{digest}.pdf")
                continue
            batch.append((index, digest, data))
            if sum(len(d) for _, _, d in batch) >= PARCEL_BYTES:
                self._send_parcel(batch, results)
                batch = []
        if batch:
            self._send_parcel(batch, results)
        return results

    def _send_parcel(self, batch: list[tuple[int, str, bytes]], results: list[int | PushAnswer | None]) -> None:
        outcome = self.client.put_files([(digest, data) for _, digest, data in batch]) if self.file_batch > 1 else None
        if isinstance(outcome, Outcome) and outcome.status in (404, 405):  # a back office without the route
            self.file_batch = 1
        if outcome is None or (isinstance(outcome, Outcome) and outcome.kind in (OutcomeKind.REJECTED,
                                                                                    OutcomeKind.CONFLICT)):
            outcomes = [self.client.put_file(digest, data) for _, digest, data in batch]  # one PUT each
        else:
            outcomes = [outcome] * len(batch) if isinstance(outcome, Outcome) else outcome
        for (index, _digest, data), each in zip(batch, outcomes, strict=True):
            results[index] = self._noted(len(data) if each.ok else _failed(each))

    def _noted(self, sent: int | PushAnswer) -> int | PushAnswer:
        if isinstance(sent, PushAnswer) and sent.stops:
            self.stop.set()
        return sent

    def _send_cases(self, items: Sequence[OutboxItem], ready: list[tuple[int, int]]
                    ) -> list[tuple[int, PushAnswer | None]]:
        single = [r for r in ready if self.case_batch <= 1 or not _utf8(items[r[0]].payload)]
        answers = []
        for group in _groups([r for r in ready if r not in single], items, self.case_batch):
            sent = self._post_cases(items, group)
            if sent is None:
                single.extend(group)
            else:
                answers.extend(sent)
        answers.extend(zip([i for i, _ in single], self.pool.map(lambda r: self._put_case(items[r[0]], r[1]), single),
                           strict=True))
        return answers

    def _post_cases(self, items: Sequence[OutboxItem], group: list[tuple[int, int]]
                    ) -> list[tuple[int, PushAnswer]] | None:
        """The group's answers from one POST /submissions; None when its rows should go one by one."""
        outcome = self.client.put_cases([(items[i].case_id, items[i].revision, items[i].payload) for i, _ in group])
        if isinstance(outcome, Outcome):
            if outcome.status in (404, 405):  # a back office without the route
                self.case_batch = 1
            if outcome.kind in (OutcomeKind.REJECTED, OutcomeKind.CONFLICT):  # the request, not a row, was refused
                return None
            answer = _failed(outcome)
            if answer.stops:
                self.stop.set()
            return [(i, answer) for i, _ in group]
        answers = [case_answer(o, items[i], up) for (i, up), o in zip(group, outcome, strict=True)]
        if any(a.stops for a in answers):
            self.stop.set()
        return [(i, a) for (i, _), a in zip(group, answers, strict=True)]

    def _put_case(self, item: OutboxItem, uploaded: int) -> PushAnswer:
        answer = case_answer(self.client.put_case(item.case_id, item.revision, item.payload), item, uploaded)
        if answer.stops:
            self.stop.set()
        return answer


def _groups(ready: list[tuple[int, int]], items: Sequence[OutboxItem], size: int) -> list[list[tuple[int, int]]]:
    """The rows in groups of at most `size` rows and about GROUP_BYTES of payload."""
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    weight = 0
    for row in ready:
        payload = len(items[row[0]].payload)
        if current and (len(current) >= size or weight + payload > GROUP_BYTES):
            groups.append(current)
            current, weight = [], 0
        current.append(row)
        weight += payload
    return [*groups, current] if current else groups


def _files_answer(results: list[int | PushAnswer | None]) -> int | PushAnswer | None:
    """A row's files: the bytes uploaded, or the first failure in the row's order, or None if skipped."""
    for result in results:
        if isinstance(result, PushAnswer):
            return result
    if any(result is None for result in results):
        return None
    return sum(r for r in results if isinstance(r, int))


def _utf8(payload: bytes) -> bool:
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _local_file(files_dir: Path | FileVault, digest: str) -> bytes | None:
    """The scan's verified bytes (from a folder, or decrypted from the workstation's vault); None
    when it is missing or damaged."""
    if isinstance(files_dir, FileVault):
        try:
            return files_dir.get(digest)  # checks the tag and the hash
        except StoreError:
            return None
    try:
        data = (files_dir / f"{digest}.pdf").read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == digest else None


def _failed(outcome: Outcome) -> PushAnswer:
    result = {
        OutcomeKind.CONFLICT: PushResult.CONFLICT,
        OutcomeKind.REJECTED: PushResult.QUARANTINED,
        OutcomeKind.UNAUTHORISED: PushResult.UNAUTHORISED,
    }.get(outcome.kind, PushResult.RETRY)
    return PushAnswer(result, outcome.message)
