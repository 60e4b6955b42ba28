"""Real things for the ID card tests: a SAM on a pty, pcscd with a virtual card, gcc-built fakes.

- `sam_sim`: a `SamSimulator` serving on a fresh pty behind a stable symlink.
- `pcscd`: a running pcscd that shows vsmartcard's "Virtual PCD" readers; started with
  `pcscd --foreground` when none runs (and stopped afterwards), else the running one is used.
- `vcard_factory`: virtual cards to insert into "Virtual PCD 00 00"; removed after the test.
- `fake_libs`: the fake vendor libraries (sdtapi, termb, WLT decoder) compiled with gcc.
"""

from __future__ import annotations

import ctypes
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.devices.idcard.samsim import SamSimulator
from tests.devices.idcard.vcard import VirtualCard
from tests.support import require_program, unavailable

FAKES = Path(__file__).parent / "fakes"
VIRTUAL_READER = "Virtual PCD 00 00"


@pytest.fixture
def sam_sim(tmp_path: Path) -> Iterator[SamSimulator]:
    sim = SamSimulator(tmp_path / "ttyID0").start()
    yield sim
    sim.stop()


# -- PC/SC --------------------------------------------------------------------------------------


def _pcsc_readers() -> list[str] | None:
    """The readers pcscd shows, or None when no pcscd answers."""
    from smartcard import scard

    result, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if result != scard.SCARD_S_SUCCESS:
        return None
    try:
        result, readers = scard.SCardListReaders(context, [])
        return list(readers) if result == scard.SCARD_S_SUCCESS else []
    finally:
        scard.SCardReleaseContext(context)


def _wait_for_reader(timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if VIRTUAL_READER in (_pcsc_readers() or []):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="session")
def pcscd() -> Iterator[None]:
    if VIRTUAL_READER in (_pcsc_readers() or []):
        yield None
        return
    program = require_program("pcscd")
    process = subprocess.Popen(
        [program, "--foreground"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        if not _wait_for_reader(5.0):
            process.terminate()
            _, err = process.communicate(timeout=5)
            unavailable(
                "pcscd did not show the vsmartcard reader "
                f"{VIRTUAL_READER!r} (is vsmartcard-vpcd installed?): {err.decode()[-300:]}"
            )
        yield None
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


@pytest.fixture
def vcard_factory(pcscd: None) -> Iterator[Callable[..., VirtualCard]]:
    cards: list[VirtualCard] = []

    def make(**options: Any) -> VirtualCard:
        card = VirtualCard(**options)
        cards.append(card)
        return card

    yield make
    for card in cards:
        card.remove()
    time.sleep(0.5)  # let pcscd see the card go before the next test inserts one


# -- vendor libraries ---------------------------------------------------------------------------


class FakeLibs:
    def __init__(self, directory: Path) -> None:
        self.sdtapi = directory / "libfake_sdtapi.so"
        self.termb = directory / "libfake_termb.so"
        self.wlt = directory / "libfake_wlt.so"

    def control(self, path: Path) -> Any:
        """The library as the test drives it (the backend loads the very same instance)."""
        lib = ctypes.CDLL(str(path))
        lib.fake_reset()
        return lib


@pytest.fixture(scope="session")
def fake_libs(tmp_path_factory: pytest.TempPathFactory) -> FakeLibs:
    gcc = require_program("gcc")
    directory = tmp_path_factory.mktemp("vendor")
    for name in ("fake_sdtapi", "fake_termb", "fake_wlt"):
        result = subprocess.run(
            [gcc, "-shared", "-fPIC", "-O1", "-Wall", "-o", str(directory / f"lib{name}.so"),
             str(FAKES / f"{name}.c")],
            capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            pytest.fail(f"gcc could not build {name}: {result.stderr}")
    return FakeLibs(directory)
