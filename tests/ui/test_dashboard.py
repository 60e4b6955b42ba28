"""The 统计 tab of the supervisor screen, on the real embedded back office (SQLite and PostgreSQL).

The service's database holds last quarter, seeded; the supervisor signs in, opens the tab, and
the figures shown — key figures, the department table, the charts — are the ones counted here from
the seeded facts. Then the chooser: a custom period ending before it starts is refused on the spot.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from clerk_app.cli.embedded import EmbeddedBackOffice
from clerk_app.config.demo import DEMO_PASSWORD
from clerk_app.config.settings import BackofficeSettings, Settings
from clerk_app.core.bulletin import BulletinError, Period
from clerk_app.ui.app import Library, build_workstation
from clerk_app.ui.context import Clerk
from clerk_app.ui.supervisor.dashboard import CHOICES, chosen_period
from clerk_app.ui.supervisor.window import SupervisorWindow
from tests.backoffice.bulletin_counts import counted, expected
from tests.backoffice.bulletin_seed import SeededQuarter
from tests.backoffice.conftest import fresh_pg_database, pg_server  # noqa: F401 (a fixture)
from tests.cli.test_embedded import _wait_until_up
from tests.ui.dashboard_seed import seeded_service


def test_period_choices() -> None:
    today = date(2026, 11, 23)
    assert chosen_period("this_quarter", today) == Period(date(2026, 10, 1), today)
    assert chosen_period("last_quarter", today) == Period.quarter(2026, 3)
    assert chosen_period("last_quarter", date(2026, 2, 1)) == Period.quarter(2025, 4)
    assert chosen_period("this_month", today) == Period(date(2026, 11, 1), today)
    assert chosen_period("last_month", date(2026, 3, 5)) == Period(date(2026, 2, 1), date(2026, 2, 28))
    assert chosen_period("custom", today, date(2026, 1, 5), date(2026, 1, 9)) == Period(date(2026, 1, 5),
                                                                                          date(2026, 1, 9))
    with pytest.raises(BulletinError):
        chosen_period("custom", today, date(2026, 1, 9), date(2026, 1, 5))


@pytest.fixture(params=["sqlite", "postgresql"])
def service(request: pytest.FixtureRequest, tmp_path: Path, library: Library
            ) -> Iterator[tuple[EmbeddedBackOffice, SeededQuarter]]:
    url = fresh_pg_database(request.getfixturevalue("pg_server")) if request.param == "postgresql" else None
    office, quarter = seeded_service(tmp_path / "bo", library.catalogue, date.today(), database_url=url)
    with office as running:
        _wait_until_up(running.url)
        yield running, quarter


@pytest.fixture
def screen(qtbot, qapp: QApplication, tmp_path: Path, library: Library,
           service: tuple[EmbeddedBackOffice, SeededQuarter]) -> Iterator[SupervisorWindow]:
    settings = Settings(data_dir=tmp_path / "sup", demo=False, backoffice=BackofficeSettings(url=service[0].url))
    ws = build_workstation(qapp, settings, library).workstation
    ws.clerk = Clerk("chief", "演示科长", "supervisor")
    window = SupervisorWindow(ws, backoffice_credentials=("chief", DEMO_PASSWORD))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    with qtbot.waitSignal(window.review.signed_in, timeout=20000):
        window.show()
    yield window
    window.review.stop()
    ws.db.shutdown()
    ws.printing.shutdown()


def test_the_tab_shows_last_quarter_as_counted_from_the_seed(qtbot, screen: SupervisorWindow, library: Library,
                                                           service: tuple[EmbeddedBackOffice, SeededQuarter]) -> None:
    quarter, dashboard = service[1], screen.dashboard
    assert dashboard.choice.currentIndex() == CHOICES.index("last_quarter")
    with qtbot.waitSignal(dashboard.loader.loaded, timeout=30000):
        screen.tabs.setCurrentWidget(dashboard)
    period = chosen_period("last_quarter", date.today())
    want = expected(quarter, period, library.catalogue)
    total = want["total"]
    assert dashboard.report is not None and dashboard.report.bulletin.period == period
    assert total.cases == len(counted(quarter, period)) > 1000
    assert f">{total.cases}<" in dashboard.cards["cases"].text()
    assert f">{total.overdue}<" in dashboard.cards["overdue"].text()
    assert f">{total.bad}<" in dashboard.cards["bad"].text()
    table = dashboard.tables["departments"]
    shown = {table.item(r, 0).text(): [int(table.item(r, c).text()) for c in (1, 2, 4, 5)]
             for r in range(table.rowCount())}
    assert shown.pop("合计") == [total.cases, total.completed, total.overdue, total.online]
    assert shown == {name: [f.cases, f.completed, f.overdue, f.online] for name, f in want["departments"].items()}
    bars = dashboard.charts["departments"].bars
    assert [(bar.label, bar.value) for bar in bars] == sorted(((n, f.cases) for n, f in want["departments"].items()),
                                                             key=lambda item: (-item[1], item[0]))
    assert sum(bar.value for bar in dashboard.charts["ratings"].bars) == sum(want["ratings"].values())
    assert "办件" in dashboard.status.text() and str(total.cases) in dashboard.status.text()


def test_a_custom_period_that_ends_first_is_refused_without_asking(qtbot, screen: SupervisorWindow) -> None:
    dashboard = screen.dashboard
    screen.tabs.setCurrentWidget(dashboard)
    qtbot.waitUntil(lambda: not dashboard.loader.loading, timeout=30000)
    dashboard.choice.setCurrentIndex(CHOICES.index("custom"))
    assert dashboard.start.isVisible() and dashboard.end.isVisible()
    today = date.today()
    dashboard.start.setDate(today)
    dashboard.end.setDate(today - timedelta(days=3))
    with qtbot.assertNotEmitted(dashboard.period_requested):
        dashboard.run.click()
    assert "早于" in dashboard.status.text() and dashboard.status.property("role") == "problem"
    dashboard.end.setDate(today)
    with qtbot.waitSignal(dashboard.loader.loaded, timeout=30000):
        dashboard.run.click()
    assert dashboard.report is not None and dashboard.report.bulletin.period == Period(today, today)
