"""The scan panel with a real worker thread and files standing in for the document camera."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt

from clerk_app.devices.camera.sources import CameraSource, FileSource
from clerk_app.devices.camera.synthetic import ShotSpec, make_shot
from clerk_app.ui.scan.feed import CameraFeed
from clerk_app.ui.scan.panel import ScanPanel
from clerk_app.ui.scan.session import ScanSession


@pytest.fixture(scope="module")
def page_frames(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("frames")
    shot = make_shot(ShotSpec(seed=21, size=(1280, 960), kind="a4", background="dark",
                              hand=False, content_rotation=0))
    rng = np.random.default_rng(0)
    paths = []
    for index in range(4):
        noisy = np.clip(shot.image + rng.normal(0, 2, shot.image.shape), 0, 255)
        paths.append(folder / f"frame_{index:03d}.png")
        cv2.imwrite(str(paths[-1]), noisy.astype(np.uint8))
    return paths


@contextmanager
def _panel(qtbot, source, auto: bool) -> Iterator[ScanPanel]:
    feed = CameraFeed(source, retry_seconds=0.2)
    feed.auto_capture = auto
    session = ScanSession()
    session.set_material("business_licence")
    panel = ScanPanel(feed, session)
    qtbot.addWidget(panel)
    panel.show()
    feed.start()
    try:
        yield panel
    finally:
        feed.stop()


@pytest.fixture
def manual_panel(qtbot, page_frames: list[Path]) -> Iterator[ScanPanel]:
    with _panel(qtbot, FileSource(page_frames, fps=30), auto=False) as panel:
        yield panel


def test_preview_shows_frames_with_the_page_outline(qtbot, manual_panel: ScanPanel) -> None:
    qtbot.waitUntil(lambda: manual_panel.preview.outline is not None, timeout=10_000)
    assert manual_panel.preview.frames_shown > 0
    assert manual_panel.preview.outline.shape == (4, 2)
    assert manual_panel.status.text() == "高拍仪已连接"


def test_space_captures_a_page_for_the_current_material(qtbot, manual_panel: ScanPanel) -> None:
    qtbot.waitUntil(lambda: manual_panel.preview.frames_shown > 0, timeout=10_000)
    with qtbot.waitSignal(manual_panel.session.pages_changed, timeout=15_000) as signal:
        qtbot.keyClick(manual_panel, Qt.Key.Key_Space)
    key, pages = signal.args
    assert key == "business_licence" and len(pages) == 1
    assert pages[0].paper == "a4" and pages[0].image.shape == (2339, 1654)
    assert manual_panel.strip.count() == 1
    assert manual_panel.strip.item(0).text() == "第1页"


def test_auto_capture_when_the_page_lies_still(qtbot, page_frames: list[Path]) -> None:
    with _panel(qtbot, FileSource(page_frames, fps=30), auto=True) as panel:
        with qtbot.waitSignal(panel.session.pages_changed, timeout=20_000) as signal:
            pass
        assert len(signal.args[1]) == 1
        qtbot.wait(600)  # the same page stays: no second capture
        assert len(panel.session.pages()) == 1


def test_page_strip_edits(qtbot, manual_panel: ScanPanel) -> None:
    session = manual_panel.session
    for _ in range(2):
        with qtbot.waitSignal(session.pages_changed, timeout=15_000):
            manual_panel.capture()
    first, second = session.pages()
    session.move(1, 0)
    assert session.pages()[0] is second
    manual_panel.strip.setCurrentRow(0)
    manual_panel.rotate_button.click()
    assert session.pages()[0].image.shape == (1654, 2339)
    manual_panel.retake_button.click()
    with qtbot.waitSignal(session.pages_changed, timeout=15_000):
        manual_panel.capture()
    assert len(session.pages()) == 2 and session.pages()[0] is not second
    manual_panel.strip.setCurrentRow(1)
    manual_panel.delete_button.click()
    assert len(session.pages()) == 1 and manual_panel.strip.count() == 1
    assert first not in session.pages()


def test_frames_are_dropped_not_queued(qtbot, page_frames: list[Path]) -> None:
    feed = CameraFeed(FileSource(page_frames))  # unpaced: as fast as the tracker goes
    feed.auto_capture = False
    feed.start()
    try:
        qtbot.waitUntil(lambda: feed.dropped > 5, timeout=15_000)  # the UI took nothing yet
        assert feed.take_latest() is not None
        assert feed.take_latest() is None  # one slot: nothing else was kept
    finally:
        feed.stop()


def test_missing_camera_is_shown_and_replugging_recovers(qtbot, tmp_path: Path,
                                                         page_frames: list[Path]) -> None:
    frame = tmp_path / "camera.png"  # not there yet: the "camera" is unplugged
    with _panel(qtbot, FileSource([frame], fps=30), auto=False) as panel:
        qtbot.waitUntil(lambda: panel.status.text() == "高拍仪未连接", timeout=10_000)
        assert "找不到图像文件" in panel.preview.message
        frame.write_bytes(page_frames[0].read_bytes())  # plugged back in
        qtbot.waitUntil(lambda: panel.preview.frames_shown > 0, timeout=10_000)
        assert panel.status.text() == "高拍仪已连接"


def test_a_uvc_camera_that_is_not_there(qtbot) -> None:
    with _panel(qtbot, CameraSource(index=57), auto=False) as panel:
        qtbot.waitUntil(lambda: "未找到高拍仪" in panel.preview.message, timeout=10_000)


def test_translate_ui_sets_every_text(qtbot, manual_panel: ScanPanel) -> None:
    manual_panel.translateUI()
    texts = [manual_panel.capture_button.text(), manual_panel.auto.text(),
             manual_panel.card.text(), manual_panel.rotate_button.text(),
             manual_panel.delete_button.text(), manual_panel.retake_button.text(),
             manual_panel.left_button.text(), manual_panel.right_button.text()]
    texts += [manual_panel.mode.itemText(i) for i in range(manual_panel.mode.count())]
    assert all(texts) and texts[0] == "拍照（空格）"
