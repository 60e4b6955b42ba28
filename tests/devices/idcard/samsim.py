"""A GA 467 SAM reader on a pseudo-terminal, speaking the protocol byte for byte.

The reader under test opens `sim.path`, a symlink to the pty's slave side (like a udev
/dev/serial/by-id link), so unplugging (closing the pty) and replugging (a new pty behind the
same link) look to it like a USB adapter going away and coming back.

Faults for the next reply to a command: bad checksum, the reply split across writes, garbage
before the preamble, a slow device, no reply at all, a status code, the card removed mid-read.
With `wire_delay`, bytes leave at the pace of the serial line (10 bits a byte at `baudrate`).
"""

from __future__ import annotations

import os
import select
import threading
import time
import tty
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from tests.devices.idcard.cardgen import PREAMBLE, photo, reply, xor

FIND, SELECT, READ, EXTRA = b"\x20\x01", b"\x20\x02", b"\x30\x01", b"\x30\x03"
STATUS, SAM_ID, RESET = b"\x11\xff", b"\x12\xff", b"\x10\xff"
SAM_ID_BYTES = bytes.fromhex("05000000D2070000A40B0000B00F0000")


@dataclass
class Fault:
    kind: str  # bad_checksum | split | garbage | slow | mute | status | remove_mid_read
    value: float = 0.0


class SamSimulator:
    def __init__(self, link: Path, *, baudrate: int = 115200, wire_delay: bool = False) -> None:
        self.link = link
        self.baudrate = baudrate
        self.wire_delay = wire_delay
        self.card: tuple[bytes, bytes] | None = None
        self.extra_address: bytes | None = None
        self.sam_status = 0x90
        self.commands: list[bytes] = []
        self._faults: dict[bytes, deque[Fault]] = {}
        self._lock = threading.Lock()
        self._master = self._slave = -1
        self._running = False
        self._thread: threading.Thread | None = None
        self.placed_at = 0.0

    @property
    def path(self) -> str:
        return str(self.link)

    # -- life cycle ---------------------------------------------------------------------------

    def start(self) -> SamSimulator:
        self._plug()
        return self

    def stop(self) -> None:
        self._unplug()

    def unplug(self) -> None:
        self._unplug()

    def replug(self) -> None:
        self._plug()

    def _plug(self) -> None:
        master, slave = os.openpty()
        tty.setraw(slave)
        self._master, self._slave = master, slave
        tmp = self.link.with_suffix(".new")
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(os.ttyname(slave))
        tmp.replace(self.link)
        self._running = True
        self._thread = threading.Thread(target=self._serve, name="sam-sim", daemon=True)
        self._thread.start()

    def _unplug(self) -> None:
        self._running = False
        if self._thread is not None:
            self._thread.join(2)
            self._thread = None
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1
        self.link.unlink(missing_ok=True)

    # -- what is on the reader ----------------------------------------------------------------

    def place(self, text: bytes, picture: bytes | None = None, extra: bytes | None = None) -> None:
        with self._lock:
            self.card = (text, photo() if picture is None else picture)
            self.extra_address = extra
            self.placed_at = time.perf_counter()

    def remove(self) -> None:
        with self._lock:
            self.card = None

    def inject(self, command: bytes, kind: str, value: float = 0.0, times: int = 1) -> None:
        with self._lock:
            queue = self._faults.setdefault(command, deque())
            queue.extend(Fault(kind, value) for _ in range(times))

    def count(self, command: bytes) -> int:
        return sum(1 for body in list(self.commands) if body == command)

    # -- serving ------------------------------------------------------------------------------

    def _serve(self) -> None:
        buffer = bytearray()
        while self._running:
            ready, _, _ = select.select([self._master], [], [], 0.02)
            if not ready:
                continue
            try:
                buffer += os.read(self._master, 4096)
            except OSError:
                return
            for body, good in self._commands_in(buffer):
                self._answer(body, good)

    def _commands_in(self, buffer: bytearray) -> list[tuple[bytes, bool]]:
        found = []
        while True:
            start = buffer.find(PREAMBLE)
            if start < 0 or len(buffer) < start + 7:
                return found
            del buffer[:start]
            length = int.from_bytes(buffer[5:7], "big")
            if len(buffer) < 7 + length:
                return found
            body, check = bytes(buffer[7 : 6 + length]), buffer[6 + length]
            good = check == xor(bytes(buffer[5:7]) + body)
            del buffer[: 7 + length]
            found.append((body, good))

    def _answer(self, body: bytes, good: bool) -> None:
        self.commands.append(body)
        if self.wire_delay:
            time.sleep((len(body) + 8) * 10 / self.baudrate)
        with self._lock:
            fault = self._faults.get(body, deque()).popleft() if self._faults.get(body) else None
            card = self.card
        answer = reply(0x10) if not good else self._reply_to(body, card)
        self._send(answer, fault, body)

    def _reply_to(self, body: bytes, card: tuple[bytes, bytes] | None) -> bytes:
        if body == STATUS:
            return reply(self.sam_status)
        if body == SAM_ID:
            return reply(0x90, SAM_ID_BYTES)
        if body == RESET:
            return reply(0x90)
        if body == FIND:
            return reply(0x9F, bytes(4)) if card else reply(0x80)
        if body == SELECT:
            return reply(0x90, bytes(8)) if card else reply(0x81)
        if body == READ:
            if card is None:
                return reply(0x41)
            text, picture = card
            sizes = len(text).to_bytes(2, "big") + len(picture).to_bytes(2, "big")
            return reply(0x90, sizes + text + picture)
        if body == EXTRA:
            if card is None:
                return reply(0x41)
            return reply(0x90, self.extra_address) if self.extra_address else reply(0x91)
        return reply(0x21)

    def _send(self, data: bytes, fault: Fault | None, body: bytes) -> None:
        kind = fault.kind if fault else ""
        if kind == "mute":
            return
        if kind == "slow":
            time.sleep(fault.value if fault else 0)
        if kind == "status" and fault:
            data = reply(int(fault.value))
        if kind == "bad_checksum":
            data = data[:-1] + bytes([data[-1] ^ 0xFF])
        if kind == "garbage":
            data = b"\x00\x13\xaa\xaa\x96\xaa\xaa\xaa\x96\x69\xff\xff" + data
        if kind == "remove_mid_read":
            self.remove()
            data = data[: len(data) // 3]
        pieces = [data[i : i + 97] for i in range(0, len(data), 97)] if kind == "split" else [data]
        for piece in pieces:
            self._write(piece)
            if kind == "split":
                time.sleep(0.004)

    def _write(self, data: bytes) -> None:
        if not self.wire_delay:
            self._write_all(data)
            return
        start = time.perf_counter()
        for offset in range(0, len(data), 16):
            self._write_all(data[offset : offset + 16])
            due = start + (offset + 16) * 10 / self.baudrate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)

    def _write_all(self, data: bytes) -> None:
        view = memoryview(data)
        while view and self._running:
            try:
                written = os.write(self._master, view)
            except OSError:
                return
            view = view[written:]
