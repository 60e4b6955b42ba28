"""The audit trail for administrators (paged, newest first) and its public key for verifiers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel

from clerk_app.backoffice import audit, audit_head
from clerk_app.backoffice.access import engine_of
from clerk_app.backoffice.auth import ADMIN, AdminUser, roles_extra
from clerk_app.backoffice.errors import ERROR_RESPONSES, not_found

router = APIRouter(responses=ERROR_RESPONSES)


class AuditEntryOut(BaseModel):
    seq: int
    at: str
    actor: str
    action: str
    subject: str  # the case id, or the account of a sign-in or account change
    detail: dict[str, Any]
    prev_hash: str
    hash: str
    signature: str  # base64 Ed25519 signature of the hash (see docs/backoffice-api.md)
    key_id: str


class AuditHeadOut(BaseModel):
    format: str
    seq: int  # the newest entry's sequence number (0: none yet)
    hash: str  # its hash (64 zeros: none yet)
    at: str  # when the server signed this head
    key_id: str
    signature: str  # base64 Ed25519 over b"clerk_app back-office audit head v1\n" + "SEQ\nHASH\nAT"


class AuditPageOut(BaseModel):
    entries: list[AuditEntryOut]
    head: int  # the newest entry's sequence number (0: none yet)
    next_before: int | None  # pass as `before` for the next (older) page; null at the first entry


@router.get("/audit", response_model=AuditPageOut, openapi_extra=roles_extra(ADMIN))
def audit_page(
    request: Request,
    _principal: AdminUser,
    before: int | None = Query(default=None, ge=1, description="entries with a smaller sequence number"),
    size: int = Query(default=100, ge=1, le=500),
    subject: str | None = Query(default=None, max_length=128, description="a case id or an account"),
    actor: str | None = Query(default=None, max_length=64),
    action: str | None = Query(default=None, max_length=32),
) -> dict[str, Any]:
    """The server's audit trail, newest first; `clerk-app audit verify` checks it whole."""
    items, head = audit.page(engine_of(request), before=before, size=size, subject=subject, actor=actor,
                             action=action)
    last = items[-1].entry.seq if items else None
    return {"entries": [audit.as_dict(item) for item in items], "head": head,
            "next_before": last if last is not None and last > 1 and len(items) == size else None}


@router.get("/audit/public-key", response_class=PlainTextResponse, openapi_extra={"x-roles": []},
            responses={200: {"content": {"application/x-pem-file": {"schema": {"type": "string"}}},
                             "description": "the public key, PEM"}})
def public_key(request: Request) -> PlainTextResponse:
    """The public key (PEM) the audit entries are signed with; a verifier needs only this.

    Fetch it once and keep it apart from the server: a key fetched from the machine being checked
    proves only that the machine is consistent with itself.
    """
    signer = audit.signer_of(engine_of(request))
    if signer is None:
        raise not_found("audit signing key")
    return PlainTextResponse(signer.public_pem, media_type="application/x-pem-file")


@router.get("/audit/head", response_model=AuditHeadOut, openapi_extra={"x-roles": []})
def head(request: Request) -> dict[str, Any]:
    """The trail's head now (last seq and hash), signed: keep it to detect entries cut from the end later.

    Workstations keep the highest one they saw; `clerk-app audit verify --backoffice-db URL --anchor
    FILE` reports a trail shorter than a saved head, or with another hash at its seq.
    """
    signed = audit_head.signed_head(engine_of(request))
    if signed is None:
        raise not_found("audit signing key")
    return signed.as_dict()
