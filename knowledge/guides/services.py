"""Writes around guides: review reminders and the author's news from the workflow.

Every e-mail goes through ``send_after_commit`` and only to people who may read the
page it is about (the owner always may: the audience rule keeps an owner's sight).
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from abhnetz.audiences.models import AudienceMixin
from abhnetz.audiences.rules import can_view
from abhnetz.core.mail import send_after_commit
from search.signals import enqueue_reindex

from .models import GuidePage, ReviewReminder


def site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


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


def reminder_recipients(guide: GuidePage) -> list[str]:
    people = [guide.owner, guide.deputy]
    addresses: list[str] = []
    for person in people:
        if person is None or not person.is_active or not person.email:
            continue
        if person.email in addresses or not can_view(person, guide):
            continue
        addresses.append(person.email)
    return addresses


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
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Please review the guide “%(title)s”") % {"title": guide.title}
        body = _(
            "The guide “%(title)s” was due for review on %(date)s.\n\n"
            "Please check that it is still correct, update it if needed and enter a new "
            "review date.\n\nRead it: %(url)s\nEdit it: %(edit_url)s\n"
        ) % {
            "title": guide.title,
            "date": guide.review_due_on.strftime("%d.%m.%Y"),
            "url": site_url(guide.url),
            "edit_url": site_url(reverse("wagtailadmin_pages:edit", args=[guide.pk])),
        }
    send_after_commit(subject=subject, body=body, to=reminder_recipients(guide))
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
    edit_url = site_url(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    with translation.override(settings.LANGUAGE_CODE):
        values = {"title": str(specific), "by": str(by or _("the network coordination"))}
        if approved:
            subject = _("Approved and published: “%(title)s”") % values
            body = _("%(by)s approved “%(title)s”. It is published now.") % values
        else:
            subject = _("Changes requested: “%(title)s”") % values
            body = _("%(by)s asked for changes to “%(title)s” before it is published.") % values
        if comment:
            body += "\n\n" + _("Comment: %(comment)s") % {"comment": comment}
        body += "\n\n" + _("Open it in the editor: %(url)s") % {"url": edit_url}
    send_after_commit(subject=subject, body=body, to=[recipient.email])
