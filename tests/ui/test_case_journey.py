"""One case through its whole life, on the real back office (embedded SQLite and PostgreSQL).

A clerk accepts it at the window by keyboard; sync pushes it; the supervisor, signed in on the
supervisor screen, finds it in the queue, claims and decides it; the decision comes back through
the change feed to the window's inbox; the clerk hands it out (出件, the receipt printed); the
applicant rates the service on the citizen screen (好差评); the rating reaches the back office,
and a bad one opens a follow-up on the supervisor screen's 差评整改 tab. One test per decision:
准予, 不予 (with its reason), and 补正 (reopened at the window, resubmitted as the next revision,
then approved).
"""

# ruff: noqa: F811  (the fixtures `service` and `pg_server` are imported)
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerk_app.cli.embedded import EmbeddedBackOffice
from clerk_app.config.demo import DEMO_PASSWORD
from clerk_app.config.settings import BackofficeSettings, Settings
from clerk_app.core.case import Case, CaseState, state_label
from clerk_app.core.evaluation import BadReason, Rating
from clerk_app.core.masking import mask_phone
from clerk_app.sync.client import BackOfficeClient
from clerk_app.ui.app import Library, Session, build_workstation
from clerk_app.ui.context import Clerk
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.supervisor.window import SupervisorWindow
from tests.backoffice.conftest import pg_server  # noqa: F401 (a fixture)
from tests.documents.pdfs import pdf_text
from tests.ui.journey_support import (
    Hall,
    claim_and_decide,
    follow_up_on_screen,
    hand_out_by_mail,
    history,
    open_in_queue,
    pull,
    rate,
)
from tests.ui.test_correction import open_correction_from_inbox
from tests.ui.test_supervisor import service  # noqa: F401 (the real back office, SQLite and PostgreSQL)
from tests.ui.window_flows_support import accept_by_keyboard, activate, prompts_open_after

REFUSAL = "经营场所位于禁止经营区域，不符合法定条件"
CORRECTIONS = ("请补正：联系电话无法接通，请核实", "请补正：经营场所证明")


def session_for(qapp: QApplication, folder: Path, library: Library, url: str, clerk: Clerk) -> Session:
    built = build_workstation(qapp, Settings(data_dir=folder, demo=False, backoffice=BackofficeSettings(url=url)),
                              library)
    built.workstation.clerk = clerk
    # Opened (and migrated) here, one after the other: alembic's migration context is process-wide,
    # so two workstations' databases must not migrate at once on their own runners.
    built.workstation.stores.open()
    return built


@pytest.fixture
def hall(qtbot, qapp: QApplication, tmp_path: Path, library: Library,
         service: EmbeddedBackOffice) -> Iterator[Hall]:
    counter = session_for(qapp, tmp_path / "window", library, service.url, Clerk("demo", "演示窗口人员", "clerk"))
    desk = session_for(qapp, tmp_path / "desk", library, service.url, Clerk("chief", "演示科长", "supervisor"))
    window = MainWindow(counter.workstation, counter.search_index, backoffice_credentials=("demo", DEMO_PASSWORD))
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    qtbot.waitExposed(window)
    window.ensure_started()  # signed in to the back office with the window's sign-in, rounds running
    qtbot.waitUntil(lambda: window.sync.online, timeout=30000)
    screen = SupervisorWindow(desk.workstation, backoffice_credentials=("chief", DEMO_PASSWORD))
    qtbot.addWidget(screen)
    screen.resize(1400, 860)
    with qtbot.waitSignal(screen.review.queue_loaded, timeout=30000):
        screen.show()
    office = BackOfficeClient(service.url)
    assert office.sign_in("admin", DEMO_PASSWORD).ok
    yield Hall(window, screen, office)
    office.close()
    for widget, built in ((screen, desk), (window, counter)):
        widget.close()
        built.workstation.db.shutdown()
        built.workstation.printing.shutdown()


def intake(qtbot, hall: Hall) -> Case:
    """Accepted at the window by keyboard; sync pushes it (the save starts a round) to the queue."""
    case = accept_by_keyboard(qtbot, hall.window)
    held = hall.wait_server(qtbot, case.id, lambda c: c["state"] == "synced" and c["complete"])
    assert held["number"] == case.number and held["case"]["applicant"]["name"] == "张三"
    return case


def handed_out_and_rated(qtbot, hall: Hall, case: Case, level: Rating, reasons: tuple[BadReason, ...] = (),
                         comment: str = "") -> dict:
    """出件 by mail from the inbox, the receipt checked, the rating given; the back office's case after both."""
    window = hall.window
    row, receipt = hand_out_by_mail(qtbot, window, case)
    assert row == (case.number, "张三", state_label(case.state), case.transitions[-1].note)  # 准予 / 不予许可 + reason
    assert window.ws.stores.cases.get(case.id).state is CaseState.HANDED_OUT
    text = pdf_text(receipt)
    assert "出件回执" in text and case.number in text and "1183456789012" in text
    rate(qtbot, window, case, level, reasons, comment)
    held = hall.wait_server(qtbot, case.id, lambda c: [s["kind"] for s in c["history"]][-2:] == [
        "handout", "evaluation"], nudge=True)
    assert held["state"] == "handed_out"
    handout, evaluation = held["history"][-2:]
    assert (handout["to_state"], handout["actor"], handout["detail"]["to"]) == ("handed_out", "demo", "mail")
    assert handout["detail"]["tracking_number"] == "1183456789012"
    detail = evaluation["detail"]
    assert (detail["level"], detail["stage"], detail["comment"]) == (int(level), "handout", comment)
    assert detail["reasons"] == [r.value for r in reasons] and detail["bad"] == (level <= Rating.DISSATISFIED)
    return held


