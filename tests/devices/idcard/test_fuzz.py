"""Hostile input: random and mutated frames and text raise only the project's own errors."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk_app.devices.idcard.decode import decode_file_content, decode_text
from clerk_app.devices.idcard.errors import CardError
from clerk_app.devices.idcard.frames import (
    MAX_REPLY_LENGTH,
    FrameParser,
    parse_frame,
    split_read_reply,
)
from clerk_app.devices.idcard.model import CardData
from tests.devices.idcard import cardgen

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RECORD_KEYS = {
    "kind", "name", "english_name", "sex", "nation", "birth_date", "address", "id_number",
    "id_number_valid", "authority", "valid_from", "valid_to", "nationality", "pass_number",
    "issue_count",
}
TEXTS = [
    cardgen.resident_text(),
    cardgen.hmt_text(),
    cardgen.foreigner_2017_text(),
    cardgen.foreigner_2023_text(),
]


def _decode(data: bytes) -> CardData | None:
    try:
        card = decode_file_content(data)
    except CardError as error:
        assert error.text("zh") and error.text("en")
        return None
    assert set(card.as_record()) == RECORD_KEYS  # a decoded card always serializes
    return card


@FUZZ
@given(st.binary(min_size=256, max_size=256))
def test_random_text_blocks(data: bytes) -> None:
    _decode(data)


@FUZZ
@given(st.binary(max_size=1400))
def test_random_files(data: bytes) -> None:
    _decode(data)


@FUZZ
@given(st.binary(max_size=1300))
def test_random_bytes_after_a_preamble(tail: bytes) -> None:
    _decode(cardgen.PREAMBLE + tail)


@FUZZ
@given(
    st.sampled_from(TEXTS),
    st.lists(st.tuples(st.integers(0, 1294), st.integers(0, 255)), min_size=1, max_size=8),
)
def test_mutated_read_reply_frames(text: bytes, mutations: list[tuple[int, int]]) -> None:
    frame = bytearray(cardgen.read_reply(text))
    for offset, value in mutations:
        frame[offset] = value
    _decode(bytes(frame))


@FUZZ
@given(st.sampled_from(TEXTS), st.lists(st.tuples(st.integers(0, 255), st.integers(0, 255))))
def test_mutated_text_blocks(text: bytes, mutations: list[tuple[int, int]]) -> None:
    block = bytearray(text)
    for offset, value in mutations:
        block[offset] = value
    _decode(bytes(block))


@FUZZ
@given(st.lists(st.binary(max_size=300), max_size=12))
def test_stream_parser_on_random_chunks(chunks: list[bytes]) -> None:
    parser = FrameParser()
    for chunk in chunks:
        parser.feed(chunk)
        for _ in range(50):
            try:
                reply = parser.pop()
            except CardError:
                continue
            if reply is None:
                break
            assert len(reply.data) <= MAX_REPLY_LENGTH
            try:
                text, photo = split_read_reply(reply)
            except CardError:
                continue
            assert len(text) == 256 and len(photo) in (0, 1024)


@FUZZ
@given(st.binary(max_size=200), st.integers(1, 50))
def test_a_good_frame_after_garbage_is_always_found(garbage: bytes, step: int) -> None:
    parser = FrameParser()
    frame = cardgen.read_reply(cardgen.resident_text())
    stream = garbage + frame
    replies = []
    for start in range(0, len(stream), step):
        parser.feed(stream[start : start + step])
        while True:
            try:
                reply = parser.pop()
            except CardError:
                continue
            if reply is None:
                break
            replies.append(reply)
    assert replies and replies[-1] == parse_frame(frame)


NAME_CHARS = st.characters(
    codec="utf-16", exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp"),
    exclude_characters="\x00 ",
)


@FUZZ
@given(st.text(NAME_CHARS, min_size=1, max_size=7), st.text(NAME_CHARS, max_size=20))
def test_any_name_and_address_survive_the_round_trip(name: str, address: str) -> None:
    encoded = name.encode("utf-16-le")
    if len(encoded) > 30 or len(address.encode("utf-16-le")) > 70:
        return
    card = decode_text(cardgen.resident_text(name=name, address=address))
    assert card.name == name
    assert card.address == (address or None)
