"""Back-office benchmarks on PostgreSQL (prints figures, asserts nothing).

1. Ingest: 16 concurrent clients submitting cases over loopback HTTP to `clerk-app backoffice serve`
   (one uvicorn process), against a raw INSERT loop of the same rows measured in the same run.
   Goals: >= 1,000 cases/s and >= 0.3x the raw loop.
2. Department queue page p95 with N cases in the database (goal <= 20 ms with 1 M cases).

    .venv/bin/python benchmarks/bench_backoffice.py [--cases N] [--ingest N] [--pg-url URL]

Without --pg-url (or CLERK_APP_TEST_PG_URL) a throwaway cluster is started.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import date
from pathlib import Path

import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.backoffice.pg import ENV_URL, free_port, throwaway_cluster
from tests.backoffice.sample import body, case

DEPARTMENTS = [f"dept{i:02d}" for i in range(20)]


def fresh_database(server: str, name: str) -> str:
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def start_server(url: str, data_dir: Path) -> tuple[subprocess.Popen, str]:
    cli = [sys.executable, "-m", "clerk_app", "backoffice"]
    subprocess.run([*cli, "account", "add", "bench", "--role", "admin", "--db", url, "--data-dir", str(data_dir),
                    "--password-stdin"], input="bench password\n", text=True, check=False, capture_output=True)
    port = free_port()
    server = subprocess.Popen([*cli, "serve", "--db", url, "--data-dir", str(data_dir), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/api/v1"
    for _ in range(300):
        try:
            requests.get(f"{base}/health", timeout=1)
            return server, base
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def bench_ingest(server_url: str, count: int) -> None:
    url = fresh_database(server_url, "bench_ingest")
    with tempfile.TemporaryDirectory() as tmp:
        server, base = start_server(url, Path(tmp))
        try:
            token = requests.post(f"{base}/auth/token", json={"username": "bench", "password": "bench password"},
                                  timeout=10).json()["token"]
            made = [case(departments=(DEPARTMENTS[i % 20],)) for i in range(count)]
            payloads = [(c.id, body(c)) for c in made]
            local = threading.local()

            def submit(item: tuple[str, bytes]) -> int:
                if not hasattr(local, "session"):
                    local.session = requests.Session()
                    local.session.headers.update({"Authorization": f"Bearer {token}",
                                                  "Content-Type": "application/json"})
                return local.session.put(f"{base}/cases/{item[0]}/revisions/1", data=item[1], timeout=30).status_code

            started = time.perf_counter()
            with ThreadPoolExecutor(16) as pool:
                statuses = list(pool.map(submit, payloads))
            http_rate = count / (time.perf_counter() - started)
        finally:
            server.terminate()
            server.wait(timeout=15)
    assert all(s == 201 for s in statuses), set(statuses)
    raw_rate = raw_insert_rate(url, payloads)
    print(f"ingest: {count} cases, 16 clients over HTTP: {http_rate:,.0f} cases/s (goal >= 1,000)")
    print(f"ingest: raw INSERT loop (revision + case row, one transaction each): {raw_rate:,.0f} cases/s")
    print(f"ingest: ratio HTTP/raw = {http_rate / raw_rate:.2f} (goal >= 0.3)")


def raw_insert_rate(url: str, payloads: list[tuple[str, bytes]]) -> float:
    with psycopg.connect(url) as connection:
        started = time.perf_counter()
        for case_id, raw in payloads:
            key = "raw" + case_id[3:]
            with connection.transaction():
                connection.execute(
                    "INSERT INTO case_revisions VALUES (%s, 1, %s, 'x', 'bench', now())", (key, raw))
                connection.execute(
                    "INSERT INTO cases VALUES (%s, 1, %s, 'BT01', 'n', 'a', '[\"d\"]', 'synced', NULL, true, NULL,"
                    " NULL, now(), now())", (key, key))
        return len(payloads) / (time.perf_counter() - started)


def bench_queue(server_url: str, total: int) -> None:
    url = fresh_database(server_url, "bench_queue")
    with tempfile.TemporaryDirectory() as tmp:
        server, base = start_server(url, Path(tmp))
        server.terminate()
        server.wait(timeout=15)
    print(f"queue: loading {total:,} cases into PostgreSQL …")
    load_cases(url, total)
    with tempfile.TemporaryDirectory() as tmp:
        server, base = start_server(url, Path(tmp))
        try:
            token = requests.post(f"{base}/auth/token", json={"username": "bench", "password": "bench password"},
                                  timeout=10).json()["token"]
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {token}"
            timings = []
            for i in range(300):
                query = f"department={DEPARTMENTS[i % 20]}&state=synced&page={1 + i % 5}&size=50"
                started = time.perf_counter()
                answer = session.get(f"{base}/queue?{query}", timeout=10)
                timings.append((time.perf_counter() - started) * 1000)
                assert answer.status_code == 200
        finally:
            server.terminate()
            server.wait(timeout=15)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95)]
    print(f"queue: {total:,} cases, page of 50 over HTTP: median {statistics.median(timings):.1f} ms, "
          f"p95 {p95:.1f} ms (goal <= 20 ms with 1,000,000 cases)")


def load_cases(url: str, total: int) -> None:
    """Bulk rows in SQL (generate_series): 30% waiting (synced), the rest decided."""
    base = date(2026, 1, 5)
    with psycopg.connect(url) as connection:
        connection.execute("""
            INSERT INTO cases
            SELECT 'C' || lpad(g::text, 12, '0'), 1, 'N' || g, 'BT01', '事项', '申请人', '["dept' ||
                   lpad((g %% 20)::text, 2, '0') || '"]',
                   CASE WHEN g %% 10 < 3 THEN 'synced' ELSE 'approved' END,
                   %s::date + (g %% 400), true, NULL, NULL, now(), now()
            FROM generate_series(1, %s) AS g""", (base, total))
        connection.execute("""
            INSERT INTO queue SELECT 'dept' || lpad((g %% 20)::text, 2, '0'), 'C' || lpad(g::text, 12, '0'),
                   CASE WHEN g %% 10 < 3 THEN 'synced' ELSE 'approved' END, %s::date + (g %% 400)
            FROM generate_series(1, %s) AS g""", (base, total))
        connection.execute("ANALYZE")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=200_000, help="cases in the queue benchmark")
    parser.add_argument("--ingest", type=int, default=3_000, help="cases submitted in the ingest benchmark")
    parser.add_argument("--pg-url", default=os.environ.get(ENV_URL, ""), help="PostgreSQL server URL")
    args = parser.parse_args()
    with ExitStack() as stack:
        server_url = args.pg_url.rsplit("/", 1)[0] if args.pg_url.count("/") > 2 else args.pg_url
        if not server_url:
            server_url = stack.enter_context(throwaway_cluster())
        bench_ingest(server_url, args.ingest)
        bench_queue(server_url, args.cases)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
