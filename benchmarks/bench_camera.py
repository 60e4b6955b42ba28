"""Document camera figures: preview detection fps (one core), 5 MP capture to clean page,
bytes per PDF page, and detection accuracy over generated photographs.

    .venv/bin/python benchmarks/bench_camera.py [--shots 60]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

from clerk_app.devices.camera.detect import PageDetector
from clerk_app.devices.camera.process import clean_page, write_material_pdf
from clerk_app.devices.camera.quad import iou
from clerk_app.devices.camera.synthetic import ShotSpec, dataset, make_shot
from clerk_app.devices.camera.track import PageTracker

PREVIEW = (1920, 1080)
STILL = (2592, 1944)


def preview_fps() -> tuple[float, float]:
    """(cold search fps, tracking fps) on 1080p frames: 5 pages, each still for 30 frames."""
    frames = []
    rng = np.random.default_rng(0)
    for seed in range(5):
        shot = make_shot(ShotSpec(seed=700 + seed, size=PREVIEW))
        for _ in range(30):
            noise = rng.normal(0, 3, shot.image.shape)
            frames.append(np.clip(shot.image + noise, 0, 255).astype(np.uint8))
    detector = PageDetector(passes=1)
    sample = frames[::10]
    start = time.perf_counter()
    for frame in sample:
        detector.detect(frame)
    cold = len(sample) / (time.perf_counter() - start)
    tracker = PageTracker()
    start = time.perf_counter()
    for frame in frames:
        tracker.update(frame)
    return cold, len(frames) / (time.perf_counter() - start)


def clean_times(count: int = 6) -> list[float]:
    times = []
    for seed in range(count):
        shot = make_shot(ShotSpec(seed=40 + seed, size=STILL))
        start = time.perf_counter()
        clean_page(shot.image, "gray")
        times.append((time.perf_counter() - start) * 1000)
    return times


def pdf_bytes() -> dict[str, float]:
    shots = [make_shot(ShotSpec(seed=40 + s, size=STILL, kind="a4")) for s in range(4)]
    result = {}
    with tempfile.TemporaryDirectory() as folder:
        for mode in ("gray", "color", "bw"):
            pages = [clean_page(shot.image, mode) for shot in shots]  # type: ignore[arg-type]
            size = write_material_pdf(pages, Path(folder) / f"{mode}.pdf")
            result[mode] = size / len(pages)
    return result


def accuracy(count: int) -> tuple[float, float]:
    detector = PageDetector()
    scores = []
    for shot in dataset(count, seed=1000):
        found = detector.detect(shot.image)
        scores.append(iou(found.corners, shot.corners) if found.found else 0.0)
    values = np.array(scores)
    return float(values.mean()), float(np.mean(values < 0.9))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shots", type=int, default=60)
    args = parser.parse_args()
    cv2.setNumThreads(1)
    cold, tracking = preview_fps()
    print(f"1080p preview detection, one core: {tracking:.1f} fps tracking a page, "
          f"{cold:.1f} fps full search every frame (goal >= 30)")
    times = clean_times()
    print(f"5 MP capture -> clean A4 page: median {statistics.median(times):.0f} ms, "
          f"max {max(times):.0f} ms (goal <= 250)")
    for mode, size in pdf_bytes().items():
        print(f"bytes per A4 page at 200 dpi, {mode}: {size / 1000:.1f} KB")
    mean, under = accuracy(args.shots)
    print(f"detection over {args.shots} generated photographs: mean IoU {mean:.4f}, "
          f"share under 0.9: {under:.3f}")


if __name__ == "__main__":
    main()
