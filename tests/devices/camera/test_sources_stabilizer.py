"""Frame sources (files standing in for the camera, a missing camera) and auto-capture timing."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from clerk_app.devices.camera.detect import NO_PAGE, Detection
from clerk_app.devices.camera.errors import CameraUnavailable, ImageError
from clerk_app.devices.camera.images import load_image
from clerk_app.devices.camera.sources import CameraSource, FileSource
from clerk_app.devices.camera.stabilizer import Stabilizer

QUAD = np.array([[100.0, 100.0], [500.0, 110.0], [490.0, 700.0], [95.0, 690.0]])


def _frames(folder: Path, count: int) -> list[Path]:
    paths = []
    for index in range(count):
        path = folder / f"frame_{index:03d}.png"
        cv2.imwrite(str(path), np.full((120, 160, 3), index * 10, np.uint8))
        paths.append(path)
    return paths


def test_file_source_plays_images_and_loops(tmp_path: Path) -> None:
    source = FileSource(_frames(tmp_path, 3))
    source.open()
    values = [int(source.read()[0, 0, 0]) for _ in range(4)]
    assert values == [0, 10, 20, 0]
    assert int(source.still()[0, 0, 0]) == 0


def test_file_source_plays_an_image_sequence_pattern(tmp_path: Path) -> None:
    _frames(tmp_path, 3)
    source = FileSource(str(tmp_path / "frame_%03d.png"), loop=False)
    source.open()
    assert [int(source.read()[0, 0, 0]) for _ in range(3)] == [0, 10, 20]
    with pytest.raises(CameraUnavailable):
        source.read()
    source.close()


def test_a_missing_camera_is_a_typed_state() -> None:
    with pytest.raises(CameraUnavailable) as caught:
        CameraSource(index=57).open()
    assert "未找到高拍仪" in caught.value.text()


def test_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(ImageError):
        load_image(tmp_path / "none.jpg")
    (tmp_path / "dir.jpg").mkdir()
    with pytest.raises(ImageError):
        load_image(tmp_path / "dir.jpg")
    (tmp_path / "tiny.png").write_bytes(cv2.imencode(".png", np.zeros((8, 8), np.uint8))[1])
    with pytest.raises(ImageError) as caught:
        load_image(tmp_path / "tiny.png")
    assert "太小" in caught.value.text()


def test_auto_capture_fires_once_when_the_page_is_still() -> None:
    stabilizer = Stabilizer(still_frames=5)
    rng = np.random.default_rng(1)
    captures = []
    for _ in range(20):
        jitter = QUAD + rng.normal(0, 0.5, QUAD.shape)
        captures.append(stabilizer.update(Detection(jitter, 0.9), (1280, 960)).capture)
    assert captures.index(True) == 5 and sum(captures) == 1


def test_a_moving_page_is_not_captured_and_a_new_page_rearms() -> None:
    stabilizer = Stabilizer(still_frames=3)
    moving = [stabilizer.update(Detection(QUAD + i * 15.0, 0.9), (1280, 960)).capture
              for i in range(6)]
    assert not any(moving)
    still = [stabilizer.update(Detection(QUAD, 0.9), (1280, 960)).capture for _ in range(5)]
    assert sum(still) == 1
    for _ in range(3):
        stabilizer.update(NO_PAGE, (1280, 960))  # page taken away
    again = [stabilizer.update(Detection(QUAD, 0.9), (1280, 960)).capture for _ in range(5)]
    assert sum(again) == 1
