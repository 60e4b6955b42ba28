"""What a card read yields: `CardData`, one frozen value per read, whatever the backend.

Personal data: never log a `CardData` (its repr leaves out the photo but keeps the fields).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from clerk_app.core.idnumber import id_number_problem
from clerk_app.core.problems import Problem

LONG_TERM = "长期"
PHOTO_WLT_SIZE = 1024

_FOREIGNER_2017_NUMBER = re.compile(r"^[A-Z]{3}[0-9]{12}$")


class CardKind(StrEnum):
    RESIDENT = "resident"
    HMT = "hmt"
    FOREIGNER_2017 = "foreigner_2017"
    FOREIGNER_2023 = "foreigner_2023"


class Expiry(StrEnum):
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    LONG_TERM = "long_term"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CardData:
    """The content of one identity card, decoded. Strings are trimmed; absent fields are None."""

    kind: CardKind
    id_number: str
    name: str | None = None
    english_name: str | None = None
    sex: str = "未知"
    nation: str | None = None
    birth_date: date | None = None
    address: str | None = None
    authority: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    long_term: bool = False
    nationality: str | None = None
    pass_number: str | None = None
    issue_count: int | None = None
    previous_number: str | None = None
    card_version: str | None = None
    extra_address: str | None = None
    chip_serial: str | None = None
    photo_wlt: bytes = field(default=b"", repr=False)
    photo_bmp: bytes | None = field(default=None, repr=False)

    @property
    def display_name(self) -> str:
        """The name to show: the Chinese name, else the English one."""
        return self.name or self.english_name or ""

    @property
    def identity(self) -> tuple[str, str, str]:
        """What tells one physical card from another (a renewed card has a new start date)."""
        start = self.valid_from.isoformat() if self.valid_from else ""
        return (self.kind.value, self.id_number, start)

    @property
    def id_number_problem(self) -> Problem | None:
        """None when the number is well formed for its card kind."""
        if self.kind is CardKind.FOREIGNER_2017:
            if _FOREIGNER_2017_NUMBER.match(self.id_number):
                return None
            return Problem("id.chars")
        return id_number_problem(self.id_number)

    @property
    def id_number_valid(self) -> bool:
        return self.id_number_problem is None

    @property
    def valid_to_text(self) -> str | None:
        if self.long_term:
            return LONG_TERM
        return self.valid_to.isoformat() if self.valid_to else None

    def expiry(self, today: date, warn_days: int = 30) -> Expiry:
        if self.long_term:
            return Expiry.LONG_TERM
        if self.valid_to is None:
            return Expiry.UNKNOWN
        if self.valid_to < today:
            return Expiry.EXPIRED
        if (self.valid_to - today).days <= warn_days:
            return Expiry.EXPIRING
        return Expiry.VALID

    def expiry_problem(self, today: date, warn_days: int = 30) -> Problem | None:
        """A warning for the clerk when the card has expired or is about to."""
        state = self.expiry(today, warn_days)
        if state is Expiry.EXPIRED and self.valid_to:
            return Problem("card.expired", date=self.valid_to.isoformat())
        if state is Expiry.EXPIRING and self.valid_to:
            days = (self.valid_to - today).days
            return Problem("card.expiring", date=self.valid_to.isoformat(), days=days)
        return None

    def as_record(self) -> dict[str, Any]:
        """The JSON shape of `clerk-app card decode`: always the same keys, None when absent."""
        return {
            "kind": self.kind.value,
            "name": self.name,
            "english_name": self.english_name,
            "sex": self.sex,
            "nation": self.nation,
            "birth_date": _iso(self.birth_date),
            "address": self.address,
            "id_number": self.id_number,
            "id_number_valid": self.id_number_valid,
            "authority": self.authority,
            "valid_from": _iso(self.valid_from),
            "valid_to": self.valid_to_text,
            "nationality": self.nationality,
            "pass_number": self.pass_number,
            "issue_count": self.issue_count,
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
