"""Scanning materials during intake: the document camera panel for the checklist's current row.

The pages of a material become one PDF stored in the data folder's vault by its sha256 (the
address sync uploads it by), sealed with the folder's key and never written in clear; the
checklist records the hash and counts the material as received. The
camera comes from settings: an index ("0"), an image, image sequence or video file, or
"simulator" (generated desk photos, for demos and training).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from clerk_app.devices.camera.process import CleanPage
from clerk_app.devices.camera.sources import CameraSource, FileSource, FrameSource
from clerk_app.ui.context import Workstation
from clerk_app.ui.i18n import Retranslatable
from clerk_app.ui.scan.feed import CameraFeed
from clerk_app.ui.scan.panel import ScanPanel
from clerk_app.ui.scan.session import ScanSession

if TYPE_CHECKING:
    from clerk_app.store.vault import FileVault

DEMO_SHOTS = 4


def camera_source(spec: str, data_dir: Path) -> FrameSource:
    if spec.isdigit():
        return CameraSource(int(spec))
    if spec == "simulator":
        return FileSource(demo_shots(data_dir / "demo_camera"), fps=10)
    return FileSource(Path(spec), fps=15)


def demo_shots(folder: Path) -> list[Path]:
    """A few generated desk photos of pages, made once, for the simulated camera."""
    paths = sorted(folder.glob("shot_*.png"))
    if len(paths) >= DEMO_SHOTS:
        return paths
    import cv2

    from clerk_app.devices.camera.synthetic import dataset

    folder.mkdir(parents=True, exist_ok=True)
    for index, shot in enumerate(dataset(DEMO_SHOTS, seed=7)):
        path = folder / f"shot_{index}.png"
        cv2.imwrite(str(path), shot.image)
    return sorted(folder.glob("shot_*.png"))


def store_material_pdf(session: ScanSession, key: str, vault: FileVault, title: str) -> str | None:
    """Store the material's pages as one PDF named by its sha256; None when it has no pages."""
    if not session.pages(key):
        return None
    return vault.put(session.pdf_bytes(key, title))


class ScanDialog(Retranslatable, QDialog):
    """The scan panel for one material; closing it keeps the pages (Esc or the button)."""

    def __init__(self, feed: CameraFeed, session: ScanSession, material_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.material_name = material_name
        self.panel = ScanPanel(feed, session, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.resize(1000, 720)
        self.translateUI()

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("扫描材料：%1").replace("%1", self.material_name))


class MaterialScanner:
    """Owns the camera feed and the session's pages; attaches stored PDFs to the checklist."""

    def __init__(self, ws: Workstation, parent: QWidget) -> None:
        self.ws = ws
        self.parent = parent
        self.session = ScanSession(parent)
        self.feed: CameraFeed | None = None

    def reset(self) -> None:
        self.session.deleteLater()
        self.session = ScanSession(self.parent)

    def scan(self, key: str, name: str, on_stored) -> None:
        """Open the panel for material `key`; `on_stored(key, sha256s)` once its PDF is written."""
        if self.feed is None:
            source = camera_source(self.ws.settings.devices.camera, self.ws.settings.data_dir)
            self.feed = CameraFeed(source, self.parent)
        self.session.set_material(key)
        self.feed.start()
        try:
            ScanDialog(self.feed, self.session, name, self.parent).exec()
        finally:
            self.feed.stop()
        self.store(key, name, on_stored)

    def add_page(self, key: str, page: CleanPage) -> None:
        self.session.set_material(key)
        self.session.add(page)

    def store(self, key: str, name: str, on_stored) -> None:
        session, stores = self.session, self.ws.stores

        def done(digest: str | None) -> None:
            on_stored(key, (digest,) if digest else ())

        self.ws.printing.run(lambda: store_material_pdf(session, key, stores.files, name), on_done=done)

    def close(self) -> None:
        if self.feed is not None:
            self.feed.stop()
