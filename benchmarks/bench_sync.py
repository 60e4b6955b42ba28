"""Sync benchmark: drain a day's backlog to the real back office over loopback.

    .venv/bin/python benchmarks/bench_sync.py [--cases 2549] [--pages 3] [--page-kb 150] [--dir DIR]
                                              [--case-batch 100] [--concurrency 8]

Zhongning's hall handled 2,549 cases a day; each here has `pages` scanned files of `page-kb`
kilobytes. The back office (`clerk_app.backoffice`, SQLite) runs under uvicorn in its own process,
so client and server do not share an interpreter. The engine uploads files on `concurrency`
connections and sends `case-batch` revisions per `POST /submissions` (1: one `PUT` each).
Goal: the whole day drained in at most 60 s.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ulid import ULID  # noqa: E402

from clerk_app.core.case import Applicant, Case, Decision, DecisionKind, MaterialReceipt  # noqa: E402
from clerk_app.store.cases import CaseStore  # noqa: E402
from clerk_app.store.engine import open_database  # noqa: E402
from clerk_app.sync.client import BackOfficeClient  # noqa: E402
from clerk_app.sync.engine import SyncEngine  # noqa: E402

CST = timezone(timedelta(hours=8))
CLERK, PASSWORD = "bench", "bench-password"
SERVE = """
import sys, uvicorn
from pathlib import Path
from clerk_app.backoffice.accounts import add_account
from clerk_app.backoffice.app import create_app
from clerk_app.backoffice.settings import Settings
data = Path(sys.argv[1])
app = create_app(Settings(database_url=f"sqlite:///{data / 'bo.sqlite3'}", data_dir=data))
add_account(app.state.engine, "bench", role="clerk", password="bench-password", hall_code="BT01")
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="critical", access_log=False)
"""


def make_cases(store: CaseStore, files: Path, count: int, pages: int, size: int) -> float:
    files.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for index in range(1, count + 1):
        scans = tuple(_page(files, size) for _ in range(pages))
        store.save(_case(index, scans))
    return time.perf_counter() - started


def _page(files: Path, size: int) -> str:
    data = b"%PDF-1.7\n" + os.urandom(size)
    digest = hashlib.sha256(data).hexdigest()
    (files / f"{digest}.pdf").write_bytes(data)
    return digest


def _case(index: int, scans: tuple[str, ...]) -> Case:
    at = datetime(2026, 11, 23, 8, 30, tzinfo=CST) + timedelta(seconds=index * 10)
    material = MaterialReceipt(key="id", name="身份证", necessity="必要", required=True, received=True,
                               form="复印件", copies=1, scans=scans)
    draft = Case(id=str(ULID()), number=f"BT01-W07-20261123-{index:04d}", code="gaj-jzz", name="居住证签注",
                 matter_codes=("gaj-jzz",), departments=("公安局",), hall_code="BT01", window_code="W07",
                 created_at=at, clerk="demo", applicant=Applicant(kind="自然人", name=f"申请人{index}"),
                 materials=(material,))
    decision = Decision(kind=DecisionKind.ACCEPT, by="demo", by_name="演示", at=at + timedelta(minutes=5))
    return replace(draft.decided(decision))


def serve(data: Path) -> tuple[subprocess.Popen[bytes], str]:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-c", SERVE, str(data), str(port)], cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    client = BackOfficeClient(url)
    for _ in range(200):
        if client.health().ok:
            return process, url
        time.sleep(0.05)
    raise SystemExit("the back office did not start")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2549)
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--page-kb", type=int, default=150)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--case-batch", type=int, default=100, help="revisions per POST /submissions (1: PUT each)")
    parser.add_argument("--file-batch", type=int, default=16, help="files per POST /files (1: PUT each)")
    parser.add_argument("--concurrency", type=int, default=8, help="connections uploading files")
    args = parser.parse_args()
    root = Path(args.dir or tempfile.mkdtemp(prefix="bench_sync_"))
    store = CaseStore(open_database(root / "ws" / "store.sqlite3"))
    files = root / "ws" / "files"
    made = make_cases(store, files, args.cases, args.pages, args.page_kb * 1024)
    process, url = serve(root / "bo")
    try:
        client = BackOfficeClient(url)
        assert client.sign_in(CLERK, PASSWORD).ok
        engine = SyncEngine(store, client, files, case_batch=args.case_batch, file_batch=args.file_batch,
                            concurrency=args.concurrency)
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; case batch {args.case_batch}, "
              f"file batch {args.file_batch}, "
              f"{args.concurrency} connections", flush=True)
        started = time.perf_counter()
        summary = engine.run_once()
        elapsed = time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(10)
    megabytes = summary.uploaded_bytes / 1e6
    print(f"cases {args.cases} × {args.pages} pages × {args.page_kb} kB (made and queued in {made:.1f} s)")
    print(f"drained in {elapsed:.1f} s: pushed {summary.pushed}, replayed {summary.replayed}, "
          f"conflicts {summary.conflicts}, quarantined {summary.quarantined}, backlog {summary.backlog}")
    print(f"{args.cases / elapsed:.1f} cases/s, {megabytes / elapsed:.1f} MB/s ({megabytes:.0f} MB); "
          f"a day of 2,549 cases ≈ {2549 / (args.cases / elapsed):.0f} s (goal ≤ 60 s)")
    return 0 if summary.backlog == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
