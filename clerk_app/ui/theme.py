"""Fonts and look: a CJK font registered with Qt, large readable type, colour never alone.

`apply_theme` sets the application font (the CJK face at the style sheet's 14 px) and the
style sheet. The main window's first frame needs none of the sheet, and with one every widget
is polished and painted through Qt's style-sheet style, some milliseconds more before the clerk
can type: the main window takes it off while it comes up (`suspend_style_sheet`) and puts it
back after its first frame. Its matter search's title takes its font directly.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from clerk_app.config.paths import resources_dir

log = logging.getLogger(__name__)

# System fonts and their family names: one the system already lists (fontconfig, Windows) is used
# by name. Registering its file again would make Qt read every glyph of a large CJK collection
# to learn what it covers, tens of milliseconds at each start, for a font it already knows.
_SYSTEM_CANDIDATES = {
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc": "WenQuanYi Zen Hei",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc": "WenQuanYi Micro Hei",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc": "Noto Sans CJK SC",
    "C:/Windows/Fonts/msyh.ttc": "Microsoft YaHei",
    "C:/Windows/Fonts/simsun.ttc": "SimSun",
}
MISSING_FONT_HELP = "未找到中文字体，汉字将显示为方框。请安装：apt-get install fonts-wqy-zenhei"

FONT_PIXELS = 14  # the style sheet's `QWidget { font-size }`, as the application font before it applies
STYLE = """
QWidget { font-size: 14px; }
QLineEdit[invalid="true"], QComboBox[invalid="true"] { border: 2px solid #c62828; }
QLabel[role="problem"] { color: #c62828; }
QLabel[role="hint"] { color: #555; }
QLabel[role="title"] { font-size: 18px; font-weight: bold; }
QPushButton[role="decision"] { padding: 8px 14px; font-weight: bold; }
QPushButton[role="decision"]:disabled { color: #999; }
"""


def _fc_match() -> Path | None:
    import shutil
    import subprocess  # only when no known font file exists

    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}", ":lang=zh-cn"], capture_output=True, text=True, timeout=5
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(out) if out and Path(out).exists() else None


def find_cjk_font() -> Path | None:
    folder = resources_dir() / "fonts"
    try:  # a listing, not Path.glob: no pattern to compile at every start
        names = sorted(name for name in os.listdir(folder)  # HanaMin*: the fallback of rare characters
                       if name.endswith((".ttc", ".ttf")) and not name.lower().startswith("hanamin"))
    except OSError:
        names = []
    for path in (*(folder / name for name in names), *map(Path, _SYSTEM_CANDIDATES)):
        if path.exists():
            return path
    return _fc_match()


def apply_theme(app: QApplication) -> str | None:
    """Register the CJK font and style sheet; returns a warning for the clerk, or None."""
    path = find_cjk_font()
    warning = None
    families: list[str] = []
    if path is None:
        warning = MISSING_FONT_HELP
        log.warning(MISSING_FONT_HELP)
    else:
        families = _system_family(path) or _registered_families(path)
    font = QFont(families[0]) if families else app.font()
    font.setPixelSize(FONT_PIXELS)  # the same size with the style sheet or without
    app.setFont(font)
    app.setStyleSheet(STYLE)
    return warning


def suspend_style_sheet() -> Callable[[], None]:
    """Take the application style sheet off; returns what puts it back (unless another was set since)."""
    app = QApplication.instance()
    sheet = app.styleSheet() if isinstance(app, QApplication) else ""
    if not sheet:
        return lambda: None
    assert isinstance(app, QApplication)
    app.setStyleSheet("")

    def restore() -> None:
        if not app.styleSheet():
            app.setStyleSheet(sheet)

    return restore


def _system_family(path: Path) -> list[str]:
    family = _SYSTEM_CANDIDATES.get(path.as_posix())
    return [family] if family and QFontDatabase.hasFamily(family) else []


def _registered_families(path: Path) -> list[str]:
    font_id = QFontDatabase.addApplicationFont(str(path))
    return QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
