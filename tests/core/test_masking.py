"""Masking of ID numbers, phone numbers, addresses and names, alone and inside free text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clerk_app.core.masking import mask_address, mask_id_number, mask_name, mask_phone, mask_text

ID = "11010519491231002X"


def test_id_number_keeps_region_and_check_digits() -> None:
    assert mask_id_number(ID) == "1101**********002X"
    assert mask_id_number("110105491231002") == "1101*******1002"
    assert mask_id_number("12") == "**"


def test_phone_numbers() -> None:
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("0472-5616300") == "0472-*****00"


def test_address_keeps_the_district() -> None:
    assert mask_address("内蒙古包头市昆都仑区钢铁大街12号") == "内蒙古包头市昆都仑区****"
    assert mask_address("达茂旗百灵庙镇") == "达茂旗****"
    assert mask_address("内蒙古自治区包头市青山区幸福路1号") == "内蒙古自治区包头市青山区****"
    assert mask_address("包头市幸福路1号") == "包头市****"
    assert mask_address("钢铁大街12号") == "钢铁大****"
    assert mask_address("") == ""


def test_names() -> None:
    assert (mask_name("张三"), mask_name("欧阳娜娜"), mask_name("王")) == ("张*", "欧阳**", "王")


def test_free_text() -> None:
    line = f"读卡成功：{ID}，电话13800138000，+86 13912345678；订单号 202611230000123456789 不变"
    masked = mask_text(line)
    assert ID not in masked and "1101**********002X" in masked
    assert "138****8000" in masked and "+86 139****5678" in masked
    assert "202611230000123456789" in masked  # a longer digit run is not an ID number


@given(st.from_regex(r"[1-6]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d)\d{3}[0-9X]", fullmatch=True),
       st.text(alphabet="申请人姓名：，。 ", max_size=10))
def test_no_id_number_survives(number: str, around: str) -> None:
    masked = mask_text(f"{around}{number}{around}")
    assert number not in masked and number[-4:] in masked
