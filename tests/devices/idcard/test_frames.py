"""GA 467 frames: encoding, whole-frame checks, stream reassembly and status codes."""

from __future__ import annotations

import pytest

from clerk_app.devices.idcard import frames
from clerk_app.devices.idcard.errors import (
    FrameError,
    NoCardError,
    ReadFailedError,
    SamFaultError,
    UnsupportedCardError,
)
from clerk_app.devices.idcard.frames import (
    FrameParser,
    Reply,
    encode_frame,
    parse_frame,
    split_read_reply,
)
from clerk_app.devices.idcard.status import STATUS, status_error, status_info
from tests.devices.idcard import cardgen


def test_command_frames_match_the_protocol_bytes() -> None:
    assert encode_frame(frames.FIND_CARD).hex(" ") == "aa aa aa 96 69 00 03 20 01 22"
    assert encode_frame(frames.SELECT_CARD).hex(" ") == "aa aa aa 96 69 00 03 20 02 21"
    assert encode_frame(frames.READ_TEXT_PHOTO).hex(" ") == "aa aa aa 96 69 00 03 30 01 32"
    assert encode_frame(frames.SAM_STATUS).hex(" ") == "aa aa aa 96 69 00 03 11 ff ed"
    assert encode_frame(b"\x30\x01") == cardgen.frame(b"\x30\x01")


def test_read_reply_frame_is_1295_bytes_with_length_0x0508() -> None:
    frame = cardgen.read_reply(cardgen.resident_text())
    assert len(frame) == frames.READ_REPLY_SIZE == 1295
    assert frame[5:7] == b"\x05\x08"
    reply = parse_frame(frame)
    assert (reply.sw1, reply.sw2, reply.sw3) == (0, 0, 0x90)
    text, photo = split_read_reply(reply)
    assert text == cardgen.resident_text()
    assert photo == cardgen.photo()


def test_short_status_reply() -> None:
    assert parse_frame(cardgen.reply(0x80)) == Reply(0, 0, 0x80, b"")


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (b"\xaa\xaa\xaa\x96\x69\x00", "Incomplete frame: 6 bytes, at least 11 expected"),
        (b"\xaa\xaa\xaa\x96\x68" + bytes(8), "preamble should be AA AA AA 96 69, not AA AA AA 96 68"),
        (cardgen.reply(0x90)[:-1] + b"\x00\x00", "length field says 4 bytes, the frame holds 5"),
        (cardgen.read_reply(cardgen.resident_text())[:-1], "length field says 1288 bytes"),
        (b"\xaa\xaa\xaa\x96\x69\xff\xff" + bytes(8), "length field 65535 is out of range"),
    ],
)
def test_malformed_frames_say_what_is_wrong(frame: bytes, message: str) -> None:
    with pytest.raises(FrameError) as caught:
        parse_frame(frame)
    assert message in caught.value.text("en")


def test_bad_checksum_names_both_values() -> None:
    frame = bytearray(cardgen.read_reply(cardgen.resident_text()))
    good = frame[-1]
    frame[-1] ^= 0x5A
    with pytest.raises(FrameError) as caught:
        parse_frame(bytes(frame))
    assert caught.value.text("en") == (
        f"Frame checksum error: expected 0x{good:02X}, got 0x{good ^ 0x5A:02X}"
    )
    assert caught.value.text("zh").startswith("帧校验和错误")


def test_read_reply_layout_is_checked() -> None:
    text = cardgen.resident_text()
    wrong_sizes = Reply(0, 0, 0x90, b"\x00\xff\x04\x00" + text + cardgen.photo())
    with pytest.raises(FrameError, match="text length is 255 bytes, 256 expected"):
        split_read_reply(wrong_sizes)
    short = Reply(0, 0, 0x90, b"\x01\x00\x04\x00" + text)
    with pytest.raises(FrameError, match="reply data is 260 bytes, 1284 expected"):
        split_read_reply(short)


