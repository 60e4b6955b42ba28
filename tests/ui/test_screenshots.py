"""The main screens under a real X server (Xvfb), saved to docs/screenshots for anyone to see."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from tests.support import require_program

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
SCREENS = ("01-login", "02-search", "03-intake-problems", "04-one-time-notice", "05-bundle-newborn",
           "06-english", "07-citizen-screen")
SUPERVISOR_SCREENS = ("08-supervisor-queue", "09-supervisor-correction", "10-scan-viewer")


def distinct_colours(image: QImage) -> int:
    step = max(1, image.width() // 64)
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


def run_under_xvfb(module: str, data: Path) -> None:
    xvfb = require_program("xvfb-run")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [xvfb, "-a", "-s", "-screen 0 1440x900x24", sys.executable, "-m", module, str(OUT), str(data)],
        capture_output=True, text=True, timeout=300, env=env, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def check_pictures(names: tuple[str, ...]) -> None:
    for name in names:
        image = QImage(str(OUT / f"{name}.png"))
        assert not image.isNull(), name
        assert image.width() > 250 and image.height() > 150, name
        assert distinct_colours(image) > 20, f"{name} looks empty"


def test_screenshots_under_xvfb(tmp_path: Path) -> None:
    run_under_xvfb("tests.ui.screens", tmp_path)
    check_pictures(SCREENS)


def test_supervisor_screenshots_under_xvfb(tmp_path: Path) -> None:
    run_under_xvfb("tests.ui.supervisor_screens", tmp_path)
    check_pictures(SUPERVISOR_SCREENS)
