"""Date polls: answers, the matrix with coverage by organisation, closing into an event."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from abhnetz.audiences.models import Audience
from abhnetz.notifications.models import Notification
from events.models import DatePoll, EventInvitation, EventPage, PollChoice
from events.notification_kinds import POLL_CLOSED, POLL_INVITED
from events.poll_forms import parse_slots
from events.poll_services import poll_answer, poll_close, poll_create, poll_matrix
from tests.factories import OrganisationFactory, UserFactory

Y, M, N = PollChoice.YES, PollChoice.IF_NEEDED, PollChoice.NO


@pytest.fixture
def poll(network):
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=30)
    return poll_create(
        by=network.coordinator,
        title="Terminfindung: Vernetzungstreffen (Herbst)",
        kind="networking",
        slots=[
            (start + dt.timedelta(days=d), start + dt.timedelta(days=d, hours=4)) for d in range(3)
        ],
        audience=Audience.offices(),
        organisations=[network.office_a, network.office_b],
    )


def answer(poll, person, *choices, comment=""):
    slots = list(poll.slots.all())
    return poll_answer(
        poll=poll,
        person=person,
        choices={s.pk: c for s, c in zip(slots, choices, strict=True)},
        comment=comment,
    )


def test_asked_offices_are_told_not_the_partners(network, poll):
    told = set(
        Notification.objects.filter(kind=POLL_INVITED).values_list("recipient_id", flat=True)
    )
    assert told == {network.office_staff.pk, network.office_staff_b.pk, network.moderator.pk}


def test_coverage_ranks_before_head_count(network, poll):
    # office A comes in force on slot 1, but office B only on slots 2 and 3
    extra = [UserFactory(organisation=network.office_a, roles=["office_staff"]) for _ in range(2)]
    for person in [network.office_staff, *extra]:
        answer(poll, person, Y, N, M)
    answer(poll, network.office_staff_b, N, Y, Y)
    _responses, results, ranked = poll_matrix(poll)
    assert results[0].counts == {"yes": 3, "if_needed": 0, "no": 1}
    assert results[0].missing == ["Ausländerbehörde Bestadt"]
    # slot 3 (both offices, mostly "Wenn nötig") first; then one office each, more Ja first
    assert [r.slot.pk for r in ranked] == [
        results[2].slot.pk,
        results[0].slot.pk,
        results[1].slot.pk,
    ]


def test_answers_can_change_until_closed(network, poll):
    answer(poll, network.office_staff, Y, Y, Y)
    answer(poll, network.office_staff, N, N, N, comment="Doch nicht")
    _responses, results, _ranked = poll_matrix(poll)
    assert all(r.counts["no"] == 1 and r.counts["yes"] == 0 for r in results)


def test_outsider_cannot_answer(network, poll):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        answer(poll, network.partner, Y, Y, Y)


def test_closing_makes_the_event_invites_and_tells(
    network, poll, django_capture_on_commit_callbacks
):
    answer(poll, network.office_staff, Y, N, N)
    answer(poll, network.office_staff_b, Y, N, N)
    slot = poll.slots.first()
    with django_capture_on_commit_callbacks(execute=True):
        event = poll_close(poll=poll, slot=slot, by=network.coordinator)
    event = EventPage.objects.get(pk=event.pk)
    assert event.live
    assert event.title == "Vernetzungstreffen (Herbst)"
    assert (event.start, event.end) == (slot.start, slot.end)
    assert event.audience_scope == "offices"
    assert EventInvitation.objects.filter(event=event).count() == 2
    assert {m.to[0] for m in mail.outbox if m.attachments} == {
        network.office_staff.email,
        network.office_staff_b.email,
        network.moderator.email,
    }
    assert Notification.objects.filter(kind=POLL_CLOSED).count() == 2
    assert DatePoll.objects.get(pk=poll.pk).closed_at is not None


@pytest.mark.parametrize(
    "typed",
    [
        "18.04.2027 10:00–15:30",
        "18.04.2027 10:00-15:30",
        "18.04.2027, 10.00 - 15.30 Uhr",
        "18.4.2027 10:00 Uhr bis 15:30 Uhr",
    ],
)
def test_slots_are_typed_the_german_way(typed):
    (slot,) = parse_slots(typed)
    assert timezone.localtime(slot[0]).strftime("%d.%m.%Y %H:%M") == "18.04.2027 10:00"
    assert timezone.localtime(slot[1]).strftime("%H:%M") == "15:30"


@pytest.mark.parametrize(
    "typed", ["04/18/2027 10:00-15:30", "31.04.2027 10:00-15:30", "18.04.2027 3pm-5pm"]
)
def test_slots_not_read_as_a_date_name_their_line(typed):
    with pytest.raises(ValidationError, match="Zeile 2: .*18.04.2026"):
        parse_slots("18.04.2027 10:00-15:30\n" + typed)


def test_poll_pages(network, poll, client_for, queries):
    # outside the audience: 404, not even the title
    partner = client_for(network.partner)
    assert partner.get(f"/termine/umfragen/{poll.pk}/").status_code == 404
    assert "Herbst" not in partner.get("/termine/").content.decode()
    # a participant answers through the form; errors stay at the field
    client = client_for(network.office_staff)
    slots = list(poll.slots.all())
    response = client.post(f"/termine/umfragen/{poll.pk}/", {f"slot_{slots[0].pk}": "yes"})
    assert response.status_code == 400
    data = {f"slot_{s.pk}": "yes" for s in slots}
    assert client.post(f"/termine/umfragen/{poll.pk}/", data).status_code == 302
    # the coordinator's matrix costs the same with more participants
    coordinator = client_for(network.coordinator, mfa=True)
    html = coordinator.get(f"/termine/umfragen/{poll.pk}/").content.decode()
    assert 'data-testid="poll-matrix"' in html

    def add_participants():
        for _ in range(3):
            office = OrganisationFactory()
            person = UserFactory(organisation=office, roles=["office_staff"])
            poll.invited_organisations.add(office)
            answer(poll, person, Y, M, N)

    # session, user, reader keys, the poll, its slots, my answer, my roles, the matrix
    # (slots, responses with people and organisations, answers, asked organisations),
    # unread count, footer links
    queries.assert_constant(
        lambda: coordinator.get(f"/termine/umfragen/{poll.pk}/"), add_participants, expected=13
    )
