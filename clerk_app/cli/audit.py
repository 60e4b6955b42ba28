"""`clerk-app audit verify` / `clerk-app audit head`: check an audit trail; save the back office's signed head.

`verify` checks the workstation's trail (its chain and its sealed head, `audit_workstation`) or
the back office's (`--backoffice-db URL`: chain, signatures and, with `--anchor FILE`, a signed
head saved before, `audit_backoffice`). `head` writes such a head to a file (`audit_head`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help="the audit trail (审计日志)")
    commands = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = commands.add_parser(
        "verify", help="check the hash chain of every entry; exit 1 on any break",
        epilog="exit codes: 0 intact; 1 altered (an entry edited, deleted, reordered, the trail cut before its "
               "sealed head or --anchor); 2 the check cannot run")
    verify.add_argument("--db", type=Path, help="the workstation database (default: the configured one)")
    verify.add_argument("--backoffice-db", metavar="URL",
                        help="check the back office's trail instead: sqlite:///PATH or postgresql://USER@HOST/DB")
    verify.add_argument("--public-key", type=Path, metavar="FILE",
                        help="the back office's audit public key (PEM); default: the keys its database lists")
    verify.add_argument("--anchor", type=Path, metavar="FILE",
                        help="with --backoffice-db: a signed head saved before (clerk-app audit head); a trail "
                             "cut before it is reported")
    verify.set_defaults(handler=_verify)
    head = commands.add_parser(
        "head", help="save the back office's signed audit head (an anchor for verify --anchor)",
        epilog="exit codes: 0 written; 1 no head to write or not signed by the audit key; 2 bad arguments; "
               "3 the back office or the database cannot be reached")
    source = head.add_mutually_exclusive_group(required=True)
    source.add_argument("--backoffice-url", metavar="URL", help="ask a running back office now (GET /audit/head)")
    source.add_argument("--workstation", action="store_true",
                        help="the highest head this workstation's sync has seen (kept in its database)")
    head.add_argument("--db", type=Path, help="with --workstation: the workstation database (default: configured)")
    head.add_argument("--public-key", type=Path, metavar="FILE",
                      help="check the head against this public key (default: the key the back office serves)")
    head.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.json")
    head.set_defaults(handler=_head)


def _verify(args: argparse.Namespace) -> int:
    if args.backoffice_db:
        from clerk_app.cli.audit_backoffice import verify_backoffice

        return verify_backoffice(args.backoffice_db, args.public_key, args.anchor)
    if args.public_key or args.anchor:
        print("--public-key and --anchor go with --backoffice-db (the workstation's trail is not signed; its head "
              "is sealed beside its database)", file=sys.stderr)
        return 2
    from clerk_app.cli.audit_workstation import verify_workstation

    return verify_workstation(args.db)


def _head(args: argparse.Namespace) -> int:
    from clerk_app.cli.audit_head import save_head

    return save_head(args)
