"""Builds the installable workstation: `make dist` runs `python installer/build.py all`.

    python installer/build.py icons    PNG and ICO icons from installer/icons/clerk-app.svg (Qt's SVG renderer)
    python installer/build.py bundle   the PyInstaller one-folder build: DIST/clerk-app/
    python installer/build.py deb      the Debian package around it: DIST/clerk-app_VERSION_ARCH.deb (Linux);
                                       --revision N: the same build packaged again as VERSION-N (a newer package)
    python installer/build.py all      all three (Windows: icons and bundle, then Inno Setup, installer/README.md)
    python installer/build.py version  the version, from clerk_app.__version__ (the one place it is written)

Options: --dist DIR (default dist/), --build DIR (default build/; PyInstaller's work files, the
icons, the bundled fonts, the package's staging tree). Uses the running interpreter, which must
have the project and the `dist` extra installed (`pip install -e '.[dist]'`).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "clerk_app.spec"
SVG = HERE / "icons" / "clerk-app.svg"
NAME = "clerk-app"


def version() -> str:
    """clerk_app.__version__, read from the source without importing the package."""
    text = (ROOT / "clerk_app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise SystemExit("build: no __version__ in clerk_app/__init__.py")
    return match[1]


def make_icons(build: Path) -> list[Path]:
    """icons/clerk-app-SIZE.png for the desktop and clerk-app.ico (several sizes) for Windows."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"build: {SVG} is not a readable SVG")
    folder = build / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for size in (16, 32, 48, 64, 128, 256):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = folder / f"{NAME}-{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"build: cannot write {path}")
        made.append(path)
        if size == 256:
            ico = folder / f"{NAME}.ico"
            if not image.save(str(ico), "ICO"):  # Qt's ico plugin (imageformats/qico)
                raise SystemExit(f"build: cannot write {ico}")
            made.append(ico)
    return made


def bundle(dist: Path, build: Path) -> Path:
    """The one-folder build in dist/clerk-app (replaced whole)."""
    make_icons(build)
    env = {**os.environ, "CLERK_APP_BUILD_DIR": str(build)}
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(build / "pyinstaller")]
    started = time.monotonic()
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    folder = dist / NAME
    executable = folder / (f"{NAME}.exe" if os.name == "nt" else NAME)
    if not executable.is_file():
        raise SystemExit(f"build: PyInstaller made no {executable}")
    print(f"build: {folder} in {time.monotonic() - started:.0f} s", flush=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="installer/build.py", description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("icons", "bundle", "deb", "all", "version"))
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--build", type=Path, default=ROOT / "build")
    parser.add_argument("--revision", help="deb: the Debian revision, packaging the same build as VERSION-REVISION")
    args = parser.parse_args(argv)
    dist, build = args.dist.resolve(), args.build.resolve()
    if args.what == "version":
        print(version())
        return 0
    if args.what == "icons":
        for path in make_icons(build):
            print(path)
        return 0
    if args.what in ("bundle", "all"):
        bundle(dist, build)
    if args.what == "deb" or (args.what == "all" and sys.platform.startswith("linux")):
        from debian_package import build_deb

        print(build_deb(dist / NAME, dist, build, version(), args.revision), flush=True)
    if args.what == "all" and sys.platform == "win32":
        windows_installer(dist, build)
    return 0


def windows_installer(dist: Path, build: Path) -> None:
    """dist/clerk-app-VERSION-setup.exe with Inno Setup's compiler, when it is installed."""
    import shutil

    iscc = shutil.which("iscc") or shutil.which(r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe")
    if iscc is None:
        print("build: Inno Setup 6 (iscc) not found: install it, then run installer/README.md's last step")
        return
    subprocess.run([iscc, f"/DAppVersion={version()}", f"/DDistDir={dist / NAME}", f"/DBuildDir={build}",
                    f"/O{dist}", str(HERE / "windows" / "clerk-app.iss")], check=True)


if __name__ == "__main__":
    raise SystemExit(main())
