"""Decoding the 256-byte text block of the four card kinds, and refusing garbage precisely."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.devices.idcard.decode import (
    LAYOUTS,
    card_kind,
    decode_extra_address,
    decode_file_content,
    decode_read_reply,
    decode_text,
)
from clerk_app.devices.idcard.errors import (
    CardDataError,
    FrameError,
    ReadFailedError,
    UnsupportedCardError,
)
from clerk_app.devices.idcard.model import CardKind
from tests.devices.idcard import cardgen
from tests.devices.idcard.cardgen import (
    field,
    foreigner_2017_text,
    foreigner_2023_text,
    hmt_text,
    resident_text,
    with_check,
)


def test_every_layout_fills_256_bytes_with_the_kind_mark_at_248() -> None:
    for kind, layout in LAYOUTS.items():
        assert sum(size for _, size in layout) == 256, kind
        offset = 0
        for name, size in layout:
            if name == "type":
                assert offset == 248, kind
            offset += size


def test_resident_card() -> None:
    card = decode_text(resident_text(), cardgen.photo())
    assert card.kind is CardKind.RESIDENT
    assert card.name == "张伟"
    assert card.sex == "男"
    assert card.nation == "汉"
    assert card.birth_date == date(1990, 3, 7)
    assert card.address == "内蒙古自治区赤峰市宁城县天义镇示例街12号"
    assert card.id_number == cardgen.RESIDENT["number"]
    assert card.id_number_valid
    assert card.authority == "宁城县公安局"
    assert card.valid_from == date(2016, 5, 1)
    assert card.valid_to == date(2036, 5, 1)
    assert not card.long_term
    assert card.photo_wlt == cardgen.photo()
    assert card.english_name is None and card.nationality is None and card.issue_count is None


def test_name_outside_the_bmp_is_one_character() -> None:
    name = "王\U00020000明"
    card = decode_text(resident_text(name=name))
    assert card.name == name
    assert len(card.name) == 3
    assert field(name, 30)[2:6].hex() == "40d800dc"  # the surrogate pair on the card


def test_name_with_middle_dots_filling_the_field() -> None:
    name = "阿依古丽·艾合买提江·买买提明"  # 15 characters: the whole 30-byte field
    card = decode_text(resident_text(name=name, nation="05"))
    assert card.name == name
    assert card.nation == "维吾尔"


def test_long_term_validity() -> None:
    card = decode_text(resident_text(valid_to="长期"))
    assert card.long_term
    assert card.valid_to is None
    assert card.valid_to_text == "长期"
    assert card.as_record()["valid_to"] == "长期"


@pytest.mark.parametrize(("code", "name"), [("1", "男"), ("2", "女"), ("0", "未知"), ("9", "未说明")])
def test_sex_codes(code: str, name: str) -> None:
    assert decode_text(resident_text(sex=code)).sex == name


@pytest.mark.parametrize(("code", "name"), [("02", "蒙古"), ("03", "回"), ("56", "基诺"),
                                            ("97", "其他"), ("98", "外国血统中国籍人士")])
def test_nation_codes(code: str, name: str) -> None:
    assert decode_text(resident_text(nation=code)).nation == name


def test_wrong_check_character_is_decoded_but_flagged() -> None:
    number = cardgen.RESIDENT["number"]
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    card = decode_text(resident_text(number=wrong))
    assert card.id_number == wrong
    assert not card.id_number_valid
    assert card.id_number_problem is not None
    assert card.id_number_problem.code == "id.check"


def test_hmt_residence_permit() -> None:
    card = decode_text(hmt_text())
    assert card.kind is CardKind.HMT
    assert card.name == "陈大文"
    assert card.nation is None
    assert card.id_number.startswith("810000")
    assert card.id_number_valid
    assert card.pass_number == "H12345678"
    assert card.issue_count == 2
    assert card.valid_to == date(2025, 10, 1)


def test_foreigner_2017() -> None:
    card = decode_text(foreigner_2017_text())
    assert card.kind is CardKind.FOREIGNER_2017
    assert card.english_name == "SMITH, JOHN PAUL"
    assert card.name == "史密斯"
    assert card.id_number == "USA110075050501"
    assert card.id_number_valid  # 3 letters and 12 digits
    assert card.nationality == "USA"
    assert card.birth_date == date(1975, 5, 5)
    assert card.authority == "1500"
    assert card.card_version == "01"
    assert card.nation is None and card.address is None


def test_foreigner_2017_without_chinese_name() -> None:
    card = decode_text(foreigner_2017_text(name=""))
    assert card.name is None
    assert card.display_name == "SMITH, JOHN PAUL"


def test_foreigner_2023_joins_the_two_parts_of_the_english_name() -> None:
    card = decode_text(foreigner_2023_text())
    assert card.kind is CardKind.FOREIGNER_2023
    assert card.english_name == cardgen.FOREIGNER_2023["english_name"]
    assert card.name == "玛丽亚"
    assert card.sex == "女"
    assert card.id_number.startswith("9")
    assert card.id_number_valid  # same MOD 11-2 check as citizens
    assert card.nationality == "ESP"
    assert card.issue_count == 0
    assert card.valid_to == date(2034, 1, 15)


def test_foreigner_2023_keeps_a_space_at_the_split() -> None:
    english = "ABCDEFGHIJ KLMNOPQRST UVWXYZ ABCDEF GHIJ"  # character 35 is a space
    assert english[35 - 1] == "F" and english[35] == " "
    card = decode_text(foreigner_2023_text(english_name=english))
    assert card.english_name == english


def test_foreigner_2023_with_a_bad_check_character() -> None:
    number = with_check("93114219830303002")
    bad = number[:17] + ("1" if number[17] == "0" else "0")
    assert not decode_text(foreigner_2023_text(number=bad)).id_number_valid


def test_blank_optional_fields_are_none() -> None:
    card = decode_text(resident_text(address="", authority="", valid_from="", valid_to=""))
    assert card.address is None and card.authority is None
    assert card.valid_from is None and card.valid_to is None
    assert card.as_record()["valid_to"] is None


def test_nul_padding_is_trimmed_too() -> None:
    text = bytearray(resident_text())
    text[4:30] = bytes(26)  # name "张伟" then NULs instead of spaces
    assert decode_text(bytes(text)).name == "张伟"


def test_extra_address() -> None:
    assert decode_extra_address(field("包头市昆都仑区示例小区5栋", 70)) == "包头市昆都仑区示例小区5栋"
    assert decode_extra_address(field("", 70)) is None


def test_the_whole_read_reply_frame() -> None:
    card = decode_read_reply(cardgen.read_reply(hmt_text()))
    assert card.kind is CardKind.HMT
    assert len(card.photo_wlt) == 1024


def test_file_content_is_a_frame_or_a_text_block() -> None:
    assert decode_file_content(resident_text()).name == "张伟"
    assert decode_file_content(cardgen.read_reply(resident_text())).name == "张伟"
    with pytest.raises(CardDataError, match="1,295-byte") as caught:
        decode_file_content(b"hello")
    assert "5" in caught.value.text("en")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"birth": "19901332"}, "“birth date” “19901332” is not a valid date"),
        ({"birth": "1990031"}, "“birth date” “1990031” is not a valid date"),
        ({"valid_from": "2016０501"}, "“valid from” “2016０501” is not a valid date"),
        ({"nation": "77"}, "“nation” code “77” is not known"),
        ({"sex": "5"}, "“sex” code “5” is not known"),
        ({"sex": ""}, "“sex” is empty"),
        ({"name": ""}, "“name” is empty"),
        ({"number": ""}, "“number” is empty"),
        ({"name": "张\x01伟"}, "“name” contains control characters"),
    ],
)
def test_bad_fields_name_the_field(changes: dict[str, str], message: str) -> None:
    with pytest.raises(CardDataError) as caught:
        decode_text(resident_text(**changes))
    assert message in caught.value.text("en")
    assert caught.value.text("zh")  # and a Chinese sentence


def test_issue_count_must_be_digits() -> None:
    with pytest.raises(CardDataError, match="issue count"):
        decode_text(hmt_text(issue_count="0X"))


def test_lone_surrogate_is_not_text() -> None:
    text = bytearray(resident_text())
    text[0:2] = b"\x00\xd8"  # a high surrogate followed by "伟", not a low surrogate
    with pytest.raises(CardDataError) as caught:
        decode_text(bytes(text))
    assert "“name” is not valid UTF-16LE text (from byte 0)" in caught.value.text("en")
    assert "姓名" in caught.value.text("zh")


def test_unknown_kind_mark_is_unsupported() -> None:
    text = bytearray(resident_text())
    text[248:250] = "Q".encode("utf-16-le")
    with pytest.raises(UnsupportedCardError, match="“Q”"):
        card_kind(bytes(text))
    text[248:250] = b"\x07\x00"
    with pytest.raises(UnsupportedCardError, match="U\\+0007"):
        decode_text(bytes(text))


def test_text_of_the_wrong_size() -> None:
    with pytest.raises(CardDataError):
        decode_text(resident_text()[:255])


def test_a_frame_with_a_status_error_names_the_code() -> None:
    with pytest.raises(ReadFailedError) as caught:
        decode_read_reply(cardgen.reply(0x41))
    assert "0x41" in str(caught.value) and "card read failed" in str(caught.value)
    with pytest.raises(FrameError):
        decode_read_reply(cardgen.read_reply(resident_text())[:-1])
