"""GA 467 status codes (SW3) and the typed error each one becomes.

Codes beyond those in the shared domain notes are the ones vendors' SDK manuals list for the
same SAM; an unknown code is a SAM fault that names the code.
"""

from __future__ import annotations

from dataclasses import dataclass

from clerk_app.devices.idcard.errors import (
    CardError,
    NoCardError,
    ReadFailedError,
    SamFaultError,
    UnsupportedCardError,
)

OK = 0x90
NO_CONTENT = 0x91
CARD_FOUND = 0x9F


@dataclass(frozen=True)
class StatusInfo:
    code: int
    zh: str
    en: str
    error: type[CardError] | None = None

    @property
    def hex(self) -> str:
        return f"0x{self.code:02X}"


_TABLE = (
    StatusInfo(0x90, "操作成功", "success"),
    StatusInfo(0x91, "证件中此项无内容", "the card has no content for this item"),
    StatusInfo(0x9F, "找到证件", "card found"),
    StatusInfo(0x10, "阅读器收到的命令校验和错误", "the reader got a command with a bad checksum", SamFaultError),
    StatusInfo(0x11, "阅读器收到的命令长度错误", "the reader got a command with a bad length", SamFaultError),
    StatusInfo(0x21, "命令错误", "bad command", SamFaultError),
    StatusInfo(0x23, "越权操作", "operation not permitted", SamFaultError),
    StatusInfo(0x24, "无法识别的错误", "unidentified error", SamFaultError),
    StatusInfo(0x31, "证件认证阅读器失败", "the card failed to authenticate the reader", ReadFailedError),
    StatusInfo(0x32, "阅读器认证证件失败", "the reader failed to authenticate the card", ReadFailedError),
    StatusInfo(0x33, "信息验证错误", "information verification error", ReadFailedError),
    StatusInfo(0x40, "无法识别的卡类型", "unknown card type", UnsupportedCardError),
    StatusInfo(0x41, "读证件操作失败", "card read failed", ReadFailedError),
    StatusInfo(0x47, "取随机数失败", "could not get a random number", SamFaultError),
    StatusInfo(0x60, "安全模块自检失败", "SAM self-test failed", SamFaultError),
    StatusInfo(0x66, "安全模块未经授权", "SAM not authorized", SamFaultError),
    StatusInfo(0x80, "寻找证件失败", "find card failed", NoCardError),
    StatusInfo(0x81, "选取证件失败", "select card failed", ReadFailedError),
)
STATUS: dict[int, StatusInfo] = {info.code: info for info in _TABLE}


def status_info(code: int) -> StatusInfo:
    """The meaning of a status code; an unknown code is a SAM fault."""
    known = STATUS.get(code)
    if known is not None:
        return known
    return StatusInfo(code, "未知状态码", "unknown status code", SamFaultError)


def status_error(code: int) -> CardError:
    """The typed error for a status code that is not a success."""
    info = status_info(code)
    error_type = info.error or SamFaultError
    return error_type("card.status", status=info.hex, meaning_zh=info.zh, meaning_en=info.en)


def check_status(code: int, accepted: tuple[int, ...] = (OK,)) -> None:
    if code not in accepted:
        raise status_error(code)
