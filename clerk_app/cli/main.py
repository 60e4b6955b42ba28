"""The `clerk-app` command.

No arguments opens the workstation; subcommands do admin and device work.

Each subcommand lives in its own module of this package with a `register(subparsers)` function
that adds its parser and sets `handler` (a callable taking the parsed namespace and returning
the exit code). Modules are imported lazily so `clerk-app guides check` never loads Qt.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from clerk_app import __version__

# Subcommand name -> module under clerk_app.cli that registers it.
COMMANDS: dict[str, str] = {
    "guides": "clerk_app.cli.guides",
    "card": "clerk_app.cli.card",
    "backoffice": "clerk_app.cli.backoffice",
    "audit": "clerk_app.cli.audit",
    "purge": "clerk_app.cli.retention",
    "report": "clerk_app.cli.report",
    "selftest": "clerk_app.cli.selftest",
}


# Flags of the workstation itself (no subcommand); Qt's own `-qt…` options pass through.
EMBEDDED = "--embedded-backoffice"
WORKSTATION_FLAGS = ("--demo", EMBEDDED)


def _workstation(args: list[str]) -> int:
    """Open the workstation; with --embedded-backoffice, also a back office on loopback (`make run`)."""
    from clerk_app.ui.app import run_workstation

    if EMBEDDED not in args:
        return run_workstation(args)
    from clerk_app.cli.embedded import around_session

    return run_workstation([a for a in args if a != EMBEDDED], around=around_session)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clerk-app",
        description="综合窗口受理工作站 / comprehensive-window intake workstation",
    )
    parser.add_argument("--version", action="version", version=f"clerk-app {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMANDS.values():
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0].startswith("-qt") or args_list[0] in WORKSTATION_FLAGS:
        return _workstation(args_list)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
