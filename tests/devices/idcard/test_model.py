"""Card data: code tables, expiry warnings, the record shape, what tells two cards apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from clerk_app.devices.idcard.codes import NATIONS, nation_code, nation_name, sex_code, sex_name
from clerk_app.devices.idcard.decode import decode_text
from clerk_app.devices.idcard.model import CardData, CardKind, Expiry
from tests.devices.idcard import cardgen


def test_code_tables() -> None:
    assert len(NATIONS) == 58  # 56 nations, 97 other, 98 foreign-born Chinese citizens
    assert nation_name("01") == "汉" and nation_name("99") is None
    assert nation_code("汉族") == "01" and nation_code("维吾尔") == "05"
    assert nation_code("火星") is None
    assert sex_name("2") == "女" and sex_name("3") is None
    assert sex_code("男") == "1"


def test_expiry_warnings() -> None:
    card = decode_text(cardgen.resident_text(valid_to="20260131"))
    assert card.expiry(date(2025, 12, 1)) is Expiry.VALID
    assert card.expiry(date(2026, 1, 10)) is Expiry.EXPIRING
    warning = card.expiry_problem(date(2026, 1, 10))
    assert warning is not None
    assert warning.text() == "证件将于2026-01-31到期（还有21天）"
    assert card.expiry(date(2026, 1, 31)) is Expiry.EXPIRING  # valid through its last day
    assert card.expiry(date(2026, 2, 1)) is Expiry.EXPIRED
    expired = card.expiry_problem(date(2026, 2, 1))
    assert expired is not None and expired.text("en") == "The card expired on 2026-01-31"
    assert card.expiry_problem(date(2025, 1, 1)) is None
    long_term = decode_text(cardgen.resident_text(valid_to="长期"))
    assert long_term.expiry(date(2099, 1, 1)) is Expiry.LONG_TERM
    assert replace(card, valid_to=None).expiry(date(2026, 1, 1)) is Expiry.UNKNOWN


def test_identity_changes_with_a_renewed_card() -> None:
    card = decode_text(cardgen.resident_text())
    assert card.identity == ("resident", cardgen.RESIDENT["number"], "2016-05-01")
    renewed = decode_text(cardgen.resident_text(valid_from="20360501", valid_to="长期"))
    assert renewed.identity != card.identity


def test_repr_leaves_the_photo_out() -> None:
    card = decode_text(cardgen.resident_text(), cardgen.photo())
    assert "photo" not in repr(card)


def test_foreigner_2017_number_shape() -> None:
    card = CardData(kind=CardKind.FOREIGNER_2017, id_number="USA1100750505")
    assert not card.id_number_valid
    assert card.display_name == ""
