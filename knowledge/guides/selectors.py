"""Reads of guides: versions, the review list. The audience rule applies to every one."""

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import PageLogEntry, Revision

from abhnetz.accounts.roles import Role
from abhnetz.audiences.rules import visible_to

from .models import GuidePage

# Who is shown the guides whose review is overdue.
REVIEW_LIST_ROLES = (Role.COORDINATOR, Role.ADMINISTRATOR)


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


def may_see_review_list(user) -> bool:
    return user.is_active and user.has_role(*REVIEW_LIST_ROLES)


def overdue_guides(user, today=None):
    """Live guides past their review date that ``user`` may read, most overdue first."""
    guides = GuidePage.objects.live().review_overdue(today)
    return (
        visible_to(user, guides)
        .select_related("owner", "deputy", "organisation")
        .order_by("review_due_on", "title")
    )
