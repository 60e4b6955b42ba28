"""Administrators' holiday calendar files: one YAML file per year's official arrangement.

chinesecalendar knows the years up to the one it was released for; every November the State
Council General Office publishes the next year's arrangement, and an administrator types it into
a file like `clerk_app/resources/calendars/README.md` describes. This module reads such files
into `YearCalendar`s and reports every mistake as `FILE:LINE: message`, reading PyYAML's node
tree so that each date keeps its line and duplicate keys are caught, not silently overwritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from clerk_app.config.paths import calendars_dir
from clerk_app.core.problems import Problem
from clerk_app.core.workdays import WorkCalendar, YearCalendar, year_calendar_problems

FORMAT = "clerk-calendar/1"
MAX_RANGE_DAYS = 31
_TOP_KEYS = ("format", "year", "source", "holidays", "workdays")
_ENTRY_KEYS = ("name", "dates")
_DATE = r"(\d{4}-\d{1,2}-\d{1,2})"
_DATES = re.compile(rf"^{_DATE}(?:\s*\.\.\s*{_DATE})?$")


@dataclass(frozen=True)
class FileProblem:
    """A problem at a line of a file."""

    path: str
    line: int
    problem: Problem

    def text(self, lang: str = "zh") -> str:
        return f"{self.path}:{self.line}: {self.problem.text(lang)}"


class CalendarFileError(ValueError):
    """One or more calendar files are wrong; `problems` lists every mistake found."""

    def __init__(self, problems: Iterable[FileProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line))
        super().__init__("\n".join(p.text() for p in self.problems))

    def text(self, lang: str = "zh") -> str:
        return "\n".join(p.text(lang) for p in self.problems)


def load_calendar_file(path: str | Path) -> YearCalendar:
    """Read one file; raise `CalendarFileError` listing every problem in it."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CalendarFileError([FileProblem(str(path), 1, Problem("calendar_file.read", detail=exc))]) from exc
    return parse_calendar(text, str(path))


def load_calendar_files(paths: Iterable[str | Path]) -> list[YearCalendar]:
    """Read several files (e.g. every `*.yaml` of the administrator's calendar folder).

    Problems of all files are reported together; two files for the same year are an error.
    """
    calendars: list[YearCalendar] = []
    problems: list[FileProblem] = []
    first_file: dict[int, str] = {}
    for path in paths:
        try:
            calendar = load_calendar_file(path)
        except CalendarFileError as exc:
            problems.extend(exc.problems)
            continue
        if calendar.year in first_file:
            other = first_file[calendar.year]
            problem = Problem("calendar_file.duplicate_year", year=calendar.year, other=other)
            problems.append(FileProblem(str(path), 1, problem))
        first_file.setdefault(calendar.year, str(path))
        calendars.append(calendar)
    if problems:
        raise CalendarFileError(problems)
    return calendars


def load_work_calendar(*directories: str | Path) -> WorkCalendar:
    """The official calendar: chinesecalendar's years, then every `*.yaml` file of each folder.

    Pass the shipped folder (`shipped_calendars_dir()`) first and the administrator's last: a
    year found in a later folder replaces the same year from chinesecalendar or an earlier
    folder. A folder that does not exist is skipped.
    """
    extra: list[YearCalendar] = []
    for directory in directories:
        folder = Path(directory)
        if folder.is_dir():
            extra.extend(load_calendar_files(sorted(folder.glob("*.yaml"))))
    return WorkCalendar.official(extra)


def shipped_calendars_dir() -> Path:
    """Calendar files shipped with the application (years published after chinesecalendar's)."""
    return calendars_dir()


def parse_calendar(text: str, path: str = "<calendar>") -> YearCalendar:
    """Parse a file's text; raise `CalendarFileError` listing every problem."""
    return _Parser(path).parse(text)


