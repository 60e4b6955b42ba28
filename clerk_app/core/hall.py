"""The hall and window a workstation serves, as printed on documents and encoded in case numbers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HallInfo:
    code: str  # hall code in case numbers, e.g. BT01
    name: str  # 包头市政务服务中心
    window_code: str  # e.g. W07
    window_name: str = ""  # 综合受理7号窗口
    address: str = ""
    phone: str = ""
    query_url: str = ""  # progress query address; the QR code carries it with the case number

    def query_link(self, case_number: str) -> str:
        """What the receipt's QR code carries: the query address with the number, or the number."""
        if not self.query_url:
            return case_number
        separator = "&" if "?" in self.query_url else "?"
        return f"{self.query_url}{separator}case={case_number}"
