"""补交 (material_supply) events on the back office, SQLite and PostgreSQL: exactly once, the case's history
and open tolerance, refusals with reasons, scans through the files route; never a new revision."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from clerk_app.backoffice.schema import case_events, case_files, case_revisions, history
from tests.backoffice.conftest import Api
from tests.backoffice.sample import body, path, sha
from tests.backoffice.test_case_events import post, rows
from tests.store.correction_samples import tolerance

SCAN = b"%PDF-1.7\n lease contract, page 1"


def submitted(api: Api, number: str = "BT01-W07-20261123-0001") -> Any:
    c = tolerance(number)  # the lease contract (lease_contract) promised by 2026-11-30
    assert api.call("PUT", path(c), "clerk", content=body(c)).status_code == 201
    return c


def supply(material: str = "lease_contract", scans: tuple[str, ...] = (), **changes: Any) -> dict[str, Any]:
    return {"event_id": str(uuid.uuid4()), "material": material, "name": "房屋租赁合同", "form": "原件", "copies": 1,
            "scanned": bool(scans), "scans": list(scans), "at": "2026-11-20T10:00:00+08:00", "by": "clerk",
            "due": "2026-11-30", "late": False, **changes}


def case_view(api: Api, case_id: str) -> dict[str, Any]:
    answer = api.call("GET", f"/cases/{case_id}", "sup_police")
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_supplied_once_closes_the_open_tolerance_without_a_revision(api: Api) -> None:
    c = submitted(api)
    assert case_view(api, c.id)["open_tolerance"] == ["lease_contract"]
    event = supply()
    first = post(api, c.id, "material-supply", event)
    assert first.status_code == 201, first.text
    assert first.json()["event_id"] == event["event_id"] and first.json()["state"] == "synced"
    assert post(api, c.id, "material-supply", event).json() == first.json()  # a replay: the first answer
    assert post(api, c.id, "material-supply", event).status_code == 200
    changed = post(api, c.id, "material-supply", {**event, "copies": 2})
    assert changed.status_code == 409 and "different content" in changed.json()["message"]
    again = post(api, c.id, "material-supply", supply())  # another event for the same material
    assert again.status_code == 409 and "supplied before" in again.json()["message"]
    view = case_view(api, c.id)
    assert view["open_tolerance"] == [] and view["revision"] == 1 and view["state"] == "synced"
    step = view["history"][-1]
    assert (step["kind"], step["from_state"], step["to_state"], step["actor"]) == (
        "material_supply", "synced", "synced", "clerk")
    assert step["detail"]["name"] == "房屋租赁合同" and step["detail"]["scanned"] is False
    assert step["detail"]["event_id"] == event["event_id"] and step["detail"]["material"] == "lease_contract"
    assert len(rows(api, case_events, case_id=c.id)) == 1
    assert [r.revision for r in rows(api, case_revisions, case_id=c.id)] == [1]
    assert [h.kind for h in rows(api, history, case_id=c.id)] == ["submission", "material_supply"]
    feed = api.call("GET", "/changes?since=0", "clerk").json()["changes"]
    assert feed == []  # no state changed: nothing for the windows to pull


def test_the_scan_goes_by_the_files_route_first(api: Api) -> None:
    c = submitted(api)
    digest = sha(SCAN)
    early = post(api, c.id, "material-supply", supply(scans=(digest,)))
    assert early.status_code == 422 and early.json()["details"] == [
        f"scans: file {digest} is not held; upload it first (PUT /files/{digest})"]
    assert api.call("PUT", f"/files/{digest}", "clerk", content=SCAN).status_code == 201
    assert api.call("GET", f"/files/{digest}", "sup_police").status_code == 404  # no case of theirs names it yet
    event = supply(scans=(digest,))
    assert post(api, c.id, "material-supply", event).status_code == 201
    assert [r.sha256 for r in rows(api, case_files, case_id=c.id)] == [digest]
    download = api.call("GET", f"/files/{digest}", "sup_police")
    assert download.status_code == 200 and download.content == SCAN
    detail = case_view(api, c.id)["history"][-1]["detail"]
    assert (detail["scanned"], detail["scans"]) == (True, [digest])
    assert case_view(api, c.id)["complete"] is True and case_view(api, c.id)["missing_files"] == []


def test_bad_supplies_are_refused_with_reasons_and_leave_nothing(api: Api) -> None:
    c = submitted(api)
    refused = {
        "material": supply("id_card"),  # received at acceptance: not a tolerated material
        "scanned, scans": supply(scanned=True),
        "at": supply(at=(datetime.now(UTC) + timedelta(days=3)).isoformat()),
    }
    for field, event in refused.items():
        answer = post(api, c.id, "material-supply", event)
        assert answer.status_code == 422, answer.text
        assert answer.json()["details"][0].startswith(f"{field}:"), answer.json()
    assert post(api, c.id, "material-supply", supply(copies=0)).status_code == 422
    assert post(api, c.id, "material-supply", supply(scans=("not-a-hash",), scanned=True)).status_code == 422
    assert api.call("POST", f"/cases/{c.id}/material-supply", "sup_police", json=supply()).status_code == 403
    assert post(api, "no-such-case", "material-supply", supply()).status_code == 404
    assert rows(api, case_events, case_id=c.id) == []
    assert [h.kind for h in rows(api, history, case_id=c.id)] == ["submission"]
    assert case_view(api, c.id)["open_tolerance"] == ["lease_contract"]


def test_a_handed_out_case_takes_no_material(api: Api) -> None:
    c = submitted(api)
    assert api.call("POST", f"/cases/{c.id}/claim", "sup_police").status_code == 200
    assert api.call("POST", f"/cases/{c.id}/decision", "sup_police", json={"kind": "approve"}).status_code == 200
    approved = post(api, c.id, "material-supply", supply())  # supplied after the decision: still recorded
    assert approved.status_code == 201 and approved.json()["state"] == "approved"
    other = submitted(api, "BT01-W07-20261123-0002")
    assert api.call("POST", f"/cases/{other.id}/claim", "sup_police").status_code == 200
    assert api.call("POST", f"/cases/{other.id}/decision", "sup_police", json={"kind": "deny", "reason": "不符合条件"}
                    ).status_code == 200
    handout = post(api, other.id, "handout", {"event_id": str(uuid.uuid4()), "to": "applicant"})
    assert handout.status_code == 201, handout.text
    late = post(api, other.id, "material-supply", supply())
    assert late.status_code == 409 and "handed_out" in late.json()["message"]


def test_concurrent_supplies_of_one_material_store_one(api: Api) -> None:
    c = submitted(api)
    same, others = supply(), [supply() for _ in range(3)]
    barrier = threading.Barrier(6)
    statuses: dict[str, list[int]] = {"same": [], "other": []}

    def send(event: dict[str, Any], key: str) -> None:
        barrier.wait()
        statuses[key].append(post(api, c.id, "material-supply", event).status_code)

    threads = [threading.Thread(target=send, args=(same, "same")) for _ in range(3)]
    threads += [threading.Thread(target=send, args=(event, "other")) for event in others]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = sorted(statuses["same"] + statuses["other"])
    assert everything.count(201) == 1 and set(everything) <= {200, 201, 409}, statuses
    assert len(rows(api, case_events, case_id=c.id)) == 1
    assert [h.kind for h in rows(api, history, case_id=c.id)].count("material_supply") == 1
