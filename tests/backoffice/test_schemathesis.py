"""Property-based checks of every operation against the published OpenAPI document (schemathesis).

The app is made when the module is imported, because schemathesis reads the schema then; it runs
on SQLite with an admin token (admins may call every route), a few examples per operation.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from clerk_app.backoffice.app import create_app
from clerk_app.backoffice.auth import sign_in
from tests.backoffice.conftest import PASSWORD, add_users, make_settings

_ROOT = Path(tempfile.mkdtemp(prefix="clerk-schemathesis-"))
_SETTINGS = make_settings(f"sqlite:///{_ROOT / 'bo.sqlite3'}", _ROOT / "data")
APP = create_app(_SETTINGS)
add_users(APP.state.engine)
TOKEN = sign_in(APP.state.engine, _SETTINGS, "admin", PASSWORD)[0]
# No 5xx, and every answer (errors included) matches the published schema. The stricter
# "request acceptance" checks are left out: the API adds its own rules (e.g. deny needs a reason).
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance, status_code_conformance]
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _cleanup() -> Iterator[None]:
    yield
    APP.state.engine.dispose()
    shutil.rmtree(_ROOT, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms(case) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS)
