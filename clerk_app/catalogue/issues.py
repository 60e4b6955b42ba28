"""Problems found in guide files, each with the file and line where a person can fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class GuideIssue:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class GuideFileError(Exception):
    """Raised when a guide file cannot be used; carries every issue found in it."""

    def __init__(self, issues: list[GuideIssue]) -> None:
        super().__init__("\n".join(str(i) for i in issues))
        self.issues = issues


def display_path(path: Path) -> str:
    """The path as a person typed it, relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
