"""`POST /files`: several files in one body, each answered as its own PUT would be."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa

from clerk_app.backoffice.schema import files
from tests.backoffice.conftest import Api
from tests.backoffice.sample import body, case, path, sha


def post_files(api: Api, parts: list[tuple[str, bytes]], user: str = "clerk"):  # type: ignore[no-untyped-def]
    listed = ",".join(f"{digest}:{len(data)}" for digest, data in parts)
    return api.call("POST", "/files", user, params={"files": listed}, content=b"".join(d for _, d in parts),
                    headers={"Content-Type": "application/octet-stream"})


def statuses(answer) -> list[int]:  # type: ignore[no-untyped-def]
    assert answer.status_code == 200, answer.text
    return [f["status"] for f in answer.json()["files"]]


def test_each_file_is_answered_and_completes_its_case(api: Api) -> None:
    pages = [b"page one", b"page two", b"", b"page four"]
    c = case(scans=tuple(sha(p) for p in pages[:2]))
    assert api.call("PUT", path(c), "clerk", content=body(c)).json()["complete"] is False
    assert api.call("PUT", f"/files/{sha(pages[0])}", "clerk", content=pages[0]).status_code == 201
    answer = post_files(api, [(sha(p), p) for p in pages] + [(sha(b"claimed"), b"actual")])
    assert statuses(answer) == [200, 201, 201, 201, 422]
    assert answer.json()["files"][4]["error"]["error"] == "hash_mismatch"
    assert answer.json()["files"][1] == {"sha256": sha(pages[1]), "size": len(pages[1]), "status": 201, "error": None}
    assert api.call("PUT", path(c), "clerk", content=body(c)).json()["complete"] is True
    assert api.call("GET", f"/files/{sha(pages[3])}", "admin").content == pages[3]
    assert statuses(post_files(api, [(sha(pages[1]), pages[1]), (sha(pages[1]), pages[1])])) == [200, 200]
    assert statuses(post_files(api, [(sha(b"twice"), b"twice")] * 2)) == [201, 200]


def test_bad_manifests_and_bodies(api: Api) -> None:
    data = b"some bytes"
    short = post_files(api, [(sha(data), data)], "clerk")
    assert short.status_code == 200
    for listed in ("", "nothex:3", f"{sha(data)}:x", ",".join([f"{sha(data)}:1"] * 65)):
        answer = api.call("POST", "/files", "clerk", params={"files": listed}, content=b"x")
        assert answer.status_code in (400, 422) and answer.json()["error"] in ("invalid", "bad_request"), listed
    mismatch = api.call("POST", "/files", "clerk", params={"files": f"{sha(data)}:{len(data) + 1}"}, content=data)
    assert mismatch.status_code == 400 and mismatch.json()["error"] == "bad_request"
    big = api.call("POST", "/files", "clerk", params={"files": f"{sha(data)}:{2 * 1024 * 1024}"}, content=data)
    assert big.status_code == 413
    assert post_files(api, [(sha(data), data)], "sup_police").status_code == 403
    assert api.call("POST", "/files", None, params={"files": f"{sha(data)}:1"}, content=b"x").status_code == 401


def test_concurrent_uploads_of_the_same_files(api: Api) -> None:
    pages = [f"shared page {i}".encode() for i in range(5)]
    c = case(scans=tuple(sha(p) for p in pages))
    api.call("PUT", path(c), "clerk", content=body(c))
    api.sign_in("clerk")
    barrier = threading.Barrier(6)

    def upload(index: int) -> list[int]:
        barrier.wait()
        order = pages if index % 2 else list(reversed(pages))
        return statuses(post_files(api, [(sha(p), p) for p in order]))

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(upload, range(6)))
    assert sum(a.count(201) for a in answers) == len(pages)
    with api.client.app.state.engine.connect() as connection:  # type: ignore[attr-defined]
        assert connection.execute(sa.select(sa.func.count()).select_from(files)).scalar() == len(pages)
    assert api.call("PUT", path(c), "clerk", content=body(c)).json()["complete"] is True
    assert api.call("GET", "/queue", "sup_police").json()["total"] == 1
