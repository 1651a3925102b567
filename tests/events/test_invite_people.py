"""A coordinator invites single people by their addresses, besides organisations and groups."""

import pytest
from django.core import mail

from abhnetz.audiences.models import Audience
from events.models import EventInvitation


@pytest.fixture
def office_event(network, publish_event):
    # the whole network, not the advisory board
    return publish_event("Hospitation Adorf", audience=Audience.network())


def invite_url(event) -> str:
    return f"/termine/{event.pk}/einladen/"


def test_people_named_by_address_are_invited_and_get_the_calendar_mail(
    network, office_event, client_for, django_capture_on_commit_callbacks
):
    coordinator = client_for(network.coordinator, mfa=True)
    # when the coordinator types two addresses, in other capitals, with commas and lines
    typed = f"{network.office_staff.email.upper()},\n {network.moderator.email} ; "
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(invite_url(office_event), {"people": typed})
    # then both are invited as people, and each gets a calendar request
    assert response.status_code == 302
    invited = set(
        EventInvitation.objects.filter(event=office_event).values_list("person_id", flat=True)
    )
    assert invited == {network.office_staff.pk, network.moderator.pk}
    calendar_mails = {m.to[0] for m in mail.outbox if m.attachments}
    assert calendar_mails == {network.office_staff.email, network.moderator.email}


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("niemand@unbekannt.example", "niemand@unbekannt.example"),
        ("{board}", "{board}"),  # a member outside the event's audience
        (", ".join(f"p{n}@y.example" for n in range(51)), "50"),
    ],
)
def test_addresses_that_cannot_be_invited_are_named_next_to_the_field(
    network, office_event, client_for, typed, says
):
    coordinator = client_for(network.coordinator, mfa=True)
    typed = typed.format(board=network.board_member.email)
    says = says.format(board=network.board_member.email)
    # when the coordinator sends addresses that are unknown, too many, or outside the audience
    response = coordinator.post(invite_url(office_event), {"people": typed})
    # then the form comes back with the error at the field and what was typed kept
    assert response.status_code == 200
    errors = response.context["form"].errors["people"]
    assert any(says in error for error in errors)
    assert typed.strip() in response.content.decode()
    # and nobody was invited or mailed
    assert not EventInvitation.objects.filter(event=office_event).exists()
    assert mail.outbox == []


def test_an_invitation_needs_someone(network, office_event, client_for):
    response = client_for(network.coordinator, mfa=True).post(
        invite_url(office_event), {"people": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not EventInvitation.objects.filter(event=office_event).exists()