def test_parser_reassembles_a_frame_split_byte_by_byte() -> None:
    parser = FrameParser()
    frame = cardgen.read_reply(cardgen.resident_text())
    for byte in frame[:-1]:
        parser.feed(bytes([byte]))
        assert parser.pop() is None
    parser.feed(frame[-1:])
    reply = parser.pop()
    assert reply is not None and reply.sw3 == 0x90 and len(reply.data) == 1284


def test_parser_skips_garbage_and_false_preambles() -> None:
    parser = FrameParser()
    garbage = b"\x00\x13\xaa\xaa\x96\xaa\xaa\xaa\x96\x69\xff\xff\xaa"
    parser.feed(garbage + cardgen.reply(0x9F, bytes(4)) + cardgen.reply(0x90))
    first, second = parser.pop(), parser.pop()
    assert first is not None and first.sw3 == 0x9F
    assert second is not None and second.sw3 == 0x90
    assert parser.pop() is None
    assert parser.last_error is not None  # the impossible length was noticed


def test_parser_resyncs_on_a_preamble_inside_a_corrupt_frame() -> None:
    parser = FrameParser()
    fake_header = b"\xaa\xaa\xaa\x96\x69\x00\x10"  # claims 16 bytes, swallowing the real frame
    parser.feed(fake_header + cardgen.reply(0x90, b"\x01\x02\x03\x04\x05\x06\x07\x08\x09"))
    reply = parser.pop()
    assert reply is not None and reply.data == bytes(range(1, 10))


def test_parser_raises_once_for_a_corrupt_frame_then_goes_on() -> None:
    parser = FrameParser()
    bad = bytearray(cardgen.reply(0x90))
    bad[-1] ^= 1
    parser.feed(bytes(bad) + cardgen.reply(0x9F))
    with pytest.raises(FrameError, match="checksum"):
        parser.pop()
    reply = parser.pop()
    assert reply is not None and reply.sw3 == 0x9F


def test_parser_keeps_a_partial_preamble_across_feeds() -> None:
    parser = FrameParser()
    frame = cardgen.reply(0x90)
    parser.feed(b"\x01\x02" + frame[:3])
    assert parser.pop() is None
    assert parser.buffered <= 4
    parser.feed(frame[3:])
    assert parser.pop() == Reply(0, 0, 0x90)


@pytest.mark.parametrize(
    ("code", "error_type"),
    [
        (0x80, NoCardError),
        (0x81, ReadFailedError),
        (0x41, ReadFailedError),
        (0x31, ReadFailedError),
        (0x40, UnsupportedCardError),
        (0x10, SamFaultError),
        (0x11, SamFaultError),
        (0x21, SamFaultError),
        (0x60, SamFaultError),
        (0x66, SamFaultError),
        (0x5C, SamFaultError),
    ],
)
def test_every_status_code_becomes_its_typed_error(code: int, error_type: type) -> None:
    error = status_error(code)
    assert type(error) is error_type
    assert f"0x{code:02X}" in error.text("en")
    assert f"0x{code:02X}" in error.text("zh")


def test_every_failure_code_in_the_table_has_an_error_and_two_languages() -> None:
    for code, info in STATUS.items():
        assert info.zh and info.en
        if code not in (0x90, 0x91, 0x9F):
            assert info.error is not None
    assert status_info(0x5C).en == "unknown status code"


def test_reply_check_accepts_listed_codes_only() -> None:
    found = Reply(0, 0, 0x9F)
    assert found.check((0x9F,)) is found
    with pytest.raises(NoCardError):
        Reply(0, 0, 0x80).check()


def test_errors_carry_a_clerk_sentence() -> None:
    error = status_error(0x80)
    assert error.clerk_text("zh").startswith("请将身份证平放在阅读器上（")
    assert error.clerk_text("en").startswith("Place the ID card flat on the reader (")
