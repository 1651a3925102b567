"""Editing one's own directory profile at /meine-daten/profil/."""

import re

import pytest
from django.urls import reverse

from tests.factories import TopicFactory

URL = reverse("my_profile")


def checkbox(html: str, topic) -> str:
    """The expertise checkbox of ``topic`` as rendered."""
    match = re.search(rf'<input[^>]*name="expertise" value="{topic.pk}"[^>]*>', html)
    assert match, f"no checkbox for {topic}"
    return match.group(0)


@pytest.fixture
def topics(db):
    return [
        TopicFactory(name="ServicePoint", slug="servicepoint"),
        TopicFactory(name="E-Akte", slug="e-akte"),
    ]


def profile_data(topics, **overrides) -> dict:
    data = {
        "first_name": "Paula",
        "last_name": "Partner",
        "function": "Arbeitsvermittlung",
        "phone": "0123 555",
        "expertise": [topics[0].pk, topics[1].pk],
        "expertise_note": "Beschäftigungsduldung",
    }
    return data | overrides


def test_the_form_shows_the_current_profile(network, client_for, topics):
    # given the partner knows about the e-file
    network.partner.expertise.add(topics[1])

    # when they open their profile form
    response = client_for(network.partner).get(URL)

    # then it is filled in, with topics as labelled checkboxes
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{network.partner.first_name}"' in html
    assert 'type="checkbox"' in checkbox(html, topics[1])
    assert "checked" in checkbox(html, topics[1])
    assert "checked" not in checkbox(html, topics[0])
    box_id = re.search(r'id="([^"]+)"', checkbox(html, topics[0])).group(1)
    assert f'<label class="kern-label" for="{box_id}">ServicePoint</label>' in html
    assert html.count("<h1") == 1


def test_saving_changes_the_profile(network, client_for, topics):
    # when the partner saves new details
    response = client_for(network.partner).post(URL, profile_data(topics))

    # then the profile holds them and they see their public profile
    assert response.status_code == 302
    assert response["Location"] == network.partner.get_absolute_url()
    partner = network.partner
    partner.refresh_from_db()
    assert (partner.first_name, partner.last_name) == ("Paula", "Partner")
    assert partner.function == "Arbeitsvermittlung"
    assert partner.phone == "0123 555"
    assert partner.expertise_note == "Beschäftigungsduldung"
    assert set(partner.expertise.all()) == set(topics)


def test_unticking_every_topic_clears_them(network, client_for, topics):
    # given two topics
    network.partner.expertise.set(topics)

    # when the form is sent with none ticked
    data = profile_data(topics)
    del data["expertise"]
    client_for(network.partner).post(URL, data)

    # then none are left
    assert not network.partner.expertise.exists()


def test_errors_stand_next_to_the_fields_and_nothing_typed_is_lost(network, client_for, topics):
    # when the partner leaves the last name empty
    before = network.partner.last_name
    response = client_for(network.partner).post(URL, profile_data(topics, last_name=""))

    # then the page says so next to the field ...
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_last_name-error"' in html
    assert 'aria-describedby="id_last_name-error"' in html
    # ... and keeps everything else they typed, topics included
    assert 'value="Paula"' in html
    assert 'value="Arbeitsvermittlung"' in html
    assert 'value="Beschäftigungsduldung"' in html
    assert all("checked" in checkbox(html, topic) for topic in topics)
    # and nothing was saved
    network.partner.refresh_from_db()
    assert network.partner.last_name == before
    assert network.partner.first_name != "Paula"


def test_the_header_keeps_the_stored_name_while_the_form_has_errors(network, client_for, topics):
    # when an invalid entry comes back
    response = client_for(network.partner).post(
        URL, profile_data(topics, first_name="", last_name="")
    )

    # then the header still names the signed-in person as stored
    assert str(network.partner) in response.content.decode()


def test_a_profile_is_only_ever_ones_own(network, client_for, topics):
    # when office staff A sends the form
    client_for(network.office_staff).post(URL, profile_data(topics))

    # then their own profile changed, nobody else's
    network.office_staff.refresh_from_db()
    network.partner.refresh_from_db()
    assert network.office_staff.first_name == "Paula"
    assert network.partner.first_name != "Paula"
