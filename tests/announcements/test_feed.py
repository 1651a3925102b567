import xml.etree.ElementTree as ET

from django.test import Client
from django.urls import reverse

from abhnetz.announcements.views import feed_url
from abhnetz.audiences.models import Audience
from tests.factories import make_announcement

ATOM = "{http://www.w3.org/2005/Atom}"


def token_for(client):
    html = client.get(reverse("announcements:list")).content.decode()
    start = html.index("/mitteilungen/feed/") + len("/mitteilungen/feed/")
    return html[start : html.index("/", start)]


def titles(response) -> list[str]:
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_feed_has_network_wide_items_only(network, client_for):
    make_announcement(network.coordinator, title="Für alle")
    make_announcement(
        network.coordinator, title="Auch Beirat", audience=Audience.network(advisory_board=True)
    )
    make_announcement(network.coordinator, title="Nur ABH", audience=Audience.offices())
    make_announcement(
        network.coordinator,
        title="Nur Adorf",
        audience=Audience.selected(organisations=[network.office_a]),
    )
    token = token_for(client_for(network.office_staff))
    # feed readers have no session: the token alone opens the feed
    response = Client().get(reverse("announcements:feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert sorted(titles(response)) == ["Auch Beirat", "Für alle"]


def test_feed_applies_the_readers_audience(network, client_for):
    make_announcement(network.coordinator, title="Für alle")
    make_announcement(
        network.coordinator, title="Auch Beirat", audience=Audience.network(advisory_board=True)
    )
    token = token_for(client_for(network.board_member))
    response = Client().get(reverse("announcements:feed", args=[token]))
    # the board reads only what was shared with the board
    assert titles(response) == ["Auch Beirat"]


def test_feed_rejects_forged_and_deactivated_tokens(network, client_for):
    make_announcement(network.coordinator, title="Für alle")
    assert Client().get(reverse("announcements:feed", args=["forged"])).status_code == 404
    token = token_for(client_for(network.partner))
    network.partner.is_active = False
    network.partner.save()
    assert Client().get(reverse("announcements:feed", args=[token])).status_code == 404


def test_feed_url_is_personal(network, rf):
    request = rf.get("/")
    request.user = network.partner
    other = rf.get("/")
    other.user = network.office_staff
    assert feed_url(request) != feed_url(other)
