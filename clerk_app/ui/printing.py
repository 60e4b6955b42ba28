"""Printing the generated PDFs through the system print dialog, and saving copies of them.

PySide6-Essentials has no PDF reader (QtPdf is an add-on), so each page is rasterised with PDFium
(`pypdfium2`) at the printer's resolution, capped at `MAX_DPI`, and painted on the QPrinter at
its true size: a notice prints at 100 %, the way the clerk saw it. Several documents (a decision's
set) go out as one print job, so the dialog's page range and copies apply to the whole set.

Painting happens on the UI thread, as QPrinter requires; rendering the PDFs is the caller's job
on the printing runner (`clerk_app.documents.render_for_decision`).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

MAX_DPI = 300  # 300 dpi prints text cleanly; 600 would take ~140 MB per A4 page
PDF_FILTER = "PDF (*.pdf)"


class PrintError(RuntimeError):
    """A document could not be printed or saved; the message is for the clerk."""


def _pdfium() -> Any:
    try:
        import pypdfium2
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise PrintError("无法打印：缺少 pypdfium2（pip install pypdfium2）。") from error
    return pypdfium2


@contextmanager
def _open_pdf(source: Path | bytes) -> Iterator[Any]:
    """A PDF from a file, or from bytes in memory (a decrypted scan never goes back to disk)."""
    pdfium = _pdfium()
    try:
        document = pdfium.PdfDocument(str(source) if isinstance(source, Path) else source)
    except (OSError, pdfium.PdfiumError) as error:
        name = source.name if isinstance(source, Path) else "PDF"
        raise PrintError(f"无法读取文件 {name}：{error}") from error
    try:
        yield document
    finally:
        document.close()


def page_count(paths: Sequence[Path]) -> int:
    total = 0
    for path in paths:
        with _open_pdf(path) as document:
            total += len(document)
    return total


def page_images(paths: Sequence[Path | bytes], dpi: float) -> Iterator[QImage]:
    """Every page of `paths` (files, or PDFs as bytes), in order, as an RGB image at `dpi`."""
    for path in paths:
        with _open_pdf(path) as document:
            for index in range(len(document)):
                yield _render(document[index], dpi)


def _render(page: Any, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888)
    return image.copy()  # the bitmap's memory goes away with the bitmap


def _target(image: QImage, area: QRect) -> QRectF:
    """Where a page image goes on the paper: true size when it fits, else scaled to fit, centred."""
    scale = min(area.width() / image.width(), area.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    return QRectF(area.x() + (area.width() - width) / 2, area.y() + (area.height() - height) / 2, width, height)


def _selected(printer: QPrinter, number: int) -> bool:
    first, last = printer.fromPage(), printer.toPage()
    return (first == 0 or number >= first) and (last == 0 or number <= last)


def paint_pdfs(paths: Sequence[Path], printer: QPrinter) -> int:
    """Paint the pages of `paths` on `printer` as one job (page range and copies honoured).

    Returns the number of pages painted; raises PrintError when the printer cannot start.
    """
    printer.setFullPage(True)  # page images carry their own margins
    dpi = min(printer.resolution(), MAX_DPI)
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("打印机无法开始打印，请检查打印机是否连接或缺纸。")
    painted = 0
    try:
        for _copy in range(copies):
            for number, image in enumerate(page_images(paths, dpi), 1):
                if not _selected(printer, number):
                    continue
                if painted and not printer.newPage():
                    raise PrintError("打印机无法换页。")
                area = printer.pageLayout().fullRectPixels(printer.resolution())
                painter.drawImage(_target(image, area), image)
                painted += 1
    finally:
        painter.end()
    return painted


def a4_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


def print_dialog(printer: QPrinter, parent: QWidget | None, pages: int) -> QPrintDialog:
    """The system print dialog for a job of `pages` pages (page range enabled)."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog.setMinMax(1, max(1, pages))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    return dialog


def ask_printer(printer: QPrinter, parent: QWidget | None, pages: int) -> bool:
    """Show the print dialog; True when the clerk chose to print."""
    return print_dialog(printer, parent, pages).exec() == QDialog.DialogCode.Accepted


Chooser = Callable[[QPrinter, QWidget | None, int], bool]


def print_pdfs(
    paths: Sequence[Path], parent: QWidget | None = None, *, choose: Chooser = ask_printer
) -> str | None:
    """Ask for a printer and print `paths` as one job; a problem for the clerk, or None.

    Cancelling the dialog is not a problem: nothing is printed and None is returned.
    """
    try:
        pages = page_count(paths)
        printer = a4_printer()
        printer.setDocName(" ".join(p.stem for p in paths)[:120])
        if not choose(printer, parent, pages):
            return None
        paint_pdfs(paths, printer)
    except PrintError as error:
        return str(error)
    return None


def copy_pdfs(paths: Sequence[Path], target: Path) -> list[Path]:
    """Copy `paths` to `target`: a file name for one document, a folder for several."""
    try:
        if len(paths) == 1 and target.suffix.lower() == ".pdf":
            target.parent.mkdir(parents=True, exist_ok=True)
            return [Path(shutil.copyfile(paths[0], target))]
        target.mkdir(parents=True, exist_ok=True)
        return [Path(shutil.copyfile(path, target / path.name)) for path in paths]
    except OSError as error:
        raise PrintError(f"无法保存到 {target}：{error.strerror or error}") from error


def ask_target(paths: Sequence[Path], parent: QWidget | None) -> Path | None:
    """Where to save: a file name for one document, a folder for several (None: cancelled)."""
    if len(paths) == 1:
        chosen, _filter = QFileDialog.getSaveFileName(parent, "另存为PDF", str(Path.home() / paths[0].name), PDF_FILTER)
    else:
        chosen = QFileDialog.getExistingDirectory(parent, "保存到文件夹", str(Path.home()))
    if not chosen:
        return None
    target = Path(chosen)
    return target.with_suffix(".pdf") if len(paths) == 1 and target.suffix.lower() != ".pdf" else target


def save_pdfs_as(
    paths: Sequence[Path],
    parent: QWidget | None = None,
    *,
    choose: Callable[[Sequence[Path], QWidget | None], Path | None] = ask_target,
) -> list[Path]:
    """Ask where to save copies of `paths` and copy them there (empty when cancelled)."""
    target = choose(paths, parent)
    return copy_pdfs(paths, target) if target is not None else []
