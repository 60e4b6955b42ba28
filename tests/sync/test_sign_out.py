"""Signing out ends the back-office session: the sync worker gives the token back (`POST /auth/revoke`).

Against the real back office: once the workstation's sync stops (sign-out, switching clerk, closing
the window all stop it), the token's sign-in session shows ended and the token is refused. Offline
the token is just dropped, within the short timeout.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa
from PySide6.QtWidgets import QApplication

from clerk_app.backoffice.auth import token_digest
from clerk_app.backoffice.schema import sign_in_sessions, tokens
from clerk_app.config.settings import BackofficeSettings, Settings
from clerk_app.sync.client import BackOfficeClient, OutcomeKind
from clerk_app.ui.app import Library, Session, build_workstation
from clerk_app.ui.sync.controller import SyncController
from tests.sync.real_backoffice import API, CLERK, PASSWORD, RealBackOffice
from tests.sync.test_ui_sync import library  # noqa: F401 (fixture: the shipped catalogue, once per module)


@pytest.fixture
def session(qapp: QApplication, tmp_path: Path, library: Library, backoffice: RealBackOffice  # noqa: F811
            ) -> Iterator[Session]:
    settings = Settings(data_dir=tmp_path / "data", demo=False, backoffice=BackofficeSettings(url=backoffice.url))
    built = build_workstation(qapp, settings, library)
    yield built
    built.workstation.db.shutdown()


def sessions_of(backoffice: RealBackOffice, username: str) -> list[Any]:
    with backoffice.engine.connect() as connection:
        return connection.execute(sa.select(sign_in_sessions).where(sign_in_sessions.c.username == username)
                                  .order_by(sign_in_sessions.c.id)).all()


def held_tokens(backoffice: RealBackOffice, username: str) -> list[str]:
    with backoffice.engine.connect() as connection:
        return list(connection.execute(sa.select(tokens.c.token_hash).where(tokens.c.username == username)).scalars())


def refused(backoffice: RealBackOffice, token: str) -> bool:
    answer = requests.get(f"{backoffice.url}{API}/changes", params={"since": 0}, timeout=5,
                          headers={"Authorization": f"Bearer {token}"})
    return answer.status_code == 401


def test_stopping_the_sync_revokes_the_token(qtbot, session: Session, backoffice: RealBackOffice) -> None:
    token = backoffice.tokens[CLERK]
    controller = SyncController(session.workstation, interval_ms=60_000)
    controller.token = token  # the clerk signed in to the back office
    with qtbot.waitSignal(controller.round_done, timeout=10_000) as round_done:
        controller.sync_now()
    assert round_done.args[0].online and not round_done.args[0].needs_sign_in
    assert not refused(backoffice, token)
    [ours] = [s for s in sessions_of(backoffice, CLERK) if s.token_hash == token_digest(token)]
    assert ours.ended_at is None
    controller.stop()  # what closing the window, signing out and switching clerk do
    [ours] = [s for s in sessions_of(backoffice, CLERK) if s.id == ours.id]
    assert ours.ended_at is not None and ours.token_hash == token_digest(token)
    assert refused(backoffice, token) and token_digest(token) not in held_tokens(backoffice, CLERK)
    assert controller.token is None


def test_the_sign_in_at_start_is_ended_at_sign_out(qtbot, session: Session, backoffice: RealBackOffice) -> None:
    before = {s.id for s in sessions_of(backoffice, CLERK)}
    controller = SyncController(session.workstation, interval_ms=60_000)
    with qtbot.waitSignal(controller.signed_in, timeout=10_000) as signed_in:
        controller.start((CLERK, PASSWORD))  # the window's sign-in, passed on to the back office
    assert signed_in.args[0] is True
    [opened] = [s for s in sessions_of(backoffice, CLERK) if s.id not in before]
    assert opened.ended_at is None and opened.token_hash in held_tokens(backoffice, CLERK)
    answers: list[Any] = []
    controller.sign_out(on_done=answers.append)
    qtbot.waitUntil(lambda: answers != [], timeout=10_000)
    assert answers[0].status == 204
    [ended] = [s for s in sessions_of(backoffice, CLERK) if s.id == opened.id]
    assert ended.ended_at is not None and opened.token_hash not in held_tokens(backoffice, CLERK)
    with qtbot.waitSignal(controller.round_done, timeout=10_000) as round_done:
        controller.sync_now()  # the engine kept no token: the back office asks for a sign-in
    assert round_done.args[0].needs_sign_in
    controller.stop()


def test_a_token_never_used_is_given_back_too(qtbot, session: Session, backoffice: RealBackOffice) -> None:
    token = backoffice.tokens[CLERK]
    controller = SyncController(session.workstation, interval_ms=60_000)
    controller.token = token  # signed in, then signed out before the first round
    controller.stop()
    assert refused(backoffice, token)
    assert all(s.ended_at is not None for s in sessions_of(backoffice, CLERK) if s.token_hash == token_digest(token))


def test_offline_the_token_is_just_dropped() -> None:
    client = BackOfficeClient("http://127.0.0.1:9", token="a-token-nobody-can-take-back")
    outcome = client.revoke()
    assert outcome is not None and outcome.kind is OutcomeKind.RETRYABLE and client.token is None
    assert client.revoke() is None  # nothing left to give back
    client.close()
