"""`clerk-app audit verify`: check that the workstation's (or the back office's) audit trail is whole and unaltered."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help="the audit trail (审计日志)")
    commands = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = commands.add_parser("verify", help="check the hash chain of every entry; exit 1 on any break")
    verify.add_argument("--db", type=Path, help="the workstation database (default: the configured one)")
    verify.add_argument("--backoffice-db", metavar="URL",
                        help="check the back office's trail instead: sqlite:///PATH or postgresql://USER@HOST/DB")
    verify.add_argument("--public-key", type=Path, metavar="FILE",
                        help="the back office's audit public key (PEM); default: the keys its database lists")
    verify.set_defaults(handler=_verify)


def _verify(args: argparse.Namespace) -> int:
    if args.backoffice_db:
        from clerk_app.cli.audit_backoffice import verify_backoffice

        return verify_backoffice(args.backoffice_db, args.public_key)
    if args.public_key:
        print("--public-key goes with --backoffice-db (the workstation's trail is not signed)", file=sys.stderr)
        return 2
    from clerk_app.config.settings import SettingsError, load_settings
    from clerk_app.store.at_rest import open_folder
    from clerk_app.store.audit import AuditLog
    from clerk_app.store.errors import StoreError

    try:
        settings = load_settings()
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    path = args.db or settings.database_path
    if not path.exists():
        print(f"{path}: no such database", file=sys.stderr)
        return 2
    try:
        # the folder's key from the settings; an older file is migrated first: its trail starts empty
        engine = open_folder(path, settings.security, enrol=False).engine
    except StoreError as error:
        print(f"{path}: {error.text('zh')}", file=sys.stderr)
        return 2
    try:
        count, breaks = AuditLog(engine).verify()
    finally:
        engine.dispose()
    for problem in breaks:
        print(f"{path}: audit entry {problem}")
    if breaks:
        print(f"{count} entries, {len(breaks)} breaks: the audit trail was altered", file=sys.stderr)
        return 1
    print(f"{count} entries, chain intact")
    return 0
