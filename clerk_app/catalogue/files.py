"""Which files make a catalogue, and what loading them gives: light, so start-up can use them
without the YAML parser and schema validator that `loader` needs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from clerk_app.catalogue.issues import GuideIssue
from clerk_app.core.catalogue import Catalogue

GUIDE_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadResult:
    catalogue: Catalogue
    issues: list[GuideIssue] = field(default_factory=list)
    sources: dict[str, Path] = field(default_factory=dict)


def guide_files(paths: Iterable[Path]) -> list[Path]:
    """The guide files named, with directories searched recursively, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in GUIDE_SUFFIXES and p.is_file())
        else:
            found.append(path)
    return found
