"""`clerk-app report bulletin`: the quarterly bulletin (政务服务工作情况通报) of a period as a PDF.

The figures come from the back-office database itself (`--db URL`) or from a running back office
(`--backoffice URL`, signed in as a supervisor or admin: `GET /statistics`, which the service
records in its audit trail). Without either, the configured back office is asked, else the
embedded one's database in the data folder. Read from a database, the export is recorded in its
audit trail by the command (`report_audit`: the operator, the period, the file's sha256), signed
with the service's key (`--audit-key FILE`); nothing else is written to it.

Exit codes: 0 written; 1 nothing written for a reason given (no case in the period, sign-in or
permission refused, the PDF could not be written); 2 bad arguments (dates, period, options); 3 the
database or back office cannot be reached or read.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

MAX_DAYS = 731  # as the back office allows (clerk_app.backoffice.statistics.MAX_DAYS)
NOTHING, BAD_INPUT, UNREACHABLE = 1, 2, 3


class ReportError(Exception):
    """Words for the user and the exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date: write YYYY-MM-DD, e.g. 2026-07-01") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("report", help="reports for the hall (统计报表)")
    commands = parser.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    bulletin = commands.add_parser(
        "bulletin", help="the bulletin of a period as a PDF (政务服务工作情况通报)",
        epilog="exit codes: 0 written; 1 nothing written (no case in the period, sign-in or permission refused, "
               "PDF not writable); 2 bad arguments; 3 the database or back office cannot be reached or read")
    bulletin.add_argument("--from", dest="start", type=_day, required=True, metavar="DATE", help="first day")
    bulletin.add_argument("--to", dest="end", type=_day, required=True, metavar="DATE", help="last day, included")
    bulletin.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    source = bulletin.add_mutually_exclusive_group()
    source.add_argument("--db", metavar="URL", help="the back-office database: sqlite:///PATH or postgresql://…")
    source.add_argument("--backoffice", metavar="URL", help="a running back office, e.g. https://backoffice.hall/")
    bulletin.add_argument("--user", help="back-office account for --backoffice (default: [backoffice] username)")
    bulletin.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    bulletin.add_argument("--departments", default="", help="with --db: only these department keys (comma-separated)")
    bulletin.add_argument("--hall", help="the hall's name on the bulletin (default: [hall] name)")
    bulletin.add_argument("--operator", help="with --db: who exports, for the audit trail (default: the OS user)")
    bulletin.add_argument("--audit-key", type=Path, metavar="FILE",
                          help="with --db: the back office's audit signing key (default: audit-signing-key.pem "
                               "beside the SQLite database or in the embedded back office's folder)")
    bulletin.set_defaults(handler=_bulletin)


@dataclass(frozen=True)
class _Request:
    start: date
    end: date
    output: Path
    hall: str


def _bulletin(args: argparse.Namespace) -> int:
    from clerk_app.config.settings import SettingsError, load_settings

    try:
        settings = load_settings()
        request = _checked(args, settings.hall.name)
        report = _read(args, settings, request)
        _write(report, request, _export_record(args, settings, request, report))
    except SettingsError as error:
        print(error, file=sys.stderr)
        return BAD_INPUT
    except ReportError as error:
        print(f"clerk-app report bulletin: {error}", file=sys.stderr)
        return error.code
    return 0


def _checked(args: argparse.Namespace, hall: str) -> _Request:
    if args.end < args.start:
        raise ReportError(f"the period ends ({args.end}) before it starts ({args.start})", BAD_INPUT)
    if (args.end - args.start).days + 1 > MAX_DAYS:
        raise ReportError(f"a bulletin covers at most {MAX_DAYS} days, not {(args.end - args.start).days + 1}",
                          BAD_INPUT)
    if args.output.suffix.lower() != ".pdf":
        raise ReportError(f"{args.output}: the bulletin is a PDF; name the file …/NAME.pdf", BAD_INPUT)
    if not args.output.parent.is_dir():
        raise ReportError(f"{args.output.parent}: no such folder", BAD_INPUT)
    if args.departments and not args.db:
        raise ReportError("--departments goes with --db (a back office limits a supervisor to their own)", BAD_INPUT)
    if (args.operator or args.audit_key) and args.backoffice:
        raise ReportError("--operator and --audit-key go with --db (a back office records the signed-in account)",
                          BAD_INPUT)
    return _Request(args.start, args.end, args.output, args.hall or hall)


