"""`clerk-app audit verify --backoffice-db URL [--public-key FILE]`: the back office's signed trail.

Prints one line per break (`#SEQ: what is wrong`) and a summary naming the first one; exit 0 when
every entry follows the one before and carries a valid signature, 1 when any does not, 2 when the
check cannot run (unreadable key, unknown database, no audit table).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clerk_app.backoffice.audit_verify import Report


def verify_backoffice(url: str, public_key: Path | None) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from clerk_app.backoffice.audit_keys import AuditKeyError, load_public_keys
    from clerk_app.backoffice.audit_verify import keys_listed_in, verify
    from clerk_app.backoffice.db import UnsupportedDatabaseError, make_engine

    try:
        trusted = load_public_keys(public_key) if public_key else None
        engine = make_engine(url)
    except (AuditKeyError, UnsupportedDatabaseError) as error:
        print(error, file=sys.stderr)
        return 2
    where = engine.url.render_as_string(hide_password=True)
    try:
        if trusted is None:
            trusted = keys_listed_in(engine)
            print(f"{where}: no --public-key given: signatures are checked against the {len(trusted)} key(s) the "
                  "database itself lists, which shows the chain is whole, not who wrote it", file=sys.stderr)
        report = verify(engine, trusted)
    except SQLAlchemyError as error:
        print(f"{where}: cannot read the audit trail ({type(error).__name__}: {str(error).splitlines()[0]})",
              file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    return _print(where, report)


def _print(where: str, report: Report) -> int:
    for problem in report.breaks:
        print(f"{where}: audit entry {problem}")
    last = f"last #{report.last.seq} {report.last.hash}" if report.last else "no entries yet"
    if report.breaks:
        print(f"{report.count} entries, {len(report.breaks)} problems, the first at entry {report.breaks[0]}: "
              f"the audit trail was altered ({last})", file=sys.stderr)
        return 1
    print(f"{report.count} entries, chain intact, every signature valid ({last})")
    return 0
