"""Page detection accuracy over generated photographs, and the detector's contract."""

from __future__ import annotations

import numpy as np
import pytest

from clerk_app.devices.camera.detect import PageDetector
from clerk_app.devices.camera.errors import ImageError
from clerk_app.devices.camera.quad import iou, order_corners
from clerk_app.devices.camera.synthetic import Shot, ShotSpec, empty_scene, make_shot
from clerk_app.devices.camera.track import PageTracker


def test_accuracy_over_the_generated_set(accuracy_set: list[Shot]) -> None:
    detector = PageDetector()
    scores = []
    for shot in accuracy_set:
        detection = detector.detect(shot.image)
        scores.append(iou(detection.corners, shot.corners) if detection.found else 0.0)
    values = np.array(scores)
    by_background = {
        name: float(np.mean([v for v, s in zip(values, accuracy_set, strict=True)
                             if s.background == name]))
        for name in sorted({s.background for s in accuracy_set})
    }
    print(f"\npage detection over {len(values)} photographs: mean IoU {values.mean():.4f}, "
          f"share under 0.9: {np.mean(values < 0.9):.3f}, by background {by_background}")
    assert values.mean() >= 0.97
    assert np.mean(values < 0.9) <= 0.05
    assert np.median(values) >= 0.99


def test_no_page_on_an_empty_desk() -> None:
    detector = PageDetector()
    found = [detector.detect(empty_scene(seed)).found for seed in range(5)]
    assert sum(found) <= 1


def test_corners_are_clockwise_from_the_top_left_as_the_page_lies() -> None:
    # Upside down on the desk: the page's own top-left is at the bottom right of the image.
    shot = make_shot(ShotSpec(seed=7, kind="a4", content_rotation=180, background="dark",
                              hand=False, max_tilt=8))
    corners = PageDetector().detect(shot.image).corners
    assert corners is not None
    assert np.allclose(corners, order_corners(corners))
    top_left, top_right, bottom_right, bottom_left = corners
    assert top_left[0] < top_right[0] and bottom_left[0] < bottom_right[0]
    assert top_left[1] < bottom_left[1] and top_right[1] < bottom_right[1]
    assert np.abs(corners - shot.corners).max() < 4.0


def test_tracker_follows_a_still_page_without_searching_every_frame() -> None:
    shot = make_shot(ShotSpec(seed=11, background="light_pad", hand=False))
    rng = np.random.default_rng(0)
    tracker = PageTracker()
    results = []
    for _ in range(10):
        noise = rng.normal(0, 3, shot.image.shape)
        frame = np.clip(shot.image + noise, 0, 255).astype(np.uint8)
        results.append(tracker.update(frame))
    assert tracker.searches <= 2
    assert min(iou(r.corners, shot.corners) for r in results) > 0.98


@pytest.mark.parametrize("bad", [np.zeros((0, 0, 3), np.uint8), np.zeros((10, 10), np.uint8),
                                 np.zeros((100, 100), np.float32), "not an image"])
def test_bad_frames_raise_typed_errors(bad: object) -> None:
    with pytest.raises(ImageError) as caught:
        PageDetector().detect(bad)  # type: ignore[arg-type]
    assert caught.value.text()
