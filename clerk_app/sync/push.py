"""Pushing one outbox row: its scanned files first, then the case revision's stored bytes.

Each step is idempotent on the back office (a file is named by its hash, a revision by its key and
bytes), so after a crash, a timeout or a lost reply the whole row is simply pushed again. The row
is marked sent only after the back office answered that it holds the revision and every file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from clerk_app.sync.client import BackOfficeClient, Outcome, OutcomeKind
from clerk_app.sync.outbox import OutboxItem


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


def scans_of(payload: bytes) -> list[str]:
    """The sha256 of every scanned file the case lists, in order, each once."""
    document = json.loads(payload)
    seen: dict[str, None] = {}
    for material in document.get("materials") or []:
        for digest in material.get("scans") or []:
            seen.setdefault(str(digest), None)
    return list(seen)


def push_item(client: BackOfficeClient, files_dir: Path, item: OutboxItem) -> PushAnswer:
    """Send one row; the caller records the answer in the outbox."""
    uploaded = 0
    for digest in scans_of(item.payload):
        data = _local_file(files_dir, digest)
        if data is None:
            return PushAnswer(PushResult.QUARANTINED, f"本地扫描文件缺失或已损坏：{digest}.pdf")
        outcome = client.put_file(digest, data)
        if not outcome.ok:
            return _failed(outcome)
        uploaded += len(data)
    outcome = client.put_case(item.case_id, item.revision, item.payload)
    if not outcome.ok:
        return _failed(outcome)
    missing = outcome.body.get("missing_files") or []
    if missing:  # uploaded above, yet not held: never mark synced with files missing
        return PushAnswer(PushResult.RETRY, f"后台缺少文件：{', '.join(missing)}", uploaded)
    kind = PushResult.PUSHED if outcome.kind is OutcomeKind.OK else PushResult.REPLAYED
    return PushAnswer(kind, "", uploaded + len(item.payload))


def _local_file(files_dir: Path, digest: str) -> bytes | None:
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
