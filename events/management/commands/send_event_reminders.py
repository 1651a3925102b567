"""Remind registered participants of their events (run by cron, e.g. hourly).

How long before: ``--hours`` or the setting ``EVENTS_REMINDER_HOURS`` (default 48, two
days). Running it again tells nobody twice.
"""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand

from events.services import reminders_send


class Command(BaseCommand):
    help = "Remind registered participants of events that start soon (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, help="How long before the start (default 48).")

    def handle(self, *args, **options):
        hours = options["hours"] or getattr(settings, "EVENTS_REMINDER_HOURS", 48)
        told = reminders_send(before=dt.timedelta(hours=hours))
        self.stdout.write(f"{told} participants reminded.")
