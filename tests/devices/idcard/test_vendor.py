"""The vendor SDK bridge and the WLT photo decoder against fake C libraries built with gcc."""

from __future__ import annotations

import ctypes
from datetime import date

import pytest

from clerk_app.devices.idcard.decode import decode_text
from clerk_app.devices.idcard.errors import (
    NoCardError,
    NoReaderError,
    ReadFailedError,
    SamFaultError,
)
from clerk_app.devices.idcard.model import CardKind
from clerk_app.devices.idcard.photo import BMP_SIZE, WltDecoder, attach_photo
from clerk_app.devices.idcard.reader import create_reader
from clerk_app.devices.idcard.vendor import SdtapiReader, TermbReader
from tests.devices.idcard import cardgen
from tests.devices.idcard.conftest import FakeLibs

# Field indexes of fake_termb.c
NAME, CHINESE_NAME, SEX, NATION, NATION_CODE, BIRTH, ADDRESS, ID_CODE = range(8)
DEPARTMENT, START, END, CERT_TYPE = range(8, 12)


def _bytes(data: bytes) -> tuple[bytes, int]:
    return data, len(data)


# -- sdtapi ---------------------------------------------------------------------------------------


def test_sdtapi_reads_the_raw_text_and_photo(fake_libs: FakeLibs) -> None:
    fake = fake_libs.control(fake_libs.sdtapi)
    reader = create_reader({"backend": "vendor", "api": "sdtapi",
                            "library": str(fake_libs.sdtapi), "port": 1001})
    assert isinstance(reader, SdtapiReader)
    with reader:
        assert fake.fake_open_port() == 1001
        assert not reader.card_present()
        fake.fake_set_card(*_bytes(cardgen.foreigner_2023_text()), *_bytes(cardgen.photo(9)))
        fake.fake_set_extra(*_bytes(cardgen.field("银川市金凤区示例路6号", 70)))
        assert reader.card_present()
        card = reader.read()
        assert fake.fake_find_count() == 2  # the read did not look for the card again
    assert fake.fake_open_port() == -1  # closed on exit
    assert card.kind is CardKind.FOREIGNER_2023
    assert card.photo_wlt == cardgen.photo(9)
    assert card.extra_address == "银川市金凤区示例路6号"


def test_sdtapi_auto_port_finds_the_usb_reader(fake_libs: FakeLibs) -> None:
    fake = fake_libs.control(fake_libs.sdtapi)
    fake.fake_accept_port(1003)
    reader = SdtapiReader(str(fake_libs.sdtapi), "auto")
    assert reader.open() == "sdtapi 1003"
    reader.close()
    fake.fake_accept_port(0)
    with pytest.raises(NoReaderError, match="No ID card reader found"):
        reader.open()


def test_sdtapi_status_codes_become_typed_errors(fake_libs: FakeLibs) -> None:
    fake = fake_libs.control(fake_libs.sdtapi)
    with SdtapiReader(str(fake_libs.sdtapi), 1001) as reader:
        with pytest.raises(NoCardError):
            reader.read()
        fake.fake_set_card(*_bytes(cardgen.resident_text()), *_bytes(cardgen.photo()))
        fake.fake_set_results(0x81, 0x90)
        with pytest.raises(ReadFailedError, match="0x81"):
            reader.read()
        fake.fake_set_results(0x90, 0x60)
        with pytest.raises(SamFaultError, match="SAM self-test failed"):
            reader.read()
        fake.fake_set_results(0x90, 0x90)
        assert reader.read().name == "张伟"


def test_sdtapi_garbage_text_is_a_typed_error(fake_libs: FakeLibs) -> None:
    fake = fake_libs.control(fake_libs.sdtapi)
    with SdtapiReader(str(fake_libs.sdtapi), 1001) as reader:
        fake.fake_set_card(*_bytes(cardgen.resident_text(nation="88")), *_bytes(b""))
        with pytest.raises(ReadFailedError, match="“nation” code “88”"):
            reader.read()


def test_a_library_that_does_not_load() -> None:
    reader = SdtapiReader("/nonexistent/libsdtapi.so", 1001)
    with pytest.raises(NoReaderError) as caught:
        reader.open()
    assert "/nonexistent/libsdtapi.so" in caught.value.text("zh")


def test_a_library_of_the_wrong_api(fake_libs: FakeLibs) -> None:
    reader = SdtapiReader(str(fake_libs.termb), 1001)
    with pytest.raises(NoReaderError, match="missing SDT_OpenPort"):
        reader.open()


def test_vendor_configuration_errors() -> None:
    with pytest.raises(NoReaderError, match="library"):
        create_reader({"backend": "vendor", "api": "sdtapi"})
    with pytest.raises(NoReaderError, match="api"):
        create_reader({"backend": "vendor", "api": "cvr9000", "library": "x.so"})


# -- termb ----------------------------------------------------------------------------------------


def _set_fields(fake: ctypes.CDLL, fields: dict[int, str]) -> None:
    for index, value in fields.items():
        raw = value.encode("gb18030")
        fake.fake_set_field(index, raw, len(raw))


