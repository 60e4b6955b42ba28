"""Case numbers: per window and day, committed when given, never twice, even from two processes."""

from __future__ import annotations

import multiprocessing
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from clerk_app.core.case_number import CaseNumberError, parse_case_number
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database
from tests.store import workers
from tests.store.sample import DAY, HALL, WINDOW


def test_numbers_count_up_per_window_and_day(cases: CaseStore) -> None:
    assert cases.allocate_number(HALL, WINDOW, DAY) == "BT01-W07-20261123-0001"
    assert cases.allocate_number(HALL, WINDOW, DAY) == "BT01-W07-20261123-0002"
    assert cases.allocate_number(HALL, "W08", DAY) == "BT01-W08-20261123-0001"
    assert cases.allocate_number("BT02", WINDOW, DAY) == "BT02-W07-20261123-0001"
    assert cases.allocate_number(HALL, WINDOW, date(2026, 11, 24)) == "BT01-W07-20261124-0001"
    assert cases.allocate_number(HALL, WINDOW, DAY) == "BT01-W07-20261123-0003"


def test_codes_are_normalised(cases: CaseStore) -> None:
    assert cases.allocate_number(" bt01", "w07 ", DAY) == "BT01-W07-20261123-0001"
    assert cases.allocate_number(HALL, WINDOW, DAY) == "BT01-W07-20261123-0002"


def test_bad_codes_are_refused(cases: CaseStore) -> None:
    with pytest.raises(CaseNumberError):
        cases.allocate_number("BT-01", WINDOW, DAY)


def test_a_given_number_is_committed(cases: CaseStore, db_path: Path) -> None:
    cases.allocate_number(HALL, WINDOW, DAY)
    other = open_database(db_path)
    try:
        assert CaseStore(other).allocate_number(HALL, WINDOW, DAY).endswith("-0002")
    finally:
        other.dispose()


@pytest.mark.slow
def test_two_processes_never_get_the_same_number(engine: Engine, db_path: Path) -> None:
    per_process = 200
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    processes = [
        context.Process(target=workers.allocate_many, args=(str(db_path), per_process, barrier, results))
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    batches = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0
    numbers = [number for batch in batches for number in batch]
    assert len(numbers) == len(set(numbers)) == 2 * per_process
    sequences = sorted(parse_case_number(n).sequence for n in numbers)
    assert sequences == list(range(1, 2 * per_process + 1))  # no crash, so no gap either
    first = [parse_case_number(n).sequence for n in batches[0]]
    overlapped = first != list(range(first[0], first[0] + per_process))
    print(f"\ntwo processes, {2 * per_process} numbers, unique; allocations interleaved: {overlapped}")
