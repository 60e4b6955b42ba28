"""Citizen identity numbers (GB 11643-1999) and unified social credit codes (GB 32100-2015).

Pure functions: each check returns None for a valid value or a `Problem` naming what is wrong,
so forms, the card decoder and guide checks speak with one voice.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from clerk_app.core.problems import Problem

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")

_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def id_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def normalize_id_number(number: str) -> str:
    """Trimmed, upper-case, half-width: an input method in full-width mode types １２３Ｘ."""
    return unicodedata.normalize("NFKC", number).strip().upper()


def id_number_problem(number: str, *, today: date | None = None) -> Problem | None:
    """None when `number` is a valid 18-character identity number, else what is wrong."""
    value = normalize_id_number(number)
    if len(value) != 18:
        return Problem("id.length", length=len(value))
    if not _ID_SHAPE.match(value):
        return Problem("id.chars")
    birth = id_birth_date(value)
    if birth is None:
        return Problem("id.birth", birth=value[6:14])
    if today is not None and birth > today:
        return Problem("id.birth_future", birth=birth.isoformat())
    expected = id_check_char(value[:17])
    if value[17] != expected:
        return Problem("id.check", expected=expected, got=value[17])
    return None


def is_valid_id_number(number: str) -> bool:
    return id_number_problem(number) is None


def id_birth_date(number: str) -> date | None:
    """Birth date encoded in digits 7–14, or None when they are not a calendar date."""
    digits = number[6:14]
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def id_sex(number: str) -> str | None:
    """'男' for an odd sequence digit, '女' for even (digit 17); None when not a digit."""
    digit = number[16:17]
    if not digit.isdigit():
        return None
    return "男" if int(digit) % 2 else "女"


@dataclass(frozen=True)
class IdSummary:
    birth: date
    sex: str
    region_code: str


def summarize_id_number(number: str) -> IdSummary | None:
    value = normalize_id_number(number)
    if id_number_problem(value) is not None:
        return None
    birth = id_birth_date(value)
    sex = id_sex(value)
    assert birth is not None and sex is not None
    return IdSummary(birth=birth, sex=sex, region_code=value[:6])


def credit_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    pairs = zip(first17, _CREDIT_WEIGHTS, strict=True)
    total = sum(_CREDIT_ALPHABET.index(c) * w for c, w in pairs)
    return _CREDIT_ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> Problem | None:
    """None when `code` is a valid 18-character unified social credit code, else what is wrong."""
    value = unicodedata.normalize("NFKC", code).strip().upper()
    if len(value) != 18:
        return Problem("credit.length", length=len(value))
    if not _CREDIT_SHAPE.match(value):
        return Problem("credit.chars")
    expected = credit_check_char(value[:17])
    if value[17] != expected:
        return Problem("credit.check", expected=expected, got=value[17])
    return None


def is_valid_credit_code(code: str) -> bool:
    return credit_code_problem(code) is None
