"""The frozen build (`make dist`) against the source tree: size, and start time as a ratio.

Each run is a fresh process timed from spawn until it prints `ready`: `clerk-app selftest
--startup` opens the workstation's main window (offscreen, a signed-in clerk, the search box
focused) on a data folder whose catalogue cache an untimed first run filled, as bench_startup.py
measures the source tree. The source tree runs from cached bytecode (PYTHONPYCACHEPREFIX, filled
by the untimed run), as an installed package would. `--version` is timed too: interpreter and
bootloader start with the fewest imports. Runs alternate so load on the machine hits both.

The frozen build is $CLERK_APP_BUNDLE (the executable), else dist/clerk-app/clerk-app, else an
installed /opt/clerk-app/clerk-app; without one the benchmark says so and stops (exit 0).
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
RUNS = 9


def frozen_executable() -> Path | None:
    candidates = [os.environ.get("CLERK_APP_BUNDLE", ""), ROOT / "dist/clerk-app/clerk-app", "/opt/clerk-app/clerk-app"]
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


def size_mib(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def timed(command: list[str], env: dict[str, str], until_ready: bool) -> float:
    """Seconds from spawn until it prints `ready` (or, with until_ready False, until it exits)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    rest, errors = child.communicate(timeout=120)
    if not until_ready:
        elapsed = time.perf_counter() - start
    if child.returncode != 0 or (until_ready and not line.startswith("ready")):
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{line}{rest}{errors[-2000:]}")
    return elapsed


def report(name: str, frozen: list[float], source: list[float]) -> None:
    f, s = statistics.median(frozen), statistics.median(source)
    print(f"{name:28} frozen median {f * 1000:6.0f} ms   source median {s * 1000:6.0f} ms   ratio {f / s:.2f}")


def main() -> None:
    executable = frozen_executable()
    if executable is None:
        print("bench_frozen_start: no frozen build (run `make dist`); skipped")
        return
    bundle = executable.parent
    print(f"frozen build {bundle}: {size_mib(bundle):.0f} MiB")
    for deb in sorted((ROOT / "dist").glob("clerk-app_*.deb")):
        print(f"package {deb.name}: {size_mib(deb):.0f} MiB")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CLERK_APP_", "PYTHONDONTWRITEBYTECODE"))}
        env.update(QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(folder / "bytecode"),
                   HOME=str(folder / "home"), XDG_DATA_HOME=str(folder / "home/data"))
        frozen = [str(executable)]
        source = [sys.executable, "-m", "clerk_app"]
        start = ["selftest", "--startup", "--data"]
        for program, data in ((frozen, "frozen-data"), (source, "source-data")):  # untimed: caches filled
            timed([*program, *start, str(folder / data)], env, until_ready=True)
        window = {"frozen": [], "source": []}
        version = {"frozen": [], "source": []}
        for _ in range(RUNS):
            for name, program in (("frozen", frozen), ("source", source)):
                window[name].append(timed([*program, *start, str(folder / f"{name}-data")], env, until_ready=True))
                version[name].append(timed([*program, "--version"], env, until_ready=False))
    report("main window shown", window["frozen"], window["source"])
    report("clerk-app --version", version["frozen"], version["source"])


if __name__ == "__main__":
    main()
