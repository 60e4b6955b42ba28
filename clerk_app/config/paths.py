"""Where the application finds its shipped resources and keeps its per-user data."""

from __future__ import annotations

import os
from pathlib import Path

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


def calendars_dir() -> Path:
    """Holiday calendar files shipped with the application (years published after chinesecalendar's)."""
    return resources_dir() / "calendars"


def data_dir() -> Path:
    """Per-user data (local database, scans): CLERK_APP_DATA or the platform's data directory."""
    override = os.environ.get("CLERK_APP_DATA")
    if override:
        return Path(override)
    import platformdirs  # not at import: start-up with a configured data folder never needs it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Per-user configuration, outside the data folder (a demo's generated enrolment secret lives here)."""
    override = os.environ.get("CLERK_APP_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def system_enrolment_file() -> Path:
    """Where the hall's IT provisions the workstation's enrolment secret, readable only by its service user."""
    if os.name == "nt":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / APP_NAME / "enrolment.key"
    return Path("/etc") / APP_NAME / "enrolment.key"
