"""The personal calendar feed: secret, revocable, and only what the person may see now."""

import pytest
from icalendar import Calendar

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from events.models import Answer, FeedToken
from events.services import event_invite, feed_token_renew, rsvp_answer


def feed_titles(client, token) -> set[str]:
    response = client.get(f"/termine/abo/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return {str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).events}


@pytest.fixture
def anonymous(client):
    return client  # calendar programs send no session


def test_feed_lists_invited_and_answered_events(network, publish_event, anonymous):
    invited = publish_event("Eingeladen")
    answered = publish_event("Zugesagt")
    publish_event("Nichts damit zu tun")
    event_invite(event=invited, by=network.coordinator, people=[network.office_staff])
    rsvp_answer(event=answered, person=network.office_staff, answer=Answer.YES)
    token = feed_token_renew(person=network.office_staff).token
    assert feed_titles(anonymous, token) == {"Eingeladen", "Zugesagt"}


def test_feed_never_includes_an_event_outside_the_current_audience(
    network, publish_event, anonymous
):
    # given an event the person answered while they could see it
    event = publish_event("Bald intern")
    rsvp_answer(event=event, person=network.office_staff_b, answer=Answer.YES)
    token = feed_token_renew(person=network.office_staff_b).token
    assert feed_titles(anonymous, token) == {"Bald intern"}
    # when its audience narrows to another office
    audience_assign(event, Audience.selected(organisations=[network.office_a]))
    event.save_revision().publish()
    # then the feed no longer carries it, not even its title
    response = anonymous.get(f"/termine/abo/{token}.ics")
    assert b"Bald intern" not in response.content


def test_revoked_or_renewed_token_answers_404(network, anonymous, client_for):
    old = feed_token_renew(person=network.office_staff).token
    new = feed_token_renew(person=network.office_staff).token
    assert anonymous.get(f"/termine/abo/{old}.ics").status_code == 404
    assert anonymous.get(f"/termine/abo/{new}.ics").status_code == 200
    # revoked from the account page
    client = client_for(network.office_staff)
    client.post("/termine/kalender-abo/verwalten/", {"action": "revoke"})
    assert not FeedToken.objects.exists()
    assert anonymous.get(f"/termine/abo/{new}.ics").status_code == 404
    assert anonymous.get("/termine/abo/erfunden.ics").status_code == 404


def test_inactive_person_feed_answers_404(network, anonymous):
    token = feed_token_renew(person=network.office_staff).token
    network.office_staff.is_active = False
    network.office_staff.save()
    assert anonymous.get(f"/termine/abo/{token}.ics").status_code == 404


def test_account_page_makes_and_shows_the_address(network, client_for):
    client = client_for(network.office_staff)
    assert (
        'data-testid="no-feed"' in client.get("/termine/kalender-abo/verwalten/").content.decode()
    )
    client.post("/termine/kalender-abo/verwalten/", {"action": "renew"})
    token = FeedToken.objects.get(person=network.office_staff).token
    assert token in client.get("/termine/kalender-abo/verwalten/").content.decode()
