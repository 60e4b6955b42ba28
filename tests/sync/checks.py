"""What every fault test ends with: the back office holds each case exactly once, files intact.

Read from the real back office's own database and data directory (never from its answers):
one `case_revisions` row per (case id, revision), byte-identical to the client's outbox payload;
one `submission` step in its history per revision (so no revision was stored twice); every scanned
file on disk under its sha256, with that sha256.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Engine

from clerk_app.backoffice.db import make_engine
from clerk_app.backoffice.filestore import file_path
from clerk_app.backoffice.schema import case_revisions, cases, files, history
from clerk_app.core.case import Case
from clerk_app.store.cases import CaseStore
from clerk_app.store.schema import OutboxRow, OutboxState, SyncState
from clerk_app.sync.outbox import Outbox
from clerk_app.sync.push import scans_of

OUTBOX = OutboxRow.__table__


@dataclass(frozen=True)
class Holdings:
    """What the back office holds, as its database and data directory say."""

    revisions: dict[tuple[str, int], tuple[bytes, str]]  # (case id, revision) → (body, body_sha256)
    rows_per_key: Counter[tuple[str, int]]
    case_rows: int
    submissions: Counter[tuple[str, int]]  # `submission` history steps per (case id, revision)
    file_rows: frozenset[str]
    files_on_disk: dict[str, str]  # name → sha256 of the stored bytes
    misplaced: tuple[str, ...]  # files not at files/ab/cd/<sha256>
    partial_uploads: int  # left in files/tmp by a killed service (never renamed into place)

    @classmethod
    def read(cls, engine_or_url: Engine | str, files_dir: Path) -> Holdings:
        engine = make_engine(engine_or_url) if isinstance(engine_or_url, str) else engine_or_url
        try:
            with engine.connect() as connection:
                rows = connection.execute(sa.select(case_revisions.c.case_id, case_revisions.c.revision,
                                                    case_revisions.c.body, case_revisions.c.body_sha256)).all()
                case_rows = connection.execute(sa.select(sa.func.count()).select_from(cases)).scalar_one()
                steps = connection.execute(sa.select(history.c.case_id, history.c.revision)
                                           .where(history.c.kind == "submission")).all()
                file_rows = frozenset(connection.execute(sa.select(files.c.sha256)).scalars())
        finally:
            if isinstance(engine_or_url, str):
                engine.dispose()
        on_disk, misplaced = {}, []
        for path in files_dir.rglob("*"):
            if path.is_file() and path.parent != files_dir / "tmp":
                on_disk[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
                if path != file_path(files_dir, path.name):
                    misplaced.append(str(path))
        partial = sum(1 for p in (files_dir / "tmp").glob("*")) if (files_dir / "tmp").is_dir() else 0
        return cls(
            revisions={(r.case_id, r.revision): (bytes(r.body), r.body_sha256) for r in rows},
            rows_per_key=Counter((r.case_id, r.revision) for r in rows), case_rows=case_rows,
            submissions=Counter((s.case_id, s.revision) for s in steps), file_rows=file_rows,
            files_on_disk=on_disk, misplaced=tuple(misplaced), partial_uploads=partial,
        )


def assert_exactly_once(held: Holdings, store: CaseStore, cases: list[Case]) -> dict[str, int]:
    """Every queued revision held once, as queued, every file intact; the counts, for printing."""
    with store.engine.connect() as connection:
        queued = connection.execute(sa.select(OUTBOX.c.case_id, OUTBOX.c.revision, OUTBOX.c.payload,
                                              OUTBOX.c.sha256, OUTBOX.c.state)).all()
    outbox = Outbox(store.engine)
    assert outbox.backlog() == 0 and outbox.problems() == [], outbox.problems()
    assert {r.state for r in queued} == {OutboxState.SENT.value}
    expected = {(r.case_id, r.revision): bytes(r.payload) for r in queued}
    assert len(expected) == len(queued)
    twice = {key: n for key, n in held.rows_per_key.items() if n != 1}
    assert not twice, f"revisions held more than once: {twice}"
    assert set(held.revisions) == set(expected), (
        f"missing on the server: {set(expected) - set(held.revisions)}; "
        f"unexpected: {set(held.revisions) - set(expected)}")
    for key, payload in expected.items():
        body, digest = held.revisions[key]
        assert body == payload, f"{key}: the server holds other bytes than the client queued"
        assert digest == hashlib.sha256(payload).hexdigest()
    stored_twice = {key: n for key, n in held.submissions.items() if n != 1}
    assert not stored_twice and set(held.submissions) == set(expected), f"stored twice: {stored_twice}"
    assert held.case_rows == len({case_id for case_id, _ in expected}) == len(cases)
    for case in cases:
        assert store.sync_state(case.id) is SyncState.SYNCED
    scans = {digest for payload in expected.values() for digest in scans_of(payload)}
    assert set(held.files_on_disk) == scans == held.file_rows
    damaged = [name for name, digest in held.files_on_disk.items() if name != digest]
    assert not damaged, f"files whose bytes do not match their name: {damaged}"
    assert not held.misplaced, held.misplaced
    return {"cases": held.case_rows, "revisions": len(held.revisions), "files": len(held.files_on_disk),
            "partial_uploads_left_in_tmp": held.partial_uploads}
