"""Every time the site shows is Europe/Berlin: pages rendered around one UTC moment."""

from datetime import date, timedelta

import pytest
from wagtail.models import PageLogEntry, Revision

from abhnetz.announcements.models import Announcement
from knowledge.guides.models import GuidePage
from knowledge.minutes.models import ActionItem, ActionItemCompletion, MinutesPage
from tests.factories import make_announcement
from tests.knowledge.guides.conftest import text
from tests.timezones import MOMENT, assert_berlin_time

LATER = MOMENT + timedelta(hours=21, minutes=33)  # 01.07.2026 20:05 UTC, 22:05 in Berlin


def backdate(page, *moments):
    """Give the page's published revisions (oldest first) and the page these moments."""
    entries = PageLogEntry.objects.filter(page=page, action="wagtail.publish").order_by("pk")
    for entry, moment in zip(entries, moments, strict=True):
        Revision.objects.filter(pk=entry.revision_id).update(created_at=moment)
        PageLogEntry.objects.filter(pk=entry.pk).update(timestamp=moment)
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=moments[0], last_published_at=moments[-1]
    )


@pytest.fixture
def guide(network, make_guide):
    guide = make_guide("Zeitzonen", owner=network.office_staff, body=[text("<p>Eins.</p>")])
    guide.body = [text("<p>Zwei.</p>")]
    guide.save_revision(user=network.office_staff).publish(skip_permission_checks=True)
    backdate(guide, MOMENT, LATER)
    return GuidePage.objects.get(pk=guide.pk)


def test_guide_versions_and_the_compare_menu_show_berlin_time(network, client_for, guide):
    client = client_for(network.partner)
    versions = client.get(guide.url + "versionen/").content.decode()
    # the table and the menu of the compare form alike
    assert_berlin_time(versions)
    assert_berlin_time(versions, LATER)
    menu = versions[versions.index('data-testid="compare-form"') :]
    assert_berlin_time(menu)
    published = PageLogEntry.objects.filter(page=guide, action="wagtail.publish").order_by("pk")
    old, new = (entry.revision_id for entry in published)
    compare = client.get(guide.url + f"versionen/vergleich/?von={old}&bis={new}")
    assert compare.status_code == 200
    assert_berlin_time(compare.content.decode())
    assert_berlin_time(client.get(guide.url).content.decode(), LATER, with_time=False)


def test_announcements_and_the_dashboard_show_berlin_time(network, client_for):
    announcement = make_announcement(network.coordinator, title="Sommerzeit")
    Announcement.objects.filter(pk=announcement.pk).update(published_at=MOMENT)
    client = client_for(network.office_staff)
    assert_berlin_time(client.get("/mitteilungen/").content.decode())
    assert_berlin_time(client.get(f"/mitteilungen/{announcement.pk}/").content.decode())
    assert_berlin_time(client.get("/").content.decode(), with_time=False)


def test_minutes_and_the_knowledge_list_show_berlin_dates(network, client_for, publish_page):
    minutes = publish_page(
        "Protokoll Zeitzonen",
        page_class=MinutesPage,
        meeting_date=date(2026, 5, 4),
        place="Raum 1",
        meeting_type="networking",
        action_items=[ActionItem(title="Uhren umstellen", owner_organisation=network.office_a)],
    )
    backdate(minutes, MOMENT)
    item = ActionItem.objects.get(page_id=minutes.pk)
    ActionItemCompletion.objects.create(
        item_uuid=item.uuid, done_by=network.office_staff, done_at=MOMENT
    )
    client = client_for(network.office_staff)
    assert_berlin_time(client.get(minutes.url).content.decode(), with_time=False)
    assert_berlin_time(client.get("/wissen/").content.decode(), with_time=False)
