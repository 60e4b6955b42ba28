"""`make dist` once per test session, into a temporary folder, for every test marked `dist`.

The build takes a minute or two (PyInstaller, then the package compressed with zstd: the format
differs from the release's xz, the contents do not). The upgrade test's newer package is the same
build packaged again under a Debian revision (`build.py deb --revision 2`): seconds, no PyInstaller.
Deselect these tests locally with `-m "not dist"`; in CI (CI=true) a missing tool fails them
instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
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
    work: Path  # BUILD_DIR: the icons and the package's staging tree


def _build(out: Path) -> Built:
    for program in ("make", "dpkg-deb", "ldd", "objdump"):
        require_program(program)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        unavailable("PyInstaller is not installed: pip install -e '.[dist]' (make test does)")
    dist, build = out / "dist", out / "build"
    env = _env()
    # -o STAMP: the tests run in the environment they were started in; no reinstall half way through.
    command = ["make", "-o", STAMP, "dist", f"PY={sys.executable}", f"DIST_DIR={dist}", f"BUILD_DIR={build}",
               "DEB_COMPRESSION=zstd"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800, check=False)
    log = done.stdout + done.stderr
    assert done.returncode == 0, f"make dist failed:\n{log[-5000:]}"
    debs = sorted(dist.glob("clerk-app_*.deb"))
    assert len(debs) == 1, f"make dist made {debs}:\n{log[-3000:]}"
    return Built(dist / "clerk-app", debs[0], log, build)


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "MAKEFLAGS", "MAKELEVEL")}


@dataclass(frozen=True)
class Newer:
    deb: Path  # clerk-app_VERSION-2_ARCH.deb: the same build, a higher package version
    seconds: float  # how long packaging it again took (reported, never asserted)


def _repackage(built: Built) -> Newer:
    dist = built.bundle.parent
    command = [sys.executable, str(ROOT / "installer" / "build.py"), "deb", "--revision", "2", "--dist", str(dist),
               "--build", str(built.work)]
    started = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, env={**_env(), "DEB_COMPRESSION": "zstd"}, capture_output=True,
                          text=True, timeout=600, check=False)
    seconds = time.monotonic() - started
    assert done.returncode == 0, f"build.py deb --revision 2 failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    deb = Path(done.stdout.strip().splitlines()[-1])
    assert deb.is_file() and deb.name.startswith("clerk-app_") and "-2_" in deb.name, done.stdout
    print(f"\nrepackaged {deb.name} in {seconds:.1f} s", flush=True)
    return Newer(deb, seconds)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("make-dist")
    try:
        yield _build(out)
    finally:
        shutil.rmtree(out, ignore_errors=True)  # over a gigabyte: not kept for the next sessions


@pytest.fixture(scope="session")
def newer(built: Built) -> Newer:
    """The upgrade: `built` packaged again as VERSION-2 (after `built.deb`, which the build made first)."""
    return _repackage(built)
