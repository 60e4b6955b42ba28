"""Where `clerk-app report bulletin` gets its figures: the back-office database, or a running back office.

Both give a `BulletinReport`; every failure becomes a `ReportError` naming what and where, with
the command's exit code — never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from clerk_app.cli.report import BAD_INPUT, NOTHING, UNREACHABLE, ReportError
from clerk_app.config.settings import LOOPBACK_HOSTS
from clerk_app.core.bulletin import Period
from clerk_app.core.bulletin_codec import BulletinFormatError, BulletinReport, report_from_dict


def from_database(url: str, start: date, end: date, departments: frozenset[str] | None,
                  guides: Iterable[Path] = ()) -> BulletinReport:
    """Read the figures straight from the back-office database (nothing is written to it)."""
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from clerk_app.backoffice.db import UnsupportedDatabaseError, make_engine, normalised_url

    try:
        parsed = normalised_url(url)
    except (ArgumentError, UnsupportedDatabaseError) as error:
        raise ReportError(f"--db {url}: {error}", BAD_INPUT) from None
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        raise ReportError(f"{parsed.database or url}: no such back-office database", UNREACHABLE)
    try:
        engine = make_engine(url, pool_size=1)
    except UnsupportedDatabaseError as error:  # e.g. an encrypted embedded database whose key is wrong or lost
        raise ReportError(f"{parsed.render_as_string(hide_password=True)}: {error}", UNREACHABLE) from None
    try:
        _check_schema(engine, url)
        return _report(engine, Period(start, end), departments, guides)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise ReportError(f"{parsed.render_as_string(hide_password=True)}: cannot read the database ({reason})",
                          UNREACHABLE) from None
    finally:
        engine.dispose()


def _check_schema(engine, url: str) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.backoffice import db
    from clerk_app.backoffice.migrations import HEAD_REVISION, current_revision

    with db.read(engine) as connection:
        revision = current_revision(connection)
    if revision is None:
        raise ReportError(f"{url}: not a back-office database (no schema version)", UNREACHABLE)
    if revision != HEAD_REVISION:
        raise ReportError(f"{url}: the database is at version {revision}, this program reads {HEAD_REVISION}; "
                          "start the back office once (clerk-app backoffice serve) to bring it up to date",
                          UNREACHABLE)


def _report(engine, period: Period, departments: frozenset[str] | None,  # type: ignore[no-untyped-def]
            guides: Iterable[Path]) -> BulletinReport:
    from clerk_app.backoffice.statistics import Scope, read_report
    from clerk_app.catalogue.loader import load_default_catalogue

    catalogue = load_default_catalogue(guides).catalogue
    unknown = sorted((departments or set()) - set(catalogue.departments))
    if unknown:
        raise ReportError(f"--departments: unknown department {unknown[0]!r} (known: "
                          f"{', '.join(sorted(catalogue.departments))})", BAD_INPUT)
    return read_report(engine, period, Scope(departments, ""), catalogue)


def from_backoffice(url: str, user: str, password: str, start: date, end: date,
                    options: dict[str, str | None]) -> BulletinReport:
    """Sign in, ask `GET /statistics`, sign out again."""
    from clerk_app.sync.client import BackOfficeClient, OutcomeKind

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ReportError(f"--backoffice {url}: write https://HOST[:PORT]/", BAD_INPUT)
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        raise ReportError(f"--backoffice {url}: use https:// (plain http only on this machine)", BAD_INPUT)
    client = BackOfficeClient(url, **options)
    try:
        signed = client.sign_in(user, password)
        if not signed.ok:
            if signed.kind is OutcomeKind.RETRYABLE:
                raise ReportError(f"{url}: the back office cannot be reached ({signed.message})", UNREACHABLE)
            raise ReportError(f"{url}: sign-in as {user} refused ({signed.message})", NOTHING)
        answer = client.request("GET", "/statistics", params={"from": start.isoformat(), "to": end.isoformat()})
        _sign_out(client)
        if answer.kind is OutcomeKind.RETRYABLE:
            raise ReportError(f"{url}: the back office cannot be reached ({answer.message})", UNREACHABLE)
        if not answer.ok:
            raise ReportError(f"{url}: statistics refused ({answer.message})",
                              BAD_INPUT if answer.status == 422 else NOTHING)
        return report_from_dict(answer.body)
    except BulletinFormatError as error:
        raise ReportError(f"{url}: the back office answered figures that cannot be read ({error})",
                          UNREACHABLE) from None
    finally:
        client.close()


def _sign_out(client) -> None:  # type: ignore[no-untyped-def]
    """Give the token back (ends the sign-in session); an older back office without the route is fine."""
    if client.token:
        client.request("POST", "/auth/revoke", json_body={"token": client.token})
