"""The 256-byte text block of the four card kinds, decoded into `CardData`.

The text is UTF-16LE, space padded, in fixed-size fields. The character at bytes 248–249 tells
the kind: `J` Hong Kong / Macao / Taiwan residence permit, `I` foreigner permanent residence
card (2017), `Y` its 2023 version; a blank there is a resident card. Names may hold characters
outside the BMP (surrogate pairs, decoded as one character) and the middle dot (·).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any

from clerk_app.devices.idcard.codes import nation_name, sex_name
from clerk_app.devices.idcard.errors import CardDataError, UnsupportedCardError
from clerk_app.devices.idcard.frames import (
    PREAMBLE,
    READ_REPLY_SIZE,
    TEXT_SIZE,
    parse_frame,
    split_read_reply,
)
from clerk_app.devices.idcard.model import LONG_TERM, CardData, CardKind

Layout = tuple[tuple[str, int], ...]

_RESIDENT_HEAD: Layout = (
    ("name", 30), ("sex", 2), ("nation", 4), ("birth", 16), ("address", 70),
    ("number", 36), ("authority", 30), ("valid_from", 16), ("valid_to", 16),
)
LAYOUTS: dict[CardKind, Layout] = {
    CardKind.RESIDENT: (*_RESIDENT_HEAD, ("reserved", 36)),
    CardKind.HMT: (
        *_RESIDENT_HEAD, ("pass_number", 18), ("issue_count", 4), ("reserved", 6),
        ("type", 2), ("reserved2", 6),
    ),
    CardKind.FOREIGNER_2017: (
        ("english_name", 120), ("sex", 2), ("number", 30), ("nationality", 6), ("name", 30),
        ("valid_from", 16), ("valid_to", 16), ("birth", 16), ("version", 4),
        ("authority", 8), ("type", 2), ("reserved", 6),
    ),
    CardKind.FOREIGNER_2023: (
        ("name", 30), ("sex", 2), ("issue_count", 4), ("birth", 16), ("english_name", 70),
        ("number", 36), ("reserved", 30), ("valid_from", 16), ("valid_to", 16),
        ("english_name_2", 22), ("nationality", 6), ("type", 2), ("previous_number", 6),
    ),
}

KIND_MARKS = {"J": CardKind.HMT, "I": CardKind.FOREIGNER_2017, "Y": CardKind.FOREIGNER_2023}
KIND_OFFSET = 248

FIELD_NAMES: dict[str, tuple[str, str]] = {
    "name": ("姓名", "name"), "english_name": ("英文姓名", "English name"),
    "english_name_2": ("英文姓名（续）", "English name (continued)"),
    "sex": ("性别", "sex"), "nation": ("民族", "nation"), "birth": ("出生日期", "birth date"),
    "address": ("住址", "address"), "number": ("证件号码", "number"),
    "authority": ("签发机关", "issuing authority"), "valid_from": ("有效期起始日期", "valid from"),
    "valid_to": ("有效期截止日期", "valid to"), "nationality": ("国籍", "nationality"),
    "pass_number": ("通行证号码", "pass number"), "issue_count": ("签发次数", "issue count"),
    "version": ("证件版本", "card version"), "previous_number": ("既往号码关联", "previous number"),
    "type": ("证件类型", "card type"), "reserved": ("预留", "reserved"),
    "reserved2": ("预留", "reserved"), "extra_address": ("追加住址", "extra address"),
}

_PADDING = " \x00"


def card_kind(text: bytes) -> CardKind:
    """The kind of card a 256-byte text block belongs to."""
    mark = _field_text(text[KIND_OFFSET : KIND_OFFSET + 2], "type", KIND_OFFSET).strip(_PADDING)
    if not mark:
        return CardKind.RESIDENT
    kind = KIND_MARKS.get(mark)
    if kind is None:
        shown = mark if mark.isprintable() else " ".join(f"U+{ord(ch):04X}" for ch in mark)
        raise UnsupportedCardError("card.kind", mark=shown)
    return kind


def decode_text(text: bytes, photo: bytes = b"") -> CardData:
    """`CardData` from the 256-byte text block (and the raw 1,024-byte WLT photo, if any)."""
    if len(text) != TEXT_SIZE:
        raise CardDataError("card.file_size", size=len(text))
    kind = card_kind(text)
    fields = split_fields(text, LAYOUTS[kind])
    return _BUILDERS[kind](fields, bytes(photo))


def decode_read_reply(frame: bytes) -> CardData:
    """`CardData` from a whole SAM reply frame to the read-text-and-photo command."""
    reply = parse_frame(frame).check()
    text, photo = split_read_reply(reply)
    return decode_text(text, photo)


def decode_file_content(data: bytes) -> CardData:
    """A whole 1,295-byte read reply frame, or a bare 256-byte text block."""
    if data.startswith(PREAMBLE) or len(data) == READ_REPLY_SIZE:
        return decode_read_reply(data)
    if len(data) == TEXT_SIZE:
        return decode_text(data)
    raise CardDataError("card.file_size", size=len(data))


def decode_extra_address(data: bytes) -> str | None:
    """The extra (appended) address the SAM returns for READ_EXTRA_ADDRESS; None when blank."""
    return _clean(_field_text(data, "extra_address", 0), "extra_address")


def split_fields(text: bytes, layout: Layout) -> dict[str, str]:
    """Each field of `layout` as trimmed text."""
    fields: dict[str, str] = {}
    offset = 0
    for name, size in layout:
        raw = _field_text(text[offset : offset + size], name, offset)
        fields[name] = raw if name.startswith("english_name") else _clean(raw, name) or ""
        offset += size
    return fields


def _field_text(raw: bytes, name: str, offset: int) -> str:
    try:
        return raw.decode("utf-16-le")
    except UnicodeDecodeError:
        raise _field_error("card.field_text", name, offset=offset) from None


def _clean(value: str, name: str) -> str | None:
    value = value.strip(_PADDING)
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise _field_error("card.field_control", name)
    return value or None


def _field_error(code: str, name: str, **params: object) -> CardDataError:
    zh, en = FIELD_NAMES.get(name, (name, name))
    return CardDataError(code, field_zh=zh, field_en=en, **params)


def _required(fields: dict[str, str], name: str) -> str:
    value = fields.get(name, "")
    if not value:
        raise _field_error("card.field_missing", name)
    return value


def _optional(fields: dict[str, str], name: str) -> str | None:
    return fields.get(name) or None


def _date(fields: dict[str, str], name: str) -> date | None:
    value = fields.get(name, "")
    if not value:
        return None
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        raise _field_error("card.field_date", name, value=value)
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise _field_error("card.field_date", name, value=value) from None


def _valid_to(fields: dict[str, str]) -> tuple[date | None, bool]:
    if fields.get("valid_to") == LONG_TERM:
        return None, True
    return _date(fields, "valid_to"), False


def _sex(fields: dict[str, str]) -> str:
    value = _required(fields, "sex")
    name = sex_name(value)
    if name is None:
        raise _field_error("card.field_code", "sex", value=value)
    return name


def _nation(fields: dict[str, str]) -> str | None:
    value = fields.get("nation", "")
    if not value:
        return None
    name = nation_name(value)
    if name is None:
        raise _field_error("card.field_code", "nation", value=value)
    return name


def _count(fields: dict[str, str], name: str) -> int | None:
    value = fields.get(name, "")
    if not value:
        return None
    if not value.isascii() or not value.isdigit():
        raise _field_error("card.field_number", name, value=value)
    return int(value)


def _english_name(fields: dict[str, str]) -> str:
    joined = fields.get("english_name", "") + fields.get("english_name_2", "")
    value = _clean(joined, "english_name")
    if not value:
        raise _field_error("card.field_missing", "english_name")
    return value


def _common(kind: CardKind, fields: dict[str, str], photo: bytes) -> dict[str, Any]:
    """What every card kind carries, in the same way."""
    valid_to, long_term = _valid_to(fields)
    return {
        "kind": kind,
        "id_number": _required(fields, "number"),
        "sex": _sex(fields),
        "birth_date": _date(fields, "birth"),
        "valid_from": _date(fields, "valid_from"),
        "valid_to": valid_to,
        "long_term": long_term,
        "photo_wlt": photo,
    }


def _resident(fields: dict[str, str], photo: bytes) -> CardData:
    return CardData(
        **_common(CardKind.RESIDENT, fields, photo),
        name=_required(fields, "name"),
        nation=_nation(fields),
        address=_optional(fields, "address"),
        authority=_optional(fields, "authority"),
    )


def _hmt(fields: dict[str, str], photo: bytes) -> CardData:
    return CardData(
        **_common(CardKind.HMT, fields, photo),
        name=_required(fields, "name"),
        address=_optional(fields, "address"),
        authority=_optional(fields, "authority"),
        pass_number=_optional(fields, "pass_number"),
        issue_count=_count(fields, "issue_count"),
    )


def _foreigner_2017(fields: dict[str, str], photo: bytes) -> CardData:
    return CardData(
        **_common(CardKind.FOREIGNER_2017, fields, photo),
        name=_optional(fields, "name"),
        english_name=_english_name(fields),
        authority=_optional(fields, "authority"),
        nationality=_optional(fields, "nationality"),
        card_version=_optional(fields, "version"),
    )


def _foreigner_2023(fields: dict[str, str], photo: bytes) -> CardData:
    return CardData(
        **_common(CardKind.FOREIGNER_2023, fields, photo),
        name=_optional(fields, "name"),
        english_name=_english_name(fields),
        nationality=_optional(fields, "nationality"),
        issue_count=_count(fields, "issue_count"),
        previous_number=_optional(fields, "previous_number"),
    )


_BUILDERS: dict[CardKind, Callable[[dict[str, str], bytes], CardData]] = {
    CardKind.RESIDENT: _resident,
    CardKind.HMT: _hmt,
    CardKind.FOREIGNER_2017: _foreigner_2017,
    CardKind.FOREIGNER_2023: _foreigner_2023,
}
