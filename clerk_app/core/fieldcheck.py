"""Checking and normalising one form field's value, with the reason in words when it is wrong."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from clerk_app.core.guide import FieldSpec, FieldType
from clerk_app.core.idnumber import credit_code_problem, id_number_problem, normalize_id_number
from clerk_app.core.problems import Problem

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_SERVICE = re.compile(r"^(12345|12333|12366|12329|12393|110|120|95\d{3,6})$")
MIN_ADDRESS_LENGTH = 6


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def check_field(
    spec: FieldSpec, value: Any, *, required: bool | None = None, today: date | None = None
) -> Problem | None:
    """None when `value` is acceptable for the field, else the problem in words."""
    must = spec.required if required is None else required
    if is_empty(value):
        return Problem("field.required", label=spec.label) if must else None
    checker = _CHECKERS.get(spec.type, _check_text)
    return checker(spec, value, today)


def _check_text(spec: FieldSpec, value: Any, today: date | None) -> Problem | None:
    text = str(value).strip()
    if spec.max_length is not None and len(text) > spec.max_length:
        return Problem("field.max_length", label=spec.label, max_length=spec.max_length)
    return None


def _check_address(spec: FieldSpec, value: Any, today: date | None) -> Problem | None:
    if len(str(value).strip()) < MIN_ADDRESS_LENGTH:
        return Problem("field.address", label=spec.label)
    return _check_text(spec, value, today)


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        return None


def _check_range(spec: FieldSpec, number: Decimal) -> Problem | None:
    if spec.min is not None and number < Decimal(str(spec.min)):
        return Problem("field.min", label=spec.label, min=f"{spec.min:g}")
    if spec.max is not None and number > Decimal(str(spec.max)):
        return Problem("field.max", label=spec.label, max=f"{spec.max:g}")
    return None


def _check_number(spec: FieldSpec, value: Any, today: date | None) -> Problem | None:
    number = _number(value)
    if number is None or not number.is_finite():
        return Problem("field.number", label=spec.label)
    return _check_range(spec, number)


def _check_money(spec: FieldSpec, value: Any, today: date | None) -> Problem | None:
    number = _number(value)
    if number is None or not number.is_finite() or number.as_tuple().exponent < -2:  # type: ignore[operator]
        return Problem("field.money", label=spec.label)
    return _check_range(spec, number)


def _check_date(spec: FieldSpec, value: Any, today: date | None) -> Problem | None:
    if isinstance(value, date):
        return None
    try:
        date.fromisoformat(str(value).strip())
    except ValueError:
        return Problem("field.date", label=spec.label)
    return None


def _check_choice(spec: FieldSpec, value: Any, today: date | None) -> Problem | None:
    if value not in spec.options:
        return Problem("field.option", label=spec.label, value=value)
    return None


def _check_multi(spec: FieldSpec, value: Any, today: date | None) -> Problem | None:
    values = value if isinstance(value, (list, tuple)) else [value]
    for item in values:
        if item not in spec.options:
            return Problem("field.option", label=spec.label, value=item)
    return None


def _check_phone(spec: FieldSpec, value: Any, today: date | None) -> Problem | None:
    text = re.sub(r"[\s()（）]", "", str(value))
    if _MOBILE.match(text) or _LANDLINE.match(text) or _SERVICE.match(text):
        return None
    return Problem("field.phone", label=spec.label)


def _check_id_number(spec: FieldSpec, value: Any, today: date | None) -> Problem | None:
    return id_number_problem(str(value), today=today)


def _check_credit_code(spec: FieldSpec, value: Any, today: date | None) -> Problem | None:
    return credit_code_problem(str(value))


_CHECKERS = {
    FieldType.TEXT: _check_text,
    FieldType.ADDRESS: _check_address,
    FieldType.NUMBER: _check_number,
    FieldType.MONEY: _check_money,
    FieldType.DATE: _check_date,
    FieldType.CHOICE: _check_choice,
    FieldType.MULTI_CHOICE: _check_multi,
    FieldType.PHONE: _check_phone,
    FieldType.ID_NUMBER: _check_id_number,
    FieldType.CREDIT_CODE: _check_credit_code,
}


def normalize(spec: FieldSpec, value: Any) -> Any:
    """The stored form of a valid value: trimmed text, upper-case codes, numbers as numbers."""
    if is_empty(value):
        return None
    if spec.type in (FieldType.ID_NUMBER, FieldType.CREDIT_CODE):
        return normalize_id_number(str(value))
    if spec.type is FieldType.NUMBER:
        number = _number(value)
        return int(number) if number is not None and number == number.to_integral() else float(number or 0)
    if spec.type is FieldType.MONEY:
        number = _number(value)
        return str(number.quantize(Decimal("0.01"))) if number is not None else None
    if spec.type is FieldType.DATE:
        return value.isoformat() if isinstance(value, date) else str(value).strip()
    if isinstance(value, str):
        return value.strip()
    return value
