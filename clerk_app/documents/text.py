"""Text through the font runs: paragraph markup for platypus and strings drawn on a canvas.

Every piece of text that reaches a page goes through `FontSet.runs`, so a character the main face
lacks is printed with a fallback face and one no face has is printed as a visible mark.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import paragraph

from clerk_app.documents.fonts import FontSet, Run

MARK_COLOUR = "#C00000"
FAKE_BOLD_STROKE = 0.035  # stroke width per point of font size for titles (the CJK faces have no bold)
# Chinese punctuation that must not start a line; reportlab's list (made for Japanese) lacks most of
# it, so "，" or "：" could open a line. Its CJK line breaker hangs one such character in the margin.
CANNOT_START_LINE = "，：；！？”’》〉」』】〗〙〛…·"


def _teach_line_breaking() -> None:
    """Add the Chinese punctuation to both of reportlab's CJK line breakers (plain and marked-up text)."""
    for module in (textsplit, paragraph):
        module.ALL_CANNOT_START += "".join(ch for ch in CANNOT_START_LINE if ch not in module.ALL_CANNOT_START)


_teach_line_breaking()


def markup(text: str, fonts: FontSet) -> str:
    """Paragraph markup for plain `text`: escaped, fallback runs tagged, newlines as line breaks."""
    parts = []
    for run in fonts.runs(text):
        body = escape(run.text).replace("\n", "<br/>")
        if run.missing:
            parts.append(f'<font face="{run.face}" color="{MARK_COLOUR}">{body}</font>')
        elif run.face != fonts.main:
            parts.append(f'<font face="{run.face}">{body}</font>')
        else:
            parts.append(body)
    return "".join(parts)


def _width(run: Run, size: float) -> float:
    return stringWidth(run.text, run.face, size)


def text_width(text: str, fonts: FontSet, size: float) -> float:
    return sum(_width(run, size) for run in fonts.runs(text))


def draw_text(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    fonts: FontSet,
    size: float,
    *,
    align: str = "left",
    bold: bool = False,
    colour: str = "#000000",
) -> float:
    """Draw one line of `text` with its baseline at y; `align` says what x is (left/centre/right)."""
    runs = fonts.runs(text.replace("\n", " "))
    width = sum(_width(run, size) for run in runs)
    start = {"left": x, "centre": x - width / 2, "right": x - width}[align]
    canvas.saveState()
    if bold:
        canvas.setLineWidth(size * FAKE_BOLD_STROKE)
    label = canvas.beginText(start, y)
    if bold:
        label.setTextRenderMode(2)  # fill and stroke: a bolder stroke for titles
    for run in runs:
        label.setFont(run.face, size)
        label.setFillColor(MARK_COLOUR if run.missing else colour)
        label.textOut(run.text)
    canvas.drawText(label)
    canvas.restoreState()
    return width
