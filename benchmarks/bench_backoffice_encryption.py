"""What encryption at rest costs the back office: submissions with their scans, encrypted vs plain, same run.

    .venv/bin/python benchmarks/bench_backoffice_encryption.py [--cases 300] [--pages 3] [--page-kb 150]
                                                              [--rounds 2] [--dir DIR]

The back office runs as `clerk-app backoffice serve` on SQLite in a process of its own, once plain
and once with `--data-key-env` (SQLCipher database, files sealed as they stream in: the embedded
back office's setup), the rounds interleaved so that disk and CPU weather hits both alike. A
workstation store drains `cases` accepted cases of `pages` scans each to it (the sync engine:
batched submissions, files on 8 connections), then an admin downloads every scan (decrypted and
checked on the way out). Run it on the disk the service uses; a tmpfs hides the fsyncs.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import requests  # noqa: E402
from bench_sync import _case, _page  # noqa: E402

from clerk_app.cli.embedded import free_port  # noqa: E402
from clerk_app.store.cases import CaseStore  # noqa: E402
from clerk_app.store.engine import open_database  # noqa: E402
from clerk_app.sync.client import BackOfficeClient  # noqa: E402
from clerk_app.sync.engine import SyncEngine  # noqa: E402

KEY_ENV = "BENCH_BACKOFFICE_DATA_KEY"
ACCOUNTS = {"bench": ("clerk", "bench-password"), "boss": ("admin", "boss-password")}
CLI = [sys.executable, "-m", "clerk_app", "backoffice"]


def start(data: Path, encrypted: bool) -> tuple[subprocess.Popen[bytes], str]:
    database = ["--db", f"sqlite:///{data / 'bo.sqlite3'}", "--data-dir", str(data)]
    keyed = ["--data-key-env", KEY_ENV] if encrypted else []
    for name, (role, password) in ACCOUNTS.items():
        subprocess.run([*CLI, "account", "add", name, "--role", role, "--hall", "BT01", *database, *keyed,
                        "--password-stdin"], input=f"{password}\n".encode(), check=True, capture_output=True, cwd=ROOT)
    port = free_port(0)
    process = subprocess.Popen([*CLI, "serve", *database, *keyed, "--port", str(port)], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(400):
        if BackOfficeClient(url).health().ok:
            return process, url
        time.sleep(0.05)
    raise SystemExit("the back office did not start")


def drain(store: CaseStore, files: Path, url: str) -> float:
    client = BackOfficeClient(url)
    assert client.sign_in("bench", ACCOUNTS["bench"][1]).ok
    began = time.perf_counter()
    summary = SyncEngine(store, client, files, concurrency=8).run_once()
    elapsed = time.perf_counter() - began
    client.close()
    assert summary.backlog == 0, summary
    return elapsed


def download_all(url: str, digests: list[str]) -> float:
    token = requests.post(f"{url}/api/v1/auth/token", json={"username": "boss", "password": ACCOUNTS["boss"][1]},
                          timeout=10).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}

    def fetch(digest: str) -> None:
        body = requests.get(f"{url}/api/v1/files/{digest}", headers=headers, timeout=30).content
        assert hashlib.sha256(body).hexdigest() == digest

    began = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(fetch, digests))
    return time.perf_counter() - began


def one_round(root: Path, mode: str, args: argparse.Namespace) -> tuple[float, float, int]:
    """Drain and download seconds, and the bytes of scans, for one fresh workstation and back office."""
    store = CaseStore(open_database(root / "ws" / "store.sqlite3"))
    files = root / "ws" / "files"
    files.mkdir(parents=True)
    digests: list[str] = []
    for index in range(1, args.cases + 1):
        scans = tuple(_page(files, args.page_kb * 1024) for _ in range(args.pages))
        digests += scans
        store.save(_case(index, scans))
    process, url = start(root / "bo", mode == "encrypted")
    try:
        drained = drain(store, files, url)
        downloaded = download_all(url, digests)
    finally:
        process.terminate()
        process.wait(10)
        store.engine.dispose()
    return drained, downloaded, sum(p.stat().st_size for p in files.iterdir())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--page-kb", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()
    os.environ[KEY_ENV] = os.urandom(32).hex()
    root = Path(args.dir or tempfile.mkdtemp(prefix="bench_bo_enc_"))
    results: dict[str, list[tuple[float, float, int]]] = {"plain": [], "encrypted": []}
    for round_ in range(args.rounds):
        for mode in results:
            results[mode].append(one_round(root / f"r{round_}-{mode}", mode, args))
    print(f"{os.cpu_count()} cores; {args.cases} cases × {args.pages} scans × {args.page_kb} kB per round, "
          f"{args.rounds} rounds each, interleaved")
    drains = {mode: statistics.median(r[0] for r in rounds) for mode, rounds in results.items()}
    reads = {mode: statistics.median(r[1] for r in rounds) for mode, rounds in results.items()}
    megabytes = results["plain"][0][2] / 1e6
    for mode in results:
        print(f"  {mode:<10} push: {args.cases / drains[mode]:7.1f} cases/s, {megabytes / drains[mode]:6.1f} MB/s"
              f"   download: {megabytes / reads[mode]:6.1f} MB/s (medians)")
    print(f"  encrypted / plain: push throughput x{drains['plain'] / drains['encrypted']:.2f}, "
          f"download throughput x{reads['plain'] / reads['encrypted']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
