"""好差评: ratings, reasons, and the callback and correction a bad rating requires."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from clerk_app.core.evaluation import (
    BadReason,
    EvaluationChannel,
    EvaluationError,
    FollowUp,
    FollowUpPolicy,
    FollowUpState,
    Rating,
    evaluate,
    needs_follow_up,
    open_follow_up,
)
from clerk_app.core.reminders import ReminderLevel
from clerk_app.core.workdays import WorkCalendar

CASE = "BT01-W07-20250926-0001"
RATED_AT = datetime(2025, 9, 26, 16, 40)  # Friday before the National Day break


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar.official()


def _bad(**overrides: object) -> FollowUp:
    evaluation = evaluate(CASE, Rating.DISSATISFIED, id="E1", at=RATED_AT, reasons=(BadReason.LONG_WAIT,))
    return open_follow_up(evaluation, WorkCalendar.official(), **overrides)  # type: ignore[arg-type]


def test_the_five_levels() -> None:
    assert [r.label() for r in sorted(Rating, reverse=True)] == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    assert [r.label("en") for r in sorted(Rating, reverse=True)] == [
        "Very satisfied", "Satisfied", "Basically satisfied", "Dissatisfied", "Very dissatisfied",
    ]
    assert [int(r) for r in sorted(Rating, reverse=True)] == [5, 4, 3, 2, 1]
    assert {r for r in Rating if r.is_bad} == {Rating.DISSATISFIED, Rating.VERY_DISSATISFIED}


def test_a_good_rating() -> None:
    evaluation = evaluate(f"  {CASE} ", 5, id="E1", at=RATED_AT, clerk="wangxy")
    assert evaluation.rating is Rating.VERY_SATISFIED and evaluation.case_number == CASE
    assert evaluation.channel is EvaluationChannel.PAD and not evaluation.is_bad
    assert not needs_follow_up(evaluation)


def test_a_bad_rating_with_reasons() -> None:
    evaluation = evaluate(CASE, 1, id="E2", at=RATED_AT, channel=EvaluationChannel.SMS,
                          reasons=("attitude", BadReason.EXTRA_VISITS, "attitude"), comment=" 让我跑了三次 ")
    assert evaluation.reasons == (BadReason.ATTITUDE, BadReason.EXTRA_VISITS)  # duplicates dropped
    assert evaluation.comment == "让我跑了三次"
    assert needs_follow_up(evaluation)
    assert [r.label() for r in evaluation.reasons] == ["服务态度差", "多次跑动"]


def test_every_reason_is_worded() -> None:
    for reason in BadReason:
        assert reason.label("zh") and reason.label("en") and reason.label("zh") != reason.label("en")


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"case_number": " "}, "evaluation.case_number"),
        ({"rating": 0}, "evaluation.rating"),
        ({"rating": 6}, "evaluation.rating"),
        ({"rating": True}, "evaluation.rating"),
        ({"reasons": ("rude",)}, "evaluation.reason"),
        ({"rating": 4, "reasons": (BadReason.LONG_WAIT,)}, "evaluation.reasons_not_bad"),
        ({"reasons": (BadReason.OTHER,)}, "evaluation.other_needs_comment"),
        ({"comment": "太" * 501}, "evaluation.comment_long"),
    ],
)
def test_invalid_evaluations(kwargs: dict[str, object], code: str) -> None:
    arguments: dict[str, object] = {"case_number": CASE, "rating": 2, **kwargs}
    with pytest.raises(EvaluationError) as raised:
        evaluate(arguments.pop("case_number"), arguments.pop("rating"), id="E", at=RATED_AT,  # type: ignore[arg-type]
                 **arguments)  # type: ignore[arg-type]
    assert raised.value.code == code
    assert raised.value.text("zh") != raised.value.text("en")


def test_reasons_allowed_for_basically_satisfied() -> None:
    evaluation = evaluate(CASE, Rating.BASICALLY_SATISFIED, id="E", at=RATED_AT, reasons=(BadReason.LONG_WAIT,))
    assert not evaluation.is_bad and evaluation.reasons == (BadReason.LONG_WAIT,)


def test_reasons_not_allowed_for_a_good_rating_are_worded() -> None:
    with pytest.raises(EvaluationError) as raised:
        evaluate(CASE, Rating.SATISFIED, id="E", at=RATED_AT, reasons=(BadReason.LONG_WAIT,))
    assert raised.value.text() == "“满意”的评价不能选择不满意原因"
    assert raised.value.text("en") == "A “Satisfied” rating cannot carry reasons for dissatisfaction"


# --- follow-up ---------------------------------------------------------------------------------


def test_follow_up_is_due_five_working_days_later_across_the_holiday(cal: WorkCalendar) -> None:
    follow_up = _bad()
    # Sun 09-28 (make-up), Mon 09-29, Tue 09-30, then the break, Thu 10-09, Fri 10-10
    assert follow_up.due == date(2025, 10, 10)
    assert follow_up.state is FollowUpState.OPEN and not follow_up.due_estimated


def test_follow_up_period_is_configurable(cal: WorkCalendar) -> None:
    assert _bad(policy=FollowUpPolicy(correction_days=2)).due == date(2025, 9, 29)
    for days in (0, 31, True):
        with pytest.raises(EvaluationError) as raised:
            FollowUpPolicy(correction_days=days)  # type: ignore[arg-type]
        assert raised.value.code == "followup.days"


def test_no_follow_up_for_a_good_rating(cal: WorkCalendar) -> None:
    with pytest.raises(EvaluationError) as raised:
        open_follow_up(evaluate(CASE, 3, id="E", at=RATED_AT), cal)
    assert raised.value.text() == "“基本满意”不是差评，无需回访整改"


def test_the_whole_flow() -> None:
    follow_up = _bad()
    missed = follow_up.call_back(at=datetime(2025, 9, 28, 10), by="chief", note="电话未接通", reached=False)
    assert missed.state is FollowUpState.OPEN and len(missed.attempts) == 1 and not missed.steps
    called = missed.call_back(at=datetime(2025, 9, 28, 15), by="chief", note="申请人反映排队时间长")
    assert called.state is FollowUpState.CALLED_BACK and len(called.attempts) == 2
    corrected = called.correct(at=datetime(2025, 9, 29, 11), by="chief", measures="增开综合窗口2个，高峰期增派导办人员")
    assert corrected.state is FollowUpState.CORRECTED
    assert corrected.correction is not None and corrected.correction.measures.startswith("增开")
    closed = corrected.close(at=datetime(2025, 9, 30, 9), by="chief")
    assert closed.state is FollowUpState.CLOSED
    assert [(s.from_state, s.to_state) for s in closed.steps] == [
        (FollowUpState.OPEN, FollowUpState.CALLED_BACK),
        (FollowUpState.CALLED_BACK, FollowUpState.CORRECTED),
        (FollowUpState.CORRECTED, FollowUpState.CLOSED),
    ]


def test_steps_cannot_be_skipped_or_repeated() -> None:
    follow_up = _bad()
    with pytest.raises(EvaluationError) as raised:
        follow_up.correct(at=datetime(2025, 9, 29, 9), by="chief", measures="整改")
    assert raised.value.code == "followup.transition"
    assert raised.value.text() == "处于“待回访”状态的差评整改不能记录整改"
    assert raised.value.text("en") == "A follow-up that is “open” cannot be corrected"
    with pytest.raises(EvaluationError):
        follow_up.close(at=datetime(2025, 9, 29, 9), by="chief")
    called = follow_up.call_back(at=datetime(2025, 9, 29, 9), by="chief", note="已联系")
    with pytest.raises(EvaluationError):
        called.call_back(at=datetime(2025, 9, 29, 10), by="chief", note="再次联系")
    closed = called.correct(at=datetime(2025, 9, 29, 11), by="c", measures="m").close(
        at=datetime(2025, 9, 29, 12), by="c")
    later = datetime(2025, 9, 30)
    with pytest.raises(EvaluationError):
        closed.call_back(at=later, by="c", note="x")
    with pytest.raises(EvaluationError):
        closed.correct(at=later, by="c", measures="x")
    with pytest.raises(EvaluationError) as raised:
        closed.close(at=later, by="c")
    assert raised.value.text() == "处于“已办结”状态的差评整改不能办结"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"by": " "}, "followup.actor"),
        ({"note": "  "}, "followup.text_required"),
        ({"note": "长" * 1001}, "followup.text_long"),
        ({"at": datetime(2025, 9, 26, 16, 0)}, "followup.time_order"),  # before the rating itself
    ],
)
def test_invalid_callbacks(kwargs: dict[str, object], code: str) -> None:
    arguments: dict[str, object] = {"at": datetime(2025, 9, 29, 9), "by": "chief", "note": "已联系", **kwargs}
    with pytest.raises(EvaluationError) as raised:
        _bad().call_back(**arguments)  # type: ignore[arg-type]
    assert raised.value.code == code


def test_correction_needs_measures() -> None:
    called = _bad().call_back(at=datetime(2025, 9, 29, 9), by="chief", note="已联系")
    with pytest.raises(EvaluationError) as raised:
        called.correct(at=datetime(2025, 9, 29, 10), by="chief", measures="")
    assert raised.value.text() == "请填写整改措施"


def test_overdue_and_reminder(cal: WorkCalendar) -> None:
    follow_up = _bad()  # due 2025-10-10
    assert not follow_up.is_overdue(date(2025, 10, 10)) and follow_up.is_overdue(date(2025, 10, 11))
    reminder = follow_up.reminder(date(2025, 10, 9), cal)
    assert reminder is not None and reminder.level is ReminderLevel.WARNING
    corrected = follow_up.call_back(at=datetime(2025, 9, 29, 9), by="c", note="n").correct(
        at=datetime(2025, 10, 13, 9), by="c", measures="m")
    assert not corrected.is_overdue(date(2025, 10, 20)) and corrected.reminder(date(2025, 10, 20), cal) is None
