"""One mail per piece of calendar news, whatever the person chose (docs/decisions/0058).

The calendar mail (with its .ics) is the e-mail of an invitation, a change, a
cancellation and a place from the waitlist: the notification stays in the inbox and is
neither mailed again at once nor repeated in the day's digest.
"""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation
from wagtail.users.models import UserProfile

from abhnetz.audiences.models import Audience
from abhnetz.notifications.models import MailState, Notification, NotificationPreference
from abhnetz.notifications.registry import Delivery, get_kind
from abhnetz.notifications.services import preference_set, preferences_of
from events.models import Answer, PollChoice
from events.notification_kinds import CHANGED, INVITED, POLL_CLOSED, PROMOTED
from events.poll_services import poll_answer, poll_close, poll_create
from events.services import event_invite, rsvp_answer
from tests.factories import UserFactory

from .conftest import berlin, republish


def mails_to(person) -> list:
    return [message for message in mail.outbox if message.to == [person.email]]


def english(person):
    UserProfile.objects.update_or_create(user=person, defaults={"preferred_language": "en"})
    return person


def stored_choice(person, kind: str, delivery: str) -> None:
    """A choice saved before the settings page stopped offering it (or ``preference_set``)."""
    if get_kind(kind).allows(delivery):
        preference_set(person=person, kind=kind, delivery=delivery)
    else:
        NotificationPreference.objects.create(person=person, kind=kind, delivery=delivery)


