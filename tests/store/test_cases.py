"""Saving and reading cases: exact round trips, recorded transitions, refusals that protect history."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, exc

from clerk_app.core.case import CaseState, Transition
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database, read, write
from clerk_app.store.errors import (
    CaseConflictError,
    CaseDocumentError,
    CaseHistoryError,
    CaseNotFoundError,
    DuplicateCaseNumberError,
    StaleCaseError,
    StoreError,
)
from clerk_app.store.schema import SyncState
from tests.store.sample import MOMENT, accepted, complex_case, draft

NUMBER = "BT01-W07-20261123-0001"


def _transition_rows(engine: Engine, case_id: str) -> list[tuple[Any, ...]]:
    with read(engine) as connection:
        return [
            tuple(row)
            for row in connection.exec_driver_sql(
                "SELECT seq, from_state, to_state, at, actor, note FROM case_transitions"
                " WHERE case_id = ? ORDER BY seq",
                (case_id,),
            )
        ]


def _count(engine: Engine, table: str) -> int:
    with read(engine) as connection:
        return connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()


def test_complex_case_round_trip(cases: CaseStore) -> None:
    case = complex_case(NUMBER)
    assert cases.save(case) == case
    assert cases.get(case.id) == case
    assert cases.by_number(NUMBER) == case
    assert cases.by_number(NUMBER.lower()) == case


def test_round_trip_survives_reopening(cases: CaseStore, db_path: Path) -> None:
    case = cases.save(complex_case(NUMBER))
    other = open_database(db_path)
    try:
        assert CaseStore(other).get(case.id) == case
    finally:
        other.dispose()


def test_unknown_case_is_none(cases: CaseStore) -> None:
    assert cases.get("01JDOESNOTEXIST0000000000") is None
    assert cases.by_number(NUMBER) is None


def test_every_transition_is_a_row(cases: CaseStore, engine: Engine) -> None:
    case = complex_case(NUMBER)
    cases.save(case)
    rows = _transition_rows(engine, case.id)
    assert [row[0] for row in rows] == list(range(1, len(case.transitions) + 1))
    assert [(r[1], r[2], r[4], r[5]) for r in rows] == [
        (t.from_state.value, t.to_state.value, t.actor, t.note) for t in case.transitions
    ]
    assert rows[0][3] == case.transitions[0].at.isoformat()


def test_later_transitions_are_appended(cases: CaseStore, engine: Engine) -> None:
    saved = cases.save(accepted(NUMBER))
    assert len(_transition_rows(engine, saved.id)) == 1
    synced = cases.save(saved.moved(CaseState.SYNCED, at=MOMENT + timedelta(hours=1), actor="sync"))
    approved = synced.moved(CaseState.APPROVED, at=MOMENT + timedelta(days=2), actor="backoffice", note="准予")
    final = cases.save(approved.moved(CaseState.HANDED_OUT, at=MOMENT + timedelta(days=3), actor="demo"))
    rows = _transition_rows(engine, saved.id)
    assert [(r[1], r[2]) for r in rows] == [
        ("draft", "accepted"), ("accepted", "synced"), ("synced", "approved"), ("approved", "handed_out"),
    ]
    assert cases.get(saved.id) == final
    assert final.state is CaseState.HANDED_OUT


def test_draft_without_transitions_and_without_number(cases: CaseStore, engine: Engine) -> None:
    first, second = cases.save(draft()), cases.save(draft(name="李四"))
    assert cases.get(first.id) == first and cases.get(second.id) == second
    assert _transition_rows(engine, first.id) == []


def test_update_raises_the_revision(cases: CaseStore) -> None:
    saved = cases.save(draft())
    assert saved.revision == 1
    edited = cases.save(replace(saved, answers={"居住事由": "就学"}))
    assert edited.revision == 2
    assert cases.get(saved.id) == edited


def test_saving_an_identical_copy_writes_nothing(cases: CaseStore) -> None:
    saved = cases.save(accepted(NUMBER))
    before = cases.list_cases()[0]
    again = cases.save(saved)
    assert again == saved
    assert cases.list_cases()[0] == before  # same revision, same updated_at


def test_stale_copy_is_refused(cases: CaseStore) -> None:
    saved = cases.save(draft())
    newer = cases.save(replace(saved, answers={"a": 1}))
    with pytest.raises(StaleCaseError) as caught:
        cases.save(replace(saved, answers={"a": 2}))
    assert "revision" in str(caught.value)
    assert cases.get(saved.id) == newer


def test_higher_revision_from_elsewhere_is_kept(cases: CaseStore) -> None:
    saved = cases.save(draft())
    assert cases.save(replace(saved, revision=7, answers={"a": 1})).revision == 7


def test_rewritten_transition_is_refused(cases: CaseStore, engine: Engine) -> None:
    saved = cases.save(accepted(NUMBER))
    step = replace(saved.transitions[0], note="changed afterwards")
    with pytest.raises(CaseHistoryError, match="transition 1 differs"):
        cases.save(replace(saved, transitions=(step,)))
    assert cases.get(saved.id) == saved


def test_dropped_transitions_are_refused(cases: CaseStore) -> None:
    saved = cases.save(accepted(NUMBER))
    with pytest.raises(CaseHistoryError):
        cases.save(replace(saved, state=CaseState.DRAFT, transitions=(), decision=None))


def test_broken_chain_is_refused(cases: CaseStore, engine: Engine) -> None:
    case = accepted(NUMBER)
    jump = Transition(CaseState.ACCEPTED, CaseState.HANDED_OUT, MOMENT + timedelta(days=1), "demo")
    with pytest.raises(CaseHistoryError, match="not allowed"):
        cases.save(replace(case, state=CaseState.HANDED_OUT, transitions=(*case.transitions, jump)))
    with pytest.raises(CaseHistoryError, match="end in accepted"):
        cases.save(replace(case, state=CaseState.SYNCED))
    assert _count(engine, "cases") == 0


def test_case_and_transitions_commit_together(cases: CaseStore, engine: Engine) -> None:
    with write(engine) as connection:  # a real failure in the middle of the save: after the case row
        connection.exec_driver_sql(
            "CREATE TRIGGER fail_steps BEFORE INSERT ON case_transitions BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
        )
    case = accepted(NUMBER)
    with pytest.raises(exc.IntegrityError, match="disk on fire"):
        cases.save(case)
    assert cases.get(case.id) is None
    assert _count(engine, "cases") == _count(engine, "case_documents") == 0


def test_one_number_one_case(cases: CaseStore) -> None:
    cases.save(accepted(NUMBER))
    with pytest.raises(DuplicateCaseNumberError, match=NUMBER):
        cases.save(accepted(NUMBER))


def test_a_given_number_never_changes(cases: CaseStore) -> None:
    saved = cases.save(accepted(NUMBER))
    with pytest.raises(CaseConflictError, match="already given"):
        cases.save(replace(saved, number="BT01-W07-20261123-0002"))


def test_draft_gets_its_number_later(cases: CaseStore) -> None:
    saved = cases.save(draft())
    numbered = cases.save(replace(saved, number=NUMBER))
    assert cases.by_number(NUMBER) == numbered


def test_sync_state_of_a_draft_is_local_and_of_a_decided_case_pending(cases: CaseStore) -> None:
    assert cases.sync_state(cases.save(draft()).id) is SyncState.LOCAL
    saved = cases.save(accepted(NUMBER))
    assert cases.sync_state(saved.id) is SyncState.PENDING
    cases.set_sync_state(saved.id, SyncState.PENDING)
    cases.set_sync_state(saved.id, "synced")
    assert cases.sync_state(saved.id) is SyncState.SYNCED
    assert cases.list_cases()[0].sync_state is SyncState.SYNCED


def test_sync_state_errors(cases: CaseStore) -> None:
    saved = cases.save(accepted(NUMBER))
    with pytest.raises(StoreError, match="unknown sync state"):
        cases.set_sync_state(saved.id, "lost")
    with pytest.raises(CaseNotFoundError):
        cases.set_sync_state("01JDOESNOTEXIST0000000000", SyncState.PENDING)
    with pytest.raises(CaseNotFoundError):
        cases.sync_state("01JDOESNOTEXIST0000000000")


_json_leaf = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20) | st.floats(
    allow_nan=False, allow_infinity=False
)
_json = st.recursive(
    _json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.dictionaries(st.text(min_size=1, max_size=12), _json, max_size=6), name=st.text(max_size=30))
def test_any_answers_and_names_round_trip(cases: CaseStore, answers: dict[str, Any], name: str) -> None:
    case = draft(name=name, answers=answers)
    cases.save(case)
    assert cases.get(case.id) == case


@pytest.mark.parametrize("value", [MOMENT.date(), {"a", "b"}, float("nan")])
def test_answers_that_are_not_json_are_refused_before_writing(cases: CaseStore, engine: Engine, value: Any) -> None:
    case = accepted(NUMBER, answers={"日期": value})
    with pytest.raises(CaseDocumentError) as caught:
        cases.save(case)
    assert NUMBER in caught.value.text("zh")
    assert _count(engine, "cases") == 0