def follow_ups_of(hall: Hall, case: Case) -> list[dict]:
    answer = hall.office.request("GET", "/follow-ups")
    assert answer.status == 200, answer.error
    return [item for item in answer.body["items"] if item["case_id"] == case.id]


def test_approved_handed_out_and_rated(qtbot, hall: Hall) -> None:
    case = intake(qtbot, hall)
    open_in_queue(qtbot, hall.supervisor, case.id)
    view = hall.supervisor.case_view
    assert case.number in view.header.text() and view.form.item(0, 1).text() == "张三"
    claim_and_decide(qtbot, hall.supervisor, "approve")
    decided = hall.server_case(case.id)
    assert decided["state"] == "approved" and decided["decision"]["kind"] == "approve"
    assert history(decided) == [("submission", "synced", "demo"), ("claim", "synced", "chief"),
                                ("decision", "approved", "chief")]

    approved = pull(qtbot, hall.window, case.id, CaseState.APPROVED)
    assert approved.transitions[-1].actor == "chief"
    held = handed_out_and_rated(qtbot, hall, approved, Rating.VERY_SATISFIED)
    assert [kind for kind, _state, _actor in history(held)] == [
        "submission", "claim", "decision", "handout", "evaluation"]
    assert follow_ups_of(hall, case) == []  # a good rating opens nothing


def test_refused_reaches_the_window_and_a_bad_rating_opens_a_follow_up(qtbot, hall: Hall) -> None:
    case = intake(qtbot, hall)
    open_in_queue(qtbot, hall.supervisor, case.id)
    claim_and_decide(qtbot, hall.supervisor, "deny", (REFUSAL,))
    decided = hall.server_case(case.id)
    assert decided["state"] == "denied" and decided["decision"]["reason"] == REFUSAL

    denied = pull(qtbot, hall.window, case.id, CaseState.DENIED)  # today's list says 不予许可
    assert denied.transitions[-1].note == REFUSAL
    window = hall.window
    handed_out_and_rated(qtbot, hall, denied, Rating.VERY_DISSATISFIED, (BadReason.TOO_SLOW, BadReason.OTHER),
                         "等了很久才告知不予许可")
    assert window.ws.stores.cases.get(case.id).state is CaseState.HANDED_OUT

    [follow_up] = follow_ups_of(hall, case)
    assert (follow_up["state"], follow_up["rating"], follow_up["stage"]) == ("open", 1, "handout")
    view = follow_up_on_screen(qtbot, hall.supervisor, case.number)  # the supervisor sees it
    assert case.number in view.header.text() and "非常不满意" in view.rating.text()
    assert "等了很久" in view.comment.text() and view.buttons["call"].isEnabled()


def test_returned_corrected_resubmitted_then_approved(qtbot, hall: Hall) -> None:
    case = intake(qtbot, hall)
    window, screen = hall.window, hall.supervisor
    open_in_queue(qtbot, screen, case.id)
    claim_and_decide(qtbot, screen, "correction", CORRECTIONS)
    assert hall.server_case(case.id)["decision"]["corrections"] == list(CORRECTIONS)
    returned = pull(qtbot, window, case.id, CaseState.CORRECTION_REQUESTED)

    open_correction_from_inbox(qtbot, window)  # Ctrl+Shift+I, Enter: reopened in the intake page
    page = window.intake
    assert page.panel is not None and all(line in page.panel.items.text() for line in CORRECTIONS)
    phone = page.form_view.inputs["applicant_phone"].focus_widget()
    phone.setFocus()
    qtbot.keyClick(phone, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(phone, "13900139000")
    activate(qtbot, window)
    with qtbot.waitSignal(page.documents_ready, timeout=30000) as documents:
        qtbot.keyClick(window, Qt.Key.Key_F9)  # resubmitted: the case's next revision
    revision = documents.args[0].revision
    assert revision > returned.revision and documents.args[0].id == case.id
    held = hall.wait_server(qtbot, case.id, lambda c: c["revision"] == revision and c["state"] == "synced")
    assert held["case"]["applicant"]["phone"] == mask_phone("13900139000")  # the corrected number (masked)

    open_in_queue(qtbot, screen, case.id)
    assert screen.case_view.case.revision == revision
    claim_and_decide(qtbot, screen, "approve")
    approved = pull(qtbot, window, case.id, CaseState.APPROVED)
    held = handed_out_and_rated(qtbot, hall, approved, Rating.SATISFIED)
    assert [kind for kind, _state, _actor in history(held)] == [
        "submission", "claim", "decision", "submission", "claim", "decision", "handout", "evaluation"]
    assert [state for kind, state, _actor in history(held) if kind == "decision"] == [
        "correction_requested", "approved"]
    assert held["revision"] == revision and follow_ups_of(hall, case) == []


def test_rounds_asking_to_sign_in_again_share_one_password_prompt(qtbot, window: MainWindow) -> None:
    """Found on the way: while the password prompt waited, each sync round (every 10 s) that was
    refused opened another prompt on top of it, so that a journey signed out hung in nested dialogs."""
    # the next two rounds, still signed out, ask again while the first prompt waits
    assert prompts_open_after(window.sign_in_action.trigger, window.sync.needs_sign_in.emit) == [1]
