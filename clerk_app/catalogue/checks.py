"""Checks a guide needs beyond its schema: conditions, duplicate keys, options, consistency.

Each check takes a schema-valid raw document and its `Locations`, and returns (line, message)
pairs; references between files (departments, bundle members, duplicate codes) are checked by
`clerk_app.catalogue.loader` once every file is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from clerk_app.catalogue.located_yaml import Locations
from clerk_app.catalogue.schema import format_path
from clerk_app.core.expr import ExprError, parse
from clerk_app.core.guide import Matter

Problems = list[tuple[int, str]]

BUILTIN_NAMES: dict[str, tuple[str, ...]] = {"applicant_kind": ("自然人", "法人", "其他组织")}
_CARD_TYPES = {"id_number": {"id_number"}, "birth": {"date"}, "valid_from": {"date"},
               "valid_to": {"date", "text"}}
_CHOICE_TYPES = {"choice", "multi_choice"}


def check_matter(doc: Mapping[str, Any], loc: Locations) -> Problems:
    problems: Problems = []
    problems += _duplicate_keys(doc, loc, ("situations", "fields", "materials"))
    problems += _situation_field_clash(doc, loc)
    problems += _situation_defaults(doc.get("situations", ()), loc, "situations")
    problems += _field_consistency(doc.get("fields", ()), loc)
    problems += _time_limit(doc, loc)
    problems += _fees(doc, loc)
    vocabulary = _vocabulary(doc.get("situations", ()), doc.get("fields", ()))
    for path, text in _conditions(doc):
        problems += check_condition(text, vocabulary, loc, path)
    return problems


def check_bundle(doc: Mapping[str, Any], loc: Locations, matters: Mapping[str, Matter]) -> Problems:
    problems: Problems = _duplicate_keys(doc, loc, ("situations",))
    problems += _situation_defaults(doc.get("situations", ()), loc, "situations")
    members = doc.get("matters", ())
    seen: set[str] = set()
    known: list[Matter] = []
    for index, member in enumerate(members):
        code = str(member["code"])
        line = loc.line_of(["matters", index, "code"])
        if code in seen:
            problems.append((line, f"matters[{index}].code: {code} is listed twice"))
        seen.add(code)
        if code in matters:
            known.append(matters[code])
            problems += _fixed_answers(member, index, matters[code], loc)
        else:
            problems.append((line, f"matters[{index}].code: unknown matter {code}"))
    problems += _shared_field_conflicts(known, loc)
    vocabulary = _vocabulary(doc.get("situations", ()), ())
    for matter in known:
        vocabulary.update(_matter_vocabulary(matter))
    for path, text in _conditions(doc):
        problems += check_condition(text, vocabulary, loc, path)
    return problems


def _fixed_answers(member: Mapping[str, Any], index: int, matter: Matter, loc: Locations) -> Problems:
    """A bundle may answer its members' situations, but only with options they have."""
    problems: Problems = []
    for key, value in (member.get("answers") or {}).items():
        situation = matter.situation(key)
        line = loc.line_of(["matters", index, "answers", key])
        where = f"matters[{index}].answers.{key}"
        if situation is None:
            problems.append((line, f"{where}: {matter.code} has no situation '{key}'"))
        elif value not in situation.options:
            options = ", ".join(situation.options)
            problems.append((line, f"{where}: {value!r} is not one of its options ({options})"))
    return problems


def check_condition(
    text: str, vocabulary: Mapping[str, tuple[str, ...] | None], loc: Locations, path: list[Any]
) -> Problems:
    """Syntax, unknown names, and values a situation or choice field cannot take."""
    line = loc.line_of(path)
    where = format_path(path)
    try:
        expression = parse(text)
    except ExprError as exc:
        return [(line, f"{where}: bad condition {text!r}: {exc}")]
    problems: Problems = []
    for name in expression.names():
        if name.name not in vocabulary:
            known = ", ".join(sorted(vocabulary)) or "none"
            problems.append((line, f"{where}: unknown name '{name.name}' (known: {known})"))
    for name, value in expression.compared_values():
        options = vocabulary.get(name)
        if options is not None and value is not None and value not in options:
            allowed = ", ".join(options)
            problems.append((line, f"{where}: '{name}' has no option {value!r} (options: {allowed})"))
    return problems


