"""`clerk-app guides …` as an administrator uses it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from clerk_app.config.paths import guides_dir

LINE = re.compile(r"^[^:]+:\d+: \S.*$")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clerk_app", *args],
        capture_output=True, text=True, timeout=120, cwd=cwd,
    )


def test_check_shipped_catalogue_passes() -> None:
    result = run("guides", "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_check_reports_every_problem_as_file_line_message(tmp_path: Path) -> None:
    exemplar = (guides_dir() / "matters" / "scjgj-gtgsh-sl.yaml").read_text("utf-8")
    (tmp_path / "a.yaml").write_text(exemplar.replace("visits: 1", "visits: 7"), "utf-8")
    (tmp_path / "b.yaml").write_text("format: [\n", "utf-8")
    (tmp_path / "c.yaml").write_bytes(b"\x00\xff")
    (tmp_path / "d.yaml").write_text(exemplar, "utf-8")
    files = ("a.yaml", "b.yaml", "c.yaml", "d.yaml", "missing.yaml")
    result = run("guides", "check", *files, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(LINE.match(line) for line in lines), lines
    assert "Traceback" not in result.stdout + result.stderr
    assert any(line.startswith("a.yaml:") and "visits: 7 is not one of" in line for line in lines)
    assert any(line.startswith("d.yaml:") and "duplicate code" in line for line in lines)
    assert any(line.startswith("b.yaml:2: YAML syntax") for line in lines)
    assert any(line.startswith("c.yaml:1: not UTF-8") for line in lines)
    assert any(line.startswith("missing.yaml:1: no such file") for line in lines)


def test_show_and_list() -> None:
    shown = run("guides", "show", "150200-SCJG-XK-0012-01")
    assert shown.returncode == 0
    assert "个体工商户设立登记" in shown.stdout
    assert "不收费" in shown.stdout
    assert "承诺1个工作日" in shown.stdout
    listed = run("guides", "list")
    assert "150200-SCJG-XK-0012-01\t市场监管局\t行政许可\t个体工商户设立登记" in listed.stdout
    missing = run("guides", "show", "NOPE-0000")
    assert missing.returncode == 1
    assert "no matter or bundle with code NOPE-0000" in missing.stderr


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("clerk-app ")
