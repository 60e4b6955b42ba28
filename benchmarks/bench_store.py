"""Local store benchmark: what durability costs per accepted case, and how fast the case list is.

    .venv/bin/python benchmarks/bench_store.py [--dir DIR] [--saves 300] [--cases 10000]

Run it on the disk the workstation uses (a tmpfs makes every fsync free and the ratio 1).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from ulid import ULID

from clerk_app.core.case import Applicant, Case, Decision, DecisionKind, MaterialReceipt
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import Synchronous, open_database

CST = timezone(timedelta(hours=8))
START = datetime(2026, 11, 2, 8, 30, tzinfo=CST)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"
MATTERS = [("gaj-jzz", "居住证签注"), ("mzj-jhdj", "婚姻登记"), ("rsj-syj", "失业保险金申领"),
           ("scjgj-spjyxk", "食品经营许可"), ("wjw-sydj", "生育登记")]


def accepted_case(store: CaseStore, index: int, day: date) -> Case:
    """A realistic accepted case: applicant, answers, five materials, a decision."""
    name = SURNAMES[index % 20] + GIVEN[(index // 20) % 20] + GIVEN[(index // 400) % 20]
    code, matter = MATTERS[index % len(MATTERS)]
    created = datetime.combine(day, START.timetz()) + timedelta(minutes=index % 480)
    draft = Case(
        id=str(ULID()), number=store.allocate_number("BT01", "W07", day), code=code, name=matter,
        matter_codes=(code,), departments=("公安局",), hall_code="BT01", window_code="W07", created_at=created,
        clerk="demo", applicant=Applicant(kind="自然人", name=name, id_number=f"150203{19800101 + index:08d}0000",
                                          phone="13800138000", address="包头市昆都仑区钢铁大街1号"),
        answers={"居住地址": "钢铁大街1号", "单位": "包钢集团", "居住事由": "工作", "联系电话": "13800138000"},
        materials=tuple(
            MaterialReceipt(key=f"m{i}", name=f"材料{i}", necessity="必要", required=True, received=True,
                            form="原件", copies=1, scans=("ab" * 32,))
            for i in range(5)
        ),
    )
    decision = Decision(kind=DecisionKind.ACCEPT, by="demo", by_name="演示窗口人员", at=created + timedelta(minutes=6))
    return draft.decided(decision)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        begin = time.perf_counter()
        action()
        samples.append((time.perf_counter() - begin) * 1000)
    return samples


def save_latency(folder: Path, synchronous: Synchronous, saves: int) -> list[float]:
    engine = open_database(folder / f"save-{synchronous.lower()}.sqlite3", synchronous=synchronous)
    store = CaseStore(engine)
    cases = [accepted_case(store, i, date(2026, 11, 23)) for i in range(saves + 20)]
    for case in cases[:20]:  # warm up: pool, statement cache, file growth
        store.save(case)
    samples = []
    for case in cases[20:]:
        begin = time.perf_counter()
        store.save(case)
        samples.append((time.perf_counter() - begin) * 1000)
    engine.dispose()
    return samples


def bench_saves(folder: Path, saves: int) -> None:
    results = {mode: save_latency(folder, mode, saves) for mode in ("FULL", "NORMAL")}
    print(f"save of an accepted case ({saves} saves, milliseconds):")
    for mode, samples in results.items():
        print(f"  synchronous={mode:<6}  p50 {statistics.median(samples):7.2f}  p95 {percentile(samples, 0.95):7.2f}"
              f"  max {max(samples):7.2f}")
    ratio = statistics.median(results["FULL"]) / statistics.median(results["NORMAL"])
    ratio95 = percentile(results["FULL"], 0.95) / percentile(results["NORMAL"], 0.95)
    print(f"  FULL / NORMAL: p50 x{ratio:.2f}, p95 x{ratio95:.2f}")


def bench_list(folder: Path, count: int) -> None:
    path = folder / "list.sqlite3"
    engine = open_database(path, synchronous="NORMAL")  # seeding only; the timings below use FULL
    store = CaseStore(engine)
    begin = time.perf_counter()
    first_day = date(2026, 11, 2)
    for i in range(count):
        store.save(accepted_case(store, i, first_day + timedelta(days=i // 400)))
    print(f"seeded {count} cases in {time.perf_counter() - begin:.1f} s")
    engine.dispose()
    engine = open_database(path)
    store = CaseStore(engine)
    sample = store.list_cases(limit=1)[0]
    some_day = first_day + timedelta(days=count // 800)
    queries: dict[str, Callable[[], object]] = {
        "newest 200": lambda: store.list_cases(),
        "one day (400 cases)": lambda: store.list_cases(day=some_day, limit=500),
        "text: surname 王": lambda: store.list_cases(text="王"),
        "text: number fragment": lambda: store.list_cases(text=sample.number[-9:]),
        "text: no match": lambda: store.list_cases(text="不存在的名字"),
        "states: accepted": lambda: store.list_cases(states=["accepted"]),
        "previous_answers": lambda: store.previous_answers(sample.applicant_id_number),
        "get one case": lambda: store.get(sample.id),
    }
    print(f"list_cases over {count} cases (milliseconds, 30 runs):")
    for label, action in queries.items():
        samples = timed(action, 30)
        print(f"  {label:<24} p50 {statistics.median(samples):7.2f}  p95 {percentile(samples, 0.95):7.2f}")
    engine.dispose()
    print(f"database size: {path.stat().st_size / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None, help="folder for the databases (default: a temp folder)")
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--cases", type=int, default=10_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=options.dir) as folder:
        print(f"databases in {folder}")
        bench_saves(Path(folder), options.saves)
        bench_list(Path(folder), options.cases)


if __name__ == "__main__":
    main()
