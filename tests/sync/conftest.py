"""Fixtures of the sync tests: the real back office (SQLite or PostgreSQL) on loopback, a local store.

PostgreSQL comes from the back-office tests' session fixture `pg_server` (a throwaway cluster or
CLERK_APP_TEST_PG_URL; in CI a PostgreSQL test fails rather than skips when it cannot start).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database
from clerk_app.sync.backoff import Backoff
from clerk_app.sync.client import BackOfficeClient
from clerk_app.sync.engine import SyncEngine
from tests.backoffice.conftest import pg_server  # noqa: F401  (a fixture: the session's PostgreSQL server)
from tests.sync.real_backoffice import CLERK, RealBackOffice, Supervisor, Template, create_pg_database, drop_database


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return Template.create(f"sqlite:///{tmp_path_factory.mktemp('template') / 'backoffice.sqlite3'}")


@pytest.fixture(scope="session")
def pg_template(pg_server: str) -> Iterator[Template]:  # noqa: F811
    template = Template.create(create_pg_database(pg_server, "sync_template"))
    yield template
    drop_database(template.url)


@pytest.fixture(params=["sqlite", "postgresql"])
def template(request: pytest.FixtureRequest) -> Template:
    """The back office's database, once on each engine."""
    return request.getfixturevalue("pg_template" if request.param == "postgresql" else "sqlite_template")


def _serve(template: Template, tmp_path: Path) -> Iterator[RealBackOffice]:
    server = RealBackOffice(template.copy(tmp_path / "backoffice"), tmp_path / "backoffice", template.tokens)
    server.start()
    yield server
    server.stop()
    drop_database(server.settings.database_url)


@pytest.fixture
def backoffice(sqlite_template: Template, tmp_path: Path) -> Iterator[RealBackOffice]:
    """The real back office on SQLite, served by uvicorn in a thread."""
    yield from _serve(sqlite_template, tmp_path)


@pytest.fixture
def any_backoffice(template: Template, tmp_path: Path) -> Iterator[RealBackOffice]:
    """The real back office, once on SQLite and once on PostgreSQL."""
    yield from _serve(template, tmp_path)


@pytest.fixture
def pg_backoffice(pg_template: Template, tmp_path: Path) -> Iterator[RealBackOffice]:
    yield from _serve(pg_template, tmp_path)


@pytest.fixture
def supervisor(backoffice: RealBackOffice) -> Iterator[Supervisor]:
    supervisor = backoffice.supervisor()
    yield supervisor
    supervisor.close()


@pytest.fixture
def files_dir(tmp_path: Path) -> Path:
    return tmp_path / "data" / "files"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CaseStore]:
    engine = open_database(tmp_path / "data" / "store.sqlite3")
    yield CaseStore(engine)
    engine.dispose()


@pytest.fixture
def client(backoffice: RealBackOffice) -> Iterator[BackOfficeClient]:
    """The window's client, signed in as the hall's clerk."""
    client = BackOfficeClient(backoffice.url, token=backoffice.tokens[CLERK], timeout=(2, 5))
    yield client
    client.close()


@pytest.fixture
def engine(store: CaseStore, client: BackOfficeClient, files_dir: Path) -> SyncEngine:
    return SyncEngine(store, client, files_dir, backoff=Backoff(base=0.0, cap=0.0))
