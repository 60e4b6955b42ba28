"""Case events: a hand-out commits with the case's move and is queued once, with its own idempotency key."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine

from clerk_app.core.case import CaseState
from clerk_app.core.handout import Carrier, HandoutError, MailDelivery, handout_from_dict, send_by_mail
from clerk_app.store.cases import CaseStore
from clerk_app.store.events import CaseEvents, EventKind
from clerk_app.store.schema import OutboxState
from tests.store.sample import accepted

NUMBER = "BT01-W07-20261123-0001"
MAIL = MailDelivery(Carrier.EMS, "1183456789012", "张三", "13800138000", "内蒙古包头市昆都仑区钢铁大街28号", "014010")


def approved(cases: CaseStore):
    case = cases.save(accepted(NUMBER))
    for state in (CaseState.SYNCED, CaseState.APPROVED):
        case = cases.save(case.moved(state, at=case.created_at + timedelta(days=1), actor="backoffice"))
    return case


def test_hand_out_moves_the_case_and_queues_one_event(cases: CaseStore, engine: Engine) -> None:
    case = approved(cases)
    handout = send_by_mail(case, MAIL, at=case.created_at + timedelta(days=2), clerk="demo", clerk_name="演示")
    done = cases.hand_out(handout)
    assert done.state is CaseState.HANDED_OUT and "EMS" in done.transitions[-1].note
    events = CaseEvents(engine)
    [event] = events.of_case(case.id)
    assert (event.kind, event.state) == (EventKind.HANDOUT, OutboxState.PENDING)
    body = event.body
    assert (body["to"], body["tracking_number"], body["event_id"]) == ("mail", "1183456789012", event.id)
    assert handout_from_dict(body["record"]) == handout  # the record is kept, for a reprint
    assert [e.id for e in events.due()] == [event.id]
    events.finish(event.id, OutboxState.SENT)
    assert events.due() == [] and events.pending() == 0


def test_a_case_not_decided_is_not_handed_out_and_nothing_is_queued(cases: CaseStore, engine: Engine) -> None:
    case = cases.save(accepted(NUMBER))
    with pytest.raises(HandoutError):
        send_by_mail(case, MAIL, at=case.created_at, clerk="demo", clerk_name="演示")
    assert CaseEvents(engine).of_case(case.id) == []
