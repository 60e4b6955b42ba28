"""Sign-in, health, and account management (admin)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from clerk_app.backoffice import accounts, db, sessions
from clerk_app.backoffice.access import engine_of, settings_of
from clerk_app.backoffice.auth import (
    ADMIN,
    AdminUser,
    now,
    roles_extra,
    sign_in,
    token_digest,
)
from clerk_app.backoffice.errors import ERROR_RESPONSES, ErrorBody
from clerk_app.backoffice.models import AccountIn, AccountOut, Health, SignIn, TokenOut

router = APIRouter(responses=ERROR_RESPONSES)
UserName = Annotated[str, Path(min_length=1, max_length=64)]


@router.get("/health", response_model=Health, openapi_extra={"x-roles": []})
def health(request: Request) -> dict[str, str]:
    return {"status": "ok", "database": db.dialect_label(engine_of(request))}


@router.post("/auth/token", response_model=TokenOut, openapi_extra={"x-roles": []},
             responses={429: {"model": ErrorBody, "description": "throttled: too many wrong passwords; "
                                                                "wait Retry-After seconds"}})
async def token(request: Request, body: SignIn) -> dict[str, Any]:
    issued, expires, principal = await run_in_threadpool(
        sign_in, engine_of(request), settings_of(request), body.username, body.password,
        sessions.client_label(request))
    return {
        "token": issued, "expires_at": expires.isoformat(), "username": principal.username,
        "display_name": principal.display_name, "role": principal.role,
        "departments": sorted(principal.departments), "hall_code": principal.hall_code,
    }


class RevokeIn(BaseModel):
    token: str = Field(min_length=1, max_length=200)


@router.post("/auth/revoke", status_code=204, response_class=Response, openapi_extra={"x-roles": []})
async def revoke(request: Request, body: RevokeIn) -> Response:
    """Sign out: the token stops working and its sign-in session ends (204, also for an unknown token).

    The token is the proof, as in RFC 7009: whoever holds it may give it back.
    """
    username = await run_in_threadpool(sessions.end, engine_of(request), token_digest(body.token), now())
    if username is not None:
        request.app.state.principals.forget(username)
    return Response(status_code=204)


@router.post("/accounts", response_model=AccountOut, status_code=201, openapi_extra=roles_extra(ADMIN))
async def add_account(request: Request, body: AccountIn, _principal: AdminUser
                      ) -> JSONResponse:
    created = await run_in_threadpool(
        lambda: accounts.add_account(
            engine_of(request), body.username, role=body.role, password=body.password,
            departments=body.departments, display_name=body.display_name, hall_code=body.hall_code,
            by=_principal.username))
    return JSONResponse(created, status_code=201)


@router.get("/accounts", response_model=list[AccountOut], openapi_extra=roles_extra(ADMIN))
def list_accounts(request: Request, _principal: AdminUser) -> list[dict[str, Any]]:
    return accounts.list_accounts(engine_of(request))


@router.post("/accounts/{username}/disable", response_model=AccountOut, openapi_extra=roles_extra(ADMIN))
def disable(request: Request, username: UserName, _principal: AdminUser
            ) -> dict[str, Any]:
    disabled = accounts.disable_account(engine_of(request), username, by=_principal.username)
    request.app.state.principals.forget(username)
    return disabled
