"""Following: who starts or posts follows, one click unfollows; a new thread tells the
followers of its category and topics who may read it."""

from django.urls import reverse

from abhnetz.notifications.models import Notification
from abhnetz.topics.models import TopicFollow
from forums import services
from forums.models import ThreadFollow
from forums.notification_kinds import NEW_THREAD_FOLLOWED, REPLY_IN_FOLLOWED_THREAD
from tests.factories import TopicFactory


def told(kind: str) -> set:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def test_who_starts_or_posts_follows_and_one_click_unfollows(network, categories, ask, client_for):
    # given a thread started by office A and answered by office B
    thread = ask(network.office_staff, categories["network"])
    services.post_create(thread=thread, author=network.office_staff_b, body="Antwort eins")
    assert set(ThreadFollow.objects.filter(thread=thread).values_list("person", flat=True)) == {
        network.office_staff.pk,
        network.office_staff_b.pk,
    }
    # when the asker unfollows with one click
    client = client_for(network.office_staff)
    response = client.post(reverse("forums:follow", args=[thread.pk]), {"unfollow": "1"})
    assert response.status_code == 302
    Notification.objects.all().delete()  # what the first reply told
    # then the next reply tells office B (still following), not the asker
    services.post_create(thread=thread, author=network.partner, body="Antwort zwei")
    assert told(REPLY_IN_FOLLOWED_THREAD) == {network.office_staff_b.email}
    # and following again, by the same button, brings the replies back
    client.post(reverse("forums:follow", args=[thread.pk]))
    services.post_create(thread=thread, author=network.partner, body="Antwort drei")
    assert network.office_staff.email in told(REPLY_IN_FOLLOWED_THREAD)
    # a thread one may not read cannot be followed
    inner = ask(network.moderator, categories["office_a"], title="Intern")
    outsider = client_for(network.partner)
    assert outsider.post(reverse("forums:follow", args=[inner.pk])).status_code == 404
    assert not ThreadFollow.objects.filter(thread=inner, person=network.partner).exists()


def test_a_new_thread_tells_category_and_topic_followers_who_may_read_it(
    network, categories, ask, client_for
):
    # given the partner and office B follow the offices' category (by its button) and
    # the board member and office B follow a topic
    offices = categories["offices"]
    for person in (network.partner, network.office_staff_b):
        client_for(person).post(reverse("forums:category_follow", args=[offices.slug]))
    topic = TopicFactory(name="Fiktionsbescheinigung")
    for person in (network.board_member, network.office_staff_b, network.coordinator):
        TopicFollow.objects.create(user=person, topic=topic)
    # when office A asks there on the topic
    ask(network.office_staff, offices, title="Fiktion nach Fristablauf", topics=[topic])
    # then only readers hear of it, once each: office B and the coordinator
    assert told(NEW_THREAD_FOLLOWED) == {network.office_staff_b.email, network.coordinator.email}
    assert Notification.objects.filter(kind=NEW_THREAD_FOLLOWED).count() == 2
    # the partner's follow of a category it may not read was refused (404), not stored
    assert not offices.follows.filter(person=network.partner).exists()
