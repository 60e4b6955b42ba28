"""The start-up cache: used when current, rebuilt after any guide edit, harmless when damaged."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from clerk_app.catalogue.cache import load_indexed_catalogue
from clerk_app.config.paths import guides_dir


def copy_catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "guides"
    shutil.copytree(guides_dir(), folder)
    return folder


def test_cache_is_used_and_invalidated(tmp_path: Path) -> None:
    folder, cache = copy_catalogue(tmp_path), tmp_path / "cache"
    first, index = load_indexed_catalogue([folder], cache)
    assert list(cache.glob("catalogue-*.pickle"))
    again, cached_index = load_indexed_catalogue([folder], cache)
    assert again.catalogue == first.catalogue
    assert [h.entry.code for h in cached_index.search("gtgsh")] == [h.entry.code for h in index.search("gtgsh")]
    guide = folder / "matters" / "scjgj-gtgsh-sl.yaml"
    guide.write_text(guide.read_text("utf-8").replace("个体工商户设立登记\n", "个体工商户开业登记\n", 1), "utf-8")
    os.utime(guide, ns=(guide.stat().st_atime_ns, guide.stat().st_mtime_ns + 10**9))
    edited, _ = load_indexed_catalogue([folder], cache)
    assert edited.catalogue.matters["150200-SCJG-XK-0012-01"].name == "个体工商户开业登记"
    assert len(list(cache.glob("catalogue-*.pickle"))) == 1


def test_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    folder, cache = copy_catalogue(tmp_path), tmp_path / "cache"
    load_indexed_catalogue([folder], cache)
    (damaged,) = cache.glob("catalogue-*.pickle")
    damaged.write_bytes(b"not a pickle")
    result, index = load_indexed_catalogue([folder], cache)
    assert result.catalogue.matters and index.search("bdcdj")
    assert damaged.read_bytes() != b"not a pickle"
