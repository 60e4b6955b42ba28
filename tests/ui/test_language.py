"""English at runtime: the whole screen retranslates live, and the translation is complete."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt

from clerk_app.config.paths import resources_dir
from clerk_app.core.case import DecisionKind
from clerk_app.ui.main_window import MainWindow
from tests.ui.test_intake import SETUP, choose_matter

TRANSLATIONS = resources_dir() / "translations"
UI_SOURCES = sorted(str(p) for p in (Path(__file__).resolve().parents[2] / "clerk_app" / "ui").rglob("*.py"))


def test_switches_language_live(qtbot, window: MainWindow) -> None:
    choose_matter(qtbot, window, "gtgshsl", SETUP)
    accept = window.intake.bar.buttons[DecisionKind.ACCEPT]
    assert accept.text() == "受理 (F9)"
    assert window.ws.languages.set_language("en")
    qtbot.waitUntil(lambda: accept.text() == "Accept (F9)")  # LanguageChange events are posted
    assert accept.shortcut().toString() == "F9"
    assert window.search.title.text() == "Find a matter (F2)"
    assert window.intake.materials.title.text() == "Materials"
    assert window.cases.model.headerData(1, Qt.Orientation.Horizontal) == "Case number"
    assert "missing or wrong" in window.intake.bar.status.text()
    assert "Missing: " in window.intake.bar.status.text()  # the core's wording follows the language
    window.ws.languages.set_language("zh_CN")
    qtbot.waitUntil(lambda: accept.text() == "受理 (F9)")
    assert "缺少：" in window.intake.bar.status.text()


def test_every_text_is_translated_and_compiled(tmp_path: Path) -> None:
    lupdate, lrelease = shutil.which("pyside6-lupdate"), shutil.which("pyside6-lrelease")
    if lupdate is None or lrelease is None:
        venv_bin = Path(__file__).resolve().parents[2] / ".venv" / "bin"
        lupdate, lrelease = str(venv_bin / "pyside6-lupdate"), str(venv_bin / "pyside6-lrelease")
    ts = tmp_path / "clerk_app_en.ts"
    shutil.copy(TRANSLATIONS / "clerk_app_en.ts", ts)
    subprocess.run([lupdate, *UI_SOURCES, "-ts", str(ts), "-no-obsolete"], check=True, capture_output=True)
    text = ts.read_text("utf-8")
    assert 'type="unfinished"' not in text, "run `make translations` and translate the new texts"
    qm = tmp_path / "clerk_app_en.qm"
    subprocess.run([lrelease, str(TRANSLATIONS / "clerk_app_en.ts"), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == (TRANSLATIONS / "clerk_app_en.qm").read_bytes(), "run `make translations`"
