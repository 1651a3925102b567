"""Invitations: coordinators invite an address into an organisation with a role; the link
creates a verified account once."""

import hashlib
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from abhnetz.accounts import onboarding_services as services
from abhnetz.accounts.models import Invitation, User
from abhnetz.accounts.roles import Role
from tests.factories import PASSWORD

from .helpers import assert_accessible_page, link_in, text

NEW_PASSWORD = "Sonnenblume-am-Rathausplatz-7"


@pytest.fixture(autouse=True)
def _domains(network):
    """The organisations' e-mail domains, as the addresses below use them."""
    for organisation, domain in (
        (network.office_a, "adorf.example"),
        (network.jobcenter, "jobcenter.example"),
        (network.ministry, "ministerium.example"),
    ):
        organisation.email_domains = domain
        organisation.save()


def invite(network, committed, *, email="neu@adorf.example", role=Role.OFFICE_STAFF, by=None):
    with committed():
        return services.invitation_create(
            by=by or network.coordinator, email=email, organisation=network.office_a, role=role
        )


def accept(client, token, **overrides):
    data = {
        "first_name": "Nora",
        "last_name": "Neumann",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    } | overrides
    return client.post(f"/einladung/{token}/", data)


# --- inviting ------------------------------------------------------------------------


def test_coordinator_invites_through_the_page_and_the_link_is_mailed(
    network, client_for, committed
):
    # given a coordinator on the invitation form
    client = client_for(network.coordinator, mfa=True)
    form_page = client.get("/einladungen/neu/")
    assert form_page.status_code == 200
    assert_accessible_page(form_page)

    # when they invite an address into office A as office staff
    with committed():
        response = client.post(
            "/einladungen/neu/",
            {
                "email": "Neu@Adorf.example",
                "organisation": network.office_a.pk,
                "role": "office_staff",
            },
        )

    # then the invitation is stored (address normalised) and listed as open
    assert response.status_code == 302
    assert response["Location"] == "/einladungen/"
    invitation = Invitation.objects.get()
    assert invitation.email == "neu@adorf.example"
    assert (invitation.organisation, invitation.role) == (network.office_a, Role.OFFICE_STAFF)
    assert invitation.invited_by == network.coordinator
    listing = client.get("/einladungen/")
    assert_accessible_page(listing)
    assert "neu@adorf.example" in listing.content.decode()
    # and one e-mail with a single personal link went to the address
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neu@adorf.example"]
    assert message.subject.startswith("[ABH-Netz] ")
    assert "Ausländerbehörde Adorf" in message.body
    assert link_in(message, "/einladung/").startswith("/einladung/")


def test_only_the_hash_of_the_token_is_stored(network, committed):
    # when an invitation is created
    invitation = invite(network, committed)

    # then the database holds the token's SHA-256, not the token from the e-mail
    token = link_in(mail.outbox[0], "/einladung/").split("/")[2]
    assert token == invitation.token
    stored = Invitation.objects.get(pk=invitation.pk)
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored.token_hash
    # and it expires after ABHNETZ_INVITATION_DAYS
    assert abs(stored.expires_at - (stored.created_at + timedelta(days=14))) < timedelta(seconds=5)


def test_inviting_an_existing_member_is_refused_next_to_the_field(network, client_for, committed):
    # given a coordinator
    client = client_for(network.coordinator, mfa=True)

    # when they invite the address of an existing member
    with committed():
        response = client.post(
            "/einladungen/neu/",
            {
                "email": network.partner.email,
                "organisation": network.office_a.pk,
                "role": "office_staff",
            },
        )

    # then the form comes back with the error next to the e-mail field and the value kept
    html = assert_accessible_page(response)
    assert response.status_code == 200
    assert 'id="id_email-error"' in html
    assert text("A person with this e-mail address already has an account.") in html
    assert f'value="{network.partner.email}"' in html
    # and nothing was stored or sent
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_the_service_refuses_an_existing_member_too(network):
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            by=network.coordinator,
            email=network.partner.email.upper(),
            organisation=network.jobcenter,
            role=Role.PARTNER_STAFF,
        )
    assert "email" in error.value.error_dict


@pytest.mark.parametrize("person", ["office_staff", "partner", "board_member", "moderator"])
def test_people_without_the_onboarding_role_cannot_invite(network, client_for, person):
    # given someone who is neither coordinator nor administrator
    user = getattr(network, person)
    client = client_for(user)

    # then the pages are forbidden ...
    assert client.get("/einladungen/").status_code == 403
    assert client.get("/einladungen/neu/").status_code == 403
    assert client.post("/einladungen/neu/", {"email": "x@adorf.example"}).status_code == 403
    # ... and so is the service itself
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            by=user, email="x@adorf.example", organisation=network.office_a, role=Role.OFFICE_STAFF
        )
    assert not Invitation.objects.exists()


def test_only_administrators_hand_out_the_administrator_role(network, client_for, committed):
    # given the invitation form of a coordinator and of an administrator
    coordinator_form = (
        client_for(network.coordinator, mfa=True).get("/einladungen/neu/").content.decode()
    )
    admin_form = (
        client_for(network.administrator, mfa=True).get("/einladungen/neu/").content.decode()
    )

    # then only the administrator is offered the role
    assert 'value="administrator"' not in coordinator_form
    assert 'value="administrator"' in admin_form
    # and the service refuses the coordinator even when asked directly
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            by=network.coordinator,
            email="chef@ministerium.example",
            organisation=network.ministry,
            role=Role.ADMINISTRATOR,
        )
    assert invite(network, committed, role=Role.ADMINISTRATOR, by=network.administrator).pk


