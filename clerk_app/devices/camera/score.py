"""How much a quadrilateral looks like a page outline: the confidence of a candidate.

Each side is sampled at points a little inside and at several distances outside. A page edge is
a step: the colour inside differs from the colour outside, at every distance, the same way all
along the side. A printed line
or a table rule is not (paper on both sides), nor is a soft shadow, so inner frames and tables
score low even though they are strong edges. A side's support is the share of its samples that
show the side's step. Beyond a true corner the side's line runs into the desk, so the step must
stop there: a quadrilateral whose side goes on being supported past a corner is cut short by a
shadow, a table rule or a hand (the real page is bigger). The confidence combines the supports,
the extension penalty, how much the margin looks like paper (bright, nearly neutral: a blue
folder or a phone is not a page) and the shape's plausibility.
"""

from __future__ import annotations

import numpy as np

from clerk_app.devices.camera.features import Features
from clerk_app.devices.camera.quad import Quad, angles_many, area_many

SAMPLES = 28
INSIDE = 2.5
OUTSIDE = (2.5, 4.5, 6.5)
STEP = 6.0  # luma units (8-bit scale) a sample must show in the side's direction


def score(features: Features, quads: list[Quad]) -> np.ndarray:
    """Confidence in [0, 1] of each quadrilateral (small-image coordinates, clockwise)."""
    if not quads:
        return np.zeros(0)
    stack = np.stack(quads)
    support, beyond, rim = side_support(features, stack)
    width, height = features.size
    fraction = area_many(stack) / (width * height)
    angles = angles_many(stack)
    shape = np.all((angles > 45) & (angles < 135), axis=1) & (fraction > 0.02) & (fraction < 0.97)
    confidence = support.mean(axis=1) * np.sqrt(support.min(axis=1))
    confidence *= 0.85 + 0.15 * np.sqrt(np.clip(fraction, 0, 1))
    confidence *= 1.0 - 0.7 * beyond.max(axis=1)
    confidence *= 0.75 + 0.25 * _paper_like(features, rim)
    return np.where(shape, confidence, 0.0)


def side_support(
    features: Features, quads: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Share of step-supported samples per side, per side end beyond the corners, and the
    median colour just inside the outline (the page's margin).

    Returns arrays of shape (N, 4), (N, 8) and (N, 3).
    """
    start = quads
    edge = np.roll(quads, -1, axis=1) - start
    length = np.linalg.norm(edge, axis=2, keepdims=True) + 1e-9
    outward = (np.stack([edge[..., 1], -edge[..., 0]], axis=2) / length)[:, :, None, :]
    t = np.concatenate([np.linspace(0.08, 0.92, SAMPLES), np.linspace(-0.25, -0.04, 8),
                        np.linspace(1.04, 1.25, 8)])
    points = start[:, :, None, :] + t[None, None, :, None] * edge[:, :, None, :]
    inside, valid = _sample(features.colour, points - outward * INSIDE)
    diffs = []
    for offset in OUTSIDE:
        outside, ok = _sample(features.colour, points + outward * offset)
        diffs.append(inside - outside)
        valid &= ok
    mean = sum(d[:, :, :SAMPLES] for d in diffs).mean(axis=2, keepdims=True)
    direction = mean / (np.linalg.norm(mean, axis=3, keepdims=True) + 1e-6)
    # A step holds at every distance outside; a thin printed line only at one.
    along = np.min([(d * direction).sum(axis=3) for d in diffs], axis=0)
    support = ((along[:, :, :SAMPLES] > STEP) & valid[:, :, :SAMPLES]).mean(axis=2)
    typical = np.median(along[:, :, :SAMPLES], axis=2, keepdims=True)
    beyond = (along[:, :, SAMPLES:] > np.maximum(STEP, 0.5 * typical)) & valid[:, :, SAMPLES:]
    before = beyond[:, :, :8].mean(axis=2)
    after = beyond[:, :, 8:].mean(axis=2)
    rim = np.median(inside[:, :, :SAMPLES].reshape(len(quads), -1, 3), axis=1)
    return support, np.concatenate([before, after], axis=1), rim


def _paper_like(features: Features, rim: np.ndarray) -> np.ndarray:
    """1 for a bright, nearly neutral margin (paper, a card), less for a coloured object."""
    bright = np.percentile(features.colour[::4, ::4, 0], 98)
    tone = np.clip((rim[:, 0] / max(bright, 1.0) - 0.55) / 0.3, 0.0, 1.0)
    chroma = np.hypot(rim[:, 1], rim[:, 2])
    neutral = np.clip(1.0 - (chroma - 20.0) / 40.0, 0.0, 1.0)
    return tone * neutral


def _sample(image: np.ndarray, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    height, width = image.shape[:2]
    x = np.rint(points[..., 0]).astype(np.int64)
    y = np.rint(points[..., 1]).astype(np.int64)
    ok = (x >= 0) & (x < width) & (y >= 0) & (y < height)
    return image[np.clip(y, 0, height - 1), np.clip(x, 0, width - 1)], ok
