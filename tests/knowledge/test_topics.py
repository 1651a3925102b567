"""Topic pages under /wissen/themen/ and following a topic."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from abhnetz.audiences.models import Audience
from abhnetz.topics.models import TopicFollow
from abhnetz.topics.services import topic_follow, topic_unfollow
from tests.factories import TopicFactory


@pytest.fixture
def topic(db):
    return TopicFactory(name="ServicePoint", slug="servicepoint", description="Der Empfang.")


def test_follow_and_unfollow_are_idempotent(network, topic):
    # when a reader follows twice
    topic_follow(user=network.partner, topic=topic)
    topic_follow(user=network.partner, topic=topic)
    # then they follow once
    assert TopicFollow.objects.filter(user=network.partner, topic=topic).count() == 1
    # and unfollowing twice is fine too
    topic_unfollow(user=network.partner, topic=topic)
    topic_unfollow(user=network.partner, topic=topic)
    assert not TopicFollow.objects.filter(user=network.partner).exists()


def test_only_signed_in_active_people_follow(network, topic):
    network.partner.is_active = False
    for user in (AnonymousUser(), network.partner):
        with pytest.raises(PermissionDenied):
            topic_follow(user=user, topic=topic)


def test_follow_button_works_without_javascript(network, client_for, topic):
    office = client_for(network.office_staff)
    url = reverse("knowledge:topic", args=[topic.slug])
    # given the topic page offers to follow
    assert f'action="{reverse("knowledge:topic_follow", args=[topic.slug])}"' in (
        office.get(url).content.decode()
    )

    # when the reader presses the button (a plain POST)
    response = office.post(reverse("knowledge:topic_follow", args=[topic.slug]), {"next": url})

    # then they are back on the topic page, which now offers to unfollow
    assert response.status_code == 302
    assert response["Location"] == url
    page = office.get(url)
    assert page.context["is_following"]
    assert reverse("knowledge:topic_unfollow", args=[topic.slug]) in page.content.decode()
    # and the topic index lists it among theirs
    index = office.get(reverse("knowledge:topics"))
    assert index.context["my_topics"] == [topic]

    # when they unfollow
    office.post(reverse("knowledge:topic_unfollow", args=[topic.slug]), {"next": url})
    assert not office.get(url).context["is_following"]


def test_follow_needs_post_and_csrf_and_a_safe_next(network, topic):
    client = Client(enforce_csrf_checks=True)
    client.force_login(network.office_staff)
    follow_url = reverse("knowledge:topic_follow", args=[topic.slug])
    # a GET changes nothing
    assert client.get(follow_url).status_code == 405
    # a POST without the CSRF token is refused
    assert client.post(follow_url).status_code == 403
    assert not TopicFollow.objects.exists()
    # a foreign "next" is not followed
    plain = Client()
    plain.force_login(network.office_staff)
    response = plain.post(follow_url, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("knowledge:topic", args=[topic.slug])


def test_topic_page_lists_what_the_reader_may_see(network, client_for, publish_page, topic):
    # given a network page, an offices-only page and an office-B-only page on the topic
    publish_page("ServicePoint einrichten", topics=[topic])
    publish_page("Nur ABH", topics=[topic], audience=Audience.offices())
    publish_page(
        "Dienstplan ServicePoint (intern)",
        topics=[topic],
        audience=Audience.selected(organisations=[network.office_b]),
    )
    publish_page("Anderes Thema")
    url = reverse("knowledge:topic", args=[topic.slug])

    # then office B sees all three of the topic
    titles = [p.title for p in client_for(network.office_staff_b).get(url).context["results"]]
    assert sorted(titles) == [
        "Dienstplan ServicePoint (intern)",
        "Nur ABH",
        "ServicePoint einrichten",
    ]

    # and a partner only the network page, in the list and in the counts
    response = client_for(network.partner).get(url)
    html = response.content.decode()
    assert [p.title for p in response.context["results"]] == ["ServicePoint einrichten"]
    assert "Dienstplan" not in html
    assert "Nur ABH" not in html
    assert response.context["results"].paginator.count == 1
    index = client_for(network.partner).get(reverse("knowledge:topics"))
    counts = {t.slug: t.page_count for t in index.context["topics"]}
    assert counts["servicepoint"] == 1


def test_restricted_page_never_reaches_outsiders_topic_pages(network, client_for, publish_page):
    # given an office-A-only page on its own topic
    topic = TopicFactory(name="Dienstplan", slug="dienstplan")
    publish_page(
        "Geheimer Dienstplan",
        topics=[topic],
        audience=Audience.selected(organisations=[network.office_a]),
    )
    # then nobody outside office A finds it on the topic page or in the topic counts
    for name, user in network.people().items():
        client = client_for(user)
        page = client.get(reverse("knowledge:topic", args=["dienstplan"]))
        counts = {t.slug: t.page_count for t in client.get("/wissen/themen/").context["topics"]}
        inside = user.organisation_id == network.office_a.pk
        assert ("Geheimer Dienstplan" in page.content.decode()) == inside, name
        assert counts["dienstplan"] == (1 if inside else 0), name


def test_unknown_topic_is_404_and_guests_log_in(network, client_for, topic):
    assert client_for(network.partner).get("/wissen/themen/gibt-es-nicht/").status_code == 404
    response = Client().get(reverse("knowledge:topic", args=[topic.slug]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_topic_pages_queries_do_not_grow(network, client_for, publish_page, queries, topic):
    other = TopicFactory(name="Terminvergabe", slug="terminvergabe")
    publish_page("Erste", topics=[topic], organisation=network.office_a)
    office = client_for(network.office_staff)
    topic_follow(user=network.office_staff, topic=topic)

    def add_items():
        for number in range(5):
            publish_page(
                f"Seite {number}",
                topics=[topic, other],
                organisation=network.office_b,
                audience=Audience.selected(organisations=[network.office_a]),
            )
        TopicFactory(name="Raumkonzept", slug="raumkonzept")
        topic_follow(user=network.office_staff, topic=other)

    url = reverse("knowledge:topic", args=[topic.slug])
    queries.assert_constant(lambda: office.get(url), add_items)
    queries.assert_constant(
        lambda: office.get(reverse("knowledge:topics")),
        lambda: [publish_page(f"Mehr {n}", topics=[other]) for n in range(3)],
    )


def test_followed_topics_are_in_the_persons_data_export(network, topic):
    from abhnetz.accounts.data_services import user_data_export

    # given a reader who follows a topic
    topic_follow(user=network.partner, topic=topic)
    # when they export their data
    data = user_data_export(user=network.partner)
    # then the topic is in it, and nobody else's follows are
    assert [entry["topic"] for entry in data["followed_topics"]] == ["ServicePoint"]
    assert user_data_export(user=network.office_staff)["followed_topics"] == []
