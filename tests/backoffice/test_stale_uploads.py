"""Partial uploads a killed back office left behind are swept at the next start, live ones are not."""

from __future__ import annotations

import os
import time
from pathlib import Path

from clerk_app.backoffice.app import create_app
from clerk_app.backoffice.filestore import STALE_UPLOAD_SECONDS, sweep_stale_uploads
from clerk_app.backoffice.settings import Settings


def _upload(tmp: Path, name: str, age: float) -> Path:
    path = tmp / name
    path.write_bytes(b"half a scan")
    moment = time.time() - age
    os.utime(path, (moment, moment))
    return path


def test_sweep_deletes_only_stale_partial_uploads(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    stale = _upload(tmp, "upload-stale", STALE_UPLOAD_SECONDS + 60)
    live = _upload(tmp, "upload-live", 5)
    other = _upload(tmp, "notes.txt", STALE_UPLOAD_SECONDS + 60)
    assert sweep_stale_uploads(tmp_path) == 1
    assert not stale.exists() and live.exists() and other.exists()


def test_the_service_sweeps_at_start(tmp_path: Path) -> None:
    files = tmp_path / "data" / "files"
    (files / "tmp").mkdir(parents=True)
    stale = _upload(files / "tmp", "upload-left-by-sigkill", STALE_UPLOAD_SECONDS * 2)
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'bo.db'}", data_dir=tmp_path / "data")
    app = create_app(settings)
    try:
        assert not stale.exists()
        assert settings.files_dir == files
    finally:
        app.state.engine.dispose()
