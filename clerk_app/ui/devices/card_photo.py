"""The card holder's photo for the form: the decoded image, or a clear placeholder.

The photo on the chip is WLT, which only a vendor's decoder library turns into an image
(configured as `photo_decoder`). Without one, the placeholder says so instead of showing an
empty frame that a clerk could take for a missing photo.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap

from clerk_app.devices.idcard.model import CardData
from clerk_app.ui.devices.wording import Wording, word

PHOTO_SIZE = QSize(102, 126)


def photo_pixmap(card: CardData | None, size: QSize = PHOTO_SIZE) -> QPixmap:
    """The card's photo scaled into `size`, or the placeholder explaining why there is none."""
    if card is not None and card.photo_bmp:
        pixmap = QPixmap()
        if pixmap.loadFromData(card.photo_bmp, "BMP"):
            return pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
    return placeholder_pixmap(placeholder_text(card), size)


NO_CARD: Wording = ("无证件照片", "No card photo")
NOT_DECODED: Wording = ("照片未解码\n（未配置厂商\n解码库）", "Photo not\ndecoded (no\nvendor decoder)")
NO_PHOTO: Wording = ("证件无照片", "No photo\non the card")


def placeholder_text(card: CardData | None, lang: str | None = None) -> str:
    if card is None:
        return word(NO_CARD, lang)
    return word(NOT_DECODED if card.photo_wlt else NO_PHOTO, lang)


def placeholder_pixmap(text: str, size: QSize = PHOTO_SIZE) -> QPixmap:
    pixmap = QPixmap(size)
    pixmap.fill(QColor("#eeeeee"))
    painter = QPainter(pixmap)
    try:
        painter.setPen(QPen(QColor("#9e9e9e"), 1, Qt.PenStyle.DashLine))
        painter.drawRect(QRect(0, 0, size.width() - 1, size.height() - 1))
        painter.setPen(QColor("#616161"))
        font = painter.font()
        font.setPixelSize(max(9, size.width() // 9))
        painter.setFont(font)
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, text)
    finally:
        painter.end()
    return pixmap
