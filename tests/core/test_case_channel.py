"""The optional `channel` of a case payload: absent means window, "online" marks online cases, nothing else."""

from __future__ import annotations

import pytest

from clerk_app.core.case_codec import CaseFormatError, case_from_dict, case_to_dict, channel_of
from tests.backoffice.sample import case


def test_window_by_default_and_online_when_said() -> None:
    data = case_to_dict(case())
    assert "channel" not in data and channel_of(data) == "window"
    assert case_from_dict({**data, "channel": "online"}) == case_from_dict(data)
    assert channel_of({**data, "channel": "online"}) == "online"


@pytest.mark.parametrize("value", ["phone", "", None, ["online"]])
def test_any_other_channel_is_refused_naming_the_field(value: object) -> None:
    with pytest.raises(CaseFormatError, match=r"^channel: expected one of window, online"):
        case_from_dict({**case_to_dict(case()), "channel": value})