def test_a_new_invitation_replaces_the_open_one(network, committed):
    # given an open invitation
    first = invite(network, committed)

    # when the same address is invited again
    second = invite(network, committed)

    # then only the newest link works
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert list(Invitation.objects.open()) == [second]
    response = Client().get(f"/einladung/{first.token}/")
    assert response.status_code == 410
    assert 'data-reason="withdrawn"' in response.content.decode()


def test_coordinator_withdraws_an_invitation(network, client_for, committed):
    # given an open invitation on the list
    invitation = invite(network, committed)
    client = client_for(network.coordinator, mfa=True)

    # when the coordinator withdraws it
    response = client.post(f"/einladungen/{invitation.pk}/zurueckziehen/")

    # then it leaves the list and its link stops working
    assert response.status_code == 302
    assert 'data-testid="invitation-list"' not in client.get("/einladungen/").content.decode()
    assert Client().get(f"/einladung/{invitation.token}/").status_code == 410


# --- accepting -------------------------------------------------------------------------


def test_accepting_creates_a_verified_account_in_the_organisation_and_logs_in(network, committed):
    # given an invitation mailed to a new colleague, who opens the link while logged out
    invite(network, committed)
    path = link_in(mail.outbox[0], "/einladung/")
    guest = Client()
    page = guest.get(path)
    assert page.status_code == 200
    html = assert_accessible_page(page)
    assert "neu@adorf.example" in html

    # when they enter their name and a password twice
    response = accept(guest, path.split("/")[2])

    # then the account exists with organisation, role and a verified primary address,
    # and the new member is led to complete their profile
    assert response.status_code == 302
    assert response["Location"] == "/meine-daten/profil/"
    user = User.objects.get(email="neu@adorf.example")
    assert (user.first_name, user.last_name) == ("Nora", "Neumann")
    assert user.organisation == network.office_a
    assert user.role_slugs == {Role.OFFICE_STAFF}
    assert user.check_password(NEW_PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == ("neu@adorf.example", True, True)
    # and the invitation is spent
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    # and they are logged in
    assert int(guest.session["_auth_user_id"]) == user.pk
    assert guest.get("/mitteilungen/").status_code == 200


def test_the_new_account_signs_in_with_its_password(network, committed):
    # given an accepted invitation
    invitation = invite(network, committed)
    accept(Client(), invitation.token)

    # when the person signs in on another device
    response = Client().post(
        "/konto/login/", {"login": "neu@adorf.example", "password": NEW_PASSWORD}
    )

    # then they are in without a verification step (the link proved the address)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert len(mail.outbox) == 1  # the invitation; no verification mail


def test_a_used_link_cannot_be_used_again(network, committed):
    # given an accepted invitation
    invitation = invite(network, committed)
    accept(Client(), invitation.token)

    # when the link is opened or posted again
    again = Client().get(f"/einladung/{invitation.token}/")
    posted = accept(Client(), invitation.token, first_name="Eve")

    # then it says so clearly and no second account appears
    assert again.status_code == 410
    assert 'data-reason="used"' in assert_accessible_page(again)
    assert posted.status_code == 410
    assert User.objects.filter(email="neu@adorf.example").count() == 1
    assert User.objects.get(email="neu@adorf.example").first_name == "Nora"


def test_an_expired_link_says_so(network, committed):
    # given an invitation past its 14 days
    invitation = invite(network, committed)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    # when it is opened or posted
    response = Client().get(f"/einladung/{invitation.token}/")
    posted = accept(Client(), invitation.token)

    # then the person learns it has expired and no account is created
    assert response.status_code == 410
    assert 'data-reason="expired"' in assert_accessible_page(response)
    assert posted.status_code == 410
    assert not User.objects.filter(email="neu@adorf.example").exists()


def test_an_unknown_link_says_so(db):
    response = Client().get("/einladung/not-a-real-token/")
    assert response.status_code == 404
    assert 'data-reason="unknown"' in assert_accessible_page(response)


def test_form_errors_stand_next_to_the_fields_and_values_are_kept(network, committed):
    # given an invitation
    invitation = invite(network, committed)

    # when the two passwords differ
    response = accept(Client(), invitation.token, password2="Sonnenblume-am-Rathausplatz-8")

    # then the error stands next to the second password and the names are kept
    html = assert_accessible_page(response)
    assert response.status_code == 200
    assert 'id="id_password2-error"' in html
    assert 'value="Nora"' in html
    assert 'value="Neumann"' in html
    assert not User.objects.filter(email="neu@adorf.example").exists()


def test_weak_passwords_are_refused(network, committed):
    # given an invitation
    invitation = invite(network, committed)

    # when the password is short and common
    response = accept(Client(), invitation.token, password1="password", password2="password")

    # then the validators' message stands next to the password field
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_password1-error"' in html
    assert not User.objects.filter(email="neu@adorf.example").exists()


def test_a_signed_in_member_opening_a_link_ends_up_in_the_new_account(
    network, client_for, committed
):
    # given someone signed in on a shared computer
    invitation = invite(network, committed)
    client = client_for(network.office_staff)

    # when the invitee accepts on that computer
    accept(client, invitation.token)

    # then the browser belongs to the new account
    assert int(client.session["_auth_user_id"]) == User.objects.get(email="neu@adorf.example").pk
    assert network.office_staff.check_password(PASSWORD)
