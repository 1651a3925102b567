"""Minutes for one organisation: their decisions and action items stay inside it.

Every role, through every channel of this app: the minutes' URL, the decisions
register, the open action items (list and filter choices) and the status form.
"""

import pytest

from abhnetz.audiences.models import Audience
from knowledge.minutes.models import ActionItemCompletion, Decision

from .conftest import action_item_of

SECRET_DECISION = "Dienstplan des ServicePoints bleibt intern."
SECRET_ITEM = "Urlaubsvertretung am ServicePoint klären"
# who reads minutes for office A only: its staff (office staff A and the moderator)
INSIDERS = {"office_staff", "moderator"}
ROLES = ["office_staff", "office_staff_b", "partner", "board_member", "coordinator", "moderator",
         "administrator"]  # fmt: skip


@pytest.fixture
def internal_minutes(network, publish_minutes):
    """Minutes for office A only, written by someone outside every test role."""
    from tests.factories import UserFactory

    author = UserFactory(organisation=network.office_a)
    return publish_minutes(
        "Teambesprechung ABH Adorf",
        audience=Audience.selected(organisations=[network.office_a]),
        owner=author,
        decisions=[Decision(text=SECRET_DECISION)],
        action_items=[
            # owned by people outside the audience, so the owner filter would show them
            {"title": SECRET_ITEM, "owner_person": network.office_staff_b},
            {"title": "Zweite Aufgabe", "owner_person": network.coordinator},
            {"title": "Dritte Aufgabe", "owner_person": UserFactory(organisation=network.office_b)},
        ],
    )


@pytest.mark.parametrize("role", ROLES)
def test_internal_minutes_stay_inside_the_organisation(network, client_for, internal_minutes, role):
    user = network.people()[role]
    client = client_for(user)
    insider = role in INSIDERS

    # the minutes' URL
    assert client.get(internal_minutes.url).status_code == (200 if insider else 404)

    # the decisions register, also when searching for the text
    for url in ("/wissen/beschluesse/", "/wissen/beschluesse/?q=Dienstplan"):
        assert (SECRET_DECISION in client.get(url).content.decode()) == insider

    # the open action items and their count (nobody else's name leaks, no list of owners)
    html = client.get("/wissen/aufgaben/").content.decode()
    assert (SECRET_ITEM in html) == insider
    stranger = action_item_of(internal_minutes, "Dritte Aufgabe").owner_person
    assert (str(stranger) in html) == insider
    assert f'<option value="{stranger.pk}"' not in html
    # nor a count of what they cannot see
    assert ("0 open action items" in html) != insider
    # filtered by the owner, by id (old links), typed name or "only mine"
    for query in (
        f"verantwortlich={network.office_staff_b.pk}",
        f"verantwortlich={network.office_staff_b.last_name}",
        f"verantwortlich={stranger.first_name}+{stranger.last_name}",
    ):
        html = client.get(f"/wissen/aufgaben/?{query}").content.decode()
        assert (SECRET_ITEM in html or "Dritte Aufgabe" in html) == insider
    if not insider:
        html = client_for(network.office_staff_b).get("/wissen/aufgaben/?meine=on")
        assert SECRET_ITEM not in html.content.decode()


@pytest.mark.parametrize("role", sorted(set(ROLES) - INSIDERS))
def test_outsiders_get_404_from_the_status_form(network, client_for, internal_minutes, role):
    # even the item's owner and a coordinator, who cannot read the minutes
    item = action_item_of(internal_minutes, SECRET_ITEM)
    response = client_for(network.people()[role]).post(
        f"/wissen/aufgaben/{item.uuid}/status/", {"status": "done"}
    )
    assert response.status_code == 404
    assert not ActionItemCompletion.objects.exists()


def test_unpublished_minutes_show_nothing(network, client_for, internal_minutes):
    # when the minutes are unpublished, their insiders see nothing of them either
    internal_minutes.unpublish()
    client = client_for(network.office_staff)
    assert SECRET_DECISION not in client.get("/wissen/beschluesse/").content.decode()
    assert SECRET_ITEM not in client.get("/wissen/aufgaben/").content.decode()
    item = action_item_of(internal_minutes, SECRET_ITEM)
    assert client.post(f"/wissen/aufgaben/{item.uuid}/status/").status_code == 404


def test_guests_are_sent_to_login(network, internal_minutes):
    from django.test import Client

    item = action_item_of(internal_minutes, SECRET_ITEM)
    for response in (
        Client().get("/wissen/aufgaben/"),
        Client().get("/wissen/beschluesse/"),
        Client().post(f"/wissen/aufgaben/{item.uuid}/status/"),
    ):
        assert response.status_code == 302
        assert "/login/" in response["Location"]
