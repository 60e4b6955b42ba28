"""Error replies and the service's log never carry a full ID number, phone number or password.

A 422 names what is wrong and where, and often the value it found: that value is masked. The log
is checked on the real service process (uvicorn's access log and error log as configured by
`clerk-app backoffice serve`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from clerk_app.backoffice.privacy import mask_document, mask_report
from clerk_app.core.case_codec import case_to_dict
from tests.backoffice.conftest import Api
from tests.backoffice.sample import case
from tests.sync.real_backoffice import API, CLERK, PASSWORD, ServiceProcess, Template

ID_NUMBER, PHONE = "110101199003077777", "13800138000"
MASKED_ID, MASKED_PHONE = "1101**********7777", "138****8000"
SHA = "0123456789012345678901234567890123456789012345678901234567890123"


def _bad_case_body() -> dict:
    c = case()
    data = case_to_dict(c)
    data["decision"]["kind"] = PHONE  # an unknown value, named in the reply
    return data


def _no_personal_data(text: str) -> None:
    assert ID_NUMBER not in text and PHONE not in text, text


def test_422_replies_do_not_echo_id_or_phone_numbers(api: Api) -> None:
    c = case()
    mismatched = api.call("PUT", f"/cases/{ID_NUMBER}/revisions/1", "clerk",
                          content=json.dumps(case_to_dict(c)).encode())
    assert mismatched.status_code == 422 and MASKED_ID in mismatched.text
    unknown = _bad_case_body()
    bad_kind = api.call("PUT", f"/cases/{c.id}/revisions/1", "clerk", content=json.dumps(unknown).encode())
    assert bad_kind.status_code == 422 and MASKED_PHONE in bad_kind.text
    batch = api.call("POST", "/submissions", "clerk", json={"items": [
        {"case_id": c.id, "revision": 1, "body": json.dumps(unknown)}]})
    assert batch.status_code == 200 and batch.json()["results"][0]["status"] == 422 and MASKED_PHONE in batch.text
    decision = api.call("POST", f"/cases/{c.id}/decision", "sup_police", json={"kind": ID_NUMBER})
    assert decision.status_code == 422
    for answer in (mismatched, bad_kind, batch, decision):
        _no_personal_data(answer.text)


def test_masking_keeps_identifiers_whole() -> None:
    text = f"file {SHA} of case 01JD4Q7Z8X9Y0123456789012A for {ID_NUMBER}, call {PHONE}"
    assert mask_report(text) == f"file {SHA} of case 01JD4Q7Z8X9Y0123456789012A for {MASKED_ID}, call {MASKED_PHONE}"
    document = {"id": "01JD4Q7Z8X9Y0123456789012A", "applicant": {"id_number": ID_NUMBER, "phone": PHONE,
                                                                   "address": "内蒙古包头市昆都仑区钢铁大街7号"},
                "materials": [{"scans": [SHA]}], "answers": {"note": f"孩子身份证 {ID_NUMBER}"}}
    masked = mask_document(document)
    assert masked["applicant"] == {"id_number": MASKED_ID, "phone": MASKED_PHONE, "address": "内蒙古包头市昆都仑区****"}
    assert masked["materials"] == [{"scans": [SHA]}] and masked["id"] == document["id"]
    assert masked["answers"]["note"] == f"孩子身份证 {MASKED_ID}"


@pytest.fixture
def service(tmp_path: Path) -> Iterator[ServiceProcess]:
    template = Template.create(f"sqlite:///{tmp_path / 'template.sqlite3'}")
    process = ServiceProcess(template.copy(tmp_path / "db"), tmp_path / "data", tmp_path / "service.log")
    process.start()
    process.tokens = template.tokens  # type: ignore[attr-defined]
    yield process
    process.stop()


def test_the_service_log_holds_no_password_and_no_full_number(service: ServiceProcess) -> None:
    secret = "Never-Logged-Pa55"
    for _ in range(7):  # wrong passwords until throttled
        requests.post(f"{service.url}{API}/auth/token", json={"username": CLERK, "password": secret}, timeout=10)
    requests.post(f"{service.url}{API}/auth/token", json={"username": secret, "password": PASSWORD}, timeout=10)
    headers = {"Authorization": f"Bearer {service.tokens[CLERK]}"}  # type: ignore[attr-defined]
    requests.put(f"{service.url}{API}/cases/{ID_NUMBER}/revisions/1", data=json.dumps(_bad_case_body()),
                 headers=headers, timeout=10)
    requests.get(f"{service.url}{API}/queue", params={"department": ID_NUMBER, "q": PHONE}, headers=headers,
                 timeout=10)
    service.stop()
    log = service.log.read_text(errors="replace")
    assert "POST /api/v1/auth/token" in log and " 429" in log  # the access log is there
    assert secret not in log and PASSWORD not in log
    _no_personal_data(log)
    assert MASKED_ID in log
