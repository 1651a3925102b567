"""Reads of guides: versions, the review list. The audience rule applies to every one."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision, TaskState

from abhnetz.audiences.rules import audience_content_type, visible_pages, visible_to
from knowledge.models import KnowledgePage

from .models import GuidePage

# Who is shown the guides whose review is overdue.


@dataclass
class Version:
    """One published version of a guide."""

    number: int
    revision: Revision
    published_at: datetime
    author: object  # who wrote the revision (None if the account was deleted)
    publisher: object  # who published or approved it


def published_versions(guide: GuidePage) -> list[Version]:
    """The guide's published versions, newest first (the caller checked the guide's audience).

    One query: Wagtail logs every publication with the revision it published.
    """
    entries = (
        PageLogEntry.objects.filter(page=guide, action="wagtail.publish", revision__isnull=False)
        .select_related("user", "revision__user")
        .order_by("timestamp", "pk")
    )
    versions: list[Version] = []
    seen: set[int] = set()
    for entry in entries:
        if entry.revision_id in seen:  # republishing the same revision is not a new version
            continue
        seen.add(entry.revision_id)
        versions.append(
            Version(
                number=len(versions) + 1,
                revision=entry.revision,
                published_at=entry.timestamp,
                author=entry.revision.user,
                publisher=entry.user,
            )
        )
    return list(reversed(versions))


def overdue_guides(user, today=None):
    """Live guides past their review date that ``user`` may read, most overdue first."""
    guides = GuidePage.objects.live().review_overdue(today)
    return (
        visible_to(user, guides)
        .select_related("owner", "deputy", "organisation")
        .order_by("review_due_on", "title")
    )


def approvals_waiting_for(user) -> QuerySet[TaskState]:
    """Workflow tasks in progress that ``user`` may act on: the inbox's approvals.

    Wagtail says which task states the user may moderate (``reviewable_by``: the groups
    of each active task); of those, only pages the user may read count (an approval
    for a guide outside their audience is neither shown nor counted), and never the
    user's own submissions. ``WorkflowState.object_id`` is text, so the readable page
    ids are cast to text for the comparison (PostgreSQL compares no text with integers).
    """
    if not getattr(user, "is_active", False):
        return TaskState.objects.none()
    readable = (
        visible_pages(user, Page.objects.all())
        .annotate(object_id=Cast("pk", output_field=CharField()))
        .values("object_id")
    )
    return (
        TaskState.objects.reviewable_by(user)
        .filter(
            workflow_state__base_content_type=audience_content_type(Page),
            workflow_state__object_id__in=readable,
        )
        .exclude(workflow_state__requested_by=user)
    )


def guides_due_for_review(user, today=None) -> QuerySet[GuidePage]:
    """Live guides past their review date that ``user`` answers for (owner or deputy)."""
    guides = GuidePage.objects.live().review_overdue(today or timezone.localdate())
    guides = guides.filter(Q(owner=user) | Q(deputy=user))
    return visible_to(user, guides).order_by("review_due_on", "title")


def drafts_of(user) -> QuerySet[KnowledgePage]:
    """Knowledge pages ``user`` owns that are not published or have unpublished changes."""
    # a page never published stores the audience of its first draft (decision 0009)
    pages = visible_to(
        user,
        KnowledgePage.objects.filter(owner=user).filter(
            Q(live=False) | Q(has_unpublished_changes=True)
        ),
    )
    return pages.order_by("-latest_revision_created_at", "-pk")