def _vocabulary(
    situations: Iterable[Mapping[str, Any]], fields: Iterable[Mapping[str, Any]]
) -> dict[str, tuple[str, ...] | None]:
    names: dict[str, tuple[str, ...] | None] = dict(BUILTIN_NAMES)
    for situation in situations:
        names[situation["key"]] = tuple(situation["options"])
    for spec in fields:
        names[spec["key"]] = tuple(spec["options"]) if spec["type"] in _CHOICE_TYPES else None
    return names


def _matter_vocabulary(matter: Matter) -> dict[str, tuple[str, ...] | None]:
    names: dict[str, tuple[str, ...] | None] = {s.key: s.options for s in matter.situations}
    for spec in matter.fields:
        names[spec.key] = spec.options if spec.type.value in _CHOICE_TYPES else None
    return names


def _conditions(doc: Mapping[str, Any]) -> Iterable[tuple[list[Any], str]]:
    for section in ("situations", "fields", "materials", "matters"):
        for index, item in enumerate(doc.get(section, ()) or ()):
            if isinstance(item, Mapping) and "when" in item:
                yield [section, index, "when"], item["when"]


def _duplicate_keys(doc: Mapping[str, Any], loc: Locations, sections: Iterable[str]) -> Problems:
    problems: Problems = []
    for section in sections:
        first: dict[str, int] = {}
        for index, item in enumerate(doc.get(section, ()) or ()):
            key = item["key"]
            if key in first:
                line = loc.line_of([section, index, "key"])
                where = f"{section}[{index}].key"
                problems.append((line, f"{where}: duplicate key '{key}' (first at line {first[key]})"))
            else:
                first[key] = loc.line_of([section, index, "key"])
    return problems


def _situation_field_clash(doc: Mapping[str, Any], loc: Locations) -> Problems:
    situations = {s["key"] for s in doc.get("situations", ())}
    return [
        (loc.line_of(["fields", i, "key"]), f"fields[{i}].key: '{f['key']}' is also a situation")
        for i, f in enumerate(doc.get("fields", ()))
        if f["key"] in situations
    ]


def _situation_defaults(situations: Iterable[Mapping[str, Any]], loc: Locations, section: str) -> Problems:
    problems: Problems = []
    for index, situation in enumerate(situations):
        default = situation.get("default")
        if default is not None and default not in situation["options"]:
            line = loc.line_of([section, index, "default"])
            problems.append((line, f"{section}[{index}].default: {default!r} is not one of its options"))
    return problems


def _field_consistency(fields: Iterable[Mapping[str, Any]], loc: Locations) -> Problems:
    problems: Problems = []
    for index, spec in enumerate(fields):
        line = loc.line_of(["fields", index])
        low, high = spec.get("min"), spec.get("max")
        if low is not None and high is not None and low > high:
            problems.append((line, f"fields[{index}]: min {low} is greater than max {high}"))
        card = spec.get("card")
        allowed = _CARD_TYPES.get(card or "")
        if allowed is not None and spec["type"] not in allowed:
            types = "/".join(sorted(allowed))
            problems.append((line, f"fields[{index}]: card {card} fills a {types} field, not {spec['type']}"))
    return problems


def _time_limit(doc: Mapping[str, Any], loc: Locations) -> Problems:
    limit = doc["time_limit"]
    legal, promised = limit.get("legal_days"), limit.get("promised_days")
    if legal is not None and promised is not None and promised > legal:
        line = loc.line_of(["time_limit"])
        return [(line, f"time_limit: promised {promised} days exceeds the legal {legal} days")]
    return []


def _fees(doc: Mapping[str, Any], loc: Locations) -> Problems:
    fees = doc["fees"]
    if not fees["charged"] and fees.get("items"):
        return [(loc.line_of(["fees"]), "fees: charged is false (不收费) but fee items are listed")]
    return []


def _shared_field_conflicts(matters: Iterable[Matter], loc: Locations) -> Problems:
    problems: Problems = []
    seen: dict[str, tuple[str, str]] = {}
    for matter in matters:
        for spec in matter.fields:
            previous = seen.setdefault(spec.key, (spec.type.value, matter.code))
            if previous[0] != spec.type.value:
                problems.append((
                    loc.line_of(["matters"]),
                    f"shared field '{spec.key}' is {previous[0]} in {previous[1]} "
                    f"but {spec.type.value} in {matter.code}",
                ))
    return problems
