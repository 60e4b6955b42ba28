"""Reading guide files into a `Catalogue`, collecting every problem as `FILE:LINE: message`.

A file with problems is left out of the catalogue and the rest load, so one bad guide never
takes the workstation down; `clerk-app guides check` prints the same problems for an admin.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clerk_app.catalogue.checks import check_bundle, check_matter
from clerk_app.catalogue.files import LoadResult, guide_files
from clerk_app.catalogue.issues import GuideIssue, display_path
from clerk_app.catalogue.located_yaml import Locations, YamlSyntaxError, load_located
from clerk_app.catalogue.schema import schema_problems
from clerk_app.config.paths import guides_dir
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.expr import ExprError
from clerk_app.core.guide import (
    Bundle,
    Department,
    Matter,
    bundle_from_document,
    departments_from_document,
    matter_from_document,
)

MAX_FILE_BYTES = 2_000_000


@dataclass
class ParsedFile:
    path: Path
    name: str
    doc: dict[str, Any]
    loc: Locations

    @property
    def kind(self) -> str:
        return str(self.doc.get("doc"))

    def line(self, path: list[Any]) -> int:
        return self.loc.line_of(path)


def parse_file(path: Path) -> tuple[ParsedFile | None, list[GuideIssue]]:
    """Read, parse and schema-check one file."""
    name = display_path(path)
    text_or_issue = _read_text(path, name)
    if isinstance(text_or_issue, GuideIssue):
        return None, [text_or_issue]
    try:
        doc, loc = load_located(text_or_issue)
    except YamlSyntaxError as exc:
        return None, [GuideIssue(name, exc.line, exc.message)]
    issues = [GuideIssue(name, new, f"duplicate key '{k}' (first at line {old})")
              for k, new, old in loc.duplicates]
    if loc.alias_lines:
        line = loc.alias_lines[0]
        return None, [*issues, GuideIssue(name, line, "YAML anchors and aliases (& and *) are not supported")]
    if not isinstance(doc, dict):
        return None, [GuideIssue(name, 1, "a guide file must be a mapping of keys (format, doc, …)")]
    issues += [GuideIssue(name, line, msg) for line, msg in schema_problems(doc, loc)]
    if issues:
        return None, issues
    return ParsedFile(path, name, doc, loc), []


def _read_text(path: Path, name: str) -> str | GuideIssue:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return GuideIssue(name, 1, f"file is larger than {MAX_FILE_BYTES} bytes")
        data = path.read_bytes()
    except OSError as exc:
        return GuideIssue(name, 1, f"cannot read file: {exc.strerror or exc}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return GuideIssue(name, line, f"not UTF-8 text (byte {exc.start} cannot be decoded)")


def load_catalogue(paths: Iterable[Path], context: Iterable[Path] = ()) -> LoadResult:
    """Load guide files; `context` files resolve references but report no issues of their own."""
    mine = guide_files(paths)
    own = {p.resolve() for p in mine}
    others = [p for p in guide_files(context) if p.resolve() not in own]
    parsed, issues = _parse_all(mine)
    context_parsed, _ = _parse_all(others)
    return _assemble(parsed, context_parsed, issues)


def load_default_catalogue(extra: Iterable[Path] = ()) -> LoadResult:
    """The shipped catalogue plus any admin-supplied guide folders."""
    return load_catalogue([guides_dir(), *extra])


def _parse_all(paths: list[Path]) -> tuple[list[ParsedFile], list[GuideIssue]]:
    parsed: list[ParsedFile] = []
    issues: list[GuideIssue] = []
    for path in paths:
        result, found = parse_file(path)
        issues += found
        if result is not None:
            parsed.append(result)
    return parsed, issues


def _assemble(mine: list[ParsedFile], context: list[ParsedFile], issues: list[GuideIssue]) -> LoadResult:
    departments = _departments([*context, *mine])
    taken = _codes(context)
    matters: dict[str, Matter] = {}
    bundles_to_check: list[ParsedFile] = []
    sources: dict[str, Path] = {}
    for item in [*mine, *context]:
        is_mine = item in mine
        if item.kind == "matter":
            matter = _matter(item, departments, taken if is_mine else {}, issues if is_mine else [])
            if matter is not None and matter.code not in matters:
                matters[matter.code] = matter
                sources[matter.code] = item.path
        elif item.kind == "bundle":
            bundles_to_check.append(item)
    bundles = _bundles(bundles_to_check, mine, matters, departments, taken, issues, sources)
    catalogue = Catalogue(matters=matters, bundles=bundles, departments=departments)
    return LoadResult(catalogue, sorted(set(issues)), sources)


def _departments(files: list[ParsedFile]) -> dict[str, Department]:
    found: dict[str, Department] = {}
    for item in files:
        if item.kind == "departments":
            for department in departments_from_document(item.doc):
                found.setdefault(department.key, department)
    return found


def _codes(files: list[ParsedFile]) -> dict[str, str]:
    return {str(f.doc["code"]): f.name for f in files if f.kind in ("matter", "bundle")}


def _claim_code(item: ParsedFile, taken: dict[str, str], issues: list[GuideIssue]) -> bool:
    code = str(item.doc["code"])
    owner = taken.get(code)
    if owner is not None and owner != item.name:
        issues.append(GuideIssue(item.name, item.line(["code"]), f"code: duplicate code {code} (also in {owner})"))
        return False
    taken[code] = item.name
    return True


def _matter(
    item: ParsedFile, departments: dict[str, Department], taken: dict[str, str], issues: list[GuideIssue]
) -> Matter | None:
    before = len(issues)
    _claim_code(item, taken, issues)
    if item.doc["department"] not in departments:
        line = item.line(["department"])
        issues.append(GuideIssue(item.name, line, f"department: unknown department '{item.doc['department']}'"))
    issues += [GuideIssue(item.name, line, msg) for line, msg in check_matter(item.doc, item.loc)]
    if len(issues) > before:
        return None
    try:
        return matter_from_document(item.doc)
    except (ExprError, KeyError, TypeError, ValueError) as exc:  # checks above should prevent this
        issues.append(GuideIssue(item.name, 1, f"cannot build the guide: {exc}"))
        return None


def _bundles(
    candidates: list[ParsedFile],
    mine: list[ParsedFile],
    matters: dict[str, Matter],
    departments: dict[str, Department],
    taken: dict[str, str],
    issues: list[GuideIssue],
    sources: dict[str, Path],
) -> dict[str, Bundle]:
    bundles: dict[str, Bundle] = {}
    for item in candidates:
        found: list[GuideIssue] = []
        if item in mine:
            _claim_code(item, taken, found)
        if item.doc["department"] not in departments:
            line = item.line(["department"])
            found.append(GuideIssue(item.name, line, f"department: unknown department '{item.doc['department']}'"))
        found += [GuideIssue(item.name, ln, msg) for ln, msg in check_bundle(item.doc, item.loc, matters)]
        if item in mine:
            issues += found
        if not found:
            bundle = bundle_from_document(item.doc)
            bundles.setdefault(bundle.code, bundle)
            sources.setdefault(bundle.code, item.path)
    return bundles
