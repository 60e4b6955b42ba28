"""The real thing: `clerk-app backoffice serve` as a subprocess (uvicorn), over HTTP, and the CLI."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.backoffice.pg import free_port

CLI = [sys.executable, "-m", "clerk_app"]


def test_serve_answers_health_and_sign_in(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'bo.sqlite3'}"
    added = subprocess.run([*CLI, "backoffice", "account", "add", "boss", "--role", "admin", "--db", db,
                            "--data-dir", str(tmp_path / "data"), "--password-stdin"],
                           input="long password\n", capture_output=True, text=True, timeout=60, check=False)
    assert added.returncode == 0, added.stderr
    port = free_port()
    server = subprocess.Popen([*CLI, "backoffice", "serve", "--db", db, "--data-dir", str(tmp_path / "data"),
                               "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = requests.get(f"{base}/health", timeout=2)
                break
            except requests.ConnectionError:
                assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
                assert time.monotonic() < deadline, "the server did not start within 30 s"
                time.sleep(0.1)
        assert health.json() == {"status": "ok", "database": "sqlite"}
        token = requests.post(f"{base}/auth/token", json={"username": "boss", "password": "long password"}, timeout=5)
        assert token.status_code == 200 and token.json()["role"] == "admin"
        assert requests.get(f"{base}/queue", timeout=5).status_code == 401
        assert requests.get(f"{base}/openapi.json", timeout=5).json()["info"]["title"]
    finally:
        server.terminate()
        server.wait(timeout=15)
