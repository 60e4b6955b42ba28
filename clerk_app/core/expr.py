"""The guide condition language: a small, safe expression language (never `eval`).

    agent == "委托代办"
    premises in ["租赁房产", "无偿使用"] and not (staff_count > 10)
    "食品销售" in business_scope

Grammar (lowest precedence first):
    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := atom (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in") atom)?
    atom    := STRING | NUMBER | "true" | "false" | "null" | NAME | "[" [atom ("," atom)*] "]"
             | "(" expr ")"

`parse()` turns text into an immutable tree once; `Expression.evaluate(env)` reads names from a
mapping. An unanswered name is None; ordering comparisons with None or mixed types are false,
so a half-filled form never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<op>==|!=|<=|>=|<|>|\(|\)|\[|\]|,)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    """,
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "in", "true", "false", "null"}
_COMPARISONS = {"==", "!=", "<", "<=", ">", ">=", "in", "not in"}


class ExprError(ValueError):
    """A syntax error in a condition, with the 0-based character offset where it was found."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset

    def __str__(self) -> str:
        return f"{self.message} (at character {self.offset + 1})"


@dataclass(frozen=True)
class Token:
    kind: str  # string, number, op, name, keyword, end
    value: Any
    offset: int


@dataclass(frozen=True)
class Literal:
    value: Any


@dataclass(frozen=True)
class Name:
    name: str
    offset: int


@dataclass(frozen=True)
class ListNode:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class BoolOp:
    op: str  # "and" | "or"
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Compare:
    op: str
    left: Node
    right: Node


Node = Literal | Name | ListNode | Not | BoolOp | Compare


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise ExprError(f"unexpected character {text[pos]!r}", pos)
        kind = match.lastgroup or ""
        raw = match.group()
        if kind == "string":
            tokens.append(Token("string", _unescape(raw[1:-1]), pos))
        elif kind == "number":
            tokens.append(Token("number", float(raw) if "." in raw else int(raw), pos))
        elif kind == "name":
            tokens.append(Token("keyword" if raw in _KEYWORDS else "name", raw, pos))
        elif kind == "op":
            tokens.append(Token("op", raw, pos))
        pos = match.end()
    tokens.append(Token("end", None, len(text)))
    return tokens


def _unescape(body: str) -> str:
    return re.sub(r"\\(.)", r"\1", body)


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.index = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.current
        self.index += 1
        return token

    def at(self, kind: str, value: Any = None) -> bool:
        token = self.current
        return token.kind == kind and (value is None or token.value == value)

    def expect(self, kind: str, value: Any) -> None:
        if not self.at(kind, value):
            raise ExprError(f"expected {value!r}, found {self._describe()}", self.current.offset)
        self.advance()

    def _describe(self) -> str:
        token = self.current
        return "end of condition" if token.kind == "end" else repr(str(token.value))

    def parse(self) -> Node:
        node = self.parse_or()
        if not self.at("end"):
            raise ExprError(f"unexpected {self._describe()}", self.current.offset)
        return node

    def parse_or(self) -> Node:
        return self._bool_chain("or", self.parse_and)

    def parse_and(self) -> Node:
        return self._bool_chain("and", self.parse_not)

    def _bool_chain(self, op: str, operand: Any) -> Node:
        operands = [operand()]
        while self.at("keyword", op):
            self.advance()
            operands.append(operand())
        return operands[0] if len(operands) == 1 else BoolOp(op, tuple(operands))

    def parse_not(self) -> Node:
        if self.at("keyword", "not"):
            self.advance()
            return Not(self.parse_not())
        return self.parse_compare()

    def parse_compare(self) -> Node:
        left = self.parse_atom()
        op = self._comparison_operator()
        if op is None:
            return left
        right = self.parse_atom()
        if self._comparison_operator(peek=True) is not None:
            raise ExprError("chained comparisons need 'and'", self.current.offset)
        return Compare(op, left, right)

    def _comparison_operator(self, *, peek: bool = False) -> str | None:
        token = self.current
        if token.kind == "op" and token.value in _COMPARISONS:
            op = str(token.value)
        elif token.kind == "keyword" and token.value == "in":
            op = "in"
        elif token.kind == "keyword" and token.value == "not":
            following = self.tokens[self.index + 1]
            if not (following.kind == "keyword" and following.value == "in"):
                return None
            op = "not in"
        else:
            return None
        if not peek:
            self.index += 2 if op == "not in" else 1
        return op

    def parse_atom(self) -> Node:
        token = self.current
        if token.kind in ("string", "number"):
            self.advance()
            return Literal(token.value)
        if token.kind == "keyword" and token.value in ("true", "false", "null"):
            self.advance()
            return Literal({"true": True, "false": False, "null": None}[token.value])
        if token.kind == "name":
            self.advance()
            return Name(token.value, token.offset)
        if token.kind == "op" and token.value == "(":
            self.advance()
            node = self.parse_or()
            self.expect("op", ")")
            return node
        if token.kind == "op" and token.value == "[":
            return self.parse_list()
        raise ExprError(f"expected a value, found {self._describe()}", token.offset)

    def parse_list(self) -> Node:
        self.expect("op", "[")
        items: list[Node] = []
        while not self.at("op", "]"):
            items.append(self.parse_atom())
            if not self.at("op", "]"):
                self.expect("op", ",")
        self.advance()
        return ListNode(tuple(items))


@dataclass(frozen=True)
class Expression:
    """A parsed condition: evaluate it against answers, or list the names it reads."""

    source: str
    tree: Node

    def evaluate(self, env: Mapping[str, Any]) -> bool:
        return bool(_eval(self.tree, env))

    def names(self) -> list[Name]:
        return list(_walk_names(self.tree))

    def compared_values(self) -> list[tuple[str, Any]]:
        """(name, literal) pairs compared by ==, != or in/not in a list, for option checks."""
        return list(_walk_compared(self.tree))


def parse(text: str) -> Expression:
    """Parse a condition; raises ExprError with the offset of the first problem."""
    if not isinstance(text, str):
        raise ExprError("a condition must be text", 0)
    if not text.strip():
        raise ExprError("empty condition", 0)
    return Expression(text, _Parser(text).parse())


def _eval(node: Node, env: Mapping[str, Any]) -> Any:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Name):
        return env.get(node.name)
    if isinstance(node, ListNode):
        return [_eval(item, env) for item in node.items]
    if isinstance(node, Not):
        return not _eval(node.operand, env)
    if isinstance(node, BoolOp):
        values = (_eval(operand, env) for operand in node.operands)
        return all(values) if node.op == "and" else any(values)
    return _compare(node.op, _eval(node.left, env), _eval(node.right, env))


def _compare(op: str, left: Any, right: Any) -> bool:
    if op == "==":
        return bool(left == right)
    if op == "!=":
        return bool(left != right)
    if op in ("in", "not in"):
        contained = _contains(right, left)
        return contained if op == "in" else not contained
    if left is None or right is None or isinstance(left, bool) or isinstance(right, bool):
        return False
    try:
        if op == "<":
            return bool(left < right)
        if op == "<=":
            return bool(left <= right)
        if op == ">":
            return bool(left > right)
        return bool(left >= right)
    except TypeError:
        return False


def _contains(container: Any, item: Any) -> bool:
    if isinstance(container, (list, tuple, set, frozenset)):
        return item in container
    if isinstance(container, str) and isinstance(item, str):
        return item in container
    return False


def _walk_names(node: Node) -> Iterator[Name]:
    if isinstance(node, Name):
        yield node
    elif isinstance(node, ListNode):
        for item in node.items:
            yield from _walk_names(item)
    elif isinstance(node, Not):
        yield from _walk_names(node.operand)
    elif isinstance(node, BoolOp):
        for operand in node.operands:
            yield from _walk_names(operand)
    elif isinstance(node, Compare):
        yield from _walk_names(node.left)
        yield from _walk_names(node.right)


def _walk_compared(node: Node) -> Iterator[tuple[str, Any]]:
    if isinstance(node, Not):
        yield from _walk_compared(node.operand)
    elif isinstance(node, BoolOp):
        for operand in node.operands:
            yield from _walk_compared(operand)
    elif isinstance(node, Compare):
        yield from _compared_pair(node)


def _compared_pair(node: Compare) -> Iterator[tuple[str, Any]]:
    left, right = node.left, node.right
    if node.op in ("==", "!="):
        if isinstance(left, Name) and isinstance(right, Literal):
            yield left.name, right.value
        elif isinstance(right, Name) and isinstance(left, Literal):
            yield right.name, left.value
    elif isinstance(left, Name) and isinstance(right, ListNode):
        for item in right.items:
            if isinstance(item, Literal):
                yield left.name, item.value
