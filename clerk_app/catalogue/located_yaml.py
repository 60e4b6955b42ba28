"""Reading YAML while remembering where every value stood, so errors can name a line.

`load_located(text)` returns the data and a `Locations` map from a path of keys and indexes
(as jsonschema reports them) to the 1-based line where that value starts. Duplicate mapping
keys, which PyYAML would silently collapse and so lose a person's data, are reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is several times faster when the wheel carries it
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

PathKey = tuple[Any, ...]


class YamlSyntaxError(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Locations:
    """Line of each value (and of each mapping key) by its path in the document."""

    lines: dict[PathKey, int] = field(default_factory=dict)
    key_lines: dict[PathKey, int] = field(default_factory=dict)
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)
    alias_lines: list[int] = field(default_factory=list)

    def line_of(self, path: Sequence[Any]) -> int:
        """The line of `path`, or of its nearest located ancestor."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)

    def key_line(self, path: Sequence[Any]) -> int:
        """The line where the last key of `path` is written (its value may start later)."""
        return self.key_lines.get(tuple(path), self.line_of(path))


def load_located(text: str) -> tuple[Any, Locations]:
    """Parse one YAML document; raises YamlSyntaxError with a line for malformed input."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = exc.problem or exc.context or "malformed YAML"
        raise YamlSyntaxError(f"YAML syntax: {problem}", line) from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise YamlSyntaxError(f"YAML: {_first_line(exc)}", 1) from None
    finally:
        loader.dispose()
    locations = Locations()
    if node is not None:
        _walk(node, (), locations, set())
    return data, locations


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _scalar_key(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        if node.tag.endswith(":int"):
            try:
                return int(node.value)
            except ValueError:
                return node.value
        return node.value
    return None


def _walk(node: yaml.Node, path: PathKey, locations: Locations, seen_nodes: set[int]) -> None:
    """Record lines; a node met twice is an alias (reported, never walked again)."""
    if id(node) in seen_nodes:
        locations.alias_lines.append(node.start_mark.line + 1)
        return
    seen_nodes.add(id(node))
    locations.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = _scalar_key(key_node)
            line = key_node.start_mark.line + 1
            if key in seen and key is not None:
                locations.duplicates.append((str(key), line, seen[key]))
            seen[key] = line
            locations.key_lines[(*path, key)] = line
            _walk(value_node, (*path, key), locations, seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), locations, seen_nodes)
