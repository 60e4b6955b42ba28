"""`make dist` once per test session, into a temporary folder, for every test marked `dist`.

The build takes a minute or two (PyInstaller, then the package compressed with zstd: the format
differs from the release's xz, the contents do not). Deselect these tests locally with
`-m "not dist"`; in CI (CI=true) a missing tool fails them instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import require_program, unavailable

ROOT = Path(__file__).resolve().parents[2]
STAMP = ".venv/.installed-stamp"


@dataclass(frozen=True)
class Built:
    bundle: Path  # DIST/clerk-app, the one-folder build
    deb: Path
    log: str


def _build(out: Path) -> Built:
    for program in ("make", "dpkg-deb", "ldd", "objdump"):
        require_program(program)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        unavailable("PyInstaller is not installed: pip install -e '.[dist]' (make test does)")
    dist, build = out / "dist", out / "build"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "MAKEFLAGS", "MAKELEVEL")}
    # -o STAMP: the tests run in the environment they were started in; no reinstall half way through.
    command = ["make", "-o", STAMP, "dist", f"PY={sys.executable}", f"DIST_DIR={dist}", f"BUILD_DIR={build}",
               "DEB_COMPRESSION=zstd"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800, check=False)
    log = done.stdout + done.stderr
    assert done.returncode == 0, f"make dist failed:\n{log[-5000:]}"
    debs = sorted(dist.glob("clerk-app_*.deb"))
    assert len(debs) == 1, f"make dist made {debs}:\n{log[-3000:]}"
    return Built(dist / "clerk-app", debs[0], log)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("make-dist")
    try:
        yield _build(out)
    finally:
        shutil.rmtree(out, ignore_errors=True)  # over a gigabyte: not kept for the next sessions
