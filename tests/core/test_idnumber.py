"""GB 11643 identity numbers and GB 32100 unified social credit codes.

Known-valid values: the two examples of GB 11643-1999 (11010519491231002X, 440524188001010014)
and a credit code of the GB 32100 form (91350100M000100Y43). Property tests check the module
against the standards' own definitions of the weights (2^k mod 11 and 3^k mod 31), written
independently here.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.core.idnumber import (
    IdSummary,
    credit_check_char,
    credit_code_problem,
    id_birth_date,
    id_check_char,
    id_number_problem,
    id_sex,
    is_valid_credit_code,
    is_valid_id_number,
    normalize_id_number,
    summarize_id_number,
)

VALID_IDS = ["11010519491231002X", "440524188001010014"]
VALID_CREDIT = "91350100M000100Y43"
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def standard_id_check(first17: str) -> str:
    """GB 11643: weights 2^(17-k) mod 11, check value (12 - sum mod 11) mod 11, 10 written X."""
    total = sum(int(d) * pow(2, 17 - k, 11) for k, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def standard_credit_check(first17: str) -> str:
    """GB 32100: weights 3^k mod 31 over the 31-character alphabet, check 31 - sum mod 31."""
    total = sum(CREDIT_ALPHABET.index(c) * pow(3, k, 31) for k, c in enumerate(first17))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def with_check(first17: str) -> str:
    return first17 + id_check_char(first17)


# --- identity numbers ------------------------------------------------------------------------


@pytest.mark.parametrize("number", VALID_IDS)
def test_known_valid_numbers(number: str) -> None:
    assert id_number_problem(number) is None
    assert is_valid_id_number(number)
    assert id_check_char(number[:17]) == number[17]


def test_summary_of_a_valid_number() -> None:
    assert summarize_id_number("11010519491231002X") == IdSummary(date(1949, 12, 31), "女", "110105")
    assert summarize_id_number("440524188001010014") == IdSummary(date(1880, 1, 1), "男", "440524")
    assert summarize_id_number("440524188001010015") is None


def test_lowercase_x_and_surrounding_spaces_are_accepted() -> None:
    assert is_valid_id_number("11010519491231002x")
    assert is_valid_id_number("  11010519491231002X ")
    assert normalize_id_number(" 11010519491231002x ") == "11010519491231002X"
    assert summarize_id_number("11010519491231002x") is not None


@pytest.mark.parametrize("number", VALID_IDS)
def test_every_wrong_check_character_is_named(number: str) -> None:
    right = number[17]
    for wrong in "0123456789X":
        if wrong == right:
            continue
        problem = id_number_problem(number[:17] + wrong)
        assert problem is not None and problem.code == "id.check"
        assert problem.params == {"expected": right, "got": wrong}
        assert f"校验位应为{right}，实际为{wrong}" in problem.text()
        assert f"should be {right}, not {wrong}" in problem.text("en")


@pytest.mark.parametrize(
    "birth", ["19490230", "19491301", "19490001", "19490100", "20230229", "00000000", "19491232"]
)
def test_birth_dates_that_do_not_exist(birth: str) -> None:
    number = with_check(f"110105{birth}002")  # the check character is right: only the date is wrong
    problem = id_number_problem(number)
    assert problem is not None and problem.code == "id.birth"
    assert problem.params == {"birth": birth}
    assert id_birth_date(number) is None


def test_leap_day_is_a_date_and_a_future_birth_is_refused_when_today_is_given() -> None:
    leap = with_check("11010520240229001")
    assert id_number_problem(leap) is None
    assert id_birth_date(leap) == date(2024, 2, 29)
    problem = id_number_problem(leap, today=date(2024, 2, 28))
    assert problem is not None and problem.code == "id.birth_future"
    assert id_number_problem(leap, today=date(2024, 2, 29)) is None


@pytest.mark.parametrize(
    ("number", "code", "params"),
    [
        ("11010519491231002", "id.length", {"length": 17}),
        ("110105491231002", "id.length", {"length": 15}),  # first-generation 15-digit number
        ("11010519491231002X1", "id.length", {"length": 19}),
        ("", "id.length", {"length": 0}),
        ("1101051949123100XX", "id.chars", {}),
        ("11010519491231002Y", "id.chars", {}),
        ("11O10519491231002X", "id.chars", {}),
    ],
)
def test_shape_problems(number: str, code: str, params: dict[str, object]) -> None:
    problem = id_number_problem(number)
    assert problem is not None
    assert (problem.code, problem.params) == (code, params)
    assert problem.text() != problem.code and problem.text("en") != problem.code


def test_sex_from_the_sequence_digit() -> None:
    assert id_sex("11010519491231002X") == "女"
    assert id_sex("440524188001010014") == "男"
    assert id_sex("4405241880010100") is None


@given(
    region=st.integers(110000, 659999),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)),
    sequence=st.integers(0, 999),
)
def test_check_character_follows_the_standard(region: int, birth: date, sequence: int) -> None:
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    expected = standard_id_check(first17)
    assert id_check_char(first17) == expected
    assert is_valid_id_number(first17 + expected)
    assert all(not is_valid_id_number(first17 + c) for c in "0123456789X" if c != expected)


# --- unified social credit codes -------------------------------------------------------------


def test_known_valid_credit_code_in_any_case() -> None:
    assert credit_code_problem(VALID_CREDIT) is None
    assert is_valid_credit_code(VALID_CREDIT.lower())
    assert is_valid_credit_code(f" {VALID_CREDIT} ")
    assert credit_check_char(VALID_CREDIT[:17]) == VALID_CREDIT[17]


def test_every_wrong_credit_check_character_is_named() -> None:
    right = VALID_CREDIT[17]
    for wrong in CREDIT_ALPHABET:
        if wrong == right:
            continue
        problem = credit_code_problem(VALID_CREDIT[:17] + wrong)
        assert problem is not None and problem.code == "credit.check"
        assert problem.params == {"expected": right, "got": wrong}


@pytest.mark.parametrize("letter", "IOZSV")
def test_letters_the_standard_leaves_out_are_refused(letter: str) -> None:
    problem = credit_code_problem(VALID_CREDIT[:8] + letter + VALID_CREDIT[9:])
    assert problem is not None and problem.code == "credit.chars"
    assert "I、O、Z、S、V" in problem.text()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("91350100M000100Y4", "credit.length"),
        ("91350100M000100Y433", "credit.length"),
        ("9135010AM000100Y43", "credit.chars"),  # the area code (characters 3-8) is digits only
        ("91350100M000100Y4-", "credit.chars"),
    ],
)
def test_credit_code_shape_problems(code: str, expected: str) -> None:
    problem = credit_code_problem(code)
    assert problem is not None and problem.code == expected


@given(st.text(alphabet=CREDIT_ALPHABET, min_size=2, max_size=2),
       st.text(alphabet="0123456789", min_size=6, max_size=6),
       st.text(alphabet=CREDIT_ALPHABET, min_size=9, max_size=9))
def test_credit_check_follows_the_standard(head: str, area: str, body: str) -> None:
    first17 = head + area + body
    expected = standard_credit_check(first17)
    assert credit_check_char(first17) == expected
    assert is_valid_credit_code(first17 + expected)


def test_full_width_input_is_accepted() -> None:
    from clerk_app.core.idnumber import normalize_id_number

    full_width = "１１０１０５１９４９１２３１００２ｘ"
    assert id_number_problem(full_width) is None
    assert normalize_id_number(full_width) == "11010519491231002X"
    assert credit_code_problem("９１３５０１００Ｍ０００１００Ｙ４３") is None
