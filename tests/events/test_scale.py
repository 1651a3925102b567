"""seed_scale's events: pages with live revisions, RSVPs under the seat limits, date polls.

Answers come only from people the event's audience admits, no event holds more Zusagen
than places (the rest waits, in order), and someone outside an event's audience finds it
nowhere: not in the calendar, not at its address, not in the search.
"""

import pytest
from django.db.models import Sum
from django.utils import timezone

from abhnetz.accounts.models import User
from abhnetz.audiences.rules import can_view
from abhnetz.core import scale
from events.models import Answer, DatePoll, EventPage, PollAnswer, PollResponse, Rsvp

FACTOR = 0.002  # 12 events, up to 120 RSVPs, 1 date poll


@pytest.fixture
def scaled(db):
    return scale.seed(factor=FACTOR, stdout=scale._Out())


def test_events_answers_and_polls_have_their_scaled_size(scaled):
    assert EventPage.objects.live().count() == scaled.counts["events"] == 12
    # ten answers an event, fewer where its audience admits fewer of the 18 people
    assert Rsvp.objects.count() == scaled.counts["event_rsvps"]
    assert 60 < scaled.counts["event_rsvps"] <= 120
    assert DatePoll.objects.count() == scaled.counts["date_polls"] == 1
    # up to eight of the people the poll's audience admits answer each of its 3 slots
    # (how many it admits depends on the audience drawn: with pytest-randomly's seed
    # between runs of the suite, a small network's poll may admit six)
    responses = PollResponse.objects.count()
    assert 0 < responses <= 8
    assert PollAnswer.objects.count() == scaled.counts["poll_answers"] == responses * 3
    for event in EventPage.objects.all():
        assert event.live_revision_id is not None
        assert event.end > event.start
        # stored aware; meetings start on the hour in Berlin, whatever the season
        assert timezone.is_aware(event.start)
        assert timezone.localtime(event.start).hour in {9, 10, 13, 14}
        assert timezone.localtime(event.start).minute == 0


def test_no_event_holds_more_than_its_places(scaled):
    for event in EventPage.objects.exclude(capacity=None):
        registered = Rsvp.objects.filter(event=event, answer=Answer.YES, waitlisted_at=None)
        seats = registered.count() + (registered.aggregate(c=Sum("colleagues"))["c"] or 0)
        assert seats <= event.capacity, event.title
    # only a Zusage waits (the database's own constraint would refuse anything else)
    assert not Rsvp.objects.exclude(answer=Answer.YES).exclude(waitlisted_at=None).exists()


def test_only_readers_answer_and_outsiders_find_nothing(scaled, client):
    for rsvp in Rsvp.objects.select_related("event", "person"):
        assert can_view(rsvp.person, rsvp.event), (rsvp.person, rsvp.event.title)
    # given an event someone of the network may not see
    people = User.objects.filter(email__endswith=f"@{scale.EMAIL_DOMAIN}").order_by("pk")
    event, outsider = next(
        (event, person)
        for event in EventPage.objects.order_by("pk")
        for person in people
        if not can_view(person, event)
    )
    client.force_login(outsider)
    # then the calendar, its month and the search answer without it, its page is missing
    month = f"/termine/?ansicht=monat&monat={event.start:%Y-%m}"
    for url in ("/termine/", month, f"/suche/?q={event.title.split(' (')[0]}"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert event.url not in response.content.decode(), url
    assert client.get(event.url).status_code == 404
