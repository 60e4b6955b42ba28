"""The 统计 tab under a real X server (Xvfb), saved to docs/screenshots."""

from __future__ import annotations

from pathlib import Path

from tests.ui.dashboard_screens import SCREENS
from tests.ui.test_screenshots import check_pictures, run_under_xvfb


def test_statistics_screenshots_under_xvfb(tmp_path: Path) -> None:
    run_under_xvfb("tests.ui.dashboard_screens", tmp_path)
    check_pictures(SCREENS)
