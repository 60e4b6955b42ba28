"""`clerk-app purge`: remove closed cases the back office confirmed, older than the retention period."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("purge", help="remove closed, synced cases after the retention period (留存期限)")
    parser.add_argument("--days", type=int, help="keep this many days (default: [workstation] retention_days)")
    parser.add_argument("--db", type=Path, help="the workstation database (default: the configured one)")
    parser.set_defaults(handler=_purge)


def _purge(args: argparse.Namespace) -> int:
    from clerk_app.config.settings import SettingsError, load_settings
    from clerk_app.store.at_rest import open_folder
    from clerk_app.store.errors import StoreError
    from clerk_app.store.retention import purge

    try:
        settings = load_settings()
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    days = settings.retention_days if args.days is None else args.days
    if days <= 0:
        print("retention is off (retention_days = 0): nothing removed")
        return 0
    path = args.db or settings.database_path
    before = datetime.now().astimezone() - timedelta(days=days)
    try:
        folder = open_folder(path, settings.security, enrol=False)  # the folder's key, scans
        try:
            report = purge(folder.engine, folder.files, before)
        finally:
            folder.engine.dispose()
    except StoreError as error:
        print(f"{path}: {error.text('zh')}", file=sys.stderr)
        return 2
    print(f"removed {report.cases} cases and {report.files} scans closed before {before.date()}; "
          f"{path.name}: {report.bytes_before} → {report.bytes_after} bytes")
    return 0
