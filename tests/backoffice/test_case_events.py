"""Hand-out and evaluation events exactly once by event id, and the follow-up of a bad rating.

On SQLite and PostgreSQL (the `api` fixture): a replay is answered as the first time, the same id
with other content is 409, concurrent requests of one id store one event; only ratings 1 and 2 open
a follow-up, due 5 working days later by the official calendar; its steps follow the domain's
order (409 otherwise) and only the case's department (and admins) see it.
"""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from clerk_app.backoffice.schema import case_events, follow_ups, history
from clerk_app.core.handout import Carrier, Handout, HandoutMethod, MailDelivery, handout_to_dict
from tests.backoffice.conftest import Api
from tests.backoffice.sample import CST, body, case, path

AT = "2026-11-20T15:30:00+08:00"  # a Friday: 5 working days later is Friday 2026-11-27


def submitted(api: Api, departments: tuple[str, ...] = ("公安局",)) -> Any:
    c = case(departments=departments)
    assert api.call("PUT", path(c), "clerk", content=body(c)).status_code == 201
    return c


def rating(level: int, *, reasons: tuple[str, ...] = (), comment: str = "", at: str = AT,
           stage: str = "acceptance") -> dict[str, Any]:
    return {"event_id": str(uuid.uuid4()), "level": level, "reasons": list(reasons), "comment": comment,
            "stage": stage, "at": at, "clerk": "clerk"}


