"""Where the application finds its shipped resources and keeps its per-user data."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "clerk_app"


def resources_dir() -> Path:
    """The shipped resources folder (guides, schema, fonts, translations, calendars)."""
    override = os.environ.get("CLERK_APP_RESOURCES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "resources"


def guides_dir() -> Path:
    return resources_dir() / "guides"


def schema_path() -> Path:
    return resources_dir() / "schema" / "guide.schema.json"


def data_dir() -> Path:
    """Per-user data (local database, scans): CLERK_APP_DATA or the platform's data directory."""
    override = os.environ.get("CLERK_APP_DATA")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
