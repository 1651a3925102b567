"""Writes of announcements. Views call these; they check permission themselves."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from abhnetz.accounts.models import User
from abhnetz.accounts.roles import ANNOUNCEMENT_AUTHOR_ROLES, Role
from abhnetz.audiences.models import Audience
from abhnetz.audiences.rules import can_view
from abhnetz.audiences.services import audience_assign
from abhnetz.text import render_markdown

from .models import Announcement


def may_write_announcements(user: User) -> bool:
    return user.is_active and user.has_role(*ANNOUNCEMENT_AUTHOR_ROLES)


def may_edit_announcement(user: User, announcement: Announcement) -> bool:
    # the author, while still allowed to write ...
    if announcement.author_id == user.pk and may_write_announcements(user):
        return True
    # ... or moderation and coordination, for what they can see
    return user.has_role(Role.COORDINATOR, Role.MODERATOR) and can_view(user, announcement)


def is_moderation(user: User, announcement: Announcement) -> bool:
    """Editing or deleting what someone else wrote (a privileged action)."""
    return announcement.author_id != user.pk


@transaction.atomic
def announcement_create(*, author: User, title: str, body: str, audience: Audience) -> Announcement:
    if not may_write_announcements(author):
        raise PermissionDenied(_("You may not write announcements."))
    announcement = Announcement(
        title=title,
        body=body,
        body_html=render_markdown(body),
        author=author,
        organisation=author.organisation,
    )
    audience_assign(announcement, audience)
    announcement.save()  # stores the audience too (AudienceMixin.save)
    return announcement


@transaction.atomic
def announcement_update(
    *, announcement: Announcement, by: User, title: str, body: str, audience: Audience
) -> Announcement:
    if not may_edit_announcement(by, announcement):
        raise PermissionDenied(_("You may not edit this announcement."))
    announcement.title = title
    announcement.body = body
    announcement.body_html = render_markdown(body)
    audience_assign(announcement, audience)
    # stores the audience in this transaction (AudienceMixin.save): a narrowed audience
    # holds before the editor hears "saved"
    announcement.save()
    return announcement


@transaction.atomic
def announcement_delete(*, announcement: Announcement, by: User) -> None:
    if not may_edit_announcement(by, announcement):
        raise PermissionDenied(_("You may not delete this announcement."))
    announcement.delete()
