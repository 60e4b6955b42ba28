"""Masking citizens' personal data wherever it is shown to someone who does not need it in full.

ID numbers keep their first four and last four characters (`1101**********1234`: the region and
the check digits a clerk compares with the card); mobile numbers their first three and last four
(`138****8000`); addresses the part up to the district or county (`内蒙古包头市昆都仑区****`).
`mask_text` finds ID and phone numbers inside free text (log lines, error reports, exports) and
masks them, so one rule protects every place text ends up.
"""

from __future__ import annotations

import re

MASK = "*"

# 18-character resident ID numbers (last may be X) and 15-digit old ones, not inside longer digit runs.
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[0-9Xx])(?![0-9A-Za-z])|(?<!\d)(\d{15})(?!\d)")
# Mainland mobile numbers, optionally with +86 / 86 in front.
_PHONE_IN_TEXT = re.compile(r"(?<!\d)((?:\+?86[- ]?)?1[3-9]\d)(\d{4})(\d{4})(?!\d)")
# The end of the coarse part of an address: the district, county or banner (旗, Inner Mongolia),
# not the 区 of an autonomous region (自治区); failing that, the city.
_DISTRICT = re.compile(r"^.+?(?<!自治)(?:区|县|旗)")
_CITY = re.compile(r"^.+?市")


def mask_id_number(number: str) -> str:
    """`1101**********1234` for an 18-character number; shorter strings keep only their last 2."""
    value = number.strip()
    if len(value) >= 12:
        return value[:4] + MASK * (len(value) - 8) + value[-4:]
    if len(value) > 2:
        return MASK * (len(value) - 2) + value[-2:]
    return MASK * len(value)


def mask_phone(number: str) -> str:
    """`138****8000` for a mobile number; a landline keeps its area code and last 2 digits."""
    value = number.strip()
    digits = re.sub(r"\D", "", value)
    if len(digits) == 11 and digits.startswith("1"):
        return digits[:3] + MASK * 4 + digits[-4:]
    if "-" in value:
        area, _, local = value.partition("-")
        return f"{area}-" + MASK * max(0, len(local) - 2) + local[-2:]
    return MASK * max(0, len(value) - 2) + value[-2:]


def mask_address(address: str) -> str:
    """The address up to its district or county, the rest hidden (`内蒙古包头市昆都仑区****`)."""
    value = address.strip()
    if not value:
        return ""
    cut = _DISTRICT.match(value) or _CITY.match(value)
    kept = cut.group(0) if cut else value[: min(6, len(value) // 2)]
    if len(kept) >= len(value):
        kept = value[: max(1, len(value) // 2)]
    return kept + MASK * 4


def mask_name(name: str) -> str:
    """`张*` / `欧阳**`: the first character (or a compound surname) kept."""
    value = name.strip()
    if len(value) <= 1:
        return value
    keep = 2 if len(value) >= 4 else 1
    return value[:keep] + MASK * (len(value) - keep)


def mask_text(text: str) -> str:
    """Free text with every ID number and mobile number in it masked."""
    masked = _ID_IN_TEXT.sub(_masked_id_match, text)
    return _PHONE_IN_TEXT.sub(lambda m: m.group(1) + MASK * 4 + m.group(3), masked)


def _masked_id_match(match: re.Match[str]) -> str:
    return mask_id_number(match.group(0))
