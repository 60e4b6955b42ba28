"""Every error answer is JSON `{"error", "message", "details"}`; never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from clerk_app.backoffice.privacy import mask_details, mask_report

log = logging.getLogger(__name__)

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          409: "conflict", 413: "too_large", 422: "invalid", 503: "unavailable"}


class ErrorBody(BaseModel):
    error: str
    message: str
    details: list[Any] = []


class ApiError(Exception):
    """An error answer; its words are masked (`privacy.mask_report`): no full ID or phone number
    that came in with a request goes back out, or into a log, with the error."""

    def __init__(self, status: int, code: str, message: str, details: list[Any] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        message = mask_report(message)
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = mask_details(details or [])
        self.headers = headers


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"{what} not found")


def conflict(message: str) -> ApiError:
    return ApiError(409, "conflict", message)


def forbidden(message: str = "your role may not do this") -> ApiError:
    return ApiError(403, "forbidden", message)


def error_response(status: int, code: str, message: str, details: list[Any] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": code, "message": mask_report(message), "details": mask_details(details or [])}
    return JSONResponse(body, status_code=status, headers=headers)


# Documented on every route so that clients and schemathesis know the error shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": code} for status, code in _CODES.items() if status != 405
}


def install(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(ClientDisconnect, _client_gone)
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_exception_handler(DBAPIError, _database_error)
    app.add_exception_handler(Exception, _unexpected)


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else exc.headers
    return error_response(exc.status, exc.code, exc.message, exc.details, headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [
        {"field": ".".join(str(p) for p in error.get("loc", ())), "problem": str(error.get("msg", ""))}
        for error in exc.errors()
    ]
    return error_response(422, "invalid", "the request is not valid", details)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers) if exc.headers else None
    return error_response(exc.status_code, _CODES.get(exc.status_code, "error"), str(exc.detail), headers=headers)


async def _client_gone(request: Request, _exc: Exception) -> JSONResponse:
    """The client left mid-body: nothing was stored; the answer is for the log, nobody reads it."""
    log.info("client disconnected during %s %s", request.method, request.url.path)
    return error_response(400, "bad_request", "the client disconnected before the body was complete")


async def _database_unavailable(_request: Request, exc: Exception) -> JSONResponse:
    log.warning("database unavailable: %s", exc)
    return error_response(503, "unavailable", "the database is unavailable; try again")


async def _database_error(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("database error", exc_info=exc)
    return error_response(503, "unavailable", "the database could not complete the request; try again")


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return error_response(500, "internal", "internal error")
