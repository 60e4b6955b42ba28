"""Quadrilaterals in image pixels: corner order, area, overlap.

The project's corner convention: four corners clockwise (on screen, y down) starting from the
corner nearest the image's top-left, i.e. the page's top-left corner as it lies under the camera,
whatever way up its content is.
"""

from __future__ import annotations

import cv2
import numpy as np

Quad = np.ndarray  # float64 array of shape (4, 2)


def as_quad(points: object) -> Quad:
    quad = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    if quad.shape != (4, 2):
        raise ValueError(f"a quadrilateral needs 4 points, got {quad.shape[0]}")
    return quad


def order_corners(points: object) -> Quad:
    """Clockwise order starting from the corner nearest the top-left of the image."""
    quad = as_quad(points)
    centre = quad.mean(axis=0)
    angles = np.arctan2(quad[:, 1] - centre[1], quad[:, 0] - centre[0])
    quad = quad[np.argsort(angles)]  # increasing angle is clockwise on screen (y down)
    start = int(np.argmin(quad.sum(axis=1)))
    return np.roll(quad, -start, axis=0)


def area(quad: Quad) -> float:
    x, y = quad[:, 0], quad[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2.0)


def is_convex(quad: Quad) -> bool:
    edges = np.roll(quad, -1, axis=0) - quad
    nxt = np.roll(edges, -1, axis=0)
    cross = edges[:, 0] * nxt[:, 1] - edges[:, 1] * nxt[:, 0]
    return bool(np.all(cross > 0) or np.all(cross < 0))


def iou(a: Quad, b: Quad) -> float:
    """Intersection over union of two convex quadrilaterals."""
    pa = order_corners(a).astype(np.float32)
    pb = order_corners(b).astype(np.float32)
    inter, _ = cv2.intersectConvexConvex(pa, pb)
    union = area(pa.astype(np.float64)) + area(pb.astype(np.float64)) - inter
    return float(inter / union) if union > 0 else 0.0


def interior_angles(quad: Quad) -> np.ndarray:
    """The four interior angles in degrees."""
    prev = np.roll(quad, 1, axis=0) - quad
    nxt = np.roll(quad, -1, axis=0) - quad
    cos = (prev * nxt).sum(axis=1) / (
        np.linalg.norm(prev, axis=1) * np.linalg.norm(nxt, axis=1) + 1e-9
    )
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))


def side_lengths(quad: Quad) -> np.ndarray:
    return np.linalg.norm(np.roll(quad, -1, axis=0) - quad, axis=1)


# --- the same for a stack of quadrilaterals, shape (N, 4, 2) ---------------------------------


def order_many(quads: np.ndarray) -> np.ndarray:
    centre = quads.mean(axis=1, keepdims=True)
    rel = quads - centre
    order = np.argsort(np.arctan2(rel[..., 1], rel[..., 0]), axis=1)
    quads = np.take_along_axis(quads, order[..., None], axis=1)
    start = np.argmin(quads.sum(axis=2), axis=1)
    index = (start[:, None] + np.arange(4)[None, :]) % 4
    return np.take_along_axis(quads, index[..., None], axis=1)


def area_many(quads: np.ndarray) -> np.ndarray:
    x, y = quads[..., 0], quads[..., 1]
    nx, ny = np.roll(x, -1, axis=1), np.roll(y, -1, axis=1)
    return np.abs((x * ny - y * nx).sum(axis=1)) / 2.0


def convex_many(quads: np.ndarray) -> np.ndarray:
    edges = np.roll(quads, -1, axis=1) - quads
    nxt = np.roll(edges, -1, axis=1)
    cross = edges[..., 0] * nxt[..., 1] - edges[..., 1] * nxt[..., 0]
    return np.all(cross > 0, axis=1) | np.all(cross < 0, axis=1)


def angles_many(quads: np.ndarray) -> np.ndarray:
    prev = np.roll(quads, 1, axis=1) - quads
    nxt = np.roll(quads, -1, axis=1) - quads
    cos = (prev * nxt).sum(axis=2) / (
        np.linalg.norm(prev, axis=2) * np.linalg.norm(nxt, axis=2) + 1e-9
    )
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))
