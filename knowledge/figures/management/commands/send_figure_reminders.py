"""Remind offices that have not submitted last month's key figures.

Run daily by cron; it acts from the configured day of the month on
(``FIGURES_REMINDER_DAY``, default 5) and tells each office once per month.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from knowledge.figures.numbers import NumberError, add_months, month_key, parse_month
from knowledge.figures.reminders import figure_reminders_send


class Command(BaseCommand):
    help = "Remind offices that have not submitted last month's key figures."

    def add_arguments(self, parser):
        parser.add_argument(
            "--month", help="The month to remind of (2026-03); default: last month."
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even before the reminder day."
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        day = getattr(settings, "FIGURES_REMINDER_DAY", 5)
        if not options["force"] and not options["month"] and today.day < day:
            self.stdout.write(f"Reminders start on day {day} of the month.")
            return
        try:
            month = parse_month(options["month"]) or add_months(today.replace(day=1), -1)
        except NumberError as error:
            raise CommandError(str(error)) from error
        told = figure_reminders_send(month=month)
        self.stdout.write(f"{len(told)} offices reminded of {month_key(month)}.")
