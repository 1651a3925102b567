"""From meeting to minutes to the next meeting, through Wagtail's Page only."""

import datetime as dt

from django.utils import timezone

from abhnetz.audiences.models import Audience
from abhnetz.notifications.models import Notification
from events.models import Answer, EventAgendaItem, EventPage
from events.notification_kinds import MINUTES_PUBLISHED
from events.services import rsvp_answer
from knowledge.minutes.models import ActionItem, ActionItemCompletion, MinutesPage
from tests.knowledge.conftest import knowledge_index, publish_page  # noqa: F401

SERIES = "Vernetzungstreffen Baden-Württemberg"


def test_coordinator_drafts_prefilled_minutes_from_the_event(network, publish_event, client_for):
    past = timezone.now() - dt.timedelta(days=2)
    event = publish_event(
        "Vernetzungstreffen Winter",
        start=past,
        end=past + dt.timedelta(hours=4),
        place_address="Ministerium, Stuttgart",
    )
    EventAgendaItem.objects.create(page=event, title="Begrüßung", speaker="Frau Beispiel")
    client = client_for(network.coordinator, mfa=True)
    response = client.post(f"/termine/{event.pk}/protokoll/")
    assert response.status_code == 302
    minutes = MinutesPage.objects.get()
    assert "/admin/pages/" in response.url
    assert minutes.title == "Protokoll: Vernetzungstreffen Winter"
    assert minutes.meeting_date == timezone.localtime(past).date()
    assert [a.title for a in minutes.agenda_items.all()] == ["Begrüßung"]
    assert not minutes.live
    assert EventPage.objects.get(pk=event.pk).minutes_id == minutes.pk
    # only coordinators
    assert (
        client_for(network.office_staff).post(f"/termine/{event.pk}/protokoll/").status_code == 403
    )


def test_registered_participants_hear_when_the_minutes_are_published(
    network,
    publish_event,
    publish_page,  # noqa: F811 (the imported fixture)
):
    event = publish_event()
    rsvp_answer(event=event, person=network.office_staff, answer=Answer.YES)
    minutes = publish_page(
        "Protokoll",
        page_class=MinutesPage,
        meeting_date=dt.date(2026, 11, 1),
        meeting_type="networking",
        place="Stuttgart",
    )
    EventPage.objects.filter(pk=event.pk).update(minutes=minutes)
    minutes.save_revision().publish()
    assert Notification.objects.filter(
        kind=MINUTES_PUBLISHED, recipient=network.office_staff
    ).exists()


def test_next_meeting_shows_the_open_action_items_by_the_audience_rule(
    network,
    publish_event,
    publish_page,  # noqa: F811 (the imported fixture)
    client_for,
):
    # given last meeting's minutes (offices only) with one open and one done action item
    minutes = publish_page(
        "Protokoll Frühjahr",
        page_class=MinutesPage,
        meeting_date=dt.date(2026, 4, 18),
        meeting_type="networking",
        place="Stuttgart",
        audience=Audience.offices(),
    )
    open_item = ActionItem.objects.create(
        page=minutes, title="Checkliste übersetzen", owner_organisation=network.office_a
    )
    done = ActionItem.objects.create(
        page=minutes, title="Raum buchen", owner_person=network.coordinator
    )
    ActionItemCompletion.objects.create(item_uuid=done.uuid)
    past = timezone.now() - dt.timedelta(days=200)
    publish_event(
        "Frühjahr", series=SERIES, start=past, end=past + dt.timedelta(hours=3), minutes=minutes
    )
    following = publish_event("Herbst", series=SERIES)
    # then the next meeting shows the open item, with its owner, to readers of the minutes
    html = client_for(network.office_staff).get(following.url).content.decode()
    section = html.split('data-testid="previous-action-items"')[1]
    assert open_item.title in section
    assert "Ausländerbehörde Adorf" in section
    assert "Raum buchen" not in section
    # and not to a partner, who may read the event but not the minutes
    assert "Checkliste" not in client_for(network.partner).get(following.url).content.decode()
