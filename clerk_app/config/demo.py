"""The embedded demo's accounts, shared by the workstation's local store and the demo back office.

Created only when a configuration asks for the demo (`demo = true`, the default with no
configuration file). Every demo account has the same password, long enough for the back office's
rules, so that signing in at the workstation also signs in to the embedded back office.
"""

from __future__ import annotations

DEMO_PASSWORD = "demo1234"

# (user name, display name, role)
DEMO_ACCOUNTS: tuple[tuple[str, str, str], ...] = (
    ("demo", "演示窗口人员", "clerk"),
    ("chief", "演示科长", "supervisor"),
    ("admin", "演示管理员", "admin"),
)
