"""Page candidates from straight lines (Hough): four lines, two roughly parallel pairs.

Survives what breaks outlines: a hand over an edge, a corner in shadow, clutter touching the
page. Text rows also make lines, so this yields many quadrilaterals for the scorer to rank.
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np

from clerk_app.devices.camera.features import Features
from clerk_app.devices.camera.quad import Quad, area_many, convex_many, order_many

MAX_LINES = 18
PARALLEL = np.radians(25)
CROSSING = np.radians(50)


def candidates(features: Features) -> list[Quad]:
    width, height = features.size
    votes = max(30, int(0.12 * min(width, height)))
    found = cv2.HoughLines(features.edges, 1, np.pi / 180, votes)
    if found is None:
        return []
    lines = _suppress(found.reshape(-1, 2))
    pairs = np.array(_parallel_pairs(lines, 0.1 * min(width, height)), dtype=int).reshape(-1, 2)
    if len(pairs) < 2:
        return []
    first, second = np.triu_indices(len(pairs), k=1)
    theta = lines[pairs[:, 0], 1]
    diff = np.abs(theta[first] - theta[second]) % np.pi
    crossing = np.minimum(diff, np.pi - diff) >= CROSSING
    p, q = pairs[first[crossing]], pairs[second[crossing]]
    corners = np.stack([_intersect(lines[p[:, 0]], lines[q[:, 0]]),
                        _intersect(lines[p[:, 0]], lines[q[:, 1]]),
                        _intersect(lines[p[:, 1]], lines[q[:, 1]]),
                        _intersect(lines[p[:, 1]], lines[q[:, 0]])], axis=1)
    limit = np.array([width, height], float)
    inside = np.all((corners > -0.02 * limit) & (corners < 1.02 * limit), axis=(1, 2))
    quads = order_many(corners[inside])
    keep = convex_many(quads) & (area_many(quads) > 0.03 * width * height)
    return list(quads[keep])


def _suppress(lines: np.ndarray) -> np.ndarray:
    """Strongest first (HoughLines order); drop near-duplicates."""
    kept: list[np.ndarray] = []
    for rho, theta in lines:
        if all(abs(rho - r) > 8 or _angle_between(theta, t) > np.radians(4) for r, t in kept):
            kept.append(np.array([rho, theta]))
        if len(kept) == MAX_LINES:
            break
    return np.array(kept)


def _parallel_pairs(lines: np.ndarray, min_gap: float) -> list[tuple[int, int]]:
    pairs = []
    for i, j in itertools.combinations(range(len(lines)), 2):
        if _angle_between(lines[i, 1], lines[j, 1]) > PARALLEL:
            continue
        mid = (lines[i, 1] + lines[j, 1]) / 2
        if abs(_offset(lines[i], mid) - _offset(lines[j], mid)) > min_gap:
            pairs.append((i, j))
    return pairs


def _offset(line: np.ndarray, theta: float) -> float:
    """Signed distance of the line from the origin measured along direction `theta`."""
    rho, t = line
    return float(rho * np.cos(t - theta))


def _angle_between(a: float, b: float) -> float:
    diff = abs(a - b) % np.pi
    return float(min(diff, np.pi - diff))


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Intersections of line arrays a[i] and b[i] given as (rho, theta); far away if parallel."""
    ca, sa, cb, sb = np.cos(a[:, 1]), np.sin(a[:, 1]), np.cos(b[:, 1]), np.sin(b[:, 1])
    det = ca * sb - sa * cb
    det = np.where(np.abs(det) < 1e-6, 1e-6, det)
    x = (a[:, 0] * sb - b[:, 0] * sa) / det
    y = (ca * b[:, 0] - cb * a[:, 0]) / det
    return np.stack([x, y], axis=1)
