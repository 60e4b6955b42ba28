"""The Debian package (UOS, Kylin, Debian, Ubuntu) around the one-folder build, made with dpkg-deb.

Layout of clerk-app_VERSION_ARCH.deb:

    /opt/clerk-app/                           the frozen build (never written to at run time)
    /usr/bin/clerk-app                        the launcher (installer/linux/clerk-app)
    /usr/share/applications/clerk-app.desktop and the icon in /usr/share/icons/hicolor/
    /lib/systemd/system/clerk-app-backoffice@.service   the back office, one instance per port
    /etc/clerk_app/backoffice.env             its settings (a conffile: kept and merged on upgrade)
    /usr/share/doc/clerk-app/                 README.md, copyright, examples/clerk_app.toml

`Depends:` lists the packages of the system libraries the build loads (found with ldd over every
ELF file of the build, owners by `dpkg -S`), plus the ones Qt and pyscard open at run time by name
(xcb, xkbcommon, pcsclite), so that the package states what the machine it is built on provided.

A Debian revision (`build.py deb --revision 2`: clerk-app_0.1.0-2) packages the same build again
under a higher package version, without running PyInstaller: a fix of the packaging alone (the
maintainer scripts, the unit), or the upgrade the tests install over the first package. The
program's own version (`clerk-app --version`) is the part before the revision.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
LINUX = HERE / "linux"
PACKAGE = "clerk-app"
INSTALL_DIR = "opt/clerk-app"
MAINTAINER = "clerk_app maintainers <clerk-app@hall.example>"
# Loaded by name at run time (Qt's xcb platform plugin and its input, pyscard's PC/SC client),
# so ldd over the build may not show them; listed whether or not PyInstaller copied a version in.
RUNTIME_DEPENDS = (
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-render-util0",
    "libxcb-randr0", "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0", "libxkbcommon0",
    "libfontconfig1", "libdbus-1-3", "libegl1", "libgl1", "libpcsclite1", "adduser",
)
RECOMMENDS = ("pcscd", "fonts-hanazono")  # fonts-hanazono: rare characters of names on screen (fontconfig
#  fallback; printing uses the bundled copy)
SUGGESTS = ("postgresql", "poppler-utils")
DESCRIPTION = """\
Description: comprehensive-window intake workstation and back office (综合窗口受理)
 The desktop workstation clerks at the comprehensive window of a government
 service hall use: find any matter of any department, fill the form of its
 standardized service guide, read the applicant's ID card, take the decision
 and print its notices; results of the back office come back to the window.
 .
 Also the back-office approval service (clerk-app-backoffice@PORT.service)
 for SQLite or PostgreSQL, one instance per port.
 .
 Per-user data lives in ~/.local/share/clerk_app and is kept on removal.
