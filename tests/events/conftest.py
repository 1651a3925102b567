import datetime as dt

import pytest
from django.utils import timezone

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from events.models import EventIndexPage, EventKind, EventPage
from tests.timezones import BERLIN


def berlin(*args) -> dt.datetime:
    """An aware datetime in Europe/Berlin: ``berlin(2026, 4, 18, 10, 0)``."""
    return dt.datetime(*args, tzinfo=BERLIN)


@pytest.fixture
def event_index(db) -> EventIndexPage:
    return EventIndexPage.objects.get()


@pytest.fixture
def publish_event(event_index):
    """Create and publish an event for an audience, as Wagtail's editor would."""

    def publish(
        title="Vernetzungstreffen", *, audience=None, owner=None, start=None, end=None, **fields
    ):
        start = start or timezone.now() + dt.timedelta(days=10)
        end = end or start + dt.timedelta(hours=5)
        page = EventPage(
            title=title,
            kind=fields.pop("kind", EventKind.NETWORKING),
            start=start,
            end=end,
            owner=owner,
            **fields,
        )
        audience_assign(page, audience or Audience.network())
        event_index.add_child(instance=page)
        page.save_revision(user=owner).publish()
        page.refresh_from_db()
        return page

    return publish


def republish(page, **changes):
    """Change fields and publish a new revision, as the editor does."""
    page = EventPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)
