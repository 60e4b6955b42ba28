"""A start-up cache of the loaded catalogue and its search index.

Validating every guide against the schema and building the pinyin index take seconds; a clerk
starts the workstation every morning with the same files. The cache is keyed by the release,
the schema and every guide file's path, size and modification time, so any edit of a guide
(or an upgrade) rebuilds it. A damaged or foreign cache file is ignored and replaced.

The first screen needs only the search index and, per matter and bundle, the name and
department the search list shows: the cache keeps those as plain values (`SearchIndex.state`)
in a `marshal` record, with the pickled catalogue as bytes inside it, unpickled on first use
(`IndexedCatalogue.result`). So start-up neither imports `pickle` nor unpickles any domain
object, and imports none of the guide, form or rule modules.
"""

from __future__ import annotations

import logging
import marshal
import os
import sys
import threading
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from clerk_app import __version__
from clerk_app.config.paths import schema_path
from clerk_app.core.search import SearchIndex

if TYPE_CHECKING:
    from clerk_app.catalogue.files import LoadResult
    from clerk_app.core.catalogue import Catalogue

log = logging.getLogger(__name__)
CACHE_FORMAT = 3
GUIDE_SUFFIXES = (".yaml", ".yml")  # as `clerk_app.catalogue.files` (not imported: it needs the domain)

# What the search list shows of each code: (name, department name), None for a bundle; bundles
# first, then matters, each sorted by code (the list shown before anything is typed).
Listing = dict[str, tuple[str, str | None]]


def listing_of(catalogue: Catalogue) -> Listing:
    rows: Listing = {code: (catalogue.bundles[code].name, None) for code in sorted(catalogue.bundles)}
    for code in sorted(catalogue.matters):
        matter = catalogue.matters[code]
        rows.setdefault(code, (matter.name, catalogue.department_name(matter.department)))
    return rows


def fingerprint(folders: Iterable[Path]) -> str:
    """The release, the schema, and the path, size and modification time of every guide file.

    Plain text (stored whole in the cache and compared); `os.scandir` keeps it to a few stat calls.
    """
    schema = schema_path().read_bytes()
    python = sys.implementation.cache_tag  # e.g. cpython-311: marshal's format may change with it
    parts = [f"{CACHE_FORMAT}|{__version__}|{python}|{len(schema)}|{zlib.crc32(schema)}"]
    for folder in folders:
        if folder.is_dir():
            _stamp_folder(str(folder.resolve()), parts)
        else:
            stat = folder.stat()
            parts.append(f"{folder.resolve()}|{stat.st_size}|{stat.st_mtime_ns}")
    return "\n".join(parts)


def _stamp_folder(folder: str, parts: list[str]) -> None:
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        if entry.is_dir():
            _stamp_folder(entry.path, parts)
        elif entry.name.endswith(GUIDE_SUFFIXES) and entry.is_file():
            stat = entry.stat()
            parts.append(f"{entry.path}|{stat.st_size}|{stat.st_mtime_ns}")


class IndexedCatalogue:
    """A catalogue's search index and listing at once; the catalogue itself on first use.

    `result()` is safe from any thread: the first caller unpickles (or loads) it, others wait.
    """

    def __init__(self, index: SearchIndex, listing: Listing, issues: tuple[str, ...],
                 result: LoadResult | Callable[[], LoadResult]) -> None:
        self.index = index
        self.listing = listing
        self.issues = issues  # problems found in the guide files, as text
        self._make: Callable[[], LoadResult] | None = None
        self._result: LoadResult | None = None
        if callable(result):
            self._make = result
        else:
            self._result = result
        self._lock = threading.Lock()

    def result(self) -> LoadResult:
        if self._result is None:
            with self._lock:
                if self._result is None:
                    assert self._make is not None
                    self._result, self._make = self._make(), None
        return self._result

    @property
    def catalogue(self) -> Catalogue:
        return self.result().catalogue


def open_indexed_catalogue(folders: list[Path], cache_dir: Path | None) -> IndexedCatalogue:
    """The catalogue of `folders` with its index, from the cache when it is current."""
    key = fingerprint(folders)
    # .pickle, as before: the record is marshal now, the catalogue in it still a pickle
    cache_file = cache_dir / f"catalogue-{zlib.crc32(key.encode()):08x}.pickle" if cache_dir is not None else None
    if cache_file is not None:
        cached = _read(cache_file, key, folders)
        if cached is not None:
            return cached
    from clerk_app.catalogue.loader import load_catalogue  # YAML and jsonschema: only on a cache miss

    result = load_catalogue(folders)
    loaded = _indexed(result)
    if cache_file is not None:
        _write(cache_file, key, loaded)
    return loaded


def load_indexed_catalogue(folders: list[Path], cache_dir: Path | None) -> tuple[LoadResult, SearchIndex]:
    """The loaded catalogue of `folders` and its search index, from the cache when it is current."""
    loaded = open_indexed_catalogue(folders, cache_dir)
    return loaded.result(), loaded.index


def _indexed(result: LoadResult) -> IndexedCatalogue:
    from clerk_app.core.search import catalogue_entries

    index = SearchIndex(catalogue_entries(result.catalogue))
    return IndexedCatalogue(index, listing_of(result.catalogue), tuple(str(i) for i in result.issues), result)


def _read(cache_file: Path, key: str, folders: list[Path]) -> IndexedCatalogue | None:
    try:
        record = marshal.loads(cache_file.read_bytes())  # our own file in the user's data folder
        stored_key, state, listing, issues, blob = record
        if stored_key != key or not isinstance(blob, bytes):
            return None
        index = SearchIndex.from_state(state)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged or older cache is rebuilt, never fatal
        log.info("ignoring catalogue cache %s: %s", cache_file, exc)
        return None
    return IndexedCatalogue(index, listing, tuple(issues), lambda: _unpickle(blob, folders))


def _unpickle(blob: bytes, folders: list[Path]) -> LoadResult:
    import pickle

    from clerk_app.catalogue.files import LoadResult

    try:
        result = pickle.loads(blob)
    except Exception as exc:  # e.g. a class the release changed without a new format number
        log.warning("catalogue cache unusable, reading the guides again: %s", exc)
        result = None
    if isinstance(result, LoadResult):
        return result
    from clerk_app.catalogue.loader import load_catalogue

    return load_catalogue(folders)


def _write(cache_file: Path, key: str, loaded: IndexedCatalogue) -> None:
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        for old in cache_file.parent.glob("catalogue-*.pickle"):
            old.unlink(missing_ok=True)
        import pickle

        blob = pickle.dumps(loaded.result(), protocol=pickle.HIGHEST_PROTOCOL)
        record = (key, loaded.index.state(), loaded.listing, loaded.issues, blob)
        partial = cache_file.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(marshal.dumps(record))
        partial.replace(cache_file)
    except OSError as exc:  # a read-only data folder only costs start-up time
        log.warning("cannot write the catalogue cache %s: %s", cache_file, exc)
