"""The export entry `clerk-app report bulletin --db URL` appends to the back office's audit trail.

Read straight from the database, a bulletin never passes the service, which would record the
export itself (`GET /statistics`); so the command appends the entry: `export`, subject
`bulletin`, by the operator (`--operator NAME`, else the OS user), with the period, the scope, the
file's name and its sha256. It is written after the PDF is rendered and before the PDF is put
in place: no bulletin leaves without its entry.

The entry is signed like the service's own, with its key (`--audit-key FILE`, else
`audit-signing-key.pem` beside the SQLite database or in the embedded back office's data folder).
A trail that lists signing keys gets no unsigned entry: without the key, or with another one, the
command stops before rendering (exit 2). A database whose service never signed (no key listed)
gets an unsigned entry, as the service itself would write.
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clerk_app.cli.report import BAD_INPUT, UNREACHABLE, ReportError

DATABASE_SOURCE = "clerk-app report bulletin --db"


@dataclass
class ExportRecord:
    """What is needed to append the entry once the PDF is rendered."""

    url: str
    actor: str
    key_file: Path | None
    detail: dict[str, Any] = field(default_factory=dict)


def prepare(url: str, *, operator: str | None, audit_key: Path | None, candidates: Iterable[Path],
            detail: dict[str, Any]) -> ExportRecord:
    """Check, before rendering, that the entry can be appended and signed as the trail requires."""
    from sqlalchemy.exc import SQLAlchemyError

    from clerk_app.backoffice import audit
    from clerk_app.backoffice.audit_keys import AuditKeyError, read_signer
    from clerk_app.backoffice.db import make_engine

    key_file = audit_key or next((path for path in candidates if path.is_file()), None)
    engine = make_engine(url, pool_size=1)
    try:
        listed = audit.recorded_public_keys(engine)
    except SQLAlchemyError as error:
        raise ReportError(f"{url}: cannot read the audit keys ({_reason(error)})", UNREACHABLE) from None
    finally:
        engine.dispose()
    if key_file is not None:
        try:
            signer = read_signer(key_file)
        except AuditKeyError as error:
            raise ReportError(f"--audit-key: {error}", BAD_INPUT) from None
        if listed and signer.key_id not in listed:
            raise ReportError(f"{key_file}: not the key this back office signs its audit trail with "
                              f"(it lists {', '.join(k[:16] + '…' for k in listed)})", BAD_INPUT)
    elif listed:
        raise ReportError("the export is recorded in the back office's signed audit trail, which needs its key: "
                          "give --audit-key FILE (audit-signing-key.pem in the back office's data directory), "
                          "or use --backoffice URL", BAD_INPUT)
    actor = (operator or _os_user()).strip()[:64] or "?"
    return ExportRecord(url, actor, key_file, {**detail, "via": DATABASE_SOURCE, "os_user": _os_user()})


def append(record: ExportRecord, pdf: Path, final_name: str, pages: int) -> None:
    """Append the export entry for the rendered `pdf` (raises ReportError: then nothing is published)."""
    from sqlalchemy.exc import SQLAlchemyError

    from clerk_app.backoffice import audit
    from clerk_app.backoffice.audit_keys import AuditKeyError, read_signer
    from clerk_app.backoffice.db import make_engine

    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    engine = make_engine(record.url, pool_size=1)
    try:
        if record.key_file is not None:
            audit.attach(engine, read_signer(record.key_file))
        audit.record_now(engine, record.actor, "export", "bulletin",
                         {**record.detail, "file": final_name, "sha256": digest, "pages": pages})
    except AuditKeyError as error:
        raise ReportError(f"--audit-key: {error}; no bulletin written", BAD_INPUT) from None
    except SQLAlchemyError as error:
        raise ReportError(f"{record.url}: the export cannot be recorded in the audit trail ({_reason(error)}); "
                          "no bulletin written", UNREACHABLE) from None
    finally:
        engine.dispose()


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no name for this uid (a container): the number
        import os

        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "?"


def _reason(error: Exception) -> str:
    return str(getattr(error, "orig", None) or error).strip().splitlines()[0]
