"""A TCP proxy that breaks connections on purpose, between the sync client and the back office.

Faults, each drawn per chunk from a seeded random generator:
- delay: hold a chunk before forwarding it (slow network, client read timeouts);
- drop: close both sides before forwarding a request chunk (the request never arrives whole);
- reset: abort the client's side with a TCP RST (SO_LINGER 0);
- lost reply: the server answered (so it committed) but the answer is thrown away and the client's
  connection is reset: the client must replay, and the replay must be harmless.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass


@dataclass
class Faults:
    delay: float = 0.0
    max_delay: float = 0.3
    drop: float = 0.0
    reset: float = 0.0
    lost_reply: float = 0.0


class FaultProxy:
    def __init__(self, target_port: int, faults: Faults, seed: int = 1) -> None:
        self.target = ("127.0.0.1", target_port)
        self.faults = faults
        self.counts: Counter[str] = Counter()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._stopped = threading.Event()
        threading.Thread(target=self._accept, name="fault-proxy", daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def stop(self) -> None:
        self._stopped.set()
        self._listener.close()

    def _chance(self, p: float) -> bool:
        with self._lock:
            return self._rng.random() < p

    def _count(self, kind: str) -> None:
        with self._lock:
            self.counts[kind] += 1

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _abort(client)
                continue
            for sock in (client, upstream):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            upstream.settimeout(None)
            self._count("connections")
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, request: bool) -> None:
        client, other = (source, sink) if request else (sink, source)
        try:
            while chunk := source.recv(65536):
                if not self._forward(chunk, sink, request):
                    _abort(client)
                    _shutdown(other)
                    return
        except OSError:
            pass
        for sock in (source, sink):
            _shutdown(sock)

    def _forward(self, chunk: bytes, sink: socket.socket, request: bool) -> bool:
        faults = self.faults
        if self._chance(faults.delay):
            self._count("delays")
            time.sleep(self._rng.uniform(0, faults.max_delay))
        if request and self._chance(faults.drop):
            self._count("drops")
            return False
        if self._chance(faults.reset):
            self._count("resets")
            return False
        if not request and self._chance(faults.lost_reply):
            self._count("lost_replies")
            return False
        sink.sendall(chunk)
        return True


def _abort(sock: socket.socket) -> None:
    """Reset the connection (RST); SHUT_RD first wakes the other pump blocked reading this socket."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RD)
    except OSError:
        pass
    sock.close()


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
