"""`clerk-app audit verify --backoffice-db URL [--public-key FILE] [--anchor FILE]`: the back office's signed trail.

Prints one line per break (`#SEQ: what is wrong`) and a summary naming the first one; exit 0 when
every entry follows the one before and carries a valid signature, 1 when any does not, 2 when the
check cannot run (unreadable key or anchor, an anchor no trusted key signed, unknown database, no
audit table). With `--anchor FILE` (a signed head saved before: `clerk-app audit head`), a trail
that ends before the anchor's seq, or holds another hash there, is a break at that seq; without
one, entries cut from the end cannot be seen, and the command says so.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from clerk_app.backoffice.audit_verify import Report
    from clerk_app.core.audit_head import SignedHead

NO_ANCHOR_HINT = ("no --anchor given: entries deleted from the end of the trail cannot be detected. Save a signed "
                  "head now and then (clerk-app audit head --backoffice-url URL -o FILE, or a workstation's: "
                  "clerk-app audit head --workstation -o FILE) and pass it with --anchor FILE")


class AnchorError(ValueError):
    """The anchor file cannot be used (said in words naming the file)."""


def read_anchor(path: Path) -> SignedHead:
    import json

    from clerk_app.core.audit_head import HeadFormatError, head_from_dict

    try:
        return head_from_dict(json.loads(path.read_text(encoding="utf-8")))
    except OSError as error:
        raise AnchorError(f"{path}: cannot read the anchor ({error.strerror})") from None
    except (ValueError, HeadFormatError) as error:
        raise AnchorError(f"{path}: not a saved audit head ({error})") from None


def verify_backoffice(url: str, public_key: Path | None, anchor_file: Path | None = None) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from clerk_app.backoffice.audit_keys import AuditKeyError, load_public_keys
    from clerk_app.backoffice.audit_verify import keys_listed_in, verify
    from clerk_app.backoffice.db import UnsupportedDatabaseError, make_engine

    try:
        trusted = load_public_keys(public_key) if public_key else None
        anchor = read_anchor(anchor_file) if anchor_file else None
        engine = make_engine(url)
    except (AuditKeyError, UnsupportedDatabaseError, AnchorError) as error:
        print(error, file=sys.stderr)
        return 2
    where = engine.url.render_as_string(hide_password=True)
    try:
        if trusted is None:
            trusted = keys_listed_in(engine)
            print(f"{where}: no --public-key given: signatures are checked against the {len(trusted)} key(s) the "
                  "database itself lists, which shows the chain is whole, not who wrote it", file=sys.stderr)
        source = _checked_anchor(anchor, anchor_file, trusted)
        report = verify(engine, trusted, anchor, source)
    except AnchorError as error:
        print(error, file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        print(f"{where}: cannot read the audit trail ({type(error).__name__}: {str(error).splitlines()[0]})",
              file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    if anchor is None:
        print(f"{where}: {NO_ANCHOR_HINT}", file=sys.stderr)
    return _print(where, report, anchor)


def _checked_anchor(anchor: SignedHead | None, path: Path | None, trusted: dict[str, Ed25519PublicKey]) -> str:
    """How messages name the anchor, once a trusted key is found to have signed it."""
    from clerk_app.backoffice.audit_head import head_problem

    if anchor is None or path is None:
        return ""
    problem = head_problem(anchor, trusted)
    if problem:
        raise AnchorError(f"{path}: the anchor cannot be trusted: {problem}")
    return f"the anchor {path.name} ({anchor.describe()})"


def _print(where: str, report: Report, anchor: SignedHead | None) -> int:
    for problem in report.breaks:
        print(f"{where}: audit entry {problem}")
    last = f"last #{report.last.seq} {report.last.hash}" if report.last else "no entries yet"
    if report.breaks:
        print(f"{report.count} entries, {len(report.breaks)} problems, the first at entry {report.breaks[0]}: "
              f"the audit trail was altered ({last})", file=sys.stderr)
        return 1
    reaches = f"; it reaches the anchor {anchor.describe()}" if anchor else ""
    print(f"{report.count} entries, chain intact, every signature valid ({last}{reaches})")
    return 0
