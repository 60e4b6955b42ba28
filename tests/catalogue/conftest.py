from __future__ import annotations

from pathlib import Path

import pytest

from clerk_app.config.paths import guides_dir

EXEMPLAR = guides_dir() / "matters" / "scjgj-gtgsh-sl.yaml"


@pytest.fixture
def exemplar_text() -> str:
    return EXEMPLAR.read_text(encoding="utf-8")


@pytest.fixture
def write(tmp_path: Path):
    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write
