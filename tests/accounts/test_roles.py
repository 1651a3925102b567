"""Roles fit the organisation's kind: offered only when they fit, refused by the server
otherwise, never pre-selected; an address outside the organisation's domains is confirmed."""

import pytest
from django.core.exceptions import ValidationError

from abhnetz.accounts import onboarding_services as services
from abhnetz.accounts.models import AccessRequest, Invitation
from abhnetz.accounts.roles import Role, roles_for_organisation_kind
from abhnetz.organisations.models import OrganisationKind

from .helpers import assert_accessible_page, text


@pytest.fixture(autouse=True)
def _domains(network):
    for organisation, domain in (
        (network.office_a, "adorf.example"),
        (network.jobcenter, "jobcenter.example"),
        (network.board_org, "beirat.example"),
    ):
        organisation.email_domains = domain
        organisation.save()


def role_options(html: str, prefix: str = "") -> str:
    start = html.index(f'name="{prefix}role"')
    return html[start : html.index("</select>", start)]


# --- the rule ------------------------------------------------------------------------


def test_each_kind_has_its_roles():
    assert roles_for_organisation_kind(OrganisationKind.OFFICE)[0] == Role.OFFICE_STAFF
    assert Role.PARTNER_STAFF not in roles_for_organisation_kind(OrganisationKind.OFFICE)
    for partner in ("integration", "jobcenter", "youth", "social", "housing"):
        assert roles_for_organisation_kind(partner) == [Role.PARTNER_STAFF]
    assert roles_for_organisation_kind(OrganisationKind.ADVISORY_BOARD) == [Role.ADVISORY_BOARD]
    assert Role.OFFICE_STAFF not in roles_for_organisation_kind(OrganisationKind.MINISTRY)
    assert roles_for_organisation_kind("unknown") == []


@pytest.mark.parametrize("kind", OrganisationKind.values)
def test_every_kind_of_organisation_can_be_joined(kind):
    # a new kind without roles could never be invited into: the table must name it
    assert roles_for_organisation_kind(kind)


# --- access requests ---------------------------------------------------------------------


@pytest.fixture
def jobcenter_request(network):
    return AccessRequest.objects.create(
        first_name="Jana",
        last_name="Jobst",
        email="jana@jobcenter.example",
        organisation=network.jobcenter,
    )


def test_approval_of_a_jobcenter_applicant_preselects_no_role(
    network, client_for, jobcenter_request
):
    # when a coordinator opens a Jobcenter applicant's request
    response = client_for(network.coordinator, mfa=True).get(
        f"/zugangsanfragen/{jobcenter_request.pk}/"
    )

    # then only the partner role is offered, and nothing is chosen for them
    options = role_options(assert_accessible_page(response), "approve-")
    assert 'value="partner_staff"' in options
    assert 'value="office_staff"' not in options
    assert options.count("selected") == 1
    assert 'value="" selected' in options
    assert text("Please choose") in options


def test_the_server_refuses_a_role_that_does_not_fit(network, client_for, jobcenter_request):
    # when the offices' role is posted for the Jobcenter applicant all the same
    response = client_for(network.coordinator, mfa=True).post(
        f"/zugangsanfragen/{jobcenter_request.pk}/",
        {
            "approve": "1",
            "approve-organisation": network.jobcenter.pk,
            "approve-role": Role.OFFICE_STAFF,
        },
    )

    # then the error stands next to the role and nobody is invited
    html = assert_accessible_page(response)
    assert 'id="id_approve-role-error"' in html
    assert not Invitation.objects.exists()
    jobcenter_request.refresh_from_db()
    assert jobcenter_request.status == "pending"


@pytest.mark.parametrize(
    ("organisation", "role"),
    [
        ("jobcenter", Role.OFFICE_STAFF),
        ("office_a", Role.PARTNER_STAFF),
        ("board_org", Role.OFFICE_STAFF),
        ("office_a", Role.ADVISORY_BOARD),
    ],
)
def test_the_service_refuses_misfits_for_invitations_too(network, organisation, role):
    organisation = getattr(network, organisation)
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            by=network.administrator,
            email=f"neu@{organisation.domain_list[0]}",
            organisation=organisation,
            role=role,
        )
    assert "role" in error.value.error_dict
    assert not Invitation.objects.exists()


# --- invitations -------------------------------------------------------------------------


def test_the_invitation_form_chooses_nothing_in_advance(network, client_for):
    html = assert_accessible_page(
        client_for(network.coordinator, mfa=True).get("/einladungen/neu/")
    )
    options = role_options(html)
    assert options.count("selected") == 1
    assert 'value="" selected' in options
    assert text("Please choose") in options
    # the organisation reloads the fitting roles (htmx); without JavaScript the server checks
    assert 'hx-get="/einladungen/rollen/"' in html


def test_the_roles_follow_the_organisation_chosen(network, client_for):
    client = client_for(network.coordinator, mfa=True)
    response = client.get("/einladungen/rollen/", {"organisation": network.jobcenter.pk})
    assert response.status_code == 200
    options = role_options(response.content.decode())
    assert 'value="partner_staff"' in options
    assert 'value="office_staff"' not in options
    approve = client.get(
        "/einladungen/rollen/",
        {"approve-organisation": network.board_org.pk, "prefix": "approve"},
    ).content.decode()
    assert 'id="approve-role-field"' in approve
    assert 'value="advisory_board"' in role_options(approve, "approve-")
    assert 'value="partner_staff"' not in approve


def test_the_role_field_is_only_for_onboarding(network, client_for):
    assert client_for(network.office_staff).get("/einladungen/rollen/").status_code == 403


def test_an_invitation_outside_the_domains_asks_for_confirmation(network, client_for):
    client = client_for(network.coordinator, mfa=True)
    data = {
        "email": "n.neu@privat.example",
        "organisation": network.office_a.pk,
        "role": "office_staff",
    }

    # when a coordinator invites an address outside office A's domain
    response = client.post("/einladungen/neu/", data)

    # then nothing is sent; a checkbox asks to confirm, with the reason, input kept
    html = assert_accessible_page(response)
    assert not Invitation.objects.exists()
    assert 'name="confirm_outside_domain"' in html
    assert 'id="id_confirm_outside_domain-error"' in html
    assert text(services.outside_domain_message(network.office_a)) in html
    assert 'value="n.neu@privat.example"' in html
    assert '<option value="office_staff" selected>' in html

    # when they confirm it
    response = client.post("/einladungen/neu/", data | {"confirm_outside_domain": "on"})

    # then the invitation goes out
    assert response.status_code == 302
    assert Invitation.objects.get().email == "n.neu@privat.example"


def test_an_address_at_the_domain_needs_no_confirmation(network, client_for):
    html = client_for(network.coordinator, mfa=True).get("/einladungen/neu/").content.decode()
    assert 'name="confirm_outside_domain"' not in html
    services.invitation_create(
        by=network.coordinator,
        email="neu@adorf.example",
        organisation=network.office_a,
        role=Role.OFFICE_STAFF,
    )
    assert Invitation.objects.count() == 1
