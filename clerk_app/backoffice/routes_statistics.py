"""`GET /statistics`: the quarterly bulletin's figures for a period (supervisor: own departments; admin: all).

The catalogue (for department names and the matter coverage rate) is the shipped one, loaded once
per process on first use.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from clerk_app.backoffice import audit
from clerk_app.backoffice.access import engine_of, settings_of
from clerk_app.backoffice.auth import ADMIN, SUPERVISOR, DecidingUser, roles_extra
from clerk_app.backoffice.errors import ERROR_RESPONSES, ApiError
from clerk_app.backoffice.privacy import mask_document
from clerk_app.backoffice.statistics import EARLIEST, LATEST, MAX_DAYS, Scope, read_report
from clerk_app.backoffice.workdays import hall_calendar
from clerk_app.core.bulletin import Period
from clerk_app.core.bulletin_codec import report_to_dict
from clerk_app.core.catalogue import Catalogue

router = APIRouter(responses=ERROR_RESPONSES)


class PeriodOut(BaseModel):
    start: date
    end: date


class FiguresOut(BaseModel):
    department: str
    cases: int
    completed: int
    overdue: int
    online: int
    evaluated: int
    evaluations: int
    bad: int


class CoverageOut(BaseModel):
    department: str
    matters: int
    covered: int


class WorkloadOut(BaseModel):
    clerk: str
    cases: int
    completed: int
    days_present: int


class AttendanceOut(BaseModel):
    clerk: str
    days_present: int
    hours: float
    open_sessions: int


class StatisticsOut(BaseModel):
    period: PeriodOut
    open_days: int | None
    hall_code: str
    scope: list[str]
    total: FiguresOut
    departments: list[FiguresOut]
    coverage_total: CoverageOut
    coverage: list[CoverageOut]
    workload: list[WorkloadOut]
    attendance: list[AttendanceOut]
    ratings: dict[str, int]
    shared_cases: int


@functools.cache
def shipped_catalogue() -> Catalogue:
    from clerk_app.catalogue.loader import load_default_catalogue

    return load_default_catalogue().catalogue


@router.get("/statistics", response_model=StatisticsOut, openapi_extra=roles_extra(SUPERVISOR, ADMIN))
def statistics(
    request: Request,
    principal: DecidingUser,
    start: Annotated[date, Query(alias="from", description="first day of the period (YYYY-MM-DD)")],
    end: Annotated[date, Query(alias="to", description="last day of the period, included")],
) -> JSONResponse:
    """Cases by department (completed, overdue, online), evaluations, coverage, workload, attendance."""
    if end < start:
        raise ApiError(422, "invalid", "the period ends before it starts", [f"to: {end} is before from: {start}"])
    for name, day in (("from", start), ("to", end)):
        if not EARLIEST <= day <= LATEST:
            raise ApiError(422, "invalid", f"dates are between {EARLIEST} and {LATEST}", [f"{name}: {day}"])
    if (end - start).days + 1 > MAX_DAYS:
        raise ApiError(422, "invalid", f"a period is at most {MAX_DAYS} days",
                       [f"from, to: {(end - start).days + 1} days asked"])
    scope = Scope.of(principal)
    report = read_report(engine_of(request), Period(start, end), scope, shipped_catalogue(),
                         hall_calendar(settings_of(request).data_dir))  # as follow-up deadlines
    audit.record_now(engine_of(request), principal.username, "export", "statistics", {  # before it leaves
        "from": start.isoformat(), "to": end.isoformat(),
        "departments": sorted(scope.departments) if scope.departments is not None else "all"})
    return JSONResponse(mask_document(report_to_dict(report)))  # figures and names; any ID/phone masked
