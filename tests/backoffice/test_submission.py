"""Submitting cases: idempotency, conflicts, bad payloads, concurrency, files and completeness."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa
from fastapi.testclient import TestClient

from clerk_app.backoffice.schema import case_revisions, cases
from tests.backoffice.conftest import Api
from tests.backoffice.sample import body, case, path, sha


def put_case(api: Api, c, raw: bytes | None = None, user: str = "clerk"):  # type: ignore[no-untyped-def]
    return api.call("PUT", path(c), user, content=raw if raw is not None else body(c),
                    headers={"Content-Type": "application/json"})


def test_replay_is_harmless_and_different_bytes_conflict(api: Api) -> None:
    c = case()
    first = put_case(api, c)
    assert first.status_code == 201, first.text
    assert first.json() == {"case_id": c.id, "revision": 1, "number": c.number, "state": "synced",
                            "missing_files": [], "complete": True}
    replay = put_case(api, c)
    assert replay.status_code == 200 and replay.json() == first.json()
    changed = json.loads(body(c))
    changed["name"] = "另一个事项"
    conflict = put_case(api, c, json.dumps(changed).encode())
    assert conflict.status_code == 409 and conflict.json()["error"] == "conflict"


def test_bad_payloads_are_422_with_reasons(api: Api) -> None:
    c = case()
    for raw, fragment in [
        (b"not json", "body"),
        (b'{"format": 1}', "id: missing"),
        (body(case()), "does not match the path"),
        (body(case(departments=("no such dept",))), "departments"),
        (body(case(scans=("xyz",))), "not a sha256"),
    ]:
        answer = put_case(api, c, raw)
        assert answer.status_code == 422, raw
        payload = answer.json()
        assert payload["error"] == "invalid_case" and any(fragment in d for d in payload["details"]), payload
    undecided = json.loads(body(c))
    undecided["decision"] = None
    answer = put_case(api, c, json.dumps(undecided).encode())
    assert answer.status_code == 422 and "decision" in answer.json()["details"][0]
    window = json.loads(body(c))
    window["decision"]["kind"] = "approve"
    assert put_case(api, c, json.dumps(window).encode()).status_code == 422


def test_concurrent_submissions_of_one_key_make_one_case(api: Api, database_url: str) -> None:
    c = case()
    raw = body(c)
    api.sign_in("clerk")
    barrier = threading.Barrier(16)

    def submit(_: int) -> int:
        barrier.wait()
        return put_case(api, c, raw).status_code

    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(submit, range(16)))
    assert sorted(statuses) == [200] * 15 + [201]
    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(cases)).scalar() == 1
        assert connection.execute(sa.select(sa.func.count()).select_from(case_revisions)).scalar() == 1


def test_concurrent_different_bodies_one_wins(api: Api) -> None:
    c = case()
    variants = [json.loads(body(c)) for _ in range(8)]
    for i, v in enumerate(variants):
        v["name"] = f"变体{i}"
    api.sign_in("clerk")
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda v: put_case(api, c, json.dumps(v).encode()).status_code, variants))
    assert sorted(statuses) == [201] + [409] * 7


def test_files_verified_idempotent_and_completing(api: Api) -> None:
    pages = [b"page one", b"page two"]
    digests = [sha(p) for p in pages]
    c = case(scans=tuple(digests))
    first = put_case(api, c)
    assert first.status_code == 201 and first.json()["complete"] is False
    assert sorted(first.json()["missing_files"]) == sorted(digests)
    assert api.call("GET", "/queue", "sup_police").json()["total"] == 0
    wrong = api.call("PUT", f"/files/{digests[0]}", "clerk", content=b"other bytes")
    assert wrong.status_code == 422 and wrong.json()["error"] == "hash_mismatch"
    assert api.call("PUT", f"/files/{digests[0]}", "clerk", content=pages[0]).status_code == 201
    assert api.call("PUT", f"/files/{digests[0]}", "clerk", content=pages[0]).status_code == 200
    replay = put_case(api, c).json()
    assert replay["missing_files"] == [digests[1]] and replay["complete"] is False
    assert api.call("PUT", f"/files/{digests[1]}", "clerk", content=pages[1]).json() == {
        "sha256": digests[1], "size": len(pages[1])}
    assert put_case(api, c).json()["complete"] is True
    assert api.call("GET", "/queue", "sup_police").json()["total"] == 1
    download = api.call("GET", f"/files/{digests[1]}", "sup_police")
    assert download.status_code == 200 and download.content == pages[1]
    assert api.call("GET", f"/files/{digests[1]}", "sup_health").status_code == 404


def test_file_before_case_and_size_limit(api: Api) -> None:
    page = b"uploaded first"
    assert api.call("PUT", f"/files/{sha(page)}", "clerk", content=page).status_code == 201
    assert put_case(api, case(scans=(sha(page),))).json()["complete"] is True
    big = b"x" * (1024 * 1024 + 1)
    assert api.call("PUT", f"/files/{sha(big)}", "clerk", content=big).status_code == 413


def test_concurrent_uploads_complete_the_case(api: Api) -> None:
    pages = [f"page {i}".encode() for i in range(6)]
    c = case(scans=tuple(sha(p) for p in pages))
    put_case(api, c)
    api.sign_in("clerk")
    with ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(lambda p: api.call("PUT", f"/files/{sha(p)}", "clerk", content=p).status_code, pages))
    assert statuses == [201] * 6
    assert put_case(api, c).json()["complete"] is True


def test_resubmission_only_after_correction(api: Api) -> None:
    c = case()
    put_case(api, c)
    second = case(case_id=c.id, number=c.number, revision=2)
    assert put_case(api, second).status_code == 409
    assert api.call("POST", f"/cases/{c.id}/claim", "sup_police").status_code == 200
    answer = api.call("POST", f"/cases/{c.id}/decision", "sup_police",
                      json={"kind": "correction", "corrections": ["身份证复印件不清晰"]})
    assert answer.status_code == 200, answer.text
    assert put_case(api, second).status_code == 201
    assert api.call("GET", f"/cases/{c.id}", "sup_police").json()["revision"] == 2


def test_client_is_a_test_client(api: Api) -> None:
    assert isinstance(api.client, TestClient)
