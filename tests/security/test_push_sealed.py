"""Sync sends the plaintext of a sealed scan (the back office addresses it by that hash), and never an altered one.

Needs `clerk_app.sync.push.push_item` to read scans through the folder's `FileVault`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from clerk_app.store.keys import DataKey
from clerk_app.store.vault import FileVault
from clerk_app.sync.client import Outcome, OutcomeKind
from clerk_app.sync.outbox import OutboxItem
from clerk_app.sync.push import PushResult, push_item

SCAN = "%PDF-1.4 identity card of 张三 11010519491231002X".encode()


class Office:
    """What the back office receives."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def put_file(self, digest: str, data: bytes) -> Outcome:
        self.files[digest] = data
        return Outcome(OutcomeKind.OK, 201)

    def put_case(self, case_id: str, revision: int, payload: bytes) -> Outcome:
        return Outcome(OutcomeKind.OK, 201, {"missing_files": []})


def item(*digests: str) -> OutboxItem:
    payload = json.dumps({"materials": [{"scans": list(digests)}]}).encode()
    return OutboxItem(1, "case-1", 1, payload, hashlib.sha256(payload).hexdigest(), 0)


def test_a_sealed_scan_is_uploaded_in_clear_under_its_name(tmp_path: Path) -> None:
    vault = FileVault(tmp_path / "files", DataKey.generate())
    digest = vault.put(SCAN)
    office: Any = Office()
    answer = push_item(office, vault, item(digest))
    assert answer.result is PushResult.PUSHED
    assert office.files == {digest: SCAN}


def test_an_altered_scan_is_quarantined_not_sent(tmp_path: Path) -> None:
    vault = FileVault(tmp_path / "files", DataKey.generate())
    digest = vault.put(SCAN)
    data = bytearray(vault.path(digest).read_bytes())
    data[-1] ^= 0x80
    vault.path(digest).write_bytes(bytes(data))
    office: Any = Office()
    answer = push_item(office, vault, item(digest))
    assert answer.result is PushResult.QUARANTINED and digest in answer.message
    assert office.files == {}
