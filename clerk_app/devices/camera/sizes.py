"""Physical sizes of what goes under the document camera, in millimetres, as normally read.

Paper is portrait; an ID-1 card (resident identity card, bank card) is landscape.
"""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_INCH = 25.4
POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class PaperSize:
    key: str
    width_mm: float
    height_mm: float

    @property
    def aspect(self) -> float:
        """Long side over short side."""
        return max(self.width_mm, self.height_mm) / min(self.width_mm, self.height_mm)

    def pixels(self, dpi: float) -> tuple[int, int]:
        """(width, height) in pixels at `dpi`."""
        return (mm_to_px(self.width_mm, dpi), mm_to_px(self.height_mm, dpi))


A4 = PaperSize("a4", 210.0, 297.0)
A5 = PaperSize("a5", 148.0, 210.0)
# ISO/IEC 7810 ID-1: the resident identity card and bank cards.
ID1 = PaperSize("id1", 85.60, 53.98)
SIZES: dict[str, PaperSize] = {size.key: size for size in (A4, A5, ID1)}


def mm_to_px(mm: float, dpi: float) -> int:
    return round(mm * dpi / MM_PER_INCH)


def px_to_points(px: int, dpi: float) -> float:
    return px * POINTS_PER_INCH / dpi
