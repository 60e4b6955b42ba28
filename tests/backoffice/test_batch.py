"""`POST /submissions`: many case revisions at once, each answered as its own PUT would be."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import sqlalchemy as sa

from clerk_app.backoffice.schema import case_revisions, cases, queue, queue_counts
from tests.backoffice.conftest import Api
from tests.backoffice.sample import body, case, path, sha


def item(c: Any, raw: bytes | None = None) -> dict[str, Any]:
    return {"case_id": c.id, "revision": c.revision, "body": (raw if raw is not None else body(c)).decode()}


def post(api: Api, items: list[dict[str, Any]], user: str = "clerk"):  # type: ignore[no-untyped-def]
    return api.call("POST", "/submissions", user, json={"items": items})


def outcomes(answer: Any) -> list[tuple[int, str]]:
    assert answer.status_code == 200, answer.text
    return [(r["status"], r["result"]) for r in answer.json()["results"]]


def count(api: Api, table: sa.Table) -> int:
    with api.client.app.state.engine.connect() as connection:  # type: ignore[attr-defined]
        return int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def test_each_item_is_answered_like_its_put(api: Api) -> None:
    stored, fresh, clashing = case(), case(), case()
    assert api.call("PUT", path(stored), "clerk", content=body(stored)).status_code == 201
    assert api.call("PUT", path(clashing), "clerk", content=body(clashing)).status_code == 201
    changed = json.loads(body(clashing))
    changed["name"] = "另一个事项"
    bad = case()
    answer = post(api, [item(fresh), item(stored), item(clashing, json.dumps(changed).encode()),
                        item(bad, b"not json"), item(case(departments=("no such dept",)))])
    assert outcomes(answer) == [(201, "created"), (200, "replay"), (409, "conflict"), (422, "invalid"),
                                (422, "invalid")]
    results = answer.json()["results"]
    assert results[0]["submission"] == {"case_id": fresh.id, "revision": 1, "number": fresh.number,
                                        "state": "synced", "missing_files": [], "complete": True}
    assert results[1]["submission"] == api.call("PUT", path(stored), "clerk", content=body(stored)).json()
    assert results[2]["error"]["error"] == "conflict" and results[2]["submission"] is None
    assert results[3]["error"]["error"] == "invalid_case" and "body" in results[3]["error"]["details"][0]
    assert any("departments" in d for d in results[4]["error"]["details"])
    assert count(api, cases) == 3 and count(api, case_revisions) == 3


def test_files_missing_then_complete_and_resubmission(api: Api) -> None:
    page = b"scanned page"
    first = case(scans=(sha(page),))
    [result] = post(api, [item(first)]).json()["results"]
    assert result["submission"]["missing_files"] == [sha(page)] and result["submission"]["complete"] is False
    assert api.call("PUT", f"/files/{sha(page)}", "clerk", content=page).status_code == 201
    [replay] = post(api, [item(first)]).json()["results"]
    assert replay["status"] == 200 and replay["submission"]["complete"] is True
    second = case(case_id=first.id, number=first.number, revision=2)
    assert outcomes(post(api, [item(second)])) == [(409, "conflict")]
    assert count(api, case_revisions) == 1  # the refused revision is not kept
    assert api.call("POST", f"/cases/{first.id}/claim", "sup_police").status_code == 200
    assert api.call("POST", f"/cases/{first.id}/decision", "sup_police",
                    json={"kind": "correction", "corrections": ["补正"]}).status_code == 200
    assert outcomes(post(api, [item(second)])) == [(201, "created")]
    assert api.call("GET", f"/cases/{first.id}", "sup_police").json()["revision"] == 2


def test_one_case_twice_in_a_batch(api: Api) -> None:
    c, other = case(), case()
    changed = json.loads(body(other))
    changed["name"] = "改过的"
    answer = post(api, [item(c), item(other), item(c), item(other, json.dumps(changed).encode())])
    assert outcomes(answer) == [(201, "created"), (201, "created"), (200, "replay"), (409, "conflict")]


def test_bad_items_and_envelopes(api: Api) -> None:
    good = case()
    answer = post(api, [{"case_id": "has space", "revision": 1, "body": "{}"},
                        {"case_id": good.id, "revision": 0, "body": body(good).decode()}, item(good)])
    assert outcomes(answer) == [(422, "invalid"), (422, "invalid"), (201, "created")]
    assert post(api, []).status_code == 422
    assert post(api, [item(case()) for _ in range(201)]).status_code == 422
    wrong = api.call("POST", "/submissions", "clerk", content=b"[1, 2", headers={"Content-Type": "application/json"})
    assert wrong.status_code == 422 and wrong.json()["error"] == "invalid"
    huge = {"case_id": good.id, "revision": 1, "body": "x" * (2 * 1024 * 1024 - 100)}
    too_large = api.call("POST", "/submissions", "clerk", json={"items": [huge] * 9})
    assert too_large.status_code == 413 and too_large.json()["error"] == "too_large"
    assert post(api, [item(case())], user="sup_police").status_code == 403


def test_concurrent_batches_store_each_key_once(api: Api) -> None:
    shared = [case() for _ in range(6)]
    api.sign_in("clerk")
    barrier = threading.Barrier(8)

    def submit(index: int) -> list[tuple[int, str]]:
        order = shared if index % 2 else list(reversed(shared))  # opposite orders: no deadlock either
        barrier.wait()
        return outcomes(post(api, [item(c) for c in [*order, case()]]))

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(submit, range(8)))
    firsts = sum(statuses.count((201, "created")) for statuses in answers)
    assert firsts == len(shared) + 8
    assert all(status in ((201, "created"), (200, "replay")) for statuses in answers for status in statuses)
    assert count(api, cases) == len(shared) + 8 and count(api, case_revisions) == len(shared) + 8


def test_queue_counts_follow_the_queue(api: Api) -> None:
    page = b"late page"
    made = [case(), case(departments=("公安局", "卫健委")), case(scans=(sha(page),))]
    outcomes(post(api, [item(c) for c in made]))
    assert _counts(api) == _recount(api) == {("公安局", "synced"): 2, ("卫健委", "synced"): 1}
    api.call("PUT", f"/files/{sha(page)}", "clerk", content=page)
    api.call("POST", f"/cases/{made[0].id}/claim", "sup_police")
    api.call("POST", f"/cases/{made[0].id}/decision", "sup_police", json={"kind": "approve"})
    assert _counts(api) == _recount(api) == {("公安局", "synced"): 2, ("公安局", "approved"): 1,
                                             ("卫健委", "synced"): 1}
    listing = api.call("GET", "/queue?state=synced", "sup_police").json()
    assert listing["total"] == 2 and len(listing["items"]) == 2
    assert api.call("GET", "/queue", "admin").json()["total"] == 4


def _counts(api: Api) -> dict[tuple[str, str], int]:
    with api.client.app.state.engine.connect() as connection:  # type: ignore[attr-defined]
        rows = connection.execute(sa.select(queue_counts)).all()
    return {(r.department, r.state): r.n for r in rows if r.n}


def _recount(api: Api) -> dict[tuple[str, str], int]:
    with api.client.app.state.engine.connect() as connection:  # type: ignore[attr-defined]
        rows = connection.execute(
            sa.select(queue.c.department, queue.c.state, sa.func.count()).group_by(queue.c.department, queue.c.state)
        ).all()
    return {(r[0], r[1]): r[2] for r in rows}
