"""The vendor SDK bridge: a reader vendor's C library called through ctypes.

Two API families cover most readers in service halls:

- sdtapi style: `SDT_OpenPort(port)`, `SDT_StartFindIDCard(port, buf, 0)` (0x9F found),
  `SDT_SelectIDCard(port, buf, 0)` and `SDT_ReadBaseMsg(port, text, &len, photo, &len, 0)`,
  all returning the GA 467 status code (0x90 success). The raw text block is decoded here.
- termb style: `CVR_InitComm(port)`, `CVR_Authenticate()`, `CVR_Read_Content(mode)` (1 =
  success) and field getters `GetPeopleName(char *buf, int *len)` ... returning decoded text in
  the library's encoding (GB 18030 by default).

Ports follow the vendors' numbering: 1–16 serial, 1001–1016 USB; "auto" tries them in turn.
The library path comes from configuration: {"backend": "vendor", "api": "sdtapi",
"library": "/opt/reader/libsdtapi.so", "port": 1001}.
"""

from __future__ import annotations

import ctypes
import logging
import re
import sys
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from clerk_app.devices.idcard.codes import nation_code, nation_name, sex_code, sex_name
from clerk_app.devices.idcard.decode import decode_extra_address, decode_text
from clerk_app.devices.idcard.errors import (
    CardDataError,
    CardError,
    NoCardError,
    NoReaderError,
    ReadFailedError,
    SamFaultError,
)
from clerk_app.devices.idcard.model import LONG_TERM, CardData, CardKind
from clerk_app.devices.idcard.photo import WltDecoder, attach_photo
from clerk_app.devices.idcard.reader import CardReader, config_error, setting_float
from clerk_app.devices.idcard.status import CARD_FOUND, NO_CONTENT, OK, status_error

log = logging.getLogger(__name__)

AUTO_PORTS = (*range(1001, 1017), *range(1, 17))
_INT_P = ctypes.POINTER(ctypes.c_int)
_UINT_P = ctypes.POINTER(ctypes.c_uint)
_BYTES = ctypes.c_char_p


