"""Card text blocks and GA 467 frames built for tests, independently of the code under test.

Layouts are written out again here from the domain notes (not imported from `decode.py`), so a
mistake in the decoder's layout tables cannot hide behind the same mistake in the fixtures.
"""

from __future__ import annotations

from functools import reduce

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def with_check(first17: str) -> str:
    """A GB 11643 number: the 17 digits and their check character."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def field(value: str, size: int) -> bytes:
    """`value` in UTF-16LE, padded with spaces to `size` bytes."""
    raw = value.encode("utf-16-le")
    if len(raw) > size:
        raise ValueError(f"{value!r} does not fit in {size} bytes")
    return raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)


def block(*fields: tuple[str, int]) -> bytes:
    data = b"".join(field(value, size) for value, size in fields)
    assert len(data) == 256, len(data)
    return data


RESIDENT = {
    "name": "张伟", "sex": "1", "nation": "01", "birth": "19900307",
    "address": "内蒙古自治区赤峰市宁城县天义镇示例街12号",
    "number": with_check("15042919900307773"), "authority": "宁城县公安局",
    "valid_from": "20160501", "valid_to": "20360501",
}


def resident_text(**changes: str) -> bytes:
    f = {**RESIDENT, **changes}
    return block(
        (f["name"], 30), (f["sex"], 2), (f["nation"], 4), (f["birth"], 16), (f["address"], 70),
        (f["number"], 36), (f["authority"], 30), (f["valid_from"], 16), (f["valid_to"], 16),
        ("", 36),
    )


HMT = {
    "name": "陈大文", "sex": "1", "birth": "19880404", "address": "香港特别行政区",
    "number": with_check("81000019880404001"), "authority": "公安部出入境管理局",
    "valid_from": "20201001", "valid_to": "20251001", "pass_number": "H12345678",
    "issue_count": "02",
}


def hmt_text(**changes: str) -> bytes:
    f = {**HMT, **changes}
    return block(
        (f["name"], 30), (f["sex"], 2), ("", 4), (f["birth"], 16), (f["address"], 70),
        (f["number"], 36), (f["authority"], 30), (f["valid_from"], 16), (f["valid_to"], 16),
        (f["pass_number"], 18), (f["issue_count"], 4), ("", 6), ("J", 2), ("", 6),
    )


FOREIGNER_2017 = {
    "english_name": "SMITH, JOHN PAUL", "sex": "1", "number": "USA110075050501",
    "nationality": "USA", "name": "史密斯", "valid_from": "20180616", "valid_to": "20280616",
    "birth": "19750505", "version": "01", "authority": "1500",
}


def foreigner_2017_text(**changes: str) -> bytes:
    f = {**FOREIGNER_2017, **changes}
    return block(
        (f["english_name"], 120), (f["sex"], 2), (f["number"], 30), (f["nationality"], 6),
        (f["name"], 30), (f["valid_from"], 16), (f["valid_to"], 16), (f["birth"], 16),
        (f["version"], 4), (f["authority"], 8), ("I", 2), ("", 6),
    )


FOREIGNER_2023 = {
    "name": "玛丽亚", "sex": "2", "renewal": "00", "birth": "19830303",
    "english_name": "GARCIA LOPEZ, MARIA DE LOS ANGELES FERNANDA",
    "number": with_check("93114219830303002"), "valid_from": "20240115",
    "valid_to": "20340115", "nationality": "ESP", "previous": "",
}


def foreigner_2023_text(**changes: str) -> bytes:
    f = {**FOREIGNER_2023, **changes}
    english = f["english_name"].ljust(35)
    return block(
        (f["name"], 30), (f["sex"], 2), (f["renewal"], 4), (f["birth"], 16),
        (english[:35], 70), (f["number"], 36), ("", 30), (f["valid_from"], 16),
        (f["valid_to"], 16), (english[35:], 22), (f["nationality"], 6), ("Y", 2),
        (f["previous"], 6),
    )


def photo(seed: int = 7) -> bytes:
    """1,024 bytes standing in for a WLT photo (the real codec is proprietary)."""
    return bytes((seed * 31 + i * 17) & 0xFF for i in range(1024))


def xor(data: bytes) -> int:
    return reduce(lambda a, b: a ^ b, data, 0)


def frame(body: bytes) -> bytes:
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes([xor(length + body)])


def reply(sw3: int, data: bytes = b"") -> bytes:
    return frame(bytes([0x00, 0x00, sw3]) + data)


def read_reply(text: bytes, picture: bytes | None = None) -> bytes:
    """The 1,295-byte reply to READ TEXT AND PHOTO (30 01)."""
    picture = photo() if picture is None else picture
    data = len(text).to_bytes(2, "big") + len(picture).to_bytes(2, "big") + text + picture
    return reply(0x90, data)
