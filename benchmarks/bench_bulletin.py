"""The bulletin of a seeded quarter (about 6,500 cases): reading its figures and drawing the PDF.

    python benchmarks/bench_bulletin.py

Seeds a throwaway SQLite back office with tests.backoffice.bulletin_seed, then times
`backoffice.statistics.read_report` (best of three) and `documents.bulletin.render_bulletin`.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clerk_app.backoffice.db import make_engine
from clerk_app.backoffice.migrations import migrate
from clerk_app.backoffice.statistics import Scope, read_report
from clerk_app.catalogue.loader import load_default_catalogue
from clerk_app.core.bulletin import Period
from clerk_app.documents.bulletin import render_bulletin
from tests.backoffice.bulletin_seed import plan_quarter, write_quarter

QUARTER = Period.quarter(2026, 3)


def main() -> None:
    catalogue = load_default_catalogue().catalogue
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bo.sqlite3'}")
        migrate(engine)
        write_quarter(engine, plan_quarter(catalogue, QUARTER))
        timings = []
        for _ in range(3):
            began = time.perf_counter()
            report = read_report(engine, QUARTER, Scope(), catalogue)
            timings.append(time.perf_counter() - began)
        began = time.perf_counter()
        pages = render_bulletin(report, Path(folder) / "q3.pdf", hall="包头市政务服务中心", issued_on=date(2026, 10, 9))
        drawn = time.perf_counter() - began
        engine.dispose()
    print(f"statistics of {report.bulletin.total.cases} cases (SQLite): {min(timings) * 1000:.0f} ms best of 3")
    print(f"bulletin PDF, {pages} pages: {drawn * 1000:.0f} ms")


if __name__ == "__main__":
    main()
