"""Access requests: someone from a participating organisation asks; a coordinator decides."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from abhnetz.accounts import onboarding_services as services
from abhnetz.accounts.models import AccessRequest, AccessRequestStatus, Invitation, User
from abhnetz.accounts.roles import Role

from .helpers import assert_accessible_page, link_in, text


@pytest.fixture
def domains(network):
    """The participating organisations' mail domains."""
    for organisation, domain in (
        (network.office_a, "adorf.example"),
        (network.jobcenter, "jobcenter.example"),
        (network.ministry, "ministerium.example"),
    ):
        organisation.email_domains = domain
        organisation.save()
    return network


def request_access(client=None, **overrides):
    data = {
        "first_name": "Paula",
        "last_name": "Probst",
        "email": "paula.probst@adorf.example",
        "organisation": "",
        "message": "Ich arbeite im Service Point.",
    } | overrides
    return (client or Client()).post("/zugang-beantragen/", data)


def pending_request(network, committed, **overrides) -> AccessRequest:
    data = {
        "first_name": "Paula",
        "last_name": "Probst",
        "email": "paula.probst@adorf.example",
        "organisation": network.office_a,
        "message": "",
    } | overrides
    with committed():
        access_request = services.access_request_submit(**data)
    mail.outbox.clear()
    return access_request


# --- asking ----------------------------------------------------------------------------


def test_the_form_is_public(domains):
    response = Client().get("/zugang-beantragen/")
    assert response.status_code == 200
    html = assert_accessible_page(response)
    for name in ("first_name", "last_name", "email", "organisation", "message"):
        assert f'name="{name}"' in html


def test_a_request_from_a_participating_domain_is_recorded_and_coordinators_are_told(
    domains, committed
):
    # when someone from office A asks, choosing their organisation
    with committed():
        response = request_access(organisation=domains.office_a.pk)

    # then the request waits for a decision
    assert response.status_code == 302
    assert response["Location"] == "/zugang-beantragen/gesendet/"
    access_request = AccessRequest.objects.get()
    assert access_request.status == AccessRequestStatus.PENDING
    assert access_request.organisation == domains.office_a
    assert access_request.message == "Ich arbeite im Service Point."
    assert_accessible_page(Client().get(response["Location"]))
    # and coordinators and administrators (only they) got a mail each with the review link
    # (one message per person: each in their language, nobody sees the other addresses)
    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        [domains.coordinator.email, domains.administrator.email]
    )
    assert link_in(mail.outbox[0], "/zugangsanfragen/") == f"/zugangsanfragen/{access_request.pk}/"
    assert "paula.probst@adorf.example" in mail.outbox[0].body


def test_without_an_organisation_the_domain_must_still_belong_to_one(domains, committed):
    with committed():
        response = request_access()
    assert response.status_code == 302
    assert AccessRequest.objects.get().organisation is None


def test_a_foreign_domain_is_refused_next_to_the_email_field(domains, committed):
    # when someone with a private address asks
    with committed():
        response = request_access(email="paula@freemail.example", first_name="Paula")

    # then the error stands next to the e-mail field and the typed values are kept
    html = assert_accessible_page(response)
    assert response.status_code == 200
    assert 'id="id_email-error"' in html
    assert (
        text(
            "This address does not belong to a participating organisation. Please use your "
            "work e-mail address."
        )
        in html
    )
    assert 'value="paula@freemail.example"' in html
    assert 'value="Paula"' in html
    # and the page says which organisations take part: names, no people, no domains
    assert 'data-testid="participating-organisations"' in html
    for organisation in (domains.office_a, domains.jobcenter, domains.ministry):
        assert f"<li>{organisation.name}</li>" in html
    assert "adorf.example" not in html.replace("paula@freemail.example", "")
    assert domains.office_staff.get_full_name() not in html
    # and nothing is stored or sent
    assert not AccessRequest.objects.exists()
    assert mail.outbox == []


def test_the_list_names_only_organisations_that_accept_requests(domains, committed):
    # office B has no e-mail domain: nobody can ask to join it, so it is not offered
    domains.office_b.email_domains = ""
    domains.office_b.save()
    html = request_access(email="paula@freemail.example").content.decode()
    assert f"<li>{domains.office_b.name}</li>" not in html


