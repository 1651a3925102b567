"""The Atom feed per topic: whole-network pages only, for the owner of a signed token."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from abhnetz.audiences.models import Audience
from abhnetz.core.feeds import feed_token
from knowledge.feeds import TOPIC_FEED_SALT
from tests.factories import TopicFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def topic(db):
    return TopicFactory(name="ServicePoint", slug="servicepoint")


def feed_path_for(client, topic) -> str:
    """The personal feed address the topic page shows its reader (path only)."""
    html = client.get(reverse("knowledge:topic", args=[topic.slug])).content.decode()
    start = html.index(f"/wissen/themen/{topic.slug}/feed/")
    return html[start : html.index('"', start)]


def titles(response) -> list[str]:
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture
def pages(network, publish_page, topic):
    publish_page("Für alle", topics=[topic])
    publish_page("Auch Beirat", topics=[topic], audience=Audience.network(advisory_board=True))
    publish_page("Nur ABH", topics=[topic], audience=Audience.offices())
    publish_page(
        "Nur Adorf", topics=[topic], audience=Audience.selected(organisations=[network.office_a])
    )
    publish_page("Anderes Thema")


def test_feed_has_network_wide_visible_items_only(network, client_for, topic, pages):
    # given office A's staff, who may read all four pages on the topic
    path = feed_path_for(client_for(network.office_staff), topic)

    # when a feed reader without a session fetches their feed
    response = Client().get(path)

    # then it is Atom with the whole-network pages only, linking to the pages
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert sorted(titles(response)) == ["Auch Beirat", "Für alle"]
    assert "http://testserver/wissen/" in response.content.decode()


def test_board_members_feed_has_only_what_is_shared_with_the_board(
    network, client_for, topic, pages
):
    response = Client().get(feed_path_for(client_for(network.board_member), topic))
    assert titles(response) == ["Auch Beirat"]


def test_forged_foreign_and_stale_tokens_are_404(network, topic, pages):
    url = "knowledge:topic_feed"
    assert Client().get(reverse(url, args=[topic.slug, "forged"])).status_code == 404
    # an announcement feed token does not open a topic feed
    foreign = feed_token(network.partner, salt="abhnetz.announcements.feed")
    assert Client().get(reverse(url, args=[topic.slug, foreign])).status_code == 404
    # a deactivated account's token stops working
    token = feed_token(network.partner, salt=TOPIC_FEED_SALT)
    assert Client().get(reverse(url, args=[topic.slug, token])).status_code == 200
    network.partner.is_active = False
    network.partner.save()
    assert Client().get(reverse(url, args=[topic.slug, token])).status_code == 404


def test_feed_queries_do_not_grow(network, publish_page, topic, queries):
    token = feed_token(network.office_staff, salt=TOPIC_FEED_SALT)
    url = reverse("knowledge:topic_feed", args=[topic.slug, token])
    publish_page("Erste", topics=[topic], organisation=network.office_a)
    queries.assert_constant(
        lambda: Client().get(url),
        lambda: [
            publish_page(f"Seite {n}", topics=[topic], organisation=network.office_b)
            for n in range(5)
        ],
    )
