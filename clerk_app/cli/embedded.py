"""The embedded back office of `make run`: a `clerk-app backoffice serve` child on loopback.

With no back-office address configured, `clerk-app --embedded-backoffice` starts the service in a
child process (SQLite and files under the workstation's data folder, `backoffice/`), with the demo
accounts when the configuration asks for the demo, points the workstation's sync at it, and stops
it when the workstation closes. The workstation starts at once; sync finds the service when it is
up, like any back office that comes online.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType

from clerk_app.config.settings import BackofficeSettings, Settings
from clerk_app.core.catalogue import Catalogue

log = logging.getLogger(__name__)
DEFAULT_PORT = 8700
STOP_TIMEOUT = 10.0


def free_port(preferred: int = DEFAULT_PORT) -> int:
    """`preferred` when nothing listens on it on loopback, else any free port."""
    for port in (preferred, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise OSError("no free port on 127.0.0.1")


def _die_with_parent() -> None:
    """In the child, on Linux: be sent SIGTERM when the workstation dies, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        PR_SET_PDEATHSIG = 1  # the kernel's name for it
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class EmbeddedBackOffice:
    """The child service; a context manager that always stops it."""

    def __init__(self, settings: Settings, departments: list[str], port: int | None = None,
                 database_url: str | None = None) -> None:
        """`database_url`: SQLite in the folder unless given (tests run the same on PostgreSQL)."""
        self.folder = settings.data_dir / "backoffice"
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        database = database_url or f"sqlite:///{self.folder / 'backoffice.sqlite3'}"
        self.command = [
            sys.executable, "-m", "clerk_app", "backoffice", "serve",
            "--db", database, "--data-dir", str(self.folder),
            "--host", "127.0.0.1", "--port", str(self.port), "--departments", ",".join(departments),
        ]
        if settings.demo:
            self.command += ["--demo-hall", settings.hall.code]
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def log_path(self) -> Path:
        return self.folder / "service.log"

    def start(self) -> EmbeddedBackOffice:
        self.folder.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log_file:
            self.process = subprocess.Popen(self.command, stdout=log_file, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        log.info("embedded back office starting at %s (log: %s)", self.url, self.log_path)
        return self

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def settings_for(self, settings: Settings) -> Settings:
        """The workstation's settings pointing sync at this service."""
        username = settings.backoffice.username
        return replace(settings, backoffice=BackofficeSettings(url=self.url, username=username))

    def __enter__(self) -> EmbeddedBackOffice:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()


@contextmanager
def around_session(settings: Settings, catalogue: Catalogue) -> Iterator[Settings]:
    """The settings to run the workstation with: a configured back office wins over the embedded one."""
    if settings.backoffice.url:
        yield settings
        return
    with EmbeddedBackOffice(settings, sorted(catalogue.departments)) as service:
        yield service.settings_for(settings)
