"""A start-up cache of the loaded catalogue and its search index.

Validating every guide against the schema and building the pinyin index take seconds; a clerk
starts the workstation every morning with the same files. The cache is keyed by the release,
the schema and every guide file's path, size and modification time, so any edit of a guide
(or an upgrade) rebuilds it. A damaged or foreign cache file is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from pathlib import Path

from clerk_app import __version__
from clerk_app.catalogue.files import LoadResult, guide_files
from clerk_app.config.paths import schema_path
from clerk_app.core.search import SearchIndex, catalogue_entries

log = logging.getLogger(__name__)
CACHE_FORMAT = 1


def fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|".encode())
    digest.update(schema_path().read_bytes())
    for path in files:
        stat = path.stat()
        digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def load_indexed_catalogue(folders: list[Path], cache_dir: Path | None) -> tuple[LoadResult, SearchIndex]:
    """The catalogue of `folders` and its search index, from the cache when it is current."""
    key = fingerprint(guide_files(folders))
    cache_file = cache_dir / f"catalogue-{key[:20]}.pickle" if cache_dir is not None else None
    if cache_file is not None:
        cached = _read(cache_file, key)
        if cached is not None:
            return cached
    from clerk_app.catalogue.loader import load_catalogue  # YAML and jsonschema: only on a cache miss

    result = load_catalogue(folders)
    index = SearchIndex(catalogue_entries(result.catalogue))
    if cache_file is not None:
        _write(cache_file, key, result, index)
    return result, index


def _read(cache_file: Path, key: str) -> tuple[LoadResult, SearchIndex] | None:
    try:
        with cache_file.open("rb") as handle:
            stored_key, result, index = pickle.load(handle)  # our own file in the user's data folder
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged or older cache is rebuilt, never fatal
        log.info("ignoring catalogue cache %s: %s", cache_file, exc)
        return None
    if stored_key != key or not isinstance(result, LoadResult) or not isinstance(index, SearchIndex):
        return None
    return result, index


def _write(cache_file: Path, key: str, result: LoadResult, index: SearchIndex) -> None:
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        for old in cache_file.parent.glob("catalogue-*.pickle"):
            old.unlink(missing_ok=True)
        partial = cache_file.with_suffix(f".{os.getpid()}.partial")
        with partial.open("wb") as handle:
            pickle.dump((key, result, index), handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(cache_file)
    except OSError as exc:  # a read-only data folder only costs start-up time
        log.warning("cannot write the catalogue cache %s: %s", cache_file, exc)
