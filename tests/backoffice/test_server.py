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


def test_serve_with_two_workers_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    added = subprocess.run([*CLI, "backoffice", "account", "add", "boss", "--role", "admin", "--db", pg_url,
                            "--data-dir", data, "--password-stdin"],
                           input="long password\n", capture_output=True, text=True, timeout=60, check=False)
    assert added.returncode == 0, added.stderr
    port = free_port()
    server = subprocess.Popen([*CLI, "backoffice", "serve", "--db", pg_url, "--data-dir", data, "--port", str(port),
                               "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert requests.get(f"{base}/health", timeout=2).json()["database"] == "postgresql"
                break
            except requests.ConnectionError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        session = requests.Session()
        token = session.post(f"{base}/auth/token", json={"username": "boss", "password": "long password"},
                             timeout=5).json()["token"]
        started = time.perf_counter()
        for _ in range(10):  # both workers answer at once (TCP_NODELAY), not after a delayed ACK
            assert session.get(f"{base}/queue", headers={"Authorization": f"Bearer {token}"}, timeout=5).ok
        assert time.perf_counter() - started < 2.0
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_several_workers_need_postgresql(tmp_path: Path) -> None:
    done = subprocess.run([*CLI, "backoffice", "serve", "--db", f"sqlite:///{tmp_path / 'bo.sqlite3'}", "--data-dir",
                           str(tmp_path / "data"), "--port", str(free_port()), "--workers", "2"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and "PostgreSQL" in done.stderr
