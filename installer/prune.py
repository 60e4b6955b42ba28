"""Leaves out the Qt plugins a workstation never loads, and the libraries only they needed (Linux).

PyInstaller collects every platform plugin and platform theme of Qt, and with them what they link:
the GTK 3 theme alone brings GTK, GDK, ATK, cairo and pango from the build machine, which would then
be loaded on a hall's desktop in place of its own. The workstation needs the xcb platform (X11
desktops: UOS, Kylin), wayland, and offscreen (headless checks); none of the GTK theme, EGLFS,
linuxfb, VNC or Vulkan display. After the plugins are dropped, a library at the top of the bundle
stays only when something that stays still links it (DT_NEEDED, followed to a fixed point).
Used by installer/clerk_app.spec.
"""

from __future__ import annotations

import posixpath
import sys
from collections.abc import Iterable

UNUSED_QT_PLUGINS = (
    "plugins/platformthemes/libqgtk3.so",
    "plugins/platforms/libqeglfs.so",
    "plugins/platforms/libqlinuxfb.so",
    "plugins/platforms/libqminimalegl.so",
    "plugins/platforms/libqvkkhrdisplay.so",
    "plugins/platforms/libqvnc.so",
    "plugins/egldeviceintegrations/",
)

Entry = tuple[str, str, str]  # PyInstaller's TOC entry: (name in the bundle, source file, type)


def _top_level_library(entry: Entry) -> bool:
    name = entry[0].replace("\\", "/")
    return "/" not in name and name.startswith("lib") and ".so" in name and not name.startswith("libpython")


def prune_binaries(binaries: Iterable[Entry]) -> list[Entry]:
    """`binaries` without the unused Qt plugins and the top-level libraries nothing else links."""
    entries = list(binaries)
    if not sys.platform.startswith("linux"):
        return entries
    from PyInstaller.depend.bindepend import get_imports

    kept = [e for e in entries if not any(part in e[0].replace("\\", "/") for part in UNUSED_QT_PLUGINS)]
    libraries = {e[0]: e for e in kept if _top_level_library(e)}
    needed: set[str] = set()
    queue = [e for e in kept if not _top_level_library(e)]
    while queue:
        entry = queue.pop()
        if entry[2] == "SYMLINK":  # (link, its target relative to the link's folder, "SYMLINK")
            names = [posixpath.normpath(posixpath.join(posixpath.dirname(entry[0]), entry[1]))]
        else:
            names = [name for name, _path in get_imports(entry[1])]
        for name in names:
            base = name.replace("\\", "/").rsplit("/", 1)[-1]
            if base in libraries and base not in needed:
                needed.add(base)
                queue.append(libraries[base])
    return [e for e in kept if not _top_level_library(e) or e[0] in needed]
