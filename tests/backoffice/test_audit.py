"""The back office's audit trail: one signed entry per audited action, tampering found by the command.

Everything runs on the real service (SQLite and PostgreSQL); `clerk-app audit verify` runs as a
child process against the database, with the public key the service exported.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from clerk_app.backoffice import audit
from clerk_app.backoffice.audit_keys import public_pem
from clerk_app.backoffice.audit_verify import keys_listed_in, verify
from clerk_app.backoffice.db import make_engine
from clerk_app.backoffice.schema import audit_log
from clerk_app.core.audit import entry_hash
from tests.backoffice.audit_support import Trail, public_key_file, verify_command
from tests.backoffice.conftest import USERS, Api
from tests.backoffice.sample import body, case, path

ID_NUMBER = "11010519491231002X"


def test_each_audited_action_appends_one_signed_entry(api: Api) -> None:
    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    for user in USERS:
        api.sign_in(user)
    trail = Trail(engine)
    c = case()
    assert api.call("PUT", path(c), "clerk", content=body(c)).status_code == 201
    assert api.call("GET", f"/cases/{c.id}", "sup_police").status_code == 200
    assert trail.new() == []  # submissions and masked views are not audited
    steps: list[tuple[Callable[[], object], tuple[str, str, str]]] = [
        (lambda: api.call("GET", f"/cases/{c.id}/full", "sup_police"), ("view_full", "sup_police", c.id)),
        (lambda: api.call("POST", f"/cases/{c.id}/claim", "sup_police"), ("claim", "sup_police", c.id)),
        (lambda: api.call("POST", f"/cases/{c.id}/release", "sup_police"), ("release", "sup_police", c.id)),
        (lambda: api.call("POST", f"/cases/{c.id}/claim", "sup_police"), ("claim", "sup_police", c.id)),
        (lambda: api.call("POST", f"/cases/{c.id}/decision", "sup_police", json={"kind": "approve"}),
         ("decision", "sup_police", c.id)),
        (lambda: api.call("POST", f"/cases/{c.id}/handout", "clerk",
                          json={"event_id": str(uuid.uuid4()), "to": "applicant"}), ("handout", "clerk", c.id)),
        (lambda: api.call("POST", f"/cases/{c.id}/evaluation", "clerk", json={
            "event_id": str(uuid.uuid4()), "level": 5, "stage": "handout", "at": "2026-11-23T10:00:00+08:00"}),
         ("evaluation", "clerk", c.id)),
        (lambda: api.call("GET", "/statistics?from=2026-10-01&to=2026-12-31", "sup_police"),
         ("export", "sup_police", "statistics")),
        (lambda: api.call("POST", "/accounts", "admin", json={"username": "new", "password": "long enough",
                                                               "role": "clerk"}), ("account_add", "admin", "new")),
        (lambda: api.call("POST", "/accounts/new/disable", "admin"), ("account_disable", "admin", "new")),
        (lambda: api.call("POST", "/auth/token", json={"username": "clerk", "password": "wrong one"}),
         ("sign_in_failed", "clerk", "clerk")),
        (lambda: api.call("POST", "/auth/token", json={"username": "clerk", "password": "correct horse 1"}),
         ("sign_in", "clerk", "clerk")),
        (lambda: api.call("POST", "/auth/revoke", json={"token": api.tokens["clerk"]}), ("sign_out", "clerk", "clerk")),
    ]
    for call, expected in steps:
        answer = call()
        status = answer.status_code  # type: ignore[attr-defined]
        assert status < 300 or (status == 401 and expected[0] == "sign_in_failed"), (expected, status)
        assert trail.new() == [expected]
    report = verify(engine, keys_listed_in(engine))
    assert report.intact and report.count == trail.seen
    text = json.dumps([audit.as_dict(item) for item in audit.entries(engine)], ensure_ascii=False)
    assert ID_NUMBER not in text and "张三" not in text and "correct horse" not in text and "wrong one" not in text


def test_default_view_is_masked_and_the_full_view_audited(api: Api) -> None:
    for user in USERS:
        api.sign_in(user)
    c = case()
    c = replace(c, applicant=replace(c.applicant, phone="13800138000", address="内蒙古包头市昆都仑区钢铁大街7号"))
    api.call("PUT", path(c), "clerk", content=body(c))
    masked = api.call("GET", f"/cases/{c.id}", "sup_police").json()
    applicant = masked["case"]["applicant"]
    assert applicant["id_number"] == "1101**********002X" and applicant["phone"] == "138****8000"
    assert applicant["address"] == "内蒙古包头市昆都仑区****" and applicant["name"] == "张三"
    assert ID_NUMBER not in json.dumps(masked) and masked["case_id"] == c.id and masked["case"]["id"] == c.id
    trail = Trail(api.client.app.state.engine)  # type: ignore[attr-defined]
    full = api.call("GET", f"/cases/{c.id}/full", "sup_police").json()
    assert full["case"]["applicant"]["id_number"] == ID_NUMBER
    assert full["case"]["applicant"]["address"] == "内蒙古包头市昆都仑区钢铁大街7号"
    assert trail.new() == [("view_full", "sup_police", c.id)]
    assert api.call("GET", f"/cases/{c.id}/full", "sup_health").status_code == 404  # not theirs: nothing shown
    assert api.call("GET", f"/cases/{c.id}/full", "clerk").status_code == 403
    assert trail.new() == []


def test_admin_reads_the_trail_in_pages(api: Api) -> None:
    for user in USERS:
        api.sign_in(user)
    first = api.call("GET", "/audit?size=3", "admin").json()
    head = first["head"]
    assert [e["seq"] for e in first["entries"]] == [head, head - 1, head - 2] and first["next_before"] == head - 2
    older = api.call("GET", f"/audit?size=3&before={first['next_before']}", "admin").json()
    assert older["entries"][0]["seq"] == head - 3
    sign_ins = api.call("GET", "/audit?action=sign_in&subject=clerk", "admin").json()["entries"]
    assert [(e["actor"], e["action"]) for e in sign_ins] == [("clerk", "sign_in")] and sign_ins[0]["signature"]
    assert api.call("GET", "/audit", "sup_police").status_code == 403
    assert api.call("GET", "/audit").status_code == 401
    pem = api.call("GET", "/audit/public-key").text
    assert pem.startswith("-----BEGIN PUBLIC KEY-----") and sign_ins[0]["key_id"] in keys_listed_in(
        api.client.app.state.engine)  # type: ignore[attr-defined]


@pytest.fixture
def signed_trail(database_url: str, app_factory, tmp_path: Path) -> tuple[str, Path]:  # type: ignore[no-untyped-def]
    """A back-office database with six signed entries, and the public key file its service exported."""
    app = app_factory(database_url, users=False)
    engine = app.state.engine
    for number, action in enumerate(("sign_in", "claim", "decision", "view_full", "handout", "sign_out"), start=1):
        audit.record_now(engine, "chief", action, f"case-{number}", {"kind": "approve", "n": number})
    engine.dispose()
    return database_url, public_key_file(tmp_path / "data")


def test_an_intact_trail_passes_and_a_wrong_key_fails(signed_trail: tuple[str, Path], tmp_path: Path) -> None:
    url, public_key = signed_trail
    done = verify_command(url, public_key)
    assert done.returncode == 0, done.stderr
    assert "6 entries, chain intact, every signature valid" in done.stdout
    stranger = tmp_path / "other.pub.pem"
    stranger.write_text(public_pem(Ed25519PrivateKey.generate().public_key()))
    wrong = verify_command(url, stranger)
    assert wrong.returncode == 1
    assert "audit entry #1: is not signed by the given public key" in wrong.stdout
    assert "the first at entry #1" in wrong.stderr
    listed = verify_command(url, None)  # the database's own key: whole, but says what that proves
    assert listed.returncode == 0 and "not who wrote it" in listed.stderr
    missing = verify_command(url, tmp_path / "nowhere.pem")
    assert missing.returncode == 2 and "nowhere.pem" in missing.stderr


def _edit_detail(connection: sa.Connection) -> None:
    connection.execute(sa.text("UPDATE audit_log SET detail = REPLACE(detail, 'approve', 'deny') WHERE seq = 3"))


def _delete_row(connection: sa.Connection) -> None:
    connection.execute(sa.text("DELETE FROM audit_log WHERE seq = 3"))


def _reorder(connection: sa.Connection) -> None:
    for old, new in ((3, -1), (4, 3), (-1, 4)):
        connection.execute(sa.text("UPDATE audit_log SET seq = :new WHERE seq = :old"), {"old": old, "new": new})


def _rewrite_chain(connection: sa.Connection) -> None:
    """Edit #3 and recompute every hash after it: only the signatures can tell."""
    previous = None
    for row in connection.execute(sa.select(audit_log).order_by(audit_log.c.seq)).all():
        entry = audit.stored(row).entry
        if entry.seq == 3:
            entry = replace(entry, detail={**entry.detail, "kind": "deny"})
        if previous is not None:
            entry = replace(entry, prev_hash=previous.hash)
        entry = replace(entry, hash=entry_hash(entry))
        connection.execute(audit_log.update().where(audit_log.c.seq == entry.seq).values(
            detail=json.dumps(dict(entry.detail), sort_keys=True, separators=(",", ":")), prev_hash=entry.prev_hash,
            hash=entry.hash))
        previous = entry


@pytest.mark.parametrize(("tamper", "first"), [
    (_edit_detail, "#3: its content differs from what was recorded (altered)"),
    (_delete_row, "#4: expected entry #3: entries missing or reordered"),
    (_reorder, "#3: "),
    (_rewrite_chain, "#3: its signature does not match its hash"),
], ids=["edit", "delete", "reorder", "rewrite"])
def test_tampering_in_the_database_is_found(signed_trail: tuple[str, Path], tamper: Callable[[sa.Connection], None],
                                            first: str) -> None:
    url, public_key = signed_trail
    engine = make_engine(url)  # what someone with the database's password could do
    try:
        with engine.begin() as connection:
            tamper(connection)
    finally:
        engine.dispose()
    done = verify_command(url, public_key)
    assert done.returncode == 1, done.stdout
    assert done.stdout.splitlines()[0].split("audit entry ", 1)[1].startswith(first), done.stdout
    assert f"the first at entry {first}" in done.stderr
