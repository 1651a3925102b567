"""Answers, capacity, the waitlist, invitations and changes of an event."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from abhnetz.audiences.models import Audience
from abhnetz.notifications.models import Notification
from events.models import Answer, Rsvp
from events.notification_kinds import CANCELLED, CHANGED, INVITED, PROMOTED
from events.selectors import seats_taken
from events.services import event_invite, rsvp_answer
from tests.factories import UserFactory

from .conftest import republish


@pytest.fixture
def staff(network):
    return [UserFactory(organisation=network.office_a, roles=["office_staff"]) for _ in range(4)]


def test_colleagues_take_seats_and_a_full_event_waitlists(network, publish_event, staff):
    # given an event with 3 places
    event = publish_event(capacity=3)
    # when one registers with two colleagues
    first = rsvp_answer(event=event, person=staff[0], answer=Answer.YES, colleagues=2)
    # then all three places are taken and the next Zusage waits
    assert first.is_registered
    assert seats_taken(event) == 3
    second = rsvp_answer(event=event, person=staff[1], answer=Answer.YES)
    assert second.is_waitlisted


def test_maybe_to_yes_counts_against_capacity(network, publish_event, staff):
    # given a full event and someone who said Vielleicht before it filled
    event = publish_event(capacity=1)
    rsvp_answer(event=event, person=staff[0], answer=Answer.MAYBE)
    rsvp_answer(event=event, person=staff[1], answer=Answer.YES)
    # when the Vielleicht becomes a Zusage
    switched = rsvp_answer(event=event, person=staff[0], answer=Answer.YES)
    # then it joins the waitlist instead of overbooking
    assert switched.is_waitlisted
    assert seats_taken(event) == 1


def test_cancellation_promotes_in_order_as_many_as_fit(network, publish_event, staff):
    # given a full event with three people waiting, in order
    event = publish_event(capacity=2)
    rsvp_answer(event=event, person=staff[0], answer=Answer.YES, colleagues=1)
    now = timezone.now()
    for offset, person in enumerate(staff[1:]):
        rsvp_answer(
            event=event, person=person, answer=Answer.YES, now=now + dt.timedelta(seconds=offset)
        )
    # when the registered person (2 seats) cancels
    rsvp_answer(event=event, person=staff[0], answer=Answer.NO)
    # then the first two in line get the seats, the third still waits, and they are told
    states = {r.person_id: r.is_registered for r in Rsvp.objects.filter(event=event)}
    assert states[staff[1].pk]
    assert states[staff[2].pk]
    assert not states[staff[3].pk]
    assert set(
        Notification.objects.filter(kind=PROMOTED).values_list("recipient_id", flat=True)
    ) == {staff[1].pk, staff[2].pk}


def test_strict_order_nobody_jumps_the_queue(network, publish_event, staff):
    event = publish_event(capacity=2)
    rsvp_answer(event=event, person=staff[0], answer=Answer.YES)
    rsvp_answer(event=event, person=staff[1], answer=Answer.YES)
    now = timezone.now()
    big = rsvp_answer(event=event, person=staff[2], answer=Answer.YES, colleagues=1, now=now)
    small = rsvp_answer(
        event=event, person=staff[3], answer=Answer.YES, now=now + dt.timedelta(seconds=1)
    )
    # when one seat frees, the first in line needs two: nobody behind them moves up
    rsvp_answer(event=event, person=staff[0], answer=Answer.NO)
    big.refresh_from_db()
    small.refresh_from_db()
    assert big.is_waitlisted
    assert small.is_waitlisted


def test_registered_person_can_cancel_after_the_deadline(network, publish_event, staff):
    event = publish_event(capacity=1)
    rsvp_answer(event=event, person=staff[0], answer=Answer.YES)
    later = event.start - dt.timedelta(hours=1)
    republish(event, registration_deadline=event.start - dt.timedelta(days=1))
    event.refresh_from_db()
    # a new Zusage after the deadline is refused, a cancellation is not
    with pytest.raises(ValidationError):
        rsvp_answer(event=event, person=staff[1], answer=Answer.YES, now=later)
    assert rsvp_answer(event=event, person=staff[0], answer=Answer.NO, now=later).answer == "no"


def test_more_colleagues_than_fit_keeps_the_seats_held(network, publish_event, staff):
    event = publish_event(capacity=2)
    rsvp_answer(event=event, person=staff[0], answer=Answer.YES)
    rsvp_answer(event=event, person=staff[1], answer=Answer.YES)
    with pytest.raises(ValidationError) as error:
        rsvp_answer(event=event, person=staff[0], answer=Answer.YES, colleagues=1)
    assert Rsvp.objects.get(person=staff[0]).is_registered
    # their own seat is free to them: one place, in the singular
    assert error.value.message_dict["colleagues"] == ["Nur noch 1 Platz ist frei."]


def test_outside_the_audience_cannot_answer(network, publish_event):
    event = publish_event(audience=Audience.selected(organisations=[network.office_a]))
    with pytest.raises(PermissionDenied):
        rsvp_answer(event=event, person=network.office_staff_b, answer=Answer.YES)


def test_invitation_mails_a_calendar_request_only_to_the_audience(
    network, publish_event, django_capture_on_commit_callbacks
):
    # given an event for office A only
    event = publish_event(audience=Audience.selected(organisations=[network.office_a]))
    # when the coordinator invites offices A and B
    with django_capture_on_commit_callbacks(execute=True):
        told = event_invite(
            event=event, by=network.coordinator, organisations=[network.office_a, network.office_b]
        )
    # then only office A's people hear of it, with text/calendar; method=REQUEST
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {network.office_staff.email, network.moderator.email}
    assert told == 2
    part = mail.outbox[0].attachments[0]
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert "METHOD:REQUEST" in part.get_payload(decode=True).decode()
    assert Notification.objects.filter(kind=INVITED).count() == 2


def test_every_change_raises_sequence_and_tells_the_registered(
    network, publish_event, django_capture_on_commit_callbacks
):
    event = publish_event()
    rsvp_answer(event=event, person=network.office_staff, answer=Answer.YES)
    assert event.sequence == 0
    # a new title is no change of the invitation
    event = republish(event, title="Vernetzungstreffen (neu)")
    assert event.sequence == 0
    with django_capture_on_commit_callbacks(execute=True):
        event = republish(event, start=event.start + dt.timedelta(hours=1))
    assert event.sequence == 1
    event = republish(event, place_room="Saal 2")
    assert event.sequence == 2
    assert Notification.objects.filter(kind=CHANGED, recipient=network.office_staff).count() == 2
    assert "SEQUENCE:1" in mail.outbox[-1].attachments[0].get_payload(decode=True).decode()


def test_publishing_an_old_revision_never_lowers_sequence(network, publish_event):
    event = publish_event()
    old_revision = event.latest_revision
    event = republish(event, start=event.start + dt.timedelta(hours=1))
    assert event.sequence == 1
    # the old revision carries sequence 0 and the old time: restoring it is a change again
    old_revision.publish()
    assert type(event).objects.get(pk=event.pk).sequence == 2


def test_cancelling_sends_method_cancel(network, publish_event, django_capture_on_commit_callbacks):
    event = publish_event()
    rsvp_answer(event=event, person=network.office_staff, answer=Answer.YES)
    with django_capture_on_commit_callbacks(execute=True):
        event = republish(event, cancelled=True)
    assert Notification.objects.filter(kind=CANCELLED, recipient=network.office_staff).exists()
    body = mail.outbox[-1].attachments[0].get_payload(decode=True).decode()
    assert "METHOD:CANCEL" in body
    assert "STATUS:CANCELLED" in body
    assert mail.outbox[-1].attachments[0].get_param("method") == "CANCEL"
