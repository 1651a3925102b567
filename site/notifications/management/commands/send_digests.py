"""Send each person the daily digest of their notifications, once per day.

Idempotent: a person's digest for a day is recorded (``DigestSent``) in the same
transaction that queues it, so cron or a systemd timer may run this every hour; a
second run on the same day sends nothing. Every item is checked again against the
person's current keys and the target's current audience before it goes out.
"""

from django.core.management.base import BaseCommand

from abhnetz.notifications.delivery import digest_period, people_with_digest_items, send_digest


class Command(BaseCommand):
    help = "Send the daily notification digests (at most one per person and day)."

    def handle(self, *args, **options):
        period = digest_period()
        sent = 0
        for person in people_with_digest_items():
            sent += bool(send_digest(person=person, period=period))
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"{sent} digest(s) sent for {period:%d.%m.%Y}."))
