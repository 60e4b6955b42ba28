"""Reading the back office's audit trail in tests, and running `clerk-app audit verify` as a person would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Engine

from clerk_app.backoffice import audit
from clerk_app.backoffice.audit_keys import PUBLIC_NAME
from clerk_app.backoffice.schema import audit_log

ROOT = Path(__file__).resolve().parents[2]


class Trail:
    """The entries appended since the last look."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.seen = self.head()

    def head(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(sa.select(sa.func.max(audit_log.c.seq))).scalar() or 0)

    def new(self) -> list[tuple[str, str, str]]:
        """(action, actor, subject) of each entry appended since the last call."""
        fresh = [item.entry for item in audit.entries(self.engine) if item.entry.seq > self.seen]
        if fresh:
            self.seen = fresh[-1].seq
        return [(e.action, e.actor, e.subject) for e in fresh]


def public_key_file(data_dir: Path) -> Path:
    return data_dir / PUBLIC_NAME


def verify_command(url: str, public_key: Path | None) -> subprocess.CompletedProcess[str]:
    """`python -m clerk_app audit verify --backoffice-db URL [--public-key FILE]` in a child process."""
    command = [sys.executable, "-m", "clerk_app", "audit", "verify", "--backoffice-db", url]
    if public_key is not None:
        command += ["--public-key", str(public_key)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
