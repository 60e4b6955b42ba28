"""Typed errors of the document camera and its image pipeline.

Every error carries a code, its parameters and a wording in Simplified Chinese (default) and
English, so the CLI and the UI show a precise message instead of a traceback.
"""

from __future__ import annotations

from clerk_app.core.problems import WordedError

CAMERA_MESSAGES: dict[str, tuple[str, str]] = {
    "image.missing": ("找不到图像文件：{path}", "image file not found: {path}"),
    "image.unreadable": (
        "无法读取图像文件：{path}（{reason}）",
        "cannot read image file: {path} ({reason})",
    ),
    "image.not_image": (
        "不是可识别的图像文件：{path}",
        "not a recognised image file: {path}",
    ),
    "image.empty": ("图像为空：{what}", "empty image: {what}"),
    "image.too_small": (
        "图像太小（{width}×{height}），至少需要{minimum}像素宽高",
        "image too small ({width}x{height}); at least {minimum} pixels each way",
    ),
    "image.type": (
        "不支持的图像数据：{what}",
        "unsupported image data: {what}",
    ),
    "camera.missing": (
        "未找到高拍仪（设备{index}），请检查连接",
        "document camera {index} not found; check the cable",
    ),
    "camera.lost": ("高拍仪已断开（设备{index}）", "document camera {index} disconnected"),
    "source.empty": ("图像序列为空：{what}", "no frames in the source: {what}"),
    "pdf.no_pages": ("没有可写入PDF的页面", "no pages to write to the PDF"),
    "pdf.write": ("无法写入PDF文件：{path}（{reason}）", "cannot write PDF {path} ({reason})"),
    "idcard.sides": (
        "身份证合并需要正面和反面两张图像，当前为{count}张",
        "ID card merge needs a front and a back image, got {count}",
    ),
}


class CameraError(WordedError):
    """A problem of the camera or of an image, with a wording for the user."""

    MESSAGES = CAMERA_MESSAGES


class ImageError(CameraError):
    """An image that cannot be used: missing, unreadable, empty or of the wrong type."""


class CameraUnavailable(CameraError):
    """No camera at that index, or the camera went away."""


class PdfError(CameraError):
    """A material PDF could not be written."""
