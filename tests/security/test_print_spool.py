"""Printed documents (names, ID numbers) are never kept in the data folder: a private spool holds the last few sets."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from clerk_app.documents.spool import PREFIX, DocumentSpool


def test_the_spool_is_private_keeps_few_sets_and_goes_away(tmp_path: Path) -> None:
    spool = DocumentSpool(tmp_path, keep=2)
    folders = []
    for number in ("BT01-W07-20261123-0001", "BT01-W07-20261123-0002", "BT01-W07-20261123-0003"):
        folder = spool.folder_for(number)
        (folder / f"{number}-受理通知书.pdf").write_bytes("%PDF 张三 11010519491231002X".encode())
        folders.append(folder)
    assert stat.S_IMODE(spool.folder.stat().st_mode) == 0o700 and spool.folder.name.startswith(PREFIX)
    assert [f.exists() for f in folders] == [False, True, True]  # the oldest set is gone
    again = spool.folder_for(folders[2].name)  # the same case rendered again starts empty
    assert list(again.iterdir()) == []
    root = spool.folder
    spool.clear()
    assert not root.exists()


def test_folders_of_a_crashed_session_are_removed(tmp_path: Path) -> None:
    dead = tmp_path / f"{PREFIX}999999999-abc"  # no such process
    (dead / "BT01").mkdir(parents=True)
    (dead / "BT01" / "notice.pdf").write_bytes(b"%PDF")
    mine = tmp_path / f"{PREFIX}{os.getpid()}-live"
    mine.mkdir()
    spool = DocumentSpool(tmp_path)
    spool.folder_for("BT01-W07-20261123-0001")
    assert not dead.exists() and mine.exists()
    spool.clear()
