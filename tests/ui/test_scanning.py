"""Scanned pages become a material's PDF, addressed by sha256, and the material counts as received."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt

from clerk_app.core.case import CaseState
from clerk_app.devices.camera.process import clean_page
from clerk_app.devices.camera.synthetic import dataset
from clerk_app.ui.main_window import MainWindow
from tests.ui.test_intake import SETUP, choose_matter, decide, fill_setup, press_enter


def test_scanned_material_is_received_and_kept_with_the_case(qtbot, window: MainWindow) -> None:
    choose_matter(qtbot, window, "gtgshsl", SETUP)
    fill_setup(qtbot, window)
    window.intake.materials.mark_all_received()
    window.intake.materials._rows["lease_contract"].received.setChecked(False)
    assert not window.intake.assessment.can_accept
    scanner = window.intake.scanner
    for shot in dataset(2, seed=3):
        scanner.add_page("lease_contract", clean_page(shot.image, mode="gray"))
    stored: list[tuple[str, tuple[str, ...]]] = []

    def attach(key: str, hashes: tuple[str, ...]) -> None:
        stored.append((key, hashes))
        window.intake.materials.attach_scans(key, hashes)

    scanner.store("lease_contract", "房屋租赁合同", attach)
    qtbot.waitUntil(lambda: bool(stored), timeout=20000)
    key, (digest,) = stored[0]
    assert key == "lease_contract"
    vault = window.intake.ws.stores.files
    assert vault.folder == window.intake.ws.settings.data_dir / "files"
    pdf = vault.get(digest)  # decrypted and checked (tag and hash)
    assert hashlib.sha256(pdf).hexdigest() == digest and pdf.startswith(b"%PDF")
    assert vault.path(digest).read_bytes().startswith(b"%PDF") is not vault.encrypted  # never in clear at rest
    assert window.intake.assessment.can_accept
    case = decide(qtbot, window, Qt.Key.Key_F9, press_enter)
    assert case.state is CaseState.ACCEPTED
    lease = next(m for m in case.materials if m.key == "lease_contract")
    assert lease.received and lease.scans == (digest,)
