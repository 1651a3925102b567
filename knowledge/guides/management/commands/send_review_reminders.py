"""Remind owners (and deputies) of guides whose review date has passed.

Idempotent: one reminder per guide and due date (``ReviewReminder``), so cron or a
systemd timer may run it as often as it likes; a second run sends nothing.
"""

from django.core.management.base import BaseCommand

from knowledge.guides.services import guides_due_for_reminder, review_reminder_send


class Command(BaseCommand):
    help = "Send review reminders for guides whose review date has passed (once per date)."

    def handle(self, *args, **options):
        guides = list(guides_due_for_reminder())
        total = len(guides)
        sent = 0
        for number, guide in enumerate(guides, start=1):
            was_sent = review_reminder_send(guide=guide)
            sent += was_sent
            if options["verbosity"] >= 1:
                state = "reminded" if was_sent else "already reminded"
                self.stdout.write(
                    f"{number}/{total} {guide.title} ({guide.review_due_on}): {state}"
                )
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"{sent} review reminder(s) sent."))
