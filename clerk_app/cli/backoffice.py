"""`clerk-app backoffice …`: serve the back-office API, add accounts."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from clerk_app.store.keys import DataKey


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("backoffice", help="back-office approval queue service (后台审批)")
    commands = parser.add_subparsers(dest="backoffice_command", metavar="ACTION", required=True)

    serve = commands.add_parser("serve", help="serve the back-office API over HTTP(S)")
    _database_options(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    serve.add_argument("--tls-cert", type=Path, help="certificate (PEM) for HTTPS")
    serve.add_argument("--tls-key", type=Path, help="private key (PEM) for HTTPS")
    serve.add_argument("--departments", default="", help="comma-separated department keys cases may name")
    serve.add_argument("--demo-hall", default="", metavar="CODE",
                       help="create the demo accounts (demo, chief, admin) for this hall before serving")
    serve.add_argument("--workers", type=int, default=1,
                       help="worker processes (one core each; more than one needs PostgreSQL)")
    serve.add_argument("--data-key-env", default="", metavar="NAME",
                       help="encrypt the data at rest with the key (32 bytes, hex or base64) in this environment "
                            "variable: an SQLite database with SQLCipher, the stored files sealed (default: plain)")
    serve.add_argument("--data-key-stdin", action="store_true",
                       help="read the data key from the first line of stdin (the embedded back office's way)")
    serve.add_argument("--key-origin", choices=("given", "workstation"), default="given", help=argparse.SUPPRESS)
    serve.set_defaults(handler=_serve)

    account = commands.add_parser("account", help="manage accounts")
    account_commands = account.add_subparsers(dest="account_command", metavar="ACTION", required=True)
    add = account_commands.add_parser("add", help="add an account")
    _database_options(add)
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=("clerk", "supervisor", "admin"))
    add.add_argument("--departments", default="", help="comma-separated department keys")
    add.add_argument("--hall", default="", help="hall code (clerks see their hall's cases)")
    add.add_argument("--name", default="", help="display name")
    add.add_argument("--password-stdin", action="store_true", required=True, help="read the password from stdin")
    add.add_argument("--data-key-env", default="", metavar="NAME",
                     help="the data key the service runs with, from this environment variable")
    add.set_defaults(handler=_add_account)


def _database_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, help="sqlite:///PATH or postgresql://USER@HOST:PORT/DB")
    parser.add_argument("--data-dir", type=Path, required=True, help="where uploaded files are kept")
    parser.add_argument("--audit-key", default="", metavar="FILE",
                        help="Ed25519 private key (PEM) signing the audit trail (default: made in the data directory)")


def _keys(text: str) -> list[str]:
    return [k.strip() for k in text.split(",") if k.strip()]


def _data_key(args: argparse.Namespace) -> DataKey | None:
    """The data key from `--data-key-env NAME` (the variable removed: no child inherits it) or
    `--data-key-stdin` (one line), never from the command line itself (raises DataKeyError)."""
    from clerk_app.backoffice.at_rest import DataKeyError, parse_key

    if getattr(args, "data_key_stdin", False):
        if args.data_key_env:
            raise DataKeyError("--data-key-env and --data-key-stdin: give the key one way")
        return parse_key(sys.stdin.readline(), "stdin")
    if not args.data_key_env:
        return None
    text = os.environ.pop(args.data_key_env, "")
    if not text:
        raise DataKeyError(f"--data-key-env {args.data_key_env}: the environment variable is not set")
    return parse_key(text, f"${args.data_key_env}")


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from clerk_app.backoffice.app import create_app
    from clerk_app.backoffice.at_rest import DataKeyError
    from clerk_app.backoffice.settings import Settings

    if bool(args.tls_cert) != bool(args.tls_key):
        print("--tls-cert and --tls-key go together", file=sys.stderr)
        return 2
    departments = frozenset(_keys(args.departments)) or None
    from clerk_app.backoffice.audit_keys import AuditKeyError

    try:
        settings = Settings(database_url=args.db, data_dir=args.data_dir, departments=departments,
                            audit_key_file=args.audit_key, data_key=_data_key(args), key_origin=args.key_origin)
        app = create_app(settings)
    except (AuditKeyError, DataKeyError) as error:
        print(f"clerk-app backoffice serve: {error}", file=sys.stderr)
        return 2
    if args.demo_hall:
        from clerk_app.backoffice.demo import ensure_demo_accounts

        ensure_demo_accounts(app.state.engine, args.demo_hall, _keys(args.departments))
    from clerk_app.config.logs import uvicorn_log_config

    options = {
        "host": args.host, "port": args.port, "log_level": "info", "log_config": uvicorn_log_config(),
        "ssl_certfile": str(args.tls_cert) if args.tls_cert else None,
        "ssl_keyfile": str(args.tls_key) if args.tls_key else None,
    }
    if args.workers > 1:
        from clerk_app.backoffice.serving import WorkersNeedPostgresqlError, serve_workers

        app.state.engine.dispose()
        try:
            serve_workers(settings, args.workers, **options)
        except WorkersNeedPostgresqlError as error:
            print(error, file=sys.stderr)
            return 2
        return 0
    uvicorn.run(app, **options)
    return 0


def _add_account(args: argparse.Namespace) -> int:
    from clerk_app.backoffice import audit
    from clerk_app.backoffice.accounts import add_account
    from clerk_app.backoffice.at_rest import DataKeyError
    from clerk_app.backoffice.audit_keys import AuditKeyError, load_signer
    from clerk_app.backoffice.errors import ApiError
    from clerk_app.backoffice.migrations import migrate

    password = sys.stdin.readline().rstrip("\r\n")
    try:
        engine = _engine(args)
    except DataKeyError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        migrate(engine)
        audit.attach(engine, load_signer(args.data_dir, args.audit_key))  # the account's entry is signed
        add_account(engine, args.username, role=args.role, password=password, departments=_keys(args.departments),
                    display_name=args.name, hall_code=args.hall)
    except ApiError as error:
        print(f"{args.username}: {error.message}", *error.details, sep="\n  ", file=sys.stderr)
        return 1
    except AuditKeyError as error:
        print(error, file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"account {args.username} added ({args.role})")
    return 0


def _engine(args: argparse.Namespace) -> Engine:
    """The database engine, with the data key when one is given (checked and migrated as the service does)."""
    from clerk_app.backoffice.at_rest import prepare
    from clerk_app.backoffice.db import make_engine
    from clerk_app.backoffice.settings import Settings

    key = _data_key(args)
    if key is not None:
        prepare(Settings(database_url=args.db, data_dir=args.data_dir, data_key=key))
    return make_engine(args.db, key=key)
