"""The checks of one month's figures, shared by the form and the CSV import.

Pure: takes definitions, the parsed values and the month, returns errors keyed by
figure key (``"month"`` for the month itself), so each error can stand next to its
field or be reported with its row and column.
"""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from .models import FigureCheck, FigureKind


def validate_month(
    *,
    definitions,
    values: dict[str, Decimal | None],
    month: datetime.date | None,
    today: datetime.date,
    submit: bool,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    if month is not None and month > today.replace(day=1):
        add("month", _("This month has not begun yet."))
    for definition in definitions:
        value = values.get(definition.key)
        if value is None:
            if submit and definition.required:
                add(definition.key, _("This figure is required to submit the month."))
            continue
        if value < 0:
            add(definition.key, _("A figure cannot be negative."))
        elif definition.kind == FigureKind.COUNT and value != value.to_integral_value():
            add(definition.key, _("Enter a whole number."))
        elif definition.kind == FigureKind.PERCENTAGE and value > 100:
            add(definition.key, _("A percentage cannot be more than 100."))

    visits = [d for d in definitions if d.check_as == FigureCheck.VISITS]
    total = values.get(visits[0].key) if visits else None
    concern_sum = sum(
        (values.get(d.key) or Decimal(0)) for d in definitions if d.check_as == FigureCheck.CONCERN
    )
    if visits and total is not None and concern_sum > total:
        add(
            visits[0].key,
            _("The visits per concern add up to %(sum)s, more than the %(total)s visits.")
            % {"sum": _plain(concern_sum), "total": _plain(total)},
        )
    if visits and not total:
        for definition in definitions:
            if definition.check_as == FigureCheck.WAITING and values.get(definition.key):
                add(definition.key, _("A waiting time needs visits in the same month."))
    return errors


def _plain(value: Decimal) -> str:
    from .numbers import format_number

    return format_number(value)