"""


def debian_version(version: str) -> str:
    """PEP 440 to Debian ordering: 1.2.0rc1 -> 1.2.0~rc1 (a pre-release sorts before the release)."""
    return re.sub(r"(\d)(a|b|rc|\.dev)(\d+)$", lambda m: f"{m[1]}~{m[2].lstrip('.')}{m[3]}", version)


def package_version(version: str, revision: str | None = None) -> str:
    """The package's Version: the program's version in Debian ordering, then `-REVISION` when given."""
    if revision is not None and not re.fullmatch(r"[0-9][0-9A-Za-z.+~]*", revision):
        raise SystemExit(f"deb: revision {revision!r}: digits first, then digits, letters, '.', '+' or '~' only")
    return debian_version(version) + (f"-{revision}" if revision is not None else "")


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()


def _elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def system_libraries(bundle: Path) -> tuple[set[str], set[str]]:
    """(system library paths the build's ELF files load, names ldd found nowhere)."""
    env = {**os.environ, "LD_LIBRARY_PATH": str(bundle / "_internal")}  # as PyInstaller's bootloader sets it
    libraries: set[str] = set()
    missing: set[str] = set()
    inside = str(bundle.resolve())
    for elf in _elf_files(bundle):
        result = subprocess.run(["ldd", str(elf)], capture_output=True, text=True, env=env, check=False)
        for line in result.stdout.splitlines():
            name, arrow, rest = line.strip().partition(" => ")
            if not arrow:
                continue
            target = rest.split(" (")[0].strip()
            if target == "not found":
                missing.add(name)
            elif target.startswith("/") and not str(Path(target).resolve()).startswith(inside):
                libraries.add(target)
    return libraries, missing


def owning_packages(paths: set[str]) -> set[str]:
    """The packages that installed these files (dpkg -S), trying the path and its /usr-merged twin."""
    packages: set[str] = set()
    for path in sorted(paths):
        real = str(Path(path).resolve())
        twins = {path, real, real.removeprefix("/usr"), "/usr" + real if not real.startswith("/usr") else real}
        for candidate in twins:
            result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
            if result.returncode == 0:
                packages.update(line.split(":")[0].strip() for line in result.stdout.splitlines() if ":" in line)
                break
    return {p for p in packages if "," not in p}


def _copy(source: Path, target: Path, mode: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def stage(bundle: Path, root: Path, build: Path) -> None:
    """The package's file tree in `root` (replaced whole)."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)
    _copy(LINUX / "clerk-app", root / "usr/bin/clerk-app", 0o755)
    _copy(LINUX / "clerk-app.desktop", root / "usr/share/applications/clerk-app.desktop", 0o644)
    _copy(HERE / "icons" / "clerk-app.svg", root / "usr/share/icons/hicolor/scalable/apps/clerk-app.svg", 0o644)
    for size in (16, 32, 48, 64, 128, 256):
        png = build / "icons" / f"clerk-app-{size}.png"
        _copy(png, root / f"usr/share/icons/hicolor/{size}x{size}/apps/clerk-app.png", 0o644)
    _copy(LINUX / "clerk-app-backoffice@.service", root / "lib/systemd/system/clerk-app-backoffice@.service", 0o644)
    _copy(LINUX / "backoffice.env", root / "etc/clerk_app/backoffice.env", 0o640)
    doc = root / "usr/share/doc/clerk-app"
    _copy(HERE / "README.md", doc / "README.md", 0o644)
    _copy(HERE / "clerk_app.toml.example", doc / "examples/clerk_app.toml", 0o644)
    _copy(LINUX / "copyright", doc / "copyright", 0o644)
    for path in root.rglob("*"):  # dpkg-deb wants sane modes: directories 755, nothing group-writable
        if path.is_dir():
            path.chmod(0o755)
        elif path.is_file() and not path.is_symlink():
            path.chmod(path.stat().st_mode & 0o755)


def control_files(root: Path, bundle: Path, version: str, arch: str) -> None:
    """DEBIAN/ of the staged tree; `version` is the package's (package_version)."""
    libraries, missing = system_libraries(bundle)
    if missing:
        print(f"deb: libraries no file of the build finds (optional Qt plugins): {', '.join(sorted(missing))}")
    depends = sorted(owning_packages(libraries) | set(RUNTIME_DEPENDS))
    size_kib = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    debian = root / "DEBIAN"
    debian.mkdir()
    control = (
        f"Package: {PACKAGE}\nVersion: {version}\nArchitecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\nInstalled-Size: {size_kib}\nSection: misc\nPriority: optional\n"
        f"Depends: {', '.join(depends)}\nRecommends: {', '.join(RECOMMENDS)}\nSuggests: {', '.join(SUGGESTS)}\n"
        f"{DESCRIPTION}"
    )
    (debian / "control").write_text(control, encoding="utf-8")
    (debian / "conffiles").write_text("/etc/clerk_app/backoffice.env\n", encoding="utf-8")
    sums = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink() and "DEBIAN" not in p.parts):
        sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {path.relative_to(root).as_posix()}")
    (debian / "md5sums").write_text("\n".join(sums) + "\n", encoding="utf-8")
    for script in ("postinst", "prerm", "postrm"):
        _copy(LINUX / script, debian / script, 0o755)
    for name in ("control", "conffiles", "md5sums"):
        (debian / name).chmod(0o644)


def build_deb(bundle: Path, dist: Path, build: Path, version: str, revision: str | None = None) -> Path:
    """dist/clerk-app_VERSION[-REVISION]_ARCH.deb from the one-folder build in `bundle`."""
    if not (bundle / "clerk-app").is_file():
        raise SystemExit(f"deb: no build in {bundle}: run `python installer/build.py bundle` first")
    arch = architecture()
    full_version = package_version(version, revision)
    root = build / "deb" / "root"
    stage(bundle, root, build)
    control_files(root, bundle, full_version, arch)
    target = dist / f"{PACKAGE}_{full_version}_{arch}.deb"
    compression = os.environ.get("DEB_COMPRESSION", "xz")  # xz: what every dpkg reads (UOS 20, Kylin V10)
    subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root), str(target)],
                   check=True, stdout=subprocess.DEVNULL)
    return target
