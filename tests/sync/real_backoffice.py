"""The real back office for the sync tests, never an imitation of it.

- `Template`: a database migrated by the real code, with the test accounts added and signed in
  (argon2 costs ~0.3 s a hash); each test gets a copy (a file copy on SQLite, `CREATE DATABASE …
  TEMPLATE` on PostgreSQL), so it starts from a fresh, real back office in milliseconds.
- `RealBackOffice`: `create_app(settings)` served by uvicorn in a thread on loopback, its answers
  counted per route and status by a pass-through ASGI wrapper (`Answers`).
- `ServiceProcess`: `python -m clerk_app backoffice serve …` as a child process, to be SIGKILLed
  and started again.
- `Supervisor`: decisions made as a supervisor does, through the API (claim, then decide).
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import requests
import uvicorn
from sqlalchemy.engine import make_url

from clerk_app.backoffice.accounts import add_account
from clerk_app.backoffice.app import create_app
from clerk_app.backoffice.auth import sign_in
from clerk_app.backoffice.db import make_engine
from clerk_app.backoffice.migrations import migrate
from clerk_app.backoffice.settings import Settings
from tests.backoffice.pg import free_port

ROOT = Path(__file__).resolve().parents[2]
HALL, DEPARTMENT = "BT01", "公安局"  # the sample cases' hall and department (tests/store/sample.py)
CLERK, SUPERVISOR, PASSWORD = "w07clerk", "police-sup", "clerk-password"
API = "/api/v1"
DECISION_STATE = {"approve": "approved", "deny": "denied", "correction": "correction_requested"}
_names = itertools.count(1)

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


@dataclass(frozen=True)
class Template:
    """A migrated back-office database holding the test accounts and a live token for each."""

    url: str
    tokens: dict[str, str]

    @classmethod
    def create(cls, url: str) -> Template:
        engine = make_engine(url)
        try:
            migrate(engine)
            add_account(engine, CLERK, role="clerk", password=PASSWORD, hall_code=HALL, display_name="七号窗口")
            add_account(engine, SUPERVISOR, role="supervisor", password=PASSWORD, departments=[DEPARTMENT],
                        display_name="公安局审批")
            settings = Settings(database_url=url, data_dir=Path("."))
            tokens = {user: sign_in(engine, settings, user, PASSWORD)[0] for user in (CLERK, SUPERVISOR)}
        finally:
            engine.dispose()
        return cls(url, tokens)

    def copy(self, directory: Path) -> str:
        """The URL of a fresh copy of this database (a file in `directory` on SQLite)."""
        parsed = make_url(self.url)
        if parsed.get_backend_name() == "sqlite":
            directory.mkdir(parents=True, exist_ok=True)
            target = directory / "backoffice.sqlite3"
            for suffix in ("", "-wal"):  # disposed engines leave no WAL; copy one if there is
                source = Path(f"{parsed.database}{suffix}")
                if source.exists():
                    shutil.copyfile(source, Path(f"{target}{suffix}"))
            return f"sqlite:///{target}"
        name = f"sync_{os.getpid()}_{next(_names)}"
        server = self.url.rsplit("/", 1)[0]
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{parsed.database}"')
        return f"{server}/{name}"


def drop_database(url: str) -> None:
    """Drop a PostgreSQL database made for a test (nothing to do for SQLite: tmp_path goes)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return
    with psycopg.connect(f"{url.rsplit('/', 1)[0]}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')


def create_pg_database(server: str, prefix: str) -> str:
    name = f"{prefix}_{os.getpid()}_{next(_names)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def _kind(method: str, path: str) -> str:
    """Which kind of call a request is, for counting answers."""
    parts = path.removeprefix(API).strip("/").split("/")
    if method == "PUT" and parts[0] == "cases":
        return "case"
    if method == "PUT" and parts[0] == "files":
        return "file"
    if method == "POST" and parts[0] == "submissions":
        return "batch"
    if method == "POST" and parts[0] == "files":
        return "file_parcel"
    if parts[0] in ("changes", "health"):
        return parts[0]
    if parts[0] == "auth":
        return "sign_in"
    if parts[0] == "cases" and len(parts) == 2:
        return "case_read"
    if parts[0] == "cases" and len(parts) == 3:
        return parts[2]  # claim, release, decision, handout, evaluation
    return "other"


class Answers:
    """Pass-through ASGI wrapper counting the answers of the real app by (kind, status)."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app
        self.counts: Counter[tuple[str, int]] = Counter()
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        kind, started, body = _kind(scope["method"], scope["path"]), False, bytearray()

        async def counted(message: MutableMapping[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                self._add(kind, int(message["status"]))
            elif message["type"] == "http.response.body" and kind == "batch":
                body.extend(message.get("body", b""))
                if not message.get("more_body", False):
                    self._add_items(bytes(body))
            await send(message)

        try:
            await self.app(scope, receive, counted)
        except Exception:
            if not started:  # uvicorn answers 500 itself
                self._add(kind, 500)
            raise

    def _add(self, kind: str, status: int) -> None:
        with self._lock:
            self.counts[(kind, status)] += 1

    def _add_items(self, body: bytes) -> None:
        """Count each revision inside a batch answer as its own "case" answer (201, 200, 409, 422)."""
        try:
            results = json.loads(body).get("results", [])
        except (ValueError, AttributeError):
            return
        with self._lock:
            for result in results:
                self.counts[("case", int(result["status"]))] += 1

    def summary(self) -> dict[str, int]:
        """Answers by "kind status" ("case 201" first stored, "case 200" a harmless replay, …), and
        the totals "requests", "500" and "503"."""
        with self._lock:
            counts = dict(self.counts)
        by_kind = {f"{kind} {status}": n for (kind, status), n in sorted(counts.items())}
        return {"requests": sum(counts.values()), **by_kind,
                "500": sum(n for (_k, s), n in counts.items() if s == 500),
                "503": sum(n for (_k, s), n in counts.items() if s == 503)}


class _Collect(logging.Handler):
    """Keeps what the back office logs at WARNING and above, one line each, with the exception."""

    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        line = f"{record.levelname} {record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            line += f" [{type(record.exc_info[1]).__name__}: {record.exc_info[1]}]"
        self.into.append(line)


class RealBackOffice:
    """`create_app` under uvicorn in a thread, on a loopback port of its own."""

    def __init__(self, database_url: str, data_dir: Path, tokens: dict[str, str]) -> None:
        self.settings = Settings(database_url=database_url, data_dir=data_dir)
        self.app = create_app(self.settings)
        self.engine = self.app.state.engine
        self.tokens = tokens
        self.answers = Answers(self.app)
        self.logged: list[str] = []  # warnings and errors the back office logged
        self._log_handler = _Collect(self.logged)
        logging.getLogger("clerk_app.backoffice").addHandler(self._log_handler)
        # proto IPPROTO_TCP, not create_server's 0: asyncio sets TCP_NODELAY on accepted sockets only
        # then; without it every answer on a kept-alive connection waits ~40 ms for a delayed ACK.
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(128)
        self.port = int(self._socket.getsockname()[1])
        config = uvicorn.Config(self.answers, log_level="critical", access_log=False, lifespan="on")
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self._socket]},
                                        name="backoffice", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def files_dir(self) -> Path:
        return self.settings.files_dir

    def start(self) -> RealBackOffice:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "the back office did not start within 10 s"
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self._thread.join(10)
        self._socket.close()
        self.engine.dispose()
        logging.getLogger("clerk_app.backoffice").removeHandler(self._log_handler)

    def supervisor(self) -> Supervisor:
        return Supervisor(self.url, self.tokens[SUPERVISOR])


class ServiceProcess:
    """`python -m clerk_app backoffice serve` as a child process on a fixed port."""

    def __init__(self, database_url: str, data_dir: Path, log: Path) -> None:
        self.database_url = database_url
        self.data_dir = data_dir
        self.log = log
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    def start(self, timeout: float = 30.0) -> float:
        """Start it and wait until it answers /health; the seconds that took."""
        assert self.process is None or self.process.poll() is not None, "already running"
        began = time.monotonic()
        command = [sys.executable, "-m", "clerk_app", "backoffice", "serve", "--db", self.database_url,
                   "--data-dir", str(self.data_dir), "--host", "127.0.0.1", "--port", str(self.port)]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        self.starts += 1
        while True:
            try:
                if requests.get(f"{self.url}{API}/health", timeout=0.5).status_code == 200:
                    return time.monotonic() - began
            except requests.RequestException:
                pass
            if self.process.poll() is not None or time.monotonic() - began > timeout:
                raise AssertionError(f"the back office did not start:\n{self.log_tail()}")
            time.sleep(0.03)

    def kill(self) -> None:
        """SIGKILL: no shutdown, no rollback, no flushing; whatever was in flight is cut."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def tracebacks(self) -> int:
        """How many tracebacks the service logged (an unexpected error is a 500)."""
        try:
            return self.log.read_text(errors="replace").count("Traceback (most recent call last)")
        except OSError:
            return 0


@dataclass
class Supervisor:
    """A department supervisor deciding through the API: claim the case, then decide it.

    A 503 (the database is unavailable) or a lost connection is retried; the decision is made
    once, because a decided case is not claimable and re-reading it shows the decision taken.
    """

    url: str
    token: str
    statuses: Counter[int] = field(default_factory=Counter)
    session: requests.Session = field(default_factory=requests.Session)

    def call(self, method: str, path: str, **options: Any) -> requests.Response:
        response = self.session.request(method, f"{self.url}{API}{path}", timeout=5,
                                        headers={"Authorization": f"Bearer {self.token}"}, **options)
        self.statuses[response.status_code] += 1
        return response

    def decide(self, case_id: str, kind: str, *, reason: str = "", corrections: tuple[str, ...] = (),
               timeout: float = 30.0) -> dict[str, Any]:
        target, deadline = DECISION_STATE[kind], time.monotonic() + timeout
        body = {"kind": kind, "reason": reason, "corrections": list(corrections)}
        while True:
            assert time.monotonic() < deadline, f"could not decide {case_id}: {dict(self.statuses)}"
            try:
                case = self.call("GET", f"/cases/{case_id}")
                if case.status_code == 200 and case.json()["state"] == target:
                    return dict(case.json()["decision"])
                if case.status_code != 503:
                    _expect(case, 200)
                    _expect(self.call("POST", f"/cases/{case_id}/claim"), 200)
                    decided = self.call("POST", f"/cases/{case_id}/decision", json=body)
                    if decided.status_code != 503:
                        return dict(_expect(decided, 200).json()["decision"])
            except _Retry:
                pass
            except requests.RequestException:
                pass
            time.sleep(0.05)

    def close(self) -> None:
        self.session.close()


class _Retry(Exception):
    pass


def _expect(response: requests.Response, status: int) -> requests.Response:
    if response.status_code == 503:
        raise _Retry
    assert response.status_code == status, f"{response.request.method} {response.url}: {response.status_code} " \
                                           f"{response.text[:300]}"
    return response