def test_the_form_says_a_work_address_is_needed_and_lists_nothing_before(domains):
    html = Client().get("/zugang-beantragen/").content.decode()
    assert (
        text(
            "Please use your work e-mail address: it must belong to a participating organisation. "
            "Private addresses cannot be accepted."
        )
        in html
    )
    assert 'data-testid="participating-organisations"' not in html


def test_other_errors_do_not_show_the_list(domains):
    html = request_access(first_name="").content.decode()
    assert 'id="id_first_name-error"' in html
    assert 'data-testid="participating-organisations"' not in html


def test_the_domain_must_belong_to_the_chosen_organisation(domains, committed):
    # when a Jobcenter address claims to be office A
    with committed():
        response = request_access(email="paula@jobcenter.example", organisation=domains.office_a.pk)

    # then it is refused next to the e-mail field, with the organisations that take part
    assert response.status_code == 200
    assert 'id="id_email-error"' in response.content.decode()
    assert 'data-testid="participating-organisations"' in response.content.decode()
    assert not AccessRequest.objects.exists()


def test_an_existing_member_is_pointed_to_the_login_without_revealing_it(domains, committed):
    # when someone asks with the address of an existing member
    with committed():
        response = request_access(email=domains.office_staff.email)

    # then the page answers exactly as for a new person ...
    assert response.status_code == 302
    assert response["Location"] == "/zugang-beantragen/gesendet/"
    # ... no request is recorded, and only the member's own inbox learns why
    assert not AccessRequest.objects.exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [domains.office_staff.email]
    assert link_in(mail.outbox[0], "/konto/password/reset/")


def test_asking_twice_keeps_one_pending_request(domains, committed):
    with committed():
        request_access()
        request_access(message="Noch einmal.")
    assert AccessRequest.objects.count() == 1
    # the coordinator and the administrator were told once each
    assert len(mail.outbox) == 2


# --- deciding ----------------------------------------------------------------------------


def test_coordinators_see_pending_requests(domains, committed, client_for):
    # given a pending request
    access_request = pending_request(domains, committed)

    # when a coordinator opens the list and the request
    client = client_for(domains.coordinator, mfa=True)
    listing = client.get("/zugangsanfragen/")
    detail = client.get(f"/zugangsanfragen/{access_request.pk}/")

    # then they see it with the approve and decline forms
    assert 'data-testid="pending-requests"' in assert_accessible_page(listing)
    assert "paula.probst@adorf.example" in listing.content.decode()
    html = assert_accessible_page(detail)
    assert 'name="approve"' in html
    assert 'name="decline"' in html


@pytest.mark.parametrize("person", ["office_staff", "partner", "board_member", "moderator"])
def test_others_cannot_see_or_decide_requests(domains, committed, client_for, person):
    # given a pending request and someone without the onboarding role
    access_request = pending_request(domains, committed)
    user = getattr(domains, person)
    client = client_for(user)

    # then neither the pages ...
    assert client.get("/zugangsanfragen/").status_code == 403
    detail = f"/zugangsanfragen/{access_request.pk}/"
    assert client.post(detail, {"decline": "1", "decline-reason": ""}).status_code == 403
    # ... nor the services let them decide
    with pytest.raises(PermissionDenied):
        services.access_request_approve(
            by=user, access_request=access_request, role=Role.OFFICE_STAFF
        )
    with pytest.raises(PermissionDenied):
        services.access_request_decline(by=user, access_request=access_request)
    access_request.refresh_from_db()
    assert access_request.status == AccessRequestStatus.PENDING


