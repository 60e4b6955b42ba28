"""`clerk-app guides …`: check, list, show and search the service-guide catalogue."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clerk_app.catalogue.loader import LoadResult, load_catalogue, load_default_catalogue
from clerk_app.config.paths import guides_dir
from clerk_app.core.guide_text import guide_text


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("guides", help="service-guide catalogue (办事指南)")
    commands = parser.add_subparsers(dest="guides_command", metavar="ACTION", required=True)

    check = commands.add_parser("check", help="validate guide files; prints FILE:LINE: message")
    check.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the catalogue)")
    check.set_defaults(handler=_check)

    listing = commands.add_parser("list", help="list matters and bundles")
    listing.add_argument("--department", help="only this department key")
    listing.set_defaults(handler=_list)

    show = commands.add_parser("show", help="show a guide as a clerk reads it")
    show.add_argument("code")
    show.set_defaults(handler=_show)

    search = commands.add_parser("search", help="search by name, code, pinyin or initials")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=20)
    search.set_defaults(handler=_search)


def _check(args: argparse.Namespace) -> int:
    paths = args.paths or [guides_dir()]
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"{path}:1: no such file or folder", file=sys.stdout)
    result = load_catalogue([p for p in paths if p.exists()], context=[guides_dir()])
    for issue in result.issues:
        print(issue)
    if missing or result.issues:
        return 1
    catalogue = result.catalogue
    print(f"ok: {len(catalogue.matters)} matters, {len(catalogue.bundles)} bundles", file=sys.stderr)
    return 0


def _loaded() -> LoadResult:
    result = load_default_catalogue()
    for issue in result.issues:
        print(f"warning: {issue}", file=sys.stderr)
    return result


def _list(args: argparse.Namespace) -> int:
    catalogue = _loaded().catalogue
    for matter in sorted(catalogue.matters.values(), key=lambda m: (m.department, m.code)):
        if args.department and matter.department != args.department:
            continue
        department = catalogue.department_name(matter.department)
        print(f"{matter.code}\t{department}\t{matter.type}\t{matter.name}")
    if not args.department:
        for bundle in sorted(catalogue.bundles.values(), key=lambda b: b.code):
            print(f"{bundle.code}\t一件事\t{len(bundle.members)}个事项\t{bundle.name}")
    return 0


def _show(args: argparse.Namespace) -> int:
    catalogue = _loaded().catalogue
    if args.code not in catalogue:
        print(f"clerk-app: no matter or bundle with code {args.code}", file=sys.stderr)
        return 1
    print(guide_text(args.code, catalogue))
    return 0


def _search(args: argparse.Namespace) -> int:
    from clerk_app.core.search import SearchIndex, catalogue_entries

    catalogue = _loaded().catalogue
    hits = SearchIndex(catalogue_entries(catalogue)).search(args.query, limit=args.limit)
    for hit in hits:
        print(f"{hit.entry.code}\t{hit.entry.name}\t{hit.kind.label()}")
    return 0 if hits else 1
