"""The organisation directory and an organisation's page."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from abhnetz.organisations.models import Organisation, OrganisationKind, State
from abhnetz.organisations.selectors import LOGO_LIST_SPEC
from tests.factories import OrganisationFactory, UserFactory

LIST_URL = reverse("organisations:list")


def members_text(count: int) -> str:
    """The member count as the page words it, in whatever language is active."""
    return ngettext("%(counter)s member", "%(counter)s members", count) % {"counter": count}


def test_list_shows_each_organisation_under_its_kind_with_its_active_member_count(
    network, client_for
):
    # given office A with two active members and a deactivated one
    UserFactory(organisation=network.office_a, is_active=False)

    # when a partner opens the directory
    response = client_for(network.partner).get(LIST_URL)

    # then each organisation is listed with its kind, city and member count
    assert response.status_code == 200
    organisations = {o.name: o for o in response.context["organisations"]}
    assert organisations["Ausländerbehörde Adorf"].member_count == 2
    assert organisations["Jobcenter Adorf"].member_count == 1
    html = response.content.decode()
    assert "Ausländerbehörde Adorf" in html
    assert "Teststadt" in html
    assert members_text(2) in html
    # and offices come first, under their kind's heading
    assert html.index(str(OrganisationKind.OFFICE.label)) < html.index(
        str(OrganisationKind.JOBCENTER.label)
    )
    assert html.count("<h1") == 1


def test_list_filters_by_kind_and_state_and_keeps_the_choice(network, client_for):
    # given a Jobcenter in another state
    OrganisationFactory(name="Jobcenter Cestadt", kind=OrganisationKind.JOBCENTER, state=State.RP)

    # when someone filters for Jobcenters in Rheinland-Pfalz
    response = client_for(network.office_staff).get(
        LIST_URL, {"kind": OrganisationKind.JOBCENTER, "state": State.RP}
    )

    # then only that one is listed, and the selects keep what was chosen
    names = [o.name for o in response.context["organisations"]]
    assert names == ["Jobcenter Cestadt"]
    html = response.content.decode()
    assert '<option value="jobcenter" selected>' in html
    assert '<option value="RP" selected>' in html
    assert '<label class="kern-label" for="id_kind">' in html


def test_list_with_an_unknown_filter_value_shows_the_error_and_everything(network, client_for):
    # when the kind in the address is not one of the choices
    response = client_for(network.office_staff).get(LIST_URL, {"kind": "nonsense"})

    # then the error stands next to the select and nothing is filtered away
    assert response.status_code == 200
    assert 'id="id_kind-error"' in response.content.decode()
    assert len(response.context["organisations"]) == 5


def test_list_shows_a_logo_rendition_with_the_name_as_alt_text(network, client_for, make_logo):
    # given office A has a logo
    network.office_a.logo = make_logo()
    network.office_a.save()

    # when the directory is shown
    html = client_for(network.office_staff).get(LIST_URL).content.decode()

    # then a scaled rendition (not the original) carries the organisation's name
    assert 'alt="Ausländerbehörde Adorf"' in html
    assert "original_images" not in html
    assert network.office_a.logo.get_rendition(LOGO_LIST_SPEC).url in html


def test_list_queries_do_not_grow_with_organisations(network, client_for, queries, make_logo):
    # given a client and office A with a logo whose rendition exists
    client = client_for(network.office_staff)
    network.office_a.logo = make_logo()
    network.office_a.save()
    network.office_a.logo.get_rendition(LOGO_LIST_SPEC)

    def add_organisations():
        for number in range(5):
            logo = make_logo(f"Logo {number}")
            # renditions are made once, on first view; the budget is for every view after
            logo.get_rendition(LOGO_LIST_SPEC)
            organisation = OrganisationFactory(logo=logo)
            UserFactory(organisation=organisation)

    # when the directory is shown before and after adding five organisations with members
    # then it costs the same: session, user, the count for the pages, the page of
    # organisations with their member counts, logos, renditions, the header's reader keys
    queries.assert_constant(lambda: client.get(LIST_URL), add_organisations, expected=8)


def test_list_is_paginated_and_keeps_the_filter_across_pages(network, client_for, settings):
    # given three offices more than fit on a page of two
    settings.ABHNETZ_PAGE_SIZE = 2
    for number in range(3):
        OrganisationFactory(name=f"Ausländerbehörde Zett {number}", kind=OrganisationKind.OFFICE)
    client = client_for(network.office_staff)

    # when the pages are walked to the end
    seen, number = [], 1
    while True:
        response = client.get(LIST_URL, {"seite": number})
        page = response.context["page"]
        assert len(response.context["organisations"]) <= 2
        seen += [o.name for o in response.context["organisations"]]
        if not page.has_next():
            break
        number += 1

    # then they list every organisation once, and the count names them all
    assert sorted(seen) == sorted(Organisation.objects.values_list("name", flat=True))
    html = client.get(LIST_URL).content.decode()
    assert (
        ngettext("%(counter)s organisation", "%(counter)s organisations", len(seen))
        % {"counter": len(seen)}
        in html
    )
    assert (
        gettext("Page %(number)s of %(total)s")
        % {
            "number": 1,
            "total": page.paginator.num_pages,
        }
        in html
    )
    # and a filtered list's next page keeps the filter
    html = client.get(LIST_URL, {"kind": OrganisationKind.OFFICE}).content.decode()
    assert f"kind={OrganisationKind.OFFICE.value}&amp;seite=2" in html


def test_detail_shows_the_facts_and_the_active_members(network, client_for):
    # given office A's details and a deactivated member
    office = network.office_a
    office.street = "Marktplatz 1"
    office.postcode = "12345"
    office.website = "https://www.adorf.example/abh"
    office.email = "abh@adorf.example"
    office.phone = "0123 4567"
    office.description = "Wir sind die Ausländerbehörde."
    office.save()
    UserFactory(organisation=office, first_name="Ehemalig", last_name="Person", is_active=False)

    # when a partner opens its page
    response = client_for(network.partner).get(office.get_absolute_url())

    # then kind, state, address, contact and description are shown
    html = response.content.decode()
    for text in (
        "Marktplatz 1",
        "12345 Teststadt",
        "Hessen",
        'href="https://www.adorf.example/abh"',
        'href="mailto:abh@adorf.example"',
        "0123 4567",
        "Wir sind die Ausländerbehörde.",
        str(OrganisationKind.OFFICE.label),
    ):
        assert text in html, text
    # and the active members link to their profiles; former members do not appear
    assert set(response.context["members"]) == {network.moderator, network.office_staff}
    assert f'href="{network.office_staff.get_absolute_url()}"' in html
    assert "Ehemalig" not in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize(
    ("person", "sees_domains"),
    [("office_staff", False), ("coordinator", False), ("administrator", True)],
)
def test_detail_shows_e_mail_domains_to_administrators_only(
    network, client_for, person, sees_domains
):
    # given office A accepts access requests from its domain
    network.office_a.email_domains = "adorf-amt.example"
    network.office_a.save()

    # when they open office A's page
    html = client_for(getattr(network, person)).get(network.office_a.get_absolute_url())
    html = html.content.decode()

    # then only administrators see the domain
    assert ("adorf-amt.example" in html) is sees_domains


def test_detail_of_a_missing_organisation_is_404(network, client_for):
    response = client_for(network.partner).get(
        reverse("organisations:detail", kwargs={"slug": "gibt-es-nicht"})
    )
    assert response.status_code == 404


def test_directory_needs_a_login(network, client):
    # when someone not signed in opens the directory or a page
    for url in (LIST_URL, network.office_a.get_absolute_url()):
        response = client.get(url)

        # then they are sent to the login and see nothing of it
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
