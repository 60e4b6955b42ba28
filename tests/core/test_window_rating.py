"""好差评 at the window: a rating becomes the EVALUATION event body, exactly as the back office reads it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from clerk_app.core.evaluation import BadReason, Rating, evaluate
from clerk_app.core.window_rating import RatingEventError, RatingStage, rating_event_body

AT = datetime(2026, 11, 23, 10, 5, 7, tzinfo=timezone(timedelta(hours=8)))


def test_the_body_has_exactly_the_agreed_keys_and_values() -> None:
    rating = evaluate("BT01-W07-20261123-0001", Rating.DISSATISFIED, id="e1", at=AT,
                      reasons=(BadReason.LONG_WAIT, BadReason.OTHER), comment=" 叫号系统出错 ", clerk="demo")
    assert rating_event_body(rating, RatingStage.HANDOUT, "demo") == {
        "level": 2, "reasons": ["long_wait", "other"], "comment": "叫号系统出错", "stage": "handout",
        "at": "2026-11-23T10:05:07+08:00", "clerk": "demo",
    }
    good = evaluate("BT01-W07-20261123-0001", 5, id="e2", at=AT)
    body = rating_event_body(good, "acceptance", "demo")
    assert (body["level"], body["reasons"], body["comment"], body["stage"]) == (5, [], "", "acceptance")


def test_a_time_without_offset_or_a_missing_clerk_is_refused() -> None:
    rating = evaluate("BT01-W07-20261123-0001", 4, id="e3", at=AT.replace(tzinfo=None))
    with pytest.raises(RatingEventError, match="时区"):
        rating_event_body(rating, RatingStage.ACCEPTANCE, "demo")
    with pytest.raises(RatingEventError, match="工作人员"):
        rating_event_body(evaluate("BT01-W07-20261123-0001", 4, id="e4", at=AT), RatingStage.ACCEPTANCE, "")
    with pytest.raises(ValueError):
        rating_event_body(evaluate("BT01-W07-20261123-0001", 4, id="e5", at=AT), "visit", "demo")
