"""Checks that a case's lifecycle history is one the store may record.

A history is consistent when its transitions chain from draft through steps the state machine
allows to the case's current state, and when it extends what is already recorded: recorded
transitions are never rewritten or dropped, only appended to.
"""

from __future__ import annotations

from collections.abc import Sequence

from clerk_app.core.case import TRANSITIONS, Case, CaseState, Transition
from clerk_app.store.errors import CaseHistoryError

StepKey = tuple[str, str, str, str, str]


def step_key(step: Transition) -> StepKey:
    """A transition as the store records it, for exact comparison."""
    return (step.from_state.value, step.to_state.value, step.at.isoformat(), step.actor, step.note)


def check_chain(case: Case) -> None:
    """Raise CaseHistoryError unless the transitions lead from draft to the case's state."""
    state = CaseState.DRAFT
    for index, step in enumerate(case.transitions, start=1):
        if step.from_state != state:
            _fail(case, f"transition {index} starts from {step.from_state.value}, not {state.value}")
        if step.to_state not in TRANSITIONS[state]:
            _fail(case, f"transition {index} ({state.value} → {step.to_state.value}) is not allowed")
        state = step.to_state
    if state != case.state:
        _fail(case, f"the transitions end in {state.value} but the case is {case.state.value}")


def new_steps(case: Case, recorded: Sequence[StepKey]) -> tuple[Transition, ...]:
    """The transitions of the case after the recorded ones (raises CaseHistoryError on a rewrite)."""
    if len(recorded) > len(case.transitions):
        _fail(case, f"{len(recorded)} transitions are recorded, this copy has only {len(case.transitions)}")
    for index, (stored, step) in enumerate(zip(recorded, case.transitions, strict=False), start=1):
        if stored != step_key(step):
            _fail(case, f"transition {index} differs from the recorded one")
    return case.transitions[len(recorded):]


def _fail(case: Case, detail: str) -> None:
    raise CaseHistoryError("case.history", number=case.number or case.id, detail=detail)
