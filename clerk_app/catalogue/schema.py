"""Validating guide documents against the published JSON Schema, with lines and short messages."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError

from clerk_app.catalogue.located_yaml import Locations
from clerk_app.config.paths import schema_path

_EXTRA = re.compile(r"'([^']+)' (?:was|were) unexpected")


@cache
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def schema_problems(doc: Any, locations: Locations) -> list[tuple[int, str]]:
    """(line, message) for every place where `doc` breaks the schema, in file order."""
    found: dict[tuple[int, str], None] = {}
    for error in validator().iter_errors(doc):
        for leaf in _leaves(error):
            for line, message in _describe(leaf, locations):
                found.setdefault((line, message), None)
    return sorted(found)


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    """The most specific errors: descend into anyOf/oneOf contexts that have them."""
    if error.context:
        best = [e for e in error.context if not e.context] or list(error.context)
        for sub in best:
            yield from _leaves(sub)
    else:
        yield error


def _describe(error: ValidationError, locations: Locations) -> Iterator[tuple[int, str]]:
    path = list(error.absolute_path)
    where = format_path(path)
    if error.validator == "additionalProperties":
        for name in _EXTRA.findall(error.message)[0].split("', '") if _EXTRA.search(error.message) else []:
            yield locations.key_line([*path, name]), f"{_join(where, name)}: unknown key"
        return
    if error.validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        label = missing[0] if missing else "a key"
        yield locations.line_of(path), f"{where or 'document'}: missing required key '{label}'"
        return
    yield locations.line_of(path), f"{where or 'document'}: {_short(error)}"


def _short(error: ValidationError) -> str:
    if error.validator == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return f"{error.instance!r} is not one of: {options}"
    if error.validator == "pattern":
        return f"{error.instance!r} does not have the expected form ({error.validator_value})"
    if error.validator == "const":
        return f"must be {error.validator_value!r}, not {error.instance!r}"
    if error.validator == "type":
        return f"{error.instance!r} is not of type {error.validator_value}"
    return error.message


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def format_path(path: Sequence[Any]) -> str:
    """`materials[2].when` style, as a person reads it."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
