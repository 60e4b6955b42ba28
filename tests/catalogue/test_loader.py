"""Loading guide files: every problem named with its file and line; bad files never load."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerk_app.catalogue.loader import load_catalogue, parse_file
from clerk_app.config.paths import guides_dir


def issues_of(path: Path) -> list[str]:
    result = load_catalogue([path], context=[guides_dir()])
    return [f"{i.line}: {i.message}" for i in result.issues]


def test_exemplar_is_valid(exemplar_text: str, write) -> None:
    path = write("ok.yaml", exemplar_text.replace("150200-SCJG-XK-0012-01", "150200-SCJG-XK-9999-01"))
    assert issues_of(path) == []


def test_schema_error_points_at_the_line(exemplar_text: str, write) -> None:
    text = exemplar_text.replace("    necessity: 容缺\n", "    necessity: 可缺\n", 1)
    line = text.splitlines().index("    necessity: 可缺") + 1
    found = issues_of(write("g.yaml", text.replace("XK-0012", "XK-9001")))
    assert found == [f"{line}: materials[2].necessity: '可缺' is not one of: 必要, 容缺, 非必要"]


def test_unknown_key_points_at_the_key(exemplar_text: str, write) -> None:
    text = exemplar_text.replace("visits: 1\n", "visits: 1\nvisitz: 2\n").replace("XK-0012", "XK-9002")
    line = text.splitlines().index("visitz: 2") + 1
    assert issues_of(write("g.yaml", text)) == [f"{line}: visitz: unknown key"]


def test_bad_condition_and_unknown_name_and_option(exemplar_text: str, write) -> None:
    text = (
        exemplar_text.replace('when: premises == "自有房产"', 'when: premises == "自有"')
        .replace('when: premises == "租赁房产"', "when: premisses == 1")
        .replace('when: premises == "无偿使用"', "when: premises ==")
        .replace("XK-0012", "XK-9003")
    )
    found = issues_of(write("g.yaml", text))
    assert len(found) == 3
    assert "'premises' has no option '自有'" in found[0]
    assert "unknown name 'premisses'" in found[1]
    assert "bad condition 'premises ==': expected a value" in found[2]


def test_duplicate_code_across_files(exemplar_text: str, write) -> None:
    found = issues_of(write("copy.yaml", exemplar_text))
    assert len(found) == 1
    assert "duplicate code 150200-SCJG-XK-0012-01" in found[0]
    assert "scjgj-gtgsh-sl.yaml" in found[0]


def test_duplicate_yaml_key_is_reported(exemplar_text: str, write) -> None:
    text = exemplar_text.replace("visits: 1\n", "visits: 1\nvisits: 2\n").replace("XK-0012", "XK-9004")
    line = text.splitlines().index("visits: 2") + 1
    assert issues_of(write("g.yaml", text)) == [f"{line}: duplicate key 'visits' (first at line {line - 1})"]


def test_unknown_department_and_duplicate_material_key(exemplar_text: str, write) -> None:
    text = (
        exemplar_text.replace("department: scjgj", "department: nowhere")
        .replace("  - key: lease_contract", "  - key: id_card")
        .replace("XK-0012", "XK-9005")
    )
    found = issues_of(write("g.yaml", text))
    assert any("unknown department 'nowhere'" in f for f in found)
    assert any("duplicate key 'id_card'" in f for f in found)


def test_consistency_checks(exemplar_text: str, write) -> None:
    text = (
        exemplar_text.replace("legal_days: 15, promised_days: 1", "legal_days: 1, promised_days: 15")
        .replace("fees: {charged: false}", "fees: {charged: false, items: [{name: 工本费, amount: 5, basis: x}]}")
        .replace("    default: 本人办理", "    default: 自己")
        .replace("XK-0012", "XK-9006")
    )
    found = " | ".join(issues_of(write("g.yaml", text)))
    assert "promised 15 days exceeds the legal 1 days" in found
    assert "charged is false (不收费) but fee items are listed" in found
    assert "'自己' is not one of its options" in found


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"format: [unclosed\n", "YAML syntax"),
        (b"\xff\xfe not utf8", "not UTF-8"),
        (b"- just\n- a list\n", "must be a mapping"),
        (b"", "must be a mapping"),
        (b"format: clerk-guide/2\ndoc: matter\n", "format: must be 'clerk-guide/1'"),
        (b"format: clerk-guide/1\ndoc: recipe\n", "'recipe' is not one of"),
        (b"a: &x [*x]\n", "anchors and aliases"),
        (b"a: &a [1, 1]\nb: &b [*a, *a]\nc: [*b, *b]\n", "anchors and aliases"),
    ],
)
def test_malformed_files(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    parsed, issues = parse_file(path)
    assert parsed is None
    assert any(fragment in i.message for i in issues), issues
    assert all(i.line >= 1 for i in issues)


def test_shipped_catalogue_is_valid() -> None:
    result = load_catalogue([guides_dir()])
    assert [str(i) for i in result.issues] == []
    assert result.catalogue.matters


def test_bundle_answers_are_checked(write) -> None:
    bundle = (guides_dir() / "bundles" / "restaurant.yaml").read_text("utf-8")
    bad = bundle.replace("150200-YJS-0002", "150200-YJS-9002").replace(
        "licence_status: 与营业执照同时申请", "licence_status: 以后再说"
    ).replace("餐馆一件事\n", "餐馆一件事（测试）\n")
    found = issues_of(write("b.yaml", bad))
    assert any("licence_status: '以后再说' is not one of its options" in f for f in found), found


def test_bundle_answers_are_fixed_not_asked() -> None:
    from clerk_app.catalogue.loader import load_default_catalogue

    form = load_default_catalogue().catalogue.form("150200-YJS-0002")
    assert "licence_status" not in [s.key for s in form.situations]
    assert form.default_answers()["licence_status"] == "与营业执照同时申请"
