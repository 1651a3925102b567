"""Events and minutes meet through Wagtail's ``Page``, never by importing knowledge.

The minutes page type is named by its content type ("minutes.MinutesPage"); its model
class comes from the content type at run time. Reading the previous meeting's open
action items uses the same: the models named by label, narrowed first by the page
rule (``visible_pages``), so an item shows exactly when its minutes may be read
(docs/decisions/0052). Without the minutes app every function answers "nothing".
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from abhnetz.audiences.models import Audience
from abhnetz.audiences.rules import visible_pages
from abhnetz.audiences.services import audience_assign

MINUTES_PAGE = "minutes.MinutesPage"
MINUTES_PARENT = "knowledge.KnowledgeIndexPage"

# our kinds of event → the minutes' kinds of meeting (values of its choices)
MEETING_TYPES = {
    "networking": "networking",
    "workshop": "workshop",
    "training": "training",
    "bilateral": "bilateral",
    "advisory_board": "advisory_board",
}


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def minutes_model():
    return _model(MINUTES_PAGE)


def minutes_draft_create(*, event, by):
    """A draft of the event's minutes, prefilled with date, participants and agenda.

    Made through Wagtail's page API under the knowledge index; the event links to it.
    The coordinator completes and publishes it in the admin.
    """
    from .models import Answer, EventPage

    model = minutes_model()
    parent_model = _model(MINUTES_PARENT)
    if model is None or parent_model is None:
        raise LookupError("No minutes page type is installed.")
    parent = parent_model.objects.get()
    start = timezone.localtime(event.start)
    end = timezone.localtime(event.end)
    agenda_model = model._meta.get_field("agenda_items").related_model
    page = model(
        title=_("Minutes: %(title)s") % {"title": event.title},
        summary=event.summary or event.title,
        meeting_date=start.date(),
        start_time=None if event.all_day else start.time(),
        end_time=None if event.all_day or end.date() != start.date() else end.time(),
        meeting_type=MEETING_TYPES.get(event.kind, "other"),
        place=event.place or ("" if event.video_link else event.title[:200]),
        video_link=event.video_link,
        organisation=event.organisation,
        owner=by,
        live=False,
    )
    page.agenda_items = [
        agenda_model(title=item.title, notes=item.speaker) for item in event.agenda_items.all()
    ]
    audience_assign(
        page,
        Audience(
            event.audience_scope,
            event.audience_organisations.all(),
            event.audience_working_groups.all(),
            event.audience_advisory_board,
        ),
    )
    page.topics.set(event.topics.all())
    participants = (
        event.rsvps.filter(answer=Answer.YES, waitlisted_at__isnull=True)
        .exclude(person__organisation=None)
        .values_list("person__organisation", flat=True)
        .distinct()
    )
    page.participants.set(list(participants))
    parent.add_child(instance=page)
    page.save_revision(user=by)
    EventPage.objects.filter(pk=event.pk).update(minutes=page)  # not shown: a write
    event.minutes_id = page.pk
    return page


def previous_meeting(event):
    """The last event of the same series before ``event`` that has minutes (one query)."""
    from .models import EventPage

    if not event.series:
        return None
    return (
        EventPage.objects.live()
        .filter(series=event.series, start__lt=event.start, minutes__isnull=False)
        .exclude(pk=event.pk)
        .order_by("-start")
        .first()
    )


def open_action_items(user, event) -> list:
    """Open action items of the previous meeting's minutes, if ``user`` may read them."""
    previous = previous_meeting(event)
    item_model = _model("minutes.ActionItem")
    completion_model = _model("minutes.ActionItemCompletion")
    if previous is None or item_model is None or completion_model is None:
        return []
    readable = visible_pages(user, Page.objects.live().filter(pk=previous.minutes_id))
    done = completion_model.objects.filter(item_uuid=OuterRef("uuid"))
    return list(
        item_model.objects.filter(page__in=readable.values("pk"))
        .filter(~Exists(done))
        .select_related("owner_person", "owner_organisation", "page")
        .order_by("due_date", "sort_order", "pk")
    )


def minutes_published_notify(sender, instance, **kwargs):
    """Registered participants hear when the minutes of their event are published."""
    from abhnetz.notifications.services import notify

    from .models import Answer, EventPage
    from .notification_kinds import MINUTES_PUBLISHED

    model = minutes_model()
    page = instance.specific
    if model is None or not isinstance(page, model):
        return
    # the people are told through notify, which asks their audience at send time
    events = EventPage.objects.filter(minutes_id=page.pk)  # not shown: told via notify
    if not events.exists():
        return
    from abhnetz.accounts.models import User

    people = User.objects.filter(
        event_rsvps__event__in=events,
        event_rsvps__answer=Answer.YES,
        event_rsvps__waitlisted_at__isnull=True,
    )
    notify(kind=MINUTES_PUBLISHED, target=page, recipients=people, once=True)
