"""Fixtures of the back-office tests: databases (SQLite and PostgreSQL), an app, signed-in users."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient

from clerk_app.backoffice.accounts import add_account
from clerk_app.backoffice.app import create_app
from clerk_app.backoffice.settings import Settings
from tests.backoffice.pg import ENV_URL, shared_cluster
from tests.backoffice.sample import HALL
from tests.support import unavailable

PASSWORD = "correct horse 1"
USERS = {
    "admin": ("admin", [], ""),
    "clerk": ("clerk", [], HALL),
    "sup_police": ("supervisor", ["公安局"], ""),
    "sup_health": ("supervisor", ["卫健委"], ""),
}
_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A PostgreSQL server URL without a database (from the environment or a throwaway cluster)."""
    url = os.environ.get(ENV_URL)
    if url:
        yield url.rsplit("/", 1)[0] if url.count("/") > 2 else url
        return
    try:
        server = shared_cluster()
    except RuntimeError as error:
        unavailable(f"PostgreSQL cannot start: {error}")
    yield server


def fresh_pg_database(server: str) -> str:
    name = f"bo_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'backoffice.sqlite3'}"
    return fresh_pg_database(request.getfixturevalue("pg_server"))


@pytest.fixture
def pg_url(pg_server: str) -> str:
    return fresh_pg_database(pg_server)


def make_settings(url: str, data_dir: Path) -> Settings:
    return Settings(database_url=url, data_dir=data_dir, max_file_bytes=1024 * 1024)


class Api:
    """A test client with one signed-in token per test user."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.tokens: dict[str, str] = {}

    def sign_in(self, username: str) -> str:
        if username not in self.tokens:
            answer = self.client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
            assert answer.status_code == 200, answer.text
            self.tokens[username] = answer.json()["token"]
        return self.tokens[username]

    def headers(self, username: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.sign_in(username)}"} if username else {}

    def call(self, method: str, path: str, user: str | None = None, **options: object):  # type: ignore[no-untyped-def]
        headers = {**self.headers(user), **options.pop("headers", {})}  # type: ignore[dict-item]
        return self.client.request(method, f"/api/v1{path}", headers=headers, **options)  # type: ignore[arg-type]


def add_users(app_engine: object) -> None:
    for username, (role, departments, hall) in USERS.items():
        add_account(app_engine, username, role=role, password=PASSWORD, departments=departments,  # type: ignore[arg-type]
                    hall_code=hall, display_name=username)


@pytest.fixture
def app_factory(tmp_path: Path):  # type: ignore[no-untyped-def]
    made = []

    def make(url: str, *, users: bool = True):  # type: ignore[no-untyped-def]
        app = create_app(make_settings(url, tmp_path / "data"))
        if users:
            add_users(app.state.engine)
        made.append(app)
        return app

    yield make
    for app in made:
        app.state.engine.dispose()


@pytest.fixture
def api(database_url: str, app_factory) -> Iterator[Api]:  # type: ignore[no-untyped-def]
    app = app_factory(database_url)
    with TestClient(app) as client:
        yield Api(client)
