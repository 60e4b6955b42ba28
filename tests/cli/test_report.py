"""`clerk-app report bulletin`: a seeded quarter to a PDF whose text holds the figures counted from the seed.

Run as a user would (a subprocess), from the database (SQLite and PostgreSQL) and from the running
embedded back office (signed in as the demo supervisor, signed out after); the pages are rendered
by pdftoppm. Bad dates, an empty period and unreachable sources end with a message and an exit
code, never a traceback, and leave no file behind.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtGui import QImage

from clerk_app.backoffice.db import make_engine
from clerk_app.backoffice.migrations import migrate
from clerk_app.backoffice.schema import sign_in_sessions
from clerk_app.catalogue.loader import load_default_catalogue
from clerk_app.config.demo import DEMO_PASSWORD
from clerk_app.core.bulletin import Period
from clerk_app.core.catalogue import Catalogue
from tests.backoffice.bulletin_counts import Expected, expected
from tests.backoffice.bulletin_seed import SeededQuarter, plan_quarter, write_quarter
from tests.backoffice.conftest import fresh_pg_database, pg_server  # noqa: F401 (a fixture)
from tests.cli.test_embedded import _wait_until_up
from tests.support import require_program
from tests.ui.dashboard_seed import seeded_service

Q3 = Period.quarter(2026, 3)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_default_catalogue().catalogue


@pytest.fixture(scope="module")
def quarter(catalogue: Catalogue) -> SeededQuarter:
    return plan_quarter(catalogue, Q3)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             quarter: SeededQuarter) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('report') / 'bo.sqlite3'}"
    else:
        url = fresh_pg_database(request.getfixturevalue("pg_server"))
    engine = make_engine(url)
    migrate(engine)
    write_quarter(engine, quarter)
    engine.dispose()
    yield url


def clerk_app(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLERK_APP_DATA": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    env.pop("CLERK_APP_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "clerk_app", "report", "bulletin", *args], input=stdin,
                          capture_output=True, text=True, timeout=240, env=env, cwd=tmp_path)


def pdf_text(path: Path) -> str:
    done = subprocess.run([require_program("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True)
    return done.stdout


def assert_figures(text: str, total: Expected, departments: dict[str, Expected]) -> None:
    flat = re.sub(r"\s+", "", text)  # pdftotext breaks the paragraphs' lines anywhere
    assert f"共受理办件{total.cases}件，办结{total.completed}件" in flat
    assert f"超期办件{total.overdue}件" in flat
    assert f"网上办件{total.online}件" in flat
    assert f"共评价{total.evaluations}次，涉及办件{total.evaluated}件" in flat
    assert f"差评（不满意、非常不满意）{total.bad}次" in flat
    for name, figures in departments.items():  # 附表1's rows: 部门 办件量 办结量 办结率 超期办件 网上办件
        row = (rf"\b\d+\s+{name}\s+{figures.cases}\s+{figures.completed}\s+[\d.]+%\s+{figures.overdue}"
               rf"\s+{figures.online}\s")
        assert re.search(row, text), name
    assert re.search(r"合计\s+" + rf"{total.cases}\s+{total.completed}\s", text)


def assert_rendered(pdf: Path, tmp_path: Path) -> int:
    prefix = tmp_path / "page"
    subprocess.run([require_program("pdftoppm"), "-r", "40", "-png", str(pdf), str(prefix)], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    for page in pages:
        image = QImage(str(page))
        assert not image.isNull() and image.width() > 300
        step = max(1, image.width() // 40)
        assert len({image.pixel(x, y) for x in range(0, image.width(), step)
                    for y in range(0, image.height(), step)}) > 3, f"{page.name} looks empty"
    return len(pages)


def test_bulletin_from_the_database(tmp_path: Path, database: str, quarter: SeededQuarter,
                                    catalogue: Catalogue) -> None:
    out = tmp_path / "q3.pdf"
    done = clerk_app(tmp_path, "--from", "2026-07-01", "--to", "2026-09-30", "-o", str(out), "--db", database,
                     "--hall", "中宁县市民服务中心")
    assert done.returncode == 0, done.stderr
    want = expected(quarter, Q3, catalogue)
    text = pdf_text(out)
    assert "中宁县市民服务中心" in text and "关于2026年第三季度" in text and "政务服务工作情况的通报" in text
    assert_figures(text, want["total"], want["departments"])  # type: ignore[arg-type]
    pages = assert_rendered(out, tmp_path)
    assert pages >= 5 and f"第1页 共{pages}页" in text and f"{pages} pages" in done.stdout
    assert not list(tmp_path.glob("*.part"))


def test_bulletin_from_the_running_back_office(tmp_path: Path, catalogue: Catalogue) -> None:
    office, quarter = seeded_service(tmp_path / "bo", catalogue, date.today())
    period = quarter.period
    out = tmp_path / "last.pdf"
    with office as service:
        _wait_until_up(service.url)
        args = ["--from", period.start.isoformat(), "--to", period.end.isoformat(), "-o", str(out),
                "--backoffice", service.url, "--user", "chief", "--password-stdin"]
        done = clerk_app(tmp_path, *args, stdin=DEMO_PASSWORD + "\n")
        assert done.returncode == 0, done.stderr
        refused = clerk_app(tmp_path, *args[:-3], "--user", "chief", "--password-stdin", stdin="wrong password\n")
        assert refused.returncode == 1 and "sign-in as chief refused" in refused.stderr
    want = expected(quarter, period, catalogue)
    assert_figures(pdf_text(out), want["total"], want["departments"])  # type: ignore[arg-type]
    engine = make_engine(f"sqlite:///{tmp_path / 'bo' / 'backoffice' / 'backoffice.sqlite3'}")
    with engine.connect() as connection:
        ended = connection.execute(sa.select(sign_in_sessions.c.ended_at)
                                   .where(sign_in_sessions.c.username == "chief")).scalars().all()
    engine.dispose()
    assert ended and all(moment is not None for moment in ended)  # the command signed out


@pytest.mark.parametrize(("args", "code", "words"), [
    (["--from", "2026-02-30", "--to", "2026-03-31"], 2, "“2026-02-30” is not a date"),
    (["--from", "2026-09-30", "--to", "2026-07-01"], 2, "ends (2026-07-01) before it starts (2026-09-30)"),
    (["--from", "2020-01-01", "--to", "2026-09-30"], 2, "at most 731 days"),
    (["--from", "2025-01-01", "--to", "2025-03-31"], 1, "no case was accepted from 2025-01-01 to 2025-03-31"),
])
def test_bad_input_and_empty_periods_end_with_words(tmp_path: Path, database: str, args: list[str], code: int,
                                                    words: str) -> None:
    out = tmp_path / "x.pdf"
    done = clerk_app(tmp_path, *args, "-o", str(out), "--db", database)
    assert done.returncode == code and words in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not out.exists()


@pytest.mark.parametrize(("source", "words"), [
    (["--db", "sqlite:///nowhere/bo.sqlite3"], "no such back-office database"),
    (["--db", "postgresql://nobody@127.0.0.1:1/bo"], "cannot read the database"),
    (["--backoffice", "http://127.0.0.1:9", "--user", "chief", "--password-stdin"], "cannot be reached"),
    ([], "give --db URL or --backoffice URL"),
])
def test_unreachable_sources_exit_3(tmp_path: Path, source: list[str], words: str) -> None:
    done = clerk_app(tmp_path, "--from", "2026-07-01", "--to", "2026-09-30", "-o", str(tmp_path / "x.pdf"), *source,
                     stdin="x\n")
    assert done.returncode == 3 and words in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
