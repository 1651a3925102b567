"""Reminders for offices that have not submitted last month (once per office and month)."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse

from abhnetz.accounts.models import User
from abhnetz.accounts.roles import Role
from abhnetz.notifications.services import notify

from .models import FigureMonth, FigureReminder, MonthStatus
from .notification_kinds import FIGURES_MISSING
from .numbers import month_key
from .selectors import offices


def figure_reminders_send(*, month: datetime.date) -> list:
    """Notify the staff of every office without a submitted ``month``; returns the offices.

    Idempotent: a FigureReminder row per office and month is written with the
    notification, so a second run (cron twice a day, a retry) tells nobody again.
    """
    submitted = FigureMonth.objects.filter(month=month, status=MonthStatus.SUBMITTED)
    reminded = FigureReminder.objects.filter(month=month)
    pending = (
        offices()
        .exclude(pk__in=submitted.values("organisation_id"))
        .exclude(pk__in=reminded.values("organisation_id"))
    )
    told = []
    for office in pending:
        try:
            with transaction.atomic():
                reminder = FigureReminder.objects.create(organisation=office, month=month)
                staff = User.objects.filter(
                    organisation=office,
                    is_active=True,
                    groups__role__slug=Role.OFFICE_STAFF,
                )
                notify(
                    kind=FIGURES_MISSING,
                    target=reminder,
                    recipients=staff,
                    link=f"{reverse('figures:entry')}?monat={month_key(month)}",
                    data={"month": month_key(month)},
                )
        except IntegrityError:
            continue  # a parallel run reminded this office first
        told.append(office)
    return told
