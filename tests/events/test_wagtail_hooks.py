"""The events' shell slots: topic and space sections, the dashboard, my data."""

import datetime as dt

from django.test import RequestFactory
from django.utils import timezone

from abhnetz.audiences.models import Audience
from events.models import Answer, EventIndexPage
from events.services import feed_token_renew, rsvp_answer
from events.wagtail_hooks import export_events, space_events, topic_events, upcoming_events_section
from tests.factories import TopicFactory


def test_topic_and_space_sections_list_only_visible_upcoming_events(network, publish_event):
    topic = TopicFactory(name="E-Akte", slug="e-akte")
    shown = publish_event(
        "AG-Workshop",
        working_group=network.digital_group,
        audience=Audience.selected(working_groups=[network.digital_group]),
    )
    shown.topics.add(topic)
    shown.save_revision().publish()  # a page's topics are part of its revision
    past = timezone.now() - dt.timedelta(days=3)
    old = publish_event(
        "Alt", start=past, end=past + dt.timedelta(hours=1), working_group=network.digital_group
    )
    old.topics.add(topic)
    old.save_revision().publish()
    section = topic_events(user=network.office_staff, topic=topic)
    assert [item["title"] for item in section["items"]] == ["AG-Workshop"]
    assert "Uhr" in section["items"][0]["meta"]
    assert topic_events(user=network.office_staff_b, topic=topic) is None
    space = space_events(user=network.office_staff, working_group=network.digital_group, page=None)
    assert [item["title"] for item in space["items"]] == ["AG-Workshop"]
    assert (
        space_events(user=network.partner, working_group=network.digital_group, page=None) is None
    )


def test_dashboard_lists_my_events_with_my_answer(network, publish_event):
    event = publish_event("Mein Termin")
    publish_event("Nicht meiner")
    rsvp_answer(event=event, person=network.office_staff, answer=Answer.MAYBE)
    request = RequestFactory().get("/")
    request.user = network.office_staff
    section = upcoming_events_section(request)
    assert section.key == "events"
    (mine,) = section.context["events"]
    assert mine.title == "Mein Termin"
    assert mine.my_rsvp.answer == Answer.MAYBE


def test_my_data_has_answers_and_feed_state_but_no_hidden_titles(network, publish_event):
    event = publish_event("Bald geheim")
    rsvp_answer(event=event, person=network.office_staff_b, answer=Answer.YES, colleagues=1)
    feed_token_renew(person=network.office_staff_b)
    key, data = export_events(network.office_staff_b)
    assert key == "events"
    assert data["rsvps"][0]["event"] == "Bald geheim"
    assert data["rsvps"][0]["colleagues"] == 1
    assert data["calendar_feed"]["active"] is True
    # once the audience no longer admits them, the export keeps the answer, not the title
    from abhnetz.audiences.services import audience_assign

    audience_assign(event, Audience.selected(organisations=[network.office_a]))
    event.save_revision().publish()
    _key, data = export_events(network.office_staff_b)
    assert data["rsvps"][0]["event"] is None


def test_coordinators_may_add_events_in_the_admin(network, client_for):
    # given the event index (made by a migration) and a coordinator with the second factor
    index = EventIndexPage.objects.get()
    coordinator = client_for(network.coordinator, mfa=True)
    # when they open the admin's form for a new event under /termine/
    response = coordinator.get(f"/admin/pages/add/events/eventpage/{index.pk}/")
    # then they get it (page permission from events.0004); office staff do not
    assert response.status_code == 200
    office = client_for(network.office_staff)
    assert office.get(f"/admin/pages/add/events/eventpage/{index.pk}/").status_code != 200
