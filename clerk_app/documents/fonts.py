"""CJK fonts for printed documents: find them, register them once, split text into runs per face.

A printed receipt must embed its font (the built-in STSong-Light is not embedded) and must never
lose a character of a citizen's name. reportlab embeds TrueType-outline fonts only (CFF-based
OpenType such as Noto Sans CJK is refused) and silently prints nothing for a character its face
has no glyph for, so this module:

- finds the main face: `CLERK_APP_FONT` (a path, `#N` picks a face of a .ttc collection), then a
  font shipped in `resources/fonts/`, then known system fonts (WenQuanYi, AR PL, SimSun...), then
  whatever fontconfig offers for Chinese; CFF fonts are skipped;
- finds fallback faces for rare characters (生僻字, CJK Extension B and beyond): HanaMinA/HanaMinB
  (fonts-hanazono) or SimSun-ExtB, or `CLERK_APP_FALLBACK_FONT` (paths separated by os.pathsep);
- splits any text into runs, each printed with the first face that has glyphs for it; a
  character no face covers becomes a visible red `〔U+XXXXX〕` mark, never a silent gap.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from clerk_app.config.paths import resources_dir

ENV_FONT = "CLERK_APP_FONT"
ENV_FALLBACK_FONTS = "CLERK_APP_FALLBACK_FONT"
MAIN_PACKAGE = "fonts-wqy-zenhei"
FALLBACK_PACKAGE = "fonts-hanazono"
PROBE = "受理通知书办件编号申请人签字"  # a main face must have all of these
MISSING_MARK = "〔U+{:04X}〕"
FONT_SUFFIXES = (".ttf", ".ttc", ".otf")
FALLBACK_STEMS = ("hanamin", "simsunb")  # in resources/fonts/: fallbacks, not main faces

SYSTEM_MAIN_FONTS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)
SYSTEM_FALLBACK_FONTS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
    "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
    "/usr/share/fonts/hanazono/HanaMinB.ttf",
    "/usr/share/fonts/hanazono/HanaMinA.ttf",
    "C:/Windows/Fonts/simsunb.ttf",
)
# Characters that print as nothing: dropped when no face has them (a variation selector after a
# name's character only asks for a glyph variant; the base character is still printed).
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\ufe00-\ufe0f\U000e0100-\U000e01ef]")


class CJKFont(TTFont):
    """A TrueType face whose text extraction also works for characters beyond the BMP.

    reportlab writes each ToUnicode entry as `<%04X>`, which for U+20000 gives `<20000>`: not
    UTF-16, so copy-paste and pdftotext lose exactly the rare characters of names. After the
    font objects are made, such entries are rewritten as UTF-16 surrogate pairs.
    """

    def addObjects(self, doc: Any) -> None:
        super().addObjects(doc)
        for key, stream in doc.idToObject.items():
            if isinstance(key, str) and key.startswith("toUnicodeCMap:"):
                stream.content = _ASTRAL_ENTRY.sub(_utf16_entry, stream.content)


_ASTRAL_ENTRY = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _utf16_entry(match: re.Match[str]) -> str:
    return f"<{match[1]}> <{chr(int(match[2], 16)).encode('utf-16-be').hex().upper()}>"


class FontNotFoundError(RuntimeError):
    """No usable CJK TrueType font: the message says what to install."""

    def __init__(self, detail: str, package: str = MAIN_PACKAGE) -> None:
        super().__init__(
            f"{detail} Printed documents need an embeddable CJK TrueType font: install one with "
            f"`apt-get install {package}` (or set {ENV_FONT} to a .ttf/.ttc file such as SimSun)."
        )
        self.package = package


@dataclass(frozen=True)
class FontSource:
    """A font file and, for a .ttc collection, which face in it."""

    path: Path
    index: int = 0

    def __str__(self) -> str:
        return f"{self.path}#{self.index}" if self.path.suffix.lower() == ".ttc" else str(self.path)

    @classmethod
    def parse(cls, text: str) -> FontSource:
        path, _, index = text.strip().partition("#")
        return cls(Path(path), int(index) if index.isdigit() else 0)


@dataclass(frozen=True)
class Run:
    """A piece of text printed with one face; `missing` when no face has its glyph (a mark)."""

    face: str
    text: str
    missing: bool = False


class FontSet:
    """Registered faces, main first, and the glyph coverage that decides which prints what."""

    def __init__(self, faces: Iterable[TTFont], warnings: Iterable[str] = ()) -> None:
        self.faces = tuple(faces)
        self.warnings = tuple(warnings)
        self._cmaps: tuple[Mapping[int, int], ...] = tuple(face.face.charToGlyph for face in self.faces)

    @property
    def main(self) -> str:
        return self.faces[0].fontName

    def face_for(self, char: str) -> str | None:
        """The first face with a glyph for `char`, or None."""
        code = ord(char)
        return next((face.fontName for face, cmap in zip(self.faces, self._cmaps, strict=True) if code in cmap), None)

    def missing(self, text: str) -> str:
        """The characters of `text` that no face can print, once each, in order."""
        found = dict.fromkeys(ch for ch in text if self._unprintable(ch))
        return "".join(found)

    def runs(self, text: str) -> list[Run]:
        """`text` cut into runs per face; control and invisible characters keep the current face."""
        runs: list[Run] = []
        for char in text:
            face = self.face_for(char)
            if face is None and _is_control(char):
                face = runs[-1].face if runs and not runs[-1].missing else self.main
            if face is None and _INVISIBLE.match(char):
                continue
            if face is None:
                runs.append(Run(self.main, MISSING_MARK.format(ord(char)), missing=True))
            elif runs and runs[-1].face == face and not runs[-1].missing:
                runs[-1] = Run(face, runs[-1].text + char)
            else:
                runs.append(Run(face, char))
        return runs

    def _unprintable(self, char: str) -> bool:
        return self.face_for(char) is None and not _INVISIBLE.match(char) and not _is_control(char)


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"  # line breaks, tabs: layout, not glyphs


def is_truetype_outline(path: Path, index: int = 0) -> bool:
    """True for TrueType-outline fonts (glyf), False for CFF ('OTTO') and anything unreadable."""
    try:
        with path.open("rb") as handle:
            tag = handle.read(4)
            if tag == b"ttcf":
                handle.seek(12 + 4 * index)
                handle.seek(int.from_bytes(handle.read(4), "big"))
                tag = handle.read(4)
    except OSError:
        return False
    return tag in (b"\x00\x01\x00\x00", b"true")


def _load(source: FontSource, name: str) -> TTFont | None:
    if not source.path.is_file() or not is_truetype_outline(source.path, source.index):
        return None
    try:
        return CJKFont(name, str(source.path), subfontIndex=source.index)
    except (TTFError, OSError, ValueError):
        return None


def _covers(font: TTFont, text: str) -> bool:
    return all(ord(ch) in font.face.charToGlyph for ch in text)


def _shipped_fonts() -> tuple[list[FontSource], list[FontSource]]:
    """Fonts in resources/fonts/: (main candidates, fallbacks), each sorted by file name."""
    folder = resources_dir() / "fonts"
    files = sorted(p for p in folder.glob("*") if p.suffix.lower() in FONT_SUFFIXES) if folder.is_dir() else []
    fallback = [FontSource(p) for p in files if p.stem.lower().startswith(FALLBACK_STEMS)]
    main = [FontSource(p) for p in files if FontSource(p) not in fallback]
    return main, fallback


def _fontconfig_fonts() -> Iterator[FontSource]:
    """Fonts fontconfig knows for Chinese, best match first (nothing when fontconfig is absent)."""
    commands = (
        ["fc-match", "--format=%{file}|%{index}\n", ":lang=zh-cn"],
        ["fc-list", "--format=%{file}|%{index}\n", ":lang=zh"],
    )
    for command in commands:
        if shutil.which(command[0]) is None:
            continue
        try:
            output = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        for line in sorted(output.splitlines()) if command[0] == "fc-list" else output.splitlines():
            path, _, index = line.partition("|")
            if path:
                yield FontSource(Path(path), int(index) if index.isdigit() else 0)


def main_font_candidates() -> Iterator[FontSource]:
    """Where the main face is looked for, in order (the override is handled by `find_main_font`)."""
    yield from _shipped_fonts()[0]
    yield from (FontSource(Path(p)) for p in SYSTEM_MAIN_FONTS)
    yield from _fontconfig_fonts()


def find_main_font(name: str = "ClerkCJK") -> TTFont:
    """The main face, loaded (raises FontNotFoundError naming the package to install)."""
    override = os.environ.get(ENV_FONT, "").strip()
    if override:
        source = FontSource.parse(override)
        font = _load(source, name)
        if font is None or not _covers(font, PROBE):
            raise FontNotFoundError(f"{ENV_FONT}={override} is not a readable TrueType CJK font.")
        return font
    for source in main_font_candidates():
        font = _load(source, name)
        if font is not None and _covers(font, PROBE):
            return font
    raise FontNotFoundError("No CJK TrueType font was found.")


def fallback_font_candidates() -> Iterator[FontSource]:
    override = os.environ.get(ENV_FALLBACK_FONTS, "").strip()
    if override:
        yield from (FontSource.parse(part) for part in override.split(os.pathsep) if part.strip())
    yield from _shipped_fonts()[1]
    yield from (FontSource(Path(p)) for p in SYSTEM_FALLBACK_FONTS)


def find_fallback_fonts(main: TTFont, name: str = "ClerkCJKFallback") -> list[TTFont]:
    """Every fallback face that adds glyphs the faces before it lack (same file never twice)."""
    found: list[TTFont] = []
    seen: set[tuple[str, int]] = set()
    for source in fallback_font_candidates():
        key = (str(source.path.resolve()) if source.path.exists() else str(source.path), source.index)
        if key in seen:
            continue
        seen.add(key)
        font = _load(source, f"{name}{len(found) + 1}")
        if font is not None and _adds_glyphs(font, [main, *found]):
            found.append(font)
    return found


def _adds_glyphs(font: TTFont, before: list[TTFont]) -> bool:
    known = set().union(*(f.face.charToGlyph for f in before))
    return any(code not in known for code in font.face.charToGlyph)


_LOCK = threading.Lock()


@functools.cache
def _registered_fonts() -> FontSet:
    main = find_main_font()
    fallbacks = find_fallback_fonts(main)
    for font in (main, *fallbacks):
        pdfmetrics.registerFont(font)
    warnings = []
    if not any(0x20000 in f.face.charToGlyph for f in (main, *fallbacks)):
        warnings.append(
            "No font for rare characters (CJK Extension B) was found: such characters of names print as "
            f"〔U+XXXXX〕 marks. Install one with `apt-get install {FALLBACK_PACKAGE}`."
        )
    return FontSet((main, *fallbacks), warnings)


def document_fonts() -> FontSet:
    """The registered faces, found and registered on first use (raises FontNotFoundError)."""
    with _LOCK:
        return _registered_fonts()


def reset_fonts() -> None:
    """Forget the fonts found so far (after the environment or the installed fonts changed)."""
    with _LOCK:
        _registered_fonts.cache_clear()
