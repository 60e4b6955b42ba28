"""The back-office ASGI application: `create_app(settings)`.

Stateless: everything lives in the database and the data directory, so several instances (or
processes) may serve one PostgreSQL database; each migrates it on start under an advisory lock.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from clerk_app import __version__
from clerk_app.backoffice import (
    at_rest,
    audit,
    errors,
    filestore,
    routes_accounts,
    routes_audit,
    routes_cases,
    routes_feed,
    routes_files,
    routes_follow_ups,
    routes_queue,
    routes_statistics,
)
from clerk_app.backoffice.audit_keys import load_signer
from clerk_app.backoffice.auth import PrincipalCache
from clerk_app.backoffice.db import make_engine
from clerk_app.backoffice.migrations import migrate
from clerk_app.backoffice.settings import Settings

PREFIX = "/api/v1"


def create_app(settings: Settings, *, migrate_database: bool = True) -> FastAPI:
    sealer = at_rest.prepare(settings)  # with a data key: checked, plain data encrypted; raises DataKeyError
    engine = make_engine(settings.database_url, pool_size=settings.pool_size, key=settings.data_key)
    if migrate_database:
        migrate(engine)
    (settings.files_dir / "tmp").mkdir(parents=True, exist_ok=True)
    filestore.sweep_stale_uploads(settings.files_dir)
    audit.attach(engine, load_signer(settings.data_dir, settings.audit_key_file))  # raises AuditKeyError

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        title="clerk_app back office", version=__version__, lifespan=lifespan,
        openapi_url=f"{PREFIX}/openapi.json", docs_url=f"{PREFIX}/docs", redoc_url=None,
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.sealer = sealer  # None: files kept plain
    app.state.principals = PrincipalCache(settings.auth_cache_seconds)
    errors.install(app)
    for module in (routes_accounts, routes_cases, routes_files, routes_feed, routes_queue, routes_follow_ups,
                   routes_audit):
        app.include_router(module.router, prefix=PREFIX)
    app.include_router(routes_statistics.router, prefix=PREFIX)
    return app
