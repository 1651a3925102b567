"""The space page: every member may read it; what it gathers follows the audience rule."""

from django.test import Client
from wagtail import hooks

from abhnetz.audiences.models import Audience
from knowledge.models import KnowledgePage
from knowledge.spaces.selectors import SPACE_SECTIONS_HOOK
from tests.factories import UserFactory


def publish_in(space, title, *, audience, owner=None):
    page = KnowledgePage(title=title, summary=f"Worum es in {title} geht.", owner=owner)
    from abhnetz.audiences.services import audience_assign

    audience_assign(page, audience)
    space.add_child(instance=page)
    page.save_revision(user=owner).publish()
    return page


def test_every_member_of_the_network_reads_the_space(network, client_for, digital_space):
    # given the digital group's space
    for person in network.people().values():
        # when anyone signed in opens it, the board and partners too
        response = client_for(person).get(digital_space.url)
        # then they see its goal, status and coordinator
        assert response.status_code == 200, person
        html = response.content.decode()
        assert "Gemeinsam besser arbeiten." in html
        assert 'data-testid="space-status"' in html


def test_guests_are_sent_to_login(digital_space):
    for url in (digital_space.url, digital_space.url + "beitreten/", "/wissen/arbeitsgruppen/"):
        response = Client().get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_members_and_coordinator_link_to_their_profiles(
    network, client_for, digital_space, group_lead
):
    html = client_for(network.partner).get(digital_space.url).content.decode()
    assert f'href="{network.office_staff.get_absolute_url()}"' in html
    assert f'href="{group_lead.get_absolute_url()}"' in html
    # and people outside the group are not listed as members
    assert network.office_staff_b.get_absolute_url() not in html


def test_group_content_is_shown_only_to_who_may_see_it(
    network, client_for, digital_space, publish_page
):
    # given a page inside the space for the group, a network page inside it, and a page
    # elsewhere whose audience names the group, and one elsewhere that does not
    publish_in(
        digital_space,
        "E-Akte: Angebotsvergleich",
        audience=Audience.selected(working_groups=[network.digital_group]),
    )
    publish_in(digital_space, "E-Akte: Rechtsrahmen", audience=Audience.network())
    publish_page(
        "Hospitationsbericht E-Akte",
        audience=Audience.selected(working_groups=[network.digital_group]),
    )
    publish_page("Terminvergabe online", audience=Audience.network())

    # when a member opens the space, they see the group's three pages, not the other
    member = client_for(network.office_staff).get(digital_space.url).content.decode()
    assert "E-Akte: Angebotsvergleich" in member
    assert "E-Akte: Rechtsrahmen" in member
    assert "Hospitationsbericht E-Akte" in member
    assert "Terminvergabe online" not in member

    # and an outsider sees the space's network page only
    outsider = client_for(network.partner).get(digital_space.url).content.decode()
    assert "E-Akte: Rechtsrahmen" in outsider
    assert "E-Akte: Angebotsvergleich" not in outsider
    assert "Hospitationsbericht E-Akte" not in outsider


def test_restricted_content_inside_the_space_answers_404_to_outsiders(
    network, client_for, digital_space
):
    page = publish_in(
        digital_space,
        "E-Akte: Angebotsvergleich",
        audience=Audience.selected(working_groups=[network.digital_group]),
    )
    assert client_for(network.office_staff).get(page.url).status_code == 200
    assert client_for(network.partner).get(page.url).status_code == 404


def test_the_overview_lists_every_space_with_goal_and_status(
    network, client_for, make_space, digital_space
):
    make_space(network.board_group)
    response = client_for(network.partner).get("/wissen/arbeitsgruppen/")
    html = response.content.decode()
    assert response.status_code == 200
    assert network.digital_group.name in html
    assert "Interkulturelle Öffnung" in html
    assert "Gemeinsam besser arbeiten." in html
    # coordinators get the list of requests, others do not
    assert 'data-testid="all-join-requests"' not in html
    coordinator = client_for(network.coordinator).get("/wissen/arbeitsgruppen/")
    assert 'data-testid="all-join-requests"' in coordinator.content.decode()


def test_later_apps_add_their_sections_through_the_hook(network, client_for, digital_space):
    # given an app that adds the group's events through the documented hook
    def events(*, user, working_group, page):
        assert working_group == network.digital_group
        return {
            "heading": "Termine der Gruppe",
            "items": [{"title": "Workshop E-Akte", "url": "/termine/1/", "meta": "12.05.2026"}],
        }

    with hooks.register_temporarily(SPACE_SECTIONS_HOOK, events):
        html = client_for(network.office_staff).get(digital_space.url).content.decode()
    assert "Termine der Gruppe" in html
    assert "Workshop E-Akte" in html


def test_space_query_count_does_not_grow_with_members_and_content(
    network, client_for, digital_space, queries
):
    client = client_for(network.office_staff)
    publish_in(
        digital_space, "Seite 0", audience=Audience.selected(working_groups=[network.digital_group])
    )

    def add_items():
        for n in range(1, 5):
            publish_in(
                digital_space,
                f"Seite {n}",
                audience=Audience.selected(
                    working_groups=[network.digital_group], organisations=[network.office_a]
                ),
            )
            UserFactory(working_groups=[network.digital_group], organisation=network.office_b)

    queries.assert_constant(lambda: client.get(digital_space.url), add_items)