def test_guests_are_sent_to_the_login(domains):
    response = Client().get("/zugangsanfragen/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_approving_invites_the_requester_with_the_chosen_role(domains, committed, client_for):
    # given a pending request from office A
    access_request = pending_request(domains, committed)
    client = client_for(domains.coordinator, mfa=True)

    # when the coordinator approves it as office staff
    with committed():
        response = client.post(
            f"/zugangsanfragen/{access_request.pk}/",
            {
                "approve": "1",
                "approve-organisation": domains.office_a.pk,
                "approve-role": "office_staff",
            },
        )

    # then the request is approved and an invitation for office A exists
    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == AccessRequestStatus.APPROVED
    assert access_request.decided_by == domains.coordinator
    invitation = access_request.invitation
    assert (invitation.email, invitation.organisation, invitation.role) == (
        "paula.probst@adorf.example",
        domains.office_a,
        Role.OFFICE_STAFF,
    )
    # and the requester got the invitation link, which opens with their name filled in
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["paula.probst@adorf.example"]
    page = Client().get(link_in(mail.outbox[0], "/einladung/"))
    assert page.status_code == 200
    assert 'value="Paula"' in page.content.decode()
    assert 'value="Probst"' in page.content.decode()


def test_a_request_without_organisation_is_approved_into_the_chosen_one(
    domains, committed, client_for
):
    # given a request that named no organisation
    access_request = pending_request(domains, committed, organisation=None)
    client = client_for(domains.coordinator, mfa=True)

    # then the approve form suggests the organisation the domain belongs to
    html = client.get(f"/zugangsanfragen/{access_request.pk}/").content.decode()
    assert f'<option value="{domains.office_a.pk}" selected>' in html

    # when approved into the Jobcenter as partner staff (the address is office A's,
    # so the coordinator confirms it)
    with committed():
        invitation = services.access_request_approve(
            by=domains.coordinator,
            access_request=access_request,
            organisation=domains.jobcenter,
            role=Role.PARTNER_STAFF,
            confirmed_outside_domain=True,
        )

    # then the invitation is for that organisation
    assert (invitation.organisation, invitation.role) == (domains.jobcenter, Role.PARTNER_STAFF)


def test_declining_tells_the_requester_with_the_reason(domains, committed, client_for):
    # given a pending request
    access_request = pending_request(domains, committed)
    client = client_for(domains.coordinator, mfa=True)

    # when the coordinator declines it with a reason
    with committed():
        response = client.post(
            f"/zugangsanfragen/{access_request.pk}/",
            {"decline": "1", "decline-reason": "Bitte über Ihre Teamleitung anfragen."},
        )

    # then it is declined, no invitation exists, and the requester is told why
    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == AccessRequestStatus.DECLINED
    assert access_request.decline_reason == "Bitte über Ihre Teamleitung anfragen."
    assert not Invitation.objects.exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["paula.probst@adorf.example"]
    assert "Bitte über Ihre Teamleitung anfragen." in mail.outbox[0].body
    # and it moves from "waiting" to "decided"
    listing = client.get("/zugangsanfragen/").content.decode()
    assert 'data-testid="pending-requests"' not in listing


def test_declining_without_a_reason_still_tells_the_requester(domains, committed):
    access_request = pending_request(domains, committed)
    with committed():
        services.access_request_decline(by=domains.administrator, access_request=access_request)
    assert mail.outbox[0].to == ["paula.probst@adorf.example"]


def test_a_decided_request_cannot_be_decided_again(domains, committed):
    # given a declined request
    access_request = pending_request(domains, committed)
    services.access_request_decline(by=domains.coordinator, access_request=access_request)

    # then approving it later fails and creates no invitation
    with pytest.raises(ValidationError):
        services.access_request_approve(
            by=domains.coordinator, access_request=access_request, role=Role.OFFICE_STAFF
        )
    assert not Invitation.objects.exists()


def test_approving_someone_who_meanwhile_has_an_account_shows_the_error(
    domains, committed, client_for
):
    # given a pending request whose address got an account by another way
    access_request = pending_request(domains, committed)
    User.objects.create_user(email="paula.probst@adorf.example", password="x" * 20)

    # when the coordinator approves it
    response = client_for(domains.coordinator, mfa=True).post(
        f"/zugangsanfragen/{access_request.pk}/",
        {
            "approve": "1",
            "approve-organisation": domains.office_a.pk,
            "approve-role": "office_staff",
        },
    )

    # then the page explains it and the request stays pending
    assert response.status_code == 200
    assert (
        text("A person with this e-mail address already has an account.")
        in response.content.decode()
    )
    access_request.refresh_from_db()
    assert access_request.status == AccessRequestStatus.PENDING


def test_the_public_form_is_rate_limited(domains, committed, settings):
    # given the configured limit per IP
    assert settings.ACCOUNT_RATE_LIMITS["access_request"] == "5/h/ip"
    client = Client()
    with committed():
        for n in range(5):
            assert request_access(client, email=f"person{n}@adorf.example").status_code == 302

    # when a sixth request comes from the same address
    with committed():
        response = request_access(client, email="person6@adorf.example")

    # then it is refused on our page, and nothing is stored or sent for it
    assert response.status_code == 429
    assert 'data-testid="too-many-requests"' in assert_accessible_page(response)
    assert AccessRequest.objects.count() == 5
    assert not AccessRequest.objects.filter(email="person6@adorf.example").exists()
