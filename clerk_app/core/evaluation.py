"""好差评: the applicant's rating of a visit, and the follow-up a bad rating requires.

The five national levels (国办发〔2019〕51号) are 非常满意, 满意, 基本满意, 不满意, 非常不满意
(5..1); the last two are bad ratings (差评). A bad rating opens a follow-up (整改) due a number of
working days later (5 by default), which moves

    open ── call back (回访, the applicant reached) ──▶ called_back ── correct (整改) ──▶ corrected
         ── close ──▶ closed

and never skips a step. Failed call attempts are recorded without changing the state.

The reasons offered for a bad rating are a fixed list modelled on what evaluation pads show; the
national standard's exact list was not available when this was written (see `BadReason`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import IntEnum, StrEnum
from typing import Any

from clerk_app.core.problems import WordedError
from clerk_app.core.reminders import DEFAULT_POLICY, Reminder, ReminderPolicy, promised_completion, remind
from clerk_app.core.workdays import WorkCalendar

MAX_COMMENT = 500
MAX_NOTE = 1000
MAX_FOLLOW_UP_DAYS = 30

EVALUATION_MESSAGES: dict[str, tuple[str, str]] = {
    "evaluation.case_number": ("评价必须对应一个办件编号", "An evaluation must name its case number"),
    "evaluation.rating": (
        "评价等级应为1（非常不满意）到5（非常满意），而不是“{value}”",
        "The rating must be 1 (very dissatisfied) to 5 (very satisfied), not “{value}”",
    ),
    "evaluation.reason": ("未知的差评原因“{value}”", "Unknown reason “{value}”"),
    "evaluation.reasons_not_bad": (
        "“{rating_zh}”的评价不能选择不满意原因",
        "A “{rating_en}” rating cannot carry reasons for dissatisfaction",
    ),
    "evaluation.other_needs_comment": (
        "选择“其他”原因时请填写具体意见",
        "The reason “other” needs a comment saying what it is",
    ),
    "evaluation.comment_long": (
        "评价意见不能超过{max}个字（当前{length}个字）",
        "The comment may have at most {max} characters ({length} given)",
    ),
    "followup.days": (
        "整改期限应为1到{max}个工作日，而不是“{value}”",
        "The correction period must be 1 to {max} working days, not “{value}”",
    ),
    "followup.not_bad": (
        "“{rating_zh}”不是差评，无需回访整改",
        "A “{rating_en}” rating is not a bad rating: no follow-up is needed",
    ),
    "followup.transition": (
        "处于“{current_zh}”状态的差评整改不能{action_zh}",
        "A follow-up that is “{current_en}” cannot be {action_en}",
    ),
    "followup.text_required": ("请填写{what_zh}", "{what_en} is required"),
    "followup.text_long": (
        "{what_zh}不能超过{max}个字（当前{length}个字）",
        "{what_en} may have at most {max} characters ({length} given)",
    ),
    "followup.actor": ("请填写经办人", "Who did it is required"),
    "followup.time_order": (
        "时间{at}早于上一步的时间{previous}",
        "Time {at} is before the previous step's time {previous}",
    ),
}


class EvaluationError(WordedError):
    """An evaluation or follow-up step that cannot be recorded, worded for the clerk."""

    MESSAGES = EVALUATION_MESSAGES


class Rating(IntEnum):
    VERY_DISSATISFIED = 1
    DISSATISFIED = 2
    BASICALLY_SATISFIED = 3
    SATISFIED = 4
    VERY_SATISFIED = 5

    @property
    def is_bad(self) -> bool:
        """不满意 and 非常不满意 are bad ratings (差评), which must be followed up."""
        return self <= Rating.DISSATISFIED

    def label(self, lang: str = "zh") -> str:
        zh, en = RATING_LABELS[self]
        return en if lang.startswith("en") else zh


RATING_LABELS: dict[Rating, tuple[str, str]] = {
    Rating.VERY_SATISFIED: ("非常满意", "Very satisfied"),
    Rating.SATISFIED: ("满意", "Satisfied"),
    Rating.BASICALLY_SATISFIED: ("基本满意", "Basically satisfied"),
    Rating.DISSATISFIED: ("不满意", "Dissatisfied"),
    Rating.VERY_DISSATISFIED: ("非常不满意", "Very dissatisfied"),
}


class BadReason(StrEnum):
    """What went wrong, as the applicant ticks it (a fixed list; not verified against the standard)."""

    GUIDE_UNCLEAR = "guide_unclear"
    NOT_TOLD_AT_ONCE = "not_told_at_once"
    EXTRA_VISITS = "extra_visits"
    TOO_MANY_MATERIALS = "too_many_materials"
    TOO_SLOW = "too_slow"
    LONG_WAIT = "long_wait"
    ATTITUDE = "attitude"
    NOT_BY_THE_RULES = "not_by_the_rules"
    UNJUSTIFIED_FEES = "unjustified_fees"
    ONLINE_SYSTEM = "online_system"
    INTEGRITY = "integrity"
    OTHER = "other"

    def label(self, lang: str = "zh") -> str:
        zh, en = REASON_LABELS[self]
        return en if lang.startswith("en") else zh


REASON_LABELS: dict[BadReason, tuple[str, str]] = {
    BadReason.GUIDE_UNCLEAR: ("办事指南不清晰、不准确", "The service guide was unclear or wrong"),
    BadReason.NOT_TOLD_AT_ONCE: ("未一次性告知", "Not told everything at once"),
    BadReason.EXTRA_VISITS: ("多次跑动", "Had to come back more than once"),
    BadReason.TOO_MANY_MATERIALS: ("要求提交的材料过多或重复", "Too many or repeated materials asked"),
    BadReason.TOO_SLOW: ("办理时间过长或超期", "Took too long or went past the time limit"),
    BadReason.LONG_WAIT: ("排队等候时间过长", "Waited too long in the queue"),
    BadReason.ATTITUDE: ("服务态度差", "Poor attitude"),
    BadReason.NOT_BY_THE_RULES: ("不按规定受理或办理", "Not accepted or handled by the rules"),
    BadReason.UNJUSTIFIED_FEES: ("收费不合理", "Unjustified fees"),
    BadReason.ONLINE_SYSTEM: ("网上办事系统不好用", "The online system was hard to use"),
    BadReason.INTEGRITY: ("存在吃拿卡要等廉洁问题", "Integrity problem (asking for favours)"),
    BadReason.OTHER: ("其他", "Other"),
}


class EvaluationChannel(StrEnum):
    PAD = "pad"  # 窗口评价器
    QR = "qr"  # 扫码评价
    SMS = "sms"  # 短信评价
    ONLINE = "online"  # 网上评价
    HOTLINE = "hotline"  # 12345 热线


@dataclass(frozen=True)
class Evaluation:
    """One rating of one case's service."""

    id: str
    case_number: str
    rating: Rating
    at: datetime
    channel: EvaluationChannel = EvaluationChannel.PAD
    reasons: tuple[BadReason, ...] = ()
    comment: str = ""
    clerk: str = ""  # the clerk who served, when known

    @property
    def is_bad(self) -> bool:
        return self.rating.is_bad


