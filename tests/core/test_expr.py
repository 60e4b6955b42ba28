"""The guide condition language: parsing, evaluation, errors with offsets, no eval."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.core.expr import ExprError, parse


@pytest.mark.parametrize(
    ("text", "env", "expected"),
    [
        ('agent == "委托代办"', {"agent": "委托代办"}, True),
        ('agent == "委托代办"', {"agent": "本人办理"}, False),
        ('agent != "委托代办"', {}, True),
        ("staff_count > 10", {"staff_count": 12}, True),
        ("staff_count > 10", {"staff_count": None}, False),
        ("staff_count <= 10", {}, False),
        ('premises in ["租赁房产", "无偿使用"]', {"premises": "无偿使用"}, True),
        ('premises not in ["租赁房产", "无偿使用"]', {"premises": "自有房产"}, True),
        ('"食品销售" in business_scope', {"business_scope": ["日用百货", "食品销售"]}, True),
        ('"食品销售" in business_scope', {"business_scope": None}, False),
        ('not (a == 1) and (b == 2 or c == 3)', {"a": 2, "c": 3}, True),
        ("not not flag", {"flag": True}, True),
        ("flag == true", {"flag": True}, True),
        ("x == null", {}, True),
        ("amount >= 1.5", {"amount": 1.5}, True),
        ("amount > 1", {"amount": "many"}, False),
        ("a == 'single quoted'", {"a": "single quoted"}, True),
        ('a == "with \\" quote"', {"a": 'with " quote'}, True),
        ("n == -3", {"n": -3}, True),
        ("a or b and c", {"a": False, "b": True, "c": False}, False),
        ("a or b and c", {"a": True}, True),
    ],
)
def test_evaluates(text: str, env: dict, expected: bool) -> None:
    assert parse(text).evaluate(env) is expected


@pytest.mark.parametrize(
    ("text", "offset", "fragment"),
    [
        ("agent ==", 8, "expected a value"),
        ('agent = "x"', 6, "unexpected character"),
        ("(a == 1", 7, "expected ')'"),
        ("a == 1 b", 7, "unexpected"),
        ("a < b < c", 6, "chained"),
        ("__import__('os')", 10, "unexpected"),
        ("a == 1;", 6, "unexpected character"),
        ("[1, 2", 5, "expected ','"),
        ("", 0, "empty"),
        ("   ", 0, "empty"),
        ('"unterminated', 0, "unexpected character"),
        ("and", 0, "expected a value"),
    ],
)
def test_errors_name_the_place(text: str, offset: int, fragment: str) -> None:
    with pytest.raises(ExprError) as caught:
        parse(text)
    assert caught.value.offset == offset
    assert fragment in caught.value.message


def test_names_and_compared_values_for_static_checks() -> None:
    expression = parse('agent == "委托代办" and premises in ["自有房产", "x"] or 3 < n')
    assert [n.name for n in expression.names()] == ["agent", "premises", "n"]
    assert expression.compared_values() == [
        ("agent", "委托代办"),
        ("premises", "自有房产"),
        ("premises", "x"),
    ]


def test_never_runs_python() -> None:
    with pytest.raises(ExprError):
        parse("open('/etc/passwd').read()")


@given(st.text(max_size=60))
def test_any_text_parses_or_raises_exprerror(text: str) -> None:
    try:
        expression = parse(text)
    except ExprError as exc:
        assert 0 <= exc.offset <= len(text)
    else:
        expression.evaluate({})
