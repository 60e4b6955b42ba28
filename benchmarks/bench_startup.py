"""Cold start to a usable intake window, as a ratio to a bare PySide6 window started the same way.

Each run is a fresh Python process (offscreen Qt) timed from spawn until it reports its main
window shown and painted; the workstation's is ready when, besides, the matter search box has
focus and a query typed into it (key events, as a clerk types) shows its results in the list.
The local database keeps opening on its own thread, as in the real start-up; the rest of the
window may still be building itself after its first paint, as it does for a clerk.

Both kinds of run import from cached bytecode, as an installed application does: without it
(PYTHONDONTWRITEBYTECODE in the environment) every workstation run would compile our modules
from source, which the bare run, importing only the installed PySide6, never does. The cache is
a temporary folder (PYTHONPYCACHEPREFIX), filled by an untimed first run.
Sign-in is excluded (it waits for a person). Runs alternate so load on the machine hits both.
Goal: ratio <= 1.5.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 15

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow(); window.resize(1400, 860); window.show(); app.processEvents()
print("ready", flush=True)
"""

WORKSTATION = """
import sys
from pathlib import Path
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from clerk_app.config.settings import Settings
from clerk_app.ui.app import build_workstation
from clerk_app.ui.context import Clerk
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.theme import apply_theme
app = QApplication([])
apply_theme(app)
session = build_workstation(app, Settings(data_dir=Path(sys.argv[1]), demo=False))
session.workstation.clerk = Clerk("demo", "演示窗口人员", "clerk")
window = MainWindow(session.workstation, session.search_index)
window.resize(1400, 860); window.show(); window.search.focus_search(); app.processEvents()
box, results = window.search.box, window.search.results
assert window.isVisible() and window.focusWidget() is box
QTest.keyClicks(box, "gtgsh"); app.processEvents()  # typed into the search box, the list redrawn
assert box.text() == "gtgsh" and "个体工商户" in results.item(0).text(), results.item(0).text()
print("ready", flush=True)
window.ensure_built()
session.workstation.stores.cases  # opened on its thread meanwhile: a failure here fails the run
session.workstation.db.shutdown(); session.workstation.printing.shutdown()
"""


def environment(bytecode: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": bytecode,
           "CLERK_APP_ENROLMENT_KEY": "benchmark enrolment secret, 32+ characters long"}  # the store opens, encrypted
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(code: str, *args: str, env: dict[str, str]) -> float:
    """Seconds from spawning the process until it prints "ready" (not until it exits)."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    _, errors = child.communicate(timeout=60)
    if not line.startswith("ready"):
        raise SystemExit(f"run failed:\n{errors[-2000:]}")
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as scratch:
        env = environment(str(Path(scratch) / "bytecode"))
        timed(WORKSTATION, str(Path(scratch) / "data"), env=env)  # untimed: fills the bytecode cache
        cold = timed(WORKSTATION, data, env=env)  # first start: validates guides, builds index and database
        bare, station = [], []
        for _ in range(RUNS):
            bare.append(timed(BARE, env=env))
            station.append(timed(WORKSTATION, data, env=env))
    b, s = statistics.median(bare), statistics.median(station)
    print(f"bare PySide6 window      median {b * 1000:7.0f} ms  (min {min(bare) * 1000:.0f})")
    print(f"workstation, warm cache  median {s * 1000:7.0f} ms  (min {min(station) * 1000:.0f})")
    print(f"workstation, first start        {cold * 1000:7.0f} ms")
    print(f"ratio workstation / bare: {s / b:.2f}  (goal <= 1.5)")


if __name__ == "__main__":
    main()
