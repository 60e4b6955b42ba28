"""Serving the back office with several worker processes (`clerk-app backoffice serve --workers N`).

The service keeps no state of its own (everything is in the database and the data directory), so
N uvicorn worker processes can share one listening socket and one PostgreSQL database; one
Python process uses one core, so workers are how the service uses a machine's cores. The parent
migrates the database once, then hands the settings to the workers through the environment,
where `app_from_environment` (uvicorn's app factory) reads them. SQLite serialises its writers
per process only, so several workers need PostgreSQL.

uvicorn's workers share a listening socket made without IPPROTO_TCP, so asyncio does not set
TCP_NODELAY on the connections they accept, and an answer written as headers then body waits
~40 ms for the client's delayed ACK; `NoDelayH11Protocol` sets it on every connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
from dataclasses import asdict, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

from clerk_app.backoffice.app import create_app
from clerk_app.backoffice.db import is_postgresql, make_engine
from clerk_app.backoffice.migrations import migrate
from clerk_app.backoffice.settings import Settings

SETTINGS_ENV = "CLERK_APP_BACKOFFICE_SETTINGS"
DATA_KEY_ENV = "CLERK_APP_BACKOFFICE_DATA_KEY"  # the data key, for the workers only (popped by each)
FACTORY = "clerk_app.backoffice.serving:app_from_environment"


class WorkersNeedPostgresqlError(ValueError):
    """Several worker processes on one SQLite file would wait for each other's writes by sleeping."""


def serve_workers(settings: Settings, workers: int, **uvicorn_options: Any) -> None:
    """Migrate once, then run `workers` uvicorn processes of the app (blocks until stopped)."""
    import uvicorn

    engine = make_engine(settings.database_url)
    try:
        if not is_postgresql(engine):
            raise WorkersNeedPostgresqlError("several workers need PostgreSQL (--db postgresql://…)")
        migrate(engine)
    finally:
        engine.dispose()
    os.environ[SETTINGS_ENV] = settings_text(settings)
    if settings.data_key is not None:  # the workers are spawned: they inherit the environment, nothing else
        os.environ[DATA_KEY_ENV] = settings.data_key.material.hex()
    uvicorn.run(FACTORY, factory=True, workers=workers, http=NoDelayH11Protocol, **uvicorn_options)


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, with TCP_NODELAY on its connection (see the module's text)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


def app_from_environment() -> FastAPI:
    settings = settings_from_text(os.environ[SETTINGS_ENV])
    key = os.environ.pop(DATA_KEY_ENV, "")
    if key:
        from clerk_app.backoffice.at_rest import parse_key

        settings = replace(settings, data_key=parse_key(key, DATA_KEY_ENV))
    return create_app(settings, migrate_database=False)


def settings_text(settings: Settings) -> str:
    """The settings as JSON, without the data key (which never goes into this text)."""
    values = asdict(replace(settings, data_key=None))
    values.pop("data_key")
    values["data_dir"] = str(settings.data_dir)
    values["token_ttl"] = settings.token_ttl.total_seconds()
    values["departments"] = sorted(settings.departments) if settings.departments is not None else None
    return json.dumps(values, ensure_ascii=False)


def settings_from_text(text: str) -> Settings:
    values = json.loads(text)
    values["data_dir"] = Path(values["data_dir"])
    values["token_ttl"] = timedelta(seconds=values["token_ttl"])
    if values["departments"] is not None:
        values["departments"] = frozenset(values["departments"])
    return Settings(**values)