def test_termb_reads_the_field_getters_in_gb18030(fake_libs: FakeLibs) -> None:
    fake = fake_libs.control(fake_libs.termb)
    number = cardgen.with_check("64052119851120002")
    _set_fields(fake, {
        NAME: "王\U00020000", SEX: "女", NATION: "汉族", BIRTH: "19851120",
        ADDRESS: "宁夏回族自治区中卫市中宁县宁安镇示例路8号", ID_CODE: number,
        DEPARTMENT: "中宁县公安局", START: "2019.01.10", END: "长期",
    })
    reader = create_reader({"backend": "vendor", "api": "termb",
                            "library": str(fake_libs.termb), "port": "1001"})
    assert isinstance(reader, TermbReader)
    with reader:
        fake.fake_place(1)
        assert reader.card_present()
        card = reader.read()
    assert fake.fake_last_mode() == 4
    assert card.kind is CardKind.RESIDENT
    assert card.name == "王\U00020000"
    assert card.sex == "女" and card.nation == "汉"
    assert card.birth_date == date(1985, 11, 20)
    assert card.valid_from == date(2019, 1, 10)
    assert card.long_term and card.id_number_valid


def test_termb_hmt_and_foreign_cards(fake_libs: FakeLibs) -> None:
    fake = fake_libs.control(fake_libs.termb)
    _set_fields(fake, {NAME: "SMITH, JOHN", CHINESE_NAME: "史密斯", SEX: "1", NATION: "USA",
                       ID_CODE: "USA110075050501", BIRTH: "1975-05-05", CERT_TYPE: "I",
                       END: "20280616"})
    with TermbReader(str(fake_libs.termb), 1001) as reader:
        fake.fake_place(1)
        card = reader.read()
    assert card.kind is CardKind.FOREIGNER_2017
    assert card.english_name == "SMITH, JOHN" and card.name == "史密斯"
    assert card.nationality == "USA" and card.nation is None
    assert card.sex == "男" and card.valid_to == date(2028, 6, 16)


def test_termb_failures(fake_libs: FakeLibs) -> None:
    fake = fake_libs.control(fake_libs.termb)
    _set_fields(fake, {NAME: "张伟", SEX: "男", ID_CODE: cardgen.RESIDENT["number"],
                       BIRTH: "19900307"})
    with TermbReader(str(fake_libs.termb), 1001) as reader:
        assert not reader.card_present()
        with pytest.raises(NoCardError):
            reader.read()
        fake.fake_place(3)  # found but not selected
        with pytest.raises(ReadFailedError, match="CVR_Authenticate returned 3"):
            reader.read()
        fake.fake_place(1)
        fake.fake_set_read_result(99)
        with pytest.raises(SamFaultError, match="CVR_Read_Content returned 99"):
            reader.read()
        fake.fake_set_read_result(1)
        assert reader.read().name == "张伟"
    with pytest.raises(NoReaderError):
        TermbReader(str(fake_libs.termb), 7).open()  # the fake answers on 1001 only


def test_termb_decoded_photo_is_kept(fake_libs: FakeLibs) -> None:
    fake = fake_libs.control(fake_libs.termb)
    wlt = WltDecoder(str(fake_libs.wlt))
    bmp = wlt.decode(cardgen.photo())
    fake.fake_set_bmp(bmp[:4096], 4096)
    _set_fields(fake, {NAME: "张伟", SEX: "男", ID_CODE: cardgen.RESIDENT["number"]})
    with TermbReader(str(fake_libs.termb), 1001) as reader:
        fake.fake_place(1)
        assert reader.read().photo_bmp == bmp[:4096]


# -- WLT photo decoder ----------------------------------------------------------------------------


def test_wlt_decoder_gives_a_bmp(fake_libs: FakeLibs) -> None:
    decoder = WltDecoder.from_config({"library": str(fake_libs.wlt)})
    assert decoder is not None
    bmp = decoder.decode(cardgen.photo())
    assert bmp[:2] == b"BM" and len(bmp) == BMP_SIZE == 38862
    assert int.from_bytes(bmp[18:22], "little") == 102
    assert int.from_bytes(bmp[22:26], "little") == 126


def test_wlt_decoder_wraps_bare_rows(fake_libs: FakeLibs) -> None:
    raw = WltDecoder(str(fake_libs.wlt), function="unpack_raw")
    full = WltDecoder(str(fake_libs.wlt))
    wrapped, native = raw.decode(cardgen.photo()), full.decode(cardgen.photo())
    assert wrapped[:2] == b"BM" and len(wrapped) == len(native)
    assert wrapped[18:26] == native[18:26]  # width and height
    assert wrapped[54:] == native[54:]  # the same pixels


def test_wlt_decoder_failure_keeps_the_card_without_image(fake_libs: FakeLibs) -> None:
    decoder = WltDecoder(str(fake_libs.wlt))
    with pytest.raises(ReadFailedError, match="decoder returned -1"):
        decoder.decode(bytes(1024))
    broken = decode_text(cardgen.resident_text(), bytes(1024))
    assert attach_photo(broken, decoder) is broken  # the card still fills the form
    good = decode_text(cardgen.resident_text(), cardgen.photo())
    assert attach_photo(good, decoder).photo_bmp == decoder.decode(cardgen.photo())
    no_photo = decode_text(cardgen.resident_text())
    assert attach_photo(no_photo, decoder).photo_bmp is None


def test_photo_decoder_configured_on_a_backend(fake_libs: FakeLibs) -> None:
    fake = fake_libs.control(fake_libs.sdtapi)
    fake.fake_set_card(*_bytes(cardgen.resident_text()), *_bytes(cardgen.photo()))
    reader = create_reader({"backend": "vendor", "api": "sdtapi", "port": 1001,
                            "library": str(fake_libs.sdtapi),
                            "photo_decoder": {"library": str(fake_libs.wlt)}})
    with reader:
        card = reader.read()
    assert card.photo_bmp is not None and card.photo_bmp.startswith(b"BM")


def test_missing_wlt_library() -> None:
    with pytest.raises(NoReaderError, match="Cannot load the vendor library"):
        WltDecoder("/nonexistent/libwlt.so")