def digests(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", verbosity=0)


@pytest.mark.parametrize("delivery", [Delivery.IMMEDIATE, Delivery.DIGEST, Delivery.INBOX])
def test_an_invitation_is_one_mail_in_the_recipients_language(
    network, publish_event, django_capture_on_commit_callbacks, delivery
):
    # given an English-speaking member who wants invitations at once / in the digest
    person = english(network.office_staff)
    stored_choice(person, INVITED, delivery)
    event = publish_event(start=berlin(2027, 4, 18, 10, 0), end=berlin(2027, 4, 18, 15, 30))
    # when the coordinator (German) invites their office and the day's digest runs
    with django_capture_on_commit_callbacks(execute=True):
        event_invite(event=event, by=network.coordinator, organisations=[network.office_a])
    digests(django_capture_on_commit_callbacks)
    # then exactly one mail reached them: the calendar invitation, in English
    [message] = mails_to(person)
    assert message.subject.endswith(f"Invitation: {event.title}")
    assert "18.04.2027, 10:00–15:30 o'clock" in message.body
    assert "Uhr" not in message.body
    assert message.attachments[0].get_param("method") == "REQUEST"
    # and the invitation waits in their inbox, marked as mailed, queued for nothing
    entry = Notification.objects.get(kind=INVITED, recipient=person)
    assert entry.mail_state == MailState.NONE
    assert entry.emailed_at is not None


def test_a_german_invitee_reads_uhr(network, publish_event, django_capture_on_commit_callbacks):
    # given a coordinator working in English and a German member
    event = publish_event(start=berlin(2027, 4, 18, 10, 0), end=berlin(2027, 4, 18, 15, 30))
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        event_invite(event=event, by=network.coordinator, people=[network.office_staff])
    [message] = mails_to(network.office_staff)
    assert "18.04.2027, 10:00–15:30 Uhr" in message.body


@pytest.mark.parametrize("delivery", [Delivery.IMMEDIATE, Delivery.DIGEST])
def test_a_change_is_one_mail(network, publish_event, django_capture_on_commit_callbacks, delivery):
    # given a registered person who wants changes at once / in the digest
    event = publish_event()
    stored_choice(network.office_staff, CHANGED, delivery)
    rsvp_answer(event=event, person=network.office_staff, answer=Answer.YES)
    # when the room changes and the digest runs
    with django_capture_on_commit_callbacks(execute=True):
        republish(event, place_room="Saal 2")
    digests(django_capture_on_commit_callbacks)
    # then one updated calendar mail, no notification mail besides
    [message] = mails_to(network.office_staff)
    assert message.attachments[0].get_param("method") == "REQUEST"


def test_a_place_from_the_waitlist_is_one_mail(
    network, publish_event, django_capture_on_commit_callbacks
):
    # given a full event and a person waiting
    event = publish_event(capacity=1)
    waiting = english(UserFactory(organisation=network.office_a, roles=["office_staff"]))
    rsvp_answer(event=event, person=network.office_staff, answer=Answer.YES)
    rsvp_answer(event=event, person=waiting, answer=Answer.YES)
    # when the registered person cancels
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_answer(event=event, person=network.office_staff, answer=Answer.NO)
    # then the promoted person gets one mail that says so, with the calendar request
    [message] = mails_to(waiting)
    assert message.subject.endswith(f"You have a place: {event.title}")
    assert "moved up from the waitlist" in message.body
    assert message.attachments[0].get_param("method") == "REQUEST"
    assert Notification.objects.filter(kind=PROMOTED, recipient=waiting).exists()


def test_closing_a_poll_mails_an_invited_respondent_once(
    network, django_capture_on_commit_callbacks
):
    # given a poll that asked office A, answered by its staff member
    poll = poll_create(
        by=network.coordinator,
        title="Terminfindung: Arbeitstreffen",
        kind="networking",
        slots=[(berlin(2027, 4, 18, 10, 0), berlin(2027, 4, 18, 15, 30))],
        organisations=[network.office_a],
        audience=Audience.network(),
    )
    slot = poll.slots.get()
    poll_answer(poll=poll, person=network.office_staff, choices={slot.pk: PollChoice.YES})
    mail.outbox.clear()
    # when the coordinator closes it into an event
    with django_capture_on_commit_callbacks(execute=True):
        poll_close(poll=poll, slot=slot, by=network.coordinator)
    # then the respondent gets the invitation only; "poll closed" stays in the inbox
    [message] = mails_to(network.office_staff)
    assert message.attachments[0].get_param("method") == "REQUEST"
    assert Notification.objects.filter(kind=POLL_CLOSED, recipient=network.office_staff).exists()


CALENDAR_KINDS = [INVITED, CHANGED, "events.cancelled", PROMOTED]


@pytest.mark.parametrize("kind", CALENDAR_KINDS)
def test_the_settings_offer_only_what_still_decides_something(network, client_for, kind):
    # given the settings page of a member
    html = client_for(network.office_staff).get("/benachrichtigungen/einstellungen/")
    html = html.content.decode()
    # then a calendar kind offers the inbox entry (and leaving it out, where allowed),
    # never "at once" or "in the digest": the calendar mail comes either way
    assert f'name="{kind}" value="inbox"' in html
    assert f'name="{kind}" value="immediate"' not in html
    assert f'name="{kind}" value="digest"' not in html
    assert (f'name="{kind}" value="off"' in html) == get_kind(kind).can_turn_off
    assert "Als Kalender-E-Mail und im Posteingang" in html


def test_a_mail_choice_for_a_calendar_kind_is_an_error_next_to_it(network, client_for):
    # given someone who sends "at once" for invitations (an old form, or by hand)
    person = network.office_staff
    answers = preferences_of(person) | {INVITED: Delivery.IMMEDIATE}
    response = client_for(person).post("/benachrichtigungen/einstellungen/", answers)
    # then the page says so next to the field, and nothing is stored
    assert response.status_code == 200
    assert response.content.decode().count('class="kern-error"') == 1
    assert not NotificationPreference.objects.filter(person=person, kind=INVITED).exists()
    with pytest.raises(ValidationError, match="gibt es für diese Benachrichtigung nicht"):
        preference_set(person=person, kind=INVITED, delivery=Delivery.DIGEST)


def test_an_old_mail_choice_shows_as_the_inbox(network):
    # a choice stored before (at once) reads as what it does: the inbox entry
    stored_choice(network.office_staff, INVITED, Delivery.IMMEDIATE)
    assert preferences_of(network.office_staff)[INVITED] == Delivery.INBOX
