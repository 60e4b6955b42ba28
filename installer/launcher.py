"""Entry point of the frozen build (installer/clerk_app.spec): the `clerk-app` command, plus what
only an installed, frozen application needs.

- `multiprocessing.freeze_support()`: `clerk-app backoffice serve --workers N` starts worker
  processes by re-running this executable.
- `EXE -m clerk_app ARGS…` is taken as `EXE ARGS…`: the embedded back office
  (`clerk-app --embedded-backoffice`) starts itself as `sys.executable -m clerk_app backoffice
  serve …`, which in a frozen build is this executable, not a Python interpreter.
- The hall-wide configuration: without `$CLERK_APP_CONFIG` and without the user's own
  `clerk_app.toml` in the data folder, `/etc/clerk_app/clerk_app.toml` (Windows:
  `%ProgramData%\\clerk_app\\clerk_app.toml`) is used when the hall's IT put one there, so one
  file configures every account of a workstation (installer/README.md).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path


def system_config() -> Path:
    """The hall-wide configuration file the installers document."""
    if os.name == "nt":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "clerk_app" / "clerk_app.toml"
    return Path("/etc/clerk_app/clerk_app.toml")


def use_system_config() -> None:
    if os.environ.get("CLERK_APP_CONFIG"):
        return
    from clerk_app.config.settings import config_path

    system = system_config()
    if not config_path().exists() and system.is_file():
        os.environ["CLERK_APP_CONFIG"] = str(system)


def arguments(argv: list[str]) -> list[str]:
    return argv[2:] if argv[:2] == ["-m", "clerk_app"] else argv


def main() -> int:
    multiprocessing.freeze_support()
    use_system_config()
    from clerk_app.cli.main import main as clerk_app

    return clerk_app(arguments(sys.argv[1:]))


if __name__ == "__main__":
    raise SystemExit(main())
