"""numpy images to Qt images (copies, so the worker may reuse its buffers)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def to_qimage(image: np.ndarray) -> QImage:
    image = np.ascontiguousarray(image)
    height, width = image.shape[:2]
    if image.ndim == 2:
        fmt, line = QImage.Format.Format_Grayscale8, width
    else:
        fmt, line = QImage.Format.Format_BGR888, 3 * width
    return QImage(image.data, width, height, line, fmt).copy()