def post(api: Api, case_id: str, kind: str, event: dict[str, Any], user: str = "clerk") -> Any:
    """POST the event as the window does: the stored bytes (sorted keys), not re-serialised by httpx."""
    data = json.dumps(event, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return api.call("POST", f"/cases/{case_id}/{kind}", user, content=data,
                    headers={"Content-Type": "application/json"})


def rows(api: Api, table: sa.Table, **where: str) -> list[Any]:
    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        return connection.execute(sa.select(table).where(*(table.c[k] == v for k, v in where.items()))).all()


def test_replay_is_answered_the_same_and_other_content_is_a_conflict(api: Api) -> None:
    c = submitted(api)
    event = rating(1, reasons=("attitude", "long_wait"), comment="等了一个小时")
    first = post(api, c.id, "evaluation", event)
    assert first.status_code == 201, first.text
    assert first.json()["follow_up_id"] is not None and first.json()["event_id"] == event["event_id"]
    again = post(api, c.id, "evaluation", event)
    assert again.status_code == 200 and again.json() == first.json()
    spaced = api.call("POST", f"/cases/{c.id}/evaluation", "clerk", json=event)  # other spacing, same content
    assert spaced.status_code == 200 and spaced.json() == first.json()
    changed = post(api, c.id, "evaluation", {**event, "comment": "其实还好"})
    assert changed.status_code == 409 and "different content" in changed.json()["message"]
    as_handout = post(api, c.id, "handout", {"event_id": event["event_id"], "to": "applicant"})
    assert as_handout.status_code == 409
    assert len(rows(api, case_events, case_id=c.id)) == 1
    assert len(rows(api, follow_ups, case_id=c.id)) == 1
    assert [h.kind for h in rows(api, history, case_id=c.id)] == ["submission", "evaluation"]


def test_concurrent_requests_of_one_event_store_it_once(api: Api) -> None:
    c = submitted(api)
    event = rating(2, reasons=("too_slow",))
    barrier = threading.Barrier(6)
    statuses: list[int] = []

    def send() -> None:
        barrier.wait()
        statuses.append(post(api, c.id, "evaluation", event).status_code)

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 5 + [201]
    assert len(rows(api, case_events, event_id=event["event_id"])) == 1
    assert len(rows(api, follow_ups, case_id=c.id)) == 1
    assert [h.kind for h in rows(api, history, case_id=c.id)].count("evaluation") == 1


def test_only_bad_ratings_open_a_follow_up_due_in_working_days(api: Api) -> None:
    c = submitted(api)
    answers = {level: post(api, c.id, "evaluation", rating(level, reasons=("other",) if level <= 3 else (),
                                                            comment="说明" if level <= 3 else ""))
               for level in (5, 4, 3, 2, 1)}
    assert {level: a.status_code for level, a in answers.items()} == dict.fromkeys((5, 4, 3, 2, 1), 201)
    opened = {level for level, a in answers.items() if a.json()["follow_up_id"] is not None}
    assert opened == {1, 2}
    listed = api.call("GET", "/follow-ups", "sup_police").json()
    assert listed["total"] == 2 and {i["rating"] for i in listed["items"]} == {1, 2}
    assert {i["due"] for i in listed["items"]} == {"2026-11-27"} and listed["items"][0]["number"] == c.number
    # Rated on the last working day before the 2025 National Day break (Oct 1-8 off, Sat Oct 11 worked).
    holiday = post(api, c.id, "evaluation", rating(1, reasons=("attitude",), at="2025-09-30T17:00:00+08:00"))
    follow_up = api.call("GET", f"/follow-ups/{holiday.json()['follow_up_id']}", "sup_police").json()
    assert follow_up["due"] == "2025-10-14" and follow_up["due_estimated"] is False
    assert follow_up["rated_at"] == "2025-09-30T09:00:00+00:00"


def test_bad_input_is_refused_with_reasons(api: Api) -> None:
    c = submitted(api)
    cases = {
        "reasons": rating(2, reasons=("慢",)),
        "comment": rating(1, reasons=("other",)),  # "other" needs a comment
        "at": rating(1, at=(datetime.now(UTC) + timedelta(days=3)).isoformat()),
    }
    for field, event in cases.items():
        answer = post(api, c.id, "evaluation", event)
        assert answer.status_code == 422, answer.text
        assert answer.json()["details"][0].startswith(f"{field}:"), answer.json()
    satisfied = post(api, c.id, "evaluation", rating(5, reasons=("attitude",)))
    assert satisfied.status_code == 422 and "满意" in satisfied.json()["details"][0]
    missing_id = api.call("POST", f"/cases/{c.id}/evaluation", "clerk", json={k: v for k, v in rating(1).items()
                                                                               if k != "event_id"})
    assert missing_id.status_code == 422
    assert rows(api, case_events, case_id=c.id) == [] and rows(api, follow_ups, case_id=c.id) == []


def test_follow_up_steps_follow_the_domain_order(api: Api) -> None:
    c = submitted(api)
    fid = post(api, c.id, "evaluation", rating(1, reasons=("attitude",), comment="态度差")).json()["follow_up_id"]

    def step(route: str, **body: object) -> Any:
        return api.call("POST", f"/follow-ups/{fid}/{route}", "sup_police", json=body)

    assert step("correction", measures="约谈").status_code == 409
    assert step("close").status_code == 409
    missed = step("call", reached=False, note="无人接听")
    assert missed.status_code == 200 and missed.json()["state"] == "open" and missed.json()["attempts"] == 1
    assert step("call", reached=True, note="").status_code == 422  # the callback note is required
    reached = step("call", reached=True, note="已向申请人致歉")
    assert reached.json()["state"] == "called_back" and len(reached.json()["call_attempts"]) == 2
    assert step("call", reached=True, note="再次回访").status_code == 409
    assert step("correction", measures=" ").status_code == 422
    corrected = step("correction", measures="对窗口人员批评教育，调整排队叫号")
    assert corrected.json()["state"] == "corrected"
    assert corrected.json()["correction"]["measures"] == "对窗口人员批评教育，调整排队叫号"
    closed = step("close", note="申请人表示满意")
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    assert [s["to_state"] for s in closed.json()["steps"]] == ["called_back", "corrected", "closed"]
    assert step("close").status_code == 409
    assert api.call("GET", "/follow-ups?state=closed", "sup_police").json()["total"] == 1
    assert api.call("GET", "/follow-ups?state=open", "sup_police").json()["total"] == 0


def test_supervisors_see_their_departments_only(api: Api) -> None:
    police, health = submitted(api, ("公安局",)), submitted(api, ("卫健委", "公安局"))
    police_id = post(api, police.id, "evaluation", rating(1, reasons=("attitude",))).json()["follow_up_id"]
    health_id = post(api, health.id, "evaluation", rating(2, reasons=("too_slow",))).json()["follow_up_id"]
    assert [i["id"] for i in api.call("GET", "/follow-ups", "sup_police").json()["items"]] == [police_id]
    assert [i["id"] for i in api.call("GET", "/follow-ups", "sup_health").json()["items"]] == [health_id]
    assert api.call("GET", "/follow-ups", "admin").json()["total"] == 2
    assert api.call("GET", f"/follow-ups/{police_id}", "sup_health").status_code == 404
    assert api.call("POST", f"/follow-ups/{police_id}/call", "sup_health",
                    json={"reached": True, "note": "x"}).status_code == 404
    assert api.call("GET", "/follow-ups?department=公安局", "sup_health").status_code == 403
    assert api.call("POST", f"/follow-ups/{police_id}/call", "admin", json={"reached": True, "note": "管理员回访"}
                    ).json()["state"] == "called_back"
    assert api.call("GET", "/follow-ups", "clerk").status_code == 403


def test_handout_event_as_the_window_stores_it(api: Api) -> None:
    c = submitted(api)
    assert api.call("POST", f"/cases/{c.id}/claim", "sup_police").status_code == 200
    assert api.call("POST", f"/cases/{c.id}/decision", "sup_police", json={"kind": "approve"}).status_code == 200
    mail = MailDelivery(Carrier.EMS, "1234567890123", "张三", "13800138000", "包头市昆都仑区钢铁大街1号")
    record = Handout(c.id, c.number, HandoutMethod.MAIL, datetime(2026, 11, 23, 10, 0, tzinfo=CST), "clerk",
                     "窗口", "张三", mail=mail)
    event = {"to": "mail", "note": record.summary(), "record": handout_to_dict(record),
             "carrier": mail.carrier_text, "tracking_number": mail.tracking_number, "event_id": str(uuid.uuid4())}
    first = post(api, c.id, "handout", event)
    assert first.status_code == 201 and first.json()["state"] == "handed_out", first.text
    assert post(api, c.id, "handout", event).json() == first.json()
    second = post(api, c.id, "handout", {**event, "event_id": str(uuid.uuid4())})
    assert second.status_code == 409  # a new hand-out of a handed-out case
    wrong = post(api, c.id, "handout", {**event, "event_id": str(uuid.uuid4()),
                                        "record": {**event["record"], "case_id": "another"}})
    assert wrong.status_code == 422 and "record.case_id" in wrong.json()["details"][0]
    feed = api.call("GET", "/changes?since=0", "clerk").json()["changes"]
    assert [change["state"] for change in feed] == ["approved", "handed_out"]
    assert date.fromisoformat(event["record"]["at"][:10]) == date(2026, 11, 23)
