"""A throwaway PostgreSQL cluster for the tests (or the URL in CLERK_APP_TEST_PG_URL)."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

ENV_URL = "CLERK_APP_TEST_PG_URL"
_shared: dict[str, str] = {}
_stack = ExitStack()
atexit.register(_stack.close)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """A started cluster's server URL (no database part); raises RuntimeError when it cannot start."""
    for program in ("initdb", "pg_ctl"):
        if shutil.which(program) is None:
            raise RuntimeError(f"{program} is not installed")
    root = Path(tempfile.mkdtemp(prefix="clerk-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = free_port()
    try:
        _run(["initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"])
        options = f"-p {port} -k {root} -h 127.0.0.1 -c fsync=off -c max_connections=200"
        _run(["pg_ctl", "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "-t", "30", "start"])
        try:
            yield f"postgresql://postgres@127.0.0.1:{port}"
        finally:
            subprocess.run(_as_postgres(["pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop"]),
                           capture_output=True, check=False)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _run(command: list[str]) -> None:
    done = subprocess.run(_as_postgres(command), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {done.stderr.strip() or done.stdout.strip()}")


def shared_cluster() -> str:
    """One throwaway cluster per test process, however many fixtures ask (stopped at exit).

    Several test packages define a session fixture for PostgreSQL; each would otherwise start a
    cluster of its own. Raises RuntimeError when the cluster cannot start.
    """
    if "url" not in _shared:
        _shared["url"] = _stack.enter_context(throwaway_cluster())
    return _shared["url"]
