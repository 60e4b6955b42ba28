"""Page candidates from colour segmentation: the region that looks like the page's paper.

The paper colour is taken where a page usually is, the middle of the frame; the region of that
colour around the middle, with holes (text) filled, gives the outline. Works where edges are
weak but the paper differs from the desk in tone or tint.
"""

from __future__ import annotations

import cv2
import numpy as np

from clerk_app.devices.camera.detect_contour import hull_to_quad
from clerk_app.devices.camera.features import CHROMA_WEIGHT, Features
from clerk_app.devices.camera.quad import Quad

KERNEL = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))


def candidates(features: Features) -> list[Quad]:
    flat = features.flat
    height, width = flat.shape[:2]
    centre = flat[height * 2 // 5: height * 3 // 5, width * 2 // 5: width * 3 // 5]
    paper = np.median(centre.reshape(-1, 3), axis=0)
    gaps = cv2.absdiff(flat, np.full_like(flat, 0) + paper.astype(np.uint8))
    luma, cr, cb = cv2.split(gaps)
    distance = cv2.addWeighted(luma, 1.0, cv2.add(cr, cb), CHROMA_WEIGHT, 0)
    threshold, _ = cv2.threshold(distance, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    quads = []
    for factor in (0.6, 1.0):
        _, mask = cv2.threshold(distance, max(3.0, threshold * factor), 255, cv2.THRESH_BINARY_INV)
        quad = _central_region(mask)
        if quad is not None:
            quads.append(quad)
    return quads


def _central_region(mask: np.ndarray) -> Quad | None:
    """The outline of the connected region covering most of the frame's middle."""
    height, width = mask.shape
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, KERNEL)
    count, labels = cv2.connectedComponents(mask, connectivity=4)
    if count < 2:
        return None
    centre = labels[height * 2 // 5: height * 3 // 5, width * 2 // 5: width * 3 // 5]
    votes = np.bincount(centre.ravel(), minlength=count)
    votes[0] = 0
    label = int(np.argmax(votes))
    if votes[label] == 0:
        return None
    region = (labels == label).astype(np.uint8)
    contours, _ = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    if cv2.contourArea(hull) < 0.03 * height * width:
        return None
    return hull_to_quad(hull)
