"""The people directory and a person's profile page."""

import pytest
from django.urls import reverse

from tests.factories import TopicFactory, UserFactory

LIST_URL = reverse("people:list")


@pytest.fixture
def servicepoint(db):
    return TopicFactory(name="ServicePoint", slug="servicepoint")


@pytest.fixture
def eakte(db):
    return TopicFactory(name="E-Akte", slug="e-akte")


def test_list_shows_name_function_organisation_and_topics(network, client_for, servicepoint):
    # given office staff A who may be asked about the service point
    person = network.office_staff
    person.first_name, person.last_name, person.function = "Anna", "Adler", "Teamleitung"
    person.expertise_note = "Terminvergabe"
    person.save()
    person.expertise.add(servicepoint)

    # when a partner opens the directory
    response = client_for(network.partner).get(LIST_URL)

    # then Anna is listed with function, organisation and what to ask her
    html = response.content.decode()
    assert f'href="{person.get_absolute_url()}">Anna Adler</a>' in html
    assert "Teamleitung" in html
    assert "Ausländerbehörde Adorf" in html
    assert "ServicePoint; Terminvergabe" in html
    assert html.count("<h1") == 1


def test_former_members_do_not_appear(network, client_for):
    # given a deactivated account and a deleted one
    dormant = UserFactory(first_name="Ruhend", organisation=network.office_a, is_active=False)
    gone = UserFactory(first_name="Gelöscht", organisation=network.office_a)
    gone.delete()

    # when the directory is listed and the dormant profile opened
    client = client_for(network.partner)
    listing = client.get(LIST_URL)
    profile = client.get(reverse("people:detail", kwargs={"pk": dormant.pk}))

    # then neither is there
    assert dormant not in listing.context["page"].object_list
    assert "Ruhend" not in listing.content.decode()
    assert "Gelöscht" not in listing.content.decode()
    assert profile.status_code == 404


def test_filter_by_organisation_topic_and_name_keeps_the_values(
    network, client_for, servicepoint, eakte
):
    # given three people in office A, two of them experts for the service point
    anna = UserFactory(first_name="Anna", last_name="Adler", organisation=network.office_a)
    bert = UserFactory(first_name="Bert", last_name="Adler", organisation=network.office_a)
    carla = UserFactory(first_name="Carla", last_name="Adler", organisation=network.office_b)
    for person in (anna, bert, carla):
        person.expertise.add(servicepoint)
    bert.expertise.set([eakte])

    # when someone looks for "anna adler" in office A who knows about the service point
    response = client_for(network.partner).get(
        LIST_URL,
        {"q": "anna adler", "organisation": network.office_a.slug, "topic": "servicepoint"},
    )

    # then only Anna is found, and the form shows what was asked
    assert list(response.context["page"].object_list) == [anna]
    html = response.content.decode()
    assert 'value="anna adler"' in html
    assert f'<option value="{network.office_a.slug}" selected>' in html
    assert '<option value="servicepoint" selected>' in html
    for field in ("id_q", "id_organisation", "id_topic"):
        assert f'for="{field}"' in html


def test_filter_by_topic_alone(network, client_for, eakte):
    # given one expert for the e-file
    expert = UserFactory(organisation=network.office_b)
    expert.expertise.add(eakte)

    # when filtering by the topic
    response = client_for(network.office_staff).get(LIST_URL, {"topic": "e-akte"})

    # then only the expert is listed
    assert list(response.context["page"].object_list) == [expert]


def test_list_is_paginated(network, client_for, settings):
    # given a page size of 3 and the network's seven people
    settings.ABHNETZ_PAGE_SIZE = 3

    # when the third page is requested
    response = client_for(network.partner).get(LIST_URL, {"seite": 3})

    # then it holds the seventh person and offers the way back
    page = response.context["page"]
    assert page.number == 3
    assert len(page.object_list) == 1
    assert 'rel="prev"' in response.content.decode()


def test_pagination_keeps_the_filters(network, client_for, settings):
    # given a page size of 1 and two people in office A
    settings.ABHNETZ_PAGE_SIZE = 1

    # when the first page of office A's people is shown
    html = client_for(network.partner).get(LIST_URL, {"organisation": network.office_a.slug})
    html = html.content.decode()

    # then the link to the next page still filters by office A
    assert f"organisation={network.office_a.slug}&amp;seite=2" in html


def test_list_queries_do_not_grow_with_people(network, client_for, queries, servicepoint, eakte):
    # given someone with topics
    client = client_for(network.partner)
    network.office_staff.expertise.set([servicepoint, eakte])

    def add_people():
        for _ in range(6):
            person = UserFactory(organisation=network.office_b)
            person.expertise.set([servicepoint, eakte])

    # then session, user, count, page, topics of the page, organisation and topic
    # choices of the filter, the header's unread notifications and the footer's legal
    # pages: the same with six more people
    queries.assert_constant(lambda: client.get(LIST_URL), add_people, expected=9)


def test_profile_shows_expertise_and_contact_to_members(network, client_for, servicepoint):
    # given office staff A's profile
    person = network.office_staff
    person.phone = "0123 98765"
    person.expertise_note = "Online-Terminvergabe"
    person.save()
    person.expertise.add(servicepoint)

    # when a partner opens it
    response = client_for(network.partner).get(person.get_absolute_url())

    # then name, organisation, function, topics, note, phone and e-mail are shown
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        str(person),
        f'href="{network.office_a.get_absolute_url()}"',
        "Sachbearbeitung",
        "ServicePoint",
        "Online-Terminvergabe",
        "0123 98765",
        'href="mailto:office@adorf.example"',
    ):
        assert text in html, text
    assert html.count("<h1") == 1
    # and a stranger's profile offers no edit link
    assert reverse("my_profile") not in html


def test_own_profile_offers_the_edit_link(network, client_for):
    response = client_for(network.partner).get(network.partner.get_absolute_url())
    assert reverse("my_profile") in response.content.decode()


def test_anonymous_visitors_are_sent_to_login_and_see_no_contact(network, client):
    # when someone not signed in opens a profile and the directory
    for url in (network.office_staff.get_absolute_url(), LIST_URL):
        response = client.get(url, follow=True)

        # then they land on the login page, and the e-mail address is nowhere
        assert response.redirect_chain[0][0].startswith(reverse("account_login"))
        assert "office@adorf.example" not in response.content.decode()
