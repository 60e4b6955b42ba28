"""Failed sign-in throttling on the server: the workstation's rule, 429 with Retry-After, recovery.

Time passing is simulated by moving the stored `locked_until` into the past (no test waits).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clerk_app.backoffice.schema import sign_in_throttle
from clerk_app.backoffice.throttle import name_key
from clerk_app.core import throttle
from clerk_app.store import accounts as workstation_accounts
from clerk_app.sync.client import BackOfficeClient, OutcomeKind
from tests.backoffice.audit_support import Trail
from tests.backoffice.conftest import PASSWORD, Api
from tests.sync.real_backoffice import CLERK, RealBackOffice, Template


def _try(api: Api, username: str, password: str) -> tuple[int, int | None]:
    answer = api.call("POST", "/auth/token", json={"username": username, "password": password})
    retry = answer.headers.get("Retry-After")
    if answer.status_code == 429:
        assert answer.json()["details"] == [{"retry_after": int(retry)}]
        assert "too many wrong passwords: try again in" in answer.json()["message"]
    return answer.status_code, int(retry) if retry is not None else None


def _time_passes(api: Api, username: str) -> None:
    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    with engine.begin() as connection:
        connection.execute(sign_in_throttle.update().where(sign_in_throttle.c.name_sha256 == name_key(username))
                           .values(locked_until=datetime.now(UTC) - timedelta(seconds=1)))


def test_the_rule_is_the_workstations() -> None:
    assert [throttle.throttle_seconds(n) for n in range(15)] == [
        workstation_accounts.throttle_seconds(n) for n in range(15)]
    assert [throttle.throttle_seconds(n) for n in (4, 5, 6, 7, 9, 20)] == [0, 30, 60, 120, 480, 900]


def test_five_wrong_passwords_then_429_until_the_wait_is_over(api: Api) -> None:
    trail = Trail(api.client.app.state.engine)  # type: ignore[attr-defined]
    assert [_try(api, "clerk", "wrong password")[0] for _ in range(5)] == [401] * 5
    status, retry = _try(api, "clerk", PASSWORD)  # even the right password waits
    assert status == 429 and retry is not None and 1 <= retry <= 30
    _time_passes(api, "clerk")
    assert _try(api, "clerk", "wrong again") == (401, None)  # the sixth failure: twice as long
    status, retry = _try(api, "clerk", PASSWORD)
    assert status == 429 and retry is not None and 30 < retry <= 60
    _time_passes(api, "clerk")
    assert _try(api, "clerk", PASSWORD) == (200, None)
    assert _try(api, "clerk", "wrong password") == (401, None)  # the count started again
    actions = trail.new()
    assert actions.count(("sign_in_failed", "clerk", "clerk")) == 9 and actions[-2] == ("sign_in", "clerk", "clerk")


def test_unknown_names_wait_like_accounts(api: Api) -> None:
    """Otherwise the 429 would tell which names are accounts."""
    assert [_try(api, "nobody", "guess")[0] for _ in range(6)] == [401] * 5 + [429]
    entries = Trail(api.client.app.state.engine)  # type: ignore[attr-defined]
    entries.seen = 0
    unknown = [entry for entry in entries.new() if entry[0] == "sign_in_failed"]
    assert unknown and all(actor == "?" and subject == "?" for _, actor, subject in unknown)  # "nobody" not kept


@pytest.fixture
def live(tmp_path: Path) -> Iterator[RealBackOffice]:
    template = Template.create(f"sqlite:///{tmp_path / 'template.sqlite3'}")
    service = RealBackOffice(template.copy(tmp_path / "db"), tmp_path / "data", template.tokens).start()
    yield service
    service.stop()


def test_the_client_says_how_long_to_wait(live: RealBackOffice) -> None:
    client = BackOfficeClient(live.url)
    try:
        outcomes = [client.sign_in(CLERK, "not the password") for _ in range(6)]
    finally:
        client.close()
    assert [o.kind for o in outcomes] == [OutcomeKind.UNAUTHORISED] * 5 + [OutcomeKind.REJECTED]
    assert re.fullmatch(r"后台账号密码错误次数过多，已暂停登录，请在 \d+ 秒后再试", outcomes[-1].message)


def test_wait_in_words() -> None:
    assert throttle.wait_words(30) == "30 秒" and throttle.wait_words(61) == "2 分钟"
    assert throttle.wait_words(900, "en") == "15 minutes" and throttle.wait_words(1, "en") == "1 second"