class _Parser:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[FileProblem] = []
        self.lines: dict[str, dict[date, int]] = {"holidays": {}, "workdays": {}}

    def report(self, node: yaml.Node | int, code: str, **params: object) -> None:
        line = node if isinstance(node, int) else node.start_mark.line + 1
        self.problems.append(FileProblem(self.path, line, Problem(code, **params)))

    def parse(self, text: str) -> YearCalendar:
        root = self._compose(text)
        calendar = self._calendar(root) if root is not None else None
        if calendar is not None:
            for day, problem in year_calendar_problems(calendar):
                lines = self.lines["workdays" if day in calendar.workdays else "holidays"]
                self.report(lines.get(day, 1), problem.code, **problem.params)
        if self.problems or calendar is None:
            raise CalendarFileError(self.problems)
        return calendar

    def _compose(self, text: str) -> yaml.Node | None:
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 1
            self.report(line, "calendar_file.yaml", detail=exc.problem or exc)
            return None
        except yaml.YAMLError as exc:
            self.report(1, "calendar_file.yaml", detail=exc)
            return None
        if root is None:
            self.report(1, "calendar_file.empty")
        return root

    def _calendar(self, root: yaml.Node) -> YearCalendar | None:
        top = self._mapping(root, "calendar_file.top_mapping", _TOP_KEYS)
        if top is None:
            return None
        self._check_format(top)
        year = self._year(top, root)
        source = self._text(top["source"][1], "source") if "source" in top else ""
        holidays = self._entries(top, "holidays", root, name_required=True)
        workdays = self._entries(top, "workdays", root, name_required=False)
        if year is None or holidays is None or workdays is None:
            return None
        return YearCalendar(year, holidays, workdays, source or self.path)

    def _mapping(
        self, node: yaml.Node, code: str, allowed: tuple[str, ...], **params: object
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.report(node, code, **params)
            return None
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in found:
                self.report(key_node, "calendar_file.duplicate_key", key=key)
            elif key not in allowed:
                self.report(key_node, "calendar_file.unknown_key", key=key, allowed=", ".join(allowed))
            else:
                found[key] = (key_node, value_node)
        return found

    def _check_format(self, top: dict[str, tuple[yaml.Node, yaml.Node]]) -> None:
        if "format" in top and top["format"][1].value != FORMAT:
            node = top["format"][1]
            self.report(node, "calendar_file.format", expected=FORMAT, value=node.value)

    def _year(self, top: dict[str, tuple[yaml.Node, yaml.Node]], root: yaml.Node) -> int | None:
        if "year" not in top:
            self.report(root, "calendar_file.missing", key="year")
            return None
        node = top["year"][1]
        value = node.value if isinstance(node, yaml.ScalarNode) else "…"
        if not re.fullmatch(r"\d{4}", str(value)) or not 1949 < int(value) < 2200:
            self.report(node, "calendar_file.year", value=value)
            return None
        return int(value)

    def _text(self, node: yaml.Node, key: str) -> str:
        if isinstance(node, yaml.ScalarNode) and str(node.value).strip():
            return str(node.value).strip()
        self.report(node, "calendar_file.text", key=key)
        return ""

    def _entries(
        self, top: dict[str, tuple[yaml.Node, yaml.Node]], key: str, root: yaml.Node,
        *, name_required: bool,
    ) -> dict[date, str] | None:
        if key not in top:
            if name_required:
                self.report(root, "calendar_file.missing", key=key)
                return None
            return {}
        node = top[key][1]
        if not isinstance(node, yaml.SequenceNode):
            self.report(node, "calendar_file.list", key=key)
            return None
        days: dict[date, str] = {}
        for item in node.value:
            self._entry(item, key, days, name_required=name_required)
        return days

    def _entry(self, item: yaml.Node, key: str, days: dict[date, str], *, name_required: bool) -> None:
        """`{name: 春节, dates: …}`; a make-up workday may also be a bare date or range."""
        if isinstance(item, yaml.ScalarNode) and not name_required:
            self._add_days(item, "", days, self.lines[key])
            return
        entry = self._mapping(item, "calendar_file.entry_mapping", _ENTRY_KEYS, key=key)
        if entry is None:
            return
        name = ""
        if "name" in entry:
            name = self._text(entry["name"][1], "name")
        elif name_required:
            self.report(item, "calendar_file.missing", key="name")
        if "dates" not in entry:
            self.report(item, "calendar_file.missing", key="dates")
            return
        dates = entry["dates"][1]
        for node in dates.value if isinstance(dates, yaml.SequenceNode) else [dates]:
            self._add_days(node, name, days, self.lines[key])

    def _add_days(
        self, node: yaml.Node, name: str, days: dict[date, str], lines: dict[date, int]
    ) -> None:
        for day in self._dates(node):
            if day in days:
                self.report(node, "calendar_file.duplicate_date", day=day, line=lines[day])
                continue
            days[day] = name
            lines[day] = node.start_mark.line + 1

    def _dates(self, node: yaml.Node) -> list[date]:
        """The days a scalar names: `2027-02-05` or the range `2027-02-05..2027-02-11`."""
        text = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else "…"
        match = _DATES.match(text)
        parsed = [_date(g) for g in match.groups() if g] if match else [None]
        if None in parsed:
            self.report(node, "calendar_file.date", value=text)
            return []
        start, end = parsed[0], parsed[-1]
        assert start is not None and end is not None
        if end < start:
            self.report(node, "calendar_file.range_order", start=start, end=end)
            return []
        length = (end - start).days + 1
        if length > MAX_RANGE_DAYS:
            self.report(node, "calendar_file.range_long", start=start, end=end, max=MAX_RANGE_DAYS)
            return []
        return [start + timedelta(days=i) for i in range(length)]


def _date(text: str) -> date | None:
    year, month, day = (int(part) for part in text.split("-"))
    try:
        return date(year, month, day)
    except ValueError:
        return None
