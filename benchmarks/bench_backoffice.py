"""Back-office benchmarks on PostgreSQL (prints figures, asserts nothing).

1. Ingest: 16 concurrent clients submitting cases over loopback HTTP to `clerk-app backoffice serve
   --workers W`, once one case per request (`PUT /cases/{id}/revisions/1`) and once in batches
   (`POST /submissions`, as the sync engine sends a backlog), against a raw INSERT loop measured in
   the same run: the rows one submission writes (revision, case, queue row, history row, queue
   counter), one connection, one transaction per case, as a naive server would.
   Goals: >= 1,000 cases/s and >= 0.3x the raw loop.
2. Department queue page p95 with N cases loaded (goal <= 20 ms with 1 M cases).

    .venv/bin/python benchmarks/bench_backoffice.py [--cases N] [--ingest N] [--workers W] [--pg-url URL]

Without --pg-url (or CLERK_APP_TEST_PG_URL) a throwaway cluster is started.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
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
CLIENTS = 16
BATCH = 50
PASSWORD = "bench password"


def fresh_database(server: str, name: str) -> str:
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def start_server(url: str, data_dir: Path, workers: int) -> tuple[subprocess.Popen, str]:
    cli = [sys.executable, "-m", "clerk_app", "backoffice"]
    subprocess.run([*cli, "account", "add", "bench", "--role", "admin", "--db", url, "--data-dir", str(data_dir),
                    "--password-stdin"], input=f"{PASSWORD}\n", text=True, check=False, capture_output=True)
    port = free_port()
    server = subprocess.Popen([*cli, "serve", "--db", url, "--data-dir", str(data_dir), "--port", str(port),
                               "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/api/v1"
    for _ in range(300):
        try:
            requests.get(f"{base}/health", timeout=1)
            return server, base
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=30)


def sign_in(base: str) -> str:
    return requests.post(f"{base}/auth/token", json={"username": "bench", "password": PASSWORD},
                         timeout=10).json()["token"]


def sessions(token: str) -> Callable[[], requests.Session]:
    local = threading.local()

    def session() -> requests.Session:
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.headers.update({"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        return local.session

    return session


def payloads(count: int) -> list[tuple[str, bytes]]:
    made = [case(departments=(DEPARTMENTS[i % 20],)) for i in range(count)]
    return [(c.id, body(c)) for c in made]


def ingest_rate(server_url: str, name: str, count: int, workers: int, batch: int) -> tuple[float, str]:
    """Cases per second over HTTP with 16 clients; one per request when `batch` is 1."""
    url = fresh_database(server_url, name)
    items = payloads(count)
    with tempfile.TemporaryDirectory() as tmp:
        server, base = start_server(url, Path(tmp), workers)
        try:
            session = sessions(sign_in(base))

            def put(item: tuple[str, bytes]) -> list[int]:
                answer = session().put(f"{base}/cases/{item[0]}/revisions/1", data=item[1], timeout=60)
                return [answer.status_code]

            def post(group: Sequence[tuple[str, bytes]]) -> list[int]:
                items_ = [{"case_id": cid, "revision": 1, "body": raw.decode()} for cid, raw in group]
                answer = session().post(f"{base}/submissions", json={"items": items_}, timeout=60)
                return [r["status"] for r in answer.json()["results"]]

            work: list = items if batch == 1 else [items[i:i + batch] for i in range(0, count, batch)]
            started = time.perf_counter()
            with ThreadPoolExecutor(CLIENTS) as pool:
                statuses = [s for answer in pool.map(put if batch == 1 else post, work) for s in answer]
            rate = count / (time.perf_counter() - started)
        finally:
            stop(server)
    assert statuses == [201] * count, set(statuses)
    return rate, url


def raw_insert_rate(url: str, items: list[tuple[str, bytes]]) -> float:
    """The rows of one submission, inserted by one connection with a commit per case."""
    with psycopg.connect(url) as connection:
        started = time.perf_counter()
        for index, (case_id, raw) in enumerate(items):
            key, department = "raw" + case_id[3:], DEPARTMENTS[index % 20]
            with connection.transaction():
                connection.execute("INSERT INTO case_revisions VALUES (%s, 1, %s, %s, 'bench', now())",
                                   (key, raw, hashlib.sha256(raw).hexdigest()))
                connection.execute(
                    "INSERT INTO cases VALUES (%s, 1, %s, 'BT01', 'n', 'a', %s, 'synced', '2026-12-04', true, NULL,"
                    " NULL, now(), now())", (key, key, f'["{department}"]'))
                connection.execute("INSERT INTO queue VALUES (%s, %s, 'synced', '2026-12-04')", (department, key))
                connection.execute(
                    "INSERT INTO history (case_id, revision, kind, from_state, to_state, actor, at, detail)"
                    " VALUES (%s, 1, 'submission', NULL, 'synced', 'bench', now(), %s)",
                    (key, '{"window_decision":"accept"}'))
                connection.execute(
                    "INSERT INTO queue_counts VALUES (%s, 'synced', 1) ON CONFLICT (department, state)"
                    " DO UPDATE SET n = queue_counts.n + 1", (department,))
        return len(items) / (time.perf_counter() - started)


def bench_ingest(server_url: str, count: int, workers: int) -> None:
    single, _ = ingest_rate(server_url, "bench_ingest_put", count, workers, 1)
    batched, url = ingest_rate(server_url, "bench_ingest_batch", count, workers, BATCH)
    raw = raw_insert_rate(url, payloads(count))
    print(f"ingest: {count} cases, {CLIENTS} clients, {workers} worker(s), one PUT per case: {single:,.0f} cases/s")
    print(f"ingest: {count} cases, {CLIENTS} clients, {workers} worker(s), POST /submissions of {BATCH}: "
          f"{batched:,.0f} cases/s (goal >= 1,000)")
    print(f"ingest: raw INSERT loop (revision, case, queue row, history row, counter; a commit per case): "
          f"{raw:,.0f} cases/s")
    print(f"ingest: ratio HTTP/raw = {batched / raw:.2f} batched, {single / raw:.2f} one per request (goal >= 0.3)")


def bench_queue(server_url: str, total: int, workers: int) -> None:
    url = fresh_database(server_url, "bench_queue")
    with tempfile.TemporaryDirectory() as tmp:
        server, _base = start_server(url, Path(tmp), 1)  # migrates the new database
        stop(server)
    print(f"queue: loading {total:,} cases into PostgreSQL …", flush=True)
    started = time.perf_counter()
    load_cases(url, total)
    print(f"queue: loaded in {time.perf_counter() - started:.0f} s")
    with tempfile.TemporaryDirectory() as tmp:
        server, base = start_server(url, Path(tmp), workers)
        try:
            session = sessions(sign_in(base))()
            waiting = timed(session, base, [f"department={DEPARTMENTS[i % 20]}&state=synced&page={1 + i % 5}&size=50"
                                            for i in range(300)])
            whole = timed(session, base, [f"department={DEPARTMENTS[i % 20]}&page={1 + i % 5}&size=50"
                                          for i in range(100)])
            two = timed(session, base, [f"page={1 + i % 5}&size=50" for i in range(100)], supervisor(base, url))
        finally:
            stop(server)
    report(f"queue: {total:,} cases, one department, waiting cases, page of 50 over HTTP", waiting,
           " (goal <= 20 ms with 1,000,000 cases)")
    report("queue: one department, every state", whole)
    report("queue: a supervisor of two departments, every state", two)


def supervisor(base: str, url: str) -> str:
    subprocess.run([sys.executable, "-m", "clerk_app", "backoffice", "account", "add", "sup2", "--role", "supervisor",
                    "--departments", "dept03,dept04", "--db", url, "--data-dir", tempfile.gettempdir(),
                    "--password-stdin"], input=f"{PASSWORD}\n", text=True, check=False, capture_output=True)
    return requests.post(f"{base}/auth/token", json={"username": "sup2", "password": PASSWORD},
                         timeout=10).json()["token"]


def timed(session: requests.Session, base: str, queries: list[str], token: str | None = None) -> list[float]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    session.get(f"{base}/queue?{queries[0]}", headers=headers, timeout=10)  # the token is looked up once
    timings = []
    for query in queries:
        started = time.perf_counter()
        answer = session.get(f"{base}/queue?{query}", headers=headers, timeout=10)
        timings.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200 and answer.json()["items"], answer.text[:200]
    return sorted(timings)


def report(label: str, timings: list[float], goal: str = "") -> None:
    p95 = timings[int(len(timings) * 0.95)]
    print(f"{label}: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms{goal}")


def load_cases(url: str, total: int) -> None:
    """Bulk rows in SQL (generate_series): in each department 30% waiting (synced), the rest decided."""
    base = date(2026, 1, 5)
    state = "CASE WHEN (g / 20) %% 10 < 3 THEN 'synced' ELSE 'approved' END"
    department = "'dept' || lpad((g %% 20)::text, 2, '0')"
    with psycopg.connect(url) as connection:
        connection.execute(f"""
            INSERT INTO cases
            SELECT 'C' || lpad(g::text, 12, '0'), 1, 'N' || g, 'BT01', '事项', '申请人', '["' || {department} || '"]',
                   {state}, %s::date + (g %% 400), true, NULL, NULL, now(), now()
            FROM generate_series(1, %s) AS g""", (base, total))
        connection.execute(f"""
            INSERT INTO queue SELECT {department}, 'C' || lpad(g::text, 12, '0'), {state}, %s::date + (g %% 400)
            FROM generate_series(1, %s) AS g""", (base, total))
        connection.execute("INSERT INTO queue_counts SELECT department, state, count(*) FROM queue"
                           " GROUP BY department, state")
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases in the queue benchmark")
    parser.add_argument("--ingest", type=int, default=5_000, help="cases submitted in the ingest benchmark")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server worker processes")
    parser.add_argument("--pg-url", default=os.environ.get(ENV_URL, ""), help="PostgreSQL server URL")
    args = parser.parse_args()
    with ExitStack() as stack:
        server_url = args.pg_url.rsplit("/", 1)[0] if args.pg_url.count("/") > 2 else args.pg_url
        if not server_url:
            server_url = stack.enter_context(throwaway_cluster())
        print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} before the run")
        if args.ingest:
            bench_ingest(server_url, args.ingest, args.workers)
        if args.cases:
            bench_queue(server_url, args.cases, args.workers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
