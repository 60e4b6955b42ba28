"""Fuzzing guide files: whatever the bytes, only the project's own located issues come out."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk_app.catalogue.loader import load_catalogue, parse_file
from clerk_app.config.paths import guides_dir

EXEMPLAR_LINES = (guides_dir() / "matters" / "scjgj-gtgsh-sl.yaml").read_text("utf-8").splitlines()
SCHEMA_WORDS = [
    "format", "doc", "code", "name", "materials", "fields", "situations", "when", "key", "type",
    "options", "necessity", "time_limit", "fees", "charged", "matters", "department", "departments",
    "clerk-guide/1", "matter", "bundle", "必要", "容缺", "承诺件", "即办件", "text", "choice",
]
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def yaml_lines(text: str) -> int:
    """Lines as YAML counts them: NEL and the Unicode separators break lines too."""
    return len(YAML_BREAK.findall(text))


def assert_located(path: Path, line_count: int) -> None:
    parsed, issues = parse_file(path)
    for issue in issues:
        assert issue.file and issue.message
        assert 1 <= issue.line <= line_count + 1
    result = load_catalogue([path], context=[])
    for issue in result.issues:
        assert 1 <= issue.line <= line_count + 1
    assert parsed is not None or issues


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    parse_file(path)
    load_catalogue([path], context=[])


@st.composite
def mutated_exemplar(draw: st.DrawFn) -> str:
    lines = list(EXEMPLAR_LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "replace", "indent", "truncate"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "replace":
            lines[index] = draw(st.text(max_size=40))
        elif action == "indent":
            lines[index] = " " * draw(st.integers(0, 7)) + lines[index].lstrip()
        else:
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
    return "\n".join(lines) + "\n"


@FUZZ
@given(mutated_exemplar())
def test_mutated_guides(tmp_path: Path, text: str) -> None:
    path = tmp_path / "mutated.yaml"
    path.write_text(text.replace("XK-0012", "XK-8888"), encoding="utf-8", errors="replace")
    assert_located(path, yaml_lines(text))


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.sampled_from(SCHEMA_WORDS) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(SCHEMA_WORDS), inner, max_size=5),
    max_leaves=25,
)


@FUZZ
@given(st.dictionaries(st.sampled_from(SCHEMA_WORDS), yaml_values, max_size=10))
def test_structured_nonsense(tmp_path: Path, doc: dict) -> None:
    text = yaml.safe_dump({"format": "clerk-guide/1", **doc}, allow_unicode=True)
    path = tmp_path / "structured.yaml"
    path.write_text(text, encoding="utf-8")
    assert_located(path, yaml_lines(text))
