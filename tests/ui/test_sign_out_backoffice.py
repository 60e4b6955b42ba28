"""Switching clerk and closing the window end the back-office session (the real application, the real back office).

`sign_out_backoffice_session` runs `run_workstation` as a child process: sign in (which signs in to
the back office too), switch user at the lock screen, sign in again, close the window. Both of the
clerk's back-office sessions must show ended, and no token of theirs may still work.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from clerk_app.backoffice.accounts import add_account
from clerk_app.backoffice.schema import sign_in_sessions, tokens
from clerk_app.config.demo import DEMO_PASSWORD
from tests.sync.conftest import backoffice, sqlite_template  # noqa: F401 (fixtures: the real back office)
from tests.sync.real_backoffice import HALL, RealBackOffice

ROOT = Path(__file__).resolve().parents[2]


def test_switching_clerk_and_closing_end_the_back_office_sessions(tmp_path: Path,
                                                                  backoffice: RealBackOffice) -> None:  # noqa: F811
    add_account(backoffice.engine, "demo", role="clerk", password=DEMO_PASSWORD, hall_code=HALL,
                display_name="演示窗口人员")
    config = tmp_path / "clerk_app.toml"
    config.write_text(f'[workstation]\ndemo = true\nidle_lock_minutes = 0\n\n[backoffice]\nurl = "{backoffice.url}/"\n',
                      encoding="utf-8")
    env = {**os.environ, "CLERK_APP_DATA": str(tmp_path / "data"), "CLERK_APP_CONFIG": str(config),
           "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "BACKOFFICE_DB": str(make_url(backoffice.settings.database_url).database)}
    done = subprocess.run([sys.executable, "-m", "tests.ui.sign_out_backoffice_session"], capture_output=True,
                          text=True, timeout=180, env=env, cwd=ROOT)
    assert "steps login,backoffice,login,backoffice exit 0" in done.stdout, (done.stdout, done.stderr[-3000:])
    with backoffice.engine.connect() as connection:
        ended = connection.execute(sa.select(sign_in_sessions.c.ended_at).where(
            sign_in_sessions.c.username == "demo")).scalars().all()
        held = connection.execute(sa.select(tokens.c.token_hash).where(tokens.c.username == "demo")).all()
    assert len(ended) == 2 and all(at is not None for at in ended), ended
    assert held == []  # every token the workstation had was given back: none would be accepted
