"""What encryption at rest costs: intake commit and case list latency, SQLCipher vs plain SQLite, same run.

    .venv/bin/python benchmarks/bench_encryption.py [--dir DIR] [--saves 300] [--day 2500] [--days 2]

Both databases are made the way the workstation makes them (`open_database`, WAL, synchronous=FULL);
the encrypted one with a data key (SQLCipher 4, raw 256-bit key, HMAC per page). Also: storing and
reading back a scan through the `FileVault` (AES-256-GCM) against plain files. Run it on the disk
the workstation uses; a tmpfs hides the fsync that dominates the commit.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import accepted_case, percentile, timed

from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database
from clerk_app.store.keys import DataKey
from clerk_app.store.vault import FileVault

DAY = date(2026, 11, 23)
KEY = DataKey.generate("benchmark")
MODES: dict[str, DataKey | None] = {"plain": None, "encrypted": KEY}


def line(label: str, samples: list[float]) -> str:
    return f"  {label:<10} p50 {statistics.median(samples):8.2f}  p95 {percentile(samples, 0.95):8.2f}" \
           f"  max {max(samples):8.2f}"


def ratio(results: dict[str, list[float]]) -> str:
    p50 = statistics.median(results["encrypted"]) / statistics.median(results["plain"])
    p95 = percentile(results["encrypted"], 0.95) / percentile(results["plain"], 0.95)
    return f"  encrypted / plain: p50 x{p50:.2f}, p95 x{p95:.2f}"


def save_latency(folder: Path, mode: str, saves: int) -> list[float]:
    """CaseStore.save of an accepted case (number taken, five materials, decision), as 受理 commits it."""
    engine = open_database(folder / f"save-{mode}.sqlite3", key=MODES[mode])
    store = CaseStore(engine)
    for i in range(20):  # warm up: pool, statement cache, file growth
        store.save(accepted_case(store, i, DAY))
    samples = []
    for i in range(20, saves + 20):
        case = accepted_case(store, i, DAY)  # allocate_number is a write of its own, like the window's
        begin = time.perf_counter()
        store.save(case)
        samples.append((time.perf_counter() - begin) * 1000)
    engine.dispose()
    return samples


def bench_saves(folder: Path, saves: int) -> None:
    results: dict[str, list[float]] = {}
    for round_ in range(2):  # interleaved, so that disk and CPU weather hits both alike
        for mode in MODES:
            results.setdefault(mode, []).extend(save_latency(folder / f"r{round_}", mode, saves // 2))
    print(f"intake commit: CaseStore.save of an accepted case ({saves} saves each, milliseconds):")
    for mode, samples in results.items():
        print(line(mode, samples))
    print(ratio(results))


def seed(path: Path, key: DataKey | None, per_day: int, days: int) -> None:
    engine = open_database(path, key=key, synchronous="NORMAL")  # seeding only; the timings use FULL
    store = CaseStore(engine)
    for offset in range(days):
        for i in range(per_day):
            store.save(accepted_case(store, offset * per_day + i, DAY - timedelta(days=offset)))
    engine.dispose()


def bench_list(folder: Path, per_day: int, days: int, runs: int = 40) -> None:
    begin = time.perf_counter()
    for mode, key in MODES.items():
        seed(folder / f"list-{mode}.sqlite3", key, per_day, days)
    print(f"seeded {per_day * days} cases ({per_day} a day, {days} days) twice in {time.perf_counter() - begin:.1f} s")
    stores = {mode: CaseStore(open_database(folder / f"list-{mode}.sqlite3", key=key)) for mode, key in MODES.items()}
    queries: dict[str, Callable[[CaseStore], object]] = {
        f"one day ({per_day} cases)": lambda s: s.list_cases(day=DAY, limit=per_day + 100),
        "newest 200": lambda s: s.list_cases(),
        "text: surname 王": lambda s: s.list_cases(text="王"),
    }
    print(f"case list: list_cases (milliseconds, {runs} runs each, warm cache):")
    for label, query in queries.items():
        results = {mode: [] for mode in MODES}
        for _ in range(2):
            for mode, store in stores.items():
                query(store)  # warm
                results[mode].extend(timed(lambda store=store, query=query: query(store), runs // 2))
        print(f" {label}")
        for mode, samples in results.items():
            print(line(mode, samples))
        print(ratio(results))
    for mode, store in stores.items():
        store.engine.dispose()
        size = (folder / f"list-{mode}.sqlite3").stat().st_size
        print(f"  {mode} database: {size / 1e6:.1f} MB")


def bench_scans(folder: Path, count: int = 40, size: int = 1_500_000) -> None:
    """A scanned material (~1.5 MB PDF) stored (fsync) and read back, sealed vs plain."""
    scans = [os.urandom(size) for _ in range(count)]
    results: dict[str, dict[str, list[float]]] = {"put": {}, "get": {}}
    for mode, key in MODES.items():
        vault = FileVault(folder / f"files-{mode}", key)
        puts, gets = [], []
        for data in scans:
            begin = time.perf_counter()
            digest = vault.put(data)
            puts.append((time.perf_counter() - begin) * 1000)
            begin = time.perf_counter()
            vault.get(digest)
            gets.append((time.perf_counter() - begin) * 1000)
        results["put"][mode], results["get"][mode] = puts, gets
    for step, label in (("put", "store (fsync)"), ("get", "read back, verified")):
        print(f"scan of {size / 1e6:.1f} MB, {label} ({count} files, milliseconds):")
        for mode, samples in results[step].items():
            print(line(mode, samples))
        print(ratio(results[step]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None, help="folder for the databases (default: a temp folder)")
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--day", type=int, default=2500, help="cases on the listed day")
    parser.add_argument("--days", type=int, default=2, help="days of cases in the database")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=options.dir) as name:
        folder = Path(name)
        print(f"databases in {folder}")
        for round_ in range(2):
            (folder / f"r{round_}").mkdir()
        bench_saves(folder, options.saves)
        bench_list(folder, options.day, options.days)
        bench_scans(folder)


if __name__ == "__main__":
    main()
