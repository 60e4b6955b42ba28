"""The SAM backend against a SAM simulator on a real pseudo-terminal, faults included."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from clerk_app.devices.idcard.errors import (
    CardTimeoutError,
    FrameError,
    NoCardError,
    NoReaderError,
    ReadFailedError,
    SamFaultError,
)
from clerk_app.devices.idcard.model import CardKind
from clerk_app.devices.idcard.reader import create_reader
from clerk_app.devices.idcard.sam import SamReader
from tests.devices.idcard import cardgen
from tests.devices.idcard.samsim import FIND, READ, SELECT, STATUS, SamSimulator


@pytest.fixture
def reader(sam_sim: SamSimulator) -> Iterator[SamReader]:
    sam = SamReader(sam_sim.path, command_timeout=0.3, read_timeout=1.0, retries=2)
    assert sam.open() == f"SAM {sam_sim.path}"
    yield sam
    sam.close()


def test_open_checks_the_sam_and_reads_its_id(reader: SamReader, sam_sim: SamSimulator) -> None:
    assert sam_sim.count(STATUS) == 1
    assert reader.sam_id() == "05000000D2070000A40B0000B00F0000"
    reader.reset()


def test_reads_a_resident_card_with_photo_and_extra_address(
    reader: SamReader, sam_sim: SamSimulator
) -> None:
    assert not reader.card_present()
    sam_sim.place(cardgen.resident_text(), extra=cardgen.field("包头市青山区示例路3号", 70))
    assert reader.card_present()
    card = reader.read()
    assert card.name == "张伟" and card.kind is CardKind.RESIDENT
    assert card.photo_wlt == cardgen.photo()
    assert card.extra_address == "包头市青山区示例路3号"
    assert sam_sim.commands[-4:] == [FIND, SELECT, READ, b"\x30\x03"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (cardgen.hmt_text(), CardKind.HMT),
        (cardgen.foreigner_2017_text(), CardKind.FOREIGNER_2017),
        (cardgen.foreigner_2023_text(), CardKind.FOREIGNER_2023),
    ],
)
def test_reads_every_card_kind(
    reader: SamReader, sam_sim: SamSimulator, text: bytes, kind: CardKind
) -> None:
    sam_sim.place(text)
    card = reader.read()  # finds the card itself when no poll came first
    assert card.kind is kind
    assert card.extra_address is None  # the SAM answered 0x91: no extra address


def test_no_card(reader: SamReader) -> None:
    with pytest.raises(NoCardError):
        reader.read()


def test_a_bad_checksum_is_asked_again(reader: SamReader, sam_sim: SamSimulator) -> None:
    sam_sim.place(cardgen.resident_text())
    sam_sim.inject(READ, "bad_checksum")
    assert reader.read().name == "张伟"
    assert sam_sim.count(READ) == 2


def test_bad_checksums_every_time_end_in_a_frame_error(
    reader: SamReader, sam_sim: SamSimulator
) -> None:
    sam_sim.place(cardgen.resident_text())
    sam_sim.inject(READ, "bad_checksum", times=3)
    with pytest.raises(FrameError, match="checksum"):
        reader.read()
    assert sam_sim.count(READ) == 3


def test_frames_split_across_reads(reader: SamReader, sam_sim: SamSimulator) -> None:
    sam_sim.place(cardgen.foreigner_2023_text())
    sam_sim.inject(FIND, "split")
    sam_sim.inject(READ, "split")
    assert reader.read().kind is CardKind.FOREIGNER_2023
    assert sam_sim.count(READ) == 1


def test_garbage_before_the_preamble(reader: SamReader, sam_sim: SamSimulator) -> None:
    sam_sim.place(cardgen.resident_text())
    sam_sim.inject(SELECT, "garbage")
    sam_sim.inject(READ, "garbage")
    assert reader.read().name == "张伟"
    assert sam_sim.count(READ) == 1


def test_a_slow_device_within_the_time_out(reader: SamReader, sam_sim: SamSimulator) -> None:
    sam_sim.place(cardgen.resident_text())
    sam_sim.inject(READ, "slow", 0.6)
    started = time.monotonic()
    assert reader.read().name == "张伟"
    assert time.monotonic() - started >= 0.6
    assert sam_sim.count(READ) == 1


def test_a_device_slower_than_the_time_out(sam_sim: SamSimulator) -> None:
    sam = SamReader(sam_sim.path, command_timeout=0.2, retries=0)
    sam.open()
    try:
        sam_sim.inject(FIND, "slow", 0.5)
        with pytest.raises(CardTimeoutError) as caught:
            sam.card_present()
        assert caught.value.text("en") == (
            "The reader did not answer within 0.2 s (command 20 01)"
        )
    finally:
        sam.close()


def test_a_silent_device_is_retried_then_times_out(
    reader: SamReader, sam_sim: SamSimulator
) -> None:
    sam_sim.inject(FIND, "mute", times=3)
    with pytest.raises(CardTimeoutError):
        reader.card_present()
    assert sam_sim.count(FIND) == 3


def test_a_lost_reply_is_retried(reader: SamReader, sam_sim: SamSimulator) -> None:
    sam_sim.inject(FIND, "mute")
    assert reader.card_present() is False
    assert sam_sim.count(FIND) == 2


def test_card_removed_mid_read(reader: SamReader, sam_sim: SamSimulator) -> None:
    sam_sim.place(cardgen.resident_text())
    sam_sim.inject(READ, "remove_mid_read")
    with pytest.raises(ReadFailedError) as caught:
        reader.read()
    assert "0x41" in caught.value.text("en")  # the retry found the card gone
    assert not reader.card_present()


def test_read_failure_status(reader: SamReader, sam_sim: SamSimulator) -> None:
    sam_sim.place(cardgen.resident_text())
    sam_sim.inject(READ, "status", 0x41)
    with pytest.raises(ReadFailedError, match="card read failed"):
        reader.read()


def test_sam_fault_at_open(sam_sim: SamSimulator) -> None:
    sam_sim.sam_status = 0x60
    sam = SamReader(sam_sim.path, command_timeout=0.3)
    with pytest.raises(SamFaultError) as caught:
        sam.open()
    assert "SAM self-test failed" in caught.value.text("en")
    assert "安全模块自检失败" in caught.value.text("zh")


def test_unplugged_reader(reader: SamReader, sam_sim: SamSimulator) -> None:
    sam_sim.unplug()
    with pytest.raises(NoReaderError):
        reader.card_present()
    reader.close()
    with pytest.raises(NoReaderError, match="Cannot open reader port"):
        reader.open()
    sam_sim.replug()
    assert reader.open().startswith("SAM ")
    assert reader.card_present() is False


def test_missing_port(tmp_path: Path) -> None:
    sam = SamReader(str(tmp_path / "nothing"))
    with pytest.raises(NoReaderError) as caught:
        sam.open()
    assert "nothing" in caught.value.text("en")


def test_auto_probing_finds_the_port_with_a_sam(tmp_path: Path, sam_sim: SamSimulator) -> None:
    mute = SamSimulator(tmp_path / "ttyOTHER").start()
    mute.inject(STATUS, "mute", times=10)
    try:
        sam = SamReader("auto", ports=[mute.path, str(tmp_path / "gone"), sam_sim.path],
                        command_timeout=0.1, retries=0)
        assert sam.open() == f"SAM {sam_sim.path}"
        sam.close()
    finally:
        mute.stop()


def test_auto_probing_with_no_sam_anywhere(tmp_path: Path) -> None:
    sam = SamReader("auto", ports=[str(tmp_path / "a"), str(tmp_path / "b")])
    with pytest.raises(NoReaderError, match="No ID card reader found"):
        sam.open()


def test_created_from_configuration(sam_sim: SamSimulator) -> None:
    reader = create_reader({"backend": "sam", "port": sam_sim.path, "read_timeout": "1.5",
                            "extra_address": False})
    assert isinstance(reader, SamReader)
    assert reader.read_timeout == 1.5
    with reader:
        sam_sim.place(cardgen.resident_text())
        assert reader.read().extra_address is None
    assert sam_sim.count(b"\x30\x03") == 0


def test_an_empty_port_setting_means_auto() -> None:
    reader = create_reader({"backend": "sam", "port": ""})
    assert isinstance(reader, SamReader) and reader.port_name == "auto"


def test_bad_configuration_is_a_typed_error() -> None:
    with pytest.raises(NoReaderError, match="read_timeout"):
        create_reader({"backend": "sam", "read_timeout": "soon"})
    with pytest.raises(NoReaderError, match="backend"):
        create_reader({"backend": "telepathy"})
