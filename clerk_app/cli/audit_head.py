"""`clerk-app audit head (--backoffice-url URL | --workstation) -o FILE`: save a signed audit head.

The file is the anchor `clerk-app audit verify --backoffice-db URL --anchor FILE` compares the
server's trail with: the trail must still reach its seq with its hash. It comes from a running
back office (`GET /audit/head`, no sign-in needed) or from a workstation, whose sync keeps the
highest head it has seen (`clerk_app.store.audit_witness`) — a copy the server's administrator
cannot reach. Either way the head's signature is checked before it is written: against `--public-key
FILE` when given, else the key the back office serves (or the one the workstation kept with it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

from clerk_app.core.audit_head import HeadFormatError, SignedHead, head_from_dict

WRITTEN, NOTHING, BAD_INPUT, UNREACHABLE = 0, 1, 2, 3


class HeadError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def save_head(args: argparse.Namespace) -> int:
    from clerk_app.config.settings import SettingsError, load_settings

    try:
        if not args.output.parent.is_dir():
            raise HeadError(f"{args.output.parent}: no such folder", BAD_INPUT)
        settings = load_settings()
        if args.backoffice_url:
            head, public_pem = _from_backoffice(args.backoffice_url, settings.backoffice.client_options())
        else:
            head, public_pem = _from_workstation(args.db or settings.database_path, settings.security)
        _check_signature(head, args.public_key, public_pem)
        _write(args.output, head)
    except SettingsError as error:
        print(error, file=sys.stderr)
        return BAD_INPUT
    except HeadError as error:
        print(f"clerk-app audit head: {error}", file=sys.stderr)
        return error.code
    print(f"{args.output}: the back office's audit head {head.describe()} (key {head.key_id[:16]}…)")
    return WRITTEN


def _from_backoffice(url: str, options: dict[str, str | None]) -> tuple[SignedHead, str]:
    from clerk_app.config.settings import LOOPBACK_HOSTS
    from clerk_app.sync.client import BackOfficeClient, OutcomeKind

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise HeadError(f"--backoffice-url {url}: write https://HOST[:PORT]/", BAD_INPUT)
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        raise HeadError(f"--backoffice-url {url}: use https:// (plain http only on this machine)", BAD_INPUT)
    client = BackOfficeClient(url, **options)
    try:
        answer = client.request("GET", "/audit/head")
        if answer.kind is OutcomeKind.RETRYABLE:
            raise HeadError(f"{url}: the back office cannot be reached ({answer.message})", UNREACHABLE)
        if not answer.ok:
            raise HeadError(f"{url}: no audit head ({answer.message}; an older back office, or no signing key)",
                            NOTHING)
        key_answer, pem = client.download("/audit/public-key")
    finally:
        client.close()
    try:
        head = head_from_dict(answer.body)
    except HeadFormatError as error:
        raise HeadError(f"{url}: the audit head it answered cannot be read ({error})", UNREACHABLE) from None
    return head, pem.decode("ascii", errors="replace") if key_answer.ok else ""


def _from_workstation(database: Path, security) -> tuple[SignedHead, str]:  # type: ignore[no-untyped-def]
    from clerk_app.store.at_rest import open_folder
    from clerk_app.store.audit_witness import saved_head, saved_public_key
    from clerk_app.store.errors import StoreError

    if not database.exists():
        raise HeadError(f"{database}: no such database", BAD_INPUT)
    try:
        folder = open_folder(database, security, enrol=False)
    except StoreError as error:
        raise HeadError(f"{database}: {error.text('zh')}", UNREACHABLE) from None
    try:
        head, pem = saved_head(folder.engine), saved_public_key(folder.engine) or ""
    finally:
        folder.engine.dispose()
    if head is None:
        raise HeadError(f"{database}: this workstation has kept no back-office audit head yet (its sync keeps the "
                        "highest one it sees, each round)", NOTHING)
    return head, pem


def _check_signature(head: SignedHead, public_key: Path | None, served_pem: str) -> None:
    from clerk_app.backoffice.audit_head import head_problem
    from clerk_app.backoffice.audit_keys import AuditKeyError, load_public_keys, parse_public_keys

    try:
        trusted = load_public_keys(public_key) if public_key else parse_public_keys(served_pem)
    except AuditKeyError as error:
        if public_key:
            raise HeadError(str(error), BAD_INPUT) from None
        raise HeadError(f"the back office's public key cannot be read ({error}): give --public-key FILE",
                        NOTHING) from None
    problem = head_problem(head, trusted)
    if problem:
        raise HeadError(f"the head {head.describe()} is not written: {problem}", NOTHING)


def _write(path: Path, head: SignedHead) -> None:
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_text(json.dumps(head.as_dict(), indent=1) + "\n", encoding="utf-8")
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise HeadError(f"{path}: cannot write the head ({error.strerror or error})", NOTHING) from None
