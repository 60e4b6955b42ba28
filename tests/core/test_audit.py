"""The audit hash chain: built entry by entry, every alteration, deletion or reordering found."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from itertools import pairwise

import pytest

from clerk_app.core.audit import GENESIS, AuditEntry, entry_hash, next_entry, verify_chain

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=CST)


def chain(n: int) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    for i in range(n):
        entries.append(next_entry(entries[-1] if entries else None, at=T0 + timedelta(minutes=i), actor="demo",
                                  action="transition", subject=f"case{i}", detail={"from": "draft", "to": "accepted"}))
    return entries


def test_an_intact_chain() -> None:
    entries = chain(5)
    assert entries[0].prev_hash == GENESIS and entries[0].seq == 1
    assert all(b.prev_hash == a.hash for a, b in pairwise(entries))
    assert verify_chain(entries) == []


def test_an_altered_detail_is_found() -> None:
    entries = chain(5)
    entries[2] = replace(entries[2], detail={"from": "draft", "to": "refused"})
    assert [(b.seq, "altered" in b.problem) for b in verify_chain(entries)] == [(3, True)]


def test_a_rehashed_alteration_breaks_the_next_link() -> None:
    entries = chain(5)
    forged = replace(entries[2], actor="someone")
    entries[2] = replace(forged, hash=entry_hash(forged))
    assert [b.seq for b in verify_chain(entries)] == [4]


def test_deletion_and_reordering() -> None:
    entries = chain(5)
    assert {b.seq for b in verify_chain(entries[:2] + entries[3:])} == {4}
    assert verify_chain([entries[1], entries[0], *entries[2:]])


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown audit action"):
        next_entry(None, at=T0, actor="demo", action="rm -rf", subject="x")
    with pytest.raises(ValueError, match="UTC offset"):
        next_entry(None, at=datetime(2026, 11, 23), actor="demo", action="export", subject="x")
