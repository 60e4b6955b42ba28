"""The PC/SC backend through the real stack: pyscard → pcscd → vpcd → a virtual card."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from clerk_app.devices.idcard.errors import NoCardError, NoReaderError, UnsupportedCardError
from clerk_app.devices.idcard.model import CardData, CardKind
from clerk_app.devices.idcard.monitor import CardMonitor, ReaderState
from clerk_app.devices.idcard.pcsc import PcscReader
from clerk_app.devices.idcard.reader import create_reader
from tests.devices.idcard import cardgen
from tests.devices.idcard.conftest import VIRTUAL_READER
from tests.devices.idcard.events import FAST, Recorder, state_is
from tests.devices.idcard.vcard import VirtualCard

VCardFactory = Callable[..., VirtualCard]


def wait_presence(reader: PcscReader, present: bool, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if reader.card_present() is present:
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def reader(pcscd: None) -> Iterator[PcscReader]:
    pcsc = PcscReader(VIRTUAL_READER)
    assert pcsc.open() == VIRTUAL_READER
    yield pcsc
    pcsc.close()


def test_discovers_the_virtual_readers(pcscd: None) -> None:
    names = PcscReader().discover()
    assert VIRTUAL_READER in names
    assert "Virtual PCD 00 01" in names


def test_insertion_and_removal(reader: PcscReader, vcard_factory: VCardFactory) -> None:
    assert wait_presence(reader, False)
    card = vcard_factory().insert()
    assert wait_presence(reader, True)
    card.remove()
    assert wait_presence(reader, False)


def test_chip_serial_number(reader: PcscReader, vcard_factory: VCardFactory) -> None:
    vcard = vcard_factory(chip_serial=bytes.fromhex("11223344AABBCCDD")).insert()
    assert wait_presence(reader, True)
    assert reader.chip_serial() == "11223344AABBCCDD"
    assert bytes.fromhex("0036000008") in vcard.apdus


def test_chip_only_reader_says_so(reader: PcscReader, vcard_factory: VCardFactory) -> None:
    vcard_factory().insert()
    assert wait_presence(reader, True)
    with pytest.raises(UnsupportedCardError) as caught:
        reader.read()
    assert "0102030405060708" in caught.value.text("en")
    assert "只能读取芯片序列号" in caught.value.text("zh")


def test_a_card_that_is_not_an_id_card(reader: PcscReader, vcard_factory: VCardFactory) -> None:
    vcard_factory(id_card=False).insert()
    assert wait_presence(reader, True)
    with pytest.raises(UnsupportedCardError, match="6D 00"):
        reader.read()


def test_content_through_apdus(pcscd: None, vcard_factory: VCardFactory) -> None:
    content = cardgen.hmt_text() + cardgen.photo(3)
    vcard = vcard_factory(content=content).insert()
    with PcscReader(VIRTUAL_READER, content_file="6002") as pcsc:
        assert wait_presence(pcsc, True)
        card = pcsc.read()
    assert card.kind is CardKind.HMT and card.name == "陈大文"
    assert card.photo_wlt == cardgen.photo(3)
    assert card.chip_serial == "0102030405060708"
    reads = [apdu for apdu in vcard.apdus if apdu[:2] == b"\x00\xb0"]
    assert len(reads) == 6  # 1,280 bytes in chunks of 224


def test_no_card_on_the_reader(reader: PcscReader) -> None:
    assert wait_presence(reader, False)
    with pytest.raises(NoCardError, match="No card on the reader"):
        reader.read()


def test_unknown_reader_name(pcscd: None) -> None:
    with pytest.raises(NoReaderError, match="No ID card reader found"):
        PcscReader("Reader that is not there").open()


def test_bad_content_file_setting() -> None:
    with pytest.raises(NoReaderError, match="content_file"):
        create_reader({"backend": "pcsc", "content_file": "XYZ"})


def test_monitor_over_pcsc(pcscd: None, vcard_factory: VCardFactory) -> None:
    events = Recorder()
    monitor = CardMonitor(
        lambda: PcscReader(VIRTUAL_READER, content_file="6002", poll_interval=0.05),
        events, backoff=FAST,
    )
    stop = threading.Event()
    thread = threading.Thread(target=monitor.run, args=(stop,), daemon=True)
    thread.start()
    try:
        events.wait_for("status", state_is(ReaderState.READY))
        vcard = vcard_factory(content=cardgen.resident_text() + cardgen.photo()).insert()
        card = events.wait_for("card")
        assert isinstance(card, CardData) and card.name == "张伟"
        vcard.remove()
        events.wait_for("removed")
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()
