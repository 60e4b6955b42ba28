"""Printing through Qt: PDF pages rasterised with PDFium and painted on a QPrinter.

The printer here writes a PDF (QPrinter's PdfFormat), which poppler renders again, so the
painting path is checked end to end: page count, paper size, the QR code still decodes and the
printed page looks like the document.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from clerk_app.core.catalogue import Catalogue
from clerk_app.documents.render import render_for_decision
from tests.documents import cases
from tests.documents.pdfs import pdf_pages, read_codes, render_page
from tests.support import require_program, unavailable

try:
    from clerk_app.ui import printing
except ImportError as error:  # pypdfium2 is imported lazily; this is PySide6 itself
    pytest.skip(f"Qt print support unavailable: {error}", allow_module_level=True)


@pytest.fixture(scope="module", autouse=True)
def pdfium() -> None:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        unavailable("pypdfium2 is not installed (it belongs in pyproject's dependencies)")


@pytest.fixture
def documents(catalogue: Catalogue, tmp_path: Path) -> list[Path]:
    return render_for_decision(cases.tolerance_case(catalogue), catalogue, cases.HALL, tmp_path / "docs")


def _to_pdf(target: Path) -> printing.Chooser:
    def choose(printer: QPrinter, _parent: object, pages: int) -> bool:
        assert pages == 3
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    return choose


def _grey(png: Path) -> np.ndarray:
    import cv2

    return cv2.imread(str(png), cv2.IMREAD_GRAYSCALE).astype(np.float32)


def _likeness(first: np.ndarray, second: np.ndarray) -> float:
    """Correlation of two page renders, blurred so that sub-pixel shifts of thin strokes do not count."""
    import cv2

    rows, cols = min(first.shape[0], second.shape[0]), min(first.shape[1], second.shape[1])
    a, b = (cv2.GaussianBlur(image[:rows, :cols], (9, 9), 0).ravel() for image in (first, second))
    return float(np.corrcoef(a, b)[0, 1])


def test_printing_paints_every_page_at_true_size(qapp: QApplication, documents: list[Path], tmp_path: Path) -> None:
    printed = tmp_path / "printed.pdf"
    assert printing.print_pdfs(documents, choose=_to_pdf(printed)) is None
    assert pdf_pages(printed) == sum(pdf_pages(p) for p in documents) == 3
    info = subprocess.run([require_program("pdfinfo"), str(printed)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)", info), info
    first = render_page(printed, 1, tmp_path, dpi=150)
    assert read_codes(first) == [cases.HALL.query_link("BT01-W07-20260302-0043")]
    original = _grey(render_page(documents[0], 1, tmp_path, dpi=150))
    copy = _grey(first)
    assert abs(copy.shape[0] - original.shape[0]) <= 1 and abs(copy.shape[1] - original.shape[1]) <= 1
    assert _likeness(copy, original) > 0.95  # the same page, resampled (another notice gives ~0.35)


def test_page_range_and_copies(qapp: QApplication, documents: list[Path], tmp_path: Path) -> None:
    printer = printing.a4_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setFromTo(2, 3)
    printer.setCopyCount(2)
    copies = 1 if printer.supportsMultipleCopies() else 2  # the PDF engine leaves copies to the application
    assert printing.paint_pdfs(documents, printer) == 2 * copies
    assert pdf_pages(tmp_path / "range.pdf") == 2 * copies


def test_cancelled_dialog_prints_nothing(qapp: QApplication, documents: list[Path], tmp_path: Path) -> None:
    assert printing.print_pdfs(documents, choose=lambda *_: False) is None
    assert not list(tmp_path.glob("*.pdf"))


def test_unreadable_file_is_a_problem_for_the_clerk(qapp: QApplication, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    problem = printing.print_pdfs([broken], choose=lambda *_: True)
    assert problem is not None and "broken.pdf" in problem


def test_print_dialog_offers_the_page_range(qapp: QApplication) -> None:
    printer = printing.a4_printer()
    dialog = printing.print_dialog(printer, None, 3)
    assert (dialog.minPage(), dialog.maxPage()) == (1, 3)
    assert dialog.testOption(printing.QAbstractPrintDialog.PrintDialogOption.PrintPageRange)
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Portrait


def test_save_as_copies_one_file_or_a_set(documents: list[Path], tmp_path: Path) -> None:
    single = printing.save_pdfs_as(documents[:1], choose=lambda *_: tmp_path / "saved" / "notice.pdf")
    assert single == [tmp_path / "saved" / "notice.pdf"]
    assert single[0].read_bytes() == documents[0].read_bytes()
    folder = printing.save_pdfs_as(documents, choose=lambda *_: tmp_path / "set")
    assert [p.name for p in folder] == [p.name for p in documents]
    assert printing.save_pdfs_as(documents, choose=lambda *_: None) == []
    with pytest.raises(printing.PrintError):
        printing.copy_pdfs(documents, documents[0])  # a file is no folder
