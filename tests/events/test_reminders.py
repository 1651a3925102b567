"""Reminders: a set time before the event, once, never for cancelled events or answers."""

import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

from abhnetz.notifications.models import Notification
from events.models import Answer
from events.notification_kinds import REMINDER
from events.services import rsvp_answer

from .conftest import republish


def remind(hours=None) -> str:
    out = io.StringIO()
    call_command("send_event_reminders", *(["--hours", str(hours)] if hours else []), stdout=out)
    return out.getvalue()


def reminded():
    return set(Notification.objects.filter(kind=REMINDER).values_list("recipient_id", flat=True))


def test_reminds_registered_people_once_within_two_days(network, publish_event):
    soon = publish_event("Bald", start=timezone.now() + dt.timedelta(hours=30))
    later = publish_event("Später", start=timezone.now() + dt.timedelta(days=5))
    rsvp_answer(event=soon, person=network.office_staff, answer=Answer.YES)
    rsvp_answer(event=soon, person=network.office_staff_b, answer=Answer.MAYBE)
    rsvp_answer(event=later, person=network.moderator, answer=Answer.YES)
    assert "1 participants" in remind()
    assert reminded() == {network.office_staff.pk}
    # a second run tells nobody again
    assert "0 participants" in remind()
    assert Notification.objects.filter(kind=REMINDER).count() == 1


def test_configurable_time_before(network, publish_event):
    later = publish_event("Später", start=timezone.now() + dt.timedelta(days=5))
    rsvp_answer(event=later, person=network.moderator, answer=Answer.YES)
    remind(hours=24 * 6)
    assert reminded() == {network.moderator.pk}


def test_never_for_cancelled_events_or_people_who_cancelled(network, publish_event):
    cancelled = publish_event("Abgesagt", start=timezone.now() + dt.timedelta(hours=30))
    other = publish_event("Stattfindend", start=timezone.now() + dt.timedelta(hours=30))
    rsvp_answer(event=cancelled, person=network.office_staff, answer=Answer.YES)
    republish(cancelled, cancelled=True)
    rsvp_answer(event=other, person=network.office_staff_b, answer=Answer.YES)
    rsvp_answer(event=other, person=network.office_staff_b, answer=Answer.NO)
    remind()
    assert reminded() == set()