def _database_url(args: argparse.Namespace, settings) -> str | None:  # type: ignore[no-untyped-def]
    """The back-office database the figures are read from (None: from a running back office)."""
    if args.backoffice or (not args.db and settings.backoffice.url):
        return None
    return args.db or f"sqlite:///{settings.data_dir / 'backoffice' / 'backoffice.sqlite3'}"


def _export_record(args: argparse.Namespace, settings, request: _Request, report):  # type: ignore[no-untyped-def]
    """With the figures from a database: the audit entry to append (checked now, before rendering)."""
    from clerk_app.cli import report_audit

    url = _database_url(args, settings)
    if url is None or not report.bulletin.total.cases:
        return None
    database = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None
    candidates = [p / "audit-signing-key.pem" for p in (database.parent if database else None,
                                                          settings.data_dir / "backoffice") if p is not None]
    departments = sorted(k.strip() for k in args.departments.split(",") if k.strip())
    return report_audit.prepare(url, operator=args.operator, audit_key=args.audit_key, candidates=candidates,
                                detail={"report": "bulletin", "from": request.start.isoformat(),
                                        "to": request.end.isoformat(), "departments": departments,
                                        "cases": report.bulletin.total.cases})


def _read(args: argparse.Namespace, settings, request: _Request):  # type: ignore[no-untyped-def]
    from clerk_app.cli import report_sources

    if args.backoffice or (not args.db and settings.backoffice.url):
        url = args.backoffice or settings.backoffice.url
        user = args.user or settings.backoffice.username
        if not user:
            raise ReportError("--backoffice needs --user NAME (a supervisor or admin account)", BAD_INPUT)
        return report_sources.from_backoffice(url, user, _password(args, user), request.start, request.end,
                                              settings.backoffice.client_options())
    embedded = settings.data_dir / "backoffice" / "backoffice.sqlite3"
    if not args.db and not embedded.is_file():
        raise ReportError(f"no back office is configured and {embedded} does not exist: "
                          "give --db URL or --backoffice URL", UNREACHABLE)
    url = args.db or f"sqlite:///{embedded}"
    keys = frozenset(k.strip() for k in args.departments.split(",") if k.strip()) or None
    return report_sources.from_database(url, request.start, request.end, keys, settings.guides)


def _password(args: argparse.Namespace, user: str) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise ReportError("give the password with --password-stdin (stdin is not a terminal)", BAD_INPUT)
    return getpass.getpass(f"password of {user}: ")


def _write(report, request: _Request, record=None) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.documents.bulletin import render_bulletin
    from clerk_app.documents.fonts import FontNotFoundError

    total = report.bulletin.total
    if not total.cases:
        raise ReportError(f"no case was accepted from {request.start} to {request.end}"
                          f"{' in ' + '、'.join(report.scope) if report.scope else ''}: no bulletin written", NOTHING)
    partial = request.output.with_name(request.output.name + ".part")
    try:
        pages = render_bulletin(report, partial, hall=request.hall, issued_on=date.today())
        if record is not None:
            from clerk_app.cli.report_audit import append

            append(record, partial, request.output.name, pages)  # no bulletin leaves unrecorded
        partial.replace(request.output)
    except FontNotFoundError as error:
        raise ReportError(str(error), NOTHING) from None
    except OSError as error:
        raise ReportError(f"{request.output}: cannot write the PDF ({error.strerror or error})", NOTHING) from None
    finally:
        partial.unlink(missing_ok=True)
    print(f"{request.output}: {pages} pages, {total.cases} cases from {request.start} to {request.end} "
          f"(completed {total.completion_rate.percent()}, online {total.online_share.percent()}, "
          f"evaluated {total.evaluation_rate.percent()})")
