"""`clerk-app audit verify [--db PATH]`: the workstation's trail, its chain and its sealed head.

The sealed head (`clerk_app.store.audit_seal`) is read before the chain, so entries appended
meanwhile only make the chain longer. A trail that ends before the sealed head, or holds another
hash at its seq, is reported by seq; so is a seal that does not match the folder's key. Without a
seal (a folder from an earlier release until its next entry, or a seal deleted), entries cut from
the end cannot be seen, and the command says so.
"""

from __future__ import annotations

import sys
from pathlib import Path

from clerk_app.core.audit import ChainBreak


def verify_workstation(database: Path | None) -> int:
    from clerk_app.config.settings import SettingsError, load_settings
    from clerk_app.store.at_rest import open_folder
    from clerk_app.store.errors import StoreError

    try:
        settings = load_settings()
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    path = database or settings.database_path
    if not path.exists():
        print(f"{path}: no such database", file=sys.stderr)
        return 2
    try:
        # the folder's key from the settings; an older file is migrated first: its trail starts empty
        folder = open_folder(path, settings.security, enrol=False)
    except StoreError as error:
        print(f"{path}: {error.text('zh')}", file=sys.stderr)
        return 2
    try:
        return _checked(path, folder)
    finally:
        folder.engine.dispose()


def _checked(path: Path, folder) -> int:  # type: ignore[no-untyped-def]
    from clerk_app.core.audit_head import anchor_break
    from clerk_app.store.audit import AuditLog
    from clerk_app.store.audit_seal import HeadSeal, SealError, seal_path

    seal = HeadSeal(seal_path(path), folder.key)
    breaks: list[ChainBreak] = []
    try:
        sealed = seal.read()  # before the chain: appends meanwhile only lengthen it
    except SealError as error:
        sealed, breaks = None, [ChainBreak(0, f"the sealed head: {error}")]
    log = AuditLog(folder.engine)
    count, chain_breaks = log.verify()
    breaks = chain_breaks + breaks
    if sealed is not None:
        cut = anchor_break(seq=sealed.seq, hash_hex=sealed.hash, last_seq=log.head()[0],
                           hash_there=log.hash_at(sealed.seq),
                           source=f"its sealed head {seal.path.name} ({sealed.describe()})")
        breaks += [cut] if cut else []
    for problem in sorted(breaks, key=lambda b: b.seq):
        print(f"{path}: audit entry {problem}" if problem.seq else f"{path}: {problem.problem}")
    if breaks:
        print(f"{count} entries, {len(breaks)} breaks: the audit trail was altered", file=sys.stderr)
        return 1
    if sealed is None and count:
        print(f"{path}: no sealed audit head ({seal.path.name}) beside the database: entries deleted from the end "
              "cannot be detected (the head is sealed at the next entry)", file=sys.stderr)
    anchored = f", sealed head {sealed.describe()} reached" if sealed is not None and sealed.seq else ""
    print(f"{count} entries, chain intact{anchored}")
    return 0
