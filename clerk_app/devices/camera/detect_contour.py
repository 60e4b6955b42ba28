"""Page candidates from closed outlines in the edge map.

Fast and exact when the page outline is closed and clean. A hand or a clip touching the page
adds corners to its outline: then every four of the outline's corners (in order) are proposed,
and the scorer picks the four that are the page's. Inner frames and tables also make outlines,
which is why all candidates are scored together.
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np

from clerk_app.devices.camera.features import Features
from clerk_app.devices.camera.quad import Quad

MIN_AREA = 0.03
MAX_CANDIDATES = 12


def candidates(features: Features) -> list[Quad]:
    width, height = features.size
    edges = cv2.dilate(features.edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    hulls = [cv2.convexHull(contour) for contour in contours]
    hulls = [hull for hull in hulls if cv2.contourArea(hull) > MIN_AREA * width * height]
    hulls.sort(key=cv2.contourArea, reverse=True)
    quads: list[Quad] = []
    for hull in hulls[:MAX_CANDIDATES]:
        quad = hull_to_quad(hull)
        if quad is not None:
            quads.append(quad)
        else:
            quads += corner_subsets(hull)
    return quads


def corner_subsets(hull: np.ndarray, most: int = 8) -> list[Quad]:
    """Every four corners, in order, of an outline simplified to at most `most` corners."""
    perimeter = cv2.arcLength(hull, True)
    for epsilon in (0.01, 0.02, 0.03):
        approx = cv2.approxPolyDP(hull, epsilon * perimeter, True).reshape(-1, 2)
        if 4 < len(approx) <= most:
            points = approx.astype(np.float64)
            return [points[list(pick)] for pick in itertools.combinations(range(len(points)), 4)]
    return []


def hull_to_quad(hull: np.ndarray) -> Quad | None:
    """Simplify a convex outline to four corners, or None if it is not four-sided."""
    perimeter = cv2.arcLength(hull, True)
    for epsilon in (0.015, 0.025, 0.04, 0.06):
        approx = cv2.approxPolyDP(hull, epsilon * perimeter, True)
        if len(approx) == 4:
            return approx.reshape(4, 2).astype(np.float64)
        if len(approx) < 4:
            return None
    return None
