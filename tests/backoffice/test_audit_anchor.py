"""Entries cut from the end of the back office's trail: found with a signed head saved before (an anchor).

On SQLite and PostgreSQL: the service signs its head (`GET /audit/head`); `clerk-app audit head`
saves it from a running back office; `clerk-app audit verify --backoffice-db URL --anchor FILE`,
run as a child process, reports a trail cut before the anchor or rewritten at its seq, refuses an
anchor no trusted key signed, and without an anchor says that truncation cannot be seen.
Follow-up steps are audited too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from clerk_app.backoffice import audit
from clerk_app.backoffice.audit_head import head_problem, signed_head
from clerk_app.backoffice.audit_verify import keys_listed_in, verify
from clerk_app.backoffice.db import make_engine
from clerk_app.core.audit_head import head_from_dict
from tests.backoffice.audit_support import ROOT, Trail, public_key_file
from tests.backoffice.conftest import USERS, Api
from tests.backoffice.test_case_events import post, rating, submitted
from tests.sync.real_backoffice import RealBackOffice

ENTRIES = 6


def clerk_app(*args: str, data: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CLERK_APP_CONFIG", None)
    if data is not None:
        env["CLERK_APP_DATA"] = str(data)
    return subprocess.run([sys.executable, "-m", "clerk_app", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False, env=env)


def verify_with(url: str, public_key: Path, anchor: Path | None) -> subprocess.CompletedProcess[str]:
    extra = ["--anchor", str(anchor)] if anchor is not None else []
    return clerk_app("audit", "verify", "--backoffice-db", url, "--public-key", str(public_key), *extra)


@pytest.fixture
def trail(database_url: str, app_factory, tmp_path: Path) -> tuple[str, Path, Path]:  # type: ignore[no-untyped-def]
    """A signed trail of six entries, its public key file, and its head saved as an anchor file."""
    engine = app_factory(database_url, users=False).state.engine
    for number in range(1, ENTRIES + 1):
        audit.record_now(engine, "chief", "decision", f"case-{number}", {"kind": "approve", "n": number})
    head = signed_head(engine)
    assert head is not None and head.seq == ENTRIES
    anchor = tmp_path / "head.json"
    anchor.write_text(json.dumps(head.as_dict()))
    engine.dispose()
    return database_url, public_key_file(tmp_path / "data"), anchor


def _tamper(url: str, statement: str) -> None:
    engine = make_engine(url)  # what someone with the database's password could do
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(statement))
    finally:
        engine.dispose()


def test_the_head_is_public_signed_and_follows_the_trail(api: Api) -> None:
    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    for user in USERS:
        api.sign_in(user)
    first = api.call("GET", "/audit/head")  # no token: a verifier or a workstation may ask
    assert first.status_code == 200, first.text
    head = head_from_dict(first.json())
    assert head.seq == Trail(engine).head() and not head_problem(head, keys_listed_in(engine))
    assert head.hash == list(audit.entries(engine))[-1].entry.hash
    api.call("GET", "/audit?size=1", "admin")  # reading is not audited
    api.call("POST", "/auth/token", json={"username": "clerk", "password": "wrong one"})
    later = head_from_dict(api.call("GET", "/audit/head").json())
    assert later.seq == head.seq + 1
    forged = head_from_dict({**first.json(), "seq": head.seq + 5})
    assert "altered" in head_problem(forged, keys_listed_in(engine))


def test_a_trail_cut_from_the_end_is_found_with_the_anchor(trail: tuple[str, Path, Path]) -> None:
    url, public_key, anchor = trail
    intact = verify_with(url, public_key, anchor)
    assert intact.returncode == 0, intact.stderr
    assert f"{ENTRIES} entries, chain intact, every signature valid" in intact.stdout
    assert f"it reaches the anchor #{ENTRIES}" in intact.stdout
    _tamper(url, f"DELETE FROM audit_log WHERE seq > {ENTRIES - 2}")
    unanchored = verify_with(url, public_key, None)  # the cut chain is whole: only an anchor shows the cut
    assert unanchored.returncode == 0 and f"{ENTRIES - 2} entries, chain intact" in unanchored.stdout
    assert "no --anchor given: entries deleted from the end of the trail cannot be detected" in unanchored.stderr
    assert "clerk-app audit head" in unanchored.stderr
    cut = verify_with(url, public_key, anchor)
    assert cut.returncode == 1, cut.stdout
    assert cut.stdout.splitlines()[0].endswith(
        f"audit entry #{ENTRIES}: missing: the trail ends at #{ENTRIES - 2}, but the anchor head.json "
        f"(#{ENTRIES} {json.loads(anchor.read_text())['hash'][:16]}… signed at "
        f"{json.loads(anchor.read_text())['at']}) shows it reached #{ENTRIES}: 2 entries deleted from the end "
        "(or the database put back from an older copy)"), cut.stdout
    assert f"the first at entry #{ENTRIES}: missing" in cut.stderr


def test_a_tail_replaced_by_new_entries_is_found(database_url: str, app_factory,  # type: ignore[no-untyped-def]
                                                 trail: tuple[str, Path, Path]) -> None:
    url, public_key, anchor = trail
    _tamper(url, f"DELETE FROM audit_log WHERE seq > {ENTRIES - 1}")
    engine = app_factory(url, users=False).state.engine  # the service goes on appending after the cut
    audit.record_now(engine, "chief", "decision", "case-other", {"kind": "deny"})
    audit.record_now(engine, "chief", "decision", "case-more", {"kind": "deny"})
    engine.dispose()
    done = verify_with(url, public_key, anchor)
    assert done.returncode == 1
    assert f"audit entry #{ENTRIES}: differs from the anchor head.json" in done.stdout
    assert "rewritten at or before this entry" in done.stdout


def test_an_anchor_no_trusted_key_signed_is_refused(trail: tuple[str, Path, Path], tmp_path: Path) -> None:
    url, public_key, anchor = trail
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps({**json.loads(anchor.read_text()), "seq": ENTRIES + 3}))
    done = verify_with(url, public_key, forged)
    assert done.returncode == 2 and "forged.json: the anchor cannot be trusted" in done.stderr
    garbled = tmp_path / "garbled.json"
    garbled.write_text('{"seq": "many"}')
    done = verify_with(url, public_key, garbled)
    assert done.returncode == 2 and "garbled.json: not a saved audit head (seq 'many'" in done.stderr
    missing = verify_with(url, public_key, tmp_path / "nowhere.json")
    assert missing.returncode == 2 and "nowhere.json: cannot read the anchor" in missing.stderr


@pytest.fixture
def served(tmp_path: Path) -> Iterator[RealBackOffice]:
    server = RealBackOffice(f"sqlite:///{tmp_path / 'backoffice.sqlite3'}", tmp_path / "backoffice", {})
    server.start()
    yield server
    server.stop()


def test_the_head_command_saves_a_running_back_offices_head(served: RealBackOffice, tmp_path: Path) -> None:
    audit.record_now(served.engine, "chief", "decision", "case-1", {"kind": "approve"})
    audit.record_now(served.engine, "chief", "decision", "case-2", {"kind": "approve"})
    anchor = tmp_path / "anchor.json"
    done = clerk_app("audit", "head", "--backoffice-url", served.url, "-o", str(anchor), data=tmp_path / "ws")
    assert done.returncode == 0, done.stderr
    seq = Trail(served.engine).head()
    assert f"audit head #{seq} " in done.stdout and head_from_dict(json.loads(anchor.read_text())).seq == seq
    public_key = public_key_file(tmp_path / "backoffice")
    assert verify_with(served.settings.database_url, public_key, anchor).returncode == 0
    _tamper(served.settings.database_url, f"DELETE FROM audit_log WHERE seq = {seq}")
    assert verify_with(served.settings.database_url, public_key, anchor).returncode == 1
    other = tmp_path / "other.pub.pem"
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from clerk_app.backoffice.audit_keys import public_pem
    other.write_text(public_pem(Ed25519PrivateKey.generate().public_key()))
    refused = clerk_app("audit", "head", "--backoffice-url", served.url, "--public-key", str(other), "-o",
                        str(tmp_path / "not.json"), data=tmp_path / "ws")
    assert refused.returncode == 1 and "is not written: it is not signed by a trusted key" in refused.stderr
    assert not (tmp_path / "not.json").exists()
    nowhere = clerk_app("audit", "head", "--backoffice-url", "http://127.0.0.1:9", "-o", str(anchor),
                        data=tmp_path / "ws")
    assert nowhere.returncode == 3 and "cannot be reached" in nowhere.stderr


def test_follow_up_steps_are_audited_and_the_trail_verifies(api: Api) -> None:
    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    c = submitted(api)
    fid = post(api, c.id, "evaluation", rating(1, reasons=("attitude",), comment="态度差")).json()["follow_up_id"]
    api.sign_in("sup_police")
    trail = Trail(engine)
    steps = [("call", {"reached": False, "note": "无人接听"}), ("call", {"reached": True, "note": "已向张三致歉"}),
             ("correction", {"measures": "对窗口人员批评教育"}), ("close", {"note": "申请人表示满意"})]
    for route, body in steps:
        assert api.call("POST", f"/follow-ups/{fid}/{route}", "sup_police", json=body).status_code == 200
    assert api.call("POST", f"/follow-ups/{fid}/close", "sup_police", json={"note": "again"}).status_code == 409
    new = [item.entry for item in audit.entries(engine) if item.entry.seq > trail.seen]
    assert [(e.action, e.actor, e.subject) for e in new] == [("follow_up", "sup_police", c.id)] * 4
    assert [(e.detail["step"], e.detail["from"], e.detail["to_state"]) for e in new] == [
        ("call", "open", "open"), ("call", "open", "called_back"), ("correction", "called_back", "corrected"),
        ("close", "corrected", "closed")]
    assert all(e.detail["follow_up"] == fid and len(e.detail["words_sha256"]) == 64 for e in new)
    assert [e.detail.get("reached") for e in new[:2]] == [False, True]
    assert "张三" not in json.dumps([dict(e.detail) for e in new], ensure_ascii=False)  # only the words' digest
    report = verify(engine, keys_listed_in(engine))
    assert report.intact and report.count == Trail(engine).head()
