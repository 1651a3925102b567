import datetime

import pytest
from django.conf import settings

from knowledge.minutes.models import ActionItem, AgendaItem, Decision, MeetingType, MinutesPage


@pytest.fixture
def client_for(client_for):
    """Clients that read the site in English, its source language.

    The German catalogue is filled centrally after this work; asserting the source
    strings keeps these tests independent of it.
    """

    def make(user):
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


@pytest.fixture
def publish_minutes(publish_page):
    """Publish minutes with decisions (texts) and action items (dicts of ActionItem fields)."""

    def publish(
        title="Protokoll Vernetzungstreffen",
        *,
        audience=None,
        owner=None,
        decisions=(),
        action_items=(),
        agenda=(),
        **fields,
    ) -> MinutesPage:
        fields.setdefault("meeting_date", datetime.date(2026, 4, 18))
        fields.setdefault("meeting_type", MeetingType.NETWORKING)
        fields.setdefault("place", "Ministerium, Raum 2.14")
        return publish_page(
            title,
            audience=audience,
            owner=owner,
            page_class=MinutesPage,
            agenda_items=[AgendaItem(title=t, notes=n) for t, n in agenda],
            decisions=[d if isinstance(d, Decision) else Decision(text=d) for d in decisions],
            action_items=[ActionItem(**item) for item in action_items],
            **fields,
        )

    return publish


def action_item_of(page: MinutesPage, title: str) -> ActionItem:
    """The live row of an action item, as a view would fetch it (with its page)."""
    return ActionItem.objects.select_related("page").get(page_id=page.pk, title=title)
