"""The month's checks on their own (the form and the import share them): each case
the issue names, with the figure key the error belongs to."""

import datetime
from decimal import Decimal

import pytest

from knowledge.figures.models import FigureCheck, FigureDefinition, FigureKind
from knowledge.figures.validation import validate_month

TODAY = datetime.date(2026, 4, 18)
MARCH = datetime.date(2026, 3, 1)


def definition(key, kind=FigureKind.COUNT, check_as=FigureCheck.NONE, required=False):
    return FigureDefinition(key=key, label=key, kind=kind, check_as=check_as, required=required)


SCHEMA = [
    definition("visits", check_as=FigureCheck.VISITS, required=True),
    definition("documents", check_as=FigureCheck.CONCERN),
    definition("forms", check_as=FigureCheck.CONCERN),
    definition("waiting", kind=FigureKind.MINUTES, check_as=FigureCheck.WAITING),
    definition("share_online", kind=FigureKind.PERCENTAGE),
    definition("hours", kind=FigureKind.HOURS),
]


def check(month=MARCH, submit=True, **values):
    values = {key: Decimal(str(value)) for key, value in values.items()}
    return validate_month(
        definitions=SCHEMA, values=values, month=month, today=TODAY, submit=submit
    )


def test_a_plausible_month_passes():
    assert (
        check(visits=100, documents=60, forms=40, waiting=8, share_online="12.5", hours="320.5")
        == {}
    )


@pytest.mark.parametrize(
    ("values", "key", "words"),
    [
        ({"visits": 100, "documents": -1}, "documents", "negative"),
        ({"visits": "10.5"}, "visits", "whole number"),
        ({"visits": 100, "share_online": 101}, "share_online", "100"),
        ({"visits": 100, "documents": 60, "forms": 41}, "visits", "101"),
        ({"visits": 0, "waiting": 8}, "waiting", "visits"),
        ({"waiting": 8}, "waiting", "visits"),
        ({"documents": 5}, "visits", "required"),
    ],
)
def test_each_wrong_figure_is_named_at_its_key(values, key, words, settings):
    # given English messages, so the test reads the words
    from django.utils import translation

    with translation.override("en"):
        # when the month is checked for submission
        errors = check(**values)
    # then the error stands at that figure
    assert key in errors, errors
    assert words in " ".join(errors[key])


def test_hours_and_minutes_may_have_fractions():
    assert check(visits=10, waiting="7.5", hours="0.25") == {}


def test_a_month_that_has_not_begun_is_refused_and_this_month_is_not():
    assert "month" in check(month=datetime.date(2026, 5, 1), visits=1)
    assert "month" not in check(month=datetime.date(2026, 4, 1), visits=1)


def test_a_draft_may_lack_required_figures_but_not_be_wrong():
    assert check(submit=False, documents=5) == {}
    assert "documents" in check(submit=False, documents=-5)
