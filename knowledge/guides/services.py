"""Writes around guides: review reminders and the author's news from the workflow.

Everything goes out as a notification (``abhnetz.notifications``), only to people who
may read the page it is about (the owner always may: the audience rule keeps an owner's sight).
"""

from django.db import transaction
from django.urls import reverse

from abhnetz.audiences.models import AudienceMixin
from abhnetz.audiences.rules import can_view
from abhnetz.notifications.services import notify
from search.signals import enqueue_reindex

from .models import GuidePage, ReviewReminder
from .notification_kinds import APPROVED, CHANGES_REQUESTED, REVIEW_DUE


def guides_due_for_reminder(today=None):
    """Live overdue guides whose owner has not been reminded of this due date.

    A system read for the reminder job, not for a reader: who receives the reminder is
    checked against the audience in ``review_reminder_send``.
    """
    from django.db.models import Exists, OuterRef

    reminded = ReviewReminder.objects.filter(guide=OuterRef("pk"), due_on=OuterRef("review_due_on"))
    return (
        GuidePage.objects.live()
        .review_overdue(today)
        .exclude(Exists(reminded))
        .select_related("owner", "deputy")
        .order_by("review_due_on", "pk")
    )


@transaction.atomic
def review_reminder_send(*, guide: GuidePage) -> bool:
    """Remind the owner and deputy that ``guide`` is due for review, once per due date.

    Returns whether a reminder was sent now (False when one already went out).
    """
    if guide.review_due_on is None:
        return False
    _reminder, created = ReviewReminder.objects.get_or_create(
        guide=guide, due_on=guide.review_due_on
    )
    if not created:
        return False
    # overdue now by the calendar: its search boost drops with the reindex
    enqueue_reindex(guide)
    edit_path = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    notify(
        kind=REVIEW_DUE,
        target=guide,
        recipients=[guide.owner, guide.deputy],
        data={"edit_path": edit_path},
    )
    return True


def workflow_decision_notify(*, workflow_state, by, approved: bool) -> None:
    """Tell the person who submitted a page for approval what the coordinators decided.

    Replaces Wagtail's own approval and rejection mails (see signal_handlers), so the
    author gets one message, after commit, and only if they may still read the page.
    """
    from wagtail.users.models import UserProfile

    recipient = workflow_state.requested_by
    if recipient is None or recipient == by or not recipient.is_active or not recipient.email:
        return
    page = workflow_state.content_object
    specific = getattr(page, "specific", page)
    if isinstance(specific, AudienceMixin) and specific.live and not can_view(recipient, specific):
        return
    preference = "approved_notifications" if approved else "rejected_notifications"
    if not getattr(UserProfile.get_for_user(recipient), preference):
        return
    task_state = workflow_state.current_task_state
    comment = (task_state.get_comment() if task_state else "") or ""
    edit_path = reverse("wagtailadmin_pages:edit", args=[page.pk])
    notify(
        kind=APPROVED if approved else CHANGES_REQUESTED,
        target=specific,
        recipients=[recipient],
        actor=by,
        data={"comment": comment, "edit_path": edit_path},
        link="" if approved else edit_path,
    )
