"""Organisations, working groups and topics in the Wagtail admin."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.urls import reverse

from abhnetz.organisations.models import Organisation, OrganisationKind, State, WorkingGroup
from abhnetz.topics.models import Topic
from tests.factories import UserFactory


@pytest.fixture
def admin_client(network, client_for):
    """The administrator, with the second factor the admin asks for."""
    Authenticator.objects.create(
        user=network.administrator, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    return client_for(network.administrator)


def organisation_form(**overrides) -> dict:
    data = {
        "name": "Ausländerbehörde Cestadt",
        "short_name": "ABH Cestadt",
        "slug": "",
        "kind": OrganisationKind.OFFICE,
        "state": State.RP,
        "street": "Rathausplatz 2",
        "postcode": "54321",
        "city": "Cestadt",
        "email": "abh@cestadt.example",
        "phone": "",
        "website": "",
        "logo": "",
        "description": "",
        "email_domains": "Cestadt.example, @kreis-cestadt.example",
    }
    return data | overrides


def test_creating_an_organisation_in_the_admin_creates_its_group(admin_client):
    # given the admin's form, which has no field for the group
    add_url = reverse("wagtailsnippets_organisations_organisation:add")
    form = admin_client.get(add_url).context["form"]
    assert "group" not in form.fields
    assert {"name", "kind", "state", "logo", "email_domains"} <= set(form.fields)

    # when the administrator adds an organisation
    response = admin_client.post(add_url, organisation_form())

    # then it is saved with a slug, clean domains and its own Django group
    assert response.status_code == 302, response.context["form"].errors
    organisation = Organisation.objects.get(name="Ausländerbehörde Cestadt")
    assert organisation.slug == "auslaenderbehoerde-cestadt"
    assert organisation.domain_list == ["cestadt.example", "kreis-cestadt.example"]
    assert organisation.group == Group.objects.get(name="Organisation: Ausländerbehörde Cestadt")


def test_an_invalid_organisation_is_not_saved(admin_client):
    # when the kind is missing
    response = admin_client.post(
        reverse("wagtailsnippets_organisations_organisation:add"), organisation_form(kind="")
    )

    # then the form comes back with the error and nothing (no group either) is created
    assert response.status_code == 200
    assert "kind" in response.context["form"].errors
    assert not Organisation.objects.filter(name="Ausländerbehörde Cestadt").exists()
    assert not Group.objects.filter(name="Organisation: Ausländerbehörde Cestadt").exists()


def test_the_admin_lists_and_searches_organisations(admin_client, network):
    # when the administrator searches the organisations for "Jobcenter"
    response = admin_client.get(
        reverse("wagtailsnippets_organisations_organisation:list"), {"q": "Jobcenter"}
    )

    # then only the Jobcenter is listed
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [network.jobcenter]


def test_editing_a_working_group_sets_its_members(admin_client, network):
    # given the digital working group with office staff A as its only member
    group = network.digital_group
    newcomer = network.office_staff_b
    edit_url = reverse("wagtailsnippets_organisations_workinggroup:edit", args=[group.pk])
    form = admin_client.get(edit_url).context["form"]
    assert list(form.initial["members"]) == [network.office_staff.pk]

    # when the administrator swaps office staff A for office staff B
    response = admin_client.post(
        edit_url,
        {
            "name": group.name,
            "slug": group.slug,
            "goal": group.goal,
            "status": group.status,
            "coordinator": network.coordinator.pk,
            "members": [newcomer.pk],
        },
    )

    # then B is in the working group's Django group and A is not
    assert response.status_code == 302, response.context["form"].errors
    members = set(group.group.user_set.all())
    assert members == {newcomer}
    group.refresh_from_db()
    assert group.coordinator == network.coordinator


def test_membership_edits_leave_deactivated_members_alone(admin_client, network):
    # given a deactivated account still in the working group
    group = network.digital_group
    dormant = UserFactory(is_active=False, working_groups=[group])

    # when the administrator saves the group with no active members
    admin_client.post(
        reverse("wagtailsnippets_organisations_workinggroup:edit", args=[group.pk]),
        {"name": group.name, "slug": group.slug, "goal": "", "status": group.status},
    )

    # then the deactivated account keeps its membership for when it comes back
    assert set(group.group.user_set.all()) == {dormant}


def test_creating_a_working_group_with_members(admin_client, network):
    # when the administrator creates a working group with two members
    response = admin_client.post(
        reverse("wagtailsnippets_organisations_workinggroup:add"),
        {
            "name": "Raumkonzept",
            "slug": "",
            "goal": "Wartebereiche planen.",
            "status": "active",
            "members": [network.office_staff.pk, network.partner.pk],
        },
    )

    # then the working group, its group and its members exist
    assert response.status_code == 302, response.context["form"].errors
    group = WorkingGroup.objects.get(name="Raumkonzept")
    assert group.group.name == "Arbeitsgruppe: Raumkonzept"
    assert set(group.group.user_set.all()) == {network.office_staff, network.partner}


def test_topics_are_managed_in_the_admin(admin_client):
    # when the administrator adds a topic
    response = admin_client.post(
        reverse("wagtailsnippets_topics_topic:add"),
        {"name": "ServicePoint", "slug": "servicepoint", "description": "Anlaufstelle."},
    )

    # then it exists and is listed
    assert response.status_code == 302
    assert Topic.objects.filter(slug="servicepoint", name="ServicePoint").exists()
    listing = admin_client.get(reverse("wagtailsnippets_topics_topic:list"))
    assert "ServicePoint" in listing.content.decode()


def test_people_without_admin_access_cannot_open_the_snippets(network, client_for):
    # when a partner (no admin access at all) tries the organisations admin
    response = client_for(network.partner).get(
        reverse("wagtailsnippets_organisations_organisation:list")
    )

    # then Wagtail sends them to the login instead of showing the list
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_office_staff_reach_the_admin_but_not_the_organisations(network, client_for):
    # given office staff, who may write guides in the admin
    client = client_for(network.office_staff)

    # when they try the organisations admin
    response = client.get(reverse("wagtailsnippets_organisations_organisation:list"))

    # then Wagtail refuses: back to the admin home, no list of organisations
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
