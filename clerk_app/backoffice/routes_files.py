"""Scanned files, addressed by their sha256: upload (verified, idempotent) and download."""

from __future__ import annotations

import json
import logging
import re
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse

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
from clerk_app.backoffice.models import FileOut, FilesOut
from clerk_app.backoffice.schema import case_files, cases, files
from clerk_app.backoffice.sealed_files import FileSealer, SealedFileError

log = logging.getLogger(__name__)
router = APIRouter(responses=ERROR_RESPONSES)
UPLOADERS = (CLERK, ADMIN)
READERS = (SUPERVISOR, ADMIN)
Sha256 = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", min_length=64, max_length=64)]
MAX_FILES = 64
MAX_FILES_BYTES = 64 * 1024 * 1024
SHA256 = re.compile(r"^[0-9a-f]{64}$")
_MANY_DOC = {
    "requestBody": {"required": True, "content": {"application/octet-stream": {
        "schema": {"type": "string", "format": "binary"}}}},
    **roles_extra(*UPLOADERS),
}
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
    received = await filestore.receive(settings.files_dir, sha256, request.stream(), settings.max_file_bytes,
                                       _sealer(request))
    created = await run_in_threadpool(_keep, engine_of(request), received)
    return JSONResponse({"sha256": sha256, "size": received.size}, status_code=201 if created else 200)


def _keep(engine: sa.Engine, received: filestore.Received) -> bool:
    """The file durable in place first, then noted as held (one trip to a worker thread)."""
    filestore.keep(received)
    return bool(_record(engine, [(received.sha256, received.size)]))


def _record(engine: sa.Engine, held: list[tuple[str, int]]) -> set[str]:
    """Note files (sha256, size) as held and complete the cases waiting for them; the ones new here."""
    rows = [{"sha256": sha256, "size": size, "stored_at": now()} for sha256, size in dict(sorted(held)).items()]
    with db.write(engine) as connection:
        db.lock_keys(connection, [f"file:{row['sha256']}" for row in rows])
        if db.is_postgresql(connection):
            added = db.insert_rows(connection, files, rows, tail="ON CONFLICT DO NOTHING RETURNING sha256")
        else:
            added = connection.execute(db.dialect_insert(connection, files).values(rows).on_conflict_do_nothing()
                                       .returning(files.c.sha256))
        new = set(added.scalars())
        transitions.complete_cases_waiting_for(connection, sorted(new))
    return new


@router.post("/files", response_model=FilesOut, openapi_extra=_MANY_DOC)
async def upload_many(request: Request, _principal: WindowUser,
                      listed: str = Query(alias="files", max_length=MAX_FILES * 80,
                                          description="SHA256:SIZE,SHA256:SIZE,… in the body's order")) -> JSONResponse:
    """Several files in one request: the body is their bytes one after another, as listed.

    Each file is answered as its own PUT would be (201 stored, 200 held already, 422 hash
    mismatch); the answer is 200 with one result per listed file, in order.
    """
    settings = settings_of(request)
    manifest = _manifest(listed, settings.max_file_bytes)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) != sum(size for _, size in manifest):
        raise ApiError(400, "bad_request", "Content-Length differs from the sizes listed")
    parts = await filestore.receive_many(settings.files_dir, manifest, request.stream(), _sealer(request))
    received = [p for p in parts if isinstance(p, filestore.Received)]
    new = await run_in_threadpool(_keep_many, engine_of(request), received)
    return JSONResponse({"files": _results(manifest, parts, new)})


def _manifest(listed: str, max_file_bytes: int) -> list[tuple[str, int]]:
    entries = [entry.partition(":") for entry in listed.split(",")]
    if not entries or len(entries) > MAX_FILES or any(not SHA256.match(s) or not n.isdigit() for s, _, n in entries):
        raise ApiError(422, "invalid", "the files are not listed as SHA256:SIZE,…",
                       [f"files: 1-{MAX_FILES} entries SHA256:SIZE (lowercase hex, bytes)"])
    manifest = [(sha256, int(size)) for sha256, _, size in entries]
    if any(size > max_file_bytes for _, size in manifest) or sum(s for _, s in manifest) > MAX_FILES_BYTES:
        raise ApiError(413, "too_large", f"a file is at most {max_file_bytes} bytes, a request {MAX_FILES_BYTES}")
    return manifest


def _keep_many(engine: sa.Engine, received: list[filestore.Received]) -> set[str]:
    for part in received:
        filestore.keep(part)
    return _record(engine, [(part.sha256, part.size) for part in received])


def _results(manifest: list[tuple[str, int]], parts: list[filestore.Received | ApiError],
             new: set[str]) -> list[dict[str, Any]]:
    results = []
    for (sha256, size), part in zip(manifest, parts, strict=True):
        if isinstance(part, ApiError):
            error = {"error": part.code, "message": part.message, "details": part.details}
            results.append({"sha256": sha256, "size": size, "status": part.status, "error": error})
        else:
            results.append({"sha256": sha256, "size": size, "status": 201 if sha256 in new else 200, "error": None})
            new.discard(sha256)  # the same file listed twice: held already the second time
    return results


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
    sealer = _sealer(request)
    if sealer is not None:
        return _decrypted(request, sha256, sealer)
    path = filestore.file_path(settings_of(request).files_dir, sha256)
    if not path.exists():
        raise not_found(f"file {sha256}")
    return FileResponse(path, media_type="application/octet-stream")


def _sealer(request: Request) -> FileSealer | None:
    """The service's file sealer when it has a data key (`at_rest`), else None (files kept plain)."""
    return getattr(request.app.state, "sealer", None)


def _decrypted(request: Request, sha256: str, sealer: FileSealer) -> StreamingResponse:
    try:
        size, body = filestore.opened(settings_of(request).files_dir, sha256, sealer)
    except FileNotFoundError:
        raise not_found(f"file {sha256}") from None
    except SealedFileError as error:
        log.error("stored file cannot be opened: %s", error)
        raise ApiError(500, "file_unreadable", f"file {sha256} cannot be read: it was altered or sealed under "
                       "another key; see the service log") from None
    return StreamingResponse(body, media_type="application/octet-stream", headers={"Content-Length": str(size)})
