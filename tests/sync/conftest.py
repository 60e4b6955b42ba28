"""Fixtures of the sync tests: a contract-following back office on loopback and a local store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database
from clerk_app.sync.backoff import Backoff
from clerk_app.sync.client import BackOfficeClient
from clerk_app.sync.engine import SyncEngine
from tests.sync.contract_server import TOKEN, ContractServer


@pytest.fixture
def server() -> Iterator[ContractServer]:
    server = ContractServer().start()
    yield server
    server.stop()


@pytest.fixture
def files_dir(tmp_path: Path) -> Path:
    return tmp_path / "data" / "files"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CaseStore]:
    engine = open_database(tmp_path / "data" / "store.sqlite3")
    yield CaseStore(engine)
    engine.dispose()


@pytest.fixture
def client(server: ContractServer) -> Iterator[BackOfficeClient]:
    client = BackOfficeClient(server.url, token=TOKEN, timeout=(2, 5))
    yield client
    client.close()


@pytest.fixture
def engine(store: CaseStore, client: BackOfficeClient, files_dir: Path) -> SyncEngine:
    return SyncEngine(store, client, files_dir, backoff=Backoff(base=0.0, cap=0.0))
