"""好差评 at the window: a rating given on the citizen screen, as the case event the back office receives.

The applicant rates one visit: the acceptance (after any of the four decisions) or the hand-out.
The event body is exactly

    {"level": 1..5, "reasons": [BadReason values], "comment": str,
     "stage": "acceptance" | "handout", "at": ISO datetime with offset, "clerk": username}

(the local store adds the `event_id` the back office uses as idempotency key).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from clerk_app.core.evaluation import Evaluation, EvaluationError


class RatingStage(StrEnum):
    ACCEPTANCE = "acceptance"  # 受理 (any of the window's four decisions)
    HANDOUT = "handout"  # 出件


RATING_EVENT_MESSAGES: dict[str, tuple[str, str]] = {
    "rating_event.naive_time": (
        "评价时间{at}缺少时区", "The rating's time {at} has no UTC offset",
    ),
    "rating_event.clerk": ("评价缺少窗口工作人员账号", "The rating does not name the clerk"),
}


class RatingEventError(EvaluationError):
    MESSAGES = RATING_EVENT_MESSAGES


def rating_event_body(evaluation: Evaluation, stage: RatingStage | str, clerk: str) -> dict[str, Any]:
    """The EVALUATION event's body for a rating of one visit (checked: an offset, a clerk)."""
    if evaluation.at.tzinfo is None or evaluation.at.utcoffset() is None:
        raise RatingEventError("rating_event.naive_time", at=evaluation.at.isoformat())
    if not clerk.strip():
        raise RatingEventError("rating_event.clerk")
    return {
        "level": int(evaluation.rating),
        "reasons": [reason.value for reason in evaluation.reasons],
        "comment": evaluation.comment,
        "stage": RatingStage(stage).value,
        "at": evaluation.at.isoformat(),
        "clerk": clerk.strip(),
    }
