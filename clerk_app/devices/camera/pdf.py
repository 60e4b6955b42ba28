"""Material PDFs: one PDF per material, one scanned page per PDF page, at true size.

Grey and colour pages are embedded as JPEG (DCTDecode) exactly as encoded; black-and-white pages
as 1-bit Flate images, sharper and smaller than JPEG for text. Each page's MediaBox is the
image's size at its dpi, so an A4 scan prints as A4 and the image's resolution reads back as the
scan dpi (`pdfimages -list`). The JPEG quality is the highest that keeps a page within a byte
budget proportional to its area: 120 KB for an A4 grey page at 200 dpi.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import cv2
import numpy as np

from clerk_app.devices.camera.errors import PdfError
from clerk_app.devices.camera.sizes import A4, px_to_points

A4_GRAY_200_BUDGET = 120_000
COLOR_FACTOR = 1.6
QUALITY_RANGE = (15, 90)  # 15 only for the densest text pages; still legible at 200 dpi (looked at)


@dataclass(frozen=True)
class PdfImage:
    """One page as it goes into the PDF."""

    data: bytes
    width: int
    height: int
    colour_space: str  # DeviceGray or DeviceRGB
    bits: int
    filter: str  # DCTDecode or FlateDecode
    dpi: float


def encode_page(image: np.ndarray, dpi: float, bilevel: bool = False) -> PdfImage:
    """Encode one page: 1-bit Flate when `bilevel`, else JPEG within the byte budget."""
    height, width = image.shape[:2]
    if bilevel:
        gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        packed = np.packbits(gray > 127, axis=1)
        return PdfImage(zlib.compress(packed.tobytes(), 9), width, height, "DeviceGray", 1,
                        "FlateDecode", dpi)
    data = jpeg_within(image, page_budget(width, height, dpi, colour=image.ndim == 3))
    space = "DeviceRGB" if image.ndim == 3 else "DeviceGray"
    return PdfImage(data, width, height, space, 8, "DCTDecode", dpi)


def page_budget(width: int, height: int, dpi: float, colour: bool) -> int:
    """Bytes allowed for a page: the A4 grey budget scaled by paper area (not by dpi)."""
    a4_w, a4_h = A4.pixels(dpi)
    budget = A4_GRAY_200_BUDGET * (width * height) / (a4_w * a4_h)
    return int(budget * (COLOR_FACTOR if colour else 1.0))


def jpeg_within(image: np.ndarray, budget: int) -> bytes:
    """The best-quality JPEG not larger than `budget` (the lowest quality if none fits)."""
    low, high = QUALITY_RANGE
    best = _jpeg(image, low)
    while low <= high:
        quality = (low + high) // 2
        data = _jpeg(image, quality)
        if len(data) <= budget:
            best, low = data, quality + 1
        else:
            high = quality - 1
    return best


def _jpeg(image: np.ndarray, quality: int) -> bytes:
    # progressive scans cost nothing to decode and save ~5% on text pages
    params = [cv2.IMWRITE_JPEG_QUALITY, quality, cv2.IMWRITE_JPEG_OPTIMIZE, 1, cv2.IMWRITE_JPEG_PROGRESSIVE, 1]
    ok, data = cv2.imencode(".jpg", image, params)
    if not ok:
        raise PdfError("pdf.write", path="(memory)", reason="JPEG encoding failed")
    return data.tobytes()


def write_pdf(pages: Sequence[PdfImage], path: str | Path, title: str = "") -> int:
    """Write the PDF; returns its size in bytes."""
    if not pages:
        raise PdfError("pdf.no_pages")
    data = build_pdf(pages, title)
    target = Path(path)
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise PdfError("pdf.write", path=str(target), reason=exc.strerror or "I/O") from exc
    return len(data)


def build_pdf(pages: Sequence[PdfImage], title: str = "") -> bytes:
    objects: list[bytes] = [b"", b""]  # 1 catalog, 2 page tree; filled below
    page_ids = []
    for page in pages:
        image_id = len(objects) + 1
        objects.append(_image_object(page))
        w_pt, h_pt = px_to_points(page.width, page.dpi), px_to_points(page.height, page.dpi)
        content = f"q {w_pt:.3f} 0 0 {h_pt:.3f} 0 0 cm /Im0 Do Q".encode()
        objects.append(_stream(b"", content))
        page_ids.append(len(objects) + 1)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w_pt:.3f} {h_pt:.3f}] "
            f"/Resources << /XObject << /Im0 {image_id} 0 R >> >> "
            f"/Contents {image_id + 1} 0 R >>".encode()
        )
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    stamp = datetime.now(UTC).strftime("D:%Y%m%d%H%M%SZ")
    objects.append(
        b"<< /Producer (clerk_app) /Title " + _text(title) + f" /CreationDate ({stamp}) >>".encode()
    )
    return _assemble(objects, info_id=len(objects))


def _image_object(page: PdfImage) -> bytes:
    head = (f"/Type /XObject /Subtype /Image /Width {page.width} /Height {page.height} "
            f"/ColorSpace /{page.colour_space} /BitsPerComponent {page.bits} "
            f"/Filter /{page.filter}").encode()
    return _stream(head, page.data)


def _stream(head: bytes, body: bytes) -> bytes:
    return (b"<< " + head + f" /Length {len(body)} >>\nstream\n".encode() + body
            + b"\nendstream")


def _text(value: str) -> bytes:
    """A PDF text string in UTF-16BE, so Chinese titles survive."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode() + b">"


def _assemble(objects: list[bytes], info_id: int) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {info_id} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)
