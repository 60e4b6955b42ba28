"""The embedded demo's accounts on the back office: the same names and password as the workstation's.

`clerk-app backoffice serve --demo-hall CODE` calls `ensure_demo_accounts` before serving, so a new
user's `make run` can sign in at the window and see the case arrive in the department queue.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine

from clerk_app.backoffice.accounts import add_account, list_accounts
from clerk_app.config.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


def ensure_demo_accounts(engine: Engine, hall_code: str, departments: Iterable[str]) -> list[str]:
    """Add the demo accounts that are missing; the supervisor sees every department given."""
    held = {account["username"] for account in list_accounts(engine)}
    scope = list(departments) or ["zwfw"]
    created = []
    for username, display_name, role in DEMO_ACCOUNTS:
        if username in held:
            continue
        add_account(engine, username, role=role, password=DEMO_PASSWORD, display_name=display_name,
                    hall_code=hall_code, departments=scope if role == "supervisor" else ())
        created.append(username)
    return created
