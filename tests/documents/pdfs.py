"""Reading rendered PDFs back with poppler (pdftotext, pdfinfo, pdffonts, pdftoppm) and zxing-cpp."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.support import require_program


def squeeze(text: str) -> str:
    """Text without any whitespace: table cells and wrapped lines break words anywhere."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    """The text in drawing order (-raw): each table cell comes out whole, not interleaved with its row."""
    program = require_program("pdftotext")
    command = [program, "-raw", "-enc", "UTF-8", str(path), "-"]
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout


def pdf_pages(path: Path) -> int:
    program = require_program("pdfinfo")
    info = subprocess.run([program, str(path)], capture_output=True, check=True, text=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert match, info
    return int(match[1])


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    """pdffonts' table as dictionaries (name, type, emb, sub, uni)."""
    program = require_program("pdffonts")
    lines = subprocess.run([program, str(path)], capture_output=True, check=True, text=True).stdout.splitlines()[2:]
    fonts = []
    for line in lines:
        parts = line.split()
        # name type... encoding emb sub uni object generation
        fonts.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return fonts


def render_page(path: Path, page: int, out_dir: Path, dpi: int = 150) -> Path:
    program = require_program("pdftoppm")
    stem = out_dir / f"{path.stem}-p{page}"
    subprocess.run(
        [program, "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile", str(path), str(stem)],
        check=True,
    )
    return stem.with_suffix(".png")


def read_codes(png: Path) -> list[str]:
    """Texts of the QR codes found on a rendered page."""
    import cv2
    import zxingcpp

    image = cv2.imread(str(png))
    assert image is not None, png
    return [code.text for code in zxingcpp.read_barcodes(image)]
