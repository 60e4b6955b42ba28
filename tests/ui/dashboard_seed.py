"""A back office whose database holds a seeded quarter, started as the embedded service (tests and pictures)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from clerk_app.backoffice.db import make_engine
from clerk_app.backoffice.migrations import migrate
from clerk_app.cli.embedded import EmbeddedBackOffice, free_port
from clerk_app.config.settings import Settings
from clerk_app.core.catalogue import Catalogue
from clerk_app.ui.supervisor.dashboard import chosen_period
from tests.backoffice.bulletin_seed import SeededQuarter, plan_quarter, write_quarter


def seeded_service(folder: Path, catalogue: Catalogue, today: date, *, database_url: str | None = None,
                   scale: float = 0.3) -> tuple[EmbeddedBackOffice, SeededQuarter]:
    """Last quarter (as the dashboard's chooser names it) written into the service's database, not started."""
    settings = Settings(data_dir=folder)
    url = database_url or f"sqlite:///{folder / 'backoffice' / 'backoffice.sqlite3'}"
    (folder / "backoffice").mkdir(parents=True, exist_ok=True)
    quarter = plan_quarter(catalogue, chosen_period("last_quarter", today), scale=scale)
    engine = make_engine(url)
    try:
        migrate(engine)
        write_quarter(engine, quarter)
    finally:
        engine.dispose()
    # any free port, not the usual 8700: another back office on this machine may come and go there
    return EmbeddedBackOffice(settings, sorted(catalogue.departments), port=free_port(0),
                              database_url=database_url), quarter
