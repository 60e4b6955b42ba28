"""Page furniture shared by every printed document: A4, header, QR code, footer, 第x页 共y页.

The first page carries the hall's name and the document title centred, the QR code (it carries
`hall.query_link(case.number)`) in the top right corner with the case number (办件编号) under it.
Later pages repeat a one-line header, so a page that comes loose still names its case. Every page
ends with the footer line and "第x页 共y页"; the total is only known at the end, so each page draws
a named PDF form that is defined once the last page is done.

Output is deterministic (reportlab's invariant mode: fixed creation date and document id), so the
same case renders to the same bytes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from clerk_app.documents.fonts import FontSet
from clerk_app.documents.text import draw_text, text_width

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 22 * mm
MARGIN_BOTTOM = 24 * mm
FIRST_PAGE_TOP = 47 * mm  # header height on the first page
LATER_PAGE_TOP = 24 * mm
QR_SIZE = 24 * mm
HALL_SIZE = 16.0  # 三号
TITLE_SIZE = 22.0  # 二号
SMALL_SIZE = 9.0
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
RULE_GREY = 0.45
_BUILD_LOCK = threading.Lock()  # reportlab keeps per-font state: one document at a time


@dataclass(frozen=True)
class Furniture:
    """What the page furniture prints: the same on every page of one document."""

    title: str
    hall_name: str
    case_number: str
    query_link: str
    footer: str  # e.g. hall address and phone numbers
    fonts: FontSet


class PagedCanvas(Canvas):
    """A canvas whose pages show "第x页 共y页" although y is known only when it is saved."""

    def __init__(self, fonts: FontSet, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fonts = fonts
        self.page_count = 0

    def draw_page_label(self, x: float, y: float) -> None:
        self.saveState()
        self.translate(x, y)
        self.doForm(_label_form(self.getPageNumber()))
        self.restoreState()

    def save(self) -> None:
        self.page_count = self.getPageNumber() - 1
        for page in range(1, self.page_count + 1):
            self.beginForm(_label_form(page), -60 * mm, -5 * mm, 60 * mm, 10 * mm)
            draw_text(self, 0, 0, f"第{page}页  共{self.page_count}页", self.fonts, SMALL_SIZE, align="centre")
            self.endForm()
        super().save()


def _label_form(page: int) -> str:
    return f"PageLabel{page}"


def qr_drawing(value: str, font: str, size: float = QR_SIZE) -> Drawing:
    """A QR code of `value`, `size` points square (quiet zone included), error correction M.

    `font` only replaces the renderer's default Helvetica, which would otherwise be named, not
    embedded, in the PDF although the code has no text.
    """
    widget = QrCodeWidget(value, barWidth=size, barHeight=size, barLevel="M", barBorder=4)
    drawing = Drawing(size, size, initialFontName=font)
    drawing.add(widget)
    return drawing


def fit_size(text: str, fonts: FontSet, size: float, width: float) -> float:
    """`size`, or smaller so that one line of `text` fits in `width`: a long name shrinks, never overflows."""
    natural = text_width(text, fonts, size)
    return size if natural <= width else size * width / natural


def _rule(canvas: Canvas, y: float) -> None:
    canvas.saveState()
    canvas.setStrokeGray(RULE_GREY)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_X, y, PAGE_WIDTH - MARGIN_X, y)
    canvas.restoreState()


def draw_first_header(canvas: Canvas, furniture: Furniture) -> None:
    fonts = furniture.fonts
    top = PAGE_HEIGHT - 10 * mm
    qr_x = PAGE_WIDTH - MARGIN_X - QR_SIZE
    renderPDF.draw(qr_drawing(furniture.query_link, fonts.main), canvas, qr_x, top - QR_SIZE)
    draw_text(canvas, qr_x + QR_SIZE / 2, top - QR_SIZE - 2.2 * mm, "扫码查询办理进度", fonts, 7, align="centre")
    centre = PAGE_WIDTH / 2
    room = 2 * (qr_x - 3 * mm - centre)  # centred lines stay clear of the QR code
    hall_size = fit_size(furniture.hall_name, fonts, HALL_SIZE, room)
    draw_text(canvas, centre, top - 11 * mm, furniture.hall_name, fonts, hall_size, align="centre")
    title_size = fit_size(furniture.title, fonts, TITLE_SIZE, room)
    draw_text(canvas, centre, top - 22.5 * mm, furniture.title, fonts, title_size, align="centre", bold=True)
    number = f"办件编号：{furniture.case_number}"
    draw_text(canvas, PAGE_WIDTH - MARGIN_X, top - 31.5 * mm, number, fonts, 10.5, align="right")
    _rule(canvas, top - 33.5 * mm)


def draw_later_header(canvas: Canvas, furniture: Furniture) -> None:
    fonts = furniture.fonts
    y = PAGE_HEIGHT - 15 * mm
    number = f"办件编号：{furniture.case_number}"
    number_width = draw_text(canvas, PAGE_WIDTH - MARGIN_X, y, number, fonts, SMALL_SIZE, align="right")
    left = f"{furniture.hall_name}  {furniture.title}（续）"
    left_size = fit_size(left, fonts, SMALL_SIZE, CONTENT_WIDTH - number_width - 6 * mm)
    draw_text(canvas, MARGIN_X, y, left, fonts, left_size)
    _rule(canvas, y - 2.5 * mm)


def draw_footer(canvas: PagedCanvas, furniture: Furniture) -> None:
    _rule(canvas, 19 * mm)
    if furniture.footer:
        size = fit_size(furniture.footer, furniture.fonts, SMALL_SIZE, CONTENT_WIDTH)
        draw_text(canvas, PAGE_WIDTH / 2, 14.5 * mm, furniture.footer, furniture.fonts, size, align="centre")
    canvas.draw_page_label(PAGE_WIDTH / 2, 10 * mm)


def _frame(top: float) -> Frame:
    height = PAGE_HEIGHT - top - MARGIN_BOTTOM
    return Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, height, leftPadding=0, rightPadding=0, topPadding=0)


def _on_page(furniture: Furniture, header: Callable[[Canvas, Furniture], None]) -> Callable[[Any, Any], None]:
    def draw(canvas: PagedCanvas, _doc: Any) -> None:
        canvas.saveState()
        header(canvas, furniture)
        draw_footer(canvas, furniture)
        canvas.restoreState()

    return draw


class _Document(BaseDocTemplate):
    """A4 document with a first-page template and a template for the pages after it."""

    def __init__(self, target: str | BinaryIO, furniture: Furniture) -> None:
        super().__init__(
            target,
            pagesize=A4,
            title=f"{furniture.title} {furniture.case_number}",
            author=furniture.hall_name,
            subject=furniture.case_number,
            creator="clerk_app",
            invariant=1,
            initialFontName=furniture.fonts.main,  # or every page names Helvetica, which is not embedded
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=LATER_PAGE_TOP,
            bottomMargin=MARGIN_BOTTOM,
        )
        first_page = _on_page(furniture, draw_first_header)
        first = PageTemplate("first", [_frame(FIRST_PAGE_TOP)], onPage=first_page, autoNextPageTemplate="later")
        later = PageTemplate("later", [_frame(LATER_PAGE_TOP)], onPage=_on_page(furniture, draw_later_header))
        self.addPageTemplates([first, later])


def build_pdf(out: Path | BinaryIO, furniture: Furniture, story: Sequence[Flowable]) -> int:
    """Lay `story` out on A4 pages with the furniture; write the PDF to `out`; return the page count."""
    buffer = BytesIO()
    document = _Document(buffer, furniture)
    canvases: list[PagedCanvas] = []

    def make_canvas(*args: Any, **kwargs: Any) -> PagedCanvas:
        canvases.append(PagedCanvas(furniture.fonts, *args, **kwargs))
        return canvases[-1]

    with _BUILD_LOCK:
        document.build(list(story), canvasmaker=make_canvas)
    if isinstance(out, Path):
        out.write_bytes(buffer.getvalue())
    else:
        out.write(buffer.getvalue())
    return canvases[-1].page_count
