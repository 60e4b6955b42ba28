"""Sign-in sessions: opened with the token, marked as seen at most once a minute, ended by giving the token back."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from clerk_app.backoffice import sessions
from clerk_app.backoffice.auth import aware, now
from clerk_app.backoffice.schema import sign_in_sessions
from tests.backoffice.conftest import PASSWORD, Api
from tests.backoffice.sample import body, case, path


def _rows(api: Api) -> list[sa.Row]:
    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        return connection.execute(sa.select(sign_in_sessions).order_by(sign_in_sessions.c.id)).all()


def test_sign_in_opens_a_session_named_by_the_workstation(api: Api) -> None:
    answer = api.client.post("/api/v1/auth/token", json={"username": "clerk", "password": PASSWORD},
                             headers={sessions.CLIENT_HEADER: "BT01-W07"})
    assert answer.status_code == 200
    (row,) = _rows(api)
    assert (row.username, row.client, row.ended_at) == ("clerk", "BT01-W07", None)
    assert row.started_at == row.last_seen_at and abs(aware(row.started_at) - now()) < timedelta(minutes=1)


def test_use_is_noted_once_a_minute_and_revoking_ends_the_session(api: Api) -> None:
    api.client.app.state.seen_clock = sessions.SeenClock(every=3600)  # type: ignore[attr-defined]
    c = case()
    assert api.call("PUT", path(c), "clerk", content=body(c)).status_code == 201
    (row,) = _rows(api)
    first_seen = row.last_seen_at
    assert first_seen >= row.started_at
    assert api.call("GET", "/changes", "clerk").status_code == 200
    assert _rows(api)[0].last_seen_at == first_seen  # within the minute: not written again
    api.client.app.state.seen_clock = sessions.SeenClock(every=0)  # type: ignore[attr-defined]
    assert api.call("GET", "/changes", "clerk").status_code == 200
    assert _rows(api)[0].last_seen_at > first_seen

    token = api.tokens["clerk"]
    assert api.client.post("/api/v1/auth/revoke", json={"token": token}).status_code == 204
    (row,) = _rows(api)
    assert row.ended_at is not None and row.ended_at == row.last_seen_at
    assert api.call("GET", "/changes", "clerk").status_code == 401  # the token no longer works
    again = api.client.post("/api/v1/auth/revoke", json={"token": token})
    assert again.status_code == 204 and _rows(api)[0].ended_at == row.ended_at  # nothing changes twice
    assert api.client.post("/api/v1/auth/revoke", json={"token": "unknown"}).status_code == 204
