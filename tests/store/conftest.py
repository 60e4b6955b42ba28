"""Fixtures of the store tests: a fresh, migrated database file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from clerk_app.store.accounts import AccountStore
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "store.sqlite3"


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    engine = open_database(db_path)
    yield engine
    engine.dispose()


@pytest.fixture
def cases(engine: Engine) -> CaseStore:
    return CaseStore(engine)


@pytest.fixture
def accounts(engine: Engine) -> AccountStore:
    return AccountStore(engine)