class VendorReader(CardReader):
    """Common ground of the vendor bridges: loading the library, choosing the port."""

    backend = "vendor"
    api = ""
    required: tuple[str, ...] = ()

    def __init__(
        self,
        library: str,
        port: int | str = "auto",
        *,
        poll_interval: float = 0.2,
        stdcall: bool = False,
        photo_decoder: WltDecoder | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        self.library_path = library
        self.port_setting = port
        self.poll_interval = poll_interval
        self.stdcall = stdcall
        self.photo_decoder = photo_decoder
        self.options = dict(options or {})
        self.port = 0
        self._lib: Any = None
        self._open = False

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> VendorReader:
        api = str(config.get("api", "sdtapi"))
        subclasses = {sub.api: sub for sub in (SdtapiReader, TermbReader)}
        if api not in subclasses:
            raise config_error("api", api, "sdtapi, termb")
        if not config.get("library"):
            raise config_error("library", "", "the path of the vendor library")
        return subclasses[api](
            str(config["library"]),
            config.get("port") or "auto",
            poll_interval=setting_float(config, "poll_interval", 0.2),
            stdcall=bool(config.get("stdcall", False)),
            photo_decoder=WltDecoder.from_config(config.get("photo_decoder")),
            options=config,
        )

    def discover(self) -> list[str]:
        return [self.library_path]

    def open(self) -> str:
        self.close()
        self._load()
        for port in self._ports():
            if self._open_port(port):
                self.port, self._open = port, True
                return f"{self.api} {port}"
        raise NoReaderError("card.no_reader", where=f"{self.api} {self.port_setting}")

    def close(self) -> None:
        if self._open:
            try:
                self._close_port()
            finally:
                self._open = False

    def _ports(self) -> tuple[int, ...]:
        if str(self.port_setting) == "auto":
            return AUTO_PORTS
        try:
            return (int(self.port_setting),)
        except ValueError:
            raise config_error("port", self.port_setting, "auto, 1–16 or 1001–1016") from None

    def _load(self) -> None:
        if self._lib is not None:
            return
        loader = ctypes.WinDLL if self.stdcall and sys.platform == "win32" else ctypes.CDLL
        try:
            lib = loader(self.library_path)
        except OSError as error:
            raise NoReaderError("card.library", path=self.library_path, reason=str(error)) from None
        missing = [name for name in self.required if not hasattr(lib, name)]
        if missing:
            reason = "missing " + ", ".join(missing)
            raise NoReaderError("card.library", path=self.library_path, reason=reason)
        self._declare(lib)
        self._lib = lib

    def _require_open(self) -> Any:
        if not self._open:
            raise NoReaderError("card.no_reader", where=self.api)
        return self._lib

    def _declare(self, lib: Any) -> None:
        raise NotImplementedError

    def _open_port(self, port: int) -> bool:
        raise NotImplementedError

    def _close_port(self) -> None:
        raise NotImplementedError


class SdtapiReader(VendorReader):
    api = "sdtapi"
    required = ("SDT_OpenPort", "SDT_ClosePort", "SDT_StartFindIDCard", "SDT_SelectIDCard",
                "SDT_ReadBaseMsg")

    def _declare(self, lib: Any) -> None:
        _prototype(lib.SDT_OpenPort, ctypes.c_int)
        _prototype(lib.SDT_ClosePort, ctypes.c_int)
        _prototype(lib.SDT_StartFindIDCard, ctypes.c_int, _BYTES, ctypes.c_int)
        _prototype(lib.SDT_SelectIDCard, ctypes.c_int, _BYTES, ctypes.c_int)
        _prototype(lib.SDT_ReadBaseMsg, ctypes.c_int, _BYTES, _UINT_P, _BYTES, _UINT_P,
                   ctypes.c_int)
        if hasattr(lib, "SDT_ReadNewAppMsg"):
            _prototype(lib.SDT_ReadNewAppMsg, ctypes.c_int, _BYTES, _UINT_P, ctypes.c_int)

    def _open_port(self, port: int) -> bool:
        return bool(self._lib.SDT_OpenPort(port) == OK)

    def _close_port(self) -> None:
        self._lib.SDT_ClosePort(self.port)

    _found = False

    def card_present(self) -> bool:
        lib = self._require_open()
        result = lib.SDT_StartFindIDCard(self.port, ctypes.create_string_buffer(16), 0)
        self._found = result in (CARD_FOUND, OK)
        if self._found or result == 0x80:
            return self._found
        raise status_error(result)

    def read(self) -> CardData:
        """Select and read; finds the card first unless the last poll just found it."""
        lib = self._require_open()
        found, self._found = self._found, False
        if not found and not self.card_present():
            raise NoCardError("card.absent")
        self._found = False
        _check(lib.SDT_SelectIDCard(self.port, ctypes.create_string_buffer(16), 0))
        text, photo = ctypes.create_string_buffer(1024), ctypes.create_string_buffer(2048)
        text_len, photo_len = ctypes.c_uint(0), ctypes.c_uint(0)
        _check(lib.SDT_ReadBaseMsg(self.port, text, ctypes.byref(text_len), photo,
                                   ctypes.byref(photo_len), 0))
        card = decode_text(text.raw[: text_len.value], photo.raw[: min(photo_len.value, 2048)])
        extra = self._extra_address(lib)
        if extra:
            card = replace(card, extra_address=extra)
        return attach_photo(card, self.photo_decoder)

    def _extra_address(self, lib: Any) -> str | None:
        if not hasattr(lib, "SDT_ReadNewAppMsg"):
            return None
        buffer, length = ctypes.create_string_buffer(512), ctypes.c_uint(0)
        result = lib.SDT_ReadNewAppMsg(self.port, buffer, ctypes.byref(length), 0)
        if result != OK:
            if result != NO_CONTENT:
                log.info("extra address not read: status 0x%02X", result & 0xFF)
            return None
        try:
            return decode_extra_address(buffer.raw[: min(length.value, 512)])
        except CardError as error:
            log.info("extra address not decoded: %s", error)
            return None


class TermbReader(VendorReader):
    api = "termb"
    required = ("CVR_InitComm", "CVR_CloseComm", "CVR_Authenticate", "CVR_Read_Content",
                "GetPeopleName", "GetPeopleSex", "GetPeopleBirthday", "GetPeopleIDCode")
    getters = ("GetPeopleName", "GetPeopleChineseName", "GetPeopleSex", "GetPeopleNation",
               "GetNationCode", "GetPeopleBirthday", "GetPeopleAddress", "GetPeopleIDCode",
               "GetDepartment", "GetStartDate", "GetEndDate", "GetCertType")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.encoding = str(self.options.get("encoding", "gb18030"))
        self.read_mode = int(self.options.get("read_mode", 4))
        self._authenticated = 0

    def _declare(self, lib: Any) -> None:
        _prototype(lib.CVR_InitComm, ctypes.c_int)
        _prototype(lib.CVR_CloseComm)
        _prototype(lib.CVR_Authenticate)
        _prototype(lib.CVR_Read_Content, ctypes.c_int)
        for name in (*self.getters, "GetBMPData"):
            if hasattr(lib, name):
                _prototype(getattr(lib, name), _BYTES, _INT_P)

    def _open_port(self, port: int) -> bool:
        return bool(self._lib.CVR_InitComm(port) == 1)

    def _close_port(self) -> None:
        self._lib.CVR_CloseComm()

    def card_present(self) -> bool:
        lib = self._require_open()
        self._authenticated = lib.CVR_Authenticate()
        if self._authenticated == 0:
            raise NoReaderError("card.library_call", function="CVR_Authenticate", result=0,
                                meaning_zh="阅读器未初始化", meaning_en="reader not initialised")
        return self._authenticated in (1, 3)

    def read(self) -> CardData:
        lib = self._require_open()
        if self._authenticated != 1 and not self.card_present():
            raise NoCardError("card.absent")
        authenticated, self._authenticated = self._authenticated, 0
        if authenticated == 3:
            raise _call_error(ReadFailedError, "CVR_Authenticate", 3, "选取证件失败",
                              "select card failed")
        result = lib.CVR_Read_Content(self.read_mode)
        if result != 1:
            error_type = SamFaultError if result == 99 else ReadFailedError
            raise _call_error(error_type, "CVR_Read_Content", result, "读卡失败", "read failed")
        card = self._card_from_getters(lib)
        return attach_photo(card, self.photo_decoder)

    def _get(self, lib: Any, name: str, size: int = 512) -> bytes | None:
        if not hasattr(lib, name):
            return None
        buffer, length = ctypes.create_string_buffer(size), ctypes.c_int(size)
        if getattr(lib, name)(buffer, ctypes.byref(length)) != 1:
            return None
        return buffer.raw[: max(0, min(length.value, size))]

    def _text(self, lib: Any, name: str) -> str | None:
        raw = self._get(lib, name)
        if raw is None:
            return None
        value = raw.split(b"\0", 1)[0].decode(self.encoding, errors="replace").strip()
        return value or None

    def _card_from_getters(self, lib: Any) -> CardData:
        fields = {name: self._text(lib, name) for name in self.getters}
        kind = {"J": CardKind.HMT, "I": CardKind.FOREIGNER_2017,
                "Y": CardKind.FOREIGNER_2023}.get(fields["GetCertType"] or "", CardKind.RESIDENT)
        foreign = kind in (CardKind.FOREIGNER_2017, CardKind.FOREIGNER_2023)
        valid_to = fields["GetEndDate"]
        id_number = fields["GetPeopleIDCode"]
        if not id_number:
            raise CardDataError("card.field_missing", field_zh="证件号码", field_en="number")
        bmp = self._get(lib, "GetBMPData", 65536)
        return CardData(
            kind=kind,
            id_number=id_number,
            name=fields["GetPeopleChineseName"] if foreign else fields["GetPeopleName"],
            english_name=fields["GetPeopleName"] if foreign else None,
            sex=_sex_text(fields["GetPeopleSex"]),
            nation=None if foreign else _nation_text(fields),
            nationality=fields["GetPeopleNation"] if foreign else None,
            birth_date=_date_text(fields["GetPeopleBirthday"]),
            address=fields["GetPeopleAddress"],
            authority=fields["GetDepartment"],
            valid_from=_date_text(fields["GetStartDate"]),
            valid_to=None if valid_to == LONG_TERM else _date_text(valid_to),
            long_term=valid_to == LONG_TERM,
            photo_bmp=bmp if bmp and bmp.startswith(b"BM") else None,
        )


def _prototype(function: Any, *argtypes: Any) -> None:
    function.argtypes = list(argtypes)
    function.restype = ctypes.c_int


def _check(result: int) -> None:
    if result != OK:
        raise status_error(result)


def _call_error(error_type: type[CardError], function: str, result: int, zh: str,
                en: str) -> CardError:
    return error_type("card.library_call", function=function, result=result, meaning_zh=zh,
                      meaning_en=en)


def _sex_text(value: str | None) -> str:
    """SDKs give the code ('1') or the name ('男')."""
    if not value:
        return "未知"
    return sex_name(value) or (value if sex_code(value) else "未知")


def _nation_text(fields: Mapping[str, str | None]) -> str | None:
    """The nation name from the code getter, else from the name getter ('汉族' -> '汉')."""
    by_code = nation_name((fields.get("GetNationCode") or "").zfill(2))
    if by_code:
        return by_code
    name = fields.get("GetPeopleNation")
    code = nation_code(name) if name else None
    return nation_name(code) if code else name


def _date_text(value: str | None) -> date | None:
    """A date from the forms SDKs use: 19900101, 1990-01-01, 1990.01.01, 1990年01月01日."""
    if not value:
        return None
    digits = re.sub(r"\D", "", value)
    if len(digits) != 8:
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None