def _rating(value: Rating | int) -> Rating:
    if isinstance(value, bool):
        raise EvaluationError("evaluation.rating", value=value)
    try:
        return Rating(value)
    except ValueError:
        raise EvaluationError("evaluation.rating", value=value) from None


def _reasons(values: tuple[BadReason | str, ...]) -> tuple[BadReason, ...]:
    reasons: list[BadReason] = []
    for value in values:
        try:
            reasons.append(BadReason(value))
        except ValueError:
            raise EvaluationError("evaluation.reason", value=value) from None
    return tuple(dict.fromkeys(reasons))


def evaluate(
    case_number: str,
    rating: Rating | int,
    *,
    id: str,
    at: datetime,
    channel: EvaluationChannel = EvaluationChannel.PAD,
    reasons: tuple[BadReason | str, ...] = (),
    comment: str = "",
    clerk: str = "",
) -> Evaluation:
    """A checked evaluation: reasons only for 基本满意 and below, "other" explained, comment bounded."""
    if not case_number.strip():
        raise EvaluationError("evaluation.case_number")
    level = _rating(rating)
    chosen = _reasons(tuple(reasons))
    text = comment.strip()
    if chosen and level > Rating.BASICALLY_SATISFIED:
        raise EvaluationError("evaluation.reasons_not_bad", **_rating_words(level))
    if BadReason.OTHER in chosen and not text:
        raise EvaluationError("evaluation.other_needs_comment")
    if len(text) > MAX_COMMENT:
        raise EvaluationError("evaluation.comment_long", max=MAX_COMMENT, length=len(text))
    return Evaluation(id, case_number.strip(), level, at, EvaluationChannel(channel), chosen, text, clerk)


def _rating_words(rating: Rating) -> dict[str, str]:
    return {"rating_zh": rating.label("zh"), "rating_en": rating.label("en")}


# --- follow-up of a bad rating ----------------------------------------------------------------


class FollowUpState(StrEnum):
    OPEN = "open"  # 待回访
    CALLED_BACK = "called_back"  # 已回访
    CORRECTED = "corrected"  # 已整改
    CLOSED = "closed"  # 已办结

    def label(self, lang: str = "zh") -> str:
        zh, en = FOLLOW_UP_LABELS[self]
        return en if lang.startswith("en") else zh


FOLLOW_UP_LABELS: dict[FollowUpState, tuple[str, str]] = {
    FollowUpState.OPEN: ("待回访", "open"),
    FollowUpState.CALLED_BACK: ("已回访", "called back"),
    FollowUpState.CORRECTED: ("已整改", "corrected"),
    FollowUpState.CLOSED: ("已办结", "closed"),
}

# action: (state it needs, state it leads to, zh, en)
_ACTIONS: dict[str, tuple[FollowUpState, FollowUpState, str, str]] = {
    "call_back": (FollowUpState.OPEN, FollowUpState.CALLED_BACK, "回访", "called back"),
    "correct": (FollowUpState.CALLED_BACK, FollowUpState.CORRECTED, "记录整改", "corrected"),
    "close": (FollowUpState.CORRECTED, FollowUpState.CLOSED, "办结", "closed"),
}


