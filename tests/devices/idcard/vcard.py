"""A virtual contactless card for vsmartcard's vpcd driver, speaking its socket protocol.

The card side connects to vpcd (127.0.0.1:35963 for the reader "Virtual PCD 00 00"): the card
is inserted while the socket is connected and removed when it closes. Every message is a
two-byte big-endian length and a payload; a one-byte payload is a control code (0 power off,
1 power on, 2 reset, 4 get ATR, which alone expects an answer: the ATR); anything longer is a
command APDU, answered with the response APDU. TCP_QUICKACK is set before every recv, or each
APDU stalls on the delayed ACK.

The card answers the chip serial number APDU (00 36 00 00 08) like an ID card, and, when given
`content`, exposes it as a transparent file (SELECT 00 A4 00 00 02 <fid>, READ BINARY 00 B0).
"""

from __future__ import annotations

import contextlib
import socket
import threading

ATR = bytes.fromhex("3B80800101")  # T=1, no historical bytes
SW_OK = b"\x90\x00"


class VirtualCard:
    def __init__(
        self,
        *,
        port: int = 35963,
        chip_serial: bytes = bytes.fromhex("0102030405060708"),
        content: bytes | None = None,
        file_id: bytes = bytes.fromhex("6002"),
        id_card: bool = True,
    ) -> None:
        self.port = port
        self.chip_serial = chip_serial
        self.content = content
        self.file_id = file_id
        self.id_card = id_card
        self.apdus: list[bytes] = []
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._selected = False

    def insert(self) -> VirtualCard:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, name="vcard", daemon=True)
        self._thread.start()
        return self

    def remove(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None:
            self._thread.join(2)
            self._thread = None

    def _serve(self) -> None:
        sock = self._sock
        while sock is not None and self._sock is sock:
            payload = self._receive(sock)
            if payload is None:
                return
            answer = self._answer(payload)
            if answer is not None:
                try:
                    sock.sendall(len(answer).to_bytes(2, "big") + answer)
                except OSError:
                    return

    def _receive(self, sock: socket.socket) -> bytes | None:
        try:
            head = self._exactly(sock, 2)
            return self._exactly(sock, int.from_bytes(head, "big"))
        except OSError:
            return None

    @staticmethod
    def _exactly(sock: socket.socket, size: int) -> bytes:
        data = b""
        while len(data) < size:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            chunk = sock.recv(size - len(data))
            if not chunk:
                raise OSError("vpcd closed the connection")
            data += chunk
        return data

    def _answer(self, payload: bytes) -> bytes | None:
        if len(payload) == 1:
            if payload[0] in (0, 2):
                self._selected = False
            return ATR if payload[0] == 4 else None
        self.apdus.append(payload)
        return self._apdu(payload)

    def _apdu(self, apdu: bytes) -> bytes:
        if apdu[:4] == b"\x00\x36\x00\x00" and self.id_card:
            return self.chip_serial + SW_OK
        if apdu[:4] == b"\x00\xa4\x00\x00" and self.content is not None:
            self._selected = apdu[5:7] == self.file_id
            return SW_OK if self._selected else b"\x6a\x82"
        if apdu[:2] == b"\x00\xb0" and self._selected and self.content is not None:
            offset = int.from_bytes(apdu[2:4], "big")
            size = apdu[4] or 256
            return self.content[offset : offset + size] + SW_OK
        return b"\x6d\x00"
