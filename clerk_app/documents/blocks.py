"""The building blocks of a notice's body: paragraphs, field grids, item tables, signature lines.

Every string goes through `markup`, so fallback faces and missing-glyph marks apply in every
paragraph and every table cell. Sizes follow Chinese official documents: body 小四 (12 pt), tables
五号 (10.5 pt).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from clerk_app.documents.fonts import FontSet
from clerk_app.documents.layout import CONTENT_WIDTH
from clerk_app.documents.text import markup, text_width

BODY_SIZE = 12.0
CELL_SIZE = 10.5
NOTE_SIZE = 9.5
LABEL_FILL = colors.Color(0.93, 0.93, 0.93)
HEAD_FILL = colors.Color(0.86, 0.86, 0.86)
LABEL_WIDTH = 33 * mm
HALF_VALUE = CONTENT_WIDTH / 2 - LABEL_WIDTH
CELL_PADDING = 4


@dataclass(frozen=True)
class Field:
    """One labelled value of a field grid."""

    label: str
    value: str


Pair = tuple[Field, Field]
GridRow = Field | Pair  # a field on a row of its own, or two side by side when both fit


@dataclass(frozen=True)
class Signer:
    """A signature line: who signs (the role), and the printed name when known."""

    role: str
    name: str = ""


class Blocks:
    """Flowables set in the document fonts."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        main = fonts.main
        self.body = ParagraphStyle("body", fontName=main, fontSize=BODY_SIZE, leading=19.5, wordWrap="CJK",
                                   firstLineIndent=2 * BODY_SIZE, spaceAfter=2, alignment=TA_JUSTIFY)
        self.plain = ParagraphStyle("plain", parent=self.body, firstLineIndent=0, alignment=TA_LEFT)
        self.heading = ParagraphStyle("heading", parent=self.plain, spaceBefore=6, spaceAfter=4)
        self.cell = ParagraphStyle("cell", fontName=main, fontSize=CELL_SIZE, leading=14.5, wordWrap="CJK")
        self.cell_centre = ParagraphStyle("cell_centre", parent=self.cell, alignment=TA_CENTER)
        self.note = ParagraphStyle("note", parent=self.cell, fontSize=NOTE_SIZE, leading=13.5, textColor=colors.black)
        self.right = ParagraphStyle("right", parent=self.plain, alignment=TA_RIGHT)

    def text(self, text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(markup(text, self.fonts), style)

    def paragraph(self, text: str) -> Paragraph:
        """A body paragraph, first line indented by two characters."""
        return self.text(text, self.body)

    def salutation(self, name: str) -> Paragraph:
        return self.text(f"{name}：", self.plain)

    def section(self, text: str) -> Paragraph:
        return self.text(text, self.heading)

    def notes(self, lines: Sequence[str]) -> list[Flowable]:
        return [Spacer(1, 2 * mm), *(self.text(line, self.note) for line in lines if line)]

    def fields(self, rows: Sequence[GridRow]) -> Table:
        """A bordered grid of labelled values; a pair that does not fit side by side takes two rows."""
        cells: list[list[Paragraph | str]] = []
        for row in rows:
            if isinstance(row, Field):
                cells.append(self._grid_row([row]))
            elif all(self._fits_half(item) for item in row):
                cells.append(self._grid_row(list(row)))
            else:
                cells += [self._grid_row([item]) for item in row]
        table = Table(cells, colWidths=[LABEL_WIDTH, HALF_VALUE, LABEL_WIDTH, HALF_VALUE])
        style = self._grid_style()
        for index, row_cells in enumerate(cells):
            style.add("BACKGROUND", (0, index), (0, index), LABEL_FILL)
            if row_cells[2] == "":
                style.add("SPAN", (1, index), (3, index))
            else:
                style.add("BACKGROUND", (2, index), (2, index), LABEL_FILL)
        table.setStyle(style)
        return table

    def _fits_half(self, item: Field) -> bool:
        return text_width(item.value, self.fonts, CELL_SIZE) <= HALF_VALUE - 2 * CELL_PADDING

    def _grid_row(self, items: list[Field]) -> list[Paragraph | str]:
        row: list[Paragraph | str] = []
        for item in items:
            row += [self._label(item.label), self.text(item.value, self.cell)]
        return [*row, "", ""] if len(items) == 1 else row

    def _label(self, label: str) -> Paragraph:
        return self.text(label, self.cell_centre)

    def items(self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
        """A bordered table with a shaded header row repeated on every page it flows onto.

        `widths` are fractions of the text width; a column whose header ends with "序号" or whose
        fraction is under 0.1 is centred.
        """
        centred = [w < 0.1 for w in widths]
        head = [self.text(h, self.cell_centre) for h in headers]
        body = [
            [self.text(str(cell), self.cell_centre if centred[i] else self.cell) for i, cell in enumerate(row)]
            for row in rows
        ]
        table = Table([head, *body], colWidths=[w * CONTENT_WIDTH for w in widths], repeatRows=1, splitInRow=1)
        style = self._grid_style()
        style.add("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)
        table.setStyle(style)
        return table

    def _grid_style(self) -> TableStyle:
        return TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), self.fonts.main),  # empty cells would name Helvetica
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ]
        )

    @staticmethod
    def together(*flowables: Flowable | Sequence[Flowable]) -> KeepTogether:
        """Keep these on one page (a case's grid with its signatures, for instance)."""
        flat: list[Flowable] = []
        for item in flowables:
            flat += list(item) if isinstance(item, Sequence) else [item]
        return KeepTogether(flat)

    def signatures(self, signers: Sequence[Signer], issuer: str = "", day: str = "") -> list[Flowable]:
        """A line to sign and a date to fill per signer, then the issuing organ and date for the seal."""
        rows = [
            [self.text(f"{s.role}：{s.name}", self.plain), self.text("签字：", self.plain), "",
             self.text("日期：", self.plain), ""]
            for s in signers
        ]
        widths = [0.39, 0.08, 0.25, 0.08, 0.20]
        table = Table(rows, colWidths=[w * CONTENT_WIDTH for w in widths])
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), self.fonts.main),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 11),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LINEBELOW", (2, 0), (2, -1), 0.6, colors.black),
            ("LINEBELOW", (4, 0), (4, -1), 0.6, colors.black),
        ]))
        parts: list[Flowable] = [Spacer(1, 3 * mm), table]
        if issuer:
            parts += [Spacer(1, 5 * mm), self.text(f"{issuer}（盖章）", self.right), self.text(day, self.right)]
        return parts
