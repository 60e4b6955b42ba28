"""The generated city-scale catalogue: valid guides, unique codes, realistic variation, repeatable."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from clerk_app.catalogue.generator import (
    AREAS,
    BAOTOU_CATALOGUE_SIZE,
    CITY,
    GeneratedCatalogue,
    ShippedGuides,
    generate_catalogue,
    main,
    read_shipped_guides,
    write_catalogue,
)

RESOURCES = Path(__file__).resolve().parents[2] / "clerk_app" / "resources"


@pytest.fixture(scope="module")
def shipped() -> ShippedGuides:
    guides = read_shipped_guides(RESOURCES / "guides")
    if not guides.matters:
        pytest.skip("no shipped guides to vary")
    return guides


@pytest.fixture(scope="module")
def full(shipped: ShippedGuides) -> GeneratedCatalogue:
    return generate_catalogue(shipped)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((RESOURCES / "schema" / "guide.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def schema_errors(validator: jsonschema.Draft202012Validator, docs: list[dict[str, Any]]) -> list[str]:
    return [f"{d.get('code')}: {e.message}" for d in docs for e in validator.iter_errors(d)]


def test_reads_matters_bundles_and_departments(shipped: ShippedGuides) -> None:
    assert all(d["doc"] == "matter" for d in shipped.matters)
    assert all(d["doc"] == "bundle" for d in shipped.bundles)
    assert shipped.department_names["scjgj"] == "包头市市场监督管理局"


def test_default_size_is_baotou_catalogue_with_unique_codes(full: GeneratedCatalogue) -> None:
    codes = [d["code"] for d in full.matters]
    assert len(codes) == BAOTOU_CATALOGUE_SIZE == 7304
    assert len(set(codes)) == len(codes)
    assert codes == sorted(codes)


def test_small_catalogue_documents_all_validate_against_the_schema(
    shipped: ShippedGuides, validator: jsonschema.Draft202012Validator
) -> None:
    small = generate_catalogue(shipped, len(shipped.matters) + 120, seed=5)
    assert len(small.matters) == len(shipped.matters) + 120
    assert schema_errors(validator, [*small.matters, *small.bundles]) == []


def test_full_catalogue_sample_validates_against_the_schema(
    full: GeneratedCatalogue, validator: jsonschema.Draft202012Validator
) -> None:
    # one document per (template, handling item): every shape the generator produces
    sample: dict[tuple[str, str], dict[str, Any]] = {}
    for doc in full.matters:
        sample.setdefault((str(doc.get("conditions")), doc["hierarchy"]["item"]), doc)
    assert len(sample) > 100
    assert schema_errors(validator, list(sample.values())) == []


def test_shipped_guides_are_kept_unchanged_and_bundles_resolve(
    shipped: ShippedGuides, full: GeneratedCatalogue
) -> None:
    by_code = {d["code"]: d for d in full.matters}
    for doc in shipped.matters:
        assert by_code[doc["code"]] == doc
    assert full.bundles == shipped.bundles
    for bundle in full.bundles:
        assert all(member["code"] in by_code for member in bundle["matters"])


def test_variation_covers_every_area_item_and_department(shipped: ShippedGuides, full: GeneratedCatalogue) -> None:
    areas = Counter(d["code"][:6] for d in full.matters)
    assert set(areas) == {code for code, _ in AREAS}
    assert min(areas.values()) > 600  # spread evenly, not one district first
    items = Counter(d["hierarchy"]["item"] for d in full.matters)
    assert all(items[item] > 1000 for item in ("新设", "变更", "延续", "注销"))
    assert set(d["department"] for d in full.matters) <= set(shipped.department_names)
    assert len({d["department"] for d in full.matters}) >= 12


def test_districts_have_their_own_agencies_and_codes(full: GeneratedCatalogue) -> None:
    districts = dict(AREAS)
    for doc in full.matters:
        area = doc["code"][:6]
        assert area in districts
        if area != CITY[0]:
            assert districts[area] in doc["agency"], doc["code"]
            assert districts[area] in doc["contacts"]["address"]
    examples = {d["agency"] for d in full.matters if d["code"].startswith("150203")}
    assert "昆都仑区市场监督管理局" in examples
    assert "包头市公安局昆都仑区分局" in examples


def test_one_matter_has_one_basic_code_wherever_implemented(full: GeneratedCatalogue) -> None:
    basic: dict[tuple[str, str], set[Any]] = defaultdict(set)
    for doc in full.matters:
        basic[(doc["department"], doc["name"])].add(doc.get("basic_code"))
    assert all(len(codes) == 1 for codes in basic.values())
    assert max(Counter(d["name"] for d in full.matters).values()) == len(AREAS)


def test_every_shipped_matter_is_implemented_in_every_area_under_one_code_tail(
    shipped: ShippedGuides, full: GeneratedCatalogue
) -> None:
    implementations = Counter(d["name"] for d in full.matters)
    assert all(implementations[doc["name"]] == len(AREAS) for doc in shipped.matters)
    tails: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc in full.matters:
        tails[(doc["department"], doc["name"])].add(doc["code"].split("-", 1)[1])
    assert all(len(tail) == 1 for tail in tails.values())


def test_time_limits_stay_within_the_legal_limit(full: GeneratedCatalogue) -> None:
    for doc in full.matters:
        limit = doc["time_limit"]
        if limit["kind"] == "承诺件":
            assert 0 <= limit["promised_days"] <= limit["legal_days"], doc["code"]


def test_new_items_are_named_after_their_main_matter(full: GeneratedCatalogue) -> None:
    renamed = [d for d in full.matters if "（延续）" in d["name"]]
    assert renamed
    for doc in renamed:
        assert doc["name"] == f"{doc['hierarchy']['main']}（延续）"
        assert doc["hierarchy"]["item"] == "延续"
        assert "aliases" not in doc


def test_same_seed_same_documents_other_seed_other_documents(shipped: ShippedGuides) -> None:
    count = len(shipped.matters) + 500
    first = generate_catalogue(shipped, count, seed=11)
    assert generate_catalogue(shipped, count, seed=11).matters == first.matters
    other = generate_catalogue(shipped, count, seed=12)
    assert other.matters != first.matters and len(other.matters) == count


def test_written_files_read_back_and_load_without_issues(shipped: ShippedGuides, tmp_path: Path) -> None:
    from clerk_app.catalogue.loader import load_catalogue

    small = generate_catalogue(shipped, len(shipped.matters) + 40, seed=3)
    written = write_catalogue(small, tmp_path)
    assert written == len(small.matters) + len(small.bundles) + 1
    for doc in small.matters[:: max(1, len(small.matters) // 20)]:
        path = tmp_path / "matters" / f"{doc['code']}.yaml"
        assert yaml.safe_load(path.read_text(encoding="utf-8")) == doc
    loaded = load_catalogue([tmp_path])
    assert loaded.issues == []
    assert len(loaded.catalogue.matters) == len(small.matters)
    assert len(loaded.catalogue.bundles) == len(small.bundles)


def test_command_line_writes_a_catalogue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "out"), "--count", "60", "--guides", str(RESOURCES / "guides")]) == 0
    assert len(list((tmp_path / "out" / "matters").glob("*.yaml"))) == 60
    assert "files written" in capsys.readouterr().out


def test_impossible_counts_are_refused(shipped: ShippedGuides) -> None:
    with pytest.raises(ValueError, match="at most"):
        generate_catalogue(shipped, 10**6)
    with pytest.raises(ValueError, match="below"):
        generate_catalogue(shipped, 1)
    with pytest.raises(ValueError, match="no matter"):
        generate_catalogue(ShippedGuides(), 10)
