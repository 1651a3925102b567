"""Reads of minutes, decisions and action items, always through the audience rule.

Decisions and action items carry no audience of their own: they are visible exactly
when the live minutes they belong to are (``visible_minutes``).
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from abhnetz.audiences.rules import visible_to

from .models import ActionItem, ActionItemCompletion, Decision, MinutesPage
from .permissions import may_complete_action_item


def visible_minutes(user) -> QuerySet[MinutesPage]:
    """Live minutes ``user`` may read."""
    return visible_to(user, MinutesPage.objects.live())


def _completions(uuids) -> dict:
    """Completions of these action items by uuid, in one query."""
    uuids = list(uuids)
    if not uuids:
        return {}
    return {
        c.item_uuid: c
        for c in ActionItemCompletion.objects.filter(item_uuid__in=uuids).select_related("done_by")
    }


def annotate_action_items(items, user, *, today: datetime.date | None = None) -> list:
    """Attach ``completion``, ``is_done``, ``is_overdue`` and ``may_complete`` to each item."""
    items = list(items)
    today = today or timezone.localdate()
    completions = _completions(item.uuid for item in items)
    for item in items:
        item.completion = completions.get(item.uuid)
        item.is_done = item.completion is not None
        item.is_overdue = not item.is_done and item.due_date is not None and item.due_date < today
        item.may_complete = may_complete_action_item(user, item)
    return items


def minutes_detail(*, page: MinutesPage, user) -> dict:
    """What the minutes page shows, in a number of queries independent of its items.

    Works for the live page and for a preview (whose children are in memory).
    """
    decisions = sorted(
        page.decisions.all().select_related("topic"), key=lambda d: (d.sort_order or 0, d.pk or 0)
    )
    action_items = page.action_items.all().select_related("owner_person", "owner_organisation")
    action_items = sorted(action_items, key=lambda a: (a.sort_order or 0, a.pk or 0))
    return {
        "agenda_items": sorted(
            page.agenda_items.all(), key=lambda a: (a.sort_order or 0, a.pk or 0)
        ),
        "decisions": decisions,
        "action_items": annotate_action_items(action_items, user),
        "participants": list(page.participants.all()),
    }


def _open_filter():
    return ~Exists(ActionItemCompletion.objects.filter(item_uuid=OuterRef("uuid")))


def owner_matches(text: str) -> Q:
    """Items whose owner matches every word of ``text``: in the person's first or last name
    or e-mail address, or in the owning organisation's name. A number is a person's id,
    as the owner filter sent when it was a list of people (old links keep working)."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        # an id beyond the database's integers is nobody's
        return Q(owner_person_id=int(text)) if len(text) < 10 else Q(pk__in=[])
    matches = Q()
    for word in text.split():
        matches &= (
            Q(owner_person__first_name__icontains=word)
            | Q(owner_person__last_name__icontains=word)
            | Q(owner_person__email__icontains=word)
            | Q(owner_organisation__name__icontains=word)
        )
    return matches


def visible_action_items(user) -> QuerySet[ActionItem]:
    """Action items of live minutes ``user`` may read."""
    return ActionItem.objects.filter(page__in=visible_minutes(user).values("pk"))


def open_action_items(
    user,
    *,
    owner=None,
    owner_text: str = "",
    organisation=None,
    working_group=None,
    overdue_only: bool = False,
    today: datetime.date | None = None,
) -> QuerySet[ActionItem]:
    """Open action items ``user`` may see, soonest due first (no due date last).

    ``owner_text`` is what the reader typed for the owner (``owner_matches``).
    """
    items = visible_action_items(user).filter(_open_filter())
    if owner is not None:
        items = items.filter(owner_person=owner)
    if owner_text:
        items = items.filter(owner_matches(owner_text))
    if organisation is not None:
        # owned by the organisation itself or by one of its people
        items = items.filter(
            Q(owner_organisation=organisation) | Q(owner_person__organisation=organisation)
        )
    if working_group is not None:
        items = items.filter(page__audience_working_groups=working_group).distinct()
    if overdue_only:
        items = items.filter(due_date__lt=today or timezone.localdate())
    return items.select_related("page", "owner_person", "owner_organisation").order_by(
        "due_date", "page__meeting_date", "sort_order", "pk"
    )


def access_action_item(user, item_uuid) -> ActionItem:
    """The action item if ``user`` may see its minutes; the same 404 when missing."""
    item = (
        visible_action_items(user)
        .select_related("page", "owner_person", "owner_organisation")
        .filter(uuid=item_uuid)
        .first()
    )
    if item is None:
        raise Http404
    return item


def decisions_register(
    user,
    *,
    topic=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    q: str = "",
) -> QuerySet[Decision]:
    """Decisions of the minutes ``user`` may read, newest meeting first."""
    decisions = Decision.objects.filter(page__in=visible_minutes(user).values("pk"))
    if topic is not None:
        # the decision's own topic, or a topic of its minutes
        minutes_on_topic = MinutesPage.topics.through.objects.filter(topic=topic).values(
            "knowledgepage_id"
        )
        decisions = decisions.filter(Q(topic=topic) | Q(page_id__in=minutes_on_topic))
    if date_from is not None:
        decisions = decisions.filter(page__meeting_date__gte=date_from)
    if date_to is not None:
        decisions = decisions.filter(page__meeting_date__lte=date_to)
    if q:
        decisions = decisions.filter(text__icontains=q)
    return decisions.select_related("page", "topic").order_by(
        "-page__meeting_date", "page_id", "sort_order", "pk"
    )