@dataclass(frozen=True)
class FollowUpPolicy:
    correction_days: int = 5  # working days from the rating to the correction

    def __post_init__(self) -> None:
        days = self.correction_days
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_FOLLOW_UP_DAYS:
            raise EvaluationError("followup.days", value=days, max=MAX_FOLLOW_UP_DAYS)


@dataclass(frozen=True)
class CallAttempt:
    """One call to the applicant (回访); `reached` False records a failed attempt."""

    at: datetime
    by: str
    reached: bool
    note: str


@dataclass(frozen=True)
class Correction:
    """What was done about the complaint (整改措施)."""

    at: datetime
    by: str
    measures: str


@dataclass(frozen=True)
class FollowUpStep:
    from_state: FollowUpState
    to_state: FollowUpState
    at: datetime
    by: str
    note: str = ""


@dataclass(frozen=True)
class FollowUp:
    """The callback and correction of one bad rating."""

    evaluation: Evaluation
    due: date  # the correction is due by this day
    due_estimated: bool = False  # `due` counted Monday to Friday for lack of official data
    state: FollowUpState = FollowUpState.OPEN
    attempts: tuple[CallAttempt, ...] = ()
    correction: Correction | None = None
    steps: tuple[FollowUpStep, ...] = ()

    @property
    def last_at(self) -> datetime:
        times = [self.evaluation.at, *(a.at for a in self.attempts), *(s.at for s in self.steps)]
        return max(times)

    def call_back(self, *, at: datetime, by: str, note: str, reached: bool = True) -> FollowUp:
        """Record a call; when the applicant was reached the follow-up is called back."""
        self._check_action("call_back")
        self._check_step(at, by)
        text = _bounded_text(note, ("回访情况", "The callback note"))
        attempts = (*self.attempts, CallAttempt(at, by.strip(), reached, text))
        if not reached:
            return replace(self, attempts=attempts)
        return replace(self._moved("call_back", at, by, text), attempts=attempts)

    def correct(self, *, at: datetime, by: str, measures: str) -> FollowUp:
        """Record the correction measures (整改措施)."""
        self._check_action("correct")
        self._check_step(at, by)
        text = _bounded_text(measures, ("整改措施", "The correction measures"))
        return replace(self._moved("correct", at, by, text), correction=Correction(at, by.strip(), text))

    def close(self, *, at: datetime, by: str, note: str = "") -> FollowUp:
        self._check_action("close")
        self._check_step(at, by)
        text = _bounded_text(note, ("办结说明", "The closing note"), required=False)
        return self._moved("close", at, by, text)

    def is_overdue(self, today: date) -> bool:
        """Not corrected by its due day."""
        return self.state in (FollowUpState.OPEN, FollowUpState.CALLED_BACK) and today > self.due

    def reminder(
        self, today: date, calendar: WorkCalendar, policy: ReminderPolicy = DEFAULT_POLICY
    ) -> Reminder | None:
        """The three-level reminder of the correction deadline; None once corrected."""
        if self.state not in (FollowUpState.OPEN, FollowUpState.CALLED_BACK):
            return None
        return remind(self.due, today, calendar, policy)

    def _check_action(self, action: str) -> None:
        needed, _, zh, en = _ACTIONS[action]
        if self.state is not needed:
            raise EvaluationError("followup.transition", action_zh=zh, action_en=en, **_state_words(self.state))

    def _check_step(self, at: datetime, by: str) -> None:
        if not by.strip():
            raise EvaluationError("followup.actor")
        if at < self.last_at:
            raise EvaluationError("followup.time_order", at=_minute(at), previous=_minute(self.last_at))

    def _moved(self, action: str, at: datetime, by: str, note: str) -> FollowUp:
        _, target, _, _ = _ACTIONS[action]
        step = FollowUpStep(self.state, target, at, by.strip(), note)
        return replace(self, state=target, steps=(*self.steps, step))


def _state_words(state: FollowUpState) -> dict[str, Any]:
    return {"current_zh": state.label("zh"), "current_en": state.label("en")}


def _minute(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _bounded_text(text: str, what: tuple[str, str], *, required: bool = True) -> str:
    value = text.strip()
    words = {"what_zh": what[0], "what_en": what[1]}
    if required and not value:
        raise EvaluationError("followup.text_required", **words)
    if len(value) > MAX_NOTE:
        raise EvaluationError("followup.text_long", max=MAX_NOTE, length=len(value), **words)
    return value


def needs_follow_up(evaluation: Evaluation) -> bool:
    return evaluation.is_bad


def open_follow_up(
    evaluation: Evaluation, calendar: WorkCalendar, policy: FollowUpPolicy | None = None
) -> FollowUp:
    """The follow-up of a bad rating, due `correction_days` working days after the rating day."""
    if not evaluation.is_bad:
        raise EvaluationError("followup.not_bad", **_rating_words(evaluation.rating))
    days = (policy or FollowUpPolicy()).correction_days
    due = promised_completion(calendar, evaluation.at.date(), days)
    return FollowUp(evaluation, due.value, due.estimated)
