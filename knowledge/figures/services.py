"""Writes of key figures: a month saved or submitted, an import, a sharing choice."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from abhnetz.organisations.models import Organisation

from .models import (
    FigureChange,
    FigureDefinition,
    FigureMonth,
    FigureSharing,
    FigureValue,
    MonthStatus,
)
from .permissions import may_enter_figures, may_set_sharing


def _month_write(
    *,
    organisation: Organisation,
    month: datetime.date,
    values: dict[str, Decimal | None],
    definitions: list[FigureDefinition],
    by,
    submit: bool,
) -> FigureMonth:
    figure_month, _created = FigureMonth.objects.select_for_update().get_or_create(
        organisation=organisation, month=month
    )
    stored = {v.definition_id: v for v in figure_month.values.all()}
    # corrections of a submitted month are kept (who, when, old and new)
    keep_history = figure_month.is_submitted
    changes, new_rows = [], []
    for definition in definitions:
        new = values.get(definition.key)
        old_row = stored.get(definition.pk)
        old = old_row.value if old_row else None
        if old == new:
            continue
        if keep_history:
            changes.append(
                FigureChange(
                    figure_month=figure_month,
                    definition=definition,
                    old_value=old,
                    new_value=new,
                    changed_by=by,
                )
            )
        if old_row is None:
            new_rows.append(
                FigureValue(figure_month=figure_month, definition=definition, value=new)
            )
        elif new is None:
            old_row.delete()
        else:
            old_row.value = new
            old_row.save(update_fields=["value"])
    FigureValue.objects.bulk_create(new_rows)
    FigureChange.objects.bulk_create(changes)
    if submit and not figure_month.is_submitted:
        figure_month.status = MonthStatus.SUBMITTED
        figure_month.submitted_at = timezone.now()
        figure_month.submitted_by = by
    figure_month.save()
    return figure_month


def figure_month_save(
    *,
    organisation: Organisation,
    month: datetime.date,
    values: dict[str, Decimal | None],
    by,
    submit: bool,
) -> FigureMonth:
    """Store an office's month as a draft or submit it; values are already validated."""
    if not may_enter_figures(by, organisation):
        raise PermissionDenied
    definitions = list(FigureDefinition.objects.valid_in(month))
    with transaction.atomic():
        return _month_write(
            organisation=organisation,
            month=month,
            values=values,
            definitions=definitions,
            by=by,
            submit=submit,
        )


def figure_months_import(
    *, organisation: Organisation, months: dict[datetime.date, dict[str, Decimal | None]], by
) -> list[FigureMonth]:
    """Submit several validated months at once: all of them or, on any error, none."""
    if not may_enter_figures(by, organisation):
        raise PermissionDenied
    with transaction.atomic():
        return [
            _month_write(
                organisation=organisation,
                month=month,
                values=values,
                definitions=list(FigureDefinition.objects.valid_in(month)),
                by=by,
                submit=True,
            )
            for month, values in sorted(months.items())
        ]


def figure_sharing_set(*, organisation: Organisation, sharing: str, by) -> FigureSharing:
    """Record the office's choice of who sees its figures by name."""
    if not may_set_sharing(by, organisation):
        raise PermissionDenied
    choice, _created = FigureSharing.objects.update_or_create(
        organisation=organisation, defaults={"sharing": sharing, "updated_by": by}
    )
    return choice
