"""Card placed → card data → form filled, through the pty SAM simulator at 115200 bps.

Run: `.venv/bin/python benchmarks/bench_card_read.py [--trials N] [--poll S]`.

The SAM simulator (tests/devices/idcard/samsim.py) serves on a pseudo-terminal and sends every
reply at the pace of a 115200 bps line (10 bits a byte), so the 1,295-byte read reply alone
takes ~0.112 s on the wire. Each trial places a card at a random moment, then measures:

- placed → CardData: the `CardMonitor` loop (find, select, read text and photo, extra address,
  decode) as `clerk-app card watch` runs it;
- placed → form filled: through the Qt `CardWatcher` (worker thread → queued signal → UI
  thread), ending when a stand-in form has set its fields from the card.

Goal: placed → form filled ≤ read reply wire time + 50 ms. Prints figures only; tests assert
nothing about timings.
"""

from __future__ import annotations

import argparse
import os
import queue
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' SAM simulator

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QFormLayout, QLineEdit, QWidget

from clerk_app.devices.idcard.errors import CardError
from clerk_app.devices.idcard.model import CardData
from clerk_app.devices.idcard.monitor import CardMonitor, ReaderStatus
from clerk_app.devices.idcard.sam import SamReader
from clerk_app.ui.devices.card_watcher import CardWatcher
from tests.devices.idcard import cardgen
from tests.devices.idcard.samsim import SamSimulator

BAUD = 115200
READ_REPLY_WIRE = 1295 * 10 / BAUD
# find 10+15, select 10+19, read 10+1295, extra address 10+11 bytes
TRANSACTION_WIRE = (10 + 15 + 10 + 19 + 10 + 1295 + 10 + 11) * 10 / BAUD
GOAL = READ_REPLY_WIRE + 0.050


class _Timings:
    """Monitor listener: the time each card arrives."""

    def __init__(self) -> None:
        self.cards: queue.Queue[float] = queue.Queue()
        self.removed: queue.Queue[float] = queue.Queue()

    def status_changed(self, status: ReaderStatus) -> None:
        pass

    def card_read(self, card: CardData) -> None:
        self.cards.put(time.perf_counter())

    def card_removed(self) -> None:
        self.removed.put(time.perf_counter())

    def error(self, error: CardError) -> None:
        print(f"  read error: {error.text('en')}", file=sys.stderr)


def texts() -> list[bytes]:
    return [cardgen.resident_text(), cardgen.hmt_text(), cardgen.foreigner_2017_text(),
            cardgen.foreigner_2023_text()]


def bench_monitor(sim: SamSimulator, trials: int, poll: float) -> list[float]:
    timings = _Timings()
    monitor = CardMonitor(lambda: SamReader(sim.path, poll_interval=poll), timings)
    stop = threading.Event()
    worker = threading.Thread(target=monitor.run, args=(stop,), daemon=True)
    worker.start()
    latencies = []
    try:
        time.sleep(0.3)
        for trial in range(trials):
            time.sleep(random.uniform(0, poll))  # place at a random moment of the poll cycle
            sim.place(texts()[trial % 4])
            arrived = timings.cards.get(timeout=5)
            latencies.append(arrived - sim.placed_at)
            sim.remove()
            timings.removed.get(timeout=5)
    finally:
        stop.set()
        worker.join(5)
    return latencies


class _Form(QWidget):
    """Stands in for the intake form: fills its fields from the card and notes the time."""

    def __init__(self) -> None:
        super().__init__()
        layout = QFormLayout(self)
        self.fields = {key: QLineEdit(self) for key in ("name", "id_number", "address")}
        for key, edit in self.fields.items():
            layout.addRow(key, edit)
        self.filled_at: list[float] = []

    def fill(self, card: CardData) -> None:
        self.fields["name"].setText(card.display_name)
        self.fields["id_number"].setText(card.id_number)
        self.fields["address"].setText(card.address or "")
        self.filled_at.append(time.perf_counter())


def _wait(condition: Callable[[], bool], timeout: float) -> None:
    loop, deadline = QEventLoop(), time.monotonic() + timeout
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if condition() or time.monotonic() > deadline
                          else None)
    timer.start(1)
    loop.exec()
    timer.stop()


def bench_watcher(sim: SamSimulator, trials: int, poll: float) -> list[float]:
    form = _Form()
    removals: list[float] = []
    watcher = CardWatcher(lambda: SamReader(sim.path, poll_interval=poll))
    watcher.card_read.connect(form.fill)
    watcher.card_removed.connect(lambda: removals.append(time.perf_counter()))
    watcher.start()
    latencies = []
    try:
        _wait(lambda: False, 0.3)
        for trial in range(trials):
            _wait(lambda: False, random.uniform(0, poll))
            sim.place(texts()[trial % 4])
            _wait(lambda n=trial: len(form.filled_at) > n, 5)
            latencies.append(form.filled_at[-1] - sim.placed_at)
            sim.remove()
            _wait(lambda n=trial: len(removals) > n, 5)
    finally:
        watcher.stop()
    return latencies


def report(label: str, latencies: list[float]) -> None:
    ordered = sorted(latencies)
    p90 = ordered[max(0, int(len(ordered) * 0.9) - 1)]
    median = statistics.median(ordered)
    print(f"{label}: n={len(ordered)}  median {median * 1000:.1f} ms  p90 {p90 * 1000:.1f} ms  "
          f"max {ordered[-1] * 1000:.1f} ms  | median / wire time {median / READ_REPLY_WIRE:.2f}"
          f"  | max within goal: {'yes' if ordered[-1] <= GOAL else 'NO'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--poll", type=float, default=0.02, help="presence poll interval (s)")
    args = parser.parse_args()
    random.seed(11643)
    print(f"read reply wire time at {BAUD} bps: {READ_REPLY_WIRE * 1000:.1f} ms; "
          f"whole find+select+read+extra address: {TRANSACTION_WIRE * 1000:.1f} ms; "
          f"goal (reply wire + 50 ms): {GOAL * 1000:.1f} ms; poll interval {args.poll * 1000:g} ms")
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        sim = SamSimulator(Path(folder) / "ttySAM", baudrate=BAUD, wire_delay=True).start()
        try:
            report("placed -> CardData   ", bench_monitor(sim, args.trials, args.poll))
            report("placed -> form filled", bench_watcher(sim, args.trials, args.poll))
        finally:
            sim.stop()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
