"""Scanned files, addressed by their sha256: upload (verified, idempotent) and download."""

from __future__ import annotations

import json
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse

from clerk_app.backoffice import db, filestore, transitions
from clerk_app.backoffice.access import engine_of, settings_of
from clerk_app.backoffice.auth import (
    ADMIN,
    CLERK,
    SUPERVISOR,
    DecidingUser,
    WindowUser,
    now,
    roles_extra,
)
from clerk_app.backoffice.errors import ERROR_RESPONSES, ApiError, not_found
from clerk_app.backoffice.models import FileOut
from clerk_app.backoffice.schema import case_files, cases, files

router = APIRouter(responses=ERROR_RESPONSES)
UPLOADERS = (CLERK, ADMIN)
READERS = (SUPERVISOR, ADMIN)
Sha256 = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", min_length=64, max_length=64)]
_UPLOAD_DOC = {
    "requestBody": {"required": True, "content": {"application/octet-stream": {
        "schema": {"type": "string", "format": "binary"}}}},
    "responses": {"201": {"description": "stored", "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/FileOut"}}}}},
    **roles_extra(*UPLOADERS),
}


@router.put("/files/{sha256}", response_model=FileOut, openapi_extra=_UPLOAD_DOC,
            responses={200: {"description": "held already"}})
async def upload(request: Request, sha256: Sha256,
                 _principal: WindowUser) -> JSONResponse:
    settings = settings_of(request)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_file_bytes:
        raise ApiError(413, "too_large", f"a file is at most {settings.max_file_bytes} bytes")
    size = await filestore.receive(settings.files_dir, sha256, request.stream(), settings.max_file_bytes)
    created = await run_in_threadpool(_record, engine_of(request), sha256, size)
    return JSONResponse({"sha256": sha256, "size": size}, status_code=201 if created else 200)


def _record(engine: sa.Engine, sha256: str, size: int) -> bool:
    """Note the file as held and complete the cases waiting for it; False when held already."""
    with db.write(engine) as connection:
        db.lock_keys(connection, [f"file:{sha256}"])
        held = connection.execute(sa.select(files.c.sha256).where(files.c.sha256 == sha256)).first()
        if held is not None:
            return False
        connection.execute(files.insert().values(sha256=sha256, size=size, stored_at=now()))
        transitions.complete_cases_waiting_for(connection, sha256)
    return True


@router.get("/files/{sha256}", openapi_extra=roles_extra(*READERS), response_class=FileResponse,
            responses={200: {"content": {"application/octet-stream": {}}, "description": "the bytes"}})
def download(request: Request, sha256: Sha256, principal: DecidingUser) -> Any:
    with db.read(engine_of(request)) as connection:
        held = connection.execute(sa.select(files.c.sha256).where(files.c.sha256 == sha256)).first()
        listed_by = connection.execute(
            sa.select(cases.c.departments).join(case_files, case_files.c.case_id == cases.c.case_id)
            .where(case_files.c.sha256 == sha256)).scalars().all()
    if held is None or not (principal.is_admin or any(principal.sees_departments(json.loads(d)) for d in listed_by)):
        raise not_found(f"file {sha256}")
    path = filestore.file_path(settings_of(request).files_dir, sha256)
    if not path.exists():
        raise not_found(f"file {sha256}")
    return FileResponse(path, media_type="application/octet-stream")
