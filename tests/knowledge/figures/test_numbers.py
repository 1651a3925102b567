import datetime
from decimal import Decimal

import pytest

from knowledge.figures.numbers import NumberError, format_number, parse_month, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234", Decimal(1234)),
        ("1.234.567", Decimal(1234567)),
        ("12,5", Decimal("12.5")),
        ("1.234,75", Decimal("1234.75")),
        (" 42 ", Decimal(42)),
        ("1 234", Decimal(1234)),
        ("1\u00a0234", Decimal(1234)),
        ("-3", Decimal(-3)),
        ("0", Decimal(0)),
        ("", None),
        ("   ", None),
    ],
)
def test_german_numbers_are_parsed(text, expected):
    # given a number typed the German way / when parsed / then its value
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    ["12.5", "1.23", "1,2,3", "abc", "1e5", "12,", ",5", "1.2345", "<script>", "１２", "9" * 25],
)
def test_ambiguous_or_wrong_numbers_are_refused(text):
    # given input that is not a German number (a dot as decimal point is ambiguous)
    # when parsed / then a message for the person, never a guess
    with pytest.raises(NumberError):
        parse_number(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal(1234), "1.234"),
        (Decimal("12.5"), "12,5"),
        (Decimal("1234567.25"), "1.234.567,25"),
        (Decimal("0"), "0"),
        (Decimal("-1500"), "-1.500"),
        (None, ""),
    ],
)
def test_numbers_are_formatted_the_german_way(value, expected):
    assert format_number(value) == expected


def test_formatting_and_parsing_round_trip():
    for value in (Decimal("0.5"), Decimal(999), Decimal(1000), Decimal("98765.43")):
        assert parse_number(format_number(value)) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03", datetime.date(2026, 3, 1)),
        ("03.2026", datetime.date(2026, 3, 1)),
        ("3/2026", datetime.date(2026, 3, 1)),
        ("", None),
    ],
)
def test_months_are_parsed(text, expected):
    assert parse_month(text) == expected


@pytest.mark.parametrize("text", ["2026-13", "13.2026", "März", "2026", "1999-01"])
def test_wrong_months_are_refused(text):
    with pytest.raises(NumberError):
        parse_month(text)
