"""Loading and checking images, with typed errors instead of OpenCV's silent `None`."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from clerk_app.devices.camera.errors import ImageError

MIN_SIDE = 32


def load_image(path: str | Path) -> np.ndarray:
    """Read a photograph as a BGR uint8 array."""
    file = Path(path)
    if not file.exists():
        raise ImageError("image.missing", path=str(file))
    if not file.is_file():
        raise ImageError("image.unreadable", path=str(file), reason="不是文件")
    try:
        data = np.fromfile(str(file), dtype=np.uint8)
    except OSError as exc:
        raise ImageError("image.unreadable", path=str(file), reason=exc.strerror or "I/O") from exc
    if data.size == 0:
        raise ImageError("image.empty", what=str(file))
    image = cv2.imdecode(data, cv2.IMREAD_COLOR)
    if image is None:
        raise ImageError("image.not_image", path=str(file))
    return check_image(image, str(file))


def check_image(image: object, what: str = "图像") -> np.ndarray:
    """Return a BGR uint8 image, converting grey or BGRA; raise ImageError otherwise."""
    if not isinstance(image, np.ndarray):
        raise ImageError("image.type", what=f"{what}: {type(image).__name__}")
    if image.size == 0:
        raise ImageError("image.empty", what=what)
    if image.dtype != np.uint8:
        raise ImageError("image.type", what=f"{what}: dtype {image.dtype}")
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    elif image.ndim == 3 and image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    elif image.ndim != 3 or image.shape[2] != 3:
        raise ImageError("image.type", what=f"{what}: shape {image.shape}")
    height, width = image.shape[:2]
    if min(height, width) < MIN_SIDE:
        raise ImageError("image.too_small", width=width, height=height, minimum=MIN_SIDE)
    return image


def to_gray(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
