"""The department queue, claims, decisions, hand-out, and the change feed (also with two instances)."""

from __future__ import annotations

import threading
import uuid
from datetime import date

from fastapi.testclient import TestClient

from tests.backoffice.conftest import Api
from tests.backoffice.sample import body, case, path


def submit(api: Api, c) -> None:  # type: ignore[no-untyped-def]
    assert api.call("PUT", path(c), "clerk", content=body(c)).status_code == 201


def decide(api: Api, case_id: str, user: str = "sup_police", **decision: object) -> int:
    assert api.call("POST", f"/cases/{case_id}/claim", user).status_code == 200
    return api.call("POST", f"/cases/{case_id}/decision", user, json=decision).status_code


def test_queue_order_filters_and_paging(api: Api) -> None:
    days = [date(2026, 12, d) for d in (9, 3, 7, 1, 5)]
    made = [case(promised=d) for d in days]
    for c in made:
        submit(api, c)
    submit(api, case(departments=("卫健委",)))
    page = api.call("GET", "/queue?size=2&page=1", "sup_police").json()
    assert page["total"] == 5 and [i["deadline"] for i in page["items"]] == ["2026-12-01", "2026-12-03"]
    assert api.call("GET", "/queue?size=2&page=3", "sup_police").json()["items"][0]["deadline"] == "2026-12-09"
    first = page["items"][0]["case_id"]
    assert decide(api, first, kind="approve") == 200
    assert api.call("GET", "/queue?state=synced", "sup_police").json()["total"] == 4
    assert api.call("GET", "/queue?state=approved", "sup_police").json()["items"][0]["case_id"] == first
    assert api.call("GET", "/queue", "admin").json()["total"] == 6


def test_claims_and_decision_rules(api: Api) -> None:
    c = case()
    submit(api, c)
    assert api.call("POST", f"/cases/{c.id}/decision", "sup_police", json={"kind": "approve"}).status_code == 409
    assert api.call("POST", f"/cases/{c.id}/claim", "sup_police").json()["claimed_by"] == "sup_police"
    assert api.call("POST", f"/cases/{c.id}/decision", "sup_police", json={"kind": "deny"}).status_code == 422
    assert api.call("POST", f"/cases/{c.id}/decision", "sup_police",
                    json={"kind": "correction", "corrections": []}).status_code == 422
    assert api.call("POST", f"/cases/{c.id}/release", "sup_police").json()["claimed_by"] is None
    assert decide(api, c.id, kind="deny", reason="不符合条件") == 200
    assert api.call("POST", f"/cases/{c.id}/decision", "sup_police", json={"kind": "approve"}).status_code == 409
    event = {"event_id": str(uuid.uuid4())}
    assert api.call("POST", f"/cases/{c.id}/handout", "clerk", json={**event, "to": "mail"}).status_code == 422
    handed = api.call("POST", f"/cases/{c.id}/handout", "clerk", json={**event, "to": "applicant"})
    assert handed.json()["state"] == "handed_out"
    rating = {"event_id": str(uuid.uuid4()), "level": 2, "reasons": ["too_slow"], "stage": "handout",
              "at": "2026-11-02T10:00:00+08:00"}
    assert api.call("POST", f"/cases/{c.id}/evaluation", "clerk", json=rating).status_code == 201
    kinds = [h["kind"] for h in api.call("GET", f"/cases/{c.id}", "sup_police").json()["history"]]
    assert kinds == ["submission", "claim", "release", "claim", "decision", "handout", "evaluation"]


def test_feed_brings_decisions_back_in_order(api: Api) -> None:
    made = [case() for _ in range(3)]
    for c in made:
        submit(api, c)
    assert api.call("GET", "/changes?since=0", "clerk").json() == {"changes": [], "next": 0}
    decide(api, made[0].id, kind="approve")
    decide(api, made[1].id, kind="deny", reason="理由")
    decide(api, made[2].id, kind="correction", corrections=["补充材料"])
    feed = api.call("GET", "/changes?since=0&limit=2", "clerk").json()
    assert [c["state"] for c in feed["changes"]] == ["approved", "denied"]
    assert feed["changes"][1]["decision"]["reason"] == "理由"
    rest = api.call("GET", f"/changes?since={feed['next']}", "clerk").json()
    assert [c["state"] for c in rest["changes"]] == ["correction_requested"]
    assert rest["changes"][0]["decision"]["corrections"] == ["补充材料"]
    assert rest["next"] > feed["next"]


def test_two_instances_deciding_concurrently_lose_nothing(pg_url: str, app_factory) -> None:  # type: ignore[no-untyped-def]
    apps = [app_factory(pg_url), app_factory(pg_url, users=False)]
    with TestClient(apps[0]) as one, TestClient(apps[1]) as two:
        apis = [Api(one), Api(two)]
        cases = [case() for _ in range(40)]
        for c in cases:
            submit(apis[0], c)
        seen: list[int] = []
        stop = threading.Event()

        def reader() -> None:
            cursor = 0
            while True:
                done = stop.is_set()
                feed = apis[1].call("GET", f"/changes?since={cursor}&limit=7", "clerk").json()
                seen.extend(c["cursor"] for c in feed["changes"])
                cursor = feed["next"]
                if done and not feed["changes"]:
                    return

        def decider(index: int) -> None:
            for c in cases[index::4]:
                assert decide(apis[index % 2], c.id, kind="approve") == 200

        threads = [threading.Thread(target=decider, args=(i,)) for i in range(4)]
        watcher = threading.Thread(target=reader)
        watcher.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        stop.set()
        watcher.join()
    assert len(seen) == 40 and seen == sorted(seen) and len(set(seen)) == 40
