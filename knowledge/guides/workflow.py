"""The approval workflow around ``GuideApprovalTask``: who is asked, told, and shown what.

- ``approvers``: the people who may act on a submitted page (the same rule as
  ``permissions.may_approve``, as one query for the fan-out of the "submitted" mail);
- ``approval_requested_notify``: replaces Wagtail's two "submitted" mails (one per task
  for the groups and the superusers, one per workflow for the superusers again, so an
  administrator got two) by one mail per approver in their language (``mail_send``);
- ``workflow_cancel_without_approver``: a submission that nobody but its author may
  approve is taken back at once (docs/decisions/0019);
- ``approval_status``: who approved the live version and when, or that a newer one waits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from abhnetz.accounts.roles import RESTRICTED_CONTENT_APPROVER_ROLES
from abhnetz.audiences.models import AudienceEntry
from abhnetz.audiences.rules import audience_content_type, readers, role_group_ids
from abhnetz.core.mail import mail_send, site_url

from .permissions import carries_audience, is_restricted, revision_group_ids


def approvers(*, task, page, task_state):
    """Active people who may approve ``page`` on ``task`` (one query)."""
    task = task.specific
    may_approve_as = Q(groups__in=task.groups.all()) | Q(is_superuser=True)
    if carries_audience(page) and is_restricted(task_state.revision.content):
        may_approve_as |= Q(groups__in=role_group_ids(*RESTRICTED_CONTENT_APPROVER_ROLES))
    people = get_user_model().objects.filter(is_active=True).filter(may_approve_as)
    if carries_audience(page):
        stored = AudienceEntry.objects.filter(
            content_type=audience_content_type(page), object_id=page.pk
        )
        if stored.exists():
            keys = stored.filter(group__isnull=False).values_list("group_id", flat=True)
            people = people.filter(pk__in=readers(set(keys)))
        (revision_groups,) = revision_group_ids([task_state.revision.content])
        people = people.filter(pk__in=readers(revision_groups))
    authors = {
        page.owner_id,
        task_state.workflow_state.requested_by_id,
        task_state.revision.user_id,
    } - {None}
    return people.exclude(pk__in=authors).distinct().order_by("pk")


def approval_requested_notify(*, task_state) -> None:
    """Ask every approver of ``task_state`` once, by e-mail in their language, after commit."""
    task = task_state.task.specific
    page = task_state.workflow_state.content_object.specific
    recipients = (
        approvers(task=task, page=page, task_state=task_state)
        .exclude(email="")
        # Wagtail's own preference "submitted notifications" (on unless switched off)
        .filter(
            Q(wagtail_userprofile__isnull=True)
            | Q(wagtail_userprofile__submitted_notifications=True)
        )
    )
    requested_by = task_state.workflow_state.requested_by
    # one message each (approvers do not see who else was asked), each in their language
    mail_send(
        template="guides/email/approval_requested",
        to=list(recipients),
        context={
            "title": str(page),
            "by": str(requested_by) if requested_by else "",
            "task": str(task),
            "url": site_url(reverse("wagtailadmin_pages:edit", args=[page.pk])),
        },
    )


def workflow_cancel_without_approver(*, page, user) -> bool:
    """Take back a submission of ``page`` that no one but its author may approve.

    Returns whether it was taken back.
    """
    from .models import GuideApprovalTask

    task_state = page.current_workflow_task_state
    if task_state is None or not isinstance(task_state.task.specific, GuideApprovalTask):
        return False
    if approvers(task=task_state.task, page=page, task_state=task_state).exists():
        return False
    task_state.workflow_state.cancel(user=user)
    return True


@dataclass
class ApprovalStatus:
    approved_by: object | None = None  # who approved the live version (None: not known)
    approved_at: datetime | None = None
    waiting_for: str = ""  # the task a newer version waits for


def approval_status(page) -> ApprovalStatus:
    """Who approved the live version of ``page``, and what a newer version waits for."""
    from wagtail.models import Page, TaskState

    status = ApprovalStatus()
    states = TaskState.objects.filter(
        workflow_state__base_content_type=audience_content_type(Page),
        workflow_state__object_id=str(page.pk),
    ).select_related("task", "finished_by")
    approved = states.filter(status=TaskState.STATUS_APPROVED).order_by("-finished_at").first()
    live = page.live_revision
    # an approval counts for the live version unless a later one was published without it
    if approved is not None and live is not None and live.created_at <= approved.finished_at:
        status.approved_by = approved.finished_by
        status.approved_at = approved.finished_at
    waiting = states.filter(status=TaskState.STATUS_IN_PROGRESS).order_by("-started_at").first()
    if waiting is not None:
        status.waiting_for = waiting.task.name
    return status
