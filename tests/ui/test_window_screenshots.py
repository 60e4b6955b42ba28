"""The window's after-intake screens under a real X server (Xvfb), saved to docs/screenshots."""

from __future__ import annotations

from pathlib import Path

from tests.ui.test_screenshots import check_pictures, run_under_xvfb

WINDOW_SCREENS = ("21-correction", "22-tolerance-follow-up", "23-citizen-rating", "24-citizen-rating-reasons")


def test_window_screenshots_under_xvfb(tmp_path: Path) -> None:
    run_under_xvfb("tests.ui.window_screens", tmp_path)
    check_pictures(WINDOW_SCREENS)
