"""Human case numbers (办件编号) that never collide, even when every workstation is offline.

    BT01-W07-20261123-0042
    hall  window  date   per-window sequence of that day

Hall and window codes come from configuration and are unique by administration; the sequence
is kept per window and day in the window's own store. So two windows can never produce the same
number without talking to each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_CODE = re.compile(r"^[A-Z0-9]{1,8}$")
_NUMBER = re.compile(r"^(?P<hall>[A-Z0-9]{1,8})-(?P<window>[A-Z0-9]{1,8})-(?P<day>\d{8})-(?P<seq>\d{4,6})$")
MAX_SEQUENCE = 999_999


class CaseNumberError(ValueError):
    pass


@dataclass(frozen=True)
class CaseNumber:
    hall: str
    window: str
    day: date
    sequence: int

    def __str__(self) -> str:
        return f"{self.hall}-{self.window}-{self.day:%Y%m%d}-{self.sequence:04d}"


def check_code(kind: str, code: str) -> str:
    """Validate a hall or window code (1–8 upper-case letters or digits)."""
    value = code.strip().upper()
    if not _CODE.match(value):
        raise CaseNumberError(f"{kind} code {code!r} must be 1–8 letters or digits")
    return value


def make_case_number(hall: str, window: str, day: date, sequence: int) -> str:
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise CaseNumberError(f"sequence {sequence} is outside 1–{MAX_SEQUENCE}")
    return str(CaseNumber(check_code("hall", hall), check_code("window", window), day, sequence))


def parse_case_number(text: str) -> CaseNumber:
    match = _NUMBER.match(text.strip().upper())
    if match is None:
        raise CaseNumberError(f"{text!r} is not a case number like BT01-W07-20261123-0042")
    digits = match["day"]
    try:
        day = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise CaseNumberError(f"{text!r} carries an impossible date {digits}") from None
    return CaseNumber(match["hall"], match["window"], day, int(match["seq"]))
