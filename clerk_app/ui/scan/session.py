"""The pages captured for each material of the current case.

`ScanSession` is the model behind the page strip: pages per material key, the material being
scanned, and the clerk's edits (reorder, rotate, delete, retake). Every change emits
`pages_changed(material_key, pages)`, which the intake checklist listens to: a material with
pages counts as received.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from clerk_app.devices.camera.pdf import build_pdf
from clerk_app.devices.camera.process import CleanPage, pdf_pages, write_material_pdf


class ScanSession(QObject):
    pages_changed = Signal(str, list)  # material key, list[CleanPage]
    material_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pages: dict[str, list[CleanPage]] = {}
        self.material = ""
        self.retake_index: int | None = None

    def set_material(self, key: str) -> None:
        self.material = key
        self.retake_index = None
        self.material_changed.emit(key)
        self._changed()

    def pages(self, key: str | None = None) -> list[CleanPage]:
        return list(self._pages.get(self.material if key is None else key, []))

    def materials(self) -> list[str]:
        return [key for key, pages in self._pages.items() if pages]

    def add(self, page: CleanPage) -> None:
        """A new capture: appended, or replacing the page marked for retake."""
        pages = self._pages.setdefault(self.material, [])
        if self.retake_index is not None and self.retake_index < len(pages):
            pages[self.retake_index] = page
        else:
            pages.append(page)
        self.retake_index = None
        self._changed()

    def mark_retake(self, index: int) -> None:
        if 0 <= index < len(self.pages()):
            self.retake_index = index

    def move(self, index: int, to: int) -> None:
        pages = self._pages.get(self.material, [])
        if 0 <= index < len(pages) and 0 <= to < len(pages) and index != to:
            pages.insert(to, pages.pop(index))
            self._changed()

    def rotate(self, index: int, degrees: int = 90) -> None:
        pages = self._pages.get(self.material, [])
        if 0 <= index < len(pages):
            pages[index] = pages[index].rotated(degrees)
            self._changed()

    def delete(self, index: int) -> None:
        pages = self._pages.get(self.material, [])
        if 0 <= index < len(pages):
            del pages[index]
            self.retake_index = None
            self._changed()

    def export_pdf(self, key: str, path: str | Path, title: str = "") -> int:
        """The material's pages as one PDF; returns its size in bytes."""
        return write_material_pdf(self.pages(key), path, title)

    def pdf_bytes(self, key: str, title: str = "") -> bytes:
        """The material's pages as one PDF, in memory (stored through the folder's vault)."""
        return build_pdf(pdf_pages(self.pages(key)), title)

    def _changed(self) -> None:
        self.pages_changed.emit(self.material, self.pages())
