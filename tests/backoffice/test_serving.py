"""Settings handed to worker processes, and the token cache."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

from clerk_app.backoffice.auth import Principal, PrincipalCache, now
from clerk_app.backoffice.serving import settings_from_text, settings_text
from clerk_app.backoffice.settings import Settings


def test_settings_travel_through_the_environment_unchanged() -> None:
    for settings in (
        Settings(database_url="postgresql://u@h:5/db", data_dir=Path("/srv/bo"), token_ttl=timedelta(hours=3),
                 departments=frozenset({"公安局", "卫健委"}), pool_size=4, auth_cache_seconds=2.5),
        Settings(database_url="sqlite:///x.sqlite3", data_dir=Path("data")),
    ):
        assert settings_from_text(settings_text(settings)) == settings


def test_principal_cache_keeps_briefly_and_forgets() -> None:
    cache = PrincipalCache(0.2)
    clerk = Principal("clerk", "窗口", "clerk", frozenset(), "BT01")
    cache.put("a", clerk, now() + timedelta(hours=1))
    cache.put("b", clerk, now() - timedelta(seconds=1))  # the token itself has expired
    assert cache.get("a") == clerk and cache.get("b") is None
    cache.forget("clerk")
    assert cache.get("a") is None
    cache.put("a", clerk, now() + timedelta(hours=1))
    time.sleep(0.25)
    assert cache.get("a") is None
    off = PrincipalCache(0)
    off.put("a", clerk, now() + timedelta(hours=1))
    assert off.get("a") is None
