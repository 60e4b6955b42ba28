"""From a captured still to a clean page: find, straighten, turn upright, whiten, render.

This is what the Space key and auto-capture run, and `clerk-app scan process`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

from clerk_app.devices.camera import enhance, orientation, warp
from clerk_app.devices.camera.detect import Detection, PageDetector
from clerk_app.devices.camera.enhance import Mode
from clerk_app.devices.camera.images import check_image
from clerk_app.devices.camera.pdf import PdfImage, encode_page, write_pdf
from clerk_app.devices.camera.sizes import ID1, PaperSize, mm_to_px

DEFAULT_DPI = 200
CARD_DPI = 300
BORDER_MM = 0.8


@dataclass(frozen=True, eq=False)  # pages are compared by identity, not by pixels
class CleanPage:
    """A page ready to attach to a material: pixels, resolution and what was done to it."""

    image: np.ndarray  # BGR for colour, one channel for grey and black-and-white
    dpi: float
    mode: Mode
    paper: str  # "a4", "a5", "id1" or "" when the size was taken as found
    rotation: int  # clockwise degrees applied to make it upright
    blank: bool
    detection: Detection

    @property
    def size_mm(self) -> tuple[float, float]:
        height, width = self.image.shape[:2]
        return width * 25.4 / self.dpi, height * 25.4 / self.dpi

    def rotated(self, degrees: int) -> CleanPage:
        """The same page turned clockwise by a multiple of 90 degrees (the clerk's rotate)."""
        image = orientation.rotate(self.image, degrees)
        return replace(self, image=image, rotation=(self.rotation + degrees) % 360)


def clean_page(
    frame: np.ndarray,
    mode: Mode = "gray",
    dpi: float = DEFAULT_DPI,
    detector: PageDetector | None = None,
    px_per_mm: float | None = None,
    card: bool = False,
) -> CleanPage:
    """Detect the page in `frame` and make it a clean, upright page at `dpi`.

    With no page found the whole frame is kept, straightened by deskew only.
    """
    frame = check_image(frame)
    detection = (detector or PageDetector()).detect(frame)
    source = frame if mode == "color" else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    paper: PaperSize | None = None
    if detection.corners is not None:
        paper = ID1 if card else warp.guess_paper(detection.corners, px_per_mm)
        size = warp.output_size(detection.corners, dpi, paper, px_per_mm)
        page = warp.warp(source, detection.corners, size)
    else:
        page = source
    # Cards are coloured print with a photo: levels only; paper is whitened.
    if paper is ID1:
        page = enhance.stretch(page)
    else:
        page = enhance.clear_border(enhance.whiten(page), mm_to_px(BORDER_MM, dpi))
    rotation = orientation.upright_rotation(page, rows_along_long_side=(paper is ID1))
    page = orientation.rotate(page, rotation)
    gray = page if page.ndim == 2 else cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    page = enhance.rotate_small(page, enhance.deskew_angle(gray))
    blank = enhance.is_blank(page)
    return CleanPage(
        enhance.render(page, mode), dpi, mode, paper.key if paper else "", rotation, blank,
        detection,
    )


def pdf_pages(pages: list[CleanPage]) -> list[PdfImage]:
    """Pages encoded for a material PDF, in order."""
    return [encode_page(page.image, page.dpi, bilevel=page.mode == "bw") for page in pages]


def write_material_pdf(pages: list[CleanPage], path: str | Path, title: str = "") -> int:
    """One PDF for one material; returns its size in bytes."""
    return write_pdf(pdf_pages(pages), path, title)
