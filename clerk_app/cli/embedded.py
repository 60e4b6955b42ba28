"""The embedded back office of `make run`: a `clerk-app backoffice serve` child on loopback.

With no back-office address configured, `clerk-app --embedded-backoffice` starts the service in a
child process (SQLite and files under the workstation's data folder, `backoffice/`), with the demo
accounts when the configuration asks for the demo, points the workstation's sync at it, and stops
it when the workstation closes. The workstation starts at once; sync finds the service when it is
up, like any back office that comes online.

Its data sits in the workstation's data folder, so it is encrypted when that folder is
(`[security] key_source` not "none"): SQLCipher for its SQLite database, sealed files
(`clerk_app.backoffice.at_rest`), under a key derived from the folder's data key
(`at_rest.embedded_key`), made here from the same settings the workstation opens its folder with.
The key goes to the child on its standard input, one line read at its start (`--data-key-stdin`):

- not on the command line, which every user of the machine can read (`ps`, /proc/PID/cmdline);
- not in a file beside the data, the very thing encryption at rest must not rely on;
- not in an environment variable: the child's initial environment stays readable in
  /proc/PID/environ for its whole life even after the variable is removed, and whatever it starts
  before removing it inherits it;
- a pipe holds the key only until the child reads it, then it lives in the two processes' memory
  alone; standard input is a pipe on every platform (another inherited descriptor needs POSIX).

When the key cannot be had (lost enrolment secret, locked keyring) or does not open the back
office's data, nothing is started or changed: the reason is logged at ERROR (the child's own words
also in `backoffice/service.log`), `failure` keeps it, and the workstation's sync indicator shows
the back office as offline.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from clerk_app.config.settings import BackofficeSettings, Settings
from clerk_app.core.catalogue import Catalogue

if TYPE_CHECKING:
    from clerk_app.store.keys import DataKey

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
        self.settings = settings
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
        self.failure: str | None = None  # why the service is not running, when it could not start
        self._stopping = False

    @property
    def log_path(self) -> Path:
        return self.folder / "service.log"

    def start(self) -> EmbeddedBackOffice:
        from clerk_app.store.errors import StoreError

        try:
            key = self.data_key()
        except StoreError as error:
            self.failure = f"the embedded back office was not started: {error.text('en')}"
            log.error("%s", self.failure)
            return self
        self.folder.mkdir(parents=True, exist_ok=True)
        command = self.command + (["--data-key-stdin", "--key-origin", "workstation"] if key is not None else [])
        with self.log_path.open("ab") as log_file:
            self.process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT,
                                            stdin=subprocess.PIPE if key is not None else subprocess.DEVNULL,
                                            preexec_fn=_die_with_parent)
        if key is not None:
            assert self.process.stdin is not None
            with self.process.stdin as handover:  # 65 bytes: the pipe takes them without waiting for the child
                handover.write(key.material.hex().encode("ascii") + b"\n")
        threading.Thread(target=self._watch, args=(self.process,), name="embedded-backoffice", daemon=True).start()
        log.info("embedded back office starting at %s (log: %s%s)", self.url, self.log_path,
                 ", data encrypted" if key is not None else "")
        return self

    def data_key(self) -> DataKey | None:
        """The service's key, derived from the workstation folder's; None when that folder is plain.

        Raises the store's key errors (the folder's key is lost, or not the one it was made with).
        """
        if not self.settings.security.encrypted:
            return None
        from clerk_app.backoffice.at_rest import embedded_key
        from clerk_app.store.keys import folder_key

        root = folder_key(self.settings.data_dir, self.settings.security, generate_secret=self.settings.demo)
        return embedded_key(root) if root is not None else None

    def _watch(self, process: subprocess.Popen[bytes]) -> None:
        """Log, in the workstation's log, a service that stopped by itself (a wrong key, a broken folder)."""
        code = process.wait()
        if self._stopping or code == 0:
            return
        self.failure = f"the embedded back office stopped (exit {code}): {_last_line(self.log_path)}"
        log.error("%s; the workstation works offline (see %s)", self.failure, self.log_path)

    def stop(self) -> None:
        self._stopping = True
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


def _last_line(path: Path) -> str:
    """The last non-empty line of the service's log (its reason, when it stopped at start)."""
    try:
        with path.open("rb") as stream:
            stream.seek(0, 2)
            stream.seek(max(0, stream.tell() - 4096))
            lines = [line.strip() for line in stream.read().decode("utf-8", "replace").splitlines() if line.strip()]
    except OSError:
        return "no log"
    return lines[-1] if lines else "no log"


@contextmanager
def around_session(settings: Settings, catalogue: Catalogue) -> Iterator[Settings]:
    """The settings to run the workstation with: a configured back office wins over the embedded one."""
    if settings.backoffice.url:
        yield settings
        return
    with EmbeddedBackOffice(settings, sorted(catalogue.departments)) as service:
        yield service.settings_for(settings)
