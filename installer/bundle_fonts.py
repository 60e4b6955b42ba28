"""The CJK fonts the frozen build carries in `clerk_app/resources/fonts/` (used by installer/clerk_app.spec).

A frozen application must not depend on the fonts of the machine it lands on: printed documents
embed a TrueType CJK face (clerk_app.documents.fonts) and the screen needs one too
(clerk_app.ui.theme). Shipped:

- the main face, WenQuanYi Zen Hei (Debian `fonts-wqy-zenhei`; GPL-2 with a font-embedding
  exception), saved as `WenQuanYi-ZenHei.ttc`;
- the fallback for rare characters of names (CJK Extension B and beyond), HanaMinB (Debian
  `fonts-hanazono`; free licence), saved as `hanaminb.ttf`.

The names are chosen for both readers of that folder: the documents take a file whose name starts
with `hanamin` as a fallback, never as the main face, and the screen takes the first file by name
in code-point order, where `WenQuanYi-…` comes before `hanaminb…`. Each font's copyright file goes
beside it. Where the fonts are taken from: `$CLERK_APP_BUNDLE_FONT` / `$CLERK_APP_BUNDLE_FALLBACK_FONT`
(paths), else `installer/fonts/` (copy the two files there on Windows), else the Debian packages.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Font:
    def __init__(self, env: str, file_name: str, saved_as: str, package: str, system: str) -> None:
        self.env, self.file_name, self.saved_as, self.package = env, file_name, saved_as, package
        self.system = Path(system)

    def source(self) -> Path:
        candidates = [Path(os.environ[self.env])] if os.environ.get(self.env) else []
        candidates += [HERE / "fonts" / self.file_name, self.system]
        for path in candidates:
            if path.is_file():
                return path
        raise SystemExit(
            f"bundle_fonts: {self.file_name} not found (looked at {', '.join(map(str, candidates))}). "
            f"Install it with `apt-get install {self.package}`, copy it to installer/fonts/, or set {self.env}."
        )

    def copyright(self) -> Path | None:
        for path in (HERE / "fonts" / f"{self.package}.copyright", Path("/usr/share/doc") / self.package / "copyright"):
            if path.is_file():
                return path
        return None


FONTS = (
    Font("CLERK_APP_BUNDLE_FONT", "wqy-zenhei.ttc", "WenQuanYi-ZenHei.ttc", "fonts-wqy-zenhei",
         "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Font("CLERK_APP_BUNDLE_FALLBACK_FONT", "HanaMinB.ttf", "hanaminb.ttf", "fonts-hanazono",
         "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"),
)


def bundled_fonts(target: str, staging: Path) -> list[tuple[str, str]]:
    """Copy the fonts (under their bundle names) and their copyright files into `staging`; PyInstaller datas."""
    staging.mkdir(parents=True, exist_ok=True)
    datas: list[tuple[str, str]] = []
    for font in FONTS:
        copied = staging / font.saved_as
        shutil.copyfile(font.source(), copied)
        datas.append((str(copied), target))
        notice = font.copyright()
        if notice is not None:
            copied_notice = staging / f"{font.package}.copyright"
            shutil.copyfile(notice, copied_notice)
            datas.append((str(copied_notice), target))
    return datas
